/// The rules that each token of a document may anchor, found once per document: the tokens
/// whose lexicon bits, spelling (``RuleProgram/AnchorSieve/keys``) or first byte can pass some anchor
/// test (``RuleContext/anchorCandidates``), each distinct anchor test tried once per such
/// token, and the checks of the rules that passed applied at once: the distances to the
/// quotation or edge a rule must read (``RuleProgram/ConditionCheck/forwardQuoteReach``) as
/// rows of rule bits (``RuleProgram/reachRuleBits``), then the gates (``RuleProgram/Gate``)
/// on the tokens next to the anchor, each asked once per token.
///
/// Exact for the anchor tests and only necessary for the gates: a rule left out here is one
/// that would not match at that token, so the engine tries the same matches as when it asked
/// every rule at every token, in the same order.
///
/// - Complexity: O(n) in the tokens (times the distinct anchor tests at the few tokens that
///   may pass one).
struct AnchorIndex {
  /// Slots of the table of anchor tests' answers by spelling (a power of two: the index is
  /// the top 8 bits of a hash).
  private static let memoSlots = 256

  /// The tokens that anchor at least one rule, in text order.
  private(set) var tokens: [Int32] = []
  /// For each of ``tokens``, ``words`` words of rule bits (bit `r` of word `r / 64`: rule `r`).
  private var rules: [UInt64] = []
  /// Words of rule bits per token.
  let words: Int

