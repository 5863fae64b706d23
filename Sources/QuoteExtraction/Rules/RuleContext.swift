/// What the rules need to know about one document, computed once: each token's lexicon bits
/// and which quotations open and close at each token.
///
/// A class, so the matcher and phrase finders share it without copying its arrays. Built and
/// used by one task; not shared across tasks.
///
/// - Complexity: O(n) in the number of tokens and quotations.
final class RuleContext {
  let document: Document
  let quotes: [QuotedSpan]
  let rules: RuleSet
  /// For each token, the lexicons that hold it.
  let masks: [UInt64]
  /// For each token, its spelling lower-cased and packed into one integer when it is a short
  /// ASCII word, else 0 (see ``LexiconTable/masksAndWords(of:)``): the matcher compares
  /// spellings with it.
  let words: [UInt64]
  /// The tokens that may pass some rule's anchor test, in order: in an anchor lexicon
  /// (``RuleProgram/anchorLexicons``), spelled as an anchor key (``RuleProgram/anchorKeys``)
  /// or starting with a byte that another anchor may start with
  /// (``RuleProgram/groupsOfByte``). ``AnchorIndex`` reads only these.
  let anchorCandidates: [Int32]
  /// For each of ``anchorCandidates``, the anchor groups without a lexicon it may pass: those
  /// whose keys it has and those its first byte may start.
  let candidateGroups: [UInt64]
  /// The counts that tell fiction from news, when the context was asked for them.
  let style: DocumentStyle?
  /// For each token, the quotation whose opening mark starts with it (depth 0), or -1.
  let quoteOpening: [Int32]
  /// For each token, the closed quotation whose closing mark ends with it (depth 0), or -1.
  let quoteClosing: [Int32]
  /// The tokens where ``quoteOpening`` and ``quoteClosing`` hold a quotation, in order.
  let openingTokens: [Int32]
  let closingTokens: [Int32]
  /// For each quotation, the first token of its opening mark, the last token of its closing
  /// mark (or of its last paragraph when it has no closing mark), and the first token of its
  /// closing mark (the token after the content).
  let quoteTokens: [(open: Int, close: Int, closeStart: Int)]

  var tokenCount: Int { document.tokens.count }
  /// Failed matcher states, as a small lossy table (see ``PatternMatcher``): the side of a
  /// match they belong to and the packed state. Slot 512 counts the sides started, so each
  /// side's entries are its own.
  /// NB: a raw buffer, not a `var` array: the matcher writes it constantly, and a class's
  /// `var` would pay a dynamic exclusivity check on every access.
  let memo: UnsafeMutablePointer<(side: Int, state: Int)>
  static let memoSlots = 512

  /// Phrases already found (see ``PhraseFinder/ends(_:from:forward:)``): a small
  /// direct-mapped table per phrase and direction, keyed by cursor. The rules tried at one
  /// anchor ask for the same phrases at the same cursors (adjuncts after the cue, the speaker
  /// before it), so most requests are answered here.
  let phraseCache: UnsafeMutablePointer<(cursor: Int, ends: PatternMatcher.Ends)>
  /// The cache's slots for one phrase and direction (a power of two).
  static let phraseCacheSlots = 8

  /// The matcher's captures (see ``PatternMatcher/match(_:at:)``), room for the most that one
  /// match of the rule set can make.
  let captures: UnsafeMutablePointer<PatternMatcher.Capture>

  deinit {
    memo.deallocate()
    phraseCache.deallocate()
    captures.deallocate()
  }

