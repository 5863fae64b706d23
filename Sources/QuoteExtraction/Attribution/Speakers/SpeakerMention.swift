/// A speaker mention analysed: its extent, kind, name and gender.
///
/// NB: its token indices and byte offsets are kept as 32-bit numbers (as a ``Token`` keeps its
/// offsets), an absent name or honorific as -1, behind the properties that give them as ranges
/// and indices: a mention is 64 bytes, where ranges and optionals of `Int` made 120. The
/// narration's lists of mentions, the resolver's events and the memo's analyses are read and
/// copied mention by mention, and the wider mention took twice the cache lines.
struct SpeakerMention: Sendable {
  private var tokenStart: Int32
  private var tokenEnd: Int32
  private var utf8Start: Int32
  private var utf8End: Int32
  /// -1 when the mention has no name tokens.
  private var nameStart: Int32
  private var nameEnd: Int32
  /// -1 when the mention has no honorific.
  private var honorificIndex: Int32
  /// For a name: the honorific lower-cased without its period ("mrs"), if any: a run of one
  /// word of the analyzer's ``MentionWords`` (empty: none).
  var honorificWord: WordRun
  /// For a name: its words lower-cased, possessive removed (["mike", "pompeo"]), a run of the
  /// analyzer's ``MentionWords``.
  var nameWords: WordRun
  /// The role words of the mention, lower-cased ("spokeswoman", "secretary"), a run of the
  /// analyzer's ``MentionWords``.
  var roles: WordRun
  /// The form of the mention used as a canonical name ("Mike Pompeo", "Mr. Bennet",
  /// "Mexican officials"): a run of one string of the analyzer's ``MentionWords``.
  ///
  /// NB: no string in the mention either: a mention holds no reference at all, and is copied
  /// as its bytes (see ``WordRun``).
  var displayName: WordRun
  /// What the mention is.
  var kind: Attribution.MentionKind
  /// The gender the mention shows (honorific, given name, gendered role or pronoun).
  var gender: SpeakerGender
  /// Whether the mention is plural (a group, "they").
  var isPlural: Bool
  /// Whether the mention opens with a definite determiner or a possessive ("the girl", "his
  /// host"): it refers to someone already in the story.
  var isDefinite: Bool

  init(
    tokens: Range<Token.Index>, utf8Range: Range<Int>, kind: Attribution.MentionKind,
    nameTokens: Range<Token.Index>?, honorific: Token.Index?, honorificWord: WordRun = .empty,
    gender: SpeakerGender, isPlural: Bool, nameWords: WordRun, roles: WordRun,
    isDefinite: Bool = false, displayName: WordRun
  ) {
    tokenStart = Int32(truncatingIfNeeded: tokens.lowerBound)
    tokenEnd = Int32(truncatingIfNeeded: tokens.upperBound)
    utf8Start = Int32(truncatingIfNeeded: utf8Range.lowerBound)
    utf8End = Int32(truncatingIfNeeded: utf8Range.upperBound)
    nameStart = nameTokens.map { Int32(truncatingIfNeeded: $0.lowerBound) } ?? -1
    nameEnd = nameTokens.map { Int32(truncatingIfNeeded: $0.upperBound) } ?? -1
    honorificIndex = honorific.map { Int32(truncatingIfNeeded: $0) } ?? -1
    self.honorificWord = honorificWord
    self.nameWords = nameWords
    self.roles = roles
    self.displayName = displayName
    self.kind = kind
    self.gender = gender
    self.isPlural = isPlural
    self.isDefinite = isDefinite
  }

  /// The mention's extent (titles included, dateline and appositives excluded).
  var tokens: Range<Token.Index> {
    get { Range(uncheckedBounds: (Int(tokenStart), Int(tokenEnd))) }
    set {
      tokenStart = Int32(truncatingIfNeeded: newValue.lowerBound)
      tokenEnd = Int32(truncatingIfNeeded: newValue.upperBound)
    }
  }

  /// The mention's extent as UTF-8 byte offsets.
  var utf8Range: Range<Int> {
    get { Range(uncheckedBounds: (Int(utf8Start), Int(utf8End))) }
    set {
      utf8Start = Int32(truncatingIfNeeded: newValue.lowerBound)
      utf8End = Int32(truncatingIfNeeded: newValue.upperBound)
    }
  }

  /// For a name: the tokens of the name itself, without title or honorific.
  var nameTokens: Range<Token.Index>? {
    get { nameStart < 0 ? nil : Range(uncheckedBounds: (Int(nameStart), Int(nameEnd))) }
    set {
      nameStart = newValue.map { Int32(truncatingIfNeeded: $0.lowerBound) } ?? -1
      nameEnd = newValue.map { Int32(truncatingIfNeeded: $0.upperBound) } ?? -1
    }
  }

  /// For a name: the honorific before it (Mr, Mrs, Lady), if any.
  var honorific: Token.Index? {
    get { honorificIndex < 0 ? nil : Int(honorificIndex) }
    set { honorificIndex = newValue.map { Int32(truncatingIfNeeded: $0) } ?? -1 }
  }
}

/// A run of the words kept by a ``MentionWords`` buffer: a mention's name words or roles.
///
/// NB: a mention holds no array: it is copied, moved and swapped tens of thousands of times a
/// run (the narration's scans, the memo, the resolver's events), and each array it held was
/// retained and released with every copy, and made anew for every analysis.
struct WordRun: Equatable, Sendable {
  var start: Int32
  var count: Int32

  static let empty = WordRun(start: 0, count: 0)

  var isEmpty: Bool { count == 0 }
}

/// The name words, role words, honorifics and display names of one document's mentions, run
/// after run in one buffer (see ``WordRun``): made by the analyzer, read by the entity table.
///
/// A class over a raw buffer, as ``VocativeMemo`` is: shared by the analyzer and the entity
/// table, and a class's `var` array paid a dynamic exclusivity check on every access. A run,
/// once kept, never changes. Belongs to one document and one task.
final class MentionWords {
  private var storage: UnsafeMutablePointer<String>
  private var capacity: Int
  /// How many words are kept: where the next run starts.
  private(set) var count = 0

  init(capacity: Int = 64) {
    self.capacity = max(capacity, 1)
    storage = .allocate(capacity: self.capacity)
  }

  deinit {
    storage.deinitialize(count: count)
    storage.deallocate()
  }

  /// Appends a word to the run being made (see ``run(from:)``).
  func append(_ word: String) {
    if count == capacity {
      let grown = UnsafeMutablePointer<String>.allocate(capacity: capacity * 2)
      grown.moveInitialize(from: storage, count: count)
      storage.deallocate()
      storage = grown
      capacity *= 2
    }
    (storage + count).initialize(to: word)
    count += 1
  }

  /// The run of the words appended from `start` on.
  func run(from start: Int) -> WordRun {
    WordRun(start: Int32(start), count: Int32(count - start))
  }

  /// A run of one string, appended.
  func run(_ word: String) -> WordRun {
    let start = count
    append(word)
    return run(from: start)
  }

  /// A run of `words`, appended.
  func run(_ words: [String]) -> WordRun {
    let start = count
    for word in words { append(word) }
    return run(from: start)
  }

  /// The word at `position` of a run.
  subscript(run: WordRun, position: Int) -> String {
    precondition(position >= 0 && position < Int(run.count))
    return storage[Int(run.start) + position]
  }

  /// The last word of a run, if any.
  func last(_ run: WordRun) -> String? {
    run.isEmpty ? nil : storage[Int(run.start + run.count) - 1]
  }

  /// Whether a run holds `word`.
  func contains(_ run: WordRun, _ word: String) -> Bool {
    for position in 0..<Int(run.count) where storage[Int(run.start) + position] == word {
      return true
    }
    return false
  }

  /// The words of a run as an array.
  func words(_ run: WordRun) -> [String] {
    guard !run.isEmpty else { return [] }
    return Array(UnsafeBufferPointer(start: storage + Int(run.start), count: Int(run.count)))
  }
}

