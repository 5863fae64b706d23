/// Finds personal names in the narration (outside quotations), so that pronouns can refer to
/// people who are mentioned without speaking.
///
/// A capitalised run counts as a name only when it is safe to: it follows an honorific
/// ("Mr. Darcy"), starts with a known given name, or shares a word with a speaker's name.
/// Places and organisations therefore rarely become people.
struct NarrationNames {
  let analyzer: MentionAnalyzer
  let insideQuote: [Bool]
  /// The runs of tokens inside quotations (see `insideQuote`), in order: the scan skips each
  /// at once.
  let quotedRuns: [Range<Token.Index>]
  /// Whether the document reads as fiction: a one-letter word that is no name alone ("O",
  /// "A") is then read as a middle initial inside a name (see ``scan(known:findsArticles:articles:)``).
  /// NB: off in news, whose output this scan must leave as it was.
  var fiction = false

  var document: Document { analyzer.document }
  var lexicons: SpeakerLexicons { analyzer.lexicons }

  /// How often a capitalised word must occur inside sentences to count as a name.
  static let recurrence = 3

  /// The name mentions of the narration, in text order. `known` holds the lower-cased name
  /// words of the speakers the rules found. With `findsArticles`, the articles of the narration
  /// are gathered into `articles` in the same pass, in text order (for
  /// ``NarrationDescriptions/scan(articles:)``).
  /// - Complexity: O(n) in the number of tokens.
  func scan(known: ByteLexicon<Void>, findsArticles: Bool, articles: inout [Int32])
    -> [SpeakerMention]
  {
    var mentions: [SpeakerMention] = []
    // NB: one copy of the document for the scan: `self.document` is computed, and each use
    // would copy (and retain) every array of it.
    let document = analyzer.document
    let tokens = document.tokens
    // NB: each capitalised word of the narration is looked up once (most tokens are never
    // looked up; the second pass asks only about the ones this pass looked up).
    // Capitalised words that recur inside sentences are names of something; those that also
    // head a name run are taken as people (a place rarely heads a run before "said").
    var recurring = HashCounter()
    // Three lists of the narration's tokens, a third of `found` each: the words that can open
    // a mention (capitalised words and subject pronouns), so that the second pass skips every
    // other token at once; the capitalised words of a stretch, looked up after it; with
    // `findsArticles`, the articles (see ``gather(_:_:_:_:_:into:)``).
    // NB: each list has room for every token (the capitals' for a stretch, as it is read again
    // from its start for each one): one allocation, made once, whose pages are touched only as
    // far as the lists reach.
    let found = UnsafeMutablePointer<Int32>.allocate(capacity: max(1, 3 * tokens.count))
    defer { found.deallocate() }
    let foundCapitals = found + tokens.count
    let foundArticles = foundCapitals + tokens.count
    var lists = Gathered(candidates: found, capitals: foundCapitals, articles: foundArticles)
    let articleClass = findsArticles ? NarrationNames.articleClass : 0
    let excluded: SpeakerWord.Lists = [.honorific, .role, .notName, .organizationHead]
    tokens.withUnsafeBufferPointer { tokens in
      document.utf8.withUnsafeBufferPointer { utf8 in
        NarrationNames.shortWords.withLookup { shortWords in
          // NB: the narration between quotations, a stretch at a time: the tokens of a
          // quotation are not read.
          var stretchStart = 0
          for run in 0...quotedRuns.count {
            let stretchEnd = run < quotedRuns.count ? quotedRuns[run].lowerBound : tokens.count
            defer { if run < quotedRuns.count { stretchStart = quotedRuns[run].upperBound } }
            lists.capitals = foundCapitals
            NarrationNames.gather(
              stretchStart..<max(stretchStart, stretchEnd), tokens, utf8, shortWords, articleClass,
              into: &lists)
            // NB: each capitalised word of the narration is looked up once, in one table for
            // every list, and its entry is kept in the analyzer's cache for the second pass.
            // A stretch's words are looked up after it, while its tokens are in the cache:
            // after the whole pass, reading them again missed it.
            for capital in UnsafeBufferPointer(
              start: foundCapitals, count: lists.capitals - foundCapitals)
            {
              let index = Int(capital)
              let word = UnsafeBufferPointer(
                rebasing: utf8[MentionAnalyzer.wordRange(of: tokens[index], in: utf8)])
              let hash = ByteLexicon<Void>.hash(word)
              let entry = lexicons.words.entry(word, hash: hash)
              analyzer.entries[index] = entry
              let lists = entry < 0 ? [] : lexicons.words.value(at: entry).lists
              if lists.isDisjoint(with: excluded), !analyzer.isSentenceInitial(index) {
                recurring.add(hash)
              }
            }
          }
        }
      }
    }
    articles.append(
      contentsOf: UnsafeBufferPointer(start: foundArticles, count: lists.articles - foundArticles))
    let candidates = UnsafeBufferPointer(start: found, count: lists.candidates - found)
    // NB: at most one mention per candidate: the list grows once, not by doubling (each
    // growth moved every mention).
    mentions.reserveCapacity(candidates.count)
    // The analysis of each spelling of a subject pronoun, kept from its first occurrence.
    var pronouns = PronounMentions()
    // The analysis of each one-word name, kept from its first occurrence.
    var oneWordNames = OneWordNames()
    var index = 0
    for candidate in candidates where Int(candidate & Gathered.position) >= index {
      // NB: the tokens skipped to get here are no mention's start: inside a quotation, not
      // words, or neither capitalised nor a subject pronoun.
      index = Int(candidate & Gathered.position)
      if candidate & Gathered.subjectPronoun != 0 {
        // A subject pronoun keeps its person the most salient one; "I" is the narrator, but
        // not the numeral of a heading ("CHAPTER I", "Chapter I. Into the Wild").
        if !isHeadingNumeral(index),
          let mention = document.utf8.withUnsafeBufferPointer({
            pronouns.mention(at: index, tokens[index], $0, analyzer)
          })
        {
          mentions.append(mention)
        }
        index += 1
        continue
      }
      var start = index
      var first = index
      if analyzer.lists(index).contains(.honorific) {
        first = index + 1
        if first < tokens.count, analyzer.bytesEqual(first, ".") { first += 1 }
        guard first < tokens.count, analyzer.isCapitalized(first), !insideQuote[first],
          document.paragraph(of: first) == document.paragraph(of: index)
        else {
          index += 1
          continue
        }
      } else {
        start = index
      }
      var end = first
      let sentence = document.sentence(of: first)
      // NB: a name word is capitalised, and the first pass looked up every capitalised token
      // outside quotations.
      while end < tokens.count, end - first < 4, !insideQuote[end],
        document.sentence(of: end) == sentence, analyzer.isNameWord(end),
        analyzer.lists(end).isDisjoint(with: [.notName, .role, .honorific])
          // "Terry O. Nicholson": after a name word, a capital letter with its period before
          // another capitalised word is a middle initial, even one that is a word of its own
          // elsewhere ("O", "A"). NB: `isNameWord` has checked the period.
          || (fiction && end > first && tokens[end].utf8Range.count == 1
            && analyzer.lists(end).isDisjoint(with: [.role, .honorific])
            && end + 2 < tokens.count && analyzer.isCapitalized(end + 2))
      {
        end += 1
        if analyzer.isPossessive(end - 1) { break }
        // "George W. Bush": an initial's period.
        if end < tokens.count, analyzer.bytesEqual(end, "."),
          tokens[end].shape.contains(.attachedBefore), tokens[end - 1].utf8Range.count == 1,
          end + 1 < tokens.count, analyzer.isCapitalized(end + 1)
        {
          end += 1
        }
      }
      guard end > first else {
        index = max(index + 1, first)
        continue
      }
      let run = first..<end
      // NB: the kept lists of the first word before the known names' lookups, which hash every
      // word of the run (the tests have no effects: only their cost tells their order).
      let accepted =
        start < first
        || analyzer.lists(first).contains(.givenName)
        || (known.count > 0 && isKnown(run, known, document))
        || recurring.count(of: wordHash(end - 1, document.utf8)) >= NarrationNames.recurrence
      if accepted,
        !analyzer.lists(first).contains(.notName) || start < first,
        let mention = start == first && end == first + 1
          ? oneWordNames.mention(at: first, tokens, document.utf8, analyzer)
          : analyzer.analyze(tokens: start..<end),
        mention.kind == .name
      {
        mentions.append(mention)
      }
      index = end
    }
    return mentions
  }

