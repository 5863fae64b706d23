/// Matches a rule at one anchor token: the elements after the anchor are read rightwards from
/// it, the elements before it leftwards, each side by backtracking with a memo of failed
/// states, so a match costs at most (elements × repetitions × window) steps, whatever the
/// text: no blow-up on long paragraphs or thousands of quotation marks.
///
/// Rules are read in their compiled form (``RuleProgram``): a step copies plain values and
/// allocates nothing; captures go to a buffer of the context, reused by every match.
struct PatternMatcher {
  let context: RuleContext
  let phrases: PhraseFinder
  let program: RuleProgram
  /// The sides that failed at the anchor of the last match.
  let failures: SideFailures

  /// How far (in tokens) a token element may be from the anchor.
  static let window = 80

  init(context: RuleContext) {
    self.context = context
    self.phrases = PhraseFinder(context: context)
    self.program = context.rules.program
    self.failures = SideFailures(sides: program.sideCount)
  }

  /// What one element captured: tokens `tokens`, or quotation `quote` (its content).
  struct Capture {
    var role: CaptureRole
    var tokens: Range<Int>
    var quote: Int?
  }

  /// Matches rule number `rule` (in ``RuleSet/rules``) anchored at `token`, a token its anchor
  /// accepts (see ``AnchorIndex``). Returns its captures in text order, or nil.
  /// NB: the captures live in the context's buffer, valid until the next match.
  func match(_ rule: Int, at token: Int) -> UnsafeBufferPointer<Capture>? {
    // NB: the rule's entry is read in place, as the steps are (see ``step(_:_:_:_:_:)``).
    let entry = program.entry(rule)
    // A side depends on its steps and the anchor only: one that failed at this anchor for an
    // earlier rule (the same adjuncts and punctuation after "said", the same speaker before
    // it) fails again, unread.
    failures.move(to: token)
    if failures.contains(entry.pointee.forwardSide) || failures.contains(entry.pointee.backwardSide)
    {
      return nil
    }
    // The tokens the rule must read near the anchor: looked for first, since most tries fail
    // for the lack of one.
    // NB: not past a quotation a side must read (tried and dropped): a token the steps after
    // it must read, looked for next to the far mark of each quotation within the side's
    // quotation reach (a word before "“…,” she said" opening its sentence), turned away 3,279
    // of the 80,113 tries on bench-sample, but those were cheap ones (sides read 69,341 ->
    // 67,397, their steps 55.3M -> 54.0M instructions) and the search cost more (10.7M): total
    // 1,126.1M -> 1,137.9M instructions, 8.56M -> 8.68M mispredicted branches.
    for index in entry.pointee.required {
      let required = program.requiredTokens[index]
      if !reads(
        program.steps[required.step].test, from: token + required.nearest,
        through: token + required.farthest)
      {
        failures.insert(required.forward ? entry.pointee.forwardSide : entry.pointee.backwardSide)
        return nil
      }
    }
    return matchSides(entry, at: token, noting: true)
  }

  /// The answer of ``match(_:at:)`` read without its shortcuts (the sides that failed at the
  /// anchor, the tokens the rule must read), which tests compare it with.
  func matchPlainly(_ rule: Int, at token: Int) -> UnsafeBufferPointer<Capture>? {
    matchSides(program.entry(rule), at: token, noting: false)
  }

