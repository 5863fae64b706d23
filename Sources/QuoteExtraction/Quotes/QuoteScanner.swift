/// Finds quoted spans in a document the way a careful reader does: pairs quotation marks from
/// the pairing table (`Resources/quote-marks.txt`), tells apostrophes from quotation marks by
/// the characters around them, follows quotations over paragraphs that reopen them, and reports
/// dash dialogue.
///
/// Works from the `.quoteMark` tokens the tokenizer marked, one paragraph at a time, with a
/// stack of open quotations. A mark that cannot be paired is reported as a diagnostic and left
/// alone; an unclosed quotation ends at its paragraph unless the next paragraph reopens it.
/// - Complexity: O(n log n) in the number of quotation marks, O(n) in the text's tokens.
struct QuoteScanner {
  /// What the scanner found.
  struct Scan {
    var quotes: [QuotedSpan] = []
    var diagnostics: [Diagnostic] = []
  }

  /// How a scan is configured.
  struct Options: Sendable {
    /// Quotations longer than this many code points (marks excluded) are not reported.
    var maximumLength: Int? = nil
    /// Whether single marks (' ‘ ’ ‚) open quotations; a backtick (`…') always does.
    var singleQuotes = true
  }

  let document: Document
  var options = Options()
  /// NB: the shared table, whose elisions the document's marks were described with
  /// (``QuoteMarkToken/describeSurroundings(of:in:)``).
  let table: QuoteMarks = .shared

  init(document: Document, options: Options = Options()) {
    self.document = document
    self.options = options
  }

  func scan() -> Scan {
    // NB: the scan reads tokens and bytes through buffer pointers, which live only inside these
    // closures: an array read costs a bounds check, and passing an array on a retain/release.
    document.utf8.withUnsafeBufferPointer { utf8 in
      document.tokens.withUnsafeBufferPointer { tokens in
        document.quoteMarkTokens.withUnsafeBufferPointer { markTokens in
          document.paragraphs.withUnsafeBufferPointer { paragraphs in
            var state = ScanState(
              scanner: self, tokens: tokens, utf8: utf8, markTokens: markTokens,
              paragraphs: paragraphs)
            return scan(with: &state)
          }
        }
      }
    }
  }

  private func scan(with state: inout ScanState) -> Scan {
    for paragraph in state.paragraphs.indices {
      // NB: most paragraphs hold no quotation mark, and with no quotation open there is nothing
      // to do in them (the next paragraph's scan starts afresh): not even a call.
      guard !state.stack.isEmpty || state.hasMark(before: state.paragraphs[paragraph].tokens)
      else { continue }
      state.scan(paragraph: paragraph)
    }
    state.finishDocument()
    // NB: news lists items after dashes too; a document reads as dash dialogue only when several
    // paragraphs open with a dash and they outnumber its quotations in marks.
    var dashed: [FoundSpan] = []
    var dashParagraphs = Set<Int>()
    for paragraph in state.paragraphs.indices {
      // NB: dash dialogue opens with a punctuation token. Most paragraphs open with a word, and
      // this tight loop overlaps the cache misses of their first tokens, which a call per
      // paragraph (retaining the document's arrays) would take one at a time.
      let first = state.paragraphs[paragraph].tokens
      guard !first.isEmpty, state.tokens[first.lowerBound].kind == .punctuation else { continue }
      DashDialogue.scan(paragraph: paragraph, in: document) {
        dashed.append($0)
        dashParagraphs.insert(paragraph)
      }
    }
    // NB: counting the marked spans is a pass over all of them: only when it can matter.
    if dashParagraphs.count >= 2
      && dashParagraphs.count
        > state.found.count(where: { $0.span.isClosed && $0.span.part == nil })
    {
      state.found.append(contentsOf: Self.dashSpans(dashed, nestingWith: state.found))
    }
    return state.result()
  }

