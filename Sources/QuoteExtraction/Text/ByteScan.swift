/// Word-at-a-time byte tests (the "haszero" and "hasless" tricks) for the loops that walk a
/// whole text: eight bytes a step where plain text holds nothing to find.
///
/// Each test returns a mask with the high bit set in the bytes it found. Only the lowest set
/// bit is exact (a borrow can flag a byte above a true one), which is all a search needs: the
/// first byte found is at `mask.trailingZeroBitCount / 8`.
/// NB: words are loaded little-endian (byte 0 in the low bits), as on every platform Swift
/// supports on Linux and macOS.
enum ByteScan {
  static let ones: UInt64 = 0x0101_0101_0101_0101
  static let highs: UInt64 = 0x8080_8080_8080_8080

  /// The bytes of `word` equal to `value`.
  @inline(__always)
  static func equal(_ value: UInt8, _ word: UInt64) -> UInt64 {
    let masked = word ^ (ones &* UInt64(value))
    return (masked &- ones) & ~masked & highs
  }

  /// The bytes of `word` below `limit` (which must be at most 128).
  @inline(__always)
  static func below(_ limit: UInt8, _ word: UInt64) -> UInt64 {
    (word &- ones &* UInt64(limit)) & ~word & highs
  }

  /// The continuation bytes (10xxxxxx) of `word`: exact in every byte, for counting.
  @inline(__always)
  static func continuations(_ word: UInt64) -> UInt64 {
    // Shifted left by one, bit 7 of each byte holds the byte's bit 6.
    word & ~(word << 1) & highs
  }

  /// Eight bytes with their ASCII upper-case letters lower-cased, as `ByteLexicon.lower(_:)`
  /// does one byte: exact in every byte.
  /// NB: each byte's seven low bits plus 0x3F reach its high bit from "A" on, plus 0x25 from
  /// the byte after "Z" on: no carry crosses bytes, and bytes of 0x80 and above are left alone.
  @inline(__always)
  static func lowercased(_ word: UInt64) -> UInt64 {
    let low = word & ~highs
    let upper = (low &+ ones &* 0x3F) & ~(low &+ ones &* 0x25) & ~word & highs
    return word | upper >> 2
  }

  /// The bytes of `word` that are not ASCII lower-case letters (a–z): exact in every byte.
  /// NB: each byte's seven low bits plus 0x1F reach its high bit from "a" on, plus 0x05 from
  /// the byte after "z" on: no carry crosses bytes, and bytes of 0x80 and above are flagged.
  @inline(__always)
  static func notLowercase(_ word: UInt64) -> UInt64 {
    let low = word & ~highs
    return ~((low &+ ones &* 0x1F) & ~(low &+ ones &* 0x05) & ~word) & highs
  }

  /// The end of the run of ASCII lower-case letters that starts at `start`: the first index
  /// from `start` on that holds another byte, or `end`.
  ///
  /// NB: most of a text's bytes are such runs (the letters of a word after its first), which
  /// the tokenizer walked a byte a step.
  @inline(__always)
  static func lowercaseRunEnd(in utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
    -> Int
  {
    var index = start
    if let base = utf8.baseAddress {
      // Offsets within the text cannot overflow: wrapping arithmetic spares a check a step.
      while end &- index >= 8 {
        let found = notLowercase(word(base, index))
        if found != 0 { return index &+ found.trailingZeroBitCount >> 3 }
        index &+= 8
      }
    }
    while index < end && utf8[index] &- 0x61 < 26 { index &+= 1 }
    return index
  }

  /// The lead bytes of four-byte sequences (11110xxx, or above) of `word`: exact in every byte.
  @inline(__always)
  static func fourByteLeads(_ word: UInt64) -> UInt64 {
    word & (word << 1) & (word << 2) & (word << 3) & highs
  }

  /// The number of bytes a mask from ``continuations(_:)`` or ``fourByteLeads(_:)`` flags.
  ///
  /// NB: one multiply that sums the flags (each byte's is 0 or 1) rather than
  /// `nonzeroBitCount`, which builds for baseline x86-64 without the POPCNT instruction and
  /// counts bits in a dozen operations.
  @inline(__always)
  static func count(_ mask: UInt64) -> Int {
    Int(((mask >> 7) &* ones) >> 56)
  }

  /// Whether every byte of `utf8` is ASCII.
  static func isASCII(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    var index = 0
    let count = utf8.count
    if let base = utf8.baseAddress {
      // Four words a step: an OR of them keeps any high bit.
      while count - index >= 32 {
        let any =
          word(base, index) | word(base, index + 8) | word(base, index + 16)
          | word(base, index + 24)
        if any & highs != 0 { return false }
        index += 32
      }
    }
    while index < count {
      if utf8[index] >= 0x80 { return false }
      index += 1
    }
    return true
  }

  /// The eight bytes at `index` of `base`.
  @inline(__always)
  static func word(_ base: UnsafePointer<UInt8>, _ index: Int) -> UInt64 {
    UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
  }

  /// The index of the first line feed or carriage return at or after `start`, or the end.
  @inline(__always)
  static func lineBreak(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    first(in: utf8, from: start) {
      equal(0x0A, $0) | equal(0x0D, $0)
    } byte: {
      $0 == 0x0A || $0 == 0x0D
    }
  }

  /// The index of the first round or square bracket (`(`, `)`, `[`, `]`) at or after `start`,
  /// or the end.
  @inline(__always)
  static func bracket(in utf8: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
    // NB: "(" and ")" differ in their lowest bit alone, so one test finds both.
    first(in: utf8, from: start) {
      equal(0x28, $0 & ~ones) | equal(0x5B, $0) | equal(0x5D, $0)
    } byte: {
      $0 & 0xFE == 0x28 || $0 == 0x5B || $0 == 0x5D
    }
  }

  /// The index of the first byte at or after `start` that `byte` accepts, or the end; `word`
  /// flags the same bytes eight at a time (its lowest flag exact, as the tests above give).
  @inline(__always)
  private static func first(
    in utf8: UnsafeBufferPointer<UInt8>, from start: Int, word test: (UInt64) -> UInt64,
    byte accepts: (UInt8) -> Bool
  ) -> Int {
    var index = start
    let count = utf8.count
    if let base = utf8.baseAddress {
      while count - index >= 8 {
        let found = test(word(base, index))
        if found != 0 { return index + found.trailingZeroBitCount >> 3 }
        index += 8
      }
    }
    while index < count && !accepts(utf8[index]) { index += 1 }
    return index
  }
}
