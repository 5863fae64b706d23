/// Word-at-a-time byte tests (the "hasless" and "haszero" tricks), for the scanning loops that
/// skip plain text eight bytes at a time.
///
/// Each test has a mask form: the high bit of each byte found. Only the lowest byte flagged is
/// sure to be one (a borrow runs upward from a byte found and can flag bytes above it), so a
/// scan takes the first byte of a mask and no other.
enum ByteWords {
  static let ones: UInt64 = 0x0101_0101_0101_0101
  static let highs: UInt64 = 0x8080_8080_8080_8080

  /// The bytes of `word` below `limit` (exact for `limit` ≤ 128, up to the lowest one).
  @inline(__always)
  static func bytes(below limit: UInt8, in word: UInt64) -> UInt64 {
    (word &- ones &* UInt64(limit)) & ~word & highs
  }

  /// The bytes of `word` equal to `value` (exact up to the lowest one).
  @inline(__always)
  static func bytes(_ value: UInt8, in word: UInt64) -> UInt64 {
    bytes(below: 1, in: word ^ (ones &* UInt64(value)))
  }

  /// The bytes of `word` above `limit` (exact for `limit` < 128, up to the lowest one).
  @inline(__always)
  static func bytes(above limit: UInt8, in word: UInt64) -> UInt64 {
    ((word &+ ones &* UInt64(127 - limit)) | word) & highs
  }

  /// Whether some byte of `word` is below `limit` (exact for `limit` ≤ 128).
  @inline(__always)
  static func hasByte(below limit: UInt8, in word: UInt64) -> Bool {
    bytes(below: limit, in: word) != 0
  }

  /// Whether some byte of `word` equals `value`.
  @inline(__always)
  static func hasByte(_ value: UInt8, in word: UInt64) -> Bool { bytes(value, in: word) != 0 }
}
