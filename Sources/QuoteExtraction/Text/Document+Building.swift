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
    let ((paragraphRanges, paragraphOfToken), (sentenceRanges, sentenceOfToken)) = Self.assign(
      tokens, paragraphs: paragraphs, sentences: sentences)
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

  /// Gives each paragraph and each sentence its tokens, and each token its paragraph and its
  /// sentence (see ``RangeAssignment``).
  ///
  /// NB: one pass over the tokens for both: a pass for each read every token twice, and the
  /// second read missed the L1 cache as often as the first (most texts' tokens do not fit).
  private static func assign(
    _ tokens: [Token], paragraphs: [Range<Int>], sentences: [Range<Int>]
  ) -> (paragraphs: ([TextRange], [Int32]), sentences: ([TextRange], [Int32])) {
    // NB: zero-filled through the growth path, then written in place: an uninitialised array
    // is made by the standard library's unspecialised allocator (see `Array(filled:count:)`).
    var paragraphOwner = [Int32](filled: 0, count: tokens.count)
    var sentenceOwner = [Int32](filled: 0, count: tokens.count)
    var paragraphRanges: [TextRange] = []
    var sentenceRanges: [TextRange] = []
    // NB: through buffers, so that the loop over every token checks no array's bounds.
    tokens.withUnsafeBufferPointer { tokens in
      paragraphs.withUnsafeBufferPointer { paragraphs in
        sentences.withUnsafeBufferPointer { sentences in
          paragraphOwner.withUnsafeMutableBufferPointer { paragraphOwner in
            sentenceOwner.withUnsafeMutableBufferPointer { sentenceOwner in
              var paragraph = RangeAssignment(paragraphs, owners: paragraphOwner)
              var sentence = RangeAssignment(sentences, owners: sentenceOwner)
              for token in tokens.indices {
                let start = Int(tokens[token].utf8Start)
                paragraph.take(token, start: start)
                sentence.take(token, start: start)
              }
              paragraphRanges = paragraph.finish(tokenCount: tokens.count)
              sentenceRanges = sentence.finish(tokenCount: tokens.count)
            }
          }
        }
      }
    }
    return ((paragraphRanges, paragraphOwner), (sentenceRanges, sentenceOwner))
  }
}

/// Ranges of the text (sorted) being given their tokens, in token order: each range its tokens
/// and each token its range, the first range that ends after the token's start (the last range
/// for a token after all of them; range 0 when there is none).
private struct RangeAssignment {
  private let ranges: UnsafeBufferPointer<Range<Int>>
  private let owners: UnsafeMutableBufferPointer<Int32>
  /// Each closed range with its tokens.
  private var result: [TextRange] = []
  /// The range that takes the next tokens (`ranges.count` once all are closed).
  private var range = 0
  /// The range's first token.
  private var first = 0
  /// The range's end (`Int.max` once all are closed).
  private var end: Int
  /// The owner of the range's tokens (the last range once all are closed).
  private var owner: Int32 = 0

  init(_ ranges: UnsafeBufferPointer<Range<Int>>, owners: UnsafeMutableBufferPointer<Int32>) {
    self.ranges = ranges
    self.owners = owners
    result.reserveCapacity(ranges.count)
    end = ranges.first?.upperBound ?? Int.max
  }

  /// Gives token `token`, which starts at `start`, its range.
  @inline(__always)
  mutating func take(_ token: Int, start: Int) {
    while start >= end { close(before: token) }
    owners[token] = owner
  }

  /// The ranges with their tokens, once the document's `tokenCount` tokens are taken.
  mutating func finish(tokenCount: Int) -> [TextRange] {
    while range < ranges.count { close(before: tokenCount) }
    return result
  }

  /// Closes the range before token `token` and moves on to the next one.
  ///
  /// NB: not inlined: inlined twice into the loop over every token, it left too few registers
  /// for the loop, which then kept its state on the stack.
  @inline(never)
  private mutating func close(before token: Int) {
    result.append(
      TextRange(utf8Start: ranges[range].lowerBound, utf8End: end, tokens: first..<token))
    range += 1
    first = token
    end = range < ranges.count ? ranges[range].upperBound : Int.max
    owner = Int32(truncatingIfNeeded: min(range, ranges.count - 1))
  }
}
