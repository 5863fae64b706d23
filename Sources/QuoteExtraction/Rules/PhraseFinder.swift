/// Finds the phrases that patterns use as single elements: speaker and addressee noun
/// phrases, content clauses, adjuncts and settings. Each search is bounded, so a rule match
/// costs O(1) in the size of the document.
///
/// Positions are cursors as in ``PatternMatcher``: forward, the next token to read; backward,
/// the last token not yet read (reading moves it left).
struct PhraseFinder {
  let context: RuleContext

  /// Quantifiers that can be a speaker on their own ("many said", "some argue").
  static let quantifiers: [[UInt8]] = [
    "many", "some", "most", "both", "all", "several", "few", "others",
  ]
  .map { Array($0.utf8) }

  /// The longest speaker phrase the finder takes, in tokens.
  static let speakerLimit = 12
  /// The longest content clause, in tokens.
  static let clauseLimit = 160

  /// How far (in tokens) a phrase read from a cursor may move it at most, or nil when only
  /// its sentence or a quotation bounds it (clauses, the rest of a sentence).
  ///
  /// ``RuleProgram`` adds these up to know how near the anchor a quotation must be for a rule
  /// to match (see ``RuleProgram/ConditionCheck/forwardQuoteReach``).
  /// NB: an upper bound of what the finders below do, checked by a test over corpus texts:
  /// a finder that reads further must raise its bound here.
  static func reach(_ phrase: PatternElement.Phrase, forward: Bool) -> Int? {
    switch (phrase, forward) {
    // The limit, and a parenthesis of up to six tokens started before it.
    case (.speaker, true), (.addressee, true): speakerLimit + 6
    // The limit, then a floating quantifier (3 tokens) or a setting ("on Tuesday", 2 tokens)
    // before a second phrase.
    case (.speaker, false), (.addressee, false): 2 * speakerLimit + 3
    case (.adjuncts, true): 12
    case (.adjuncts, false): 6
    case (.aside, _): 25
    case (.clause, _), (.skip, _): nil
    }
  }

  private var tokens: [Token] { context.document.tokens }
  private var bits: RuleSet.Bits { context.rules.bits }

  /// The cursors after the phrase, longest first (none when there is none).
  ///
  /// A phrase depends only on the document, the cursor and the direction, so answers are kept
  /// in the context's phrase cache.
  /// NB: the cached list itself is handed back, not appended cursor by cursor to another.
  func ends(_ phrase: PatternElement.Phrase, from cursor: Int, forward: Bool)
    -> PatternMatcher.Ends
  {
    let slots = RuleContext.phraseCacheSlots
    let entry =
      context.phraseCache + (Self.ordinal(phrase) * 2 + (forward ? 1 : 0)) * slots
      + (cursor & (slots - 1))
    if entry.pointee.cursor != cursor {
      var found = PatternMatcher.Ends()
      find(phrase, from: cursor, forward: forward, into: &found)
      entry.pointee = (cursor, found)
    }
    return entry.pointee.ends
  }

  private static func ordinal(_ phrase: PatternElement.Phrase) -> Int {
    switch phrase {
    case .speaker: 0
    case .addressee: 1
    case .clause: 2
    case .adjuncts: 3
    case .skip: 4
    case .aside: 5
    }
  }

  private func find(
    _ phrase: PatternElement.Phrase, from cursor: Int, forward: Bool,
    into ends: inout PatternMatcher.Ends
  ) {
    let end: Int?
    switch (phrase, forward) {
    case (.speaker, true): end = speakerForward(cursor, addressee: false)
    case (.speaker, false): end = speakerBackward(cursor)
    case (.addressee, true): end = speakerForward(cursor, addressee: true)
    case (.addressee, false): end = nil
    case (.clause, true): end = clauseForward(cursor)
    case (.clause, false): end = clauseBackward(cursor)
    case (.adjuncts, true):
      adjunctsForward(cursor, into: &ends)
      return
    case (.adjuncts, false):
      adjunctsBackward(cursor, into: &ends)
      return
    case (.skip, _):
      skip(cursor, forward: forward, into: &ends)
      return
    case (.aside, _): end = aside(cursor, forward: forward)
    }
    if let end { ends.append(end) }
  }