/// Finds the extent and kind of speaker mentions in a document.
///
/// A class: the resolver hands one analyzer to each of its helpers (the narration scans, the
/// tagger, the turns, the narrator's namer), and copying a reference costs one retain where a
/// struct retained every array of the document and the shared lexicons (atomics that the
/// batch API's threads contend on). Belongs to one document and one task.
final class MentionAnalyzer {
  let document: Document
  let lexicons: SpeakerLexicons
  /// Each token's speaker-lexicon entry, looked up at most once per document.
  let entries: LexiconEntries
  /// The name words and roles of the mentions analysed (see ``SpeakerMention/nameWords``).
  let words: MentionWords

  /// The analyses made so far, by spelling; nil to analyse every mention afresh (the tests
  /// compare the two).
  private let memo: AnalysisMemo?

  init(document: Document, lexicons: SpeakerLexicons, memoizes: Bool = true) {
    self.document = document
    self.lexicons = lexicons
    entries = LexiconEntries(count: document.tokens.count)
    // NB: room for a word per 64 tokens at first: a novel's analyses are kept by spelling, and
    // the buffer is not grown again and again.
    words = MentionWords(capacity: max(64, document.tokens.count / 64))
    memo = memoizes ? AnalysisMemo(tokenCount: document.tokens.count) : nil
    recentRanges = .allocate(capacity: MentionAnalyzer.rangeSlots)
    recentRanges.initialize(repeating: (-1, -1, 0, 0), count: MentionAnalyzer.rangeSlots)
  }

  /// The tokens that overlap a UTF-8 byte range.
  /// - Complexity: O(log b) for b tokens in a block of ``blockShift`` bytes (after one pass
  ///   over the blocks per document, see ``blocks``).
  func tokens(in utf8Range: Range<Int>) -> Range<Token.Index> {
    // NB: the resolver and its helpers ask about the same ranges again and again (a direct
    // quotation's fragments are read by the resolver, the turns and the namers): a recent
    // answer is read from a small table first, where a search within a block reached a dozen
    // tokens scattered over the document.
    let lower = utf8Range.lowerBound
    let upper = utf8Range.upperBound
    guard lower >= 0, upper <= document.utf8.count else { return searchedTokens(in: utf8Range) }
    let slot =
      (Int(truncatingIfNeeded: UInt64(UInt(bitPattern: lower &* 0x9E37_79B1 ^ upper)) >> 7)
        & (MentionAnalyzer.rangeSlots / 2 - 1)) << 1
    let newer = recentRanges[slot]
    if Int(newer.lower) == lower, Int(newer.upper) == upper {
      return Int(newer.low)..<Int(newer.high)
    }
    let older = recentRanges[slot + 1]
    if Int(older.lower) == lower, Int(older.upper) == upper {
      return Int(older.low)..<Int(older.high)
    }
    let found = searchedTokens(in: utf8Range)
    recentRanges[slot + 1] = newer
    recentRanges[slot] = (
      Int32(lower), Int32(upper), Int32(found.lowerBound), Int32(found.upperBound)
    )
    return found
  }

  /// The tokens that overlap a UTF-8 byte range (see ``tokens(in:)``), when they are likely
  /// `guess`: the guess is checked against the tokens at its ends, and the range is looked up
  /// only when it is wrong.
  ///
  /// NB: a quotation's marks are most often the tokens just around its content, whose tokens
  /// are known: the dialogue tagger asks for the marks of each quotation without a speaker
  /// (bench-sample: 11.3K questions, each about a range not asked before), and a search read
  /// a dozen tokens scattered over a block where the check reads the two or three at the
  /// guess's ends.
  func tokens(in utf8Range: Range<Int>, guess: Range<Token.Index>) -> Range<Token.Index> {
    let lower = utf8Range.lowerBound
    let upper = utf8Range.upperBound
    let holds = document.tokens.withUnsafeBufferPointer { tokens -> Bool in
      let low = guess.lowerBound
      let end = guess.upperBound
      guard lower >= 0, upper <= document.utf8.count, low >= 0, end <= tokens.count else {
        return false
      }
      // `low`: the first token that ends after the range's start.
      guard low == 0 || Int(tokens[low - 1].utf8End) <= lower,
        low == tokens.count || Int(tokens[low].utf8End) > lower
      else { return false }
      // `end`: the first token that starts at or after the range's end, unless that one comes
      // before `low` (then `end` is `low`).
      guard end > low else { return low == tokens.count || Int(tokens[low].utf8Start) >= upper }
      return Int(tokens[end - 1].utf8Start) < upper
        && (end == tokens.count || Int(tokens[end].utf8Start) >= upper)
    }
    return holds ? guess : tokens(in: utf8Range)
  }

  /// The recent answers of ``tokens(in:)``: for each slot, a byte range and its tokens (a
  /// lower bound of -1: none), two slots for each value of a range's hash, the newer first. A
  /// raw buffer: reading it retains nothing, and a class's `var` would pay a dynamic
  /// exclusivity check on every access.
  ///
  /// NB: two slots for a hash, the older answer kept when a newer one comes: of the 103K
  /// questions bench-sample asks, 32K are about a range not asked before, and the rest were
  /// searched again when another range had taken their slot since: 11.6K times with one slot
  /// for each of 512 hashes, 3.3K with one for each of 2,048 (a table twice as large, 32 KB
  /// filled for each document), 1.4K with two for each of 512.
  private let recentRanges:
    UnsafeMutablePointer<(lower: Int32, upper: Int32, low: Int32, high: Int32)>
  static let rangeSlots = 1024

  /// The tokens that overlap a UTF-8 byte range, searched (see ``tokens(in:)``).
  ///
  /// NB: never inlined: its searches pick their halves by selection (see
  /// ``firstToken(endingAfter:_:_:)``), and inlined into a caller's loop (the quotations' in
  /// ``SpeakerResolver``) the code generator made each selection a branch again.
  @inline(never)
  private func searchedTokens(in utf8Range: Range<Int>) -> Range<Token.Index> {
    let blocks = self.blocks
    return document.tokens.withUnsafeBufferPointer { tokens in
      let low = MentionAnalyzer.firstToken(endingAfter: utf8Range.lowerBound, tokens, blocks)
      // The first token that starts at or after the range's end: every token before the first
      // one that reaches the end starts before it, and that one does unless it starts there.
      // NB: a range that ends within its first token (a cue, a one-word speaker) is not
      // searched again: that token is the first to reach its end.
      let reaching =
        utf8Range.upperBound > utf8Range.lowerBound && low < tokens.count
          && Int(tokens[low].utf8End) >= utf8Range.upperBound
        ? low
        : MentionAnalyzer.firstToken(endingAfter: utf8Range.upperBound - 1, tokens, blocks)
      let end =
        reaching < tokens.count && Int(tokens[reaching].utf8Start) < utf8Range.upperBound
        ? reaching + 1 : reaching
      return low..<max(low, end)
    }
  }

  /// A block of the text is `1 << blockShift` bytes.
  /// NB: 256 bytes, some fifty tokens: the blocks are made for the whole text at the first
  /// question, and four times as many blocks of 64 bytes cost more to make than the two more
  /// steps of each search within a larger block (bench-sample: 18.2M -> 14.0M instructions).
  static let blockShift = 8

  /// For each block of ``blockShift`` bytes of the text, the first token that ends after the
  /// block's first byte (the token count when none does); made at the first question, freed
  /// with the analyzer.
  ///
  /// NB: the resolver and its helpers ask for the tokens of every speaker, cue and fragment: a
  /// binary search over the whole document, even one started from a guess, cost a few hundred
  /// instructions each time, where the block of an offset bounds its token to a handful. A raw
  /// buffer, not an array: reading it retains nothing.
  private var blockStorage: UnsafeMutableBufferPointer<Int32>? = nil

  /// NB: inlined, with the blocks made in a function of its own: read for every search, made
  /// once.
  private var blocks: UnsafeBufferPointer<Int32> {
    @inline(__always) get {
      if let blockStorage { return UnsafeBufferPointer(blockStorage) }
      return madeBlocks()
    }
  }

