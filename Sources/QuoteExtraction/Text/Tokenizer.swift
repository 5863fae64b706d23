import TextSegmentation

/// Splits text into tokens at ICU word boundaries and classifies each one.
enum Tokenizer {
  /// Tokens of `utf8`, whitespace left out.
  /// - Complexity: O(n).
  static func tokens(of utf8: UnsafeBufferPointer<UInt8>) throws(SegmentationError) -> [Token] {
    var tokens: [Token] = []
    tokens.reserveCapacity(utf8.count / 5)
    var iterator = try BreakIterator(.word)
    var start = 0
    var sawNewline = false
    var attached = true
    try iterator.forEachBoundary(in: utf8) { end, status in
      defer { start = end }
      let first = utf8[start]
      if isSpace(first) || (first >= 0x80 && isUnicodeSpace(utf8, start, end)) {
        for index in start..<end where utf8[index] == 0x0A || utf8[index] == 0x0D {
          sawNewline = true
        }
        attached = false
        return
      }
      let kind = classify(utf8, start, end, status: status)
      var shape = Self.shape(utf8, start, end)
      if sawNewline { shape.insert(.newlineBefore) }
      if attached && !tokens.isEmpty { shape.insert(.attachedBefore) }
      tokens.append(Token(utf8Start: Int32(start), utf8End: Int32(end), kind: kind, shape: shape))
      sawNewline = false
      attached = true
    }
    return tokens
  }

  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 || byte == 0x0B || byte == 0x0C
  }

  private static func firstScalar(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Unicode.Scalar
  {
    var iterator = utf8[start..<end].makeIterator()
    var decoder = UTF8()
    if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
    return "\u{FFFD}"
  }

  private static func isUnicodeSpace(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Bool
  {
    firstScalar(utf8, start, end).properties.isWhitespace
  }

  private static func classify(
    _ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, status: Int32
  ) -> Token.Kind {
    if status >= 200 { return .word }
    if status >= 100 { return .number }
    let first = utf8[start]
    if first < 0x80 {
      switch first {
      case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"): return .quoteMark
      case 0x30...0x39: return .number
      case 0x41...0x5A, 0x61...0x7A: return .word
      case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return .punctuation
      default: return .symbol
      }
    }
    let scalar = firstScalar(utf8, start, end)
    if QuoteMarks.isQuoteMark(scalar) { return .quoteMark }
    switch scalar.properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
      return .word
    case .decimalNumber, .letterNumber, .otherNumber: return .number
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation:
      return .punctuation
    default: return .symbol
    }
  }

  private static func shape(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Token.Shape
  {
    var shape: Token.Shape = []
    var ascii = true
    var uppers = 0
    var lowers = 0
    var first = true
    for index in start..<end {
      let byte = utf8[index]
      if byte >= 0x80 {
        ascii = false
        break
      }
      if byte >= 0x41 && byte <= 0x5A {
        if first { shape.insert(.capitalized) }
        uppers += 1
        first = false
      } else if byte >= 0x61 && byte <= 0x7A {
        if first { shape.insert(.lowercase) }
        lowers += 1
        first = false
      }
    }
    if ascii {
      shape.insert(.ascii)
      if uppers >= 2 && lowers == 0 { shape.insert(.allCaps) }
      return shape
    }
    // Non-ASCII: decide from the scalars' properties.
    uppers = 0
    lowers = 0
    first = true
    let string = String(decoding: UnsafeBufferPointer(rebasing: utf8[start..<end]), as: UTF8.self)
    for scalar in string.unicodeScalars {
      let properties = scalar.properties
      if properties.isUppercase {
        if first { shape.insert(.capitalized) }
        uppers += 1
        first = false
      } else if properties.isLowercase {
        if first { shape.insert(.lowercase) }
        lowers += 1
        first = false
      }
    }
    if uppers >= 2 && lowers == 0 { shape.insert(.allCaps) }
    return shape
  }
}