  /// The ends of the three lists of ``scan(known:findsArticles:articles:)``.
  struct Gathered {
    /// The bits of a candidate that hold its token's position.
    static let position: Int32 = .max
    /// The bit of a candidate set when its token is a subject pronoun ("he", "He", "she",
    /// "She" or "I": see ``pronounClass``).
    /// NB: told by the gathering pass's lookup, which the scan's second pass made again for
    /// each candidate from the token's bytes, then far out of the cache.
    static let subjectPronoun: Int32 = .min
    var candidates: UnsafeMutablePointer<Int32>
    var capitals: UnsafeMutablePointer<Int32>
    var articles: UnsafeMutablePointer<Int32>
  }

  /// Appends to `lists` the positions of the tokens of `stretch` that can open a mention
  /// (capitalised words and subject pronouns), of its capitalised words, and of its articles
  /// when `articleClass` is ``articleClass`` (0: none).
  /// NB: 64 tokens at a time: their capitalised words and their words short enough to be a
  /// pronoun or an article are found as the bits of two masks, without a branch (see
  /// ``MentionAnalyzer/wordMasks(_:_:shortLength:)``); only the short words (a third of the
  /// tokens) are looked up in ``shortWords``, and only the tokens of a list are written to it.
  /// Which tokens these are is unpredictable: branches on each token mispredicted often, and a
  /// lookup and three writes for every token (each list's end moved on by a bit) cost more
  /// (bench-sample, 609K tokens: the scan 47.3M -> 39.2M instructions of its own, for 41K more
  /// mispredicted branches, those of the masks' loops).
  private static func gather(
    _ stretch: Range<Token.Index>, _ tokens: UnsafeBufferPointer<Token>,
    _ utf8: UnsafeBufferPointer<UInt8>, _ shortWords: ShortWords.Lookup, _ articleClass: UInt8,
    into lists: inout Gathered
  ) {
    var candidates = lists.candidates
    var capitals = lists.capitals
    var articles = lists.articles
    let shortLength = NarrationNames.shortWords.maximumLength
    var chunk = stretch.lowerBound
    while chunk < stretch.upperBound {
      let chunkEnd = min(chunk &+ 64, stretch.upperBound)
      let masks = MentionAnalyzer.wordMasks(chunk..<chunkEnd, tokens, shortLength: shortLength)
      var pronouns: UInt64 = 0
      var articleMask: UInt64 = 0
      var short = masks.short
      while short != 0 {
        let offset = UInt64(short.trailingZeroBitCount)
        short &= short &- 1
        let token = tokens[chunk &+ Int(offset)]
        let start = Int(token.utf8Start)
        let classes = UInt64(
          shortWords.classes(ShortWords.key(utf8, start, Int(token.utf8End) &- start)))
        pronouns |= (classes & UInt64(pronounClass)) &<< offset
        articleMask |= ((classes & UInt64(articleClass)) >> 1) &<< offset
      }
      let position = Int32(truncatingIfNeeded: chunk)
      // NB: the capitalised words are among the candidates: written to their list in the same
      // loop, whose end moves on by one for them (a bit, not a branch).
      var opening = masks.capitalized | pronouns
      while opening != 0 {
        let offset = UInt64(opening.trailingZeroBitCount)
        opening &= opening &- 1
        let token = position &+ Int32(truncatingIfNeeded: offset)
        let isPronoun = UInt32(truncatingIfNeeded: pronouns &>> offset) & 1
        candidates.pointee = token | Int32(bitPattern: isPronoun << 31)
        candidates += 1
        capitals.pointee = token
        capitals += Int(truncatingIfNeeded: masks.capitalized &>> offset & 1)
      }
      // NB: fiction's descriptions ("a tall girl") open with an article of the narration:
      // gathered in this pass rather than by a pass of their own over every token.
      while articleMask != 0 {
        articles.pointee = position &+ Int32(articleMask.trailingZeroBitCount)
        articles += 1
        articleMask &= articleMask &- 1
      }
      chunk = chunkEnd
    }
    lists = Gathered(candidates: candidates, capitals: capitals, articles: articles)
  }