  /// Makes ``blocks``.
  @inline(never)
  private func madeBlocks() -> UnsafeBufferPointer<Int32> {
    let count = (document.utf8.count >> MentionAnalyzer.blockShift) + 1
    let blocks = UnsafeMutableBufferPointer<Int32>.allocate(capacity: count)
    document.tokens.withUnsafeBufferPointer { tokens in
      // NB: each block's first token is searched from the one before by doubling steps, then
      // by halves: a block holds a dozen tokens, and stepping over each cost more. Not by the
      // fixed halvings of a search within a block (``firstToken(endingAfter:in:count:_:)``):
      // each block's search would wait for the one before, and their selections' chains of
      // loads took longer than these branches' mispredictions (perf over five copies of
      // bench-sample: 34 samples -> 60 at 10 kHz, though mispredictions went 69K -> 2K).
      var token = 0
      for block in 0..<count {
        let start = block << MentionAnalyzer.blockShift
        var low = token
        var high = token
        var step = 1
        while high < tokens.count, Int(tokens[high].utf8End) <= start {
          low = high + 1
          high = min(tokens.count, high + step)
          step &*= 2
        }
        while low < high {
          let mid = (low + high) / 2
          if Int(tokens[mid].utf8End) <= start { low = mid + 1 } else { high = mid }
        }
        token = low
        blocks.initializeElement(at: block, to: Int32(token))
      }
    }
    blockStorage = blocks
    return UnsafeBufferPointer(blocks)
  }

  deinit {
    blockStorage?.deallocate()
    recentRanges.deallocate()
  }

  /// The first token that ends after a UTF-8 byte offset (the token count when none does).
  ///
  /// NB: searched by halves between the first tokens of the offset's block and of the next one
  /// (see ``blocks``).
  @inline(__always)
  private static func firstToken(
    endingAfter offset: Int, _ tokens: UnsafeBufferPointer<Token>,
    _ blocks: UnsafeBufferPointer<Int32>
  ) -> Int {
    guard offset >= 0 else { return 0 }
    let block = min(offset >> MentionAnalyzer.blockShift, blocks.count - 1)
    // A block's first token ends after its start (at or before `offset`), the next block's
    // ends after `offset`; a block's tokens end within its bytes, at most one per byte.
    let low = Int(blocks[block])
    let high = block + 1 < blocks.count ? Int(blocks[block + 1]) : tokens.count
    return firstToken(endingAfter: offset, in: low, count: high &- low, tokens)
  }

  /// The first token that ends after a UTF-8 byte offset, known to be one of
  /// `low...(low + count)` (`low + count` when none before it is), for a `count` of at most
  /// `1 << blockShift`.
  ///
  /// NB: `blockShift` halvings, a loop of constant length that the compiler unrolls, each
  /// picking its half by a selection; a step over one token changes nothing. A loop that ran
  /// until its range was empty was compiled to branches, the selection too (the code
  /// generator turns a select in a loop that feeds the next load into a branch), and each
  /// probe goes either way: bench-sample mispredicted 309K of them. The bounds are token
  /// indices: no overflow checks.
  @inline(__always)
  private static func firstToken(
    endingAfter offset: Int, in low: Int, count: Int, _ tokens: UnsafeBufferPointer<Token>
  ) -> Int {
    guard count > 0 else { return low }
    assert(count <= 1 << MentionAnalyzer.blockShift)
    var low = low
    var count = count
    for _ in 0..<MentionAnalyzer.blockShift {
      let half = count >> 1
      low = Int(tokens[low &+ half].utf8End) <= offset ? low &+ half : low
      count &-= half
    }
    return Int(tokens[low].utf8End) <= offset ? low &+ 1 : low
  }

  /// The bytes of a token, without a possessive ending ('s, ’s, s’).
  func wordBytes(_ index: Token.Index) -> ArraySlice<UInt8> {
    document.utf8[wordRange(index)]
  }

  /// The UTF-8 byte range of a token without a possessive ending (see ``wordBytes(_:)``).
  func wordRange(_ index: Token.Index) -> Range<Int> {
    document.utf8.withUnsafeBufferPointer {
      MentionAnalyzer.wordRange(of: document.tokens[index], in: $0)
    }
  }

  /// The UTF-8 byte range of a token without a possessive ending, given the document's bytes.
  static func wordRange(of token: Token, in utf8: UnsafeBufferPointer<UInt8>) -> Range<Int> {
    let start = Int(token.utf8Start)
    let end = Int(token.utf8End)
    // NB: the token's last four bytes are read as one word and compared with both endings
    // (which most tokens lack: those tests are well predicted), and the cut is taken when the
    // token is longer than it: asked of most tokens the scans look at, a test of the length
    // before the bytes mispredicted for one token in two (bench-sample: 95K). A token that
    // ends within the text's first four bytes is read byte by byte.
    guard end >= 4, let base = utf8.baseAddress else {
      if end - start > 2, utf8[end - 2] == 0x27, utf8[end - 1] == 0x73 { return start..<(end - 2) }
      return start..<end
    }
    let last4 = UInt32(
      littleEndian: UnsafeRawPointer(base + (end - 4)).loadUnaligned(as: UInt32.self))
    // "’s" is E2 80 99 73; "'s" is 27 73 in the last two bytes.
    let cut = last4 == 0x7399_80E2 ? 4 : last4 >> 16 == 0x7327 ? 2 : 0
    return Range(uncheckedBounds: (start, end &- (cut < end &- start ? cut : 0)))
  }

  /// What the speaker lexicons say about a token's word (possessive removed), whatever its
  /// kind: one lookup for every list.
  ///
  /// NB: inlined, with the first lookup of a token in a function of its own: most questions are
  /// about a token asked about before (every capitalised word of the narration is looked up by
  /// its scan), and the call cost more than reading the kept entry.
  @inline(__always)
  func word(_ index: Token.Index) -> SpeakerWord? {
    let entry = entries[index]
    if entry >= 0 { return lexicons.words.value(at: entry) }
    return entry == LexiconEntries.unknown ? lookUpWord(index) : nil
  }

  /// What the speaker lexicons say about a token's word that was not looked up yet (see
  /// ``word(_:)``); its entry is kept.
  @inline(never)
  private func lookUpWord(_ index: Token.Index) -> SpeakerWord? {
    let range = wordRange(index)
    let entry = document.utf8.withUnsafeBufferPointer {
      let bytes = UnsafeBufferPointer(rebasing: $0[range])
      // NB: a word no key could be is not hashed.
      guard lexicons.words.mayContain(bytes) else { return Int32(-1) }
      return lexicons.words.entry(bytes, hash: ByteLexicon<Void>.hash(bytes))
    }
    entries[index] = entry
    return entry < 0 ? nil : lexicons.words.value(at: entry)
  }

  /// The speaker lexicons that hold a token's word (possessive removed), whatever its kind.
  func lists(_ index: Token.Index) -> SpeakerWord.Lists { word(index)?.lists ?? [] }

  func isPossessive(_ index: Token.Index) -> Bool {
    wordRange(index).count != document.tokens[index].utf8Range.count
  }

  func isWord(_ index: Token.Index) -> Bool { document.tokens[index].kind == .word }

  /// Whether a token is a capitalised word, not written all in capitals (headings such as
  /// "CHAPTER XXI" and "POIROT EXPLAINS" are not names).
  func isCapitalized(_ index: Token.Index) -> Bool {
    let token = document.tokens[index]
    return token.kind == .word && token.shape.contains(.capitalized)
      && !token.shape.contains(.allCaps)
  }

  /// Whether a token is capitalised or an acronym ("U.S.", "FBI"), as title modifiers are.
  func isCapitalizedOrAcronym(_ index: Token.Index) -> Bool {
    let token = document.tokens[index]
    return token.kind == .word && token.shape.contains(.capitalized)
  }

  /// Whether a capitalised token can be part of a name: a single letter only as an initial
  /// with its period ("W."), not alone ("V" heading a chapter).
  func isNameWord(_ index: Token.Index) -> Bool {
    guard isCapitalized(index) else { return false }
    let token = document.tokens[index]
    if token.utf8Range.count == 1 {
      return index + 1 < document.tokens.count && bytesEqual(index + 1, ".")
        && document.tokens[index + 1].shape.contains(.attachedBefore)
    }
    return true
  }

