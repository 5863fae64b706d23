/// A case-insensitive word list looked up by UTF-8 bytes, without building a `String`.
///
/// Keys are hashed with their ASCII letters lower-cased, so a token's bytes can be looked up in
/// place: no allocation per token. Non-ASCII bytes are compared as they are.
///
/// An open-addressing table over flat arrays: a lookup hashes the bytes once, probes a few
/// slots and compares against a shared byte pool, with no dictionary, no hasher and no
/// reference-counted bucket per entry (lexicons are shared by every task of an extractor).
struct ByteLexicon<Value: Sendable>: Sendable {
  /// For each slot, the high 32 bits of its key's hash over the entry it holds plus one (low 32
  /// bits), or 0 when empty; a power of two long. A probe compares the hash bits in the slot
  /// itself, and reads the key only when they agree.
  /// NB: empty until the first entry (a lookup in an empty list reads no slot): each document
  /// makes a list of its speakers' names, often empty, and it allocated nothing then.
  /// NB: slots of 16 bytes, each with its key's whole hash and length (a key of up to eight
  /// bytes told by its slot alone, see ``matches(_:_:hash:)``), were tried: fewer instructions
  /// and L1 misses under callgrind (bench-sample: find 7.06M -> 6.50M, 79K -> 56K), but no
  /// faster under perf (extract -j 1 over 20 MB, interleaved runs): the speaker words' slots
  /// doubled to 64 KB, and a lookup's time is that of its first slot's load.
  private var slots: [UInt64] = []
  /// For each entry, its key's hash, where the key starts in ``pool`` and its length.
  /// NB: one record per entry, not an array of hashes and one of starts: a lookup that finds
  /// its key in a large list (the speaker words) missed the cache at the slot, then at the
  /// entry's hash and again at its key's bounds.
  private var keys: [ByteLexiconKey] = []
  /// The lower-cased keys, one after another.
  private var pool: [UInt8] = []
  private var values: [Value] = []
  /// A bit for each pair of first and last bytes that some key has, by the five low bits of
  /// each (see ``pairBit(_:)``), in ``pairWords`` words; empty until the first entry.
  /// NB: a word whose pair no key has is told apart before it is hashed: most words asked
  /// about are in no list, and hashing them byte after byte cost more than the probe.
  private var pairs: [UInt64] = []
  private static var pairWords: Int { 16 }

  /// The number of entries.
  var count: Int { values.count }

  init() {}

  /// Adds an entry (lower-cased); a later entry with the same key replaces an earlier one.
  mutating func insert(_ word: some StringProtocol, value: Value) {
    // NB: a word already listed is found in place, with no lower-cased copy of it: a
    // document's speakers give their names again and again.
    if let entry = word.utf8.withContiguousStorageIfAvailable({ find($0) }) ?? nil {
      values[entry] = value
      return
    }
    // NB: the lower-cased key is written straight from the word's bytes when they are
    // contiguous (a document's speakers' name words are inserted one by one): a generic map
    // over the UTF-8 view cost more than the rest of the insertion.
    let key: [UInt8]? = word.utf8.withContiguousStorageIfAvailable { bytes in
      [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
        for offset in 0..<bytes.count { buffer[offset] = ByteLexicon.lower(bytes[offset]) }
        count = bytes.count
      }
    }
    if let key {
      add(key: key, value: value)
    } else {
      insert(bytes: word.utf8, value: value)
    }
  }

  /// Adds an entry given as UTF-8 bytes (lower-cased); a later entry with the same key replaces
  /// an earlier one.
  mutating func insert(bytes word: some Sequence<UInt8>, value: Value) {
    let key = word.map(ByteLexicon.lower)
    if let entry = key.withUnsafeBufferPointer({ find($0) }) {
      values[entry] = value
      return
    }
    add(key: key, value: value)
  }

  /// Adds an entry for a lower-cased key that the list lacks.
  private mutating func add(key: [UInt8], value: Value) {
    if (count + 1) * 2 > slots.count { grow() }
    if pairs.isEmpty { pairs = Array(filled: 0, count: ByteLexicon.pairWords) }
    if !key.isEmpty {
      let (word, bit) = key.withUnsafeBufferPointer { ByteLexicon.pairBit($0) }
      pairs[word] |= bit
    }
    let hash = ByteLexicon.hash(key[...])
    keys.append(
      ByteLexiconKey(hash: hash, start: Int32(pool.count), count: Int32(key.count)))
    pool.append(contentsOf: key)
    values.append(value)
    place(entry: count - 1, hash: hash)
  }

