import Testing

@testable import QuoteExtraction

/// The document build's UTF-8 check (``UTF8Repair/isValid(_:)``) agrees with the standard
/// library's on every sequence of two bytes, on three- and four-byte sequences made of the bytes
/// at the edges of each range the standard allows, and on random bytes, each one at every
/// offset of an ASCII run (so that the word-at-a-time skip meets it at each position of a word).
struct UTF8ValidityTests {
  /// The bytes at the edges of the ranges of table 3-7 (and the ones just past them).
  static let edges: [UInt8] = [
    0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
    0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF,
  ]

  static func agrees(_ sequence: [UInt8]) -> Bool {
    // Before it, ASCII of every length up to a word and a half; after it, one ASCII byte.
    for prefix in [0, 1, 5, 7, 8, 11] {
      let text = [UInt8](repeating: 0x61, count: prefix) + sequence + [0x62]
      let expected = text.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) } != nil
      let found = text.withUnsafeBufferPointer(UTF8Repair.isValid)
      let bare = sequence.withUnsafeBufferPointer(UTF8Repair.isValid)
      guard found == expected, bare == expected else { return false }
    }
    return true
  }

  @Test func everyTwoByteSequence() {
    var disagreements: [[UInt8]] = []
    for first in 0...255 {
      for second in 0...255 {
        let sequence = [UInt8(first), UInt8(second)]
        let text = sequence.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) }
        if sequence.withUnsafeBufferPointer(UTF8Repair.isValid) != (text != nil) {
          disagreements.append(sequence)
        }
      }
    }
    #expect(disagreements.isEmpty)
  }

  @Test func longerSequencesFromTheRangesEdges() {
    var disagreements: [[UInt8]] = []
    for first in 0xC0...0xFF {
      for second in Self.edges {
        for third in Self.edges {
          let three = [UInt8(first), second, third]
          if !Self.agrees(three) { disagreements.append(three) }
          for fourth in Self.edges where first >= 0xF0 {
            let four = three + [fourth]
            if !Self.agrees(four) { disagreements.append(four) }
          }
        }
      }
    }
    #expect(disagreements.isEmpty)
    // Cut short at the text's end.
    for cut in [[0xC3], [0xE2, 0x80], [0xF0, 0x9F, 0x98]] as [[UInt8]] {
      #expect(!cut.withUnsafeBufferPointer(UTF8Repair.isValid))
      #expect(!([0x61] + cut).withUnsafeBufferPointer(UTF8Repair.isValid))
    }
  }

  @Test func randomTexts() {
    var generator = SystemRandomNumberGenerator()
    var disagreements: [[UInt8]] = []
    for _ in 0..<20_000 {
      let length = Int.random(in: 0...40, using: &generator)
      // Mostly ASCII, some high bytes, so that both valid and invalid texts come up.
      let text = (0..<length).map { _ in
        Int.random(in: 0..<4, using: &generator) == 0
          ? UInt8.random(in: 0x80...0xFF, using: &generator)
          : UInt8.random(in: 0x20...0x7E, using: &generator)
      }
      let expected = text.withUnsafeBufferPointer { String(validating: $0, as: UTF8.self) } != nil
      if text.withUnsafeBufferPointer(UTF8Repair.isValid) != expected {
        disagreements.append(text)
      }
    }
    #expect(disagreements.isEmpty)
    // Real text: curly quotes, accents, an emoji.
    let text = Array("“Déjà vu,” she said — 😀 ‘naïve’".utf8)
    #expect(text.withUnsafeBufferPointer(UTF8Repair.isValid))
  }
}