  /// Whether a token is the first word of its sentence (quotation marks and punctuation before
  /// it do not count).
  func isSentenceInitial(_ index: Token.Index) -> Bool {
    let start = document.sentences[document.sentence(of: index)].tokens.lowerBound
    var previous = index - 1
    while previous >= start {
      let kind = document.tokens[previous].kind
      if kind == .word || kind == .number { return false }
      previous -= 1
    }
    return true
  }

  /// Whether a "." token closes an abbreviation or an initial ("Mr.", "W.") rather than a
  /// sentence.
  func isAbbreviationPeriod(_ index: Token.Index) -> Bool {
    guard index > 0, bytesEqual(index, "."), document.tokens[index].shape.contains(.attachedBefore)
    else { return false }
    let previous = index - 1
    return isHonorific(previous) || isRole(previous)
      || (isWord(previous) && document.tokens[previous].utf8Range.count == 1)
  }

  /// Whether a token's bytes are exactly `ascii`.
  ///
  /// NB: a `StaticString`, not a `String`: the scans ask this of most tokens, and a string
  /// argument cost a copy and a `withUTF8` call each time.
  func bytesEqual(_ index: Token.Index, _ ascii: StaticString) -> Bool {
    let token = document.tokens[index]
    let start = Int(token.utf8Start)
    let count = ascii.utf8CodeUnitCount
    // NB: most tokens differ in length: compare that first, without walking the bytes.
    guard count == Int(token.utf8End) - start else { return false }
    let expected = ascii.utf8Start
    return document.utf8.withUnsafeBufferPointer { utf8 in
      for offset in 0..<count where utf8[start + offset] != expected[offset] { return false }
      return true
    }
  }

  func isDash(_ index: Token.Index) -> Bool {
    let token = document.tokens[index]
    guard token.kind == .punctuation else { return false }
    let bytes = document.utf8[token.utf8Range]
    return bytes.elementsEqual([0xE2, 0x80, 0x94]) || bytes.elementsEqual([0xE2, 0x80, 0x93])
      || bytes.elementsEqual([0x2D, 0x2D])
  }

  func isHonorific(_ index: Token.Index) -> Bool {
    isWord(index) && lists(index).contains(.honorific)
  }

  func isRole(_ index: Token.Index) -> Bool {
    isWord(index) && lists(index).contains(.role)
  }

