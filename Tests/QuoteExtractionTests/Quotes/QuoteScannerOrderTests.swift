import Testing

@testable import QuoteExtraction

/// The scanner orders its spans by insertion, with a general sort past a bound: both must give
/// the order the stable sort gives, ties included.
@Test(arguments: [0, 3, 1_000_000])
func insertionOrderMatchesTheStableSort(moveLimit: Int) {
  // A fixed linear congruential generator: the same arrays on every run.
  var state: UInt64 = 0x9E37_79B9_7F4A_7C15
  func next(_ bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(bound))
  }
  func inOrder(_ a: FoundSpan, _ b: FoundSpan) -> Bool {
    a.span.openMark.lowerBound != b.span.openMark.lowerBound
      ? a.span.openMark.lowerBound < b.span.openMark.lowerBound
      : a.outerEnd > b.outerEnd
  }
  for _ in 0..<200 {
    // Few distinct starts and ends, so that ties are common; `openToken` tells spans apart.
    let spans = (0..<next(40)).map { position in
      let start = next(10)
      let end = start + 1 + next(5)
      return FoundSpan(
        span: QuotedSpan(
          content: (start + 1)..<end, openMark: start..<(start + 1), closeMark: end..<(end + 1),
          paragraphs: 0...0),
        openToken: position, closeToken: nil)
    }
    var sorted = spans
    sorted.sort(by: inOrder)
    var inserted = spans
    if !QuoteScanner.insertionSort(&inserted, by: inOrder, moveLimit: moveLimit) {
      inserted.sort(by: inOrder)
    }
    #expect(inserted.map(\.openToken) == sorted.map(\.openToken))
  }
}