  /// Whether an "I" is the Roman numeral of a heading rather than the narrator: the second
  /// word of its paragraph after a capitalised one ("CHAPTER I", "Part I.", "BOOK I—THE
  /// START"), and not followed by a lower-case word or a comma as the pronoun is ("Then I
  /// went", "So I, too, …").
  private func isHeadingNumeral(_ index: Token.Index) -> Bool {
    let tokens = document.tokens
    guard index > 0, tokens[index].utf8End - tokens[index].utf8Start == 1,
      tokens[index - 1].kind == .word, tokens[index - 1].shape.contains(.capitalized)
    else { return false }
    let paragraph = document.paragraphs[document.paragraph(of: index)].tokens
    guard paragraph.lowerBound == index - 1 else { return false }
    let next = index + 1
    guard next < paragraph.upperBound else { return true }
    return !tokens[next].shape.contains(.lowercase) && !analyzer.bytesEqual(next, ",")
  }

  /// Whether a word of the run is in `known`.
  /// NB: the words are read from the scan's copy of the document in place: a slice of the text
  /// per word retained and released it.
  private func isKnown(
    _ run: Range<Token.Index>, _ known: ByteLexicon<Void>, _ document: Document
  ) -> Bool {
    document.tokens.withUnsafeBufferPointer { tokens in
      document.utf8.withUnsafeBufferPointer { utf8 in
        for index in run {
          let range = MentionAnalyzer.wordRange(of: tokens[index], in: utf8)
          if known.contains(UnsafeBufferPointer(rebasing: utf8[range])) { return true }
        }
        return false
      }
    }
  }

