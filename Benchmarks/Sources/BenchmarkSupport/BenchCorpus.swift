import Foundation

/// The texts the benchmarks run on: `../shared/corpora/bench-sample.jsonl` beside the checkout,
/// or `$QX_BENCH_CORPUS` when set.
public enum BenchCorpus {
  /// The folder of the benchmark package.
  static let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The path of the sample corpus.
  public static var path: String {
    if let custom = ProcessInfo.processInfo.environment["QX_BENCH_CORPUS"] { return custom }
    return packageRoot.deletingLastPathComponent().deletingLastPathComponent()
      .appendingPathComponent("shared/corpora/bench-sample.jsonl").path
  }

  /// The documents' texts as UTF-8 bytes, read once.
  public static let documents: [[UInt8]] = {
    guard let data = FileManager.default.contents(atPath: path) else {
      FileHandle.standardError.write(Data("bench corpus not found at \(path)\n".utf8))
      return []
    }
    var texts: [[UInt8]] = []
    for line in data.split(separator: UInt8(ascii: "\n")) {
      guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
        let text = object["text"] as? String
      else { continue }
      texts.append(Array(text.utf8))
    }
    return texts
  }()

  /// All documents joined by blank lines: one long document.
  public static let joined: [UInt8] = Array(documents.joined(separator: Array("\n\n".utf8)))

  /// The total number of bytes in ``documents``.
  public static let byteCount: Int = documents.reduce(0) { $0 + $1.count }

  /// A short news-like document (about 1 KB) written for the benchmarks.
  public static let short: [UInt8] = Array(
    """
    WASHINGTON (AP) — The senator said Tuesday that the bill was “dead on arrival” and would \
    not reach the floor before the recess.

    “We have done our part,” said Rep. Jane Doe, a Democrat from Ohio. “Now it is up to them.”

    According to a statement from the White House, the president will meet both leaders on \
    Friday. Officials said the talks could last into the weekend, and one aide told reporters \
    that nothing had been agreed.
    """.utf8)
}
