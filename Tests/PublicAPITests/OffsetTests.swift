import Foundation
import QuoteExtraction
import Testing

/// Offsets in the three units and as `String.Index`, checked against the standard library's own
/// counting on text that mixes one-, two-, three- and four-byte characters.
@Suite struct OffsetTests {
  static let texts = [
    "“We’re ready,” Ebrard said.",
    "👩‍👩‍👧 “Family first 🙂,” the mayor said of the 😀 plan.",
    "Café owners said “prices rose 20 %” — «ça suffit», said Zoë.",
    "「東京は大きい」と彼は言った。 “中文 text,” she said.",
    "שלום “עולם,” he said. مرحبا “بالعالم” she added.",
    "e\u{301}\u{301} “n\u{303}o,” said A\u{30A}sa.",
  ]

  /// Every range the result holds: quotations (content and marks) and attribution parts.
  static func ranges(of result: ExtractionResult) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    for quote in result.quotes {
      ranges.append(quote.content)
      ranges.append(quote.openMark)
      if let close = quote.closeMark { ranges.append(close) }
    }
    for attribution in result.attributions {
      ranges += attribution.fragments
      if let cue = attribution.cue { ranges.append(cue) }
      if let speaker = attribution.speaker { ranges.append(speaker) }
    }
    return ranges
  }

  @Test(arguments: texts)
  func unitsAgreeWithTheStandardLibrary(text: String) throws {
    let result = try QuoteExtractor().extract(from: text)
    #expect(!result.quotes.isEmpty)
    for range in Self.ranges(of: result) {
      let indices = result.stringRange(range)
      let utf8 = result.range(range, in: .utf8)
      let utf16 = result.range(range, in: .utf16)
      let codePoints = result.range(range, in: .codePoints)
      #expect(utf8 == range)
      #expect(text.utf8.distance(from: text.startIndex, to: indices.lowerBound) == range.lowerBound)
      #expect(
        text.utf16.distance(from: text.startIndex, to: indices.lowerBound) == utf16.lowerBound)
      #expect(
        text.utf16.distance(from: text.startIndex, to: indices.upperBound) == utf16.upperBound)
      #expect(
        text.unicodeScalars.distance(from: text.startIndex, to: indices.lowerBound)
          == codePoints.lowerBound)
      #expect(
        text.unicodeScalars.distance(from: text.startIndex, to: indices.upperBound)
          == codePoints.upperBound)
      #expect(String(text.unicodeScalars[indices]) == result.text(range))
    }
  }

  @Test(arguments: texts)
  func conversionsRoundTrip(text: String) throws {
    let result = try QuoteExtractor().extract(from: text)
    for range in Self.ranges(of: result) {
      for unit in OffsetUnit.allCases {
        #expect(result.utf8Range(result.range(range, in: unit), from: unit) == range)
      }
      #expect(result.utf8Range(result.stringRange(range)) == range)
    }
  }

  @Test func utf16OffsetsMatchFoundationsNSRange() throws {
    let text = "🙂 “Emoji take two UTF-16 units,” she said."
    let result = try QuoteExtractor().extract(from: text)
    let quote = try #require(result.quotes.first)
    let utf16 = result.range(quote.content, in: .utf16)
    let nsRange = NSRange(result.stringRange(quote.content), in: text)
    #expect(nsRange.location == utf16.lowerBound)
    #expect(nsRange.length == utf16.count)
  }

  @Test func stringRangeInAnotherStringChecksThatItIsTheSameText() throws {
    let text = "“Ready,” she said."
    let result = try QuoteExtractor().extract(from: text)
    let quote = try #require(result.quotes.first)
    let copy = String(decoding: Array(text.utf8), as: UTF8.self)
    let range = try #require(result.stringRange(quote.content, in: copy))
    #expect(copy[range] == "Ready,")
    #expect(result.stringRange(quote.content, in: "“Steady,” she said.") == nil)
  }

  @Test func outOfRangeOffsetsAreClampedNotTrapped() throws {
    let text = "“Ready,” she said."
    let result = try QuoteExtractor().extract(from: text)
    let end = text.utf8.count
    #expect(result.range(0..<(end + 50), in: .codePoints) == 0..<text.unicodeScalars.count)
    #expect(result.text(-3..<(end + 50)) == text)
    #expect(result.utf8Range(0..<1000, from: .utf16) == 0..<end)
  }
}
