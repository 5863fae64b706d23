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

  private func find(_ key: String, hash: UInt64) -> Int? {
    guard !slots.isEmpty else { return nil }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while slots[slot] != 0 {
      let entry = Int(slots[slot]) - 1
      if hashes[entry] == hash, keys[entry] == key { return entry }
      slot = (slot + 1) & mask
    }
    return nil
  }

  @discardableResult
  private mutating func insert(_ key: String, hash: UInt64, _ value: Value) -> Int {
    if (keys.count + 1) * 2 > slots.count { grow() }
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
