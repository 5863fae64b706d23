/// Pairs quotations and reported statements with cues and speakers.
///
/// Passes run most precise first: the rule passes (direct, indirect, no-source) in the order
/// of ``Rule/Pass``, then paragraph continuation, then unattributed dialogue. A token takes at
/// most one role in one attribution, so a later pass never reuses what an earlier one took,
/// and among the candidates of one pass the widest content wins (the outermost report).
/// Speakers are resolved last, by ``SpeakerResolver``.
///
/// - Complexity: O(n) in the tokens: each rule is tried at the tokens its anchor accepts and
///   every match is bounded.
struct AttributionEngine {
  let rules: RuleSet
  let genre: Genre
  /// The attribution types to report, one bit per ``Attribution/Kind`` (see `bit(of:)`).
  let types: UInt8
  /// The lexicon bits of the cue classes to report.
  let reportedClasses: UInt64

  /// NB: the engine keeps what it needs of `configuration` as plain values: it is made per
  /// document, and a copy of the configuration would retain its sets and arrays, which every
  /// worker thread shares.
  init(configuration: Configuration, rules: RuleSet) {
    self.rules = rules
    self.genre = configuration.genre
    self.types = configuration.types.reduce(0) { $0 | Self.bit(of: $1) }
    self.reportedClasses = configuration.cueClasses.reduce(UInt64(0)) {
      $0 | (rules.lexicons.bit(of: $1.rawValue) ?? 0)
    }
  }

  /// Builds the rule set of `configuration` here (an extractor builds it once instead; this is
  /// for callers that run the stage alone). A configuration that does not load runs no rules.
  init(configuration: Configuration) {
    self.init(
      configuration: configuration,
      rules: (try? RuleSet(configuration: configuration)) ?? RuleSet(empty: ()))
  }

  private static func bit(of kind: Attribution.Kind) -> UInt8 {
    switch kind {
    case .direct: 1
    case .indirect: 2
    case .mixed: 4
    }
  }

  /// Whether attributions of this type are reported.
  private func reports(_ kind: Attribution.Kind) -> Bool { types & Self.bit(of: kind) != 0 }

  /// A rule match waiting for acceptance.
  ///
  /// NB: it holds the rule's index, kind and confidence, not the `Rule`: a copy of a `Rule`
  /// retains its strings, which every worker thread shares. And its lists are ranges of the
  /// document's ``Pieces``, not arrays of its own: a candidate is plain values, which the
  /// passes copy, filter and sort without a retain or an allocation (news, polnear-dev: 65,643
  /// copies of candidates that held three arrays each cost 13.5M instructions).
  struct Candidate {
    /// The rule's index in ``RuleSet/rules``.
    var rule: Int
    var kind: Attribution.Kind
    var confidence: Double
    var speaker: Range<Int>?
    var cue: Range<Int>
    /// Its content fragments in ``Pieces/content``, and their token ranges at the same
    /// positions of ``Pieces/contentTokens``.
    var content: Range<Int>
    /// Its quotations in ``Pieces/quotes``.
    var quotes: Range<Int>
    var width: Int
  }

  /// The lists of a document's candidates, one after another (see ``Candidate``).
  struct Pieces {
    /// Content fragments (UTF-8 ranges).
    var content: [Range<Int>] = []
    /// The token ranges of the content fragments, quotation marks included (for overlap
    /// checks).
    var contentTokens: [Range<Int>] = []
    /// Quotation numbers.
    var quotes: [Int] = []

    /// Makes room for `count` content fragments and as many quotations.
    mutating func reserveCapacity(_ count: Int) {
      content.reserveCapacity(count)
      contentTokens.reserveCapacity(count)
      quotes.reserveCapacity(count)
    }
  }

  /// Rules at or above this confidence are firm readings: their candidates are accepted
  /// before tentative ones.
  static let firmConfidence = 0.6

  private enum Role: UInt8 {
    case free = 0
    case content
    case cue
    case speaker
  }

