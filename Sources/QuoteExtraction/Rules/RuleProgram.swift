/// The rules of a ``RuleSet`` compiled to flat buffers of plain values, in the order the rules
/// run: the matcher steps through them without copying arrays or touching reference counts.
///
/// Immutable once built, so one program is shared by every task that uses the rule set.
/// NB: raw buffers rather than arrays: reading an array of a shared object from two threads
/// retains and releases its buffer, an atomic on one cache line that both cores fight over.
final class RuleProgram: @unchecked Sendable {
  /// One rule: its steps on each side of the anchor, and the anchor's test.
  struct Entry {
    /// The steps from the anchor on, read rightwards.
    var forward: Range<Int>
    /// The steps before the anchor, read leftwards (nearest first).
    var backward: Range<Int>
    /// The anchor's test.
    var anchor: TokenCheck
    var pass: Rule.Pass
    /// The type of the attributions the rule makes, and its confidence.
    var kind: Attribution.Kind
    var confidence: Double
    /// What the rule asks beyond its anchor test: how near a quotation or an edge must be,
    /// and the gates on the tokens next to the anchor.
    var condition: ConditionCheck
    /// Whether the matcher reads the steps before the anchor first: when only the steps after
    /// it hold a clause or the rest of a sentence (``PhraseFinder`` reads those to the
    /// sentence's end), the bounded side before it most often fails first, and cheaper.
    var backwardFirst: Bool
    /// The tokens the rule must read near the anchor (see ``RequiredToken``): a range of
    /// ``requiredTokens``, those of the side read first before the others', nearest first.
    /// NB: the matcher looks for them before it starts, and most tries stop there.
    var required: Range<Int>
    /// The numbers of the rule's sides among the distinct sides of the program (see
    /// ``sideCount``): rules whose sides read the same steps (captures aside) share a number,
    /// so a side that failed at an anchor for one rule fails there for the others unread.
    var forwardSide: Int
    var backwardSide: Int
    /// For each side, the first of its steps (counted from the side's first) that may end at
    /// several places (a phrase, or a step read a varying number of times), or its step
    /// count: the matcher reaches each state before it, and each of it read at most once,
    /// once only (see ``PatternMatcher``).
    var forwardBranching: Int
    var backwardBranching: Int

    /// Whether the rule quotes: a rule of the direct pass, or of another pass whose content is
    /// a quotation (kind direct). Fiction runs only these (see ``AttributionEngine``).
    var quotes: Bool { pass == .direct || kind == .direct }
  }

  /// A token one side of a rule must read within a bounded distance of the anchor: some token
  /// from ``nearest`` to ``farthest`` (offsets from the anchor: positive after it, negative
  /// before it) must pass the test of step ``step``, or the rule does not match there ("that"
  /// after "said" and its adjuncts, a document noun before "saying").
  /// NB: a bound of the same kind as ``ConditionCheck/forwardQuoteReach``, and as exact: the
  /// steps before it on its side move the cursor at most that far.
  struct RequiredToken {
    var step: Int
    var nearest: Int
    var farthest: Int
    /// Whether the token is read by the steps after the anchor (else by those before it).
    var forward: Bool
  }

  /// A necessary condition on the token next to an anchor, or one way of passing it (see
  /// ``gates``): what a step that may read first there asks. Testing it before matching
  /// rejects most anchors of common tokens (a colon, "in", a dash, "said" without a comma
  /// before it) without starting the matcher, and changes no match.
  struct Gate: Equatable {
    enum Kind: UInt8 {
      /// No condition.
      case none
      /// A token that passes ``test``.
      case token
      /// A quotation that opens there (forward) or closes there (backward).
      case quote
      /// A closed quotation that opens there (forward) or closes there (backward).
      case closedQuote
      /// A sentence boundary next to the anchor: before the token read (forward) or after it
      /// (backward).
      case sentenceEdge
      /// A paragraph boundary next to the anchor, as ``sentenceEdge``.
      case paragraphEdge
    }

    var kind: Kind = .none
    var test = TokenCheck()
  }

  /// The distinct gates of the rules (each tried once per token, whatever the rules): each a
  /// range of ``gateTerms``, any of which lets the token pass. A side's first steps that may
  /// be skipped (`?`, `*`) and the first it must read give one term each: the token next to
  /// the anchor is read by one of them.
  let gates: UnsafeBufferPointer<Range<Int>>
  /// The terms of the gates.
  let gateTerms: UnsafeBufferPointer<Gate>

  /// The rules that share one anchor test: the test is tried once per token for all of them.
  struct AnchorGroup {
    var test: TokenCheck
    /// The bytes a token may start with to pass ``test`` (meaningful when it has no lexicon).
    var starts: ByteSet
    /// The rules, in order: a range of ``anchorRules``.
    var rules: Range<Int>
    /// The rules' bits (bit `r` of word `r / 64`: rule `r`): ``ruleWords`` words of
    /// ``groupRuleBits`` from this offset.
    var bits: Int
  }

  /// What a rule asks beyond its anchor test (``Entry/condition``): the index checks each
  /// distinct one once per token, whatever the groups and rules that share it.
  struct ConditionCheck: Equatable {
    /// When the steps from the anchor on must read a quotation after at most this many tokens,
    /// the most (counting the anchor): a quotation must open within that distance of the
    /// anchor for the rule to match. -1: no such bound.
    var forwardQuoteReach: Int
    /// The same for the steps before the anchor: a quotation must close within this distance
    /// before the anchor. -1: no such bound.
    var backwardQuoteReach: Int
    /// When the steps from the anchor on must read a sentence or paragraph edge after at most
    /// this many tokens (counting the anchor), the most: the anchor's sentence (or paragraph,
    /// see ``forwardEdgeParagraph``) must start at the anchor or end within that distance for
    /// the rule to match. -1: no such bound.
    var forwardEdgeReach: Int
    var forwardEdgeParagraph: Bool
    /// The same for the steps before the anchor: the anchor's sentence (or paragraph) must
    /// start within this distance before it. -1: no such bound.
    var backwardEdgeReach: Int
    var backwardEdgeParagraph: Bool
    /// What the token after the anchor must be, when the pattern reads one there: a gate's
    /// number in ``gates``, or -1.
    var next: Int
    /// What the token before the anchor must be, as ``next``.
    var previous: Int
  }