  /// The dash-dialogue spans that cross no quotation closed by its marks.
  ///
  /// NB: dash dialogue and quotation marks are found apart, and garbled text (— ¿'Vienes?
  /// —dijo él—.' …) can make a dash span open inside a marked quotation and end after it, or
  /// the other way round. Spans must nest, so the marks win: a dash's end is only inferred.
  /// - Complexity: O(m log m + d) for m marked spans and d dash spans (in text order and
  ///   disjoint, as ``DashDialogue`` reports them).
  static func dashSpans(_ dashed: [FoundSpan], nestingWith marked: [FoundSpan]) -> [FoundSpan] {
    let closed = marked.compactMap { found in
      found.span.isClosed && found.span.closeMark != nil
        ? found.span.openMark.lowerBound..<found.outerEnd : nil
    }
    guard !closed.isEmpty else { return dashed }
    let byStart = closed.stablySorted { $0.lowerBound < $1.lowerBound }
    let byEnd = closed.stablySorted { $0.upperBound < $1.upperBound }
    var startsAfter = 0
    var endsAfter = 0
    return dashed.filter { found in
      let start = found.span.openMark.lowerBound
      let end = found.outerEnd
      // A quotation that opens inside the span and closes after it.
      while startsAfter < byStart.count && byStart[startsAfter].lowerBound <= start {
        startsAfter += 1
      }
      var index = startsAfter
      while index < byStart.count && byStart[index].lowerBound < end {
        if byStart[index].upperBound > end { return false }
        index += 1
      }
      // A quotation that opens before the span and closes inside it.
      while endsAfter < byEnd.count && byEnd[endsAfter].upperBound <= start { endsAfter += 1 }
      index = endsAfter
      while index < byEnd.count && byEnd[index].upperBound < end {
        if byEnd[index].lowerBound < start { return false }
        index += 1
      }
      return true
    }
  }
}

/// Where a mark stands between its neighbours: what it may do.
enum QuoteMarkRole: UInt8 {
  /// Only open (a space or nothing before it, a character after it).
  case open
  /// Only close (a character before it, a space or nothing after it).
  case close
  /// Either: touching characters on both sides ("a"b, ("…").
  case either
  /// Neither: spaces on both sides, a lone mark.
  case none
}

/// A quotation mark of a paragraph, with what its surroundings let it do.
struct ScannedMark {
  var utf8Range: Range<Int>
  var glyph: QuoteMarks.Glyph
  var role: QuoteMarkRole
  /// The token that holds the mark.
  var token: Int
  /// The token's place in ``Document/quoteMarkTokens``.
  var markIndex: Int
  /// A closing single mark after a letter (Jones’ cow, goin’ home): closes only when no later
  /// closing single mark in the paragraph could close instead.
  var weak = false
  /// Whether the next single mark of the paragraph can only close (set for weak marks).
  var nextSingleCloses = false
}

/// A quoted span found, with the tokens of its marks (for telling terms from speech).
struct FoundSpan {
  var span: QuotedSpan
  var openToken: Int
  var closeToken: Int?
  /// Whether the content is known to need no trimming (visible ASCII at both ends).
  var contentTrimmed = false

  /// The end of the span, marks included.
  var outerEnd: Int { span.closeMark?.upperBound ?? span.content.upperBound }
}

/// The mutable state of one scan.
private struct ScanState {
  struct Open {
    var glyph: QuoteMarks.Glyph
    var mark: Range<Int>
    var token: Int
    /// The token's place in ``markTokens``.
    var markIndex: Int
    var paragraph: Int
  }

  /// Where a later paragraph reopens a quotation that runs over paragraphs.
  typealias Part = (mark: Range<Int>, token: Int, paragraph: Int)

  static let searchDepth = 8
  /// The most quotations open at once; deeper opening marks are reported and ignored.
  static let maximumDepth = 16
  static let diagnosticLimit = 200

  // NB: the options, not the scanner: each copy of a document retains and releases its arrays.
  let options: QuoteScanner.Options
  let table: QuoteMarks
  let document: Document
  /// The document's tokens and bytes, valid for the duration of ``QuoteScanner/scan()``.
  let tokens: UnsafeBufferPointer<Token>
  let utf8: UnsafeBufferPointer<UInt8>
  /// The `.quoteMark` tokens (``Document/quoteMarkTokens``), valid as long as ``tokens``.
  let markTokens: UnsafeBufferPointer<QuoteMarkToken>
  /// The document's paragraphs, valid as long as ``tokens`` (an array read in the loops
  /// retained and released the array).
  let paragraphs: UnsafeBufferPointer<TextRange>
  /// The first mark of ``markTokens`` that no paragraph has collected yet.
  var nextMark = 0
  var stack: [Open] = []
  /// The reopening marks of the later paragraphs of the outermost open quotation (`stack[0]`),
  /// the only one that may run over paragraphs.
  ///
  /// NB: kept here rather than in ``Open``: an array there made every copy of an open
  /// quotation (each look at the stack) retain and release it.
  var outerParts: [Part] = []
  var marks: [ScannedMark] = []
  var found: [FoundSpan] = []
  var diagnostics: [Diagnostic] = []
  var suppressedDiagnostics = 0
  /// The backtick's glyph (LaTeX quotation marks).
  let backtick: QuoteMarks.Glyph?
  /// A mark known to be an apostrophe ahead of time (the second ’ of rock ’n’ roll).
  var apostropheAt = -1