  private func isWord(_ index: Int) -> Bool {
    index >= 0 && index < tokens.count
      && (tokens[index].kind == .word || tokens[index].kind == .number)
  }

  private func isCapitalized(_ index: Int) -> Bool {
    tokens[index].shape.contains(.capitalized) || tokens[index].shape.contains(.allCaps)
  }

  /// Whether a token can sit inside a speaker phrase (apart from the rules for prepositions
  /// and determiners).
  private func isNounPhraseWord(_ index: Int) -> Bool {
    guard isWord(index) else {
      // "&" in names (AT&T, Johnson & Johnson) and hyphens joining words.
      guard index >= 0 && index < tokens.count else { return false }
      // NB: the spelling compared through the context (raw buffers): a slice of the text
      // retained its storage at each call (bench-sample: 8,967 retains).
      // The period of an abbreviation or initial inside a name ("Mr. Bennet", "U.S.", "F.").
      if context.isText(index, "."), tokens[index].shape.contains(.attachedBefore), index > 0,
        index + 1 < tokens.count, tokens[index - 1].kind == .word, isCapitalized(index - 1),
        tokens[index - 1].utf8Range.count <= 4,
        isCapitalized(index + 1) || context.isText(index - 1, "Jr")
          || context.isText(index - 1, "Sr")
      {
        return true
      }
      return context.isText(index, "&")
        || (context.isText(index, "-") && tokens[index].shape.contains(.attachedBefore))
    }
    if context.has(index, bits.stop | bits.cues | bits.prepositions) && !isCapitalized(index) {
      return false
    }
    if context.has(index, bits.stop) { return false }
    if context.has(index, bits.adverbs) && !isCapitalized(index) { return false }
    if context.has(index, bits.cues) && !isCapitalized(index) { return false }
    return true
  }

  /// A speaker phrase that ends at `cursor` (its last token), read leftwards: "he",
  /// "State Department spokeswoman Morgan Ortagus", "the Department of Homeland Security".
  func speakerBackward(_ cursor: Int, skippingSetting: Bool = true) -> Int? {
    guard cursor >= 0 && cursor < tokens.count else { return nil }
    if context.has(cursor, bits.pronouns) {
      return cursor - 1
    }
    guard !isVerbLike(cursor) else { return nil }
    let sentenceStart = context.document.sentences[context.document.sentence(of: cursor)].tokens
      .lowerBound
    let limit = max(sentenceStart, cursor - Self.speakerLimit + 1)
    var index = cursor
    var start = cursor + 1
    while index >= limit {
      if context.has(index, bits.determiners) && !context.has(index, bits.pronouns) {
        start = index
        // "the head of the agency": go on through "of" after a determiner.
        if index - 2 >= limit, context.isText(index - 1, "of"), isNounPhraseWord(index - 2) {
          index -= 1
          start = index
          index -= 1
          continue
        }
        break
      }
      if context.has(index, bits.prepositions) {
        // Inside a name or a title: "Secretary of State", "Republicans in Congress".
        let ofLike =
          context.isText(index, "of") || context.isText(index, "for")
          || context.isText(index, "at") || context.isText(index, "in")
        guard ofLike, index + 1 <= cursor, index - 1 >= limit, isNounPhraseWord(index - 1),
          isCapitalized(index + 1) || context.has(index + 1, bits.determiners)
        else { break }
        start = index
        index -= 1
        continue
      }
      if start <= cursor, context.isText(index, "and") || context.isText(index, "&"),
        index - 1 >= limit, isCapitalized(index - 1), isCapitalized(index + 1),
        isNounPhraseWord(index - 1)
      {
        index -= 1
        continue
      }
      // A parenthesis after a name ("Sen. Ted Cruz (R-Tex.)"): part of the phrase.
      if index == cursor, let open = parenthesis(closedAt: index, limit: limit),
        open - 1 >= limit, isCapitalized(open - 1), isNounPhraseWord(open - 1)
      {
        index = open - 1
        continue
      }
      guard isNounPhraseWord(index) else { break }
      start = index
      index -= 1
    }
    guard start <= cursor else { return nil }
    // A phrase does not start with a preposition or a hyphen.
    while start <= cursor && (context.has(start, bits.prepositions) || !isWord(start)) {
      start += 1
    }
    guard start <= cursor, (start...cursor).contains(where: { tokens[$0].kind == .word }) else {
      return nil
    }
    // Only determiners is no phrase, except a quantifier standing for people ("many said").
    guard
      (start...cursor).contains(where: { !context.has($0, bits.determiners) })
        || (start == cursor && Self.quantifiers.contains { context.equalsLowercased(cursor, $0) })
    else {
      return nil
    }
    // A quantifier after its noun floats ("they all said", "Cruz and Rubio have both
    // argued"): the speaker is the phrase before it, past auxiliaries.
    if skippingSetting, start == cursor,
      Self.quantifiers.contains(where: { context.equalsLowercased(cursor, $0) })
    {
      var before = cursor - 1
      while before >= sentenceStart && before > cursor - 4 && context.has(before, bits.adverbs)
        && !context.has(before, bits.pronouns)
      {
        before -= 1
      }
      if before >= sentenceStart, isWord(before),
        let head = speakerBackward(before, skippingSetting: false)
      {
        return head
      }
    }
    // A phrase after "on", "at" or "during" is a setting, not the subject ("the senator on
    // Tuesday said", "Trump at the time said"): the speaker stands before it.
    // NB: one setting only, so that the search stays bounded.
    if skippingSetting, start - 2 >= sentenceStart,
      context.isText(start - 1, "on") || context.isText(start - 1, "at")
        || context.isText(start - 1, "during"),
      let before = speakerBackward(start - 2, skippingSetting: false)
    {
      return before
    }
    return start - 1
  }

