import TextSegmentation

/// Splits text into tokens at ICU word boundaries and classifies each one.
enum Tokenizer {
  /// Tokens of `utf8`, whitespace left out: the same tokens as ``icuTokens(of:)``, found by
  /// hand for runs of plain text (see `Tokenizer+FastPath.swift`) and by ICU elsewhere.
  /// - Complexity: O(n).
  static func tokens(of utf8: UnsafeBufferPointer<UInt8>) throws(SegmentationError) -> [Token] {
    try tokensAndQuoteMarks(of: utf8).tokens
  }

  /// Tokens of `utf8` as ``tokens(of:)`` finds them, and the `.quoteMark` ones (so that the
  /// quote scanner need not visit every token, nor read the tokens it visits).
  /// - Complexity: O(n).
  static func tokensAndQuoteMarks(of utf8: UnsafeBufferPointer<UInt8>) throws(SegmentationError)
    -> (tokens: [Token], quoteMarks: [QuoteMarkToken])
  {
    try build(utf8) { (builder) throws(SegmentationError) in try scan(utf8, into: &builder) }
  }

  /// Tokens of `utf8` from ICU's word boundaries alone: the reference for the fast path.
  /// - Complexity: O(n).
  static func icuTokens(of utf8: UnsafeBufferPointer<UInt8>) throws(SegmentationError)
    -> [Token]
  {
    try build(utf8) { (builder) throws(SegmentationError) in
      var iterator = try BreakIterator(.word)
      try icuSegments(of: utf8, range: 0..<utf8.count, iterator: &iterator, into: &builder)
    }.tokens
  }

  /// The tokens (and quotation marks) that `scan` gives a builder of `utf8`, the tokens
  /// written into the storage of the array returned.
  static func build(
    _ utf8: UnsafeBufferPointer<UInt8>,
    scan: (inout TokenBuilder) throws(SegmentationError) -> Void
  ) throws(SegmentationError) -> (tokens: [Token], quoteMarks: [QuoteMarkToken]) {
    // NB: English runs 4.2 to 6 bytes a token (news 4.7 on average): room for one every four
    // bytes is enough for most texts. A text with more tokens is built again with room for one
    // a byte, which no text exceeds (a token holds one byte at least).
    var capacity = utf8.count / 4 + 16
    while true {
      var failure: SegmentationError? = nil
      var overflowed = false
      var quoteMarks: [QuoteMarkToken] = []
      let tokens = [Token](unsafeUninitializedCapacity: capacity) { storage, initialized in
        var builder = TokenBuilder(utf8, storage: storage)
        do throws(SegmentationError) {
          try scan(&builder)
        } catch {
          failure = error
        }
        initialized = builder.count
        overflowed = builder.overflowed
        quoteMarks = builder.quoteMarks
      }
      if let failure { throw failure }
      if !overflowed { return (tokens, quoteMarks) }
      capacity = utf8.count
    }
  }

  /// Feeds ICU's word segments of `utf8[range]` to `builder`, offsets in `utf8`.
  static func icuSegments(
    of utf8: UnsafeBufferPointer<UInt8>, range: Range<Int>, iterator: inout BreakIterator,
    into builder: inout TokenBuilder
  ) throws(SegmentationError) {
    var start = range.lowerBound
    try iterator.forEachBoundary(in: UnsafeBufferPointer(rebasing: utf8[range])) { offset, status in
      let end = range.lowerBound + offset
      builder.segment(utf8, start, end, status: status)
      start = end
    }
  }

  @inline(__always)
  static func isSpace(_ byte: UInt8) -> Bool {
    // Space, or one of tab, line feed, vertical tab, form feed, carriage return (09...0D).
    byte == 0x20 || byte &- 0x09 < 5
  }

  static func firstScalar(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Unicode.Scalar
  {
    var iterator = utf8[start..<end].makeIterator()
    var decoder = UTF8()
    if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
    return "\u{FFFD}"
  }

  static func isUnicodeSpace(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
    -> Bool
  {
    firstScalar(utf8, start, end).properties.isWhitespace
  }

  static func classify(
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

  static func shape(_ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int)
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

  /// `range` without the ASCII whitespace at its ends, or nil when nothing else is left.
  static func trimmingSpaces(_ range: Range<Int>, in utf8: UnsafeBufferPointer<UInt8>)
    -> Range<Int>?
  {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper && isSpace(utf8[lower]) { lower += 1 }
    while upper > lower && isSpace(utf8[upper - 1]) { upper -= 1 }
    return lower < upper ? lower..<upper : nil
  }
}
