import Testing

@testable import TextSegmentation

@Test func wordBoundariesAreUTF8Offsets() throws {
  var iterator = try BreakIterator(.word)
  let text = Array("Él dijo “sí”.".utf8)
  let boundaries = try text.withUnsafeBufferPointer { try iterator.boundaries(in: $0) }
  #expect(boundaries.last == text.count)
  #expect(boundaries.first == 3)  // "Él" is three bytes
}

/// The boundary at or after each offset, asked one at a time, is the one the full pass reports.
@Test(arguments: [
  "", "Hi.", "Dr. Smith (AP). Then \u{1F600} left! “Why?” he asked.\nNext line. é. Ω.",
  "Ends with astral \u{10348}. Next \u{1D11E}? Yes. 日本語。テスト！ Done",
])
func boundaryFromAnOffsetMatchesTheFullPass(_ text: String) throws {
  let utf8 = Array(text.utf8)
  var full = try BreakIterator(.sentence)
  var lazy = try BreakIterator(.sentence)
  try utf8.withUnsafeBufferPointer { buffer in
    let boundaries = try full.boundariesOverUTF16(in: buffer, linesAsSpaces: true)
    try lazy.bindOverUTF16(buffer, linesAsSpaces: true)
    let scalarStarts = (0...utf8.count).filter { $0 == utf8.count || utf8[$0] & 0xC0 != 0x80 }
    // Increasing offsets, then a few going back (which restart the offset mapping).
    for offset in scalarStarts + scalarStarts.reversed().prefix(5) {
      let expected = boundaries.first { $0 >= max(offset, 1) }
      #expect(
        lazy.boundary(from: offset) == expected, "offset \(offset) of \(text.debugDescription)")
    }
  }
}
