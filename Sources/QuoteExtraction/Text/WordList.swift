/// A plain-text word list: one entry a line, `#` starts a comment, blank lines ignored.
struct WordList: Sendable {
  /// The entries, lower-cased.
  let entries: Set<String>

  init(parsing text: String) {
    var entries = Set<String>()
    for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
      let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
      let entry = content.trimmingWhitespace()
      if !entry.isEmpty { entries.insert(entry.lowercased()) }
    }
    self.entries = entries
  }

  init(resource bytes: [UInt8]) {
    self.init(parsing: String(decoding: bytes, as: UTF8.self))
  }

  func contains(_ word: String) -> Bool { entries.contains(word) }
}

extension Substring {
  func trimmingWhitespace() -> String {
    var slice = self[...]
    while let first = slice.first, first.isWhitespace { slice = slice.dropFirst() }
    while let last = slice.last, last.isWhitespace { slice = slice.dropLast() }
    return String(slice)
  }
}
