import QuoteExtraction
import Testing

/// A text with the expected quotation contents between ⟦ and ⟧ (nested for quotes within
/// quotes): `He said “⟦Hello⟧” to me`.
struct MarkedQuotes {
  /// The text without the markers.
  let text: String
  /// The expected content ranges, as UTF-8 byte offsets into ``text``, sorted.
  let expected: [Range<Int>]

  init(_ marked: String) {
    var bytes: [UInt8] = []
    var opens: [Int] = []
    var expected: [Range<Int>] = []
    for scalar in marked.unicodeScalars {
      switch scalar {
      case "⟦": opens.append(bytes.count)
      case "⟧":
        if let start = opens.popLast() { expected.append(start..<bytes.count) }
      default: bytes.append(contentsOf: String(scalar).utf8)
      }
    }
    self.text = String(decoding: bytes, as: UTF8.self)
    self.expected = expected.sorted {
      ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound)
    }
  }
}

/// Extracts the quotes of a marked text and checks that the closed spans that are not parts of
/// a multi-paragraph quotation are exactly the marked ones.
@discardableResult
func expectQuotes(
  _ marked: String, configuration: Configuration = Configuration(),
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> ExtractionResult {
  let marks = MarkedQuotes(marked)
  let result = try QuoteExtractor(configuration: configuration).extract(from: marks.text)
  let found = result.quotes.filter { $0.isClosed && $0.part == nil }.map(\.content)
    .sorted { ($0.lowerBound, $0.upperBound) < ($1.lowerBound, $1.upperBound) }
  let show = { (ranges: [Range<Int>]) in ranges.map { result.document.text($0) } }
  #expect(
    found == marks.expected, "found \(show(found)), expected \(show(marks.expected))",
    sourceLocation: sourceLocation)
  return result
}