  /// The value stored for a word given as UTF-8 bytes, compared case-insensitively.
  func value(_ bytes: ArraySlice<UInt8>) -> Value? {
    bytes.withUnsafeBufferPointer { value($0) }
  }

  /// The value stored for a word given as UTF-8 bytes, compared case-insensitively.
  func value(_ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
    find(bytes).map { values[$0] }
  }

  /// The value stored for a word whose ``hash(_:)-swift.type.method`` is already known.
  func value(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Value? {
    find(bytes, hash: hash).map { values[$0] }
  }

  /// The position of a word's entry (see ``value(at:)``), or -1 when the list lacks it.
  func entry(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int32 {
    find(bytes, hash: hash).map { Int32($0) } ?? -1
  }

  /// The value of the entry at a position that ``entry(_:hash:)`` returned.
  func value(at entry: Int32) -> Value { values[Int(entry)] }

  /// Whether a word given as UTF-8 bytes is in the list.
  func contains(_ bytes: ArraySlice<UInt8>) -> Bool {
    bytes.withUnsafeBufferPointer { find($0) != nil }
  }

  /// Whether a word given as UTF-8 bytes is in the list.
  func contains(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { find(bytes) != nil }

  /// Calls `body` with each entry's lower-cased key and value, in insertion order.
  func forEach(_ body: (ArraySlice<UInt8>, Value) -> Void) {
    for entry in values.indices {
      let start = Int(keys[entry].start)
      body(pool[start..<(start + Int(keys[entry].count))], values[entry])
    }
  }

  /// Whether some key may equal `bytes` once lower-cased: false when none has its first and
  /// last bytes (then the list lacks it, and it need not be hashed).
  func mayContain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    guard !bytes.isEmpty, !pairs.isEmpty else { return false }
    let (word, bit) = ByteLexicon.pairBit(bytes)
    return pairs[word] & bit != 0
  }

  /// The word of ``pairs`` and the bit in it for the first and last bytes of a non-empty key.
  /// NB: the five low bits of a byte are the same for an upper-case ASCII letter and its lower
  /// case, so a key and a word that differ only in case share the pair.
  @inline(__always)
  private static func pairBit(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, UInt64) {
    let pair = Int(bytes[0] & 31) << 5 | Int(bytes[bytes.count - 1] & 31)
    return (pair >> 6, 1 << UInt64(pair & 63))
  }

  /// The entry whose key equals `bytes` once lower-cased.
  private func find(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard mayContain(bytes) else { return nil }
    return find(bytes, hash: ByteLexicon.hash(bytes))
  }

  /// NB: kept out of line: inlined into the names' pass over the tokens, it cost that loop more
  /// registers than it saved.
  @inline(never)
  private func find(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
    guard !bytes.isEmpty, !values.isEmpty else { return nil }
    let mask = slots.count - 1
    let tag = hash & ByteLexicon.tagMask
    var slot = Int(truncatingIfNeeded: hash) & mask
    while true {
      let stored = slots[slot]
      if stored == 0 { return nil }
      if stored & ByteLexicon.tagMask == tag {
        let entry = Int(truncatingIfNeeded: stored & ~ByteLexicon.tagMask) - 1
        if matches(entry, bytes, hash: hash) { return entry }
      }
      slot = (slot + 1) & mask
    }
  }

  private static var tagMask: UInt64 { 0xFFFF_FFFF_0000_0000 }

  /// Whether the key of `entry` equals the non-empty `bytes`, whose hash is `hash`, once
  /// lower-cased.
  /// NB: a key of up to eight bytes is told by its hash and length alone (two keys of the same
  /// length up to eight bytes never share a hash, see ``hash(_:)-swift.type.method``), a longer
  /// one eight bytes at a time (the last eight overlapping the ones before), not byte by byte:
  /// most keys looked up are found. The key's bytes are read in place, with one bounds check for
  /// the whole key.
  private func matches(_ entry: Int, _ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Bool {
    let key = keys[entry]
    let count = bytes.count
    guard Int(key.count) == count else { return false }
    guard count > 8 else { return key.hash == hash }
    let start = Int(key.start)
    return pool.withUnsafeBufferPointer { pool in
      let key = UnsafeBufferPointer(rebasing: pool[start..<(start + count)])
      guard let keyBase = key.baseAddress, let base = bytes.baseAddress else { return false }
      let word = UnsafeRawPointer(base)
      let keyWord = UnsafeRawPointer(keyBase)
      var offset = 0
      while true {
        // The next eight bytes, or the last eight.
        let at = min(offset, count &- 8)
        if ByteScan.lowercased(word.loadUnaligned(fromByteOffset: at, as: UInt64.self))
          != keyWord.loadUnaligned(fromByteOffset: at, as: UInt64.self)
        {
          return false
        }
        guard at < count &- 8 else { return true }
        offset &+= 8
      }
    }
  }

  private mutating func place(entry: Int, hash: UInt64) {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = hash & ByteLexicon.tagMask | UInt64(entry + 1)
  }

  private mutating func grow() {
    slots = Array(filled: 0, count: max(16, slots.count * 2))
    for entry in keys.indices { place(entry: entry, hash: keys[entry].hash) }
  }

  @inline(__always)
  static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  /// A hash of the bytes with ASCII letters lower-cased (see ``hash(_:)-swift.type.method``).
  static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    bytes.withUnsafeBufferPointer { hash($0) }
  }

  /// A hash of the bytes with ASCII letters lower-cased: the length, then the bytes eight at a
  /// time (see ``ByteScan/lowercased(_:)``), each word multiplied in, and the result's bits mixed so that
  /// both its low bits (the slot) and its high bits (the tag) depend on every byte.
  ///
  /// NB: words, not bytes: FNV-1a cost a multiplication and a lower-casing per byte, and every
  /// capitalised word of the narration, every mention's range and every name word is hashed.
  /// A word of up to eight bytes is read by two loads that may overlap (both halves of a word
  /// of four to seven, or its first, middle and last byte), never past its end; a longer one by
  /// eight bytes at a time, the last eight overlapping the ones before. Two keys of the same
  /// length up to eight bytes never share a hash (each step is a bijection of the word read).
  /// NB: the branches on the length mispredict for many words, but a hash of a word of up to
  /// sixteen bytes without them was tried and dropped: every load of every length made at once
  /// (those its length does not allow pointed at eight zero bytes) and the word picked by
  /// selections, the same hash. bench-sample: hash 9.22M -> 19.08M instructions, 115K -> 103K
  /// mispredicted branches; total 1,164.0M -> 1,176.2M instructions.
  static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
    let count = bytes.count
    let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    guard let base = bytes.baseAddress, count > 0 else { return multiplier }
    let raw = UnsafeRawPointer(base)
    var hash = (0xcbf2_9ce4_8422_2325 ^ UInt64(truncatingIfNeeded: count)) &* multiplier
    if count >= 8 {
      var offset = 0
      while offset &+ 8 < count {
        let word = raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
        hash = (hash ^ ByteScan.lowercased(word)) &* multiplier
        offset &+= 8
      }
      let last = raw.loadUnaligned(fromByteOffset: count &- 8, as: UInt64.self)
      hash = (hash ^ ByteScan.lowercased(last)) &* multiplier
    } else if count >= 4 {
      let first = UInt64(raw.loadUnaligned(as: UInt32.self))
      let last = UInt64(raw.loadUnaligned(fromByteOffset: count &- 4, as: UInt32.self))
      hash = (hash ^ ByteScan.lowercased(first << 32 | last)) &* multiplier
    } else {
      let packed =
        UInt64(base[0]) << 16 | UInt64(base[count >> 1]) << 8 | UInt64(base[count &- 1])
      hash = (hash ^ ByteScan.lowercased(packed)) &* multiplier
    }
    hash ^= hash >> 32
    hash = hash &* 0xD6E8_FEB8_6659_FD93
    return hash ^ hash >> 29
  }
}
/// An entry's key in a ``ByteLexicon``: its hash, where it starts in the lexicon's pool and its
/// length.
/// NB: not nested in the lexicon: a type nested in a generic one is generic too, and its
/// metadata would be looked up in the runtime's tables as lexicons are made.
private struct ByteLexiconKey {
  var hash: UInt64
  var start: Int32
  var count: Int32
}

extension ByteLexicon where Value == Void {
  /// A list of the given words.
  init(words: [String]) {
    self.init()
    for word in words { insert(word, value: ()) }
  }