  func attribute(_ result: inout ExtractionResult) {
    let document = result.document
    // Fiction reports direct quotations only: a reported-speech rule's match there would take
    // the quotation it holds as its content and be dropped, leaving the quotation unattributed
    // (“I won't,” he said, and told her that … took “I won't” with it). So only the direct
    // pass runs; unattributed quotations go to the dialogue pass.
    // NB: told before the rule context is built, which then reads only the tokens near
    // quotation marks.
    let fiction = isFiction(document)
    let context = RuleContext(
      document: document, quotes: result.quotes, rules: rules, quotingOnly: fiction)
    let matcher = PatternMatcher(context: context)
    var roles = [Role](filled: .free, count: document.tokens.count)
    var attributions: [Attribution] = []

    var ruleIDs = RuleIDCopies(of: rules)
    var ruleIndex = 0
    let program = rules.program
    // Tokens inside a quotation of speech (a clause of its own, not a quoted term): reports
    // nested in a quotation are part of it, so no rule is anchored there after the direct
    // pass. (The direct pass may anchor there: “…,” he said, “…” has its cue outside.)
    let quoted = quotedSpeech(context)
    let anchors = AnchorIndex(
      context: context, matcher: matcher, directOnly: quoted, quotingOnly: fiction)
    // Each pass's rules: a range of the program's entries, in the order of the passes.
    var passes: [(pass: Rule.Pass, rules: Range<Int>)] = []
    passes.reserveCapacity(Rule.Pass.allCases.count)
    for pass in Rule.Pass.allCases {
      let firstRule = ruleIndex
      while ruleIndex < program.entries.count && program.entries[ruleIndex].pass == pass {
        ruleIndex += 1
      }
      passes.append((pass, firstRule..<ruleIndex))
    }
    // Every pass's candidate at each anchor, found in one walk over the anchors, and kept
    // with its anchor: a pass takes those whose anchor is still free when it runs.
    // NB: a match depends on the text alone, not on the roles taken, so it may be found
    // before the earlier passes run; found anchor by anchor, the phrases the rules of every
    // pass read there (the speaker before a cue, the adjuncts after it) are still in the
    // phrase cache, where a walk per pass found most of them again.
    var found = [(anchors: [Int32], candidates: [Candidate])](
      repeating: ([], []), count: passes.count)
    var pieces = Pieces()
    // NB: room for a fragment and a quotation per anchor (a candidate has one of each most
    // often), not grown by doubling from empty (bench-sample: 2,443 allocations fewer).
    if !anchors.tokens.isEmpty { pieces.reserveCapacity(anchors.tokens.count) }
    let ruleCount = program.entries.count
    for (position, anchor) in anchors.tokens.enumerated() {
      let token = Int(anchor)
      let inQuotation = quoted[token]
      // The rules the index lists at the anchor in order, each pass's as far as the first
      // that matches, then on from the next pass's first rule.
      // NB: one walk over the anchor's rules, from pass to pass, not one per pass: the loop
      // over the passes and a search per pass (most find no rule) were mispredicted at most
      // anchors. The passes' rules follow each other in the passes' order.
      var next = anchors.nextRule(at: position, from: 0, before: ruleCount)
      while let rule = next {
        let number = program.entry(rule).pointee.pass.number
        let pass = passes[number]
        if pass.pass != .direct && inQuotation {
          next = anchors.nextRule(at: position, from: pass.rules.upperBound, before: ruleCount)
        } else if let captures = matcher.match(rule, at: token),
          var candidate = makeCandidate(rule, captures, context, &pieces)
        {
          candidate.width = candidate.width * 64 - (rule - pass.rules.lowerBound)
          // NB: a pass's lists are sized at its first candidate for the anchors left (each
          // gives a pass one at most), not grown by doubling (bench-sample: with the
          // attributions' list below, 3,182 allocations fewer).
          if found[number].anchors.isEmpty {
            found[number].anchors.reserveCapacity(anchors.tokens.count - position)
            found[number].candidates.reserveCapacity(anchors.tokens.count - position)
          }
          found[number].anchors.append(anchor)
          found[number].candidates.append(candidate)
          next = anchors.nextRule(at: position, from: pass.rules.upperBound, before: ruleCount)
        } else {
          next = anchors.nextRule(at: position, from: rule + 1, before: ruleCount)
        }
      }
    }
    // NB: room for every candidate and every quotation (the later passes attribute
    // quotations), not grown by doubling.
    attributions.reserveCapacity(
      found.reduce(context.quotes.count) { $0 + $1.candidates.count })
    for (number, pass) in passes.enumerated() {
      if pass.pass != .direct {
        extendQuotations(&attributions, &roles, context)
      }
      guard !pass.rules.isEmpty else { continue }
      var candidates: [Candidate] = []
      swap(&candidates, &found[number].candidates)
      let passAnchors = found[number].anchors
      if passAnchors.contains(where: { roles[Int($0)] != .free }) {
        var kept = 0
        for index in candidates.indices where roles[Int(passAnchors[index])] == .free {
          candidates.swapAt(kept, index)
          kept += 1
        }
        candidates.removeSubrange(kept...)
      }
      // The widest content first: the outermost report wins over reports nested in it. But a
      // tentative reading (a cue with an object, confidence under 0.6) yields to a firmer
      // report inside its content ("… see Trump negatively while 61 percent say …").
      candidates.stableSort {
        let firm = (
          $0.confidence >= Self.firmConfidence, $1.confidence >= Self.firmConfidence
        )
        return firm.0 != firm.1 ? firm.0 : $0.width > $1.width
      }
      for candidate in candidates where !conflicts(candidate, pieces, roles) {
        claim(candidate, pieces, &roles)
        // NB: a direct quotation's lists have room for the quotations that may join it
        // (``extendQuotations(_:_:_:)``), which grew them by a copy each (bench-sample: 2,247
        // allocations).
        let room = candidate.kind == .direct && !candidate.quotes.isEmpty ? 2 : 0
        attributions.append(
          Attribution(
            type: candidate.kind, fragments: Self.list(pieces.content[candidate.content], room),
            cue: candidate.cue, speaker: candidate.speaker, rule: ruleIDs.id(of: candidate.rule),
            confidence: candidate.confidence,
            quotes: Self.list(pieces.quotes[candidate.quotes], room)))
      }
    }

    // NB: in fiction an untagged quotation paragraph is the next turn of the dialogue, not
    // more of the previous speaker's words: the resolver's turn-taking decides its speaker.
    if !fiction { continueParagraphs(&attributions, &roles, context) }
    attributeDialogue(&attributions, &roles, context, fiction: fiction)

    var types = QuoteCoverage(document: document, quotes: result.quotes)
    // NB: read once: read from the result in the loop, the quotations were retained and
    // released around each call (bench-sample: 9,791 pairs).
    let quotes = result.quotes
    for index in attributions.indices {
      attributions[index].type = types.type(of: attributions[index].fragments)
      if attributions[index].quotes.isEmpty {
        attributions[index].quotes = types.quotes(inside: attributions[index].fragments)
      }
      if attributions[index].type == .direct {
        trimToQuotation(&attributions[index], quotes, document)
      }
    }
    if fiction {
      // In fiction the quotation is the utterance: a report that opens with a whole quotation
      // and goes on in narration keeps the quotation alone, and so does a direct rule's match
      // that news reads with the narration before the quotation (In this town, “…,” he said).
      for index in attributions.indices where attributions[index].type == .mixed {
        let whole = attributions[index].fragments.filter { fragment in
          attributions[index].quotes.contains { result.quotes[$0].content == fragment }
        }
        guard let first = attributions[index].fragments.first,
          whole.first == first || (!whole.isEmpty && attributions[index].rule.hasPrefix("direct."))
        else {
          continue
        }
        attributions[index].fragments = whole
        attributions[index].type = .direct
      }
    }
    // NB: the reports kept move forward in place in the raw buffer, whose `swapAt` moves
    // them: `removeAll(where:)` copied each attribution to hand it to its test (bench-sample:
    // 10,521 copies, 3.1M instructions, 42K retains and as many releases).
    var kept = 0
    attributions.withUnsafeMutableBufferPointer { attributions in
      for index in attributions.indices {
        let type = attributions[index].type
        guard
          reports(type) && reportsClass(of: attributions[index].cue, context)
            && (!fiction || type == .direct)
        else { continue }
        if kept != index { attributions.swapAt(kept, index) }
        kept += 1
      }
    }
    attributions.removeSubrange(kept...)
    if fiction { splitUtterances(&attributions, result.quotes) }
    // In text order, ties in their order (a stable sort). NB: the start offsets and positions
    // are sorted, not the attributions, which are then swapped into place: a copy of one
    // retains its arrays and strings.
    let starts = attributions.map { $0.fragments.first?.lowerBound ?? 0 }
    if zip(starts, starts.dropFirst()).contains(where: { $0 > $1 }) {
      var order: [Int] = []
      order.append(contentsOf: attributions.indices)
      order.stableSort {
        starts[$0] != starts[$1] ? starts[$0] < starts[$1] : $0 < $1
      }
      Self.permute(&attributions, to: &order)
    }
    // NB: consumed, not copied: while the local array lived on, the resolver's first write to
    // the result's attributions copied the whole array.
    result.attributions = consume attributions
    SpeakerResolver(document: result.document, fiction: fiction).resolve(&result)
    Self.dropMentionsInsideContent(&result.attributions)
  }