  init(
    scanner: QuoteScanner, tokens: UnsafeBufferPointer<Token>, utf8: UnsafeBufferPointer<UInt8>,
    markTokens: UnsafeBufferPointer<QuoteMarkToken>, paragraphs: UnsafeBufferPointer<TextRange>
  ) {
    self.options = scanner.options
    self.table = scanner.table
    self.document = scanner.document
    self.tokens = tokens
    self.utf8 = utf8
    self.markTokens = markTokens
    self.paragraphs = paragraphs
    // NB: a span is large; growing the array by doubling copied each of them twice over.
    // Two marks make a span, so this is enough for most documents.
    found.reserveCapacity(markTokens.count / 2 + 4)
    // NB: grown from empty by doubling, these arrays allocated three times or more per document
    // (they keep their capacity from paragraph to paragraph); most paragraphs hold a few marks
    // and few quotations open at once.
    if !markTokens.isEmpty {
      marks.reserveCapacity(16)
      stack.reserveCapacity(8)
    }
    self.backtick = table.glyphOfScalar[UInt32(UInt8(ascii: "`"))]
  }

  mutating func diagnose(_ code: String, _ message: String, at offset: Int) {
    guard diagnostics.count < Self.diagnosticLimit else {
      suppressedDiagnostics += 1
      return
    }
    // NB: most documents report none, and those that do a few: one allocation, not one per
    // doubling.
    if diagnostics.isEmpty { diagnostics.reserveCapacity(8) }
    diagnostics.append(Diagnostic(code: code, message: message, utf8Offset: offset))
  }

  // MARK: Paragraphs

  mutating func scan(paragraph index: Int) {
    let paragraph = paragraphs[index]
    collectMarks(in: paragraph)
    var next = 0
    if !stack.isEmpty {
      // A quotation left open by the previous paragraph continues when this one opens with a
      // mark of the same family; otherwise it ends where its paragraph ended.
      if let first = marks.first, first.utf8Range.lowerBound == paragraph.utf8Start,
        first.role == .open || first.role == .either,
        table.family[Int(first.glyph)] == table.family[Int(stack[0].glyph)]
      {
        var mark = first.utf8Range
        next = 1
        if table.doubleBacktick == stack[0].glyph || table.doubleApostrophe == stack[0].glyph,
          marks.count > 1, marks[1].utf8Range.lowerBound == first.utf8Range.upperBound,
          marks[1].glyph == first.glyph
        {
          mark = first.utf8Range.lowerBound..<marks[1].utf8Range.upperBound
          next = 2
        }
        outerParts.append((mark, first.token, index))
      } else {
        abandon(from: 0, endingAt: paragraphs[index - 1].utf8End)
      }
    }
    pair(from: next, paragraph: index)
    if !stack.isEmpty {
      // Only the outermost quotation may run on into the next paragraph.
      abandon(from: 1, endingAt: paragraph.utf8End)
    }
  }

  mutating func finishDocument() {
    if let last = paragraphs.last, !stack.isEmpty {
      abandon(from: 0, endingAt: last.utf8End)
    }
  }

  // MARK: Marks of a paragraph

  /// Whether a mark not yet collected lies before the end of `tokens` (a paragraph's tokens).
  @inline(__always)
  func hasMark(before tokens: Range<Int>) -> Bool {
    nextMark < markTokens.count && Int(markTokens[nextMark].token) < tokens.upperBound
  }

  /// Collects the paragraph's quotation marks with their roles into `marks`.
  mutating func collectMarks(in paragraph: TextRange) {
    // NB: not `removeAll(keepingCapacity:)`, a general range replacement (and a memmove call)
    // for the few marks of a paragraph.
    while !marks.isEmpty { marks.removeLast() }
    let end = paragraph.tokens.upperBound
    // NB: the marks' token list, not the tokens: most tokens are not marks.
    while nextMark < markTokens.count
      && Int(markTokens[nextMark].token) < paragraph.tokens.lowerBound
    {
      nextMark += 1
    }
    while nextMark < markTokens.count && Int(markTokens[nextMark].token) < end {
      let first = nextMark
      var last = Int(markTokens[first].token)
      nextMark += 1
      // Touching marks make one run (the list holds every mark, so the next token is one when
      // it is the next of the list).
      while nextMark < markTokens.count, Int(markTokens[nextMark].token) == last + 1,
        last + 1 < end, markTokens[nextMark].attachedBefore
      {
        last += 1
        nextMark += 1
      }
      collectRun(marks: first..<nextMark)
    }
    // Backwards: for each weak closing mark, whether a later single mark can only close.
    var nextSingleCloses = false
    for index in marks.indices.reversed() where table.isSingle(marks[index].glyph) {
      marks[index].nextSingleCloses = nextSingleCloses
      nextSingleCloses = marks[index].role == .close
    }
  }

