/// The space-separated words of a name as ``EntityTable`` reads them, without splitting the
/// name into an array of substrings.
///
/// NB: `split(separator: " ")` walks a string by characters (grapheme clusters): for the
/// canonical names of a news document's entities it cost more than finding their mentions. An
/// ASCII name is read by bytes instead (there each byte is a character, so a space byte is a
/// space character); any other name is split as before, since a space can be part of a
/// character there (with a combining mark after it).
enum NameWords {
  /// The last word of a name, lower-cased, or nil when the name has none: what
  /// `name.split(separator: " ").last.map { $0.lowercased() }` gives.
  static func lastLowercased(_ name: String) -> String? {
    // Whether the name is ASCII, and then its last word.
    var ascii = false
    var result: String? = nil
    _ = name.utf8.withContiguousStorageIfAvailable { bytes in
      guard isASCII(bytes) else { return }
      ascii = true
      var end = bytes.count
      while end > 0, bytes[end - 1] == 0x20 { end -= 1 }
      guard end > 0 else { return }
      var start = end
      while start > 0, bytes[start - 1] != 0x20 { start -= 1 }
      result = String(unsafeUninitializedCapacity: end - start) { buffer in
        for offset in 0..<(end - start) {
          buffer[offset] = ByteLexicon<Void>.lower(bytes[start + offset])
        }
        return end - start
      }
    }
    if ascii { return result }
    return name.split(separator: " ").last.map { $0.lowercased() }
  }

  /// The initials of a name's words that start with a capital letter A to Z and hold no
  /// period, in order: what ``EntityTable/initials(of:)`` collects before it checks their count.
  static func capitalInitials(_ name: String) -> String {
    let found: String?? = name.utf8.withContiguousStorageIfAvailable { bytes in
      guard isASCII(bytes) else { return nil }
      var initials: [UInt8] = []
      var start = 0
      while start < bytes.count {
        var end = start
        while end < bytes.count, bytes[end] != 0x20 { end += 1 }
        if end > start, (0x41...0x5A).contains(bytes[start]),
          !bytes[start..<end].contains(UInt8(ascii: "."))
        {
          initials.append(bytes[start])
        }
        start = end + 1
      }
      return String(decoding: initials, as: UTF8.self)
    }
    if let found, let found { return found }
    var initials = ""
    for word in name.split(separator: " ") {
      guard let first = word.unicodeScalars.first, (0x41...0x5A).contains(first.value),
        !word.contains(".")
      else { continue }
      initials.unicodeScalars.append(first)
    }
    return initials
  }

  /// Whether a name holds a space character: what `name.contains(" ")` gives.
  /// NB: a name without a space byte has none, and is not walked by characters; one with a
  /// space byte is (the space may be part of a character, with a combining mark after it).
  static func hasSpace(_ name: String) -> Bool {
    // NB: in ASCII text each byte is a character: a space byte is a space.
    let spaceByte = name.utf8.withContiguousStorageIfAvailable { bytes -> Bool? in
      let space = bytes.contains(0x20)
      return !space || isASCII(bytes) ? space : nil
    }
    if let spaceByte, let spaceByte { return spaceByte }
    return name.contains(" ")
  }

  private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    for byte in bytes where byte >= 0x80 { return false }
    return true
  }
}
