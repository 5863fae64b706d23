import Testing

@testable import TextSegmentation

@Test func wordBoundariesAreUTF8Offsets() throws {
  var iterator = try BreakIterator(.word)
  let text = Array("Él dijo “sí”.".utf8)
  let boundaries = try text.withUnsafeBufferPointer { try iterator.boundaries(in: $0) }
  #expect(boundaries.last == text.count)
  #expect(boundaries.first == 3)  // "Él" is three bytes
}