  /// The elements of `slice` in an array with room for `room` more.
  private static func list<Element>(_ slice: ArraySlice<Element>, _ room: Int) -> [Element] {
    var list: [Element] = []
    list.reserveCapacity(slice.count + room)
    list.append(contentsOf: slice)
    return list
  }

  /// NB: a speaker or cue found inside the attribution's own content breaks the model (the fuzzer
  /// found one: in line mode, the next line of dash dialogue read as a dash credit, “— ¿Vienes?
  /// ⏎ — Sí.”); the mention is dropped, and a resolved entity stays as an implicit speaker.
  /// NB: the fragments are read in place, through raw buffers: a copy of each attribution's
  /// list, to test it, retained and released it (bench-sample: 12,561 pairs).
  static func dropMentionsInsideContent(_ attributions: inout [Attribution]) {
    attributions.withUnsafeMutableBufferPointer { attributions in
      for index in attributions.indices {
        let (cue, speaker) = (attributions[index].cue, attributions[index].speaker)
        let (cueInside, speakerInside) = attributions[index].fragments.withUnsafeBufferPointer {
          fragments in
          func inside(_ range: Range<Int>?) -> Bool {
            guard let range else { return false }
            return fragments.contains { $0.overlaps(range) }
          }
          return (inside(cue), inside(speaker))
        }
        if cueInside { attributions[index].cue = nil }
        if attributions[index].type != .mixed && speakerInside {
          attributions[index].speaker = nil
          attributions[index].speakerKind = attributions[index].entity == nil ? nil : .implicit
          if attributions[index].entity == nil { attributions[index].speakerName = nil }
        }
      }
    }
  }