  /// Adds the marks of a run of touching quotation-mark tokens, `run` of ``markTokens``.
  ///
  /// NB: from the marks' list alone (the bytes are read only for a token of more than one
  /// character): see ``QuoteMarkToken``.
  private mutating func collectRun(marks run: Range<Int>) {
    let firstToken = markTokens[run.lowerBound]
    let lastToken = markTokens[run.upperBound - 1]
    let left = firstToken.left
    let right = lastToken.right
    let intraword = left == .alphanumeric && right == .alphanumeric
    let role: QuoteMarkRole
    switch (left, right) {
    case (.space, .space): role = .none
    case (.space, _): role = .open
    case (_, .space): role = .close
    case (.alphanumeric, .punctuation): role = .close
    default: role = .either
    }
    let first = marks.count
    var lastScalar: UInt32 = 0
    for index in run {
      let markToken = markTokens[index]
      let tokenStart = Int(markToken.utf8Start)
      let tokenEnd = Int(markToken.utf8End)
      let known = markToken.scalar
      var offset = tokenStart
      while offset < tokenEnd {
        let (scalar, length) =
          offset == tokenStart && known != nil
          ? (known.unsafelyUnwrapped, tokenEnd - tokenStart)
          : decodeScalar(utf8, at: offset, limit: tokenEnd)
        defer { offset += length }
        guard let glyph = table.glyph(ofScalar: scalar) else { continue }
        if offset == apostropheAt { continue }
        // Inside a word, a single mark is an apostrophe (don't, John`s, shouldn‘t).
        if intraword && table.isSingle(glyph) { continue }
        // French typography sets guillemets off with spaces: « Bonjour ».
        let spaced = role == .none && table.spacedFamily[Int(table.family[Int(glyph)])]
        marks.append(
          ScannedMark(
            utf8Range: offset..<(offset + length), glyph: glyph, role: spaced ? .either : role,
            token: Int(markToken.token), markIndex: index))
        lastScalar = scalar
      }
    }
    guard marks.count > first else { return }
    // An apostrophe (' or ’) that the word after it shows to be an elision.
    if (role == .open || role == .either) && (lastScalar == 0x27 || lastScalar == 0x2019),
      case let found = lastToken.elision ?? unrecordedElision(after: Int(lastToken.token)),
      found != .none
    {
      if found == .wordBeforeApostrophe {
        // The mark after the word (the list's next: the word is no mark).
        apostropheAt = Int(markTokens[run.upperBound].utf8Start)
      }
      marks.removeLast()
    } else if role == .close && left == .alphanumeric && right == .space
      && marks.count == first + 1
      && table.isSingle(marks[first].glyph)
    {
      marks[first].weak = true
    }
  }

  /// ``QuoteScanner/elision(after:paragraphEnd:tokens:utf8:elisions:)`` of a mark whose
  /// ``QuoteMarkToken/elision`` was not recorded.
  private func unrecordedElision(after token: Int) -> QuoteMarkToken.Elision {
    QuoteScanner.elision(
      after: token,
      paragraphEnd: paragraphs[Int(document.paragraphOfToken[token])].tokens.upperBound,
      tokens: tokens, utf8: utf8, elisions: table.elisions)
  }

  // MARK: Pairing

  mutating func pair(from start: Int, paragraph: Int) {
    var index = start
    while index < marks.count {
      let mark = marks[index]
      let adjacent =
        index + 1 < marks.count
        && marks[index + 1].utf8Range.lowerBound == mark.utf8Range.upperBound
        && marks[index + 1].glyph == mark.glyph
      index += step(mark, adjacentTwin: adjacent ? marks[index + 1] : nil, paragraph: paragraph)
    }
  }

