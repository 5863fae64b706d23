import Testing

@testable import QuoteExtraction

/// The word-at-a-time searches give what a byte-by-byte loop gives, for the bytes they look for
/// at every position of a word and next to bytes that could fool the tricks (a borrow from a
/// byte below, high bytes, bytes one off the target).
struct ByteScanTests {
  /// Bytes around the targets: one below and above each, high bytes, continuation bytes.
  static let filler: [UInt8] = [
    0x00, 0x09, 0x0B, 0x0C, 0x0E, 0x20, 0x21, 0x61, 0x7F, 0x80, 0xBF, 0xC3, 0xE2, 0xF0, 0xFF,
  ]

  /// Bytes around the brackets: one below and above each, and the same with the high bit set.
  static let bracketFiller: [UInt8] = [
    0x00, 0x20, 0x27, 0x2A, 0x2B, 0x5A, 0x5C, 0x5E, 0x61, 0xA8, 0xA9, 0xAA, 0xDB, 0xDD, 0xFF,
  ]

  /// Texts of every length up to 24 with a byte from `filler` everywhere and one `target`
  /// (or none) at every position.
  static func texts(target: UInt8?, filler: [UInt8] = filler) -> [[UInt8]] {
    var texts: [[UInt8]] = []
    for length in 0...24 {
      for shift in 0..<filler.count {
        let base = (0..<length).map { filler[($0 * 7 + shift) % filler.count] }
        guard let target else {
          texts.append(base)
          continue
        }
        for position in 0..<length {
          var text = base
          text[position] = target
          texts.append(text)
        }
      }
    }
    return texts
  }

  @Test(arguments: [0x0A, 0x0D, nil] as [UInt8?])
  func lineBreakIsTheFirstOne(target: UInt8?) {
    for text in Self.texts(target: target) {
      text.withUnsafeBufferPointer { buffer in
        for start in 0...text.count {
          let expected =
            text[start...].firstIndex { $0 == 0x0A || $0 == 0x0D } ?? text.count
          #expect(ByteScan.lineBreak(in: buffer, from: start) == expected, "\(text) from \(start)")
        }
      }
    }
  }

  @Test(arguments: [0x28, 0x29, 0x5B, 0x5D, nil] as [UInt8?])
  func bracketIsTheFirstOne(target: UInt8?) {
    let brackets: [UInt8] = [0x28, 0x29, 0x5B, 0x5D]
    for text in Self.texts(target: target, filler: Self.bracketFiller) {
      text.withUnsafeBufferPointer { buffer in
        for start in 0...text.count {
          let expected = text[start...].firstIndex { brackets.contains($0) } ?? text.count
          #expect(ByteScan.bracket(in: buffer, from: start) == expected, "\(text) from \(start)")
        }
      }
    }
  }

  @Test func wordCountsMatchTheBytes() {
    for text in Self.texts(target: 0x0A) where text.count >= 8 {
      text.withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        let word = ByteScan.word(base, 0)
        let bytes = text[0..<8]
        #expect(
          ByteScan.count(ByteScan.continuations(word)) == bytes.count { $0 & 0xC0 == 0x80 })
        #expect(ByteScan.count(ByteScan.fourByteLeads(word)) == bytes.count { $0 >= 0xF0 })
        let below = ByteScan.below(0x21, word)
        let firstBelow = bytes.firstIndex { $0 < 0x21 }
        #expect((below == 0 ? nil : below.trailingZeroBitCount / 8) == firstBelow)
      }
    }
  }

  /// Every byte in turn, as an ASCII lower-case letter's neighbour (or not).
  @Test func notLowercaseFlagsEveryOtherByte() {
    for value in 0...255 {
      for position in 0..<8 {
        var bytes = [UInt8](repeating: UInt8(ascii: "m"), count: 8)
        bytes[position] = UInt8(value)
        let word = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
        let flagged = (0..<8).filter { ByteScan.notLowercase(word) >> ($0 * 8 + 7) & 1 == 1 }
        let expected = UInt8(value) &- 0x61 < 26 ? [] : [position]
        #expect(flagged == expected, "\(value) at \(position)")
      }
    }
  }

  @Test(arguments: [UInt8(ascii: "a"), UInt8(ascii: "z")])
  func lowercaseRunEndsWhereTheBytesSay(letter: UInt8) {
    // Runs of every length up to 24 from every start, ended by each filler byte, a letter's
    // neighbours (` { @ [) or the end (of the buffer, or of a range shorter than it).
    let stops = Self.filler + [0x60, 0x7B, 0x40, 0x5B, 0x41, 0x5A]
    for length in 0...24 {
      for stop in stops {
        let text = [UInt8](repeating: letter, count: length) + [stop] + Array("abc".utf8)
        text.withUnsafeBufferPointer { buffer in
          for start in 0...text.count {
            for end in start...text.count {
              var expected = start
              while expected < end && text[expected] &- 0x61 < 26 { expected += 1 }
              #expect(
                ByteScan.lowercaseRunEnd(in: buffer, from: start, to: end) == expected,
                "\(text) from \(start) to \(end)")
            }
          }
        }
      }
    }
  }

  @Test func asciiIsFoundWhereverAHighByteIs() {
    for length in [0, 1, 31, 32, 33, 64, 70] {
      let plain = [UInt8](repeating: 0x7F, count: length)
      #expect(plain.withUnsafeBufferPointer { ByteScan.isASCII($0) })
      for position in 0..<length {
        var text = plain
        text[position] = 0x80
        #expect(!text.withUnsafeBufferPointer { ByteScan.isASCII($0) }, "\(length) at \(position)")
      }
    }
  }
}
