/// Word lists for the rules, as one hash table from a lower-cased token to a bit set of the
/// lexicons that hold it, so a document's tokens are looked up once and rules test bits.
///
/// Keys are compared as bytes: no `String` is made per token. ASCII letters are lower-cased and
/// the typographic apostrophe (’) reads as `'`.
struct LexiconTable: Sendable {
  /// The lexicon names, in bit order.
  private(set) var names: [String] = []
  private var slots: [Slot]
  /// For each slot, 16 bits of its key's hash with the lowest bit set, or 0 when it is empty:
  /// probing reads these (8 KB that stay in cache) and a slot only when its tag matches.
  private var tags: [UInt16]
  private var pool: [UInt8] = []
  private var count = 0
  /// The longest key, in bytes (normalized): a longer ASCII token is in no lexicon.
  private var longest = 0
  /// The ASCII keys of at most 8 bytes again (most words), each packed into one integer (its
  /// bytes in order from the lowest, zero-padded: no key has a zero byte), in a table of its
  /// own: a short ASCII token is lower-cased, hashed and compared as one integer.
  /// NB: each key next to its mask (key 0: an empty slot): a hit reads one cache line, not
  /// one in a table of keys and another in a table of masks.
  private var shortEntries: [ShortEntry]
  /// One bit per 16-bit slice of a short key's hash (see ``filterBit(_:)``), set for every
  /// key: a short word whose bit is clear is in no lexicon. 8 KB that stay in cache, where
  /// the table does not: most words of a text are in no lexicon, and each would otherwise
  /// read a cache line of the table at random.
  private var shortFilter: [UInt64]
  private var shortCount = 0
  /// One bit per 16-bit slice of the hash of the first 8 bytes of each key longer than 8 bytes
  /// whose first 8 bytes are ASCII (see ``longBit(_:)``): a token longer than 8 bytes whose
  /// first 8 bytes are ASCII and whose bit is clear is in no lexicon (its key would start
  /// with those bytes lower-cased, and be longer than 8 bytes too).
  /// NB: most long words of a text are in no lexicon; this answers for them without hashing
  /// every byte and probing the table.
  private var longFilter: [UInt64]

  fileprivate struct ShortEntry: Sendable {
    var key: UInt64 = 0
    var mask: UInt64 = 0
  }

  fileprivate struct Slot: Sendable {
    var hash: UInt64 = 0
    var start: Int32 = -1
    var length: Int32 = 0
    var mask: UInt64 = 0
  }

  /// The most lexicons a table holds (one bit each).
  static let capacity = 64

  init() {
    slots = Array(filled: Slot(), count: 1024)
    tags = Array(filled: 0, count: 1024)
    shortEntries = Array(filled: ShortEntry(), count: 1024)
    shortFilter = Array(filled: 0, count: 1024)
    longFilter = Array(filled: 0, count: 1024)
  }

  private static func tag(_ hash: UInt64) -> UInt16 { UInt16(truncatingIfNeeded: hash >> 48) | 1 }

  /// The bit of a lexicon, or nil when the table has no lexicon of that name.
  func bit(of name: String) -> UInt64? {
    names.firstIndex(of: name).map { UInt64(1) << UInt64($0) }
  }

  /// Adds a lexicon (or more entries to one already there); returns its bit, or nil when the
  /// table is full.
  @discardableResult
  mutating func add(_ name: String, entries: [String]) -> UInt64? {
    let bit: UInt64
    if let existing = self.bit(of: name) {
      bit = existing
    } else {
      guard names.count < Self.capacity else { return nil }
      names.append(name)
      bit = UInt64(1) << UInt64(names.count - 1)
    }
    for entry in entries {
      let key = Self.normalized(Array(entry.utf8))
      guard !key.isEmpty else { continue }
      insert(key, bit: bit)
    }
    return bit
  }