  /// Matches both sides of a rule at `token`; notes a side that fails in ``failures`` when
  /// `noting`.
  @inline(__always)
  private func matchSides(_ entry: UnsafePointer<RuleProgram.Entry>, at token: Int, noting: Bool)
    -> UnsafeBufferPointer<Capture>?
  {
    var captured = 0
    // The two sides match apart, so either may go first: the cheaper one does (see
    // ``RuleProgram/Entry/backwardFirst``), and the other is read only when it matched.
    if entry.pointee.backwardFirst {
      guard matchBackward(entry, at: token, &captured) else {
        if noting { failures.insert(entry.pointee.backwardSide) }
        return nil
      }
      let backwardCount = captured
      guard matchForward(entry, at: token, &captured) else {
        if noting { failures.insert(entry.pointee.forwardSide) }
        return nil
      }
      // The backward captures came nearest first: reversed, everything is in text order.
      var captures = UnsafeMutableBufferPointer(start: context.captures, count: captured)
      captures[..<backwardCount].reverse()
      return UnsafeBufferPointer(captures)
    }
    guard matchForward(entry, at: token, &captured) else {
      if noting { failures.insert(entry.pointee.forwardSide) }
      return nil
    }
    let forwardCount = captured
    guard matchBackward(entry, at: token, &captured) else {
      if noting { failures.insert(entry.pointee.backwardSide) }
      return nil
    }
    // The backward captures came nearest first, after the forward ones: reversing the whole
    // and then the forward part puts everything in text order.
    var captures = UnsafeMutableBufferPointer(start: context.captures, count: captured)
    captures.reverse()
    captures[(captured - forwardCount)...].reverse()
    return UnsafeBufferPointer(captures)
  }

  /// Matches the steps from the anchor on, adding their captures from `captured` on.
  @inline(__always)
  private func matchForward(
    _ entry: UnsafePointer<RuleProgram.Entry>, at token: Int, _ captured: inout Int
  )
    -> Bool
  {
    let forward = Side(
      steps: UnsafeBufferPointer(rebasing: program.steps[entry.pointee.forward]), forward: true,
      anchor: token, id: nextSide(), branching: entry.pointee.forwardBranching)
    // An anchor read exactly once, as most are, is read here: its test passed already.
    let anchor = forward.step(0)
    if anchor.pointee.operation == .token && anchor.pointee.minCount == 1
      && anchor.pointee.maxCount == 1
    {
      let mark = captured
      if let role = anchor.pointee.capture {
        context.captures[captured] = Capture(role: role, tokens: token..<(token + 1), quote: nil)
        captured += 1
      }
      guard step(forward, 1, 0, token + 1, &captured) else {
        captured = mark
        return false
      }
      return true
    }
    return step(forward, 0, 0, token, &captured)
  }

  /// Matches the steps before the anchor, adding their captures (nearest first) from
  /// `captured` on.
  @inline(__always)
  private func matchBackward(
    _ entry: UnsafePointer<RuleProgram.Entry>, at token: Int, _ captured: inout Int
  )
    -> Bool
  {
    let backward = Side(
      steps: UnsafeBufferPointer(rebasing: program.steps[entry.pointee.backward]), forward: false,
      anchor: token, id: nextSide(), branching: entry.pointee.backwardBranching)
    return step(backward, 0, 0, token - 1, &captured)
  }

  /// Whether a token from `first` through `last` passes `test`, the test of a token a rule
  /// must read (``RuleProgram/RequiredToken``).
  private func reads(_ test: TokenCheck, from first: Int, through last: Int) -> Bool {
    let lower = max(0, first)
    let upper = min(context.tokenCount - 1, last)
    guard lower <= upper else { return false }
    return context.document.tokens.withUnsafeBufferPointer { tokens in
      context.document.utf8.withUnsafeBufferPointer { text in
        for index in lower...upper where mayAccept(test, index, tokens, text) {
          if accepts(test, index) { return true }
        }
        return false
      }
    }
  }

  /// Whether the token at `index` passes `test`, as ``accepts(_:_:)`` answers, asked only
  /// when the filters of ``mayAccept(_:_:_:_:)`` let it pass.
  /// NB: inlined, so that a test read in place (a step, a gate's term) is not copied for the
  /// tokens the filters turn away, most of those read next to an anchor.
  @inline(__always)
  func admits(_ test: TokenCheck, _ index: Int) -> Bool {
    guard index >= 0 && index < context.tokenCount else { return false }
    let may = context.document.tokens.withUnsafeBufferPointer { tokens in
      context.document.utf8.withUnsafeBufferPointer { mayAccept(test, index, tokens, $0) }
    }
    return may && accepts(test, index)
  }