  /// Handles one mark (or a two-character mark); returns how many marks it used.
  private mutating func step(_ mark: ScannedMark, adjacentTwin twin: ScannedMark?, paragraph: Int)
    -> Int
  {
    let single = table.isSingle(mark.glyph)
    // A double mark with spaces on both sides closes an open quotation (an interrupted
    // speech: “I only meant ” she began); otherwise it is a stray mark.
    if mark.role == .close || mark.role == .either || (mark.role == .none && !single) {
      if mark.weak && mark.nextSingleCloses && mark.role == .close {
        return 1
      }
      if let twin, let double = Self.doubleGlyph(of: mark.glyph, in: table),
        close(
          glyph: double, mark: mark.utf8Range.lowerBound..<twin.utf8Range.upperBound,
          token: mark.token, markIndex: mark.markIndex, lenient: false)
      {
        return 2
      }
      if close(
        glyph: mark.glyph, mark: mark.utf8Range, token: mark.token, markIndex: mark.markIndex,
        lenient: mark.role == .close)
      {
        return 1
      }
    }
    switch mark.role {
    case .open, .either:
      if mark.role == .either && !table.canOpen[Int(mark.glyph)] {
        if !single { diagnose("stray-quote", "closing quotation mark with nothing to close", mark) }
        return 1
      }
      // NB: every open quotation's text runs to its close or to the paragraph's end, so the
      // output grows as depth × length: 10,000 unclosed marks would write gigabytes.
      if stack.count >= Self.maximumDepth {
        diagnose("quote-too-deep", "quotation nested over \(Self.maximumDepth) levels deep", mark)
        return 1
      }
      if let twin, let double = Self.doubleGlyph(of: mark.glyph, in: table),
        mark.glyph == backtick || mark.role == .open
      {
        stack.append(
          Open(
            glyph: double, mark: mark.utf8Range.lowerBound..<twin.utf8Range.upperBound,
            token: twin.token, markIndex: twin.markIndex, paragraph: paragraph))
        return 2
      }
      if single && !options.singleQuotes && mark.glyph != backtick {
        return 1
      }
      if !table.canOpen[Int(mark.glyph)] {
        diagnose("misplaced-quote", "a closing quotation mark used to open a quotation", mark)
      }
      stack.append(
        Open(
          glyph: mark.glyph, mark: mark.utf8Range, token: mark.token, markIndex: mark.markIndex,
          paragraph: paragraph))
    case .close:
      // A single mark that closes nothing is an apostrophe (Jones' cow).
      if !single { diagnose("stray-quote", "closing quotation mark with nothing to close", mark) }
    case .none:
      if !single { diagnose("stray-quote", "quotation mark with spaces on both sides", mark) }
    }
    return 1
  }

  private mutating func diagnose(_ code: String, _ message: String, _ mark: ScannedMark) {
    diagnose(code, message, at: mark.utf8Range.lowerBound)
  }

  private static func doubleGlyph(of glyph: QuoteMarks.Glyph, in table: QuoteMarks)
    -> QuoteMarks.Glyph?
  {
    switch table.glyphs[Int(glyph)] {
    case "'": table.doubleApostrophe
    case "`": table.doubleBacktick
    default: nil
    }
  }

  /// Closes the nearest open quotation that `glyph` pairs with (within a few levels, so that
  /// thousands of unclosed marks stay linear); quotations opened inside it stay unclosed.
  private mutating func close(
    glyph: QuoteMarks.Glyph, mark: Range<Int>, token: Int, markIndex: Int, lenient: Bool
  ) -> Bool {
    let lowest = max(0, stack.count - Self.searchDepth)
    var target: Int? = nil
    for level in stride(from: stack.count - 1, through: lowest, by: -1)
    where table.pairs(stack[level].glyph, glyph) {
      target = level
      break
    }
    var mismatched = false
    if target == nil && lenient {
      let family = table.family[Int(glyph)]
      for level in stride(from: stack.count - 1, through: lowest, by: -1)
      where table.family[Int(stack[level].glyph)] == family {
        target = level
        mismatched = true
        break
      }
    }
    guard let target else { return false }
    if mismatched {
      diagnose(
        "mismatched-quote", "quotation closed with a mark that does not pair with its opening mark",
        at: mark.lowerBound)
    }
    abandon(from: target + 1, endingAt: mark.lowerBound)
    let open = stack.removeLast()
    record(
      open, closedBy: (mark, token, markIndex), parts: target == 0 ? takeOuterParts() : [])
    return true
  }

  /// Records the open quotations from `level` up as unclosed, ending at `end`.
  private mutating func abandon(from level: Int, endingAt end: Int) {
    guard level < stack.count else { return }
    for index in stride(from: stack.count - 1, through: level, by: -1) {
      let open = stack[index]
      diagnose("unclosed-quote", "quotation mark not closed", at: open.mark.lowerBound)
      record(open, closedBy: nil, end: end, parts: index == 0 ? takeOuterParts() : [])
    }
    stack.removeSubrange(level...)
  }

  /// The reopening marks of the outermost quotation, which the stack is about to drop.
  private mutating func takeOuterParts() -> [Part] {
    guard !outerParts.isEmpty else { return [] }
    defer { outerParts = [] }
    return outerParts
  }