  /// Places the short table's keys again, the shortest first, each as near its home slot as
  /// the keys before it leave room for: called once every lexicon is added (answers do not
  /// change, only how soon a probe finds a key).
  /// NB: the shortest words are the most frequent ones of a text ("a", "he", "the", "of"),
  /// and most of them are in some lexicon: placed first, each is found at its home slot,
  /// where a key placed after a run of others is found only past that run (the cue lexicons,
  /// added first, hold long runs of verbs).
  mutating func placeShortestFirst() {
    let old = shortEntries.filter { $0.key != 0 }.sorted {
      let lengths = ($0.key.leadingZeroBitCount, $1.key.leadingZeroBitCount)
      return lengths.0 != lengths.1 ? lengths.0 > lengths.1 : $0.key < $1.key
    }
    shortEntries = Array(filled: ShortEntry(), count: shortEntries.count)
    shortCount = 0
    for entry in old { placeShort(entry.key, entry.mask) }
  }

  /// The bit set of the lexicons that hold `bytes` (a token's spelling).
  func mask<C: Collection<UInt8>>(of bytes: C) -> UInt64 where C.Index == Int {
    slots.withUnsafeBufferPointer { slots in
      pool.withUnsafeBufferPointer { Self.mask(anySpelling: bytes, slots, $0) }
    }
  }

  /// The bit sets of a document's tokens, in token order (zero for tokens that are not words).
  /// - Complexity: O(n) in the text; allocates only the result.
  func masks(of document: Document) -> [UInt64] { masksAndWords(of: document).masks }

  /// The bit sets of a document's tokens (as ``masks(of:)``), and each word's spelling
  /// lower-cased and packed into one integer when it is ASCII, at most 8 bytes long and
  /// without a zero byte (as ``packed(_:)`` packs it), else 0.
  /// - Complexity: O(n) in the text; allocates only the results.
  func masksAndWords(of document: Document) -> (masks: [UInt64], words: [UInt64]) {
    let tokens = document.tokens
    var masks = [UInt64](filled: 0, count: tokens.count)
    var words = [UInt64](filled: 0, count: tokens.count)
    withProbe { probe in
      document.utf8.withUnsafeBufferPointer { text in
        for (index, token) in tokens.enumerated() where token.kind == .word {
          (masks[index], words[index]) = probe.look(
            text, Int(token.utf8Start), Int(token.utf8End))
        }
      }
    }
    return (masks, words)
  }

  /// The table read through raw buffers, for a pass over every token of a document (see
  /// ``withProbe(_:)``) or for lookups one at a time (see ``Pinned``).
  /// NB: plain pointers and an integer: a copy retains nothing.
  struct Probe {
    fileprivate let slots: UnsafeBufferPointer<Slot>
    fileprivate let tags: UnsafeBufferPointer<UInt16>
    fileprivate let pool: UnsafeBufferPointer<UInt8>
    fileprivate let shortEntries: UnsafeBufferPointer<ShortEntry>
    fileprivate let shortFilter: UnsafeBufferPointer<UInt64>
    fileprivate let longFilter: UnsafeBufferPointer<UInt64>
    fileprivate let longest: Int

    /// The bit set of the word token `text[start..<end]`, and its spelling lower-cased and
    /// packed as ``LexiconTable/packed(_:)`` packs it (0 when it cannot be).
    @inline(__always)
    func look(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> (
      mask: UInt64, word: UInt64
    ) {
      let bytes = UnsafeBufferPointer(rebasing: text[start..<end])
      if bytes.count <= 8, let packed = LexiconTable.packed(bytes, in: text, at: start) {
        let bit = LexiconTable.filterBit(packed)
        guard shortFilter[bit >> 6] & (UInt64(1) << UInt64(bit & 63)) != 0 else {
          return (0, packed)
        }
        return (LexiconTable.mask(packed: packed, shortEntries), packed)
      }
      if bytes.count > 8, start + 8 <= text.count, let base = text.baseAddress {
        let prefix = UInt64(
          littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
        if prefix & 0x8080_8080_8080_8080 == 0 {
          let bit = LexiconTable.longBit(ByteScan.lowercased(prefix))
          guard longFilter[bit >> 6] & (UInt64(1) << UInt64(bit & 63)) != 0 else {
            return (0, 0)
          }
        }
      }
      // ASCII spellings (most) hash and compare without the apostrophe check; a longer one
      // than every key is in no lexicon.
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      var high: UInt8 = 0
      for byte in bytes {
        high |= byte
        hash = (hash ^ UInt64(LexiconTable.lower(byte))) &* 0x100_0000_01b3
      }
      if high < 0x80 {
        guard bytes.count <= longest else { return (0, 0) }
        return (LexiconTable.mask(asciiHash: hash, bytes, slots, tags, pool), 0)
      }
      return (LexiconTable.mask(anySpelling: bytes, slots, pool), 0)
    }
  }

  /// The table's buffers copied once into memory of their own, which stays put as long as this
  /// object lives: for lookups one at a time outside ``withProbe(_:)`` (a rule context looks a
  /// word up when the rules first read it).
  /// NB: immutable once built; its pointers are only read.
  final class Pinned: @unchecked Sendable {
    let probe: Probe

    init(_ table: LexiconTable) {
      func copy<T>(_ values: [T]) -> UnsafeBufferPointer<T> {
        // NB: at least one element, so that every buffer has memory to deallocate.
        let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, values.count))
        _ = buffer.initialize(from: values)
        return UnsafeBufferPointer(rebasing: buffer[..<values.count])
      }
      probe = Probe(
        slots: copy(table.slots), tags: copy(table.tags), pool: copy(table.pool),
        shortEntries: copy(table.shortEntries), shortFilter: copy(table.shortFilter),
        longFilter: copy(table.longFilter), longest: table.longest)
    }

