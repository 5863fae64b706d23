import Foundation
import Testing

@testable import QuoteExtraction

/// Odd input yields a document, never a crash, and stays linear.
struct HostileInputTests {
  /// Checks the invariants every document keeps: ranges in order, on scalar boundaries,
  /// sentences inside paragraphs.
  static func checkInvariants(
    _ document: Document, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let utf8 = document.utf8
    func onBoundary(_ offset: Int) -> Bool {
      offset == utf8.count || (offset >= 0 && offset < utf8.count && utf8[offset] & 0xC0 != 0x80)
    }
    var violations = 0
    var previousEnd = 0
    for token in document.tokens {
      let range = token.utf8Range
      if range.lowerBound < previousEnd || range.isEmpty || !onBoundary(range.lowerBound)
        || !onBoundary(range.upperBound)
      {
        violations += 1
      }
      previousEnd = range.upperBound
    }
    previousEnd = 0
    for sentence in document.sentences {
      let range = sentence.utf8Range
      if range.lowerBound < previousEnd || range.isEmpty || !onBoundary(range.lowerBound)
        || !onBoundary(range.upperBound)
      {
        violations += 1
      }
      previousEnd = range.upperBound
    }
    #expect(
      violations == 0, "ranges out of order or off scalar boundaries",
      sourceLocation: sourceLocation)
  }

  @Test(arguments: ["", " ", "\n\n\n", " \t \r\n  \n"])
  func emptyOrBlankTextHasNoSentences(text: String) throws {
    let document = try Document(text: text)
    #expect(document.sentences.isEmpty)
    #expect(document.tokens.isEmpty)
  }

  @Test func invalidUTF8IsReplacedAndReported() throws {
    var bytes = Array("He said “yes.” ".utf8)
    bytes += [0xFF, 0xC3, 0x28, 0xE2, 0x82]
    bytes += Array(" Then he left.".utf8)
    let document = try Document(utf8: bytes)
    #expect(document.diagnostics.contains { $0.code == "invalid-utf8" })
    #expect(document.text.unicodeScalars.contains("\u{FFFD}"))
    #expect(document.text.hasSuffix("Then he left."))
    #expect(!document.sentences.isEmpty)
    Self.checkInvariants(document)
  }

  @Test func nulBytesAreKept() throws {
    let text = "One.\u{0}Two.\u{0}\u{0} Three?"
    let document = try Document(text: text)
    #expect(document.utf8.count == text.utf8.count)
    #expect(!document.sentences.isEmpty)
    Self.checkInvariants(document)
  }

  /// NB: 4 MB rather than 50 MB keeps the debug build within seconds; the code path is the
  /// same (one paragraph, no newline, ICU and the repair both linear). The time limit is loose
  /// because debug builds on a shared machine vary; a quadratic pass would take hours.
  @Test func hugeParagraphWithoutNewlineIsSegmented() throws {
    let sentence = Array("Mr. Smith said the U.S. plan (see No. 4) was “fine.” Then he left. ".utf8)
    let repeats = 4_000_000 / sentence.count
    var bytes: [UInt8] = []
    bytes.reserveCapacity(sentence.count * repeats)
    for _ in 0..<repeats { bytes += sentence }
    let clock = ContinuousClock()
    let start = clock.now
    let document = try Document(utf8: bytes)
    let elapsed = clock.now - start
    #expect(document.paragraphs.count == 1)
    #expect(document.sentences.count == repeats * 2)
    #expect(elapsed < .seconds(60))
  }

  @Test(arguments: ["\"", "“", "”", "'", "«", "‘"])
  func textOfNothingButQuotationMarks(mark: String) throws {
    let text =
      String(repeating: mark, count: 20_000) + "\n\n" + String(repeating: mark + " ", count: 20_000)
    let document = try Document(text: text)
    Self.checkInvariants(document)
  }

  @Test func hostileUnicodeLandsOnScalarBoundaries() throws {
    let text =
      "👩‍👩‍👧 said “hi.” שלום! 你好。他说：「好。」 e\u{301}tait. ‮reversed‬ 𝔘.𝔖. ok.\r\n\r\nNext‽ Done…"
    let document = try Document(text: text)
    Self.checkInvariants(document)
    #expect(document.sentences.count >= 3)
  }

  @Test func manyTerminatorsAndBracketsStayLinear() throws {
    let text = String(repeating: "(. ! ? [1] “a.” ", count: 50_000)
    let clock = ContinuousClock()
    let start = clock.now
    let document = try Document(text: text)
    #expect(clock.now - start < .seconds(20))
    Self.checkInvariants(document)
  }
}