  /// Records a quotation, closed by a mark (its range, token and place in ``markTokens``) or
  /// ending at `end`, with the reopening marks of its later paragraphs (`parts`); judges its
  /// kind when it is closed.
  private mutating func record(
    _ open: Open, closedBy close: (mark: Range<Int>, token: Int, markIndex: Int)?,
    end: Int? = nil, parts: [Part]
  ) {
    let closeMark = close?.mark
    let closeToken = close?.token
    let contentEnd = closeMark?.lowerBound ?? end ?? open.mark.upperBound
    let lastParagraph = parts.last?.paragraph ?? open.paragraph
    let closed = closeMark != nil
    var span = FoundSpan(
      span: QuotedSpan(
        content: open.mark.upperBound..<max(open.mark.upperBound, contentEnd),
        openMark: open.mark, closeMark: closeMark, paragraphs: open.paragraph...lastParagraph),
      openToken: open.token, closeToken: closeToken)
    if let close {
      span.span.kind = kind(of: open, closedBy: close.token, markIndex: close.markIndex)
      // Visible ASCII at both ends of the content: nothing to trim.
      let opening = markTokens[open.markIndex]
      let closing = markTokens[close.markIndex]
      span.contentTrimmed =
        open.mark.upperBound < close.mark.lowerBound && opening.visibleAfter
        && open.mark.upperBound == Int(opening.utf8End) && closing.visibleBefore
        && close.mark.lowerBound == Int(closing.utf8Start)
    }
    found.append(span)
    guard !parts.isEmpty else { return }
    // NB: the opening mark and then the parts' marks, without an array of them all (an
    // allocation per quotation over paragraphs).
    for position in 0...parts.count {
      let start =
        position == 0
        ? (mark: open.mark, token: open.token, paragraph: open.paragraph)
        : parts[position - 1]
      let isLast = position == parts.count
      let partEnd = isLast ? contentEnd : paragraphs[start.paragraph].utf8End
      found.append(
        FoundSpan(
          span: QuotedSpan(
            content: start.mark.upperBound..<max(start.mark.upperBound, partEnd),
            openMark: start.mark, closeMark: isLast ? closeMark : nil,
            paragraphs: start.paragraph...start.paragraph, part: position, isClosed: closed),
          openToken: start.token, closeToken: isLast ? closeToken : nil))
    }
  }

  /// The kind of a quotation opened by `open` and closed by the mark token `closeToken`,
  /// `markIndex` of ``markTokens``.
  ///
  /// NB: a quotation with no mark inside (nearly all), or whose words make it speech before
  /// its closing mark, is judged from what the document build read around its marks
  /// (``QuoteMarkToken``), without a look at its tokens; the classifier reads the others.
  private func kind(of open: Open, closedBy closeToken: Int, markIndex: Int) -> QuotedSpan.Kind {
    if let opening = markTokens[open.markIndex].opening {
      if let speechAt = opening.speechAt, speechAt < closeToken { return .speech }
      if markIndex == open.markIndex + 1 {
        return QuoteKindClassifier.kind(
          inside: opening.inside, before: opening.before,
          nicknameAfter: markTokens[markIndex].nicknameAfter)
      }
    }
    return QuoteKindClassifier(paragraphs: paragraphs, tokens: tokens, utf8: utf8).kind(
      openToken: open.token, closeToken: closeToken, paragraph: open.paragraph)
  }

  // MARK: Result

  /// Orders the spans (outer before inner) and links parents and depths.
  mutating func result() -> QuoteScanner.Scan {
    if let limit = options.maximumLength {
      found.removeAll { found in
        found.span.part == nil && found.span.isClosed
          && document.codePointOffset(found.span.content.upperBound)
            - document.codePointOffset(found.span.content.lowerBound) > limit
      }
    }
    func inOrder(_ a: FoundSpan, _ b: FoundSpan) -> Bool {
      a.span.openMark.lowerBound != b.span.openMark.lowerBound
        ? a.span.openMark.lowerBound < b.span.openMark.lowerBound
        : a.outerEnd > b.outerEnd
    }
    // NB: spans are recorded as they close, so an outer quotation comes after the quotations
    // inside it and the rest is in order: moving each span back past the spans it belongs before
    // costs little, where the (stable) sort moved every large span through a buffer. Dash
    // dialogue can interleave with everything: past a bound, the sort takes over (both are
    // stable, so it sorts to the same order).
    if !QuoteScanner.insertionSort(&found, by: inOrder, moveLimit: 16 * found.count + 64) {
      found.sort(by: inOrder)
    }
    // NB: buffers, not arrays: each append and removal of an array checked its uniqueness (a
    // call), and the stack of enclosing spans, never deeper than the spans, lives on the stack.
    // The spans are filled through the growth path and written in place (an uninitialised
    // array is made by the unspecialised allocator: see `Array(filled:count:)`).
    var quotes = found.first.map { [QuotedSpan](filled: $0.span, count: found.count) } ?? []
    found.withUnsafeBufferPointer { found in
      withUnsafeTemporaryAllocation(of: (index: Int, end: Int).self, capacity: found.count) {
        containers in
        quotes.withUnsafeMutableBufferPointer { quotes in
          var count = 0
          var depth = 0
          for item in found {
            var span = item.span
            if !item.contentTrimmed { span.content = Self.trimmingSpaces(span.content, in: utf8) }
            while depth > 0 && containers[depth - 1].end <= span.openMark.lowerBound {
              depth -= 1
            }
            if depth > 0, item.outerEnd <= containers[depth - 1].end {
              let parent = containers[depth - 1].index
              span.parent = parent
              span.depth = quotes[parent].depth + 1
            }
            if span.isClosed {
              containers.initializeElement(at: depth, to: (count, item.outerEnd))
              depth += 1
            }
            quotes[count] = span
            count += 1
          }
        }
      }
    }
    if suppressedDiagnostics > 0 {
      diagnostics.append(
        Diagnostic(
          code: "quote-diagnostics-truncated",
          message: "\(suppressedDiagnostics) more quotation-mark diagnostics not shown",
          severity: .note))
    }
    return QuoteScanner.Scan(quotes: quotes, diagnostics: diagnostics)
  }
}