  /// Reads a word list: one entry a line, `#` starts a comment.
  init(wordList bytes: [UInt8]) {
    self.init()
    for columns in ByteLexicon.lines(bytes) { insert(columns[0], value: ()) }
  }
}

extension ByteLexicon {
  /// The non-empty lines of a resource, split into whitespace-separated columns, comments
  /// removed.
  ///
  /// NB: the lines are cut by bytes: splitting the text by characters (grapheme clusters) cost
  /// more than building every speaker lexicon from what it read, at the start of each process.
  /// A line is read by characters only when what it holds before its comment is not ASCII (see
  /// ``columns(_:)``); the lines are the same either way (see ``lineBreakLength(_:at:)``).
  static func lines(_ bytes: [UInt8]) -> [[Substring]] {
    let text = String(decoding: bytes, as: UTF8.self)
    // NB: the text's own bytes: `String(decoding:)` repairs invalid UTF-8, and the offsets
    // below are offsets into what it holds.
    let utf8 = Array(text.utf8)
    var result: [[Substring]] = []
    var lineStart = 0
    var offset = 0
    while offset <= utf8.count {
      let breakLength = offset < utf8.count ? lineBreakLength(utf8, at: offset) : 1
      guard breakLength > 0 else {
        offset += 1
        continue
      }
      if offset > lineStart {
        let columns = self.columns(text, utf8, lineStart..<offset)
        if !columns.isEmpty { result.append(columns) }
      }
      offset += breakLength
      lineStart = offset
    }
    return result
  }