  /// A speaker (or addressee) phrase that starts at `cursor`, read rightwards.
  func speakerForward(_ cursor: Int, addressee: Bool) -> Int? {
    guard cursor >= 0 && cursor < tokens.count else { return nil }
    if context.has(cursor, bits.pronouns) && !addressee { return cursor + 1 }
    if addressee && context.has(cursor, bits.objectPronouns) { return cursor + 1 }
    let sentence = context.document.sentence(of: cursor)
    let sentenceEnd = context.document.sentences[sentence].tokens.upperBound
    let limit = min(sentenceEnd, cursor + Self.speakerLimit)
    var index = cursor
    if context.has(index, bits.determiners) && !context.has(index, bits.pronouns) { index += 1 }
    var end = cursor
    while index < limit {
      if context.has(index, bits.prepositions) {
        let ofLike =
          context.isText(index, "of") || context.isText(index, "for")
          || context.isText(index, "at")
        guard ofLike, end > cursor, index + 1 < limit,
          isCapitalized(index + 1) || context.has(index + 1, bits.determiners)
        else { break }
        index += 1
        if context.has(index, bits.determiners) { index += 1 }
        continue
      }
      if context.has(index, bits.determiners) { break }
      // "Burton and Nick": a conjunction joins two names.
      if end > cursor, context.isText(index, "and") || context.isText(index, "&"),
        index + 1 < limit, isCapitalized(index + 1), isCapitalized(index - 1)
      {
        index += 1
        continue
      }
      // A parenthesis after a name ("Sen. Ted Cruz (R-Tex.) said"): part of the phrase.
      if end == index, end > cursor, isCapitalized(index - 1),
        let close = parenthesis(openedAt: index, limit: sentenceEnd)
      {
        index = close + 1
        end = index
        continue
      }
      guard isNounPhraseWord(index) else { break }
      index += 1
      end = index
    }
    while end > cursor && isVerbLike(end - 1) { end -= 1 }
    guard end > cursor else { return nil }
    return end
  }