  /// Builds the context; `countingStyle` also counts the ``style`` of the document.
  init(document: Document, quotes: [QuotedSpan], rules: RuleSet, countingStyle: Bool = false) {
    self.document = document
    self.quotes = quotes
    self.rules = rules
    memo = .allocate(capacity: Self.memoSlots + 1)
    memo.initialize(repeating: (-1, 0), count: Self.memoSlots + 1)
    memo[Self.memoSlots] = (0, 0)
    captures = .allocate(capacity: rules.program.captureCapacity)
    let phraseSlots = PatternElement.Phrase.allCases.count * 2 * Self.phraseCacheSlots
    phraseCache = .allocate(capacity: phraseSlots)
    phraseCache.initialize(repeating: (Int.min, PatternMatcher.Ends()), count: phraseSlots)
    let tokens = document.tokens
    (masks, words, anchorCandidates, candidateGroups, style) = Self.scan(
      document, rules, countingStyle: countingStyle)
    var opening = [Int32](filled: -1, count: tokens.count)
    var closing = [Int32](filled: -1, count: tokens.count)
    var quoteTokens: [(open: Int, close: Int, closeStart: Int)] = []
    quoteTokens.reserveCapacity(quotes.count)
    var openingTokens: [Int32] = []
    var closingTokens: [Int32] = []
    for (index, quote) in quotes.enumerated() {
      let open = Self.token(at: quote.openMark.lowerBound, in: tokens)
      var close: Int
      var closeStart: Int
      if let mark = quote.closeMark {
        // NB: a mark can be two tokens ('' in the New York Times): take its last one.
        close = Self.token(at: max(mark.lowerBound, mark.upperBound - 1), in: tokens)
        closeStart = Self.token(at: mark.lowerBound, in: tokens)
      } else {
        let paragraph = document.paragraphs[quote.paragraphs.upperBound]
        close = max(open, paragraph.tokens.upperBound - 1)
        closeStart = close + 1
      }
      close = max(close, open)
      quoteTokens.append((open, close, max(open, closeStart)))
      guard quote.depth == 0, open < tokens.count else { continue }
      opening[open] = Int32(index)
      openingTokens.append(Int32(open))
      if quote.isClosed, close < tokens.count {
        closing[close] = Int32(index)
        closingTokens.append(Int32(close))
      }
    }
    self.quoteOpening = opening
    self.quoteClosing = closing
    openingTokens.stableSort(by: <)
    closingTokens.stableSort(by: <)
    self.openingTokens = openingTokens
    self.closingTokens = closingTokens
    self.quoteTokens = quoteTokens
  }

  /// One pass over the tokens for everything the context keeps per token: lexicon bits,
  /// packed spellings, anchor candidates and (when asked) the style counts.
  /// NB: one loop over raw buffers: each of these was a pass of its own over every token.
  private static func scan(_ document: Document, _ rules: RuleSet, countingStyle: Bool) -> (
    masks: [UInt64], words: [UInt64], candidates: [Int32],
    keyGroups: [UInt64], style: DocumentStyle?
  ) {
    let count = document.tokens.count
    var masks = [UInt64](filled: 0, count: count)
    var words = [UInt64](filled: 0, count: count)
    var candidates: [Int32] = []
    candidates.reserveCapacity(count / 16)
    var keyGroups: [UInt64] = []
    keyGroups.reserveCapacity(count / 16)
    var style = DocumentStyle()
    let program = rules.program
    let anchorLexicons = program.anchorLexicons
    let groupsOfByte = program.groupsOfByte
    let keyLengthsOfByte = program.keyLengthsOfByte
    rules.lexicons.withProbe { probe in
      document.utf8.withUnsafeBufferPointer { text in
        document.tokens.withUnsafeBufferPointer { tokens in
          masks.withUnsafeMutableBufferPointer { masks in
            words.withUnsafeMutableBufferPointer { words in
              for index in 0..<count {
                let token = tokens[index]
                let start = Int(token.utf8Start)
                let end = Int(token.utf8End)
                let first = start < end ? text[start] : 0
                var mask: UInt64 = 0
                var word: UInt64 = 0
                if token.kind == .word {
                  (mask, word) = probe.look(text, start, end)
                  masks[index] = mask
                  words[index] = word
                }
                // NB: most tokens have the first byte or the length of no key: the call is
                // skipped for those.
                let groups =
                  groupsOfByte[Int(first)]
                  | (keyLengthsOfByte[Int(first)] & RuleProgram.lengthBit(end - start) == 0
                    ? 0 : program.keyedGroups(text, first: first, from: start, to: end))
                if mask & anchorLexicons != 0 || groups != 0 {
                  candidates.append(Int32(truncatingIfNeeded: index))
                  keyGroups.append(groups)
                }
                if countingStyle {
                  style.add(token, firstByte: first, packedWord: word, text: text)
                }
              }
            }
          }
        }
      }
    }
    return (masks, words, candidates, keyGroups, countingStyle ? style : nil)
  }

  /// The token that starts at or holds a byte offset (binary search).
  static func token(at utf8Offset: Int, in tokens: [Token]) -> Int {
    var low = 0
    var high = tokens.count
    while low < high {
      let middle = (low + high) / 2
      if Int(tokens[middle].utf8End) <= utf8Offset { low = middle + 1 } else { high = middle }
    }
    return min(low, max(0, tokens.count - 1))
  }

  /// How far the first depth-0 quotation opening at or after `token` is (``quoteOpening``),
  /// in tokens; `Int.max` when none is.
  func distanceToOpening(from token: Int) -> Int {
    let position = Self.firstPosition(in: openingTokens, atLeast: token)
    return position < openingTokens.count ? Int(openingTokens[position]) - token : Int.max
  }