extension QuoteScanner {
  /// Sorts `items` in place by insertion (stably), unless that takes more than `moveLimit` moves;
  /// returns whether it finished (if not, the items are in a stable order of their own).
  /// - Complexity: O(n + moveLimit).
  static func insertionSort(
    _ items: inout [FoundSpan], by inOrder: (FoundSpan, FoundSpan) -> Bool, moveLimit: Int
  ) -> Bool {
    var moves = 0
    for index in items.indices.dropFirst() where inOrder(items[index], items[index - 1]) {
      let item = items[index]
      var slot = index
      while slot > 0 && inOrder(item, items[slot - 1]) {
        items[slot] = items[slot - 1]
        slot -= 1
        moves += 1
      }
      items[slot] = item
      if moves > moveLimit { return false }
    }
    return true
  }
}

extension QuoteScanner {
  /// Whether the word after the mark token `token` shows the mark is an elision apostrophe
  /// (’Tis, ’em, ’90s), its paragraph's tokens ending at `paragraphEnd`.
  static func elision(
    after token: Int, paragraphEnd: Int, tokens: UnsafeBufferPointer<Token>,
    utf8: UnsafeBufferPointer<UInt8>, elisions: WordList
  ) -> QuoteMarkToken.Elision {
    let next = token + 1
    guard next < paragraphEnd else { return .none }
    let word = tokens[next]
    guard word.shape.contains(.attachedBefore) else { return .none }
    let start = Int(word.utf8Start)
    if word.kind == .number || (word.kind == .word && utf8[start] >= 0x30 && utf8[start] <= 0x39) {
      // ’90s, '05: two digits, then nothing or an s.
      let end = Int(word.utf8End)
      return end - start >= 2 && utf8[start + 1] >= 0x30 && utf8[start + 1] <= 0x39
        && (end - start == 2 || (end - start == 3 && utf8[start + 2] | 0x20 == UInt8(ascii: "s")))
        ? .word : .none
    }
    guard word.kind == .word, word.utf8End - word.utf8Start <= 6 else { return .none }
    if elisions.contains(word.utf8Range, in: utf8) { return .word }
    // A word that also ends with an apostrophe (’n’): the second mark closes nothing either.
    if elisions.contains(withApostrophe: word.utf8Range, in: utf8), next + 1 < paragraphEnd {
      let after = tokens[next + 1]
      if after.kind == .quoteMark, after.shape.contains(.attachedBefore),
        isApostrophe(at: Int(after.utf8Start), in: utf8)
      {
        return .wordBeforeApostrophe
      }
    }
    return .none
  }

  /// Whether the scalar at `offset` is an apostrophe (' or ’).
  private static func isApostrophe(at offset: Int, in utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    let byte = utf8[offset]
    if byte == 0x27 { return true }
    // ’ is E2 80 99
    return byte == 0xE2 && offset + 2 < utf8.count && utf8[offset + 1] == 0x80
      && utf8[offset + 2] == 0x99
  }
}

extension WordList {
  /// Whether the list holds the word of `utf8[range]` followed by an apostrophe (n').
  fileprivate func contains(withApostrophe range: Range<Int>, in utf8: UnsafeBufferPointer<UInt8>)
    -> Bool
  {
    guard !utf8[range].contains(where: { $0 >= 0x80 }) else {
      return contains(String(decoding: utf8[range], as: UTF8.self).lowercased() + "'")
    }
    // NB: an ASCII word (at most 6 bytes here) is looked up by its bytes, without a string.
    return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: range.count + 1) { buffer in
      for (index, byte) in utf8[range].enumerated() { buffer[index] = byte }
      buffer[range.count] = UInt8(ascii: "'")
      return contains(UnsafeBufferPointer(buffer))
    }
  }
}