  /// The distances a rule's check (``ConditionCheck``) compares with a bound: from the anchor
  /// to the nearest quotation opening after it or closing before it, and to its sentence's or
  /// paragraph's end (0 when the anchor starts it) or start.
  enum Reach: Int, CaseIterable {
    case forwardQuote, backwardQuote
    case forwardSentenceEdge, forwardParagraphEdge, backwardSentenceEdge, backwardParagraphEdge
  }

  /// For each ``Reach``, the rules whose check holds at each distance, as ``ruleWords`` words
  /// of rule bits per distance: the rows of ``reachRuleBits`` from ``reachRows`` on, a row
  /// for each distance from 0 to the largest bound plus one; the last row (any greater
  /// distance) holds the rules with no such bound.
  /// NB: the index reads a row per distance for every candidate token, instead of asking
  /// each rule's check apart.
  let reachRows: UnsafeBufferPointer<Range<Int>>
  let reachRuleBits: UnsafeBufferPointer<UInt64>
  /// For each rule, the gate its check asks of the token after the anchor
  /// (``ConditionCheck/next``) and of the token before it (-1: none).
  let nextGateOfRule: UnsafeBufferPointer<Int32>
  let previousGateOfRule: UnsafeBufferPointer<Int32>
  /// The bits of the rules whose check asks a gate (``nextGateOfRule`` or
  /// ``previousGateOfRule``), ``ruleWords`` words: the index asks gates for those only.
  let gatedRuleBits: UnsafeBufferPointer<UInt64>
  /// For each rule, the reaches its check bounds (bit `n`: the ``Reach`` of raw value `n`):
  /// the index reads only those distances for the rules a token may anchor.
  let reachesOfRule: UnsafeBufferPointer<UInt8>

  /// The rules, in the order of ``RuleSet/rules``.
  let entries: UnsafeBufferPointer<Entry>

  /// Entry `rule` in place, for reading a few of its fields without copying it whole.
  @inline(__always)
  func entry(_ rule: Int) -> UnsafePointer<Entry> {
    precondition(rule >= 0 && rule < entries.count)
    return entries.baseAddress.unsafelyUnwrapped + rule
  }

  /// Every rule's steps.
  let steps: UnsafeBufferPointer<PatternStep>
  /// The spellings of the token tests: byte ranges into ``bytes``.
  let spellings: UnsafeBufferPointer<Range<Int32>>
  let bytes: UnsafeBufferPointer<UInt8>
  /// Each spelling packed into one integer, in the order of ``spellings``: one compared
  /// ignoring case lower-cased as ``LexiconTable/packed(_:)`` packs it, an exact one as it is
  /// (as ``RuleContext/rawSpelling(_:)`` packs a token); 0 when it cannot be.
  /// NB: a spelling compared ignoring case that holds upper-case letters packs to 0:
  /// lower-casing it would let it match, where the byte comparison never does.
  let packedSpellings: UnsafeBufferPointer<UInt64>
  /// The packed spellings of each list (those of ``packedSpellings`` that are not 0) as small
  /// hash tables with linear probing, 0 in the empty slots: a token's packed spelling is
  /// looked up in a probe or two (see ``TokenCheck/textsSlots``), where a list of forty
  /// document nouns or cue verbs was compared one by one.
  let packedSlots: UnsafeBufferPointer<UInt64>

