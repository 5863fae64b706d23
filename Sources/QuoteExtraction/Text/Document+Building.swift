import TextSegmentation

// Internal, not public: callers build documents with `QuoteExtractor.segment(_:)` (or get one
// in every result), which applies their configuration; one way in keeps the API small.
extension Document {
  /// Options for reading text into a document.
  struct Options: Sendable, Hashable {
    /// How paragraphs are found.
    var paragraphMode: ParagraphMode
    /// Creates options.
    init(paragraphMode: ParagraphMode = .blankLine) {
      self.paragraphMode = paragraphMode
    }
  }

  /// Reads a string into a document.
  /// - Throws: ``QuoteExtractionError`` when ICU fails.
  init(text: String, options: Options = Options()) throws(QuoteExtractionError) {
    try self.init(validUTF8: Array(text.utf8), diagnostics: [], options: options)
  }

  /// Reads UTF-8 bytes into a document. Invalid sequences become U+FFFD and a diagnostic says so.
  /// - Throws: ``QuoteExtractionError`` when ICU fails.
  init(utf8 bytes: some Collection<UInt8>, options: Options = Options())
    throws(QuoteExtractionError)
  {
    // NB: an array of valid UTF-8 becomes the document's bytes as it is, not a copy of the
    // string made from it (the text would be copied twice).
    if let array = bytes as? [UInt8], array.withUnsafeBufferPointer(UTF8Repair.isValid) {
      try self.init(validUTF8: array, diagnostics: [], options: options)
      return
    }
    let (text, diagnostics) = UTF8Repair.decode(bytes)
    try self.init(validUTF8: Array(text.utf8), diagnostics: diagnostics, options: options)
  }

  /// - Parameter utf8: well-formed UTF-8.
  private init(validUTF8 utf8: [UInt8], diagnostics: [Diagnostic], options: Options)
    throws(QuoteExtractionError)
  {
    let lexicons = Lexicons.shared
    var paragraphs: [Range<Int>] = []
    var tokens: [Token] = []
    var quoteMarks: [QuoteMarkToken] = []
    var sentences: [Range<Int>] = []
    do {
      try utf8.withUnsafeBufferPointer { (buffer) throws(SegmentationError) in
        paragraphs = ParagraphSplitter.paragraphs(of: buffer, mode: options.paragraphMode)
        (tokens, quoteMarks) = try Tokenizer.tokensAndQuoteMarks(of: buffer)
        sentences = try SentenceSegmenter.sentences(
          of: buffer, paragraphs: paragraphs, tokens: tokens, quoteMarks: quoteMarks,
          lexicons: lexicons)
      }
    } catch {
      throw QuoteExtractionError(.icu(error.description))
    }
    self.utf8 = utf8
    self.tokens = tokens
    self.diagnostics = diagnostics
    self.offsets = OffsetIndex(utf8: utf8)
    let (paragraphRanges, paragraphOfToken) = Self.assign(tokens, to: paragraphs)
    let (sentenceRanges, sentenceOfToken) = Self.assign(tokens, to: sentences)
    // NB: here, while the text and its tokens are in cache, rather than in the quote scanner,
    // which reads the marks' list alone (see `QuoteMarkToken`).
    utf8.withUnsafeBufferPointer { utf8 in
      tokens.withUnsafeBufferPointer { tokens in
        paragraphRanges.withUnsafeBufferPointer { paragraphs in
          paragraphOfToken.withUnsafeBufferPointer { paragraphOfToken in
            quoteMarks.withUnsafeMutableBufferPointer { marks in
              QuoteMarkToken.describeSurroundings(
                of: marks,
                in: QuoteMarkToken.DocumentBuffers(
                  utf8: utf8, tokens: tokens, paragraphs: paragraphs,
                  paragraphOfToken: paragraphOfToken))
            }
          }
        }
      }
    }
    self.quoteMarkTokens = quoteMarks
    self.paragraphs = paragraphRanges
    self.sentences = sentenceRanges
    self.paragraphOfToken = paragraphOfToken
    self.sentenceOfToken = sentenceOfToken
  }

  /// Gives each range its tokens and each token its range (the last range that starts at or
  /// before it, so no token is left without one; range 0 when there is none).
  private static func assign(_ tokens: [Token], to ranges: [Range<Int>]) -> ([TextRange], [Int32]) {
    var result: [TextRange] = []
    result.reserveCapacity(ranges.count)
    // NB: zero-filled through the growth path, then written in place: an uninitialised array
    // is made by the standard library's unspecialised allocator (see `Array(filled:count:)`).
    var owner = [Int32](filled: 0, count: tokens.count)
    // NB: through buffers, so that the loop over every token checks no array's bounds.
    owner.withUnsafeMutableBufferPointer { buffer in
      tokens.withUnsafeBufferPointer { tokens in
        var token = 0
        for (index, range) in ranges.enumerated() {
          let first = token
          let owner = Int32(truncatingIfNeeded: index)
          let end = range.upperBound
          while token < tokens.count && Int(tokens[token].utf8Start) < end {
            buffer[token] = owner
            token += 1
          }
          result.append(
            TextRange(utf8Start: range.lowerBound, utf8End: end, tokens: first..<token))
        }
        let last = Int32(truncatingIfNeeded: max(ranges.count - 1, 0))
        while token < tokens.count {
          buffer[token] = last
          token += 1
        }
      }
    }
    return (result, owner)
  }
}
