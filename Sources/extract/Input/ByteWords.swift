/// Word-at-a-time byte tests (the "hasless" and "haszero" tricks), for the scanning loops that
/// skip plain text eight bytes at a time.
enum ByteWords {
  static let ones: UInt64 = 0x0101_0101_0101_0101
  static let highs: UInt64 = 0x8080_8080_8080_8080

  /// Whether some byte of `word` is below `limit` (exact for `limit` ≤ 128).
  @inline(__always)
  static func hasByte(below limit: UInt8, in word: UInt64) -> Bool {
    ((word &- ones &* UInt64(limit)) & ~word & highs) != 0
  }

  /// Whether some byte of `word` equals `value`.
  @inline(__always)
  static func hasByte(_ value: UInt8, in word: UInt64) -> Bool {
    let masked = word ^ (ones &* UInt64(value))
    return ((masked &- ones) & ~masked & highs) != 0
  }

  /// Whether some byte of `word` is 0x80 or above.
  @inline(__always)
  static func hasHighByte(_ word: UInt64) -> Bool { word & highs != 0 }
}