  /// The first slot of a packed spelling in a table of `size` slots (a power of two).
  @inline(__always)
  static func slot(of packed: UInt64, size: Int) -> Int {
    Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> 32) & (size - 1)
  }

  /// Whether the packed spelling `packed` (not 0) is in the table `table` of ``packedSlots``.
  @inline(__always)
  func containsPacked(_ packed: UInt64, in table: Range<Int32>) -> Bool {
    let size = table.count
    guard size > 0 else { return false }
    let start = Int(table.lowerBound)
    var slot = Self.slot(of: packed, size: size)
    while true {
      let found = packedSlots[start + slot]
      if found == packed { return true }
      if found == 0 { return false }
      slot = (slot + 1) & (size - 1)
    }
  }

  /// The most captures one match can make: every step taken as often as it may be.
  let captureCapacity: Int
  /// The distinct anchor tests, each with its rules.
  let anchorGroups: UnsafeBufferPointer<AnchorGroup>
  /// The rule numbers of the anchor groups.
  let anchorRules: UnsafeBufferPointer<Int32>
  /// The rule bits of the anchor groups, ``ruleWords`` words each (see ``AnchorGroup/bits``).
  let groupRuleBits: UnsafeBufferPointer<UInt64>
  /// The distinct checks of the rules (what they ask beyond their anchor test).
  let conditionChecks: UnsafeBufferPointer<ConditionCheck>
  /// For each rule, its check: a number in ``conditionChecks``.
  let checkOfRule: UnsafeBufferPointer<Int32>
  /// Words of 64 rule bits: enough for every rule, at least one.
  let ruleWords: Int
  /// The bits of the rules of the direct pass (``Rule/Pass/direct``), ``ruleWords`` words.
  let directRuleBits: UnsafeBufferPointer<UInt64>
  /// The bits of the rules that quote (``Entry/quotes``), ``ruleWords`` words.
  let quotingRuleBits: UnsafeBufferPointer<UInt64>
  /// For each anchor group, whether it holds a rule that quotes.
  let quotingGroups: UnsafeBufferPointer<Bool>
  /// The farthest the rules that quote may anchor from a quotation: before an opening mark
  /// (`forward`) and after a closing one (`backward`), -1 where none anchors on that side; nil
  /// when one of them has no such bound.
  let quotingReach: (forward: Int, backward: Int)?
  /// For each lexicon bit, the anchor groups whose test needs that lexicon (bit `g`: group
  /// `g`; bit 63 stands for group 63 and every later one).
  let groupsOfLexicon: UnsafeBufferPointer<UInt64>

  /// A spelling of an anchor group without a lexicon, as a token's spelling is compared with
  /// it (see ``packedPrefix(_:from:to:)``): its first 8 bytes packed into one integer, and its
  /// length. A token with none of these spellings and no lexicon or byte of an anchor is no
  /// anchor, whatever its first byte.
  /// NB: only a necessary condition past 8 bytes ("according" is keyed by "accordin" and 9):
  /// the index tries the group's test on the tokens that have the key.
  struct AnchorKey {
    var key: UInt64
    /// The spelling's length in bytes.
    var length: Int
    /// Whether the key is compared with the token's spelling lower-cased (ASCII).
    var lowered: Bool
    /// The groups with this spelling (bits as in ``groupsOfLexicon``).
    var groups: UInt64
  }

  /// What the pass over a document's tokens asks of each token to find those that may pass
  /// the anchor test of some group (``RuleContext/anchorCandidates``): its lexicons, its
  /// first byte, its spelling.
  struct AnchorSieve {
    /// Every lexicon some anchor needs: a token in none of them passes only anchors without
    /// one.
    let lexicons: UInt64
    /// For each first byte of a token, the anchor groups without a lexicon or key (see
    /// ``keys``) that may accept it (bits as in ``RuleProgram/groupsOfLexicon``).
    let groupsOfByte: UnsafeBufferPointer<UInt64>
    /// The spellings of the anchor groups without a lexicon (most of them: "according", ":",
    /// "—"), listed once for each first byte a token may have to be spelled so (see
    /// ``keysOfByte``).
    let keys: UnsafeBufferPointer<AnchorKey>
    /// For each first byte of a token, the keys it may have: a range of ``keys`` (empty for
    /// most bytes). Only those keys are compared with the token.
    let keysOfByte: UnsafeBufferPointer<Range<Int32>>
    /// For each first byte of a token, the lengths of its keys (``keysOfByte``) as bits: bit
    /// `n` for a key of `n` bytes, bit 63 for every key of 63 bytes or more (see
    /// ``RuleProgram/lengthBit(_:)``). A token whose length bit is clear has none of those
    /// keys.
    /// NB: most tokens that start like a key ("a", "i", "t") have no key's length: their keys
    /// are not compared at all.
    let keyLengthsOfByte: UnsafeBufferPointer<UInt64>

    /// The sieve of the groups `groups` (bits as in ``RuleProgram/groupsOfLexicon``), from
    /// every group's lexicons (`groupLexicons`), first bytes and keys.
    fileprivate init(
      groups: UInt64, groupLexicons: [UInt64], groupsOfByte: [UInt64], keys: [AnchorKey]
    ) {
      lexicons = groupLexicons.indices.reduce(0) {
        groups & (UInt64(1) << UInt64(min($1, 63))) != 0 ? $0 | groupLexicons[$1] : $0
      }
      self.groupsOfByte = RuleProgram.copy(groupsOfByte.map { $0 & groups })
      // Each key listed under every first byte a token spelled so may have: its own, and for
      // a key compared lower-cased, its upper case too.
      var listed: [AnchorKey] = []
      var keysOfByte: [Range<Int32>] = []
      var keyLengthsOfByte: [UInt64] = []
      for byte in 0...255 {
        let start = Int32(listed.count)
        let lowered = byte >= 0x41 && byte <= 0x5A ? UInt8(byte) | 0x20 : UInt8(byte)
        var lengths: UInt64 = 0
        for var key in keys where key.groups & groups != 0 {
          let first = UInt8(truncatingIfNeeded: key.key)
          if first == UInt8(byte) || (key.lowered && first == lowered) {
            key.groups &= groups
            listed.append(key)
            lengths |= RuleProgram.lengthBit(key.length)
          }
        }
        keysOfByte.append(start..<Int32(listed.count))
        keyLengthsOfByte.append(lengths)
      }
      self.keys = RuleProgram.copy(listed)
      self.keysOfByte = RuleProgram.copy(keysOfByte)
      self.keyLengthsOfByte = RuleProgram.copy(keyLengthsOfByte)
    }

    fileprivate func deallocate() {
      UnsafeMutableBufferPointer(mutating: groupsOfByte).deallocate()
      UnsafeMutableBufferPointer(mutating: keys).deallocate()
      UnsafeMutableBufferPointer(mutating: keysOfByte).deallocate()
      UnsafeMutableBufferPointer(mutating: keyLengthsOfByte).deallocate()
    }

    /// The groups whose keys the token `text[start..<end]`, starting with byte `first`, has.
    @inline(__always)
    func keyedGroups(
      _ text: UnsafeBufferPointer<UInt8>, first: UInt8, from start: Int, to end: Int
    ) -> UInt64 {
      let range = keysOfByte[Int(first)]
      guard range.lowerBound < range.upperBound else { return 0 }
      let (raw, lowered) = RuleProgram.packedPrefix(text, from: start, to: end)
      let length = end - start
      var groups: UInt64 = 0
      for index in Int(range.lowerBound)..<Int(range.upperBound) {
        let key = keys[index]
        if key.length == length && key.key == (key.lowered ? lowered : raw) {
          groups |= key.groups
        }
      }
      return groups
    }
  }

  /// The sieve of every anchor group.
  let anchorSieve: AnchorSieve
  /// The sieve of the groups that hold a rule that quotes (``quotingGroups``): fiction runs
  /// only those rules.
  /// NB: most tokens that pass only the anchors of other rules ("in", "put") are then no
  /// anchor candidates, and the index does not read them.
  let quotingSieve: AnchorSieve

  /// The tokens rules must read near their anchors (see ``Entry/required``).
  let requiredTokens: UnsafeBufferPointer<RequiredToken>
  /// The number of distinct sides of the rules (see ``Entry/forwardSide``).
  let sideCount: Int

  /// The most tokens the steps before a required token (see ``RequiredToken``) may read: the
  /// window the matcher searches.
  static let requiredReachLimit = 15
  /// The most required tokens looked for on each side of a rule.
  static let requiredPerSide = 3
  /// The most tokens searched for a required token whose test compares exact spellings only
  /// (punctuation: a comma, a colon, a dash).
  /// NB: punctuation is common, so a long search for it rejects few tries and costs more than
  /// it saves; a search near the anchor ("he said, …") still pays.
  static let punctuationReachLimit = 5

  /// Whether a token test asks for a lexicon or a spelling: one that few tokens near an
  /// anchor pass, worth looking for before matching (a test of kind or shape alone is passed
  /// by most).
  static func isSelective(_ test: TokenCheck) -> Bool {
    test.anyOf != 0 || !test.texts.isEmpty || !test.lowers.isEmpty
  }

  /// Whether a token test compares exact spellings only (see ``punctuationReachLimit``).
  static func comparesTextsOnly(_ test: TokenCheck) -> Bool {
    test.anyOf == 0 && test.lowers.isEmpty && !test.texts.isEmpty
  }

  /// A length's bit in ``AnchorSieve/keyLengthsOfByte``.
  @inline(__always)
  /// NB: one comparison, not two: a negative length (no token has one) reads as bit 63, which
  /// only lets the keys be compared (``AnchorSieve/keyedGroups(_:first:from:to:)``), and none has that length.
  static func lengthBit(_ length: Int) -> UInt64 {
    UInt64(1) << min(UInt64(bitPattern: Int64(length)), 63)
  }

  /// The first 8 bytes at most of the spelling `text[start..<end]` packed into one integer,
  /// its bytes in order from the lowest (zero-padded), as is and lower-cased (ASCII letters
  /// only); zeros when it is empty.
  @inline(__always)
  static func packedPrefix(_ text: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int)
    -> (raw: UInt64, lowered: UInt64)
  {
    let count = min(8, end - start)
    guard count > 0 else { return (0, 0) }
    var raw: UInt64 = 0
    if start + 8 <= text.count, let base = text.baseAddress {
      // One load of 8 bytes, the ones after the token's masked off.
      raw = UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
      if count < 8 { raw &= (UInt64(1) << UInt64(count * 8)) - 1 }
    } else {
      for offset in 0..<count { raw |= UInt64(text[start + offset]) << UInt64(offset * 8) }
    }
    // The ASCII capitals of every byte at once: of the low 7 bits, ≥ "A" and not > "Z" (no
    // carry between bytes), and bit 7 clear.
    let low = raw & 0x7F7F_7F7F_7F7F_7F7F
    let atLeastA = low &+ 0x3F3F_3F3F_3F3F_3F3F
    let pastZ = low &+ 0x2525_2525_2525_2525
    let upper = atLeastA & ~pastZ & ~raw & 0x8080_8080_8080_8080
    return (raw, raw | (upper >> 2))
  }

  init(rules: [Rule]) {
    var entries: [Entry] = []
    var steps: [PatternStep] = []
    var spellings: [Range<Int32>] = []
    var bytes: [UInt8] = []
    var packedSpellings: [UInt64] = []
    // Adds spellings, those that pack into one integer first; returns their range and the
    // first that does not pack (see ``TokenCheck/textsUnpacked``).
    // NB: a list added before comes back with its first range: equal tests of two rules
    // compile to equal checks, so that their sides compare equal (see ``Entry/forwardSide``).
    var added: [[[UInt8]]: (Range<Int32>, Int32)] = [:]
    func add(_ words: [[UInt8]], lowered: Bool) -> (Range<Int32>, Int32) {
      let key = [[lowered ? 1 : 0]] + words
      if let found = added[key] { return found }
      let range = addNew(words, lowered: lowered)
      added[key] = range
      return range
    }
    func addNew(_ words: [[UInt8]], lowered: Bool) -> (Range<Int32>, Int32) {
      let start = Int32(spellings.count)
      func packed(_ word: [UInt8]) -> UInt64 {
        let hasUpper = word.contains { $0 >= 0x41 && $0 <= 0x5A }
        return lowered ? (hasUpper ? 0 : LexiconTable.packed(word)) : Self.packedExactly(word)
      }
      let packable = words.filter { packed($0) != 0 }
      for word in packable + words.filter({ packed($0) == 0 }) {
        spellings.append(Int32(bytes.count)..<Int32(bytes.count + word.count))
        bytes += word
        packedSpellings.append(packed(word))
      }
      return (start..<Int32(spellings.count), start + Int32(packable.count))
    }
    // The hash table of the packed spellings `packed` (see ``packedSlots``), one per list.
    var packedSlots: [UInt64] = []
    var tables: [Range<Int32>: Range<Int32>] = [:]
    func slots(_ packed: Range<Int32>) -> Range<Int32> {
      guard !packed.isEmpty else { return 0..<0 }
      if let found = tables[packed] { return found }
      // NB: at least twice as many slots as spellings: a probe meets an empty slot soon.
      var size = 4
      while size < 2 * packed.count { size *= 2 }
      let start = packedSlots.count
      packedSlots += [UInt64](repeating: 0, count: size)
      for spelling in packed {
        let word = packedSpellings[Int(spelling)]
        var slot = Self.slot(of: word, size: size)
        while packedSlots[start + slot] != 0 && packedSlots[start + slot] != word {
          slot = (slot + 1) & (size - 1)
        }
        packedSlots[start + slot] = word
      }
      let table = Int32(start)..<Int32(start + size)
      tables[packed] = table
      return table
    }
    func check(_ test: TokenTest) -> TokenCheck {
      var check = TokenCheck(anyOf: test.anyOf, noneOf: test.noneOf, kind: test.kind)
      switch test.shape {
      case .capitalized: check.shape = Token.Shape.capitalized.rawValue
      case .lowercase: check.shape = Token.Shape.lowercase.rawValue
      case .allCaps: check.shape = Token.Shape.allCaps.rawValue
      case nil: break
      }
      (check.texts, check.textsUnpacked) = add(test.texts, lowered: false)
      (check.lowers, check.lowersUnpacked) = add(test.lowers, lowered: true)
      check.textsSlots = slots(check.texts.lowerBound..<check.textsUnpacked)
      check.lowersSlots = slots(check.lowers.lowerBound..<check.lowersUnpacked)
      for spelling in Int(check.texts.lowerBound)..<Int(check.textsUnpacked) {
        check.textsFilter |= TokenCheck.filterBit(packedSpellings[spelling])
      }
      for spelling in test.texts {
        check.textsStarts |= spelling.first.map(TokenCheck.firstByteBit) ?? ~0
      }
      for spelling in Int(check.lowers.lowerBound)..<Int(check.lowersUnpacked) {
        check.lowersFilter |= TokenCheck.filterBit(packedSpellings[spelling])
      }
      for spelling in test.lowers {
        // NB: the bit of the first byte lower-cased, as the matcher lower-cases the token's.
        check.lowersStarts |=
          spelling.first.map { TokenCheck.firstByteBit($0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0) }
          ?? ~0
      }
      return check
    }
    func append(_ element: PatternElement) {
      var step = PatternStep(
        operation: .token, phrase: .speaker, minCount: element.minCount,
        maxCount: element.maxCount, capture: element.capture, test: TokenCheck())
      switch element.test {
      case .token(let test): step.test = check(test)
      case .quote(let closedOnly): step.operation = closedOnly ? .closedQuote : .quote
      case .phrase(let phrase):
        step.operation = .phrase
        step.phrase = phrase
      case .edge(.sentence): step.operation = .sentenceEdge
      case .edge(.paragraph): step.operation = .paragraphEdge
      }
      steps.append(step)
    }
    // The terms of a side's gate: what each step that may read the side's first token asks,
    // as far as the first step it must read; none when the side may read no token, or when a
    // phrase may read it (phrases are not tested here).
    func gate(_ side: Range<Int>) -> [Gate] {
      var terms: [Gate] = []
      for index in side {
        let step = steps[index]
        guard step.maxCount >= 1 else { continue }
        let term: Gate
        switch step.operation {
        case .token: term = Gate(kind: .token, test: step.test)
        case .quote: term = Gate(kind: .quote)
        case .closedQuote: term = Gate(kind: .closedQuote)
        case .sentenceEdge, .paragraphEdge:
          // NB: an edge reads no token: a gate of its own only as the side's first step.
          guard terms.isEmpty, step.minCount >= 1 else { return [] }
          return [Gate(kind: step.operation == .sentenceEdge ? .sentenceEdge : .paragraphEdge)]
        case .phrase: return []
        }
        if !terms.contains(term) { terms.append(term) }
        if step.minCount >= 1 { return terms }
      }
      return []
    }
    // The most a step may move the cursor; nil when it has no bound (a quotation, a clause, a
    // long repetition).
    func most(_ step: PatternStep, forward: Bool) -> Int? {
      switch step.operation {
      case .quote, .closedQuote: return nil
      case .token: return step.maxCount <= PatternMatcher.window ? step.maxCount : nil
      case .sentenceEdge, .paragraphEdge: return 0
      case .phrase:
        return PhraseFinder.reach(step.phrase, forward: forward).flatMap {
          step.maxCount <= 4 ? $0 * step.maxCount : nil
        }
      }
    }
    // How far a side reads before a quotation it must read: the most each step before it
    // may move the cursor, added up; -1 when a step has no bound or no quotation is required.
    func quoteReach(_ side: Range<Int>, forward: Bool) -> Int {
      var reach = 0
      for index in side {
        let step = steps[index]
        if step.operation == .quote || step.operation == .closedQuote {
          return step.minCount >= 1 ? reach : -1
        }
        guard let most = most(step, forward: forward) else { return -1 }
        reach += most
      }
      return -1
    }
    // How far a side reads before an edge it must read, as ``quoteReach``, and whether the
    // edge is a paragraph's; -1 when no edge is required within a bounded distance.
    func edgeReach(_ side: Range<Int>, forward: Bool) -> (Int, Bool) {
      var reach = 0
      for index in side {
        let step = steps[index]
        if (step.operation == .sentenceEdge || step.operation == .paragraphEdge)
          && step.minCount >= 1
        {
          return (reach, step.operation == .paragraphEdge)
        }
        guard let most = most(step, forward: forward) else { return (-1, false) }
        reach += most
      }
      return (-1, false)
    }
    // The tokens a side must read within ``requiredReachLimit`` of the anchor with a
    // selective test, nearest first (at most ``requiredPerSide``), as ``quoteReach``.
    // NB: not the side's first step when it reads the token next to the anchor: the anchor
    // index asked for it already (see ``ConditionCheck/next``).
    func requiredTokens(_ side: Range<Int>, forward: Bool) -> [RequiredToken] {
      var found: [RequiredToken] = []
      var reach = 0
      for index in side where found.count < Self.requiredPerSide {
        let step = steps[index]
        if step.operation == .token && step.minCount >= 1 && Self.isSelective(step.test)
          && (index != side.lowerBound || reach > 0)
          && (!Self.comparesTextsOnly(step.test) || reach < Self.punctuationReachLimit)
        {
          found.append(
            RequiredToken(
              step: index, nearest: forward ? 1 : -1 - reach, farthest: forward ? 1 + reach : -1,
              forward: forward))
        }
        guard let most = most(step, forward: forward), reach + most <= Self.requiredReachLimit
        else { break }
        reach += most
      }
      return found
    }
    // Whether two sides read the same steps, whatever they capture.
    func sameSteps(_ first: Range<Int>, _ second: Range<Int>) -> Bool {
      guard first.count == second.count else { return false }
      return zip(first, second).allSatisfy { pair in
        let (one, other) = (steps[pair.0], steps[pair.1])
        return one.operation == other.operation && one.minCount == other.minCount
          && one.maxCount == other.maxCount && one.test == other.test
          && (one.operation != .phrase || one.phrase == other.phrase)
      }
    }
    var sides: [Range<Int>] = []
    func sideNumber(_ side: Range<Int>) -> Int {
      if let found = sides.firstIndex(where: { sameSteps($0, side) }) { return found }
      sides.append(side)
      return sides.count - 1
    }
    var required: [RequiredToken] = []
    // The first step of a side that may end at several places (see ``Entry/forwardBranching``).
    func branching(_ side: Range<Int>) -> Int {
      let first = side.firstIndex {
        steps[$0].operation == .phrase || steps[$0].minCount != steps[$0].maxCount
      }
      return (first ?? side.upperBound) - side.lowerBound
    }
    // Whether a side reads a phrase that runs to a sentence's edge (a clause, the rest).
    func readsToEdge(_ side: Range<Int>) -> Bool {
      steps[side].contains {
        $0.operation == .phrase && ($0.phrase == .clause || $0.phrase == .skip)
      }
    }
    var gates: [[Gate]] = []
    func gateNumber(_ terms: [Gate]) -> Int {
      guard !terms.isEmpty else { return -1 }
      if let found = gates.firstIndex(of: terms) { return found }
      gates.append(terms)
      return gates.count - 1
    }
    var groupTests: [TokenTest] = []
    var groupRules: [[Int32]] = []
    for (number, rule) in rules.enumerated() {
      let forwardStart = steps.count
      rule.forwardElements.forEach(append)
      let backwardStart = steps.count
      rule.backwardElements.forEach(append)
      // The step after the anchor is read at the next token only when the anchor is read
      // exactly once (see ``PatternMatcher/match(_:at:)``).
      let anchor = steps[forwardStart]
      let anchorOnce = anchor.operation == .token && anchor.minCount == 1 && anchor.maxCount == 1
      let forwardEdge = edgeReach(forwardStart..<backwardStart, forward: true)
      let backwardEdge = edgeReach(backwardStart..<steps.count, forward: false)
      let backwardFirst =
        readsToEdge(forwardStart..<backwardStart) && !readsToEdge(backwardStart..<steps.count)
      // NB: after the anchor only when it is read exactly once, at the anchor token.
      let forwardRequired =
        anchorOnce ? requiredTokens((forwardStart + 1)..<backwardStart, forward: true) : []
      let backwardRequired = requiredTokens(backwardStart..<steps.count, forward: false)
      let firstRequired = required.count
      // Punctuation after the words: those reject more tries.
      let ordered =
        backwardFirst ? backwardRequired + forwardRequired : forwardRequired + backwardRequired
      required += ordered.filter { !Self.comparesTextsOnly(steps[$0.step].test) }
      required += ordered.filter { Self.comparesTextsOnly(steps[$0.step].test) }
      entries.append(
        Entry(
          forward: forwardStart..<backwardStart, backward: backwardStart..<steps.count,
          anchor: check(rule.anchorTest), pass: rule.pass, kind: rule.kind,
          confidence: rule.confidence,
          condition: ConditionCheck(
            forwardQuoteReach: quoteReach(forwardStart..<backwardStart, forward: true),
            backwardQuoteReach: quoteReach(backwardStart..<steps.count, forward: false),
            forwardEdgeReach: forwardEdge.0, forwardEdgeParagraph: forwardEdge.1,
            backwardEdgeReach: backwardEdge.0, backwardEdgeParagraph: backwardEdge.1,
            next: gateNumber(anchorOnce ? gate((forwardStart + 1)..<backwardStart) : []),
            previous: gateNumber(gate(backwardStart..<steps.count))),
          backwardFirst: backwardFirst, required: firstRequired..<required.count,
          forwardSide: sideNumber(forwardStart..<backwardStart),
          backwardSide: sideNumber(backwardStart..<steps.count),
          forwardBranching: branching(forwardStart..<backwardStart),
          backwardBranching: branching(backwardStart..<steps.count)))
      if let group = groupTests.firstIndex(of: rule.anchorTest) {
        groupRules[group].append(Int32(number))
      } else {
        groupTests.append(rule.anchorTest)
        groupRules.append([Int32(number)])
      }
    }
    var groups: [AnchorGroup] = []
    var anchorRules: [Int32] = []
    var checks: [ConditionCheck] = []
    var groupRuleBits: [UInt64] = []
    var checkOfRule = [Int32](repeating: 0, count: entries.count)
    let ruleWords = max(1, (entries.count + 63) / 64)
    var groupLexicons: [UInt64] = []
    var groupsOfLexicon = [UInt64](repeating: 0, count: 64)
    var groupsOfByte = [UInt64](repeating: 0, count: 256)
    var keys: [AnchorKey] = []
    for (test, members) in zip(groupTests, groupRules) {
      let compiled = check(test)
      var starts = ByteSet()
      // A test without spellings may pass any token; with both kinds, the exact ones decide.
      // (Exact spellings match the token's first byte, lower-cased ones its first byte
      // lower-cased.)
      let spellings = test.texts.isEmpty ? test.lowers : test.texts
      if spellings.isEmpty { starts.any = true }
      for spelling in spellings {
        if let first = spelling.first { starts.insert(first) } else { starts.any = true }
      }
      let groupBit = UInt64(1) << UInt64(min(groups.count, 63))
      let lowered = test.texts.isEmpty
      if test.anyOf == 0 && !spellings.isEmpty && !spellings.contains(where: \.isEmpty) {
        for spelling in spellings {
          // NB: a spelling compared lower-cased that holds an upper-case letter matches no
          // token (see ``PatternMatcher``): no key.
          if lowered && spelling.contains(where: { $0 >= 0x41 && $0 <= 0x5A }) { continue }
          var key: UInt64 = 0
          for (offset, byte) in spelling.prefix(8).enumerated() {
            key |= UInt64(byte) << UInt64(offset * 8)
          }
          if let found = keys.firstIndex(where: {
            $0.key == key && $0.length == spelling.count && $0.lowered == lowered
          }) {
            keys[found].groups |= groupBit
          } else {
            keys.append(
              AnchorKey(key: key, length: spelling.count, lowered: lowered, groups: groupBit))
          }
        }
      } else if test.anyOf == 0 {
        for byte in 0...255 where starts.mayStart(UInt8(byte)) { groupsOfByte[byte] |= groupBit }
      }
      for lexicon in 0..<64 where test.anyOf & (UInt64(1) << UInt64(lexicon)) != 0 {
        groupsOfLexicon[lexicon] |= groupBit
      }
      groupLexicons.append(test.anyOf)
      let bits = groupRuleBits.count
      groupRuleBits += [UInt64](repeating: 0, count: ruleWords)
      for rule in members {
        let check = entries[Int(rule)].condition
        let checkNumber =
          checks.firstIndex(of: check)
          ?? {
            checks.append(check)
            return checks.count - 1
          }()
        checkOfRule[Int(rule)] = Int32(checkNumber)
        groupRuleBits[bits + Int(rule) / 64] |= UInt64(1) << UInt64(rule % 64)
      }
      groups.append(
        AnchorGroup(
          test: compiled, starts: starts,
          rules: anchorRules.count..<(anchorRules.count + members.count), bits: bits))
      anchorRules += members
    }
    captureCapacity = entries.reduce(1) { most, entry in
      max(
        most,
        (entry.forward.lowerBound..<entry.backward.upperBound).reduce(0) {
          $0 + steps[$1].maxCount
        })
    }
    self.entries = Self.copy(entries)
    self.steps = Self.copy(steps)
    self.requiredTokens = Self.copy(required)
    self.sideCount = sides.count
    self.spellings = Self.copy(spellings)
    self.bytes = Self.copy(bytes)
    self.packedSpellings = Self.copy(packedSpellings)
    self.packedSlots = Self.copy(packedSlots)
    self.anchorGroups = Self.copy(groups)
    var gateRanges: [Range<Int>] = []
    var gateTerms: [Gate] = []
    for terms in gates {
      gateRanges.append(gateTerms.count..<(gateTerms.count + terms.count))
      gateTerms += terms
    }
    self.gates = Self.copy(gateRanges)
    self.gateTerms = Self.copy(gateTerms)
    self.anchorRules = Self.copy(anchorRules)
    self.groupRuleBits = Self.copy(groupRuleBits)
    self.checkOfRule = Self.copy(checkOfRule)
    self.conditionChecks = Self.copy(checks)
    self.ruleWords = ruleWords
    // Each rule's bound for each reach, -1 when it has none.
    func bound(_ reach: Reach, _ check: ConditionCheck) -> Int {
      switch reach {
      case .forwardQuote: check.forwardQuoteReach
      case .backwardQuote: check.backwardQuoteReach
      case .forwardSentenceEdge: check.forwardEdgeParagraph ? -1 : check.forwardEdgeReach
      case .forwardParagraphEdge: check.forwardEdgeParagraph ? check.forwardEdgeReach : -1
      case .backwardSentenceEdge: check.backwardEdgeParagraph ? -1 : check.backwardEdgeReach
      case .backwardParagraphEdge: check.backwardEdgeParagraph ? check.backwardEdgeReach : -1
      }
    }
    var reachRows: [Range<Int>] = []
    var reachRuleBits: [UInt64] = []
    for reach in Reach.allCases {
      let bounds = entries.indices.map { bound(reach, checks[Int(checkOfRule[$0])]) }
      let largest = bounds.max() ?? -1
      let first = reachRuleBits.count / ruleWords
      for distance in 0...(max(largest, -1) + 1) {
        var row = [UInt64](repeating: 0, count: ruleWords)
        for (rule, limit) in bounds.enumerated() where limit < 0 || distance <= limit {
          row[rule / 64] |= UInt64(1) << UInt64(rule % 64)
        }
        reachRuleBits += row
      }
      reachRows.append(first..<(reachRuleBits.count / ruleWords))
    }
    var reachesOfRule = [UInt8](repeating: 0, count: entries.count)
    for reach in Reach.allCases {
      for rule in entries.indices where bound(reach, checks[Int(checkOfRule[rule])]) >= 0 {
        reachesOfRule[rule] |= UInt8(1) << UInt8(reach.rawValue)
      }
    }
    self.reachesOfRule = Self.copy(reachesOfRule)
    self.reachRows = Self.copy(reachRows)
    self.reachRuleBits = Self.copy(reachRuleBits)
    self.nextGateOfRule = Self.copy(checkOfRule.map { Int32(checks[Int($0)].next) })
    self.previousGateOfRule = Self.copy(checkOfRule.map { Int32(checks[Int($0)].previous) })
    var gatedRuleBits = [UInt64](repeating: 0, count: ruleWords)
    for (rule, check) in checkOfRule.map({ checks[Int($0)] }).enumerated()
    where check.next >= 0 || check.previous >= 0 {
      gatedRuleBits[rule / 64] |= UInt64(1) << UInt64(rule % 64)
    }
    self.gatedRuleBits = Self.copy(gatedRuleBits)
    var directRuleBits = [UInt64](repeating: 0, count: ruleWords)
    for (rule, entry) in entries.enumerated() where entry.pass == .direct {
      directRuleBits[rule / 64] |= UInt64(1) << UInt64(rule % 64)
    }
    self.directRuleBits = Self.copy(directRuleBits)
    var quotingRuleBits = [UInt64](repeating: 0, count: ruleWords)
    for (rule, entry) in entries.enumerated() where entry.quotes {
      quotingRuleBits[rule / 64] |= UInt64(1) << UInt64(rule % 64)
    }
    self.quotingRuleBits = Self.copy(quotingRuleBits)
    var quotingReach: (forward: Int, backward: Int)? = (-1, -1)
    for (rule, entry) in entries.enumerated() where entry.quotes {
      let check = checks[Int(checkOfRule[rule])]
      guard let reach = quotingReach,
        check.forwardQuoteReach >= 0 || check.backwardQuoteReach >= 0
      else {
        quotingReach = nil
        break
      }
      quotingReach = (
        max(reach.forward, check.forwardQuoteReach), max(reach.backward, check.backwardQuoteReach)
      )
    }
    self.quotingReach = quotingReach
    let quotingGroups = groups.map { group in
      (0..<ruleWords).contains { groupRuleBits[group.bits + $0] & quotingRuleBits[$0] != 0 }
    }
    self.quotingGroups = Self.copy(quotingGroups)
    self.groupsOfLexicon = Self.copy(groupsOfLexicon)
    var quotingGroupBits: UInt64 = 0
    for group in groups.indices where quotingGroups[group] {
      quotingGroupBits |= UInt64(1) << UInt64(min(group, 63))
    }
    anchorSieve = AnchorSieve(
      groups: ~0, groupLexicons: groupLexicons, groupsOfByte: groupsOfByte, keys: keys)
    quotingSieve = AnchorSieve(
      groups: quotingGroupBits, groupLexicons: groupLexicons, groupsOfByte: groupsOfByte,
      keys: keys)
  }

  deinit {
    UnsafeMutableBufferPointer(mutating: entries).deallocate()
    UnsafeMutableBufferPointer(mutating: steps).deallocate()
    UnsafeMutableBufferPointer(mutating: requiredTokens).deallocate()
    UnsafeMutableBufferPointer(mutating: spellings).deallocate()
    UnsafeMutableBufferPointer(mutating: bytes).deallocate()
    UnsafeMutableBufferPointer(mutating: packedSpellings).deallocate()
    UnsafeMutableBufferPointer(mutating: packedSlots).deallocate()
    UnsafeMutableBufferPointer(mutating: anchorGroups).deallocate()
    UnsafeMutableBufferPointer(mutating: gates).deallocate()
    UnsafeMutableBufferPointer(mutating: gateTerms).deallocate()
    UnsafeMutableBufferPointer(mutating: anchorRules).deallocate()
    UnsafeMutableBufferPointer(mutating: groupRuleBits).deallocate()
    UnsafeMutableBufferPointer(mutating: checkOfRule).deallocate()
    UnsafeMutableBufferPointer(mutating: directRuleBits).deallocate()
    UnsafeMutableBufferPointer(mutating: quotingRuleBits).deallocate()
    UnsafeMutableBufferPointer(mutating: quotingGroups).deallocate()
    UnsafeMutableBufferPointer(mutating: conditionChecks).deallocate()
    UnsafeMutableBufferPointer(mutating: reachRows).deallocate()
    UnsafeMutableBufferPointer(mutating: reachRuleBits).deallocate()
    UnsafeMutableBufferPointer(mutating: nextGateOfRule).deallocate()
    UnsafeMutableBufferPointer(mutating: previousGateOfRule).deallocate()
    UnsafeMutableBufferPointer(mutating: gatedRuleBits).deallocate()
    UnsafeMutableBufferPointer(mutating: reachesOfRule).deallocate()
    UnsafeMutableBufferPointer(mutating: groupsOfLexicon).deallocate()
    anchorSieve.deallocate()
    quotingSieve.deallocate()
  }

  /// A spelling of 1 to 8 bytes packed as it is (bytes from the lowest), or 0 when it is
  /// empty, longer or holds a zero byte.
  private static func packedExactly(_ bytes: [UInt8]) -> UInt64 {
    guard !bytes.isEmpty, bytes.count <= 8, !bytes.contains(0) else { return 0 }
    var word: UInt64 = 0
    for (offset, byte) in bytes.enumerated() { word |= UInt64(byte) << UInt64(offset * 8) }
    return word
  }

  private static func copy<T>(_ values: [T]) -> UnsafeBufferPointer<T> {
    // NB: at least one element, so that an empty program still owns a buffer to deallocate.
    let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, values.count))
    _ = buffer.initialize(from: values)
    return UnsafeBufferPointer(rebasing: buffer[..<values.count])
  }
}