  /// The length of the line break that starts at `offset` (0 for none): a byte of U+000A to
  /// U+000D, or the bytes of U+0085, U+2028 or U+2029, the characters `Character.isNewline`
  /// holds. NB: "\r\n" is one character but two breaks here: the empty line between them is
  /// dropped, as every empty line is.
  private static func lineBreakLength(_ utf8: [UInt8], at offset: Int) -> Int {
    let byte = utf8[offset]
    if byte >= 0x0A && byte <= 0x0D { return 1 }
    if byte == 0xC2, offset + 1 < utf8.count, utf8[offset + 1] == 0x85 { return 2 }
    if byte == 0xE2, offset + 2 < utf8.count, utf8[offset + 1] == 0x80,
      utf8[offset + 2] == 0xA8 || utf8[offset + 2] == 0xA9
    {
      return 3
    }
    return 0
  }

  /// The whitespace-separated columns of the line at `range` of the text, its comment removed.
  ///
  /// NB: read by bytes when the line is ASCII up to its first "#" and the byte after it (a
  /// combining mark after "#" would make it another character): an ASCII byte is then a
  /// character of its own, and the ASCII whitespace is what `Character.isWhitespace` holds.
  /// Otherwise by characters.
  private static func columns(_ text: String, _ utf8: [UInt8], _ range: Range<Int>) -> [Substring] {
    var end = range.upperBound
    var ascii = true
    for offset in range {
      if utf8[offset] >= 0x80 {
        ascii = false
        break
      }
      if utf8[offset] == UInt8(ascii: "#") {
        end = offset
        ascii = offset + 1 >= range.upperBound || utf8[offset + 1] < 0x80
        break
      }
    }
    func index(_ offset: Int) -> String.Index {
      text.utf8.index(text.utf8.startIndex, offsetBy: offset)
    }
    guard ascii else {
      let line = text[index(range.lowerBound)..<index(range.upperBound)]
      let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
      return content.split(whereSeparator: \.isWhitespace)
    }
    var columns: [Substring] = []
    var start = range.lowerBound
    for offset in range.lowerBound...end {
      let isSpace =
        offset == end || utf8[offset] == 0x20 || (utf8[offset] >= 0x09 && utf8[offset] <= 0x0D)
      guard isSpace else { continue }
      if offset > start { columns.append(text[index(start)..<index(offset)]) }
      start = offset + 1
    }
    return columns
  }
}