  /// In fiction each stretch of speech between narration is an utterance of its own (“Hello,”
  /// he said, “how are you?” is two, as novels' dialogue is read and annotated), and so is
  /// each paragraph of a speech that runs over several paragraphs. News keeps one attribution
  /// with fragments, the convention of news attribution corpora.
  /// NB: in place: the attributions that stay whole (most) are moved within the array, not
  /// copied (a copy retains its arrays and strings).
  private func splitUtterances(_ attributions: inout [Attribution], _ quotes: [QuotedSpan]) {
    var parents: [Int: [Int]] = [:]
    for (index, quote) in quotes.enumerated() where quote.part != nil {
      if let parent = quote.parent { parents[parent, default: []].append(index) }
    }
    // NB: a constant: the variable, read by the function below, was read under a dynamic
    // exclusivity check at each lookup (bench-sample: 3,719 swift_beginAccess calls).
    let partsOf = parents
    // The paragraphs of the quotation (one of `inside`) whose whole content `fragment` is,
    // when it runs over several.
    func parts(of fragment: Range<Int>, _ inside: [Int]) -> [Int]? {
      guard let whole = inside.first(where: { quotes[$0].content == fragment }),
        let parts = partsOf[whole], parts.count > 1
      else { return nil }
      return parts
    }
    // The pieces of each attribution: one per fragment, or per paragraph of a quotation that
    // runs over several; one for an attribution without fragments, which stays as it is.
    // NB: the attributions are read and moved through a raw buffer: the array's subscript
    // copies a whole attribution to read one of its fields, and its `swapAt` copies both.
    var counts = [Int](filled: 1, count: attributions.count)
    var total = 0
    attributions.withUnsafeBufferPointer { attributions in
      for (index, attribution) in attributions.enumerated() {
        if attribution.fragments.count > 1 || !partsOf.isEmpty {
          var count = 0
          for fragment in attribution.fragments {
            count += parts(of: fragment, attribution.quotes)?.count ?? 1
          }
          counts[index] = max(1, count)
        }
        total += counts[index]
      }
    }
    guard total > attributions.count else { return }
    attributions.append(
      contentsOf: repeatElement(
        Attribution(type: .direct, fragments: [], rule: "", confidence: 0),
        count: total - attributions.count))
    // From the last on, each attribution moves to the end of the room left, or its pieces
    // fill it: nothing is written over before it is read.
    attributions.withUnsafeMutableBufferPointer { attributions in
      var end = total
      for index in stride(from: counts.count - 1, through: 0, by: -1) {
        end -= counts[index]
        // NB: the attribution moves to its last piece's place, and becomes that piece there:
        // only the pieces before it are copies of it.
        let last = end + counts[index] - 1
        attributions.swapAt(index, last)
        guard counts[index] > 1 else { continue }
        let fragments = attributions[last].fragments
        let inside = attributions[last].quotes
        var position = end
        func place(_ fragment: Range<Int>, _ pieceQuotes: [Int]) {
          if position < last {
            attributions[position] = attributions[last]
          }
          attributions[position].fragments = [fragment]
          attributions[position].quotes = pieceQuotes
          position += 1
        }
        for fragment in fragments {
          if let parts = parts(of: fragment, inside) {
            for part in parts { place(quotes[part].content, [part]) }
          } else {
            place(fragment, inside.filter { fragment.contains(quotes[$0].content.lowerBound) })
          }
        }
      }
    }
  }

  /// Puts `order[k]` at position `k`, by swaps along the cycles of the permutation (which
  /// `order` is left as the identity).
  /// NB: swapped in a raw buffer, whose `swapAt` moves them (the array's copies them).
  private static func permute(_ attributions: inout [Attribution], to order: inout [Int]) {
    attributions.withUnsafeMutableBufferPointer { attributions in
      for start in order.indices where order[start] != start {
        var position = start
        while order[position] != start {
          let next = order[position]
          attributions.swapAt(position, next)
          order[position] = position
          position = next
        }
        order[position] = position
      }
    }
  }

  /// Whether the document reads as fiction: by its genre when set, else by its style
  /// (``DocumentStyle/isFiction(_:)``), counted in a pass of its own over the tokens.
  private func isFiction(_ document: Document) -> Bool {
    switch genre {
    case .news: return false
    case .fiction: return true
    case .automatic: return DocumentStyle(counting: document).isFiction(document)
    }
  }

  /// Whether a report with this cue (UTF-8 range) is of a cue class to report.
  private func reportsClass(of cue: Range<Int>?, _ context: RuleContext) -> Bool {
    let all = rules.bits.classes
    let reported = reportedClasses
    guard reported != all, let cue else { return true }
    let token = Token.index(holding: cue.lowerBound, in: context.document.tokens)
    let classes = context.mask(token) & all
    // NB: a cue in no class lexicon ("according to", a colon) counts as speech.
    let speech = rules.lexicons.bit(of: CueClass.speech.rawValue) ?? 0
    return (classes == 0 ? speech : classes) & reported != 0
  }

  /// The candidate of a rule's match, its lists added to `pieces`; nil (and `pieces` as it
  /// was) when the match makes none.
  private func makeCandidate(
    _ ruleIndex: Int, _ captures: UnsafeBufferPointer<PatternMatcher.Capture>,
    _ context: RuleContext, _ pieces: inout Pieces
  ) -> Candidate? {
    let marks = (pieces.content.count, pieces.quotes.count)
    guard let candidate = makeCandidate(ruleIndex, captures, context, marks, &pieces) else {
      pieces.content.removeSubrange(marks.0...)
      pieces.contentTokens.removeSubrange(marks.0...)
      pieces.quotes.removeSubrange(marks.1...)
      return nil
    }
    return candidate
  }