  /// The hash of a token's word as ``ByteLexicon`` hashes it (lower-cased, possessive removed).
  private func wordHash(_ index: Token.Index, _ utf8: [UInt8]) -> UInt64 {
    let range = analyzer.wordRange(index)
    return utf8.withUnsafeBufferPointer {
      ByteLexicon<Void>.hash(UnsafeBufferPointer(rebasing: $0[range]))
    }
  }

  /// The subject pronouns (``pronounClass``) and the articles
  /// (``articleClass``: "a", "an", "the", capitalised or not; see
  /// ``NarrationDescriptions/scan(articles:speakerNouns:)``).
  static let shortWords = ShortWords(
    [("I", pronounClass), ("he", pronounClass), ("He", pronounClass), ("she", pronounClass)]
      + [("She", pronounClass), ("a", articleClass), ("A", articleClass), ("an", articleClass)]
      + [("An", articleClass), ("the", articleClass), ("The", articleClass)])
  static let pronounClass: UInt8 = 1
  static let articleClass: UInt8 = 2
}

/// The mentions of subject pronouns ("he", "She", "I"), analysed once per spelling.
///
/// NB: the analysis of a one-token mention depends only on the token's bytes, kind and
/// capitalisation, so every "he" after the first copies the first one's analysis with its own
/// position: a novel has thousands, and each analysis looked the word up and built its name.
private struct PronounMentions {
  /// The analysis by spelling (see ``slot(_:_:)``), nil when it found no mention.
  private var analyses: [SpeakerMention?] = []
  /// The shape bits each analysis was made with, or ``unknown`` when the spelling has not been
  /// analysed yet.
  private var shapes: [UInt8] = []
  private static let unknown: UInt8 = 0xFF

  /// The mention of the subject pronoun `token` at `index` (see
  /// ``MentionAnalyzer/analyze(tokens:)``). Asked only of a token that ``NarrationNames`` took
  /// for a subject pronoun.
  /// NB: the token and the text are handed in: reaching them through the analyzer's document
  /// retained and released its arrays for every pronoun.
  mutating func mention(
    at index: Token.Index, _ token: Token, _ utf8: UnsafeBufferPointer<UInt8>,
    _ analyzer: MentionAnalyzer
  ) -> SpeakerMention? {
    let slot = PronounMentions.slot(token, utf8)
    let shape =
      token.shape.rawValue & (Token.Shape.capitalized.rawValue | Token.Shape.allCaps.rawValue)
    if shapes.isEmpty {
      analyses = Array(filled: nil, count: PronounMentions.slots)
      shapes = Array(filled: PronounMentions.unknown, count: PronounMentions.slots)
    }
    // NB: the kept analysis is copied once, straight out of its slot.
    if shapes[slot] == shape {
      guard var mention = analyses[slot] else { return nil }
      mention.tokens = index..<(index + 1)
      mention.utf8Range = token.utf8Range
      return mention
    }
    let mention = analyzer.analyze(tokens: index..<(index + 1))
    analyses[slot] = mention
    shapes[slot] = shape
    return mention
  }

  static let slots = 8

  /// A slot per spelling: its length and whether its first letter is upper case.
  private static func slot(_ token: Token, _ utf8: UnsafeBufferPointer<UInt8>) -> Int {
    let length = Int(token.utf8End - token.utf8Start)
    let isUpper = utf8[Int(token.utf8Start)] < UInt8(ascii: "a")
    return (length & 3) << 1 | (isUpper ? 1 : 0)
  }
}

/// The mentions of one-word names of the narration ("Emily", "Valancourt's"), analysed once
/// per spelling.
///
/// NB: the analysis of a capitalised word of more than one letter, alone, depends only on its
/// bytes (its lists, its name words, its display name): every later occurrence copies the
/// first one's with its own position. A novel names its characters thousands of times, and
/// each analysis looked words up and built strings. (A one-letter word is an initial only
/// before its period: the next token counts, so it is analysed each time.)
private struct OneWordNames {
  /// For each slot, the first token with the spelling plus one (0: empty), its hash and its
  /// analysis's position in ``analyses``; a power of two long.
  private var slots: [(hash: UInt64, token: Int32, analysis: Int32)] = []
  /// The analyses, in the order their spellings were first seen.
  /// NB: apart from the slots, so that growing the table moves three numbers per spelling, not
  /// a mention of 64 bytes.
  private var analyses: [SpeakerMention?] = []