  /// Whether the token at `index` (in the text) may pass `test`: false only where
  /// ``accepts(_:_:)`` answers no.
  /// NB: most tokens fail a test on their lexicon bits, on the filter bit of their packed
  /// spelling (a short ASCII word) or on their first byte, and a word that does not pack fails
  /// a test whose lower-cased spellings all pack: all without a call to
  /// ``accepts(_:_:)``, which would answer no for the same reasons. The lower-cased spelling is
  /// read first: most tests compare it, and it needs no look at the token.
  /// The context's lexicon bits and packed spellings are read one by one
  /// (``RuleContext/mask(_:)``, ``RuleContext/word(_:)``): in fiction they are looked up
  /// when first read.
  @inline(__always)
  private func mayAccept(
    _ test: TokenCheck, _ index: Int, _ tokens: UnsafeBufferPointer<Token>,
    _ text: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    // The token's first byte, 0 when it is empty.
    func firstByte() -> (byte: UInt8, isEmpty: Bool) {
      let start = Int(tokens[index].utf8Start)
      return start < Int(tokens[index].utf8End) ? (text[start], false) : (0, true)
    }
    if test.anyOf != 0 && context.mask(index) & test.anyOf == 0 { return false }
    if !test.lowers.isEmpty {
      let word = context.word(index)
      if word != 0 {
        if test.lowersFilter & TokenCheck.filterBit(word) == 0 { return false }
      } else if test.lowersUnpacked == test.lowers.upperBound && tokens[index].kind == .word {
        return false
      } else {
        let (byte, isEmpty) = firstByte()
        let lowered = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
        if isEmpty
          ? test.lowersStarts != ~0
          : test.lowersStarts & TokenCheck.firstByteBit(lowered) == 0
        {
          return false
        }
      }
    }
    if !test.texts.isEmpty {
      let (byte, isEmpty) = firstByte()
      if isEmpty
        ? test.textsStarts != ~0
        : test.textsStarts & TokenCheck.firstByteBit(byte) == 0
      {
        return false
      }
    }
    return true
  }

  func accepts(_ test: TokenCheck, _ index: Int) -> Bool {
    guard index >= 0 && index < context.tokenCount else { return false }
    guard test.passesLexicons(context.mask(index)) else { return false }
    let token = context.document.tokens[index]
    guard test.passesForm(token) else { return false }
    if !test.texts.isEmpty {
      // NB: the first byte rules out most tokens before their spelling is packed; an empty
      // token is spelled so only when some spelling is empty (then every bit is set).
      let start = Int(token.utf8Start)
      let isEmpty = start >= Int(token.utf8End)
      let first = isEmpty ? 0 : context.document.utf8[start]
      guard
        isEmpty ? test.textsStarts == ~0 : test.textsStarts & TokenCheck.firstByteBit(first) != 0,
        spelled(
          index, token, test.texts, test.textsUnpacked, test.textsFilter, test.textsSlots,
          ignoringCase: false)
      else { return false }
    }
    if !test.lowers.isEmpty
      && !spelled(
        index, token, test.lowers, test.lowersUnpacked, test.lowersFilter, test.lowersSlots,
        ignoringCase: true)
    {
      return false
    }
    return true
  }

