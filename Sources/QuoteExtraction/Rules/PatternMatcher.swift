/// Matches a rule at one anchor token: the elements after the anchor are read rightwards from
/// it, the elements before it leftwards, each side by backtracking with a memo of failed
/// states, so a match costs at most (elements × repetitions × window) steps, whatever the
/// text: no blow-up on long paragraphs or thousands of quotation marks.
struct PatternMatcher {
  let context: RuleContext
  let phrases: PhraseFinder

  /// How far (in tokens) a token element may be from the anchor.
  static let window = 80

  init(context: RuleContext) {
    self.context = context
    self.phrases = PhraseFinder(context: context)
  }

  /// What one element captured: tokens `tokens`, or quotation `quote` (its content).
  struct Capture {
    var role: CaptureRole
    var tokens: Range<Int>
    var quote: Int?
  }

  /// Whether the anchor element accepts a token (a quick test before matching).
  func anchorAccepts(_ rule: Rule, _ token: Int) -> Bool {
    accepts(rule.anchorTest, token)
  }

  /// The captures of `rule` anchored at `token`, in text order, or nil when it does not match.
  func match(_ rule: Rule, at token: Int) -> [Capture]? {
    var forward = Side(matcher: self, elements: rule.forwardElements, forward: true, anchor: token)
    guard forward.step(0, 0, token) else { return nil }
    var backward = Side(
      matcher: self, elements: rule.backwardElements, forward: false, anchor: token)
    guard backward.step(0, 0, token - 1) else { return nil }
    return (backward.captures.reversed() + forward.captures)
  }

  func accepts(_ test: TokenTest, _ index: Int) -> Bool {
    guard index >= 0 && index < context.tokenCount else { return false }
    let token = context.document.tokens[index]
    if let kind = test.kind, token.kind != kind { return false }
    if test.anyOf != 0 && context.masks[index] & test.anyOf == 0 { return false }
    if test.noneOf != 0 && context.masks[index] & test.noneOf != 0 { return false }
    if let shape = test.shape {
      switch shape {
      case .capitalized: if !token.shape.contains(.capitalized) { return false }
      case .lowercase: if !token.shape.contains(.lowercase) { return false }
      case .allCaps: if !token.shape.contains(.allCaps) { return false }
      }
    }
    if !test.texts.isEmpty {
      let range = token.utf8Range
      guard
        test.texts.contains(where: {
          $0.count == range.count && context.document.utf8[range].elementsEqual($0)
        })
      else { return false }
    }
    if !test.lowers.isEmpty && !test.lowers.contains(where: { context.equalsLowercased(index, $0) })
    {
      return false
    }
    return true
  }

  /// One side of a match: the elements in reading order and the captures found so far.
  private struct Side {
    let matcher: PatternMatcher
    let elements: [PatternElement]
    let forward: Bool
    let anchor: Int
    var captures: [Capture] = []

    /// This side's number, which keys its memo entries.
    let side: Int

    init(matcher: PatternMatcher, elements: [PatternElement], forward: Bool, anchor: Int) {
      let counter = matcher.context.memo + RuleContext.memoSlots
      counter.pointee.side += 1
      self.side = counter.pointee.side
      self.matcher = matcher
      self.elements = elements
      self.forward = forward
      self.anchor = anchor
    }

    /// The cursors after one more occurrence of `element` read at `cursor`.
    /// NB: most elements have at most one; `Ends` keeps those without allocating.
    func next(_ element: PatternElement, _ cursor: Int) -> Ends {
      let context = matcher.context
      switch element.test {
      case .token(let test):
        guard abs(cursor - anchor) <= PatternMatcher.window, matcher.accepts(test, cursor) else {
          return Ends()
        }
        return Ends(forward ? cursor + 1 : cursor - 1)
      case .quote(let closedOnly):
        guard cursor >= 0 && cursor < context.tokenCount else { return Ends() }
        if forward {
          let quote = Int(context.quoteOpening[cursor])
          guard quote >= 0, !closedOnly || context.quotes[quote].isClosed else { return Ends() }
          return Ends(context.quoteTokens[quote].close + 1)
        }
        let quote = Int(context.quoteClosing[cursor])
        guard quote >= 0 else { return Ends() }
        return Ends(context.quoteTokens[quote].open - 1)
      case .phrase(let phrase):
        return Ends(many: matcher.phrases.ends(phrase, from: cursor, forward: forward))
      case .edge(let edge):
        let boundary = forward ? cursor : cursor + 1
        let holds =
          edge == .sentence
          ? context.sentenceBoundary(before: boundary) : context.paragraphBoundary(before: boundary)
        return holds ? Ends(cursor) : Ends()
      }
    }

    mutating func step(_ index: Int, _ count: Int, _ cursor: Int) -> Bool {
      if index == elements.count { return true }
      // NB: the memo of failed states is a lossy table: a collision forgets a failure (which
      // only costs time, bounded by the pattern), never invents one, since a slot is compared
      // whole (side and state).
      let state = (index << 40) | (count << 32) | (cursor + 1)
      let slot = Int(
        truncatingIfNeeded: (UInt(bitPattern: state ^ side) &* 0x9E37_79B9_7F4A_7C15) >> 55)
      if matcher.context.memo[slot] == (side, state) { return false }
      let element = elements[index]
      if count < element.maxCount {
        let ends = next(element, cursor)
        for position in 0..<ends.count {
          let after = ends[position]
          // Phrases and edges may be empty; repetition stays bounded by the count.
          let zeroWidth = after == cursor
          let mark = captures.count
          if let role = element.capture, !zeroWidth {
            let tokens = forward ? cursor..<after : (after + 1)..<(cursor + 1)
            var quote: Int?
            if case .quote = element.test {
              quote = Int(
                forward
                  ? matcher.context.quoteOpening[cursor] : matcher.context.quoteClosing[cursor])
            }
            captures.append(Capture(role: role, tokens: tokens, quote: quote))
          }
          if step(index, count + 1, after) { return true }
          captures.removeSubrange(mark...)
        }
      }
      if count >= element.minCount && step(index + 1, 0, cursor) { return true }
      matcher.context.memo[slot] = (side, state)
      return false
    }
  }

  /// Up to one cursor inline, or a list (from phrases).
  struct Ends {
    private var single = 0
    private var list: [Int]? = nil
    private(set) var count = 0

    init() {}

    init(_ cursor: Int) {
      single = cursor
      count = 1
    }

    init(many cursors: [Int]) {
      list = cursors
      count = cursors.count
    }

    subscript(position: Int) -> Int { list?[position] ?? single }
  }
}