  /// Whether a report with its own speaker starts at `start`, before `end`: an optional
  /// conjunction, a speaker phrase, adverbs, a lower-case cue, and more words after it ("but
  /// critics point to …", "others say …"), not an aside ("he said,").
  private func startsReport(at start: Int, before end: Int) -> Bool {
    // A quick look for a lower-case cue ahead first: most commas start no report.
    let horizon = min(end, start + Self.speakerLimit + 4)
    guard
      (start..<horizon).contains(where: {
        context.has($0, bits.cues) && tokens[$0].shape.contains(.lowercase)
      })
    else { return false }
    var index = start
    if index < end,
      context.isText(index, "but") || context.isText(index, "and")
        || context.isText(index, "while") || context.isText(index, "whereas")
        || context.isText(index, "yet") || context.isText(index, "though")
        || context.isText(index, "although")
    {
      index += 1
    }
    guard index < end, isWord(index), !context.has(index, bits.cues),
      let phraseEnd = speakerForward(index, addressee: false), phraseEnd < end
    else { return false }
    var cue = phraseEnd
    while cue < end && cue < phraseEnd + 3 && context.has(cue, bits.adverbs) { cue += 1 }
    guard cue + 1 < end, context.has(cue, bits.cues),
      tokens[cue].shape.contains(.lowercase), isWord(cue + 1)
    else { return false }
    return true
  }

  /// The "(" that a ")" at `close` closes, within six tokens and not before `limit`, with
  /// only words, numbers and joining punctuation between (a party and state, an age).
  private func parenthesis(closedAt close: Int, limit: Int) -> Int? {
    guard context.isText(close, ")") else { return nil }
    var index = close - 1
    while index >= max(limit, close - 6) {
      if context.isText(index, "(") { return index < close - 1 ? index : nil }
      guard isParentheticalToken(index) else { return nil }
      index -= 1
    }
    return nil
  }

  /// The ")" that closes a "(" at `open`, within six tokens and before `limit`.
  private func parenthesis(openedAt open: Int, limit: Int) -> Int? {
    guard context.isText(open, "(") else { return nil }
    var index = open + 1
    while index < min(limit, open + 7) {
      if context.isText(index, ")") { return index > open + 1 ? index : nil }
      guard isParentheticalToken(index) else { return nil }
      index += 1
    }
    return nil
  }

  private func isParentheticalToken(_ index: Int) -> Bool {
    isWord(index) || context.isText(index, "-") || context.isText(index, ".")
      || context.isText(index, ",")
  }

  /// Whether a lower-case word reads as a verb or an adverb ("-ed", "-ing", "-ly"): such a
  /// word may describe a noun but never ends a speaker phrase ("The court overruled").
  private func isVerbLike(_ index: Int, anyCase: Bool = false) -> Bool {
    guard tokens[index].kind == .word, anyCase || tokens[index].shape.contains(.lowercase) else {
      return false
    }
    let bytes = context.document.utf8[tokens[index].utf8Range]
    guard bytes.count > 4 else { return false }
    return bytes.reversed().starts(with: "de".utf8) || bytes.reversed().starts(with: "gni".utf8)
      || bytes.reversed().starts(with: "yl".utf8)
  }

