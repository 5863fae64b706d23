/// Finds personal names in the narration (outside quotations), so that pronouns can refer to
/// people who are mentioned without speaking.
///
/// A capitalised run counts as a name only when it is safe to: it follows an honorific
/// ("Mr. Darcy"), starts with a known given name, or shares a word with a speaker's name.
/// Places and organisations therefore rarely become people.
struct NarrationNames {
  let analyzer: MentionAnalyzer
  let insideQuote: [Bool]

  var document: Document { analyzer.document }
  var lexicons: SpeakerLexicons { analyzer.lexicons }

  /// How often a capitalised word must occur inside sentences to count as a name.
  static let recurrence = 3

  /// The name mentions of the narration, in text order.
  /// - Complexity: O(n) in the number of tokens.
  func scan(knownWords: Set<String>) -> [SpeakerMention] {
    var known = ByteLexicon<Void>()
    for word in knownWords { known.insert(word, value: ()) }
    var mentions: [SpeakerMention] = []
    let tokens = document.tokens
    // Capitalised words that recur inside sentences are names of something; those that also
    // head a name run are taken as people (a place rarely heads a run before "said").
    var recurring: [UInt64: Int] = [:]
    for index in tokens.indices
    where !insideQuote[index] && analyzer.isCapitalized(index) && !analyzer.isSentenceInitial(index)
      && !analyzer.isHonorific(index) && !analyzer.isRole(index)
      && !lexicons.notNames.contains(analyzer.wordBytes(index))
      && !lexicons.organizationHeads.contains(analyzer.wordBytes(index))
    {
      recurring[ByteLexicon<Void>.hash(analyzer.wordBytes(index)), default: 0] += 1
    }
    var index = 0
    while index < tokens.count {
      guard !insideQuote[index], analyzer.isWord(index) else {
        index += 1
        continue
      }
      if analyzer.bytesEqual(index, "he") || analyzer.bytesEqual(index, "He")
        || analyzer.bytesEqual(index, "she") || analyzer.bytesEqual(index, "She")
        || analyzer.bytesEqual(index, "I")
      {
        // A subject pronoun keeps its person the most salient one; "I" is the narrator.
        if let mention = analyzer.analyze(tokens: index..<(index + 1)) { mentions.append(mention) }
        index += 1
        continue
      }
      guard analyzer.isCapitalized(index) else {
        index += 1
        continue
      }
      var start = index
      var first = index
      if analyzer.isHonorific(index) {
        first = index + 1
        if first < tokens.count, analyzer.bytesEqual(first, ".") { first += 1 }
        guard first < tokens.count, analyzer.isCapitalized(first), !insideQuote[first],
          document.paragraph(of: first) == document.paragraph(of: index)
        else {
          index += 1
          continue
        }
      } else {
        start = index
      }
      var end = first
      let sentence = document.sentence(of: first)
      while end < tokens.count, end - first < 4, !insideQuote[end],
        document.sentence(of: end) == sentence, analyzer.isNameWord(end),
        !lexicons.notNames.contains(analyzer.wordBytes(end)), !analyzer.isRole(end),
        !analyzer.isHonorific(end)
      {
        end += 1
        if analyzer.isPossessive(end - 1) { break }
        // "George W. Bush": an initial's period.
        if end < tokens.count, analyzer.bytesEqual(end, "."),
          tokens[end].shape.contains(.attachedBefore), tokens[end - 1].utf8Range.count == 1,
          end + 1 < tokens.count, analyzer.isCapitalized(end + 1)
        {
          end += 1
        }
      }
      guard end > first else {
        index = max(index + 1, first)
        continue
      }
      let run = first..<end
      let accepted =
        start < first
        || run.contains { known.contains(analyzer.wordBytes($0)) }
        || lexicons.givenNames.contains(analyzer.wordBytes(first))
        || (recurring[ByteLexicon<Void>.hash(analyzer.wordBytes(end - 1))] ?? 0)
          >= NarrationNames.recurrence
      if accepted,
        !lexicons.notNames.contains(analyzer.wordBytes(first)) || start < first,
        let mention = analyzer.analyze(tokens: start..<end), mention.kind == .name
      {
        mentions.append(mention)
      }
      index = end
    }
    return mentions
  }
}

/// A mention resolved to an entity, in the narration or as a speaker tag.
struct NarrationMention {
  /// Where the mention starts, as a UTF-8 byte offset.
  var utf8Start: Int
  /// The entity id in the ``EntityTable``.
  var entity: Int
  /// Whether the mention is in the narration (not a speaker tag).
  var isNarration: Bool
}