  /// Text of a token range with each run of whitespace collapsed to one space (names in
  /// hard-wrapped fiction cross line ends).
  func collapsedText(_ tokens: Range<Token.Index>, dropPossessive: Bool = true) -> String {
    guard let last = tokens.last else { return "" }
    if tokens.count == 1 {
      let range = dropPossessive ? wordRange(last) : document.tokens[last].utf8Range
      return document.utf8.withUnsafeBufferPointer {
        String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self)
      }
    }
    // NB: written straight into the string's storage, with no array of bytes in between.
    var capacity = 0
    for index in tokens { capacity += document.tokens[index].utf8Range.count + 1 }
    return document.utf8.withUnsafeBufferPointer { utf8 in
      String(unsafeUninitializedCapacity: capacity) { buffer in
        var count = 0
        for index in tokens {
          let token = document.tokens[index]
          if index > tokens.lowerBound, !token.shape.contains(.attachedBefore) {
            buffer[count] = 0x20
            count += 1
          }
          let range =
            index == last && dropPossessive
            ? MentionAnalyzer.wordRange(of: token, in: utf8) : token.utf8Range
          for offset in range {
            buffer[count] = utf8[offset]
            count += 1
          }
        }
        return count
      }
    }
  }

  func lowercasedWord(_ index: Token.Index) -> String {
    let range = wordRange(index)
    return document.utf8.withUnsafeBufferPointer { utf8 in
      // NB: a word of eight bytes at most (most are) is lower-cased as one eight-byte word,
      // read and written at once: the loop over its bytes mispredicted its end for most words.
      if range.count <= 8, range.lowerBound + 8 <= utf8.count, let base = utf8.baseAddress {
        let word = ByteScan.lowercased(
          UInt64(
            littleEndian: UnsafeRawPointer(base + range.lowerBound).loadUnaligned(
              as: UInt64.self)))
        return String(unsafeUninitializedCapacity: 8) { buffer in
          guard let out = buffer.baseAddress else { return 0 }
          UnsafeMutableRawPointer(out).storeBytes(of: word.littleEndian, as: UInt64.self)
          return range.count
        }
      }
      return String(unsafeUninitializedCapacity: range.count) { buffer in
        for offset in 0..<range.count {
          buffer[offset] = ByteLexicon<Void>.lower(utf8[range.lowerBound + offset])
        }
        return range.count
      }
    }
  }

  /// Whether ``lowercasedWord(_:)`` of a token is one of `words`.
  ///
  /// NB: the bytes are compared in place: no string is made of the token's word.
  func lowercasedWord(_ index: Token.Index, isIn words: [String]) -> Bool {
    let range = wordRange(index)
    return document.utf8.withUnsafeBufferPointer { utf8 in
      for word in words {
        let equal = word.utf8.withContiguousStorageIfAvailable { bytes -> Bool in
          guard bytes.count == range.count else { return false }
          for offset in 0..<bytes.count
          where bytes[offset] != ByteLexicon<Void>.lower(utf8[range.lowerBound + offset]) {
            return false
          }
          return true
        }
        if equal ?? (word == lowercasedWord(index)) { return true }
      }
      return false
    }
  }

  /// Analyses the mention that the rules captured as `utf8Range`: drops a dateline and
  /// appositives, takes in titles written just before it, and decides its kind and name.
  func analyze(utf8Range: Range<Int>) -> SpeakerMention? {
    analyze(tokens: widened(trimmed(tokens(in: utf8Range))))
  }

  /// Removes a dateline ("MEXICO CITY (AP) —"), an appositive or parenthesis after the head,
  /// and punctuation at both ends.
  func trimmed(_ range: Range<Token.Index>) -> Range<Token.Index> {
    var start = range.lowerBound
    var end = range.upperBound
    if let dash = range.last(where: { isDash($0) }), dash + 1 < end { start = dash + 1 }
    var index = start
    while index < end {
      let token = document.tokens[index]
      if token.kind == .punctuation || token.kind == .quoteMark {
        let bytes = document.utf8[token.utf8Range]
        if bytes.first == 0x2C || bytes.first == 0x28 || bytes.first == 0x3B,
          (start..<index).contains(where: { isWord($0) })
        {
          end = index
          break
        }
      }
      index += 1
    }
    while start < end, !isWordLike(start) { start += 1 }
    while end > start, !isWordLike(end - 1) {
      // Keep the period of an abbreviation or an initial ("Jr.", "W.").
      if bytesEqual(end - 1, "."), end - 2 >= start, isWord(end - 2),
        document.tokens[end - 1].shape.contains(.attachedBefore),
        document.utf8[document.tokens[end - 2].utf8Range].count <= 3
      {
        break
      }
      end -= 1
    }
    return start..<end
  }

  private func isWordLike(_ index: Token.Index) -> Bool {
    let kind = document.tokens[index].kind
    return kind == .word || kind == .number
  }

  /// Takes in a title written just before a mention ("U.S. Secretary of State" before
  /// "Mike Pompeo", "Mr." before "Bennet"), within the sentence.
  func widened(_ range: Range<Token.Index>) -> Range<Token.Index> {
    guard !range.isEmpty else { return range }
    let sentenceStart = document.sentences[document.sentence(of: range.lowerBound)].tokens
      .lowerBound
    var candidate = range.lowerBound
    var leftmostTitle: Token.Index? = nil
    while candidate > sentenceStart, range.lowerBound - candidate < 8 {
      let previous = candidate - 1
      let token = document.tokens[previous]
      if isRole(previous) || isHonorific(previous) {
        leftmostTitle = previous
      } else if isCapitalizedOrAcronym(previous) || token.kind == .number
        || bytesEqual(previous, "of")
        || (bytesEqual(previous, ".") && token.shape.contains(.attachedBefore))
        || (bytesEqual(previous, "-") && token.shape.contains(.attachedBefore))
      {
        // A modifier of a title ("U.S." before "Secretary", "State Department" before
        // "spokeswoman"), kept only when a title word follows it.
      } else {
        break
      }
      candidate = previous
    }
    guard let title = leftmostTitle else { return range }
    var start = candidate
    while start < title,
      !(isCapitalizedOrAcronym(start) || document.tokens[start].kind == .number)
        || lists(start).contains(.determiner)
    {
      start += 1
    }
    return start..<range.upperBound
  }

  /// Decides the kind, name and gender of a mention over `range`.
  ///
  /// NB: analysed once per spelling (see ``AnalysisMemo``): a novel names its people, and
  /// tags its speakers ("he said", "said Mr. Bennet"), thousands of times, and each analysis
  /// looked its words up and built its strings.
  func analyze(tokens range: Range<Token.Index>) -> SpeakerMention? {
    guard let memo, let key = memoKey(range) else { return freshAnalysis(range) }
    let kept = memo.find(key, range, self)
    if kept >= 0 { return memo.mention(kept, movedTo: range, self) }
    let mention = freshAnalysis(range)
    memo.add(key, range, mention)
    return mention
  }

  /// The key a mention over `range` is kept under, or nil when its analysis reads more than
  /// the range's own tokens: a range over two sentences (its name stops at the boundary), or
  /// one that ends with a one-letter capital (an initial only before a period, the token
  /// after the range).
  ///
  /// The analysis reads the tokens' bytes, kinds and shapes (the first token's
  /// `attachedBefore` aside), and outside them only whether the range opens its sentence (a
  /// capitalised sentence opener is no part of a name): the key is a hash of those, and a
  /// match is confirmed against the first range with it (see ``AnalysisMemo``).
  private func memoKey(_ range: Range<Token.Index>) -> AnalysisMemo.Key? {
    let tokenCount = document.tokens.count
    guard !range.isEmpty, range.lowerBound >= 0, range.upperBound <= tokenCount,
      range.count <= AnalysisMemo.longest
    else { return nil }
    let last = range.upperBound - 1
    guard document.sentence(of: range.lowerBound) == document.sentence(of: last) else {
      return nil
    }
    let lastToken = document.tokens[last]
    if lastToken.utf8End - lastToken.utf8Start == 1, isCapitalized(last) { return nil }
    // NB: only a range of several tokens asks whether a name in it opens the sentence.
    let opensSentence = range.count > 1 && isSentenceInitial(range.lowerBound)
    let start = Int(document.tokens[range.lowerBound].utf8Start)
    let end = Int(lastToken.utf8End)
    let hash = document.utf8.withUnsafeBufferPointer {
      ByteLexicon<Void>.hash(UnsafeBufferPointer(rebasing: $0[start..<end]))
    }
    return AnalysisMemo.Key(
      hash: hash ^ UInt64(truncatingIfNeeded: range.count &* 0x9E37_79B9)
        ^ (opensSentence ? 0x5bd1_e995 : 0),
      opensSentence: opensSentence)
  }

  /// Whether the tokens of two ranges of the same length read the same to an analysis: the
  /// same bytes, kinds and shapes, in the same places relative to the range's start (the
  /// first token's `attachedBefore` aside: no analysis reads it).
  fileprivate func readsTheSame(_ first: Range<Token.Index>, _ second: Range<Token.Index>)
    -> Bool
  {
    guard first.count == second.count else { return false }
    return document.tokens.withUnsafeBufferPointer { tokens in
      document.utf8.withUnsafeBufferPointer { utf8 in
        let firstBase = Int(tokens[first.lowerBound].utf8Start)
        let secondBase = Int(tokens[second.lowerBound].utf8Start)
        let firstEnd = Int(tokens[first.upperBound - 1].utf8End)
        let secondEnd = Int(tokens[second.upperBound - 1].utf8End)
        guard firstEnd - firstBase == secondEnd - secondBase else { return false }
        let attached = Token.Shape.attachedBefore.rawValue
        for offset in 0..<first.count {
          let a = tokens[first.lowerBound + offset]
          let b = tokens[second.lowerBound + offset]
          let shapeMask: UInt8 = offset == 0 ? ~attached : 0xFF
          guard a.kind == b.kind, a.shape.rawValue & shapeMask == b.shape.rawValue & shapeMask,
            Int(a.utf8Start) - firstBase == Int(b.utf8Start) - secondBase,
            Int(a.utf8End) - firstBase == Int(b.utf8End) - secondBase
          else { return false }
        }
        // NB: a loop over the bytes: the generic `elementsEqual` cost more than the hit saved.
        for offset in 0..<(firstEnd - firstBase)
        where utf8[firstBase + offset] != utf8[secondBase + offset] {
          return false
        }
        return true
      }
    }
  }

  /// The UTF-8 byte range from the first token of `range` to the end of its last.
  fileprivate func utf8Range(of range: Range<Token.Index>) -> Range<Int> {
    document.tokens.withUnsafeBufferPointer {
      Int($0[range.lowerBound].utf8Start)..<Int($0[range.upperBound - 1].utf8End)
    }
  }

  /// The analysis of a mention over `range`, made from its tokens (see ``analyze(tokens:)``).
  private func freshAnalysis(_ range: Range<Token.Index>) -> SpeakerMention? {
    // NB: loops rather than closures over `self` here: a closure that escapes (`lazy.filter`)
    // copies the analyzer and retains every array of the document; this runs for every
    // pronoun of the narration.
    var lastWordLike: Token.Index? = nil
    var firstWord: Token.Index? = nil
    for index in range.reversed() where isWordLike(index) {
      if lastWordLike == nil { lastWordLike = index }
      if isWord(index) { firstWord = index }
    }
    guard let lastWord = lastWordLike else { return nil }
    let utf8Range =
      Int(
        document.tokens[range.lowerBound].utf8Start)..<Int(
        document.tokens[range.upperBound - 1].utf8End)
    // NB: the display name is written by each way out of ``describe(_:_:lastWord:firstWord:)``
    // (only a pronoun keeps the whole range's text): building it here too cost a string per
    // mention that was thrown away.
    var mention = SpeakerMention(
      tokens: range, utf8Range: utf8Range, kind: .description, nameTokens: nil, honorific: nil,
      gender: .unknown, isPlural: false, nameWords: .empty, roles: .empty, displayName: .empty)
    describe(&mention, range, lastWord: lastWord, firstWord: firstWord)
    return mention
  }

  /// The determiners and possessives that make a mention definite ("the girl", "his host"),
  /// each as the word its bytes make (``packed(_:)``, see ``isDefiniteDeterminer(_:)``): "the",
  /// "his", "her", "their", "my", "our", "your", "this", "that".
  ///
  /// NB: written as numbers, a constant array: made from the words at the first use, it cost
  /// nine allocations (a test checks the numbers against the words).
  static let definiteDeterminers: [UInt64] = [
    0x65_6874, 0x73_6968, 0x72_6568, 0x72_6965_6874, 0x796D, 0x72_756F, 0x7275_6F79,
    0x7369_6874, 0x7461_6874,
  ]

  /// Bytes (eight at most) as one word, the first in its low byte, zero past the last.
  static func packed<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt64 {
    bytes.reversed().reduce(0) { $0 << 8 | UInt64($1) }
  }

  /// Whether a word (possessive removed) is one of ``definiteDeterminers``, lower-cased when
  /// the token is capitalised ("The").
  ///
  /// NB: the word's first bytes (six at most: a longer word matches no determiner, and no
  /// byte of a word is 0) are read as one word, compared with each determiner's, and the
  /// answers joined without a branch: a test of the length, then of each determiner's length
  /// and bytes, mispredicted for the first word of one mention in two.
  private func isDefiniteDeterminer(_ index: Token.Index) -> Bool {
    let range = wordRange(index)
    let folds = isCapitalized(index)
    let kept = min(range.count, 6)
    let word = document.utf8.withUnsafeBufferPointer { utf8 in
      guard range.lowerBound + 8 <= utf8.count, let base = utf8.baseAddress else {
        return MentionAnalyzer.packed(utf8[range.lowerBound..<(range.lowerBound + kept)])
      }
      let read = UInt64(
        littleEndian: UnsafeRawPointer(base + range.lowerBound).loadUnaligned(as: UInt64.self))
      return read & ((1 &<< UInt64(kept * 8)) &- 1)
    }
    let key = folds ? ByteScan.lowercased(word) : word
    var found: UInt64 = 0
    for determiner in MentionAnalyzer.definiteDeterminers {
      found |= key == determiner ? 1 : 0
    }
    return found != 0
  }

  /// Decides the kind, name and gender of `mention` over `range`, a range with a word-like
  /// token (see ``freshAnalysis(_:)``).
  ///
  /// NB: a function of its own that changes the mention in place, with one return in the
  /// caller: returned from each way out of one function, the mention was copied and the
  /// original destroyed (a mention is plain bytes now, but still 64 of them).
  private func describe(
    _ mention: inout SpeakerMention, _ range: Range<Token.Index>, lastWord: Token.Index,
    firstWord: Token.Index?
  ) {
    if let first = firstWord, first == range.lowerBound, isDefiniteDeterminer(first) {
      mention.isDefinite = true
    }
    // The lexicon entry of the last word, kept from the loop: looked up once.
    var lastWordEntry: SpeakerWord?? = .none
    let rolesStart = words.count
    for index in range where isWord(index) {
      let word = word(index)
      if index == lastWord { lastWordEntry = .some(word) }
      guard let word, word.lists.contains(.role) else { continue }
      words.append(lowercasedWord(index))
      if mention.gender == .unknown { mention.gender = word.roleGender }
    }
    mention.roles = words.run(from: rolesStart)
    let lastEntry = lastWordEntry ?? word(lastWord)
    if range.count == 1, firstWord != nil, let word = lastEntry, word.lists.contains(.pronoun) {
      let pronoun = word.pronoun
      mention.kind = .pronoun
      mention.gender = pronoun.gender
      mention.isPlural = pronoun.isPlural
      mention.displayName = words.run(collapsedText(range))
      return
    }
    let last = lastWord
    let lastLists = lastEntry?.lists ?? []
    if !isCapitalized(last) {
      if lastLists.contains(.group) {
        mention.kind = .group
        mention.isPlural = true
      } else if lastLists.contains(.organizationHead) {
        mention.kind = .organization
      } else {
        mention.kind = .description
        // NB: the roles' run is the last one made: the word joins it.
        if mention.roles.isEmpty, isWord(last) {
          words.append(lowercasedWord(last))
          mention.roles = words.run(from: rolesStart)
        }
      }
      mention.displayName = words.run(collapsedText(dropDeterminer(range)))
      return
    }
    if lastLists.contains(.group) {
      mention.kind = .group
      mention.isPlural = true
      mention.displayName = words.run(collapsedText(dropDeterminer(range)))
      return
    }
    // An organisation: a capitalised head word not followed by a role or a person's name
    // ("the Department of Homeland Security", "Reuters"; not "State Department spokeswoman X",
    // not "The Washington Post's Bob Woodward").
    var organizationHead: Token.Index? = nil
    for index in range.reversed()
    where isCapitalized(index) && lists(index).contains(.organizationHead) {
      organizationHead = index
      break
    }
    if let head = organizationHead,
      !(head..<range.upperBound).contains(where: { isRole($0) }),
      !(isPossessive(head) && head != last)
    {
      mention.kind = .organization
      mention.displayName = words.run(collapsedText(dropDeterminer(range)))
      return
    }
    // The name: the run of capitalised words at the end, after any title or honorific.
    var runStart = last + 1
    var index = last
    var stoppedAtOf = false
    while index >= range.lowerBound {
      let token = document.tokens[index]
      if isCapitalized(index) {
        if isHonorific(index) || isRole(index) || !isNameWord(index) { break }
        if index < last, document.sentence(of: index) != document.sentence(of: last) { break }
        runStart = index
      } else if bytesEqual(index, "."), token.shape.contains(.attachedBefore),
        index > range.lowerBound, runStart == index + 1, isCapitalized(index - 1),
        document.tokens[index - 1].utf8Range.count == 1
      {
        runStart = index
      } else if isNameParticle(index), runStart == index + 1, index > range.lowerBound,
        isCapitalized(index - 1), !isRole(index - 1), !isHonorific(index - 1)
      {
        runStart = index
      } else {
        stoppedAtOf = bytesEqual(index, "of")
        break
      }
      index -= 1
    }
    if stoppedAtOf, runStart < last {
      // "Secretary of State Mike Pompeo": the word after "of" belongs to the title.
      runStart += 1
      while runStart < last, !isCapitalized(runStart) { runStart += 1 }
    }
    guard runStart <= last else {
      mention.kind = .description
      mention.displayName = words.run(collapsedText(dropDeterminer(range)))
      return
    }
    if runStart < last, isSentenceInitial(runStart), isWord(runStart),
      !lists(runStart).contains(.givenName)
    {
      // "Could Anne", "Whereas Philip": a capitalised sentence opener is not part of the name.
      runStart += 1
      while runStart < last, !isCapitalized(runStart) { runStart += 1 }
    }
    let run = runStart..<(last + 1)
    mention.kind = .name
    mention.nameTokens = run
    var honorific: Token.Index? = nil
    if runStart - 1 >= range.lowerBound, isHonorific(runStart - 1) {
      honorific = runStart - 1
    } else if runStart - 2 >= range.lowerBound, bytesEqual(runStart - 1, "."),
      isHonorific(runStart - 2)
    {
      honorific = runStart - 2
    }
    mention.honorific = honorific
    if let honorific { mention.honorificWord = words.run(lowercasedWord(honorific)) }
    // NB: loops, not closures: a closure over `self` here copied the analyzer.
    var firstNameWord: Token.Index? = nil
    let nameStart = words.count
    for index in run where isWord(index) {
      if firstNameWord == nil { firstNameWord = index }
      words.append(lowercasedWord(index))
    }
    mention.nameWords = words.run(from: nameStart)
    if let honorific, let word = word(honorific), word.lists.contains(.honorific),
      word.honorificGender != .unknown
    {
      mention.gender = word.honorificGender
    } else if let first = firstNameWord, let word = word(first),
      word.lists.contains(.givenName), mention.nameWords.count >= 2 || honorific == nil
    {
      mention.gender = word.givenNameGender
    }
    if mention.nameWords.count == 1, let honorific {
      mention.displayName = words.run(collapsedText(honorific..<run.upperBound))
    } else {
      mention.displayName = words.run(collapsedText(run))
    }
  }

  private func isNameParticle(_ index: Token.Index) -> Bool {
    guard isWord(index), !isCapitalized(index) else { return false }
    let bytes = document.utf8[document.tokens[index].utf8Range]
    for particle in [
      "de", "van", "von", "der", "da", "del", "della", "di", "du", "le", "la", "bin",
    ]
    where bytes.elementsEqual(particle.utf8) {
      return true
    }
    return false
  }

  private func dropDeterminer(_ range: Range<Token.Index>) -> Range<Token.Index> {
    var start = range.lowerBound
    while start + 1 < range.upperBound, isWord(start),
      lists(start).contains(.determiner)
    {
      start += 1
    }
    return start..<range.upperBound
  }

  /// Capitalised names set off as a form of address: after a comma, an opening mark or
  /// "dear", and before a comma or the end of a sentence.
  ///
  /// NB: kept by token range: the resolver reads the vocatives of every direct quotation of
  /// fiction, and the narrator's namers read those of the same quotations again (twice with a
  /// first-person narrator).
  func vocatives(in tokens: Range<Token.Index>) -> Vocatives {
    guard tokens.count > 1 else { return Vocatives(vocativeMemo, start: 0, count: 0) }
    let key = VocativeMemo.key(tokens)
    if let found = vocativeMemo.find(key) { return found }
    let start = vocativeMemo.runStart
    scanVocatives(in: tokens)
    return vocativeMemo.add(key, from: start)
  }

  /// The vocatives found so far, by token range (see ``vocatives(in:)``).
  private let vocativeMemo = VocativeMemo()

  /// Finds the vocatives of a range of more than one token by reading its tokens, and appends
  /// them to ``vocativeMemo``'s run (see ``vocatives(in:)``).
  private func scanVocatives(in tokens: Range<Token.Index>) {
    let tokenCount = document.tokens.count
    // The bytes that close an address as a token of their own: ! , . ?
    let closers: UInt64 = 1 << 0x21 | 1 << 0x2C | 1 << 0x2E | 1 << 0x3F
    document.tokens.withUnsafeBufferPointer { buffer in
      document.utf8.withUnsafeBufferPointer { utf8 in
        // NB: the capitalised words are found 64 tokens at a time, as the bits of a mask made
        // without a branch (see ``capitalizedWords(_:_:)``), and only they are read further:
        // most tokens are none, and the tests made token by token (a word? capitalised?)
        // mispredicted for one token in three (bench-sample: 84K of 286K).
        var chunk = tokens.lowerBound
        while chunk < tokens.upperBound {
          let chunkEnd = min(chunk + 64, tokens.upperBound)
          var names = MentionAnalyzer.capitalizedWords(chunk..<chunkEnd, buffer)
          while names != 0 {
            let index = chunk + names.trailingZeroBitCount
            names &= names &- 1
            let after = index + 1
            guard index >= 1, after < tokenCount else { continue }
            // NB: the cheap tests first: whether the name closes the address (a comma, "!",
            // "?" or "." after it, or the range's end), then whether the word before it opens
            // one; the lexicon is read (a word hashed) only for a name that passes.
            let next = buffer[after]
            let closes =
              after == tokens.upperBound
              || (next.utf8End &- next.utf8Start == 1
                && closers >> utf8[Int(next.utf8Start)] & 1 != 0)
            if closes, isVocative(index, in: tokens) { vocativeMemo.append(index) }
          }
          chunk = chunkEnd
        }
      }
    }
  }

  /// The capitalised words (``isCapitalized(_:)``) of `chunk`, at most 64 tokens: bit `i` for
  /// token `chunk.lowerBound + i`.
  private static func capitalizedWords(
    _ chunk: Range<Token.Index>, _ tokens: UnsafeBufferPointer<Token>
  ) -> UInt64 {
    wordMasks(chunk, tokens, shortLength: 0).capitalized
  }

  /// The capitalised words (``isCapitalized(_:)``) of `chunk`, at most 64 tokens, as a mask
  /// (bit `i` for token `chunk.lowerBound + i`), and its words of one to `shortLength` bytes
  /// (those that can be spellings of a ``ShortWords`` table; none for 0).
  ///
  /// NB: each token's kind and shape are compared with a capitalised word's at once, and the
  /// answer is shifted into the mask: no branch. Inlined, so that a caller that passes 0 makes
  /// no mask of short words.
  @inline(__always)
  static func wordMasks(
    _ chunk: Range<Token.Index>, _ tokens: UnsafeBufferPointer<Token>, shortLength: Int
  ) -> (capitalized: UInt64, short: UInt64) {
    let capitalShape = Token.Shape.capitalized.rawValue | Token.Shape.allCaps.rawValue
    let wanted =
      UInt32(Token.Kind.word.rawValue) | UInt32(Token.Shape.capitalized.rawValue) << 8
    var names: UInt64 = 0
    var short: UInt64 = 0
    for index in chunk {
      let token = tokens[index]
      let found = UInt32(token.kind.rawValue) | UInt32(token.shape.rawValue & capitalShape) << 8
      let bit = UInt64(index &- chunk.lowerBound)
      names |= (found == wanted ? 1 : 0) &<< bit
      // A word of 1 to `shortLength` bytes: its length less one is below `shortLength`
      // (unsigned: an empty token wraps), and a kind other than a word's, above it, makes the
      // number larger. NB: no test of `shortLength` first: a constant 0 turns it all away.
      let length = UInt32(bitPattern: token.utf8End &- token.utf8Start) &- 1
      let key = length | UInt32(token.kind.rawValue ^ Token.Kind.word.rawValue) << 24
      short |= (key < UInt32(truncatingIfNeeded: shortLength) ? 1 : 0) &<< bit
    }
    return (names, short)
  }

  /// Whether a capitalised word that closes an address is a vocative of `tokens` (see
  /// ``scanVocatives(in:)``): a comma, an opening mark or "dear" before it (or before its
  /// title), and a word that can be a name.
  private func isVocative(_ index: Token.Index, in tokens: Range<Token.Index>) -> Bool {
    func opensAddress(_ start: Token.Index) -> Bool {
      start == tokens.lowerBound || bytesEqual(start - 1, ",")
        || bytesEqual(start - 1, "dear") || bytesEqual(start - 1, "Dear")
    }
    var opens = opensAddress(index)
    if !opens {
      // A title may stand before the name (“My dear Mr. Bennet,”, “Yes, Miss Price.”): the
      // words before the title open the address.
      var title = index - 1
      if title > tokens.lowerBound, isAbbreviationPeriod(title), isHonorific(title - 1) {
        title -= 1
      }
      opens = title >= tokens.lowerBound && isHonorific(title) && opensAddress(title)
    }
    return opens && !isHonorific(index) && !isRole(index)
      && lists(index).isDisjoint(with: [.notName, .pronoun])
  }
}