  /// A content clause from `cursor` to the end of its sentence (without the final period),
  /// cut before ", adding …" or ", according to …" that start another report.
  func clauseForward(_ cursor: Int) -> Int? {
    guard cursor >= 0 && cursor < tokens.count else { return nil }
    let sentence = context.document.sentences[context.document.sentence(of: cursor)]
    var end = min(sentence.tokens.upperBound, cursor + Self.clauseLimit)
    // A clause that starts inside a quotation ends with it.
    if let inside = enclosingQuote(cursor) {
      end = min(end, context.quoteTokens[inside].closeStart)
    }
    // A quotation that starts in this sentence runs to its close.
    var index = cursor
    while index < end {
      let opening = context.quoteOpening[index]
      if opening >= 0 {
        let close = context.quoteTokens[Int(opening)].close
        if close >= end { end = min(close + 1, cursor + Self.clauseLimit * 4, tokens.count) }
        index = max(index + 1, close + 1)
        continue
      }
      // "…, and the downgrade is …" / "… and said …": a new clause or a new report starts.
      if index > cursor + 2, index + 1 < end,
        context.isText(index, "and") || context.isText(index, "but")
      {
        let next = index + 1
        if context.has(next, bits.cues) && tokens[next].shape.contains(.lowercase) {
          end = index
          break
        }
        if index - 1 > cursor, context.isText(index - 1, ","), context.has(next, bits.pronouns) {
          end = index - 1
          break
        }
      }
      // "… Y, but critics point to Z" / "…; others say Z": a second report with a speaker of
      // its own starts.
      if index > cursor + 2, index + 2 < end,
        context.isText(index, ",") || context.isText(index, ";")
          || context.isText(index, "while") || context.isText(index, "whereas")
          || context.isText(index, "but") || context.isText(index, "although"),
        startsReport(at: index + 1, before: end)
      {
        end = index
        break
      }
      if context.isText(index, ","), index + 1 < end {
        let next = index + 1
        let participle =
          context.has(next, bits.cues) && tokens[next].shape.contains(.lowercase)
          && context.document.utf8[tokens[next].utf8Range].reversed().starts(with: "gni".utf8)
        let according = context.isText(next, "according")
        // "Barkley, who said he votes Democratic, said …": the main clause's report resumes.
        let resumed =
          index + 2 < end && context.has(next, bits.classes)
          && tokens[next].shape.contains(.lowercase) && isWord(next + 1)
        if participle || according || resumed {
          end = index
          break
        }
      }
      index += 1
    }
    while end > cursor
      && (context.isTerminal(end - 1) || context.isText(end - 1, ",")
        || context.isText(end - 1, ":") || context.isText(end - 1, ";"))
    {
      end -= 1
    }
    guard end > cursor, (cursor..<end).contains(where: { isWord($0) }) else { return nil }
    return end
  }

  /// The depth-0 quotation whose marks enclose a token, found by a bounded look to the left:
  /// the nearest mark before the token in its paragraph, at most 200 tokens back, when it
  /// opens a quotation that closes at or after the token.
  /// NB: the nearest opening and closing marks come from the context's sorted lists (two
  /// binary searches), not from a walk over the tokens between.
  private func enclosingQuote(_ token: Int) -> Int? {
    let paragraphStart = context.document.paragraphs[context.document.paragraph(of: token)].tokens
      .lowerBound
    let limit = max(paragraphStart, token - 200)
    guard let opening = context.lastOpening(before: token), opening >= limit else { return nil }
    // A closing mark at or after the opening one is nearer (a token that closes one quotation
    // and opens another reads as closing).
    if let closing = context.lastClosing(before: token), closing >= opening { return nil }
    let quote = Int(context.quoteOpening[opening])
    return context.quoteTokens[quote].close >= token ? quote : nil
  }

  /// A content clause that ends at `cursor`, read leftwards to the start of its sentence.
  func clauseBackward(_ cursor: Int) -> Int? {
    guard cursor >= 0 && cursor < tokens.count else { return nil }
    let sentence = context.document.sentences[context.document.sentence(of: cursor)]
    var start = max(sentence.tokens.lowerBound, cursor - Self.clauseLimit + 1)
    // After a colon or a semicolon, the clause starts there.
    var index = cursor
    while index > start {
      if context.isText(index - 1, ":") || context.isText(index - 1, ";") {
        start = index
        break
      }
      index -= 1
    }
    guard start <= cursor, (start...cursor).contains(where: { isWord($0) }) else { return nil }
    return start - 1
  }

  /// Adverbs, times, and short prepositional phrases ("in a statement", "on Twitter",
  /// "in an interview with CNN"): every place where they may end, longest first.
  func adjunctsForward(_ cursor: Int, into ends: inout PatternMatcher.Ends) {
    let first = ends.count
    ends.append(cursor)
    var index = cursor
    let limit = min(tokens.count, cursor + 12)
    while index < limit {
      // A comma between adjuncts ("said, per a translator, that").
      if context.isText(index, ","), index + 1 < limit,
        context.has(index + 1, bits.adverbs | bits.prepositions) || context.isText(index + 1, "per")
      {
        index += 1
        continue
      }
      if context.isText(index, "per") || context.isText(index, "via") {
        var inner = index + 1
        if inner < limit && context.has(inner, bits.determiners) { inner += 1 }
        guard inner < limit, isNounPhraseWord(inner) else { break }
        index = inner + 1
        ends.append(index)
        continue
      }
      if context.has(index, bits.adverbs) && !context.has(index, bits.prepositions) {
        index += 1
        ends.append(index)
        continue
      }
      if context.has(index, bits.prepositions) {
        var inner = index + 1
        if inner < limit && context.has(inner, bits.determiners) { inner += 1 }
        var words = 0
        while inner < limit && words < 4 && isNounPhraseWord(inner) {
          inner += 1
          words += 1
        }
        guard words > 0 else { break }
        index = inner
        ends.append(index)
        continue
      }
      break
    }
    ends.reverse(from: first)
  }