  /// The work of ``makeCandidate(_:_:_:_:)``: its lists start at `marks` in `pieces`.
  private func makeCandidate(
    _ ruleIndex: Int, _ captures: UnsafeBufferPointer<PatternMatcher.Capture>,
    _ context: RuleContext, _ marks: (content: Int, quotes: Int), _ pieces: inout Pieces
  ) -> Candidate? {
    let tokens = context.document.tokens
    let rule = rules.program.entry(ruleIndex)
    func bytes(_ range: Range<Int>) -> Range<Int> {
      Int(tokens[range.lowerBound].utf8Start)..<Int(tokens[range.upperBound - 1].utf8End)
    }
    var speaker: Range<Int>?
    var cue: Range<Int>?
    // This candidate's content fragments (and as many token ranges) and quotations so far.
    var contentCount: Int { pieces.content.count - marks.content }
    var quoteCount: Int { pieces.quotes.count - marks.quotes }
    var width = 0
    for capture in captures where !capture.tokens.isEmpty {
      var range = bytes(capture.tokens)
      switch capture.role {
      case .speaker:
        // NB: a quotation that ends its paragraph is not credited to a speaker in the next one
        // ("“…” ⏎ He added, …" starts the next report).
        if quoteCount > 0, let quote = pieces.quotes.last,
          context.quoteTokens[quote].close < capture.tokens.lowerBound,
          context.document.paragraph(of: context.quoteTokens[quote].close)
            != context.document.paragraph(of: capture.tokens.lowerBound)
        {
          return nil
        }
        // The speaker finder reads past a setting ("the senator on Tuesday said"): the
        // speaker stops before it.
        if let setting = capture.tokens.dropFirst().first(where: {
          context.isText($0, "on") || context.isText($0, "at") || context.isText($0, "during")
        }) {
          range = bytes(capture.tokens.lowerBound..<setting)
        }
        speaker =
          speaker.map {
            min($0.lowerBound, range.lowerBound)..<max($0.upperBound, range.upperBound)
          } ?? range
      case .cue:
        cue =
          cue.map { min($0.lowerBound, range.lowerBound)..<max($0.upperBound, range.upperBound) }
          ?? range
      case .content:
        if let quote = capture.quote {
          let span = context.quotes[quote]
          guard !span.content.isEmpty else { return nil }
          pieces.content.append(span.content)
          pieces.quotes.append(quote)
        } else if quoteCount > 0, let quote = pieces.quotes.last, contentCount == quoteCount,
          context.document.sentence(of: capture.tokens.lowerBound)
            != context.document.sentence(of: context.quoteTokens[quote].close)
        {
          // NB: a clause read after a quotation that ends its sentence is the next sentence,
          // not more of the report.
          continue
        } else if contentCount > 0, let last = pieces.contentTokens.last,
          last.upperBound == capture.tokens.lowerBound, let previous = pieces.content.last,
          quoteCount == 0 || contentCount > quoteCount
        {
          // Adjacent pieces of one content (a first word and the clause after it) join.
          pieces.content[pieces.content.count - 1] = previous.lowerBound..<range.upperBound
          pieces.contentTokens[pieces.contentTokens.count - 1] =
            last.lowerBound..<capture.tokens.upperBound
          width += capture.tokens.count
          continue
        } else {
          pieces.content.append(range)
        }
        pieces.contentTokens.append(capture.tokens)
        width += capture.tokens.count
      case .addressee:
        break
      }
    }
    guard let cue, contentCount > 0 else { return nil }
    if rule.pointee.pass == .indirect,
      let speakerTokens = captures.first(where: { $0.role == .speaker }),
      let cueToken = captures.first(where: { $0.role == .cue })?.tokens.lowerBound,
      describes(cueToken, after: speakerTokens.tokens, context)
    {
      return nil
    }
    return Candidate(
      rule: ruleIndex, kind: rule.pointee.kind, confidence: rule.pointee.confidence,
      speaker: speaker, cue: cue, content: marks.content..<pieces.content.count,
      quotes: marks.quotes..<pieces.quotes.count, width: width)
  }

  /// A clause that is one whole quotation with its marks ("As S put it, “…”.") reports the
  /// quotation's words: the content is the quotation's, as every direct report's is.
  private func trimToQuotation(
    _ attribution: inout Attribution, _ quotes: [QuotedSpan], _ document: Document
  ) {
    guard attribution.fragments.count == 1, attribution.quotes.count == 1,
      let fragment = attribution.fragments.first
    else { return }
    let quote = quotes[attribution.quotes[0]]
    guard let close = quote.closeMark, fragment.lowerBound == quote.openMark.lowerBound,
      fragment.upperBound >= close.upperBound, !quote.content.isEmpty,
      document.utf8[close.upperBound..<fragment.upperBound].allSatisfy({
        Self.closingPunctuation.contains($0)
      })
    else { return }
    attribution.fragments = [quote.content]
  }