  /// Whether a token is spelled as one of the program's spellings `range`, those from
  /// `unpacked` on the ones that do not pack into one integer; `filter` holds the filter bits
  /// of those that do (see ``TokenCheck/textsFilter``), and `slots` their hash table.
  private func spelled(
    _ index: Int, _ token: Token, _ range: Range<Int32>, _ unpacked: Int32, _ filter: UInt64,
    _ slots: Range<Int32>, ignoringCase: Bool
  ) -> Bool {
    // A short ASCII word compares as one packed integer. A spelling that packs to 0 (longer,
    // not ASCII, with upper case) spells no such word, so the answer is whole.
    if ignoringCase, case let word = context.word(index), word != 0 {
      return filter & TokenCheck.filterBit(word) != 0 && program.containsPacked(word, in: slots)
    }
    // An exact spelling of at most 8 bytes compares as one packed integer too; a spelling
    // that packs to 0 (longer) spells no such token.
    if !ignoringCase, case let word = context.rawSpelling(index), word != 0 {
      return filter & TokenCheck.filterBit(word) != 0 && program.containsPacked(word, in: slots)
    }
    // NB: a token that does not pack cannot have a spelling that does (shorter, or ASCII
    // without a zero byte, which the token's bytes are not): only the others are compared.
    // Only words are packed lower-cased (``RuleContext/words``): other tokens compare with all.
    let first = ignoringCase && token.kind != .word ? range.lowerBound : unpacked
    guard first < range.upperBound else { return false }
    let start = Int(token.utf8Start)
    let count = Int(token.utf8End) - start
    return context.document.utf8.withUnsafeBufferPointer { utf8 in
      for spelling in program.spellings[Int(first)..<Int(range.upperBound)]
      where spelling.count == count {
        var equal = true
        var offset = 0
        for position in Int(spelling.lowerBound)..<Int(spelling.upperBound) {
          var byte = utf8[start + offset]
          if ignoringCase && byte >= 0x41 && byte <= 0x5A { byte |= 0x20 }
          if byte != program.bytes[position] {
            equal = false
            break
          }
          offset += 1
        }
        if equal { return true }
      }
      return false
    }
  }

  /// A new side's number, which keys its memo entries.
  private func nextSide() -> Int {
    let counter = context.memo + RuleContext.memoSlots
    counter.pointee.side += 1
    return counter.pointee.side
  }

  /// One side of a match: its steps in reading order.
  private struct Side {
    let steps: UnsafeBufferPointer<PatternStep>
    let forward: Bool
    let anchor: Int
    /// This side's number, which keys its memo entries.
    let id: Int
    /// The first step that may end at several places (see
    /// ``RuleProgram/Entry/forwardBranching``).
    let branching: Int

    /// Step `index`, in place.
    @inline(__always)
    func step(_ index: Int) -> UnsafePointer<PatternStep> {
      steps.baseAddress.unsafelyUnwrapped + index
    }
  }

  /// The cursor after one more occurrence of `element` read at `cursor`, for the elements that
  /// have at most one (all but phrases), or nil.
  private func end(_ side: Side, _ element: UnsafePointer<PatternStep>, _ cursor: Int) -> Int? {
    switch element.pointee.operation {
    case .token:
      guard abs(cursor - side.anchor) <= PatternMatcher.window,
        admits(element.pointee.test, cursor)
      else { return nil }
      return side.forward ? cursor + 1 : cursor - 1
    case .quote, .closedQuote:
      guard cursor >= 0 && cursor < context.tokenCount else { return nil }
      if side.forward {
        let quote = Int(context.quoteOpening[cursor])
        guard quote >= 0, element.pointee.operation == .quote || context.quotes[quote].isClosed
        else {
          return nil
        }
        return context.quoteTokens[quote].close + 1
      }
      let quote = Int(context.quoteClosing[cursor])
      guard quote >= 0 else { return nil }
      return context.quoteTokens[quote].open - 1
    case .phrase:
      return nil
    case .sentenceEdge, .paragraphEdge:
      let boundary = side.forward ? cursor : cursor + 1
      let holds =
        element.pointee.operation == .sentenceEdge
        ? context.sentenceBoundary(before: boundary) : context.paragraphBoundary(before: boundary)
      return holds ? cursor : nil
    }
  }