/// The vocatives of a token range (see ``MentionAnalyzer/vocatives(in:)``): a run of the
/// tokens kept by a ``VocativeMemo``, read in place.
///
/// NB: no array per range: most ranges address no one, and an array per range (empty or not)
/// was retained into the memo, released with it, and made anew for each range that has some.
/// It holds its memo: a run, once kept, never changes.
struct Vocatives: RandomAccessCollection, Equatable {
  private let memo: VocativeMemo
  private let start: Int
  let endIndex: Int
  var startIndex: Int { 0 }

  fileprivate init(_ memo: VocativeMemo, start: Int, count: Int) {
    self.memo = memo
    self.start = start
    endIndex = count
  }

  subscript(position: Int) -> Token.Index {
    precondition(position >= 0 && position < endIndex)
    return memo.token(at: start + position)
  }

  static func == (lhs: Vocatives, rhs: Vocatives) -> Bool { lhs.elementsEqual(rhs) }
}

/// The vocatives of token ranges (see ``MentionAnalyzer/vocatives(in:)``), in an
/// open-addressing table keyed by the range's bounds; each range's vocatives are a run of one
/// buffer of tokens.
///
/// NB: no dictionary: a vocative list is asked for once per quotation fragment, and hashing
/// each key with the standard hasher cost a good part of what a second reading saved. A class
/// over raw buffers, as ``AnalysisMemo`` is: arrays in a struct held by the analyzer were
/// copied whole when a read had retained them just before a write. Belongs to one analyzer.
final class VocativeMemo {
  /// The slots' count, a power of two (0 until the first entry).
  private var capacity = 0
  private var used = 0
  /// For each slot, its key (0: empty; no range of more than one token has key 0).
  private var keys: UnsafeMutablePointer<UInt64>? = nil
  /// For each slot with a key, where its run starts in ``tokens`` and how long it is.
  private var runs: UnsafeMutablePointer<(start: Int32, count: Int32)>? = nil
  /// The runs of vocatives, one after the other; the run being found last.
  private var tokens: UnsafeMutablePointer<Int32>? = nil
  private var tokenCount = 0
  private var tokenCapacity = 0