  /// The cursor on the comma that ends an aside read from `cursor`, or nil.
  func aside(_ cursor: Int, forward: Bool) -> Int? {
    guard cursor >= 0 && cursor < tokens.count else { return nil }
    let sentence = context.document.sentence(of: cursor)
    let step = forward ? 1 : -1
    var index = cursor
    var words = 0
    for _ in 0..<25 {
      guard index >= 0 && index < tokens.count, context.document.sentence(of: index) == sentence,
        tokens[index].kind != .quoteMark || isPossessiveApostrophe(index)
      else { return nil }
      if context.isText(index, ",") { return words > 0 ? index : nil }
      if tokens[index].kind == .word { words += 1 }
      index += step
    }
    return nil
  }

  /// Whether a quotation mark is the apostrophe of a plural possessive ("Sanders’ campaign
  /// manager"): attached to a word ending in "s", and no quotation opens or closes there.
  private func isPossessiveApostrophe(_ index: Int) -> Bool {
    guard index > 0, tokens[index].shape.contains(.attachedBefore), isWord(index - 1),
      context.quoteOpening[index] < 0, context.quoteClosing[index] < 0,
      context.isText(index, "\u{2019}") || context.isText(index, "'")
    else { return false }
    let word = context.document.utf8[tokens[index - 1].utf8Range]
    return word.last == UInt8(ascii: "s")
  }

  /// Forward: the cursors at the sentence's last token and at its end. Backward: the cursors
  /// just after the speaker phrase that opens the sentence (on its last token, or one past it).
  func skip(_ cursor: Int, forward: Bool, into ends: inout PatternMatcher.Ends) {
    guard cursor >= 0 && cursor < tokens.count else { return }
    let sentence = context.document.sentences[context.document.sentence(of: cursor)].tokens
    if forward {
      // The sentence's final punctuation is left out first.
      if sentence.upperBound - 1 > cursor { ends.append(sentence.upperBound - 1) }
      ends.append(sentence.upperBound)
      return
    }
    // After an opening phrase ("Speaking at a rally, Clinton accused …", "Hours later, Trump
    // returned …") or a dateline ("WASHINGTON — Sen. …"), the subject comes after it.
    var start = dateline(sentence.lowerBound, before: cursor) ?? sentence.lowerBound
    if opensWithSetting(start) {
      guard let comma = aside(start, forward: true), comma + 1 < cursor, opensSubject(comma + 1)
      else { return }
      start = comma + 1
    }
    guard let end = speakerForward(start, addressee: false), end - 1 <= cursor else { return }
    // A later clause with a subject of its own ("…, and critics say …, saying"; "…, after
    // some followers attacked her and questioned …"): what follows reports that subject.
    if let later = laterSubject(after: end, through: cursor) {
      ends.append(later.end - 1)
      return
    }
    // NB: the speaker phrase read back from here must be that whole subject, not the end of a
    // longer phrase ("The Superintendent gazed at his witness" is no subject).
    guard speakerBackward(end - 1) == start - 1 else { return }
    if end <= cursor { ends.append(end) }
    ends.append(end - 1)
  }

  /// Whether a subject may start at `index`: a name, a determiner, a pronoun or a plural
  /// noun ("critics"), not a verb ("…, drew him aside", "and inquire what …").
  private func opensSubject(_ index: Int) -> Bool {
    guard isWord(index) else { return false }
    if isCapitalized(index) || context.has(index, bits.determiners | bits.pronouns) { return true }
    let bytes = context.document.utf8[tokens[index].utf8Range]
    return bytes.count > 3 && bytes.last == UInt8(ascii: "s") && !isVerbLike(index)
      && !context.has(index, bits.cues)
  }