    deinit {
      UnsafeMutableBufferPointer(mutating: probe.slots).deallocate()
      UnsafeMutableBufferPointer(mutating: probe.tags).deallocate()
      UnsafeMutableBufferPointer(mutating: probe.pool).deallocate()
      UnsafeMutableBufferPointer(mutating: probe.shortEntries).deallocate()
      UnsafeMutableBufferPointer(mutating: probe.shortFilter).deallocate()
      UnsafeMutableBufferPointer(mutating: probe.longFilter).deallocate()
    }
  }

  /// Calls `body` with the table's raw buffers, valid for the call only.
  func withProbe<Result>(_ body: (Probe) -> Result) -> Result {
    slots.withUnsafeBufferPointer { slots in
      tags.withUnsafeBufferPointer { tags in
        pool.withUnsafeBufferPointer { pool in
          shortEntries.withUnsafeBufferPointer { shortEntries in
            shortFilter.withUnsafeBufferPointer { shortFilter in
              longFilter.withUnsafeBufferPointer { longFilter in
                body(
                  Probe(
                    slots: slots, tags: tags, pool: pool, shortEntries: shortEntries,
                    shortFilter: shortFilter, longFilter: longFilter, longest: longest))
              }
            }
          }
        }
      }
    }
  }

  /// A spelling of 1 to 8 bytes lower-cased (ASCII) and packed into one integer, or 0 when it
  /// is longer, empty, not ASCII or holds a zero byte.
  static func packed(_ bytes: [UInt8]) -> UInt64 {
    guard !bytes.isEmpty, bytes.count <= 8 else { return 0 }
    var word: UInt64 = 0
    for (offset, byte) in bytes.enumerated() {
      guard byte != 0, byte < 0x80 else { return 0 }
      word |= UInt64(lower(byte)) << UInt64(offset * 8)
    }
    return word
  }

  /// A spelling of 1 to 8 bytes packed into one integer and lower-cased, or nil when it is
  /// not ASCII or holds a zero byte (which would read as padding), or is empty. `bytes` starts
  /// at `start` in `text`.
  @inline(__always)
  private static func packed(
    _ bytes: UnsafeBufferPointer<UInt8>, in text: UnsafeBufferPointer<UInt8>, at start: Int
  ) -> UInt64? {
    let count = bytes.count
    guard count > 0 else { return nil }
    var word: UInt64 = 0
    if start + 8 <= text.count, let base = text.baseAddress {
      // One load of 8 bytes, the token's and the ones after it masked off.
      word = UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
      if count < 8 { word &= (UInt64(1) << UInt64(count * 8)) - 1 }
    } else {
      for offset in 0..<count { word |= UInt64(bytes[offset]) << UInt64(offset * 8) }
    }
    guard word & 0x8080_8080_8080_8080 == 0 else { return nil }
    // A zero byte among the token's own: a borrow only runs upwards, from a zero byte, so the
    // padding above them cannot set a bit here.
    let valid: UInt64 = count == 8 ? ~0 : (UInt64(1) << UInt64(count * 8)) - 1
    let zeros = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    guard zeros & valid == 0 else { return nil }
    return ByteScan.lowercased(word)
  }