  init() {}

  deinit {
    keys?.deallocate()
    runs?.deallocate()
    tokens?.deallocate()
  }

  /// The key of a range: its bounds, 32 bits each.
  static func key(_ tokens: Range<Token.Index>) -> UInt64 {
    UInt64(UInt32(truncatingIfNeeded: tokens.lowerBound)) << 32
      | UInt64(UInt32(truncatingIfNeeded: tokens.upperBound))
  }

  /// The vocatives kept for a key, or nil.
  func find(_ key: UInt64) -> Vocatives? {
    guard let keys, let runs else { return nil }
    let mask = capacity - 1
    var slot = VocativeMemo.slot(key) & mask
    while keys[slot] != 0 {
      if keys[slot] == key {
        return Vocatives(self, start: Int(runs[slot].start), count: Int(runs[slot].count))
      }
      slot = (slot + 1) & mask
    }
    return nil
  }

  /// Where the run that ``append(_:)`` makes next starts.
  var runStart: Int { tokenCount }

  /// Appends a vocative to the run being found.
  func append(_ token: Token.Index) {
    if tokenCount == tokenCapacity {
      let count = max(64, tokenCapacity * 2)
      let grown = UnsafeMutablePointer<Int32>.allocate(capacity: count)
      if let tokens {
        grown.initialize(from: tokens, count: tokenCount)
        tokens.deallocate()
      }
      tokens = grown
      tokenCapacity = count
    }
    tokens?[tokenCount] = Int32(truncatingIfNeeded: token)
    tokenCount += 1
  }

