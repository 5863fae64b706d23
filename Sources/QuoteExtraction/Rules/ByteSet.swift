/// A set of bytes (256 bits inline): the bytes a token may start with to pass some anchor
/// tests, a superset (see ``RuleProgram/AnchorGroup``).
struct ByteSet {
  /// Every byte may, when an anchor has no spelling to test.
  var any = false
  private var bits = InlineArray<4, UInt64>(repeating: 0)

  init() {}

  /// The set of one byte.
  init(_ byte: UInt8) { insert(byte) }

  mutating func insert(_ byte: UInt8) {
    bits[Int(byte >> 6)] |= UInt64(1) << UInt64(byte & 63)
  }

  func contains(_ byte: UInt8) -> Bool {
    bits[Int(byte >> 6)] & (UInt64(1) << UInt64(byte & 63)) != 0
  }

  /// Whether a token starting with `byte` may pass: the byte, or the byte lower-cased (ASCII),
  /// is in the set.
  func mayStart(_ byte: UInt8) -> Bool {
    any || contains(byte) || contains(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
  }
}
