import Foundation
import QuoteExtraction
import QuoteExtractionTestSupport
import Testing

/// Loading the hostile fixtures, and timing a hostile text against plain text of the same size.
enum HostileText {
  /// The bytes of `Fixtures/hostile/NAME`.
  static func fixture(_ name: String, sourceLocation: SourceLocation = #_sourceLocation) throws
    -> [UInt8]
  {
    let url = Fixtures.url("hostile/\(name)")
    let data = try #require(
      FileManager.default.contents(atPath: url.path), "missing \(url.path)",
      sourceLocation: sourceLocation)
    return Array(data)
  }

  /// English prose with quotations, repeated to about `size` bytes: the baseline that hostile
  /// texts of the same size are timed against.
  static func plain(size: Int) -> [UInt8] {
    let paragraph = Array(
      """
      “We are ready to work with the new government,” the minister said on Tuesday, adding that \
      talks would resume next week. Officials in the capital said the plan was not final.


      """.utf8)
    return repeated(paragraph, toSize: size)
  }

  /// `unit` repeated until the result has `size` bytes or a little more (whole units only).
  static func repeated(_ unit: [UInt8], toSize size: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    bytes.reserveCapacity(size + unit.count)
    while bytes.count < size { bytes.append(contentsOf: unit) }
    return bytes
  }

  /// The best of `runs` timings of extracting `bytes`, in seconds.
  static func seconds(
    _ bytes: [UInt8], extractor: QuoteExtractor, runs: Int = 3
  ) throws -> Double {
    var best = Double.infinity
    for _ in 0..<runs {
      let elapsed = try ThreadTime.measure { _ = try extractor.extract(utf8: bytes) }
      let seconds =
        Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
      best = min(best, seconds)
    }
    return best
  }

  /// Expects extracting `hostile` to take at most `factor` times as long as plain text of the
  /// same size, timed in the same test (an absolute bound would depend on the machine).
  static func expectTimeLikePlainText(
    _ hostile: [UInt8], factor: Double, extractor: QuoteExtractor, _ what: String,
    sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let runs = hostile.count > 50_000 ? 1 : 2
    let plainTime = try seconds(plain(size: hostile.count), extractor: extractor, runs: runs)
    let hostileTime = try seconds(hostile, extractor: extractor, runs: runs)
    let ratio = hostileTime / max(plainTime, 1e-6)
    print(
      "\(what): \(hostile.count) bytes in \(Int(hostileTime * 1000)) ms, plain text "
        + "\(Int(plainTime * 1000)) ms, ratio \((ratio * 100).rounded() / 100)")
    #expect(
      ratio <= factor, "\(what) takes \(ratio)× as long as plain text of the same size",
      sourceLocation: sourceLocation)
  }

  /// Whether the tests run an optimized build (`swift test -c release`), where the largest
  /// generated inputs are used at full size.
  static var optimized: Bool {
    #if DEBUG
      false
    #else
      true
    #endif
  }
}

extension ExtractionResult {
  /// The contents of the quoted spans, in order, parts of multi-paragraph quotations left out.
  var quoteTexts: [String] {
    quotes.filter { $0.part == nil }.map { document.text($0.content) }
  }
}