  /// Whether the sentence opens with a setting rather than its subject: a preposition, an
  /// adverb or a participle, or a short phrase of time before a comma ("Hours later,", "Late
  /// last month,", "Back in 1999,").
  private func opensWithSetting(_ start: Int) -> Bool {
    if context.has(start, bits.prepositions | bits.adverbs) { return true }
    guard let comma = aside(start, forward: true), comma > start + 1 else { return false }
    // NB: a participle opens a phrase of several words ("Speaking at a rally,"); one word before
    // a comma is rather a name ("Fielding, who …").
    if tokens[start].kind == .word && isVerbLike(start, anyCase: true) { return true }
    guard comma - start <= 6 else { return false }
    let last = comma - 1
    return
      (context.has(last, bits.adverbs) && !context.has(last, bits.pronouns)
      && tokens[last].shape.contains(.lowercase)) || tokens[last].kind == .number
  }

  /// The first token after a dateline that opens a sentence ("WASHINGTON —", "MYRTLE BEACH,
  /// S.C. -", "WASHINGTON, Dec. 8 (UPI) —"): a place in capitals, then at most a few words,
  /// numbers and punctuation before a dash. Nil when the sentence opens otherwise.
  private func dateline(_ start: Int, before cursor: Int) -> Int? {
    guard tokens[start].kind == .word, tokens[start].shape.contains(.allCaps),
      tokens[start].utf8Range.count >= 3
    else { return nil }
    var index = start + 1
    while index < min(cursor, start + 10) {
      if context.isText(index, "—") || context.isText(index, "–")
        || (context.isText(index, "-") && !tokens[index].shape.contains(.attachedBefore))
      {
        return index + 1 < cursor ? index + 1 : nil
      }
      guard tokens[index].kind != .quoteMark, tokens[index].kind != .word || isCapitalized(index)
      else { return nil }
      index += 1
    }
    return nil
  }

  /// The end of the subject of the last clause that starts after `from` and before `cursor`
  /// with a conjunction and a subject of its own (", and the ACLU has sued …", ", after some
  /// of her followers attacked …", "and he …"), when a verb follows that subject; nil
  /// otherwise. Bounded: at most 40 tokens are read.
  private func laterSubject(after from: Int, through cursor: Int) -> (start: Int, end: Int)? {
    var index = cursor - 1
    while index > from && index >= cursor - 40 {
      defer { index -= 1 }
      guard
        context.isText(index, "and") || context.isText(index, "but")
          || context.isText(index, "while") || context.isText(index, "after")
          || context.isText(index, "although") || context.isText(index, "though")
          || context.isText(index, "whereas") || context.isText(index, "yet")
      else { continue }
      let subject = index + 1
      guard subject < cursor, isWord(subject), !context.has(subject, bits.cues | bits.adverbs),
        opensSubject(subject)
      else { continue }
      // Without a comma, only a pronoun surely starts a clause ("… and he told …").
      let comma = context.isText(index - 1, ",") || context.isText(index - 1, ";")
      guard comma || context.has(subject, bits.pronouns) else { continue }
      guard let phraseEnd = speakerForward(subject, addressee: false) else { continue }
      // NB: the forward reading may run on through a short verb ("the ACLU sued the city"):
      // the subject ends before the first lower-case word that the backward reading agrees on.
      var end = min(phraseEnd, cursor)
      while end > subject {
        if isWord(end), tokens[end].shape.contains(.lowercase),
          !context.has(end, bits.prepositions | bits.determiners),
          speakerBackward(end - 1) == subject - 1
        {
          return (subject, end)
        }
        end -= 1
      }
    }
    return nil
  }

  /// Adverbs and auxiliaries read leftwards ("has also", "on Tuesday").
  func adjunctsBackward(_ cursor: Int, into ends: inout PatternMatcher.Ends) {
    let first = ends.count
    ends.append(cursor)
    var index = cursor
    let limit = max(-1, cursor - 6)
    while index > limit && context.has(index, bits.adverbs) && !context.has(index, bits.pronouns) {
      index -= 1
      ends.append(index)
    }
    ends.reverse(from: first)
  }
}