  /// How far before `token` the last depth-0 quotation closing before it is (``quoteClosing``):
  /// 0 for the token just before it; `Int.max` when none is.
  func distanceToClosing(before token: Int) -> Int {
    let position = Self.firstPosition(in: closingTokens, atLeast: token)
    return position > 0 ? token - 1 - Int(closingTokens[position - 1]) : Int.max
  }

  /// The last token before `token` where a depth-0 quotation opens (``quoteOpening``), or nil.
  func lastOpening(before token: Int) -> Int? {
    let position = Self.firstPosition(in: openingTokens, atLeast: token)
    return position > 0 ? Int(openingTokens[position - 1]) : nil
  }

  /// The last token before `token` where a depth-0 quotation closes (``quoteClosing``), or nil.
  func lastClosing(before token: Int) -> Int? {
    let position = Self.firstPosition(in: closingTokens, atLeast: token)
    return position > 0 ? Int(closingTokens[position - 1]) : nil
  }

  /// The position of the first of `sorted` (token numbers in order) at least `token`.
  private static func firstPosition(in sorted: [Int32], atLeast token: Int) -> Int {
    var lower = 0
    var upper = sorted.count
    while lower < upper {
      let middle = (lower + upper) / 2
      if Int(sorted[middle]) < token { lower = middle + 1 } else { upper = middle }
    }
    return lower
  }

  func has(_ token: Int, _ bits: UInt64) -> Bool {
    token >= 0 && token < masks.count && masks[token] & bits != 0
  }

  /// Whether a token's spelling is `text` (ASCII, exact).
  func isText(_ token: Int, _ text: StaticString) -> Bool {
    guard token >= 0 && token < tokenCount else { return false }
    let start = Int(document.tokens[token].utf8Start)
    let count = Int(document.tokens[token].utf8End) - start
    guard count == text.utf8CodeUnitCount else { return false }
    // NB: through raw buffers: a slice of the text would retain its storage on every call.
    return text.withUTF8Buffer { expected in
      document.utf8.withUnsafeBufferPointer { utf8 in
        for offset in 0..<count where utf8[start + offset] != expected[offset] { return false }
        return true
      }
    }
  }

  /// A token's spelling of 1 to 8 bytes packed as it is into one integer (bytes from the
  /// lowest, zero-padded), or 0 when it is longer or holds a zero byte (which would read as
  /// padding): the matcher compares exact spellings with it.
  func rawSpelling(_ token: Int) -> UInt64 {
    let start = Int(document.tokens[token].utf8Start)
    let count = Int(document.tokens[token].utf8End) - start
    guard count > 0 && count <= 8 else { return 0 }
    let word = document.utf8.withUnsafeBufferPointer { utf8 in
      RuleProgram.packedPrefix(utf8, from: start, to: start + count).raw
    }
    // A zero byte among the token's own: a borrow only runs upwards, from a zero byte, so the
    // padding above them cannot set a bit here.
    let valid: UInt64 = count == 8 ? ~0 : (UInt64(1) << UInt64(count * 8)) - 1
    let zeros = (word &- 0x0101_0101_0101_0101) & ~word & 0x8080_8080_8080_8080
    return zeros & valid == 0 ? word : 0
  }

  /// Whether a token's spelling equals `bytes`, ignoring ASCII case.
  func equalsLowercased(_ token: Int, _ bytes: [UInt8]) -> Bool {
    let range = document.tokens[token].utf8Range
    guard range.count == bytes.count else { return false }
    var index = 0
    for byte in document.utf8[range] {
      let lower = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
      if lower != bytes[index] { return false }
      index += 1
    }
    return true
  }

  /// Whether a sentence boundary lies before token `index` (true at the text's edges).
  func sentenceBoundary(before index: Int) -> Bool {
    index <= 0 || index >= tokenCount
      || document.sentence(of: index) != document.sentence(of: index - 1)
  }

  /// Whether a paragraph boundary lies before token `index` (true at the text's edges).
  func paragraphBoundary(before index: Int) -> Bool {
    index <= 0 || index >= tokenCount
      || document.paragraph(of: index) != document.paragraph(of: index - 1)
  }

  /// Whether a token is punctuation that ends a sentence (. ! ? …).
  func isTerminal(_ token: Int) -> Bool {
    guard token >= 0 && token < tokenCount, document.tokens[token].kind == .punctuation else {
      return false
    }
    let start = Int(document.tokens[token].utf8Start)
    let first = document.utf8[start]
    if first == UInt8(ascii: ".") || first == UInt8(ascii: "!") || first == UInt8(ascii: "?") {
      return true
    }
    // NB: "…" is E2 80 A6; dashes also start with E2, so all three bytes are compared.
    return first == 0xE2 && start + 2 < document.utf8.count && document.utf8[start + 1] == 0x80
      && document.utf8[start + 2] == 0xA6
  }
}
