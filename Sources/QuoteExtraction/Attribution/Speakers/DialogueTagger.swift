/// Finds the speaker tag next to a quotation in dialogue (“…,” said Elizabeth / “…,” he
/// cried / Elizabeth said, “…”), for quotations that reached the resolver without a speaker.
///
/// NB: a stopgap while the rule passes do not yet capture speakers; once they do, it only fills
/// what they leave empty.
struct DialogueTagger {
  let analyzer: MentionAnalyzer
  /// Whether the document is fiction: a tag before a quotation then needs a verb of the list.
  ///
  /// NB: in fiction, the narration before a quotation is most often what the speaker, or
  /// someone else, does ("as he finished, “…”", "She turned, “…”"); news writes its
  /// tags with a verb of saying ("Pelosi tweeted, “…”").
  var fiction = false

  var document: Document { analyzer.document }
  var lexicons: SpeakerLexicons { analyzer.lexicons }

  /// A tag: the speaker mention and the speech verb.
  struct Tag {
    var speaker: Range<Token.Index>
    var cue: Token.Index
  }

  /// The tag after the closing mark or before the opening mark of a quotation, in the same
  /// paragraph.
  ///
  /// NB: the marks' tokens are looked for as the tokens just around the content's (see
  /// ``MentionAnalyzer/tokens(in:guess:)``), the content's being known already (the resolver
  /// finds every quotation's tokens before it looks for tags); the opening mark's only when
  /// no tag follows the quotation.
  func tag(for quote: QuotedSpan) -> Tag? {
    let content = analyzer.tokens(in: quote.content)
    if let close = quote.closeMark,
      let tag = tagAfter(
        analyzer.tokens(in: close, guess: content.upperBound..<(content.upperBound + 1))
          .upperBound)
    {
      return tag
    }
    // Dash dialogue has no closing mark before the narrator's words (—Look at yourself, he
    // said.): the tag follows the speech itself.
    if quote.kind == .dashDialogue, quote.closeMark == nil, let tag = tagAfter(content.upperBound) {
      return tag
    }
    let open = analyzer.tokens(
      in: quote.openMark, guess: (content.lowerBound - 1)..<content.lowerBound)
    return tagBefore(open.lowerBound)
  }

  private func paragraphTokens(_ index: Token.Index) -> Range<Token.Index> {
    document.paragraphs[document.paragraph(of: index)].tokens
  }

  /// A verb of saying; with `listedOnly`, only one of the list (not any past tense).
  private func isVerb(_ index: Token.Index, listedOnly: Bool = false) -> Bool {
    guard analyzer.isWord(index), !analyzer.isCapitalized(index) else { return false }
    // NB: the lists come from the analyzer's per-token cache (one lookup per token for every
    // list), not from a lookup of their own.
    if analyzer.lists(index).contains(.dialogueVerb) { return true }
    if listedOnly { return false }
    let bytes = analyzer.wordBytes(index)
    // Past tenses not on the list ("ejaculated", "expostulated") tag dialogue just as well.
    return bytes.count > 4 && bytes.last == 0x64 && bytes.dropLast().last == 0x65
  }

  private func isPunctuation(_ index: Token.Index, _ ascii: StaticString) -> Bool {
    analyzer.bytesEqual(index, ascii)
  }

  /// “…,” said NAME / “…,” NAME said / “…” — NAME said.
  private func tagAfter(_ start: Token.Index) -> Tag? {
    guard start < document.tokens.count else { return nil }
    let paragraph = paragraphTokens(start - 1)
    guard paragraph.contains(start) else { return nil }
    var index = start
    while index < paragraph.upperBound,
      isPunctuation(index, ",") || analyzer.isDash(index)
    {
      index += 1
    }
    guard index < paragraph.upperBound else { return nil }
    if isVerb(index), let speaker = speakerForward(from: index + 1, within: paragraph) {
      return Tag(speaker: speaker, cue: index)
    }
    if let speaker = speakerForward(from: index, within: paragraph),
      speaker.upperBound < paragraph.upperBound
    {
      var verb = speaker.upperBound
      // One adverb may stand between ("she said quietly" is covered; "she quietly said" too).
      if !isVerb(verb), verb + 1 < paragraph.upperBound, analyzer.isWord(verb),
        !analyzer.isCapitalized(verb), isVerb(verb + 1)
      {
        verb += 1
      }
      if isVerb(verb) { return Tag(speaker: speaker, cue: verb) }
    }
    return nil
  }