  /// What may follow a quotation's closing mark at the end of a sentence (“…”. “…”),).
  private static let closingPunctuation: Set<UInt8> = Set(".,;:!?)".utf8)

  /// Whether a cue read as a verb is rather an -ed or -ing word that describes a noun: after a
  /// possessive ("Trump's repeated accusations", "the party's declining appeal") or joined
  /// by a hyphen ("well-documented", "court-ordered"). Such a reading has no speaker.
  private static let possessiveEndings: [[UInt8]] = [
    Array("'s".utf8), Array("\u{2019}s".utf8), Array("s'".utf8), Array("s\u{2019}".utf8),
  ]

  private func describes(_ cue: Int, after speaker: Range<Int>, _ context: RuleContext) -> Bool {
    let document = context.document
    let bytes = document.utf8[document.tokens[cue].utf8Range]
    guard bytes.reversed().starts(with: "de".utf8) || bytes.reversed().starts(with: "gni".utf8)
    else { return false }
    if cue > 0, context.isText(cue - 1, "-"), document.tokens[cue].shape.contains(.attachedBefore) {
      return true
    }
    guard speaker.upperBound == cue, let last = speaker.last else { return false }
    let word = document.utf8[document.tokens[last].utf8Range]
    return Self.possessiveEndings.contains {
      word.count > $0.count && word.suffix($0.count).elementsEqual($0)
    }
  }

  private func tokenRange(_ bytes: Range<Int>, _ document: Document) -> Range<Int> {
    let first = Token.index(holding: bytes.lowerBound, in: document.tokens)
    let last = Token.index(
      holding: max(bytes.lowerBound, bytes.upperBound - 1), in: document.tokens)
    return first..<(last + 1)
  }

  /// Whether a token of a candidate's content is taken.
  private func conflicts(_ candidate: Candidate, _ pieces: Pieces, _ roles: [Role]) -> Bool {
    pieces.contentTokens[candidate.content].contains { !Self.isFree($0, roles) }
  }

  /// Takes the tokens of a candidate's content.
  private func claim(_ candidate: Candidate, _ pieces: Pieces, _ roles: inout [Role]) {
    for range in pieces.contentTokens[candidate.content] { Self.take(range, &roles) }
  }

  /// Whether no token of `tokens` (clamped to the roles) is taken.
  /// NB: over the roles' raw buffer: the content of a report or a quotation is long, and an
  /// array read per token paid its checks each time (bench-sample: the dialogue pass read and
  /// took its quotations so, 9.21M -> 7.74M instructions).
  private static func isFree(_ tokens: Range<Int>, _ roles: [Role]) -> Bool {
    roles.withUnsafeBufferPointer { roles in
      !roles[tokens.clamped(to: 0..<roles.count)].contains { $0 != .free }
    }
  }

  /// Takes the tokens of `tokens` (clamped to the roles) as content: one fill of the roles'
  /// raw buffer.
  private static func take(_ tokens: Range<Int>, _ roles: inout [Role]) {
    roles.withUnsafeMutableBufferPointer { roles in
      guard let base = roles.baseAddress else { return }
      let range = tokens.clamped(to: 0..<roles.count)
      (base + range.lowerBound).update(repeating: .content, count: range.count)
    }
  }

  /// For each token, whether it lies inside a depth-0 quotation that reads as speech: at least
  /// four words with sentence punctuation inside, or at least eight words.
  private func quotedSpeech(_ context: RuleContext) -> [Bool] {
    let document = context.document
    var quoted = [Bool](filled: false, count: document.tokens.count)
    var covered = -1
    for (index, quote) in context.quotes.enumerated()
    where quote.depth == 0 && quote.isClosed && quote.kind != .title && quote.kind != .term {
      let (open, close, _) = context.quoteTokens[index]
      guard open < close, close < document.tokens.count, close > covered else { continue }
      var words = 0
      var punctuated = false
      for token in max(open + 1, covered + 1)..<close {
        if document.tokens[token].kind == .word {
          words += 1
        } else if !punctuated && (context.isTerminal(token) || context.isText(token, ",")) {
          // NB: only other tokens are punctuation, and only until one is found.
          punctuated = true
        }
        // NB: the counts only grow: once they suffice, the rest of a long quotation is not
        // read.
        if words >= 8 || (words >= 4 && punctuated) { break }
      }
      guard (words >= 4 && punctuated) || words >= 8 else { continue }
      for token in max(open, covered + 1)...close { quoted[token] = true }
      covered = close
    }
    return quoted
  }