  /// Builds the index; for the tokens marked in `directOnly`, only the rules of the direct
  /// pass are listed, and with `quotingOnly` (fiction: see ``AttributionEngine``) only the
  /// rules that quote (``RuleProgram/Entry/quotes``): the engine tries no other rule there.
  init(
    context: RuleContext, matcher: PatternMatcher, directOnly: [Bool]? = nil,
    quotingOnly: Bool = false
  ) {
    // NB: a context that lists only the anchors of the rules that quote indexes only those.
    precondition(quotingOnly || !context.quotingOnly)
    let program = context.rules.program
    let words = program.ruleWords
    self.words = words
    let lexicons = (quotingOnly ? program.quotingSieve : program.anchorSieve).lexicons
    tokens.reserveCapacity(context.anchorCandidates.count)
    rules.reserveCapacity(context.anchorCandidates.count * words)
    // NB: raw buffers, for the same reason as the program's: these are read and written for
    // every rule of every candidate token.
    // Each gate's answer at the current token (forward and backward ones apart), valid when
    // its stamp is the token.
    let gateSlots = max(1, program.gates.count * 2)
    let gateStamps = UnsafeMutableBufferPointer<Int>.allocate(capacity: gateSlots)
    gateStamps.initialize(repeating: -1)
    let gateAnswers = UnsafeMutableBufferPointer<Bool>.allocate(capacity: gateSlots)
    gateAnswers.initialize(repeating: false)
    let bits = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: words)
    bits.initialize(repeating: 0)
    // The rules whose anchor test a token passes depend only on its lexicon bits, kind, case
    // and spelling: the answers for spellings of at most 8 bytes are kept in a small
    // direct-mapped table keyed so ("said", ":" and "told" come back again and again).
    // NB: a kind byte no token has marks an empty slot. The reaches the rules' checks bound
    // are kept with the key (in its padding: no allocation of their own).
    let memoKeys = UnsafeMutableBufferPointer<
      (mask: UInt64, spelling: UInt64, form: UInt16, reaches: UInt8)
    >
    .allocate(capacity: Self.memoSlots)
    memoKeys.initialize(repeating: (0, 0, UInt16.max, 0))
    let memoBits = UnsafeMutableBufferPointer<UInt64>.allocate(capacity: Self.memoSlots * words)
    memoBits.initialize(repeating: 0)
    defer {
      memoKeys.deallocate()
      memoBits.deallocate()
      gateStamps.deallocate()
      gateAnswers.deallocate()
      bits.deallocate()
    }
    func passes(_ gate: Int, forward: Bool, _ token: Int) -> Bool {
      guard gate >= 0 else { return true }
      let slot = gate * 2 + (forward ? 0 : 1)
      if gateStamps[slot] != token {
        gateStamps[slot] = token
        let next = forward ? token + 1 : token - 1
        // NB: each term read in place: most tokens fail a token term on the filters of
        // ``PatternMatcher/admits(_:_:)``, and the term is not copied for them.
        let terms = program.gateTerms.baseAddress.unsafelyUnwrapped
        var passed = false
        for term in program.gates[gate]
        where Self.passes(terms + term, next, forward: forward, context, matcher) {
          passed = true
          break
        }
        gateAnswers[slot] = passed
      }
      return gateAnswers[slot]
    }
    // The first depth-0 quotation opening at or after the candidate and the first closing at
    // or after it (positions in the context's sorted lists).
    // NB: the candidates come in text order, so each moves on from the previous candidate's:
    // no search per candidate.
    let openingTokens = context.openingTokens
    let closingTokens = context.closingTokens
    var quotes = (opening: 0, closing: 0)
    let reachesOfRule = program.reachesOfRule
    let reachRows = program.reachRows
    let reachRuleBits = program.reachRuleBits
    let reaches = RuleProgram.Reach.allCases
    // NB: only the tokens that may pass an anchor test (found in the context's pass over the
    // tokens); the groups of each by its lexicons, its keys and its first byte.
    for (position, candidate) in context.anchorCandidates.enumerated() {
      let token = Int(candidate)
      while quotes.opening < openingTokens.count && Int(openingTokens[quotes.opening]) < token {
        quotes.opening += 1
      }
      while quotes.closing < closingTokens.count && Int(closingTokens[quotes.closing]) < token {
        quotes.closing += 1
      }
      let mask = context.mask(token)
      let spelling = context.rawSpelling(token)
      let info = context.document.tokens[token]
      // The shape bits an anchor test reads: capitalized, all caps, lower case.
      let form = UInt16(info.kind.rawValue) << 8 | UInt16(info.shape.rawValue & 0b111)
      // The rules the token may anchor as far as its own form decides (its groups' tests;
      // in fiction, only the rules that quote), and the reaches their checks bound: from the
      // table by spelling, or found and kept there.
      var needed: UInt8 = 0
      var slot = -1
      var known = false
      if spelling != 0 {
        slot = Int(
          truncatingIfNeeded: ((spelling &+ mask &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(form))
            &* 0xBF58_476D_1CE4_E5B9) >> 56)
        known =
          memoKeys[slot].mask == mask && memoKeys[slot].spelling == spelling
          && memoKeys[slot].form == form
      }
      if known {
        var any = false
        for word in 0..<words {
          bits[word] = memoBits[slot &* words &+ word]
          any = any || bits[word] != 0
        }
        guard any else { continue }
        needed = memoKeys[slot].reaches
      } else {
        var anchorMask = mask & lexicons
        var groups = context.candidateGroups[position]
        while anchorMask != 0 {
          groups |= program.groupsOfLexicon[anchorMask.trailingZeroBitCount]
          anchorMask &= anchorMask - 1
        }
        // The rules of the groups whose test passes.
        while groups != 0 {
          let bit = groups.trailingZeroBitCount
          groups &= groups - 1
          // Bit 63 stands for every group from the 64th on.
          for group in bit < 63 ? bit..<(bit + 1) : 63..<program.anchorGroups.count {
            // NB: in fiction only the groups that hold a rule that quotes.
            guard !quotingOnly || program.quotingGroups[group],
              Self.accepts(
                program.anchorGroups.baseAddress.unsafelyUnwrapped + group, token, mask, info,
                matcher)
            else { continue }
            let offset = program.anchorGroups[group].bits
            for word in 0..<words { bits[word] |= program.groupRuleBits[offset + word] }
          }
        }
        var any = false
        for word in 0..<words {
          if quotingOnly { bits[word] &= program.quotingRuleBits[word] }
          any = any || bits[word] != 0
        }
        // NB: the reaches to read are gathered from the few rules (8 on average on
        // bench-sample), not found by a test of every reach's rows of rule bits, which cost
        // more than the distances it spared; and kept by spelling with the rules (most
        // tokens' spellings come back), not gathered again at each token.
        for word in 0..<words {
          var pending = bits[word]
          while pending != 0 {
            needed |= reachesOfRule[word &* 64 &+ pending.trailingZeroBitCount]
            pending &= pending &- 1
          }
        }
        if slot >= 0 {
          memoKeys[slot] = (mask, spelling, form, needed)
          for word in 0..<words { memoBits[slot &* words &+ word] = bits[word] }
        }
        guard any else { continue }
      }
      // NB: the reaches stay those of the rules before this filter: a distance read for a
      // rule it drops changes no rule left.
      if directOnly?[token] == true {
        var any = false
        for word in 0..<words {
          bits[word] &= program.directRuleBits[word]
          any = any || bits[word] != 0
        }
        guard any else { continue }
      }
      // The rules' checks, all at once: for each distance a check of some rule bounds
      // (``RuleProgram/reachesOfRule``), the rules that hold at the token's distance (a row of
      // ``RuleProgram/reachRuleBits``); then each gate some rule left asks, once per token.
      while needed != 0 {
        let reach = Int(needed.trailingZeroBitCount)
        needed &= needed &- 1
        let rows = reachRows[reach]
        let distance = Self.distance(reaches[reach], token, context, quotes)
        let row = (rows.lowerBound &+ min(distance, rows.count &- 1)) &* words
        for word in 0..<words { bits[word] &= reachRuleBits[row &+ word] }
      }
      // NB: rule by rule, for the few rules left that ask a gate (most ask none, and are not
      // read here): a loop over every gate costs more. Tried, and costing more than the
      // mispredicted branches they spared (bench-sample): both gates of every rule asked,
      // and the rules dropped without a branch on the answers (3.1M instructions more, 21K
      // fewer mispredicted); no test for a rule without a gate, its slots passing at every
      // token (1.4M more, 12K fewer); the gates' slots of the rules gathered as bits, kept
      // by spelling with the rules, and each asked once (3.8M more, 55K fewer).
      for word in 0..<words {
        var pending = bits[word] & program.gatedRuleBits[word]
        while pending != 0 {
          let bit = pending.trailingZeroBitCount
          pending &= pending - 1
          let rule = word * 64 + bit
          if !passes(Int(program.nextGateOfRule[rule]), forward: true, token)
            || !passes(Int(program.previousGateOfRule[rule]), forward: false, token)
          {
            bits[word] &= ~(UInt64(1) << UInt64(bit))
          }
        }
      }
      var found = false
      for word in 0..<words where bits[word] != 0 { found = true }
      if found {
        tokens.append(candidate)
        for word in 0..<words { rules.append(bits[word]) }
      }
      for word in 0..<words { bits[word] = 0 }
    }
  }

  /// A token's distance that checks bound (see ``RuleProgram/Reach``), `Int.max` when there is
  /// no such quotation; `quotes` are the positions, in the context's lists, of the first
  /// quotation opening and closing at or after the token (as
  /// ``RuleContext/distanceToOpening(from:)`` and ``RuleContext/distanceToClosing(before:)``
  /// find them).
  /// NB: the edge a side must read: the first after the anchor is its sentence's (or
  /// paragraph's) end, 0 away when the anchor starts it (a check holds then whatever its
  /// bound); the last before it is its start (see ``RuleProgram/Entry``).
  private static func distance(
    _ reach: RuleProgram.Reach, _ token: Int, _ context: RuleContext,
    _ quotes: (opening: Int, closing: Int)
  ) -> Int {
    switch reach {
    case .forwardQuote:
      return quotes.opening < context.openingTokens.count
        ? Int(context.openingTokens[quotes.opening]) - token : Int.max
    case .backwardQuote:
      return quotes.closing > 0
        ? token - 1 - Int(context.closingTokens[quotes.closing - 1]) : Int.max
    case .forwardSentenceEdge, .forwardParagraphEdge:
      let range = enclosing(token, paragraph: reach == .forwardParagraphEdge, context)
      return range.lowerBound == token ? 0 : range.upperBound - token
    case .backwardSentenceEdge, .backwardParagraphEdge:
      let range = enclosing(token, paragraph: reach == .backwardParagraphEdge, context)
      return token - range.lowerBound
    }
  }

  /// The tokens of the sentence or paragraph that holds a token.
  private static func enclosing(_ token: Int, paragraph: Bool, _ context: RuleContext)
    -> Range<Int>
  {
    let document = context.document
    return paragraph
      ? document.paragraphs[document.paragraph(of: token)].tokens
      : document.sentences[document.sentence(of: token)].tokens
  }

  /// Whether the token at `token` (whose lexicons are `mask`) passes an anchor group's test, as
  /// ``PatternMatcher/accepts(_:_:)`` answers.
  /// NB: a test that compares no spelling (most: lexicons and a shape) is read in place, not
  /// copied for a call (news, polnear-dev: 142,827 tests).
  @inline(__always)
  private static func accepts(
    _ group: UnsafePointer<RuleProgram.AnchorGroup>, _ token: Int, _ mask: UInt64, _ info: Token,
    _ matcher: PatternMatcher
  ) -> Bool {
    guard group.pointee.test.comparesSpellings else {
      return group.pointee.test.passesLexicons(mask) && group.pointee.test.passesForm(info)
    }
    return matcher.accepts(group.pointee.test, token)
  }

  /// Whether the token at `index` passes a gate's term read forwards or backwards.
  @inline(__always)
  private static func passes(
    _ gate: UnsafePointer<RuleProgram.Gate>, _ index: Int, forward: Bool,
    _ context: RuleContext, _ matcher: PatternMatcher
  ) -> Bool {
    switch gate.pointee.kind {
    case .none: return true
    case .token: return matcher.admits(gate.pointee.test, index)
    case .quote, .closedQuote:
      guard index >= 0 && index < context.tokenCount else { return false }
      guard forward else { return context.quoteClosing[index] >= 0 }
      let quote = Int(context.quoteOpening[index])
      return quote >= 0 && (gate.pointee.kind == .quote || context.quotes[quote].isClosed)
    case .sentenceEdge, .paragraphEdge:
      // As the matcher reads an edge (``PatternMatcher``): a boundary before the cursor read
      // forwards, after it read backwards; true at the text's edges.
      let boundary = forward ? index : index + 1
      return gate.pointee.kind == .sentenceEdge
        ? context.sentenceBoundary(before: boundary) : context.paragraphBoundary(before: boundary)
    }
  }

  /// The first rule at or after `rule` and before `end` that the token at `position` (of
  /// ``tokens``) may anchor, or nil.
  /// NB: through the raw buffer, with wrapping arithmetic: the engine asks this before every
  /// match it tries. The words read stay in the token's row (`end` is at most the rule count).
  func nextRule(at position: Int, from rule: Int, before end: Int) -> Int? {
    guard rule < end else { return nil }
    return rules.withUnsafeBufferPointer { rules in
      let row = position &* words
      var word = rule >> 6
      var bits = rules[row &+ word] & (~UInt64(0) << UInt64(rule & 63))
      while bits == 0 {
        word &+= 1
        guard word &* 64 < end else { return nil }
        bits = rules[row &+ word]
      }
      let found = word &* 64 &+ bits.trailingZeroBitCount
      return found < end ? found : nil
    }
  }
}
