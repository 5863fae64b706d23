import Foundation

/// Finds the repository's fixtures and the shared corpora beside the checkout.
public enum Fixtures {
  /// The repository root, found from this file's path.
  public static let root: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// A file under `Fixtures/`.
  public static func url(_ path: String) -> URL {
    root.appendingPathComponent("Fixtures").appendingPathComponent(path)
  }

  /// The `shared` folder beside the checkout (`../shared`), or nil when it is absent.
  /// The built `extract` binary: beside the test bundle (`swift test` builds it for the test
  /// targets that depend on it), or in `.build/debug`; nil when there is none.
  public static let extractBinary: URL? = {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = folder.appendingPathComponent("extract")
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      folder = folder.deletingLastPathComponent()
    }
    let debug = root.appendingPathComponent(".build/debug/extract")
    return FileManager.default.isExecutableFile(atPath: debug.path) ? debug : nil
  }()

  /// The `text` of every record of `../shared/corpora/NAME.jsonl`, in order; nil (with a
  /// message saying the tests using it are skipped) when `../shared` is absent.
  public static func corpusTexts(_ name: String) throws -> [String]? {
    guard let shared else {
      print("skipped: ../shared is absent, no corpus \(name) to compare on")
      return nil
    }
    let data = try Data(contentsOf: shared.appendingPathComponent("corpora/\(name).jsonl"))
    var texts: [String] = []
    for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
      let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
      if let text = object?["text"] as? String { texts.append(text) }
    }
    return texts
  }

  public static var shared: URL? {
    let url = root.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }
}
