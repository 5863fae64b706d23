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
  /// For each token, the lexicons that hold it (read through ``mask(_:)``), or
  /// ``unknownMask`` when the pass over the tokens left it out (see ``scan``).
  /// NB: a raw buffer, written through a `let` when a token left out is read.
  private let masks: UnsafeMutablePointer<UInt64>
  /// For each token, its spelling lower-cased and packed into one integer when it is a short
  /// ASCII word, else 0 (see ``LexiconTable/masksAndWords(of:)``), read through ``word(_:)``:
  /// the matcher compares spellings with it. ``unknownWord`` where ``masks`` is unknown.
  private let words: UnsafeMutablePointer<UInt64>
  /// A mask no token has (the last lexicon's bit, when the table has fewer lexicons): not
  /// looked up yet.
  private static let unknownMask = UInt64(1) << UInt64(LexiconTable.capacity - 1)
  /// A packed spelling no token has (its bytes would be past ASCII): not packed yet.
  private static let unknownWord = UInt64.max
  /// The whole lexicon table, for the tokens looked up when first read.
  private let lexicons: LexiconTable.Probe
  /// The tokens that may pass some rule's anchor test, in order: in an anchor lexicon
  /// (``RuleProgram/AnchorSieve/lexicons``), spelled as an anchor key
  /// (``RuleProgram/AnchorSieve/keys``) or starting with a byte that another anchor may start
  /// with (``RuleProgram/AnchorSieve/groupsOfByte``); with ``quotingOnly``, the anchors of the
  /// rules that quote only (``RuleProgram/quotingSieve``). ``AnchorIndex`` reads only these.
  let anchorCandidates: [Int32]
  /// For each of ``anchorCandidates``, the anchor groups without a lexicon it may pass: those
  /// whose keys it has and those its first byte may start.
  let candidateGroups: [UInt64]
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

  /// Whether only the rules that quote will be tried (see ``init(document:quotes:rules:quotingOnly:)``).
  let quotingOnly: Bool

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
    masks.deallocate()
    words.deallocate()
    memo.deallocate()
    phraseCache.deallocate()
    captures.deallocate()
  }

  /// Builds the context. With `quotingOnly` (fiction: see ``AttributionEngine``), only the
  /// rules that quote will be tried: the tokens far from every quotation mark are not read
  /// then (see ``scan``), and only the anchors of those rules are candidates (an anchor index
  /// of the context lists only those rules).
  init(document: Document, quotes: [QuotedSpan], rules: RuleSet, quotingOnly: Bool = false) {
    self.document = document
    self.quotingOnly = quotingOnly
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
    lexicons = rules.pinnedLexicons.probe
    masks = .allocate(capacity: max(1, tokens.count))
    words = .allocate(capacity: max(1, tokens.count))
    var opening = [Int32](filled: -1, count: tokens.count)
    var closing = [Int32](filled: -1, count: tokens.count)
    var quoteTokens: [(open: Int, close: Int, closeStart: Int)] = []
    quoteTokens.reserveCapacity(quotes.count)
    // NB: room for every quotation at once: grown one append at a time, they were
    // reallocated several times per document.
    var openingTokens: [Int32] = []
    openingTokens.reserveCapacity(quotes.count)
    var closingTokens: [Int32] = []
    closingTokens.reserveCapacity(quotes.count)
    // The tokens of the previous quotation, where the search for the next opening starts.
    var previous = (open: 0, closeStart: 0)
    for (index, quote) in quotes.enumerated() {
      // NB: from the previous quotation's closing on (the next quotation most often opens a
      // few tokens after it), or from its opening (one nested in it), not in the whole text:
      // ``token(at:in:notBefore:)`` searches the whole text only when both are past it.
      let offset = quote.openMark.lowerBound
      let after =
        previous.closeStart > 0 && previous.closeStart < tokens.count
        && Int(tokens[previous.closeStart - 1].utf8End) <= offset
      let open = Token.index(
        holding: offset, in: tokens, notBefore: after ? previous.closeStart : previous.open)
      var close: Int
      var closeStart: Int
      if let mark = quote.closeMark {
        // NB: a mark can be two tokens ('' in the New York Times): take its last one. Both
        // are found from the opening on, a quotation's length away, not in the whole text.
        closeStart = Token.index(holding: mark.lowerBound, in: tokens, notBefore: open)
        close = Token.index(
          holding: max(mark.lowerBound, mark.upperBound - 1), in: tokens, notBefore: closeStart)
      } else {
        let paragraph = document.paragraphs[quote.paragraphs.upperBound]
        close = max(open, paragraph.tokens.upperBound - 1)
        closeStart = close + 1
      }
      close = max(close, open)
      quoteTokens.append((open, close, max(open, closeStart)))
      previous = (open, max(open, closeStart))
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
    let spans =
      quotingOnly && rules.lexicons.names.count < LexiconTable.capacity
      ? Self.quotingSpans(rules.program, openingTokens, closingTokens, count: tokens.count)
      : nil
    if let spans {
      // NB: only the tokens between the spans (in order, apart): the pass writes the others.
      var gapStart = 0
      for index in 0...spans.count {
        let gapEnd = index < spans.count ? spans[index].lowerBound : tokens.count
        if gapStart < gapEnd {
          (masks + gapStart).initialize(repeating: Self.unknownMask, count: gapEnd - gapStart)
          (words + gapStart).initialize(repeating: Self.unknownWord, count: gapEnd - gapStart)
        }
        if index < spans.count { gapStart = spans[index].upperBound }
      }
    }
    (anchorCandidates, candidateGroups) = Self.scan(
      document, rules, quotingOnly ? rules.program.quotingSieve : rules.program.anchorSieve,
      spans ?? [0..<tokens.count], masks: masks, words: words)
  }

  /// The tokens the pass over the tokens reads when only the rules that quote run (the direct
  /// pass and the rules of kind direct), in order and apart: those within reach of a
  /// quotation (``RuleProgram/ConditionCheck/forwardQuoteReach`` and its backward
  /// counterpart). Nil when some such rule has no bound on its distance to a quotation (then
  /// every token is read).
  /// NB: exact for the anchors: an anchor left out is farther from every quotation than any
  /// of these rules allows, so the anchor index would drop it (``AnchorIndex``). No margin
  /// for the tokens the rules read around an anchor: looked up when read, they cost less
  /// than a pass over a margin (bench-sample: 16 tokens more on each side, 1,684.0M
  /// instructions; 6, 1,679.2M; none, 1,675.9M).
  private static func quotingSpans(
    _ program: RuleProgram, _ openingTokens: [Int32], _ closingTokens: [Int32], count: Int
  ) -> [Range<Int>]? {
    guard let reach = program.quotingReach else { return nil }
    let (forward, backward) = reach
    // An anchor at most `forward` tokens before an opening, or at most `backward` tokens
    // after the token after a closing (as ``distanceToOpening(from:)`` and
    // ``distanceToClosing(before:)`` count).
    var spans: [Range<Int>] = []
    var nextOpening = 0
    var nextClosing = 0
    while true {
      var span: Range<Int>
      if forward >= 0, nextOpening < openingTokens.count,
        backward < 0 || nextClosing >= closingTokens.count
          || openingTokens[nextOpening] - Int32(forward) <= closingTokens[nextClosing] + 1
      {
        let token = Int(openingTokens[nextOpening])
        span = (token - forward)..<(token + 1)
        nextOpening += 1
      } else if backward >= 0, nextClosing < closingTokens.count {
        let token = Int(closingTokens[nextClosing]) + 1
        span = token..<(token + backward + 1)
        nextClosing += 1
      } else {
        break
      }
      span = max(0, span.lowerBound)..<min(count, span.upperBound)
      guard !span.isEmpty else { continue }
      if let last = spans.last, span.lowerBound <= last.upperBound {
        spans[spans.count - 1] = last.lowerBound..<max(last.upperBound, span.upperBound)
      } else {
        spans.append(span)
      }
    }
    return spans
  }

  /// One pass over the tokens of `spans` (in order, apart) for everything the context keeps
  /// per token: lexicon bits, packed spellings and anchor candidates (those `sieve` lets
  /// through). The tokens outside `spans` are looked up when first read (``mask(_:)``,
  /// ``word(_:)``).
  /// NB: one loop over raw buffers: each of these was a pass of its own over every token.
  /// NB: in the spans every token's bits and spelling are kept, not only the anchor
  /// candidates', though few are read after (bench-sample's 131 stories: 853K tokens, 456K in
  /// the spans, 22.5K candidates). With the candidates' alone kept and the others looked up
  /// when first read, ``lookUp(_:)`` cost 10.0M instructions (0.2M before) and the total rose
  /// from 1,126.4M to 1,151.6M (the lookup's packing then out of line: 21.5M); a filter of the
  /// anchor lexicons' words would spare the scan's probes, not those lookups.
  private static func scan(
    _ document: Document, _ rules: RuleSet, _ sieve: RuleProgram.AnchorSieve,
    _ spans: [Range<Int>], masks: UnsafeMutablePointer<UInt64>,
    words: UnsafeMutablePointer<UInt64>
  ) -> (candidates: [Int32], keyGroups: [UInt64]) {
    let count = document.tokens.count
    var candidates: [Int32] = []
    candidates.reserveCapacity(count / 16)
    var keyGroups: [UInt64] = []
    keyGroups.reserveCapacity(count / 16)
    let anchorLexicons = sieve.lexicons
    let groupsOfByte = sieve.groupsOfByte
    let keyLengthsOfByte = sieve.keyLengthsOfByte
    let probe = rules.pinnedLexicons.probe
    document.utf8.withUnsafeBufferPointer { text in
      document.tokens.withUnsafeBufferPointer { tokens in
        for span in spans {
          for index in span {
            let token = tokens[index]
            let start = Int(token.utf8Start)
            let end = Int(token.utf8End)
            let first = start < end ? text[start] : 0
            var mask: UInt64 = 0
            var word: UInt64 = 0
            // NB: the branches on the kind and on the short filter (``LexiconTable/Probe``) are
            // mispredicted often (bench-sample: 119K of 511K tokens, 158K of 382K words). A
            // pass without them (every token packed and its home slot in the short table read,
            // the answer picked for words) had 300K fewer mispredicted branches, but 14M more
            // instructions and 100K more L1 misses, and took more time (perf: this pass 4.6 %
            // of the tool's time, 5.1 % then).
            if token.kind == .word {
              (mask, word) = probe.look(text, start, end)
            }
            masks[index] = mask
            words[index] = word
            // NB: most tokens have the first byte or the length of no key: the call is
            // skipped for those.
            let groups =
              groupsOfByte[Int(first)]
              | (keyLengthsOfByte[Int(first)] & RuleProgram.lengthBit(end - start) == 0
                ? 0 : sieve.keyedGroups(text, first: first, from: start, to: end))
            if mask & anchorLexicons != 0 || groups != 0 {
              candidates.append(Int32(truncatingIfNeeded: index))
              keyGroups.append(groups)
            }
          }
        }
      }
    }
    return (candidates, keyGroups)
  }

  /// The lexicons that hold a token (0 for a token that is not a word).
  @inline(__always)
  func mask(_ token: Int) -> UInt64 {
    let mask = masks[token]
    return mask != Self.unknownMask ? mask : lookUp(token).mask
  }

  /// Whether the pass over the tokens read a token, or left it to be looked up when read and
  /// it has not been read since.
  func wasScanned(_ token: Int) -> Bool { masks[token] != Self.unknownMask }

  /// A token's spelling lower-cased and packed into one integer when it is a word of 1 to 8
  /// ASCII bytes without a zero byte (see ``LexiconTable/packed(_:)``), else 0.
  @inline(__always)
  func word(_ token: Int) -> UInt64 {
    let word = words[token]
    return word != Self.unknownWord ? word : lookUp(token).word
  }

  /// Looks a token the pass over the tokens left out up and keeps its bits and spelling.
  @inline(never)
  private func lookUp(_ token: Int) -> (mask: UInt64, word: UInt64) {
    let info = document.tokens[token]
    var found: (mask: UInt64, word: UInt64) = (0, 0)
    if info.kind == .word {
      found = document.utf8.withUnsafeBufferPointer {
        lexicons.look($0, Int(info.utf8Start), Int(info.utf8End))
      }
    }
    masks[token] = found.mask
    words[token] = found.word
    return found
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
    token >= 0 && token < tokenCount && mask(token) & bits != 0
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
