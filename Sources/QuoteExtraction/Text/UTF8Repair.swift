/// Decodes UTF-8 bytes, replacing each invalid sequence with U+FFFD, and reports what it replaced.
enum UTF8Repair {
  static func decode(_ bytes: some Collection<UInt8>) -> (String, [Diagnostic]) {
    if let valid = bytes.withContiguousStorageIfAvailable({ String(validating: $0, as: UTF8.self) })
    {
      if let valid { return (valid, []) }
    } else if let valid = String(validating: bytes, as: UTF8.self) {
      return (valid, [])
    }
    var firstBad: Int? = nil
    var badCount = 0
    var decoder = UTF8()
    var iterator = bytes.makeIterator()
    var scalars = String.UnicodeScalarView()
    var consumed = 0
    // NB: the decoder does not report lengths, so offsets come from the re-encoded output.
    loop: while true {
      switch decoder.decode(&iterator) {
      case .scalarValue(let scalar):
        scalars.append(scalar)
        consumed += scalar.utf8.count
      case .error:
        if firstBad == nil { firstBad = consumed }
        badCount += 1
        scalars.append("\u{FFFD}")
        consumed += 3
      case .emptyInput:
        break loop
      }
    }
    let text = String(scalars)
    let diagnostic = Diagnostic(
      code: "invalid-utf8",
      message: "replaced \(badCount) invalid UTF-8 sequence\(badCount == 1 ? "" : "s") with U+FFFD",
      utf8Offset: firstBad)
    return (text, [diagnostic])
  }
}

extension UTF8Repair {
  /// Whether `utf8` is well-formed UTF-8: each sequence one the Unicode Standard allows
  /// (table 3-7: no overlong forms, no surrogates, nothing past U+10FFFF).
  /// - Complexity: O(n).
  /// NB: ours rather than `String(validating:)`, which the document build called for every
  /// text: it read each byte in turn and then copied the text into a string the pipeline never
  /// read. Here ASCII, most of any text, passes eight bytes a step, and only the bytes of a
  /// longer sequence are read one by one.
  static func isValid(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let base = utf8.baseAddress else { return true }
    let count = utf8.count
    var index = 0
    while true {
      while count - index >= 8, ByteScan.word(base, index) & ByteScan.highs == 0 { index += 8 }
      guard index < count else { return true }
      let lead = base[index]
      if lead < 0x80 {
        index += 1
        continue
      }
      // The length of the sequence and the range of its second byte, by its first.
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      let length: Int
      switch lead {
      case 0xC2...0xDF: length = 2
      case 0xE0: (length, low) = (3, 0xA0)
      case 0xED: (length, high) = (3, 0x9F)
      case 0xE1...0xEF: length = 3
      case 0xF0: (length, low) = (4, 0x90)
      case 0xF4: (length, high) = (4, 0x8F)
      case 0xF1...0xF3: length = 4
      default: return false
      }
      guard count - index >= length, (low...high).contains(base[index + 1]) else { return false }
      for offset in 2..<max(2, length) where base[index + offset] & 0xC0 != 0x80 { return false }
      index += length
    }
  }
}
