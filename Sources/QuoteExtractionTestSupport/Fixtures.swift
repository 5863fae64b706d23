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
  public static var shared: URL? {
    let url = root.deletingLastPathComponent().appendingPathComponent("shared")
    return FileManager.default.fileExists(atPath: url.path) ? url : nil
  }
}
