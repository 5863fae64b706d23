/// A few spellings of one to four bytes, each with its classes (bits of the caller's choice),
/// told apart from every other word without a branch: the narration's pass over its tokens
/// asks it of each word (``NarrationNames``).
///
/// A word is read as its key (see ``key(_:_:_:)``: its length and its bytes in one number),
/// and the key picks one slot of a small table by a multiplicative hash chosen so that no two
/// spellings share a slot (a perfect hash): a lookup is a multiplication, a load and a
/// comparison.
/// NB: which words are such spellings is unpredictable from token to token, and the branches
/// that told them by their kind, length and first byte mispredicted often (0.5M times over the
/// bench sample); a lookup costs the same for every word.
struct ShortWords: Sendable {
  /// For each slot, its spelling's key shifted left by 8 bits over its classes; 0 when empty
  /// (the key 0, that of an empty word, has no classes).
  private let slots: [UInt64]
  /// The multiplier of the hash (odd).
  private let multiplier: UInt64

  private static let slotBits: UInt64 = 6

  /// The length of the longest spelling, in bytes: a longer word is none.
  /// NB: a caller that looks up only the words this short skips the others unread (see
  /// ``NarrationNames``).
  let maximumLength: Int

  /// A table of `spellings` (one to four bytes each, compared as they are: no case folded)
  /// and their classes (non-zero).
  init(_ spellings: [(String, UInt8)]) {
    maximumLength = spellings.map { $0.0.utf8.count }.max() ?? 0
    let keys = spellings.map { spelling, classes in
      let bytes = Array(spelling.utf8)
      precondition((1...4).contains(bytes.count) && classes != 0)
      let key = bytes.withUnsafeBufferPointer { ShortWords.key($0, 0, bytes.count) }
      return (key, classes)
    }
    // The first multiplier (from a fixed start) that gives every spelling a slot of its own.
    var multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    while true {
      var slots = [UInt64](repeating: 0, count: 1 << ShortWords.slotBits)
      var collides = false
      for (key, classes) in keys {
        let slot = ShortWords.slot(key, multiplier)
        if slots[slot] != 0 { collides = slots[slot] >> 8 != key }
        slots[slot] = key << 8 | UInt64(classes)
        if collides { break }
      }
      if !collides {
        self.slots = slots
        self.multiplier = multiplier
        return
      }
      multiplier &+= 0x6A09_E667_F3BC_C908
    }
  }

  @inline(__always)
  fileprivate static func slot(_ key: UInt64, _ multiplier: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* multiplier) >> (64 - slotBits))
  }

  /// A word's key: its first four bytes (the first in the low bits, none past its end) and
  /// its length above them. `start` and `length` are those of a token of `text`.
  /// NB: four bytes loaded at once and masked by the length (a shift, not a choice: the compiler
  /// made a branch of a choice); byte by byte only at the text's last three bytes. A longer
  /// word keeps four bytes and its length, which no spelling has.
  @inline(__always)
  static func key(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int) -> UInt64 {
    // For a word of four to seven bytes, the mask keeps the four bytes loaded; from eight on,
    // the shift wraps around and the mask may keep any of them: the length tells such a word
    // from every spelling.
    let mask = (1 &<< UInt64(truncatingIfNeeded: 8 &* length)) &- 1
    var bytes: UInt64
    if start &+ 4 <= text.count, let base = text.baseAddress {
      bytes = UInt64(UnsafeRawPointer(base + start).loadUnaligned(as: UInt32.self))
    } else {
      bytes = 0
      for offset in stride(from: min(length, 4) - 1, through: 0, by: -1) {
        bytes = bytes << 8 | UInt64(text[start + offset])
      }
    }
    return bytes & mask & 0xFFFF_FFFF | UInt64(truncatingIfNeeded: length) << 32
  }

  /// The classes of the spelling whose key is `key`, 0 for a word that is none of them.
  func classes(_ key: UInt64) -> UInt8 { withLookup { $0.classes(key) } }

  /// Calls `body` with the table's lookup, for a loop that reads it for every token.
  /// NB: the loop holds the slots' address: read through the array, it was reloaded for
  /// every token.
  @inline(__always)
  func withLookup<Result>(_ body: (Lookup) -> Result) -> Result {
    slots.withUnsafeBufferPointer { slots in
      // `slots` is never empty (see `init`).
      body(Lookup(slots: slots.baseAddress.unsafelyUnwrapped, multiplier: multiplier))
    }
  }

  /// The table's slots in place, valid inside ``withLookup(_:)``.
  struct Lookup {
    let slots: UnsafePointer<UInt64>
    let multiplier: UInt64

    /// The classes of the spelling whose key is `key`, 0 for a word that is none of them.
    @inline(__always)
    func classes(_ key: UInt64) -> UInt8 {
      let entry = slots[ShortWords.slot(key, multiplier)]
      let same = UInt64(unsafeBitCast(entry >> 8 == key, to: UInt8.self))
      return UInt8(truncatingIfNeeded: entry & (0 &- same))
    }
  }
}
