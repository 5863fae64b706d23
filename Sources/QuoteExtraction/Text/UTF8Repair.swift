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