  /// The token at an offset of the runs.
  func token(at offset: Int) -> Token.Index {
    precondition(offset >= 0 && offset < tokenCount)
    return tokens.map { Int($0[offset]) } ?? 0
  }

  /// Keeps the run appended from `start` on as the vocatives of a key that the table lacks.
  func add(_ key: UInt64, from start: Int) -> Vocatives {
    if (used + 1) * 2 > capacity { grow() }
    let count = tokenCount - start
    if let keys, let runs {
      place(key, (Int32(start), Int32(count)), keys, runs, capacity)
      used += 1
    }
    return Vocatives(self, start: start, count: count)
  }

  private static func slot(_ key: UInt64) -> Int {
    Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40)
  }

  private func place(
    _ key: UInt64, _ run: (start: Int32, count: Int32), _ keys: UnsafeMutablePointer<UInt64>,
    _ runs: UnsafeMutablePointer<(start: Int32, count: Int32)>, _ capacity: Int
  ) {
    let mask = capacity - 1
    var slot = VocativeMemo.slot(key) & mask
    while keys[slot] != 0 { slot = (slot + 1) & mask }
    keys[slot] = key
    runs[slot] = run
  }

  private func grow() {
    let count = max(64, capacity * 2)
    let newKeys = UnsafeMutablePointer<UInt64>.allocate(capacity: count)
    newKeys.initialize(repeating: 0, count: count)
    let newRuns = UnsafeMutablePointer<(start: Int32, count: Int32)>.allocate(capacity: count)
    if let keys, let runs {
      for slot in 0..<capacity where keys[slot] != 0 {
        place(keys[slot], runs[slot], newKeys, newRuns, count)
      }
      keys.deallocate()
      runs.deallocate()
    }
    keys = newKeys
    runs = newRuns
    capacity = count
  }
}

/// Each token's entry in ``SpeakerLexicons/words`` (or none), filled in as tokens are first
/// asked about: the narration scan, the mention analysis and the dialogue tagger ask about the
/// same tokens, and each is hashed once.
///
/// A class over a raw buffer: the analyzer is copied into its helpers and they share one
/// cache; a `var` array would be copied on write. Belongs to one document and one task.
final class LexiconEntries {
  /// Not looked up yet.
  static let unknown: Int32 = -2
  private let storage: UnsafeMutablePointer<Int32>
  private let count: Int

  init(count: Int) {
    self.count = count
    storage = .allocate(capacity: max(count, 1))
    storage.initialize(repeating: LexiconEntries.unknown, count: max(count, 1))
  }

  deinit { storage.deallocate() }

  /// The entry of a token: its index in the lexicon, -1 when in none, ``unknown`` when not
  /// looked up yet.
  subscript(index: Token.Index) -> Int32 {
    get {
      precondition(index >= 0 && index < count)
      return storage[index]
    }
    set {
      precondition(index >= 0 && index < count)
      storage[index] = newValue
    }
  }
}

/// The mention analyses of one document by spelling (see
/// ``MentionAnalyzer/analyze(tokens:)``): each later range that reads the same as a kept one
/// gets a copy of its analysis, moved to its own tokens.
///
/// A class over raw buffers of a fixed size, made with the analyzer: it is filled while the
/// analyzer answers, and a class's `var` arrays paid a dynamic exclusivity check on every
/// access (more than a hit saved). Once half its slots are used, later spellings are analysed
/// every time. Belongs to one analyzer.
final class AnalysisMemo {
  struct Key {
    var hash: UInt64
    var opensSentence: Bool
  }

  /// The longest range kept, in tokens: a longer mention is rarely written twice.
  static let longest = 8

  /// The slots' count, a power of two.
  private let slotCount: Int
  /// For each slot, the key's hash and the index of its analysis plus one (0: empty).
  private let slots: UnsafeMutablePointer<(hash: UInt64, analysis: Int32)>
  /// The range each analysis was made for, and whether it opens its sentence.
  private let ranges: UnsafeMutablePointer<(tokens: Range<Token.Index>, opensSentence: Bool)>
  /// The analyses, in the order their spellings were first seen.
  private let mentions: UnsafeMutablePointer<SpeakerMention?>
  /// How many analyses are kept (in a buffer of its own: see the type's note).
  private let used: UnsafeMutablePointer<Int>

  /// A memo for a document of `tokenCount` tokens: room for one spelling per eight tokens.
  init(tokenCount: Int) {
    var count = 64
    while count < tokenCount / 4, count < 1 << 16 { count <<= 1 }
    slotCount = count
    slots = .allocate(capacity: count)
    slots.initialize(repeating: (0, 0), count: count)
    ranges = .allocate(capacity: count / 2)
    mentions = .allocate(capacity: count / 2)
    used = .allocate(capacity: 1)
    used.initialize(to: 0)
  }

  deinit {
    mentions.deinitialize(count: used.pointee)
    mentions.deallocate()
    ranges.deallocate()
    slots.deallocate()
    used.deallocate()
  }

  /// The index of the analysis kept for a range that reads as `range` does, or -1 when no
  /// such range was analysed (see ``mention(_:movedTo:_:)``).
  ///
  /// NB: an index, the analysis read by the caller once: an analysis returned as a
  /// `SpeakerMention??` was wrapped, moved and unwrapped, its bytes copied a few times over.
  func find(_ key: Key, _ range: Range<Token.Index>, _ analyzer: MentionAnalyzer) -> Int {
    let mask = slotCount - 1
    var slot = Int(truncatingIfNeeded: key.hash ^ (key.hash >> 29)) & mask
    while slots[slot].analysis != 0 {
      let index = Int(slots[slot].analysis) - 1
      if slots[slot].hash == key.hash, ranges[index].opensSentence == key.opensSentence,
        analyzer.readsTheSame(ranges[index].tokens, range)
      {
        return index
      }
      slot = (slot + 1) & mask
    }
    return -1
  }

  /// The analysis at `index` (see ``find(_:_:_:)``), moved to `range`, a range that reads as
  /// its own does: nil when that range holds no mention.
  func mention(_ index: Int, movedTo range: Range<Token.Index>, _ analyzer: MentionAnalyzer)
    -> SpeakerMention?
  {
    precondition(index >= 0 && index < used.pointee)
    guard var mention = mentions[index] else { return nil }
    let shift = range.lowerBound - ranges[index].tokens.lowerBound
    mention.tokens = range
    mention.utf8Range = analyzer.utf8Range(of: range)
    if let name = mention.nameTokens {
      mention.nameTokens = (name.lowerBound + shift)..<(name.upperBound + shift)
    }
    if let honorific = mention.honorific { mention.honorific = honorific + shift }
    return mention
  }

  /// Keeps the analysis of `range` under `key`, while there is room.
  func add(_ key: Key, _ range: Range<Token.Index>, _ mention: SpeakerMention?) {
    let index = used.pointee
    guard (index + 1) * 2 <= slotCount else { return }
    let mask = slotCount - 1
    var slot = Int(truncatingIfNeeded: key.hash ^ (key.hash >> 29)) & mask
    while slots[slot].analysis != 0 { slot = (slot + 1) & mask }
    (ranges + index).initialize(to: (range, key.opensSentence))
    (mentions + index).initialize(to: mention)
    used.pointee = index + 1
    slots[slot] = (key.hash, Int32(index + 1))
  }
}
