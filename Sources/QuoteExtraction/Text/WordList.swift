/// A plain-text word list: one entry a line, `#` starts a comment, blank lines ignored.
///
/// Entries are lower-cased. Byte lookups allocate nothing: an entry of up to 16 bytes is packed,
/// with ASCII letters lower-cased, into a fixed-size key; longer entries are kept as strings and
/// found only by ``contains(_:)-(String)``.
struct WordList: Sendable {
  /// A word of at most 16 UTF-8 bytes, ASCII letters lower-cased, packed into two integers.
  struct Key: Hashable, Sendable {
    var low: UInt64 = 0
    var high: UInt64 = 0
    var count: UInt8 = 0

    /// The empty key (count 0): an empty slot of the table.
    init() {}

    /// The key of `bytes`, or nil when they are empty or longer than 16 bytes.
    init?(_ bytes: UnsafeBufferPointer<UInt8>) {
      guard !bytes.isEmpty, bytes.count <= 16 else { return nil }
      for (index, byte) in bytes.enumerated() {
        let lower = (byte >= 0x41 && byte <= 0x5A) ? byte | 0x20 : byte
        if index < 8 {
          low |= UInt64(lower) << (8 * UInt64(index))
        } else {
          high |= UInt64(lower) << (8 * UInt64(index - 8))
        }
      }
      count = UInt8(bytes.count)
    }
  }

  /// The short entries' keys in an open-addressing table (a power of two, at most half full;
  /// an empty slot has count 0).
  ///
  /// NB: not a `Set<Key>`: its SipHash cost more than the rest of a lookup, and the quote
  /// scanner and sentence repair look words up for every quotation and period.
  private var slots: [Key] = []
  /// The bit of every entry length (1...16) the list holds: most lookups end here.
  private var lengths: UInt32 = 0
  private var longEntries: Set<String> = []

  init(parsing text: String) {
    var keys: Set<Key> = []
    for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
      let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
      let text = content.trimmingWhitespace().lowercased()
      var entry = Array(text.utf8)
      guard !entry.isEmpty else { continue }
      let key = entry.withUnsafeMutableBufferPointer { Key(UnsafeBufferPointer($0)) }
      if let key { keys.insert(key) } else { longEntries.insert(text) }
    }
    var capacity = 4
    while capacity < 2 * keys.count { capacity *= 2 }
    slots = Array(filled: Key(), count: capacity)
    for key in keys {
      lengths |= 1 << UInt32(key.count)
      var slot = Self.slot(of: key, capacity: capacity)
      while slots[slot].count != 0 { slot = (slot + 1) & (capacity - 1) }
      slots[slot] = key
    }
  }

  /// The home slot of `key` in a table of `capacity` (a power of two) slots.
  @inline(__always)
  private static func slot(of key: Key, capacity: Int) -> Int {
    let mixed =
      (key.low &* 0x9E37_79B9_7F4A_7C15) ^ (key.high &* 0xC2B2_AE3D_27D4_EB4F)
      ^ UInt64(key.count)
    return Int(truncatingIfNeeded: (mixed ^ (mixed >> 29)) & UInt64(capacity - 1))
  }

  init(resource bytes: [UInt8]) {
    self.init(parsing: String(decoding: bytes, as: UTF8.self))
  }

  /// Whether the list holds `word`, compared without case.
  func contains(_ word: String) -> Bool {
    let lower = word.lowercased()
    if lower.utf8.count > 16 { return longEntries.contains(lower) }
    var bytes = Array(lower.utf8)
    return bytes.withUnsafeMutableBufferPointer { contains(UnsafeBufferPointer($0)) }
  }

  /// Whether the list holds the word spelled by `bytes` (ASCII letters compared without case).
  @inline(__always)
  func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard bytes.count <= 16, lengths & (1 << UInt32(bytes.count)) != 0, let key = Key(bytes)
    else { return false }
    return slots.withUnsafeBufferPointer { slots in
      var slot = Self.slot(of: key, capacity: slots.count)
      while slots[slot].count != 0 {
        if slots[slot] == key { return true }
        slot = (slot + 1) & (slots.count - 1)
      }
      return false
    }
  }

  /// Whether the list holds the text of `range` in `utf8`, compared without case: an ASCII
  /// word is looked up by its bytes, without making a string; any other word as
  /// ``contains(_:)-(String)`` would (Unicode lower-casing).
  func contains(_ range: Range<Int>, in utf8: [UInt8]) -> Bool {
    utf8.withUnsafeBufferPointer { contains(range, in: $0) }
  }

  /// Whether the list holds the text of `range` in `utf8`, compared without case (as
  /// ``contains(_:in:)-([UInt8])`` does).
  func contains(_ range: Range<Int>, in utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    let bytes = UnsafeBufferPointer(rebasing: utf8[range])
    // NB: entries over 16 bytes are kept as strings only.
    var isASCII = bytes.count <= 16
    for byte in bytes where byte >= 0x80 { isASCII = false }
    return isASCII
      ? contains(bytes) : contains(String(decoding: bytes, as: UTF8.self))
  }
}

extension Substring {
  func trimmingWhitespace() -> String {
    var slice = self[...]
    while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
    while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
    return String(slice)
  }
}
