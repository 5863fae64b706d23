import Testing

@testable import QuoteExtraction

/// Offset conversions at every scalar boundary of texts that put one-, two-, three- and
/// four-byte scalars at every position of the eight-byte words and 32-byte blocks the index
/// counts over.
struct OffsetIndexTests {
  /// A text of `count` scalars drawn from `palette` by a fixed linear congruential sequence.
  static func text(seed: UInt64, count: Int, palette: [Unicode.Scalar]) -> String {
    var state = seed
    var scalars = String.UnicodeScalarView()
    for _ in 0..<count {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      scalars.append(palette[Int(state >> 33) % palette.count])
    }
    return String(scalars)
  }

  static let palettes: [[Unicode.Scalar]] = [
    ["a", " ", "é", "“", "👍"],
    ["a", "b", "c", "d", "e", "f", "g", "👍"],
    ["日", "本", "😀", "x"],
    ["é", "\u{10FFFF}", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}"],
  ]

  /// The ranges between scalar boundaries up to 40 scalars apart (in one block and across
  /// blocks) whose two ends, converted together, differ from each converted alone.
  func rangeMismatches(_ text: String, _ index: OffsetIndex) -> Int {
    var boundaries = [(utf8: 0, scalars: 0, utf16: 0)]
    for scalar in text.unicodeScalars {
      let last = boundaries[boundaries.count - 1]
      boundaries.append(
        (last.utf8 + scalar.utf8.count, last.scalars + 1, last.utf16 + scalar.utf16.count))
    }
    var mismatches = 0
    for (position, start) in boundaries.enumerated() {
      for end in boundaries[position..<min(position + 40, boundaries.count)] {
        let codePoints = index.codePointOffsets(start.utf8..<end.utf8)
        let units = index.utf16Offsets(start.utf8..<end.utf8)
        if codePoints != (start.scalars, end.scalars) || units != (start.utf16, end.utf16) {
          mismatches += 1
        }
      }
    }
    return mismatches
  }

  @Test(arguments: 0..<palettes.count)
  func conversionsAgreeWithSwiftAtEveryBoundary(palette: Int) {
    for seed: UInt64 in 1...4 {
      let text = Self.text(seed: seed, count: 700, palette: Self.palettes[palette])
      let utf8 = Array(text.utf8)
      let index = OffsetIndex(utf8: utf8)
      var offset = 0
      var units = 0
      var mismatches = 0
      for (count, scalar) in text.unicodeScalars.enumerated() {
        if index.codePointOffset(utf8Offset: offset) != count
          || index.utf16Offset(utf8Offset: offset) != units
          || index.utf8Offset(codePointOffset: count) != offset
          || index.utf8Offset(utf16Offset: units) != offset
        {
          mismatches += 1
        }
        offset += scalar.utf8.count
        units += scalar.utf16.count
      }
      #expect(mismatches == 0)
      #expect(rangeMismatches(text, index) == 0)
      #expect(index.codePointOffset(utf8Offset: utf8.count) == text.unicodeScalars.count)
      #expect(index.utf16Offset(utf8Offset: utf8.count) == text.utf16.count)
    }
  }
}
