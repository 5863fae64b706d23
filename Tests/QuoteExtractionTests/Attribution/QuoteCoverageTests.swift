import Testing

@testable import QuoteExtraction

/// Typing reports by the letters inside quotation marks: read from the bytes, and from prefix
/// sums once fragments have been read more than twice over.
struct QuoteCoverageTests {
  func coverage(_ text: String) throws -> (QuoteCoverage, Document, [QuotedSpan]) {
    let document = try QuoteExtractor().segment(text)
    let quotes = QuoteScanner(document: document).scan().quotes
    return (QuoteCoverage(document: document, quotes: quotes), document, quotes)
  }

  func range(of part: String, in document: Document) throws -> Range<Int> {
    let bytes = Array(part.utf8)
    let start = try #require(
      document.utf8.indices.first { document.utf8[$0...].starts(with: bytes) }, "«\(part)»")
    return start..<(start + bytes.count)
  }

  @Test func lettersInsideMarksDecideTheType() throws {
    var (coverage, document, quotes) = try coverage(
      "He said “we will win today” and then he left the hall.")
    let quote = try #require(quotes.first)
    #expect(coverage.type(of: [quote.content]) == .direct)
    #expect(coverage.type(of: [try range(of: "win today” and then", in: document)]) == .mixed)
    #expect(coverage.type(of: [try range(of: "he left the hall", in: document)]) == .indirect)
  }

  @Test func answersStayTheSameAfterThePrefixSumsAreBuilt() throws {
    var (coverage, document, _) = try coverage(
      "“One two,” she said, “three” and four. “An unclosed one runs on\n\nA new paragraph.")
    let pieces = [
      0..<document.utf8.count, try range(of: "two,” she", in: document),
      try range(of: "three", in: document), try range(of: "unclosed one", in: document),
      try range(of: "A new paragraph", in: document), try range(of: "and four", in: document),
    ]
    let first = pieces.map { coverage.type(of: [$0]) }
    // The whole text read over and over passes the 2n bytes after which prefix sums answer.
    for _ in 0..<3 { _ = coverage.type(of: [0..<document.utf8.count]) }
    let second = pieces.map { coverage.type(of: [$0]) }
    #expect(first == second)
    #expect(first == [.mixed, .mixed, .direct, .direct, .indirect, .indirect])
  }

  /// Letters are told eight bytes at a time: for every byte value at every place in a word,
  /// its bit says what the byte-by-byte reading says.
  @Test func letterBitsOfAWordEqualOneByOne() {
    var bytes: [UInt8] = []
    for round in 0..<3 {
      for value in 0...255 { bytes.append(UInt8((value * (2 * round + 1) + round) & 0xFF)) }
    }
    for start in 0...(bytes.count - 8) {
      var word: UInt64 = 0
      for offset in 0..<8 { word |= UInt64(bytes[start + offset]) << UInt64(offset * 8) }
      let bits = QuoteCoverage.letterBits(word)
      for offset in 0..<8 {
        let bit = bits >> UInt64(offset * 8 + 7) & 1 == 1
        #expect(bit == QuoteCoverage.isLetter(bytes[start + offset]), "byte \(start + offset)")
      }
    }
  }

  /// A letter is found wherever it is, in the words read eight at a time or in the tail, and
  /// none is found in bytes without one.
  @Test func aLetterIsFoundAnywhere() {
    let none = (0...255).map { UInt8($0) }.filter { !QuoteCoverage.isLetter($0) }
    let letters = (0...255).map { UInt8($0) }.filter { QuoteCoverage.isLetter($0) }
    for count in [0, 1, 7, 8, 9, 16, 23] {
      var bytes = (0..<count).map { none[($0 * 7) % none.count] }
      bytes.withUnsafeBufferPointer { #expect(!QuoteCoverage.hasLetter($0), "\(count) bytes") }
      for position in 0..<count {
        for letter in letters {
          let kept = bytes[position]
          bytes[position] = letter
          bytes.withUnsafeBufferPointer {
            #expect(QuoteCoverage.hasLetter($0), "\(letter) at \(position) of \(count)")
          }
          bytes[position] = kept
        }
      }
    }
  }
}