  /// A direct quotation goes on in the quotations that follow it in its paragraph with nothing
  /// but punctuation between (“…,” she said. “…”): they join it as further fragments.
  private func extendQuotations(
    _ attributions: inout [Attribution], _ roles: inout [Role], _ context: RuleContext
  ) {
    let document = context.document
    for index in attributions.indices
    where attributions[index].type == .direct && !attributions[index].quotes.isEmpty {
      let attribution = attributions[index]
      let end = max(
        attribution.content.upperBound, attribution.cue?.upperBound ?? 0,
        attribution.speaker?.upperBound ?? 0)
      // NB: searched from its first quotation's opening on, which its content holds.
      var last = Token.index(
        holding: max(0, end - 1), in: document.tokens,
        notBefore: context.quoteTokens[attribution.quotes[0]].open)
      if let lastQuote = attribution.quotes.last {
        last = max(last, context.quoteTokens[lastQuote].close)
      }
      let paragraph = document.paragraph(of: last)
      // The speaker may go on after the cue ("said Linda Hudson, the mayor."): the quotation
      // goes on from the end of that sentence.
      let sentence = document.sentences[document.sentence(of: last)].tokens
      if context.quoteClosing[last] < 0 && sentence.upperBound - 1 <= last + 30 {
        last = max(last, sentence.upperBound - 1)
      }
      while true {
        var next = last + 1
        while next < document.tokens.count && next <= last + 2
          && document.tokens[next].kind == .punctuation
        {
          next += 1
        }
        guard next < document.tokens.count, document.paragraph(of: next) == paragraph,
          context.quoteOpening[next] >= 0
        else { break }
        let quote = Int(context.quoteOpening[next])
        let close = context.quoteTokens[quote].close
        guard context.quotes[quote].isClosed, !context.quotes[quote].content.isEmpty,
          Self.isFree(next..<(close + 1), roles)
        else { break }
        Self.take(next..<(close + 1), &roles)
        attributions[index].fragments.append(context.quotes[quote].content)
        attributions[index].quotes.append(quote)
        last = close
      }
    }
  }

  /// A paragraph that opens with a quotation nobody attributed, right after a paragraph whose
  /// last attribution quotes someone, continues that speaker's quotation (news style: each
  /// paragraph of a long quotation reopens the marks).
  private func continueParagraphs(
    _ attributions: inout [Attribution], _ roles: inout [Role], _ context: RuleContext
  ) {
    let document = context.document
    // For each paragraph, its last attribution with a speaker, or -1.
    // NB: an array by paragraph, not a dictionary: news documents have a few dozen paragraphs,
    // and the dictionary's hashing and growth cost most of this function (polnear-dev: 6M of
    // 9.6M instructions).
    var lastInParagraph = [Int](filled: -1, count: document.paragraphs.count)
    for (index, attribution) in attributions.enumerated() where attribution.speaker != nil {
      let token = Token.index(holding: attribution.content.lowerBound, in: document.tokens)
      let paragraph = document.paragraph(of: token)
      if case let previous = lastInParagraph[paragraph], previous >= 0,
        attributions[previous].content.lowerBound > attribution.content.lowerBound
      {
        continue
      }
      lastInParagraph[paragraph] = index
    }
    for (quoteIndex, quote) in context.quotes.enumerated() where quote.depth == 0 {
      let (open, close, _) = context.quoteTokens[quoteIndex]
      guard open < document.tokens.count, !quote.content.isEmpty,
        context.paragraphBoundary(before: open),
        Self.isFree(open..<(close + 1), roles)
      else { continue }
      let paragraph = document.paragraph(of: open)
      guard paragraph > 0, case let previous = lastInParagraph[paragraph - 1], previous >= 0
      else { continue }
      let source = attributions[previous]
      guard !source.quotes.isEmpty || source.rule.hasPrefix("direct.") else { continue }
      Self.take(open..<(close + 1), &roles)
      attributions.append(
        Attribution(
          type: .direct, fragments: [quote.content], cue: nil, speaker: source.speaker,
          rule: "direct.paragraph-continuation", confidence: 0.6, quotes: [quoteIndex]))
      lastInParagraph[paragraph] = attributions.count - 1
    }
  }