  /// NAME said, “…” / NAME said: “…”.
  private func tagBefore(_ open: Token.Index) -> Tag? {
    let paragraph = paragraphTokens(open)
    var index = open - 1
    guard index >= paragraph.lowerBound,
      isPunctuation(index, ",") || isPunctuation(index, ":")
    else { return nil }
    index -= 1
    guard index > paragraph.lowerBound, isVerb(index, listedOnly: fiction) else { return nil }
    let verb = index
    if let speaker = speakerBackward(endingAt: verb - 1, within: paragraph) {
      return Tag(speaker: speaker, cue: verb)
    }
    return nil
  }

  /// NB: the word lists are byte tables, not sets of strings: a string was made of each word
  /// of a description and hashed with the standard hasher.
  private static let subjectPronouns = ByteLexicon<Void>(
    words: ["he", "she", "i", "we", "they", "you"])

  private static let stopWords = ByteLexicon<Void>(words: [
    "to", "with", "in", "as", "at", "from", "for", "and", "but", "when", "while", "who", "after",
    "before", "again", "then", "not", "on", "of", "by", "that", "if", "so",
  ])

  /// A pronoun, a name with its honorific, or a short description opened by a determiner.
  private func speakerForward(from start: Token.Index, within paragraph: Range<Token.Index>)
    -> Range<Token.Index>?
  {
    guard start < paragraph.upperBound, analyzer.isWord(start) else { return nil }
    let lists = analyzer.lists(start)
    let opensDescription =
      lists.contains(.determiner) && start + 1 < paragraph.upperBound
      && analyzer.isWord(start + 1)
    if lists.contains(.pronoun), !opensDescription {
      return DialogueTagger.subjectPronouns.contains(analyzer.wordBytes(start))
        ? start..<(start + 1) : nil
    }
    if analyzer.isCapitalized(start) {
      guard !lists.contains(.notName) || analyzer.isHonorific(start) else { return nil }
      var end = start + 1
      while end < paragraph.upperBound, end - start < 6,
        analyzer.isCapitalized(end) || analyzer.isAbbreviationPeriod(end)
      {
        end += 1
      }
      if analyzer.bytesEqual(end - 1, ".") { end -= 1 }
      return start..<end
    }
    if lists.contains(.determiner) {
      var end = start + 1
      // Whether the description's person noun has been read: only another one may follow
      // ("the boy officer"); an adverb ends it ("said his wife impatiently", "the man a little
      // impatiently").
      var headRead = false
      while end < paragraph.upperBound, end - start < 7,
        (analyzer.isWord(end)
          && !DialogueTagger.stopWords.contains(analyzer.wordBytes(end)) && !isVerb(end))
          || (analyzer.bytesEqual(end, "-") && document.tokens[end].shape.contains(.attachedBefore)
            && end + 1 < paragraph.upperBound && analyzer.isWord(end + 1))
      {
        let isPersonNoun = analyzer.isWord(end) && lexicons.roles.contains(analyzer.wordBytes(end))
        // NB: a name after the person noun stays ("the news anchor Ilia Calderón").
        if headRead, !isPersonNoun, !analyzer.isCapitalized(end) { break }
        // NB: "his mother's voice": a possessive noun is not the head.
        if isPersonNoun, !analyzer.isPossessive(end) { headRead = true }
        end += 1
      }
      return end > start + 1 ? start..<end : nil
    }
    return nil
  }

  private func speakerBackward(endingAt last: Token.Index, within paragraph: Range<Token.Index>)
    -> Range<Token.Index>?
  {
    guard last >= paragraph.lowerBound, analyzer.isWord(last) else { return nil }
    if analyzer.lists(last).contains(.pronoun) {
      return DialogueTagger.subjectPronouns.contains(analyzer.wordBytes(last))
        ? last..<(last + 1) : nil
    }
    if analyzer.isCapitalized(last) {
      var start = last
      while start - 1 >= paragraph.lowerBound, last - start < 5,
        analyzer.isCapitalized(start - 1) || analyzer.isAbbreviationPeriod(start - 1)
      {
        start -= 1
      }
      return start..<(last + 1)
    }
    var start = last
    while start - 1 >= paragraph.lowerBound, last - start < 4, analyzer.isWord(start - 1) {
      start -= 1
      if analyzer.lists(start).contains(.determiner) { return start..<(last + 1) }
    }
    return nil
  }
}
