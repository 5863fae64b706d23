/// Finds the people that fiction's narration introduces by a description rather than a name
/// ("a small boy", "an old woman"), so that the pronouns that follow can refer to them.
///
/// Only descriptions opened by an article whose head is a gendered person noun of the roles
/// list count ("a girl", "the boy"). The resolver takes one in only when no named person of
/// its gender is in view: then even "the boy" is someone the story has not named (a novel
/// that opens on "the boy" and "he"); otherwise it most often refers to one of them.
struct NarrationDescriptions {
  let analyzer: MentionAnalyzer
  let insideQuote: [Bool]

  var document: Document { analyzer.document }
  var lexicons: SpeakerLexicons { analyzer.lexicons }

  /// How many words may stand between the article and the person noun ("a tall, thin old
  /// man").
  static let maximumModifiers = 3

  /// The description mentions of the narration, in text order.
  /// - Complexity: O(n) in the number of tokens (each article looks ahead a bounded number of
  ///   tokens).
  func scan() -> [SpeakerMention] {
    var mentions: [SpeakerMention] = []
    let tokens = document.tokens
    var index = 0
    while index < tokens.count {
      defer { index += 1 }
      guard !insideQuote[index], isArticle(index) else { continue }
      let paragraph = document.paragraph(of: index)
      var end = index + 1
      while end < tokens.count, end - index <= NarrationDescriptions.maximumModifiers + 1,
        !insideQuote[end], analyzer.isWord(end), !analyzer.isCapitalized(end),
        document.paragraph(of: end) == paragraph
      {
        if let gender = lexicons.roles.value(analyzer.wordBytes(end)),
          gender == .male || gender == .female
        {
          // "a man's voice" is the voice; "a boy scout" goes on past the noun.
          let next = end + 1
          let goesOn =
            analyzer.isPossessive(end)
            || (next < tokens.count && analyzer.isWord(next) && !analyzer.isCapitalized(next)
              && lexicons.roles.contains(analyzer.wordBytes(next)))
          if !goesOn, let mention = analyzer.analyze(tokens: index..<(end + 1)),
            mention.kind == .description, mention.gender == gender
          {
            mentions.append(mention)
          }
          index = end
          break
        }
        end += 1
      }
    }
    return mentions
  }

  private func isArticle(_ index: Token.Index) -> Bool {
    analyzer.bytesEqual(index, "a") || analyzer.bytesEqual(index, "an")
      || analyzer.bytesEqual(index, "A") || analyzer.bytesEqual(index, "An")
      || analyzer.bytesEqual(index, "the") || analyzer.bytesEqual(index, "The")
  }
}