  /// Every closed speech quotation left in dialogue is a direct quotation; its speaker is left
  /// to the resolver's turn-taking. Short quoted terms inside a sentence are not dialogue.
  private func attributeDialogue(
    _ attributions: inout [Attribution], _ roles: inout [Role], _ context: RuleContext,
    fiction: Bool
  ) {
    let document = context.document
    let finder = PhraseFinder(context: context)
    // In news, the rule attributions with a speaker and a cue, in text order: a quotation
    // nobody attributed goes on with the latest speaker of its paragraph.
    var reported: [(start: Int, paragraph: Int, speaker: Range<Int>)] = []
    if !fiction {
      for attribution in attributions where attribution.cue != nil {
        guard let speaker = attribution.speaker else { continue }
        let token = Token.index(holding: attribution.content.lowerBound, in: document.tokens)
        reported.append((attribution.content.lowerBound, document.paragraph(of: token), speaker))
      }
      reported.stableSort { $0.start < $1.start }
    }
    for (quoteIndex, quote) in context.quotes.enumerated()
    where quote.depth == 0 && quote.isClosed
      && (quote.kind == .speech || quote.kind == .dashDialogue)
    {
      let (open, quoteClose, _) = context.quoteTokens[quoteIndex]
      var close = quoteClose
      // NB: a dash-dialogue quotation that a narrator's clause stops (—Thanks, he cried. That
      // will do.) has no closing mark, and its tokens would run to the paragraph's end, over the
      // speech that resumes after the clause: it ends with its own words, so that the resumed
      // speech is a quotation of its own. In fiction only: news keeps its readings.
      if fiction, quote.kind == .dashDialogue, quote.closeMark == nil, !quote.content.isEmpty {
        close = min(
          close, Token.index(holding: quote.content.upperBound - 1, in: document.tokens))
      }
      guard open < close, close < document.tokens.count,
        Self.isFree(open..<(close + 1), roles)
      else { continue }
      let opensParagraph = context.paragraphBoundary(before: open)
      var words = 0
      var sentenceEnd = false
      for token in (open + 1)..<close {
        if document.tokens[token].kind == .word { words += 1 }
        if context.isTerminal(token) || context.isText(token, ",") { sentenceEnd = true }
        // NB: the counts only grow: once they answer the test below, the rest of a long
        // quotation is not read.
        if words >= 8 || (words >= 1 && opensParagraph) || (sentenceEnd && words >= 3) { break }
      }
      // Speech of dash dialogue that resumes after a narrator's clause (no mark opens it) is
      // dialogue however short, never a quoted term.
      let resumed = fiction && quote.kind == .dashDialogue && quote.openMark.isEmpty
      // Inside a sentence, a quotation is dialogue when it is a clause of its own (at least
      // three words ending in punctuation) or long; shorter ones are quoted terms.
      guard resumed || words >= 1,
        resumed || opensParagraph || (sentenceEnd && words >= 3) || words >= 8
      else {
        continue
      }
      Self.take(open..<(close + 1), &roles)
      let subject =
        fiction
        ? nil
        : (opensParagraph ? nil : reportingSubject(before: open, finder, context))
          ?? reportingSubject(after: close, finder, context)
      // The latest report that starts before the quotation (binary search, so that a long
      // paragraph full of quotations stays linear), when it is in the same paragraph.
      var previous: (start: Int, paragraph: Int, speaker: Range<Int>)? = nil
      if subject == nil {
        var low = 0
        var high = reported.count
        while low < high {
          let mid = (low + high) / 2
          if reported[mid].start < quote.content.lowerBound { low = mid + 1 } else { high = mid }
        }
        if low > 0, reported[low - 1].paragraph == document.paragraph(of: open) {
          previous = reported[low - 1]
        }
      }
      attributions.append(
        Attribution(
          type: .direct, fragments: [quote.content], speaker: subject ?? previous?.speaker,
          rule: subject != nil
            ? "direct.dialogue-subject"
            : previous != nil ? "direct.paragraph-speaker" : "direct.dialogue",
          confidence: opensParagraph ? 0.5 : 0.3, quotes: [quoteIndex]))
    }
  }

  /// In news, a quotation inside a sentence that no rule took is most often the words of the
  /// sentence's subject, reported by a verb between them that the rules could not read
  /// (“She quickly noted her years in the Senate, saying “…””): the subject is the speaker
  /// when a lower-case cue stands between it and the quotation. Returns its UTF-8 range.
  private func reportingSubject(before open: Int, _ finder: PhraseFinder, _ context: RuleContext)
    -> Range<Int>?
  {
    let document = context.document
    let sentence = document.sentences[document.sentence(of: open)].tokens
    var start = sentence.lowerBound
    guard start < open else { return nil }
    // An opening phrase ("Later on Sunday, Carson shared …"): the subject follows its comma.
    if context.has(start, rules.bits.prepositions | rules.bits.adverbs),
      let comma = finder.aside(start, forward: true), comma + 1 < open
    {
      start = comma + 1
    }
    guard let end = finder.speakerForward(start, addressee: false), end < open,
      (end..<open).contains(where: {
        context.has($0, rules.bits.cues) && document.tokens[$0].shape.contains(.lowercase)
      })
    else { return nil }
    return Int(document.tokens[start].utf8Start)..<Int(document.tokens[end - 1].utf8End)
  }

  /// A quotation followed in its sentence by a speaker and a cue that no rule read (“…,”
  /// Sarandon, 69, told MSNBC): the speaker phrase right after the quotation, when a
  /// lower-case cue follows it within a few tokens. Returns its UTF-8 range.
  private func reportingSubject(after close: Int, _ finder: PhraseFinder, _ context: RuleContext)
    -> Range<Int>?
  {
    let document = context.document
    var start = close + 1
    guard start < document.tokens.count,
      document.sentence(of: start) == document.sentence(of: close)
    else { return nil }
    let sentence = document.sentences[document.sentence(of: start)].tokens
    if context.isText(start, ",") || context.isText(start, "—") || context.isText(start, "–") {
      start += 1
    }
    guard start < sentence.upperBound, document.tokens[start].kind == .word,
      !context.has(start, rules.bits.cues),
      let end = finder.speakerForward(start, addressee: false)
    else { return nil }
    let window = end..<min(sentence.upperBound, end + 6)
    guard
      window.contains(where: {
        context.has($0, rules.bits.cues) && document.tokens[$0].shape.contains(.lowercase)
      })
    else { return nil }
    return Int(document.tokens[start].utf8Start)..<Int(document.tokens[end - 1].utf8End)
  }
}