  /// The bit in ``longFilter`` (64K bits) of the first 8 bytes of a long spelling, lower-cased
  /// and packed.
  @inline(__always)
  private static func longBit(_ prefix: UInt64) -> Int {
    Int(truncatingIfNeeded: (prefix &* 0xD6E8_FEB8_6659_FD93) >> 48)
  }

  /// A short key's bit in ``shortFilter`` (64K bits): another slice of its hash than the
  /// table's index.
  @inline(__always)
  private static func filterBit(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 48)
  }

  private static func shortIndex(_ key: UInt64, _ modulus: Int) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & modulus
  }

  /// The bit set of a packed short ASCII spelling (lower-cased).
  @inline(__always)
  private static func mask(packed key: UInt64, _ entries: UnsafeBufferPointer<ShortEntry>)
    -> UInt64
  {
    let modulus = entries.count - 1
    var index = shortIndex(key, modulus)
    while true {
      let entry = entries[index]
      if entry.key == key { return entry.mask }
      if entry.key == 0 { return 0 }
      index = (index + 1) & modulus
    }
  }

  /// The bit set of ASCII `bytes` whose hash is `hash`.
  private static func mask(
    asciiHash hash: UInt64, _ bytes: UnsafeBufferPointer<UInt8>,
    _ slots: UnsafeBufferPointer<Slot>, _ tags: UnsafeBufferPointer<UInt16>,
    _ pool: UnsafeBufferPointer<UInt8>
  ) -> UInt64 {
    let modulus = slots.count - 1
    let wanted = tag(hash)
    var index = Int(truncatingIfNeeded: hash) & modulus
    while true {
      let tag = tags[index]
      if tag == 0 { return 0 }
      if tag == wanted, case let slot = slots[index], slot.hash == hash,
        Int(slot.length) == bytes.count
      {
        var equal = true
        var position = Int(slot.start)
        for byte in bytes {
          if pool[position] != lower(byte) {
            equal = false
            break
          }
          position += 1
        }
        if equal { return slot.mask }
      }
      index = (index + 1) & modulus
    }
  }

  /// The bit set of a spelling of any bytes, over the table's raw buffers.
  private static func mask<C: Collection<UInt8>>(
    anySpelling bytes: C, _ slots: UnsafeBufferPointer<Slot>, _ pool: UnsafeBufferPointer<UInt8>
  ) -> UInt64 where C.Index == Int {
    let hash = Self.hash(bytes)
    let modulus = slots.count - 1
    var index = Int(truncatingIfNeeded: hash) & modulus
    while true {
      let slot = slots[index]
      if slot.start < 0 { return 0 }
      if slot.hash == hash && equal(slot, bytes, pool) { return slot.mask }
      index = (index + 1) & modulus
    }
  }

  private func equal<C: Collection<UInt8>>(_ slot: Slot, _ bytes: C) -> Bool where C.Index == Int {
    pool.withUnsafeBufferPointer { Self.equal(slot, bytes, $0) }
  }

  /// Whether a slot's key is `bytes` normalized (ASCII lower case, `’` as `'`).
  private static func equal<C: Collection<UInt8>>(
    _ slot: Slot, _ bytes: C, _ pool: UnsafeBufferPointer<UInt8>
  ) -> Bool where C.Index == Int {
    var position = Int(slot.start)
    let end = position + Int(slot.length)
    var index = bytes.startIndex
    while index < bytes.endIndex {
      var byte = Self.lower(bytes[index])
      var step = 1
      if byte == 0xE2, index + 2 < bytes.endIndex, bytes[index + 1] == 0x80,
        bytes[index + 2] == 0x99
      {
        byte = UInt8(ascii: "'")
        step = 3
      }
      guard position < end, pool[position] == byte else { return false }
      position += 1
      index += step
    }
    return position == end
  }

  private mutating func insert(_ key: [UInt8], bit: UInt64) {
    if (count + 1) * 2 > slots.count { grow() }
    let hash = Self.hash(key)
    let modulus = slots.count - 1
    var index = Int(truncatingIfNeeded: hash) & modulus
    while slots[index].start >= 0 {
      let slot = slots[index]
      if slot.hash == hash && equal(slot, key) {
        slots[index].mask |= bit
        insertShort(key, bit: bit)
        return
      }
      index = (index + 1) & modulus
    }
    slots[index] = Slot(hash: hash, start: Int32(pool.count), length: Int32(key.count), mask: bit)
    tags[index] = Self.tag(hash)
    pool.append(contentsOf: key)
    count += 1
    longest = max(longest, key.count)
    if key.count > 8, key.prefix(8).allSatisfy({ $0 < 0x80 }) {
      var prefix: UInt64 = 0
      for (offset, byte) in key.prefix(8).enumerated() {
        prefix |= UInt64(byte) << UInt64(offset * 8)
      }
      let bit = Self.longBit(prefix)
      longFilter[bit >> 6] |= UInt64(1) << UInt64(bit & 63)
    }
    insertShort(key, bit: bit)
  }

  /// Adds a lexicon's bit to a normalized key in the short table, when the key is ASCII and at
  /// most 8 bytes long.
  private mutating func insertShort(_ key: [UInt8], bit: UInt64) {
    guard key.count <= 8, key.allSatisfy({ $0 != 0 && $0 < 0x80 }) else { return }
    var packed: UInt64 = 0
    for (offset, byte) in key.enumerated() { packed |= UInt64(byte) << UInt64(offset * 8) }
    if (shortCount + 1) * 2 > shortEntries.count {
      let old = shortEntries
      shortEntries = Array(filled: ShortEntry(), count: old.count * 2)
      shortCount = 0
      for entry in old where entry.key != 0 { placeShort(entry.key, entry.mask) }
    }
    placeShort(packed, bit)
  }

  /// Adds `mask` to the entry of `key` in the short table, making it when there is none.
  private mutating func placeShort(_ key: UInt64, _ mask: UInt64) {
    let modulus = shortEntries.count - 1
    var index = Self.shortIndex(key, modulus)
    while shortEntries[index].key != 0 && shortEntries[index].key != key {
      index = (index + 1) & modulus
    }
    let bit = Self.filterBit(key)
    shortFilter[bit >> 6] |= UInt64(1) << UInt64(bit & 63)
    if shortEntries[index].key == 0 {
      shortEntries[index].key = key
      shortCount += 1
    }
    shortEntries[index].mask |= mask
  }

  private mutating func grow() {
    let old = slots
    slots = Array(filled: Slot(), count: old.count * 2)
    tags = Array(filled: 0, count: old.count * 2)
    let modulus = slots.count - 1
    for slot in old where slot.start >= 0 {
      var index = Int(truncatingIfNeeded: slot.hash) & modulus
      while slots[index].start >= 0 { index = (index + 1) & modulus }
      slots[index] = slot
      tags[index] = Self.tag(slot.hash)
    }
  }

  fileprivate static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  private static func normalized(_ bytes: [UInt8]) -> [UInt8] {
    var result: [UInt8] = []
    var index = 0
    while index < bytes.count {
      if bytes[index] == 0xE2, index + 2 < bytes.count, bytes[index + 1] == 0x80,
        bytes[index + 2] == 0x99
      {
        result.append(UInt8(ascii: "'"))
        index += 3
      } else {
        result.append(lower(bytes[index]))
        index += 1
      }
    }
    return result
  }

  /// FNV-1a over the normalized bytes.
  private static func hash<C: Collection<UInt8>>(_ bytes: C) -> UInt64 where C.Index == Int {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    var index = bytes.startIndex
    while index < bytes.endIndex {
      var byte = lower(bytes[index])
      var step = 1
      if byte == 0xE2, index + 2 < bytes.endIndex, bytes[index + 1] == 0x80,
        bytes[index + 2] == 0x99
      {
        byte = UInt8(ascii: "'")
        step = 3
      }
      hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
      index += step
    }
    return hash
  }
}
