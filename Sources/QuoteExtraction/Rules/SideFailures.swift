/// The sides of rules (see ``RuleProgram/Entry/forwardSide``) that failed at one anchor: the
/// matcher tries the rules anchor by anchor, and a side shared by several rules (the
/// adjuncts and punctuation after "said", the speaker before it) that failed for one fails
/// for the others, whose tries then stop before reading anything.
///
/// A class, so the matcher (a struct) updates it in place. Used by one task.
final class SideFailures {
  /// The anchor the failures were found at.
  private var anchor = -1
  /// One bit per side.
  private let bits: UnsafeMutableBufferPointer<UInt64>

  /// An empty set for `sides` sides.
  init(sides: Int) {
    bits = .allocate(capacity: max(1, (sides + 63) / 64))
    bits.initialize(repeating: 0)
  }

  deinit { bits.deallocate() }

  /// Goes to anchor `token`: the failures found at another anchor are forgotten.
  @inline(__always)
  func move(to token: Int) {
    guard token != anchor else { return }
    anchor = token
    for word in bits.indices { bits[word] = 0 }
  }

  /// Whether side `side` failed at the current anchor.
  @inline(__always)
  func contains(_ side: Int) -> Bool {
    bits[side >> 6] & (UInt64(1) << UInt64(side & 63)) != 0
  }

  /// Notes that side `side` failed at the current anchor.
  @inline(__always)
  func insert(_ side: Int) {
    bits[side >> 6] |= UInt64(1) << UInt64(side & 63)
  }
}