  private func step(
    _ side: Side, _ index: Int, _ count: Int, _ cursor: Int, _ captured: inout Int
  ) -> Bool {
    if index == side.steps.count { return true }
    // NB: the memo of failed states is a lossy table: a collision forgets a failure (which
    // only costs time, bounded by the pattern), never invents one, since a slot is compared
    // whole (side and state).
    // NB: a state before the side's first step that may end at several places, or of that
    // step read at most once, is reached once only (each step before it goes on from one
    // place): it is neither looked up nor noted, and the memo's slots hold only states that
    // may come back (bench-sample: match 922K -> 871K mispredicted branches, 473K -> 429K
    // L1 misses, the same instructions).
    // NB: memoized only past a choice met on the way (tried and dropped): a flag passed down,
    // set where two ways go on from one state (a phrase with several ends, an element that
    // may be read or skipped); a state reached without one is reached once only. bench-sample
    // had 1 hit in 110,323 lookups: lookups 110,323 -> 30,158, step 21.0M -> 20.0M
    // instructions, match 280K -> 258K L1 misses, but 800K -> 859K mispredicted branches
    // (the flag's two tests); total 1,119.9M -> 1,118.2M instructions.
    let memoized = index > side.branching || count > 1
    var state = 0
    var slot = 0
    if memoized {
      state = (index << 40) | (count << 32) | (cursor + 1)
      slot = Int(
        truncatingIfNeeded: (UInt(bitPattern: state ^ side.id) &* 0x9E37_79B9_7F4A_7C15) >> 55)
      if context.memo[slot] == (side.id, state) { return false }
    }
    // NB: the step is read in place, field by field: a copy of it (its token test holds a
    // dozen fields) was a tenth of this function's instructions.
    let element = side.step(index)
    if count < element.pointee.maxCount {
      // Only phrases may end at several places; the other elements skip the list.
      if element.pointee.operation == .phrase {
        let ends = phrases.ends(element.pointee.phrase, from: cursor, forward: side.forward)
        for position in 0..<ends.count
        where advance(side, element, index, count, cursor, ends[position], &captured) {
          return true
        }
      } else if let after = end(side, element, cursor),
        advance(side, element, index, count, cursor, after, &captured)
      {
        return true
      }
    }
    if count >= element.pointee.minCount && step(side, index + 1, 0, cursor, &captured) {
      return true
    }
    if memoized { context.memo[slot] = (side.id, state) }
    return false
  }

  /// Goes on after one more occurrence of `element`, read from `cursor` to `after`, capturing
  /// it; drops the capture when the rest does not match.
  @inline(__always)
  private func advance(
    _ side: Side, _ element: UnsafePointer<PatternStep>, _ index: Int, _ count: Int, _ cursor: Int,
    _ after: Int, _ captured: inout Int
  ) -> Bool {
    let mark = captured
    // Phrases and edges may be empty; repetition stays bounded by the count.
    if let role = element.pointee.capture, after != cursor {
      let tokens = side.forward ? cursor..<after : (after + 1)..<(cursor + 1)
      var quote: Int?
      if element.pointee.readsQuote {
        quote = Int(side.forward ? context.quoteOpening[cursor] : context.quoteClosing[cursor])
      }
      // NB: within the buffer: a match captures at most once per repetition of each step.
      context.captures[captured] = Capture(role: role, tokens: tokens, quote: quote)
      captured += 1
    }
    // NB: an element read as often as it may be goes on with the next step at once: its state
    // after that occurrence would only skip the read and go on there. A failure is then noted
    // in the memo for the next step's state alone, which only costs time; most elements are
    // read once (a quotation, a phrase, a cue), and this was a third of the calls.
    let next = count + 1
    if next == element.pointee.maxCount && next >= element.pointee.minCount
      ? step(side, index + 1, 0, after, &captured)
      : step(side, index, next, after, &captured)
    {
      return true
    }
    captured = mark
    return false
  }

  /// The cursors an element may end at, longest first, kept inline (no allocation).
  /// NB: at most ``capacity``: the longest list, adjuncts read forwards, has 13.
  struct Ends {
    static let capacity = 16
    private var cursors = InlineArray<16, Int32>(repeating: 0)
    private(set) var count = 0

    init() {}

    subscript(position: Int) -> Int { Int(cursors[position]) }

    /// Adds a cursor (ignored when full, which the phrase finders' bounds rule out).
    mutating func append(_ cursor: Int) {
      guard count < Self.capacity else { return }
      cursors[count] = Int32(truncatingIfNeeded: cursor)
      count += 1
    }

    /// Reverses the cursors from position `start` on.
    mutating func reverse(from start: Int = 0) {
      var low = start
      var high = count - 1
      while low < high {
        cursors.swapAt(low, high)
        low += 1
        high -= 1
      }
    }
  }
}