extension ScanState {
  /// The range without the spaces at its ends (« Bonjour », a paragraph's trailing newline),
  /// as the gold corpora count quotations.
  static func trimmingSpaces(_ range: Range<Int>, in utf8: UnsafeBufferPointer<UInt8>)
    -> Range<Int>
  {
    var start = range.lowerBound
    var end = range.upperBound
    // Most quotations start and end with a visible ASCII character: nothing to decode.
    if start < end && utf8[start] &- 0x21 < 0x5F && utf8[end - 1] &- 0x21 < 0x5F {
      return range
    }
    func spaceLength(at offset: Int, limit: Int) -> Int {
      let (scalar, length) = decodeScalar(utf8, at: offset, limit: limit)
      return CharacterClass(scalar) == .space ? length : 0
    }
    while start < end {
      let length = spaceLength(at: start, limit: end)
      guard length > 0 else { break }
      start += length
    }
    while end > start {
      var lead = end - 1
      while lead > start && utf8[lead] & 0xC0 == 0x80 { lead -= 1 }
      guard spaceLength(at: lead, limit: end) > 0 else { break }
      end = lead
    }
    return start..<end
  }
}

/// What kind of character stands next to a quotation mark.
enum CharacterClass: UInt8, Equatable {
  /// Whitespace, or the edge of the paragraph.
  case space
  /// A letter or digit.
  case alphanumeric
  /// Anything else.
  case punctuation

  @inline(__always)
  init(_ scalar: UInt32) {
    self = scalar < 0x80 ? Self(ascii: UInt8(truncatingIfNeeded: scalar)) : Self(unicode: scalar)
  }

  @inline(__always)
  private init(ascii byte: UInt8) {
    switch byte {
    case 0x20, 0x09, 0x0A, 0x0B, 0x0C, 0x0D: self = .space
    case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: self = .alphanumeric
    default: self = .punctuation
    }
  }

  @inline(never)
  private init(unicode scalar: UInt32) {
    guard let value = Unicode.Scalar(scalar) else {
      self = .punctuation
      return
    }
    let properties = value.properties
    if properties.isWhitespace {
      self = .space
    } else if properties.isAlphabetic || properties.numericType != nil {
      self = .alphanumeric
    } else {
      self = .punctuation
    }
  }

  /// The class of the character that ends at `offset` (`.space` at `limit`).
  @inline(__always)
  init(before offset: Int, in utf8: UnsafeBufferPointer<UInt8>, limit: Int) {
    guard offset > limit else {
      self = .space
      return
    }
    // Most neighbours are ASCII: no decoding.
    if utf8[offset - 1] < 0x80 {
      self.init(ascii: utf8[offset - 1])
      return
    }
    var start = offset - 1
    while start > limit && start > offset - 4 && utf8[start] & 0xC0 == 0x80 { start -= 1 }
    self.init(decodeScalar(utf8, at: start, limit: offset).scalar)
  }

  /// The class of the character that starts at `offset` (`.space` at `limit`).
  @inline(__always)
  init(after offset: Int, in utf8: UnsafeBufferPointer<UInt8>, limit: Int) {
    guard offset < limit else {
      self = .space
      return
    }
    self.init(decodeScalar(utf8, at: offset, limit: limit).scalar)
  }
}

/// Decodes the scalar at `offset` of valid UTF-8 (the document's text is repaired), returning
/// its value and length; a truncated sequence counts as one byte.
@inline(__always)
func decodeScalar<Bytes: RandomAccessCollection<UInt8>>(
  _ utf8: Bytes, at offset: Int, limit: Int
) -> (scalar: UInt32, length: Int) where Bytes.Index == Int {
  let lead = utf8[offset]
  let length: Int
  var value: UInt32
  switch lead {
  case 0..<0x80: return (UInt32(lead), 1)
  case 0xC0..<0xE0:
    length = 2
    value = UInt32(lead & 0x1F)
  case 0xE0..<0xF0:
    length = 3
    value = UInt32(lead & 0x0F)
  case 0xF0..<0xF8:
    length = 4
    value = UInt32(lead & 0x07)
  default: return (0xFFFD, 1)
  }
  guard offset + length <= limit else { return (0xFFFD, 1) }
  for index in (offset + 1)..<(offset + length) {
    value = value << 6 | UInt32(utf8[index] & 0x3F)
  }
  return (value, length)
}