  /// The mention of the name `tokens[index]` alone (see ``MentionAnalyzer/analyze(tokens:)``).
  mutating func mention(
    at index: Token.Index, _ tokens: [Token], _ utf8: [UInt8], _ analyzer: MentionAnalyzer
  ) -> SpeakerMention? {
    let token = tokens[index]
    guard token.utf8End - token.utf8Start > 1 else {
      return analyzer.analyze(tokens: index..<(index + 1))
    }
    let hash = utf8.withUnsafeBufferPointer {
      ByteLexicon<Void>.hash(UnsafeBufferPointer(rebasing: $0[token.utf8Range]))
    }
    if (analyses.count + 1) * 2 > slots.count { grow() }
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while slots[slot].token != 0 {
      if slots[slot].hash == hash {
        let first = tokens[Int(slots[slot].token) - 1]
        // NB: the exact bytes, not the lower-cased hash: the display name keeps the case.
        // NB: a loop over the bytes: the generic `elementsEqual` cost more than the rest of a
        // hit.
        let same = utf8.withUnsafeBufferPointer { utf8 in
          let count = Int(token.utf8End - token.utf8Start)
          guard Int(first.utf8End - first.utf8Start) == count else { return false }
          let a = Int(first.utf8Start)
          let b = Int(token.utf8Start)
          for offset in 0..<count where utf8[a + offset] != utf8[b + offset] { return false }
          return true
        }
        guard same else {
          return analyzer.analyze(tokens: index..<(index + 1))
        }
        guard var mention = analyses[Int(slots[slot].analysis)] else { return nil }
        mention.tokens = index..<(index + 1)
        mention.utf8Range = token.utf8Range
        if mention.nameTokens != nil { mention.nameTokens = index..<(index + 1) }
        return mention
      }
      slot = (slot + 1) & mask
    }
    let mention = analyzer.analyze(tokens: index..<(index + 1))
    slots[slot] = (hash, Int32(index + 1), Int32(analyses.count))
    analyses.append(mention)
    return mention
  }

  private mutating func grow() {
    let old = slots
    // NB: a short document names a few people: the first table is small.
    let count = max(16, old.count * 2)
    // NB: room for as many analyses as the table takes before it grows again: they grew by
    // doubling from one, each growth moving every analysis.
    analyses.reserveCapacity(count / 2)
    slots = Array(filled: (0, 0, 0), count: count)
    let mask = count - 1
    for entry in old where entry.token != 0 {
      var slot = Int(truncatingIfNeeded: entry.hash ^ (entry.hash >> 29)) & mask
      while slots[slot].token != 0 { slot = (slot + 1) & mask }
      slots[slot] = entry
    }
  }
}

/// Counts 64-bit word hashes in an open-addressing table (no `Hasher`, no dictionary).
private struct HashCounter {
  /// Each slot's hash and count (0: empty); a power of two long.
  /// NB: one array, allocated at the first count: a short text may have no word to count.
  private var slots: [(key: UInt64, count: Int32)] = []
  private var used = 0

  mutating func add(_ hash: UInt64) {
    if (used + 1) * 2 > slots.count { grow() }
    let slot = self.slot(of: hash)
    if slots[slot].count == 0 {
      slots[slot].key = hash
      used += 1
    }
    slots[slot].count += 1
  }

  func count(of hash: UInt64) -> Int {
    guard !slots.isEmpty else { return 0 }
    return Int(slots[slot(of: hash)].count)
  }

  /// The slot that holds `hash`, or the empty slot where it would go.
  private func slot(of hash: UInt64) -> Int {
    let mask = slots.count - 1
    var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
    while slots[slot].count != 0, slots[slot].key != hash { slot = (slot + 1) & mask }
    return slot
  }

  private mutating func grow() {
    let old = slots
    slots = Array(filled: (0, 0), count: max(64, old.count * 2))
    for entry in old where entry.count != 0 {
      slots[slot(of: entry.key)] = entry
    }
  }
}

/// A mention resolved to an entity, in the narration or as a speaker tag.
struct NarrationMention {
  /// Where the mention starts, as a UTF-8 byte offset.
  var utf8Start: Int
  /// The entity id in the ``EntityTable``.
  var entity: Int
  /// Whether the mention is in the narration (not a speaker tag).
  var isNarration: Bool
}
