/// A case-insensitive word list looked up by UTF-8 bytes, without building a `String`.
///
/// Keys are hashed with their ASCII letters lower-cased, so a token's bytes can be looked up in
/// place: no allocation per token. Non-ASCII bytes are compared as they are.
struct ByteLexicon<Value: Sendable>: Sendable {
  private var buckets: [UInt64: [(key: [UInt8], value: Value)]] = [:]

  /// The number of entries.
  private(set) var count = 0

  init() {}

  /// Adds an entry (lower-cased); a later entry with the same key replaces an earlier one.
  mutating func insert(_ word: some StringProtocol, value: Value) {
    let key = Array(word.utf8).map(ByteLexicon.lower)
    let hash = ByteLexicon.hash(key[...])
    var bucket = buckets[hash] ?? []
    if let index = bucket.firstIndex(where: { $0.key == key }) {
      bucket[index].value = value
    } else {
      bucket.append((key, value))
      count += 1
    }
    buckets[hash] = bucket
  }

  /// The value stored for a word given as UTF-8 bytes, compared case-insensitively.
  func value(_ bytes: ArraySlice<UInt8>) -> Value? {
    guard !bytes.isEmpty, let bucket = buckets[ByteLexicon.hash(bytes)] else { return nil }
    for entry in bucket where entry.key.count == bytes.count {
      if zip(entry.key, bytes).allSatisfy({ $0 == ByteLexicon.lower($1) }) { return entry.value }
    }
    return nil
  }

  /// Whether a word given as UTF-8 bytes is in the list.
  func contains(_ bytes: ArraySlice<UInt8>) -> Bool { value(bytes) != nil }

  @inline(__always)
  static func lower(_ byte: UInt8) -> UInt8 {
    byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
  }

  static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 {
    var hash: UInt64 = 0xcbf2_9ce4_8422_2325
    for byte in bytes {
      hash ^= UInt64(lower(byte))
      hash = hash &* 0x100_0000_01b3
    }
    return hash
  }
}

extension ByteLexicon where Value == Void {
  /// Reads a word list: one entry a line, `#` starts a comment.
  init(wordList bytes: [UInt8]) {
    self.init()
    for columns in ByteLexicon.lines(bytes) { insert(columns[0], value: ()) }
  }
}

extension ByteLexicon {
  /// The non-empty lines of a resource, split into whitespace-separated columns, comments
  /// removed.
  static func lines(_ bytes: [UInt8]) -> [[Substring]] {
    let text = String(decoding: bytes, as: UTF8.self)
    var result: [[Substring]] = []
    for line in text.split(whereSeparator: \.isNewline) {
      let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
      let columns = content.split(whereSeparator: \.isWhitespace)
      if !columns.isEmpty { result.append(columns) }
    }
    return result
  }
}
