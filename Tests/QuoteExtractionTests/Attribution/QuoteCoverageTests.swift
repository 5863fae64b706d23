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

  /// Letters are counted eight bytes at a time: every byte value, at every offset from an
  /// 8-byte boundary and with every tail length, counts as the byte-by-byte reading does.
  @Test func lettersCountedEightAtATimeEqualOneByOne() {
    var bytes: [UInt8] = []
    for round in 0..<3 {
      for value in 0...255 { bytes.append(UInt8((value * (2 * round + 1) + round) & 0xFF)) }
    }
    bytes.withUnsafeBufferPointer { all in
      for start in 0..<9 {
        for end in [start, start + 1, start + 7, start + 8, start + 9, all.count - 3, all.count] {
          let part = UnsafeBufferPointer(rebasing: all[start..<end])
          let expected = part.reduce(Int32(0)) { $0 + (QuoteCoverage.isLetter($1) ? 1 : 0) }
          #expect(QuoteCoverage.letters(part) == expected, "bytes \(start)..<\(end)")
        }
      }
    }
  }
}
