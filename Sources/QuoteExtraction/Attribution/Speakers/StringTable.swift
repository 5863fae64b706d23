/// A table keyed by strings that hashes their UTF-8 bytes with ``ByteLexicon``'s hash, for the
/// entity table's name words and keys.
///
/// NB: a dictionary hashed each string with the standard hasher (a few hundred instructions
/// for a short name), several times for every name mention of a document. Here a key is hashed
/// with ``ByteLexicon``'s hash, probed in an open-addressing table, and compared with `==` (so two
/// keys that share a hash stay apart). Keys are never iterated: their order does not matter.
struct StringTable<Value> {
  /// For each slot, the entry it holds plus one (0: empty); a power of two long, empty until
  /// the first entry.
  private var slots: [Int32] = []
  /// For each entry, its key's hash.
  private var hashes: [UInt64] = []
  private var keys: [String] = []
  /// For each entry, its value (nil once removed).
  private var values: [Value?] = []

  init() {}

  /// The number of keys with a value.
  private(set) var count = 0

  /// Whether the table holds no value.
  var isEmpty: Bool { count == 0 }

  /// The value for a key; setting nil removes it.
  subscript(key: String) -> Value? {
    get {
      guard let entry = find(key, hash: StringTable.hash(key)) else { return nil }
      return values[entry]
    }
    set {
      let hash = StringTable.hash(key)
      if let entry = find(key, hash: hash) {
        count += (newValue == nil ? 0 : 1) - (values[entry] == nil ? 0 : 1)
        values[entry] = newValue
      } else if let newValue {
        insert(key, hash: hash, newValue)
      }
    }
  }

  /// The value for a key, or `defaultValue` (stored at the first change) when it has none.
  subscript(key: String, default defaultValue: @autoclosure () -> Value) -> Value {
    get { self[key] ?? defaultValue() }
    _modify {
      let hash = StringTable.hash(key)
      let entry = find(key, hash: hash) ?? insert(key, hash: hash, defaultValue())
      if values[entry] == nil { count += 1 }
      // NB: the value is moved out of its slot while it changes, so that an array value grows
      // in place rather than being copied.
      var value = values[entry].take() ?? defaultValue()
      defer { values[entry] = value }
      yield &value
    }
  }

  /// Whether the key made of these bytes with ASCII letters lower-cased has a value: what
  /// `self[key] != nil` gives, with no string made of the bytes.
  func hasValue(lowercasing bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    // NB: the hash lower-cases ASCII letters as it goes: the bytes' hash is their key's.
    let entry = find(hash: ByteLexicon<Void>.hash(bytes)) { StringTable.isLowercased(bytes, $0) }
    return entry.map { values[$0] != nil } ?? false
  }

  /// Whether a string is these bytes with ASCII letters lower-cased, as strings compare (`==`).
  /// NB: the bytes are compared first; text that is not ASCII is compared as strings, which
  /// equate canonically equivalent spellings.
  static func isLowercased(_ bytes: UnsafeBufferPointer<UInt8>, _ string: String) -> Bool {
    var ascii = true
    let equal = string.utf8.withContiguousStorageIfAvailable { key -> Bool in
      for byte in key where byte >= 0x80 { ascii = false }
      guard key.count == bytes.count else { return false }
      for offset in 0..<bytes.count where key[offset] != ByteLexicon<Void>.lower(bytes[offset]) {
        return false
      }
      return true
    }
    if equal == true { return true }
    if equal == false, ascii, !bytes.contains(where: { $0 >= 0x80 }) { return false }
    let lowered = String(unsafeUninitializedCapacity: bytes.count) { buffer in
      for offset in 0..<bytes.count { buffer[offset] = ByteLexicon<Void>.lower(bytes[offset]) }
      return bytes.count
    }
    return lowered == string
  }

  /// Sets a key's value and returns the value it had (nil for none), with one lookup.
  @discardableResult
  mutating func updateValue(_ value: Value, forKey key: String) -> Value? {
    let hash = StringTable.hash(key)
    guard let entry = find(key, hash: hash) else {
      insert(key, hash: hash, value)
      return nil
    }
    let old = values[entry]
    if old == nil { count += 1 }
    values[entry] = value
    return old
  }

  @inline(__always)
  private func find(_ key: String, hash: UInt64) -> Int? {
    find(hash: hash) { $0 == key }
  }

  /// The entry whose hash is `hash` and whose key `isKey` accepts, probed from its slot.
  @inline(__always)
  private func find(hash: UInt64, matching isKey: (String) -> Bool) -> Int? {
    guard !slots.isEmpty else { return nil }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while slots[slot] != 0 {
      let entry = Int(slots[slot]) - 1
      if hashes[entry] == hash, isKey(keys[entry]) { return entry }
      slot = (slot + 1) & mask
    }
    return nil
  }

  @discardableResult
  private mutating func insert(_ key: String, hash: UInt64, _ value: Value) -> Int {
    if (keys.count + 1) * 2 > slots.count { grow() }
    // NB: room for as many entries as the first slots take: the arrays were grown from one
    // entry, again and again, in each of a document's tables.
    if keys.isEmpty {
      let room = slots.count / 2
      keys.reserveCapacity(room)
      hashes.reserveCapacity(room)
      values.reserveCapacity(room)
    }
    let entry = keys.count
    keys.append(key)
    hashes.append(hash)
    values.append(value)
    count += 1
    place(entry)
    return entry
  }

  private mutating func place(_ entry: Int) {
    let mask = slots.count - 1
    let hash = hashes[entry]
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while slots[slot] != 0 { slot = (slot + 1) & mask }
    slots[slot] = Int32(entry + 1)
  }

  private mutating func grow() {
    slots = Array(filled: 0, count: max(16, slots.count * 2))
    for entry in keys.indices { place(entry) }
  }

  /// ``ByteLexicon``'s hash of a string's UTF-8 bytes.
  private static func hash(_ key: String) -> UInt64 {
    if let hash = key.utf8.withContiguousStorageIfAvailable({ ByteLexicon<Void>.hash($0) }) {
      return hash
    }
    return Array(key.utf8).withUnsafeBufferPointer { ByteLexicon<Void>.hash($0) }
  }
}
