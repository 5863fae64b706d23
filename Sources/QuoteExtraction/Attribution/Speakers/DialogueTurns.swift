/// Gives direct quotations without a speaker the speaker that dialogue implies.
///
/// - Within a paragraph, quotations without a tag share the tagged quotation's speaker
///   (“Yes,” said he. “I will.”).
/// - A paragraph of untagged quotation that follows a dialogue paragraph answers it: its
///   speaker is the person addressed by name in the previous quotation (a vocative), else the
///   speaker of the turn before (speakers alternate), else the latest other person mentioned.
struct DialogueTurns {
  let document: Document
  let analyzer: MentionAnalyzer
  /// People mentioned in the narration, in text order.
  let narration: [NarrationMention]

  private struct Turn {
    var paragraph: Int
    var entity: Int
  }

  func assign(_ result: inout ExtractionResult, table: inout EntityTable) {
    var byParagraph: [(paragraph: Int, attributions: [Int])] = []
    for (index, attribution) in result.attributions.enumerated() where attribution.type == .direct {
      guard let fragment = attribution.fragments.first, !fragment.isEmpty else { continue }
      let token = analyzer.tokens(in: fragment).lowerBound
      guard token < document.tokens.count else { continue }
      let paragraph = document.paragraph(of: token)
      if let last = byParagraph.last, last.paragraph == paragraph {
        byParagraph[byParagraph.count - 1].attributions.append(index)
      } else {
        byParagraph.append((paragraph, [index]))
      }
    }
    var quoteParagraphs = Set<Int>()
    for quote in result.quotes { quoteParagraphs.formUnion(quote.paragraphs) }
    var previous: Turn? = nil
    var beforePrevious: Turn? = nil
    for group in byParagraph {
      let tagged = group.attributions.last { result.attributions[$0].speaker != nil }
      var speaker: Int? = nil
      if let tagged {
        speaker = result.attributions[tagged].entity
        let source = result.attributions[tagged]
        for index in group.attributions
        where result.attributions[index].entity == nil
          && result.attributions[index].speaker == nil
        {
          result.attributions[index].speaker = source.speaker
          result.attributions[index].speakerKind = source.speakerKind
          result.attributions[index].entity = source.entity
        }
      } else if group.attributions.allSatisfy({ result.attributions[$0].speaker == nil }),
        let last = previous, last.paragraph == group.paragraph - 1
      {
        let position = result.attributions[group.attributions[0]].content.lowerBound
        let paragraph = document.paragraphs[group.paragraph]
        speaker =
          firstMention(in: paragraph.utf8Start..<position)
          ?? addressee(inParagraph: last.paragraph, of: result, speaker: last.entity, table: table)
          ?? beforePrevious.flatMap {
            $0.paragraph == last.paragraph - 1 && $0.entity != last.entity ? $0.entity : nil
          }
          ?? table.latestPerson(before: position, excluding: [last.entity])
      } else if group.attributions.allSatisfy({ result.attributions[$0].speaker == nil }) {
        // A quotation after narration: the person the narration was about speaks.
        let position = result.attributions[group.attributions[0]].content.lowerBound
        let paragraph = document.paragraphs[group.paragraph]
        speaker = firstMention(in: paragraph.utf8Start..<position)
        if speaker == nil, group.paragraph > 0, !quoteParagraphs.contains(group.paragraph - 1) {
          let before = document.paragraphs[group.paragraph - 1]
          speaker = lastMention(in: before.utf8Start..<before.utf8End)
        }
        if speaker == nil {
          speaker = firstMention(in: position..<paragraph.utf8End)
        }
      }
      if group.attributions.allSatisfy({ result.attributions[$0].speaker == nil }) {
        if let speaker {
          table.markSpeaker(speaker)
          for index in group.attributions {
            result.attributions[index].entity = speaker
            result.attributions[index].speakerKind = .implicit
          }
        }
      }
      if let speaker {
        beforePrevious = previous
        previous = Turn(paragraph: group.paragraph, entity: speaker)
      }
    }
  }

  private func mentions(in utf8Range: Range<Int>) -> ArraySlice<NarrationMention> {
    var low = 0
    var high = narration.count
    while low < high {
      let mid = (low + high) / 2
      if narration[mid].utf8Start < utf8Range.lowerBound { low = mid + 1 } else { high = mid }
    }
    var end = low
    while end < narration.count, narration[end].utf8Start < utf8Range.upperBound { end += 1 }
    return narration[low..<end]
  }

  private func firstMention(in utf8Range: Range<Int>) -> Int? {
    mentions(in: utf8Range).first?.entity
  }

  private func lastMention(in utf8Range: Range<Int>) -> Int? {
    mentions(in: utf8Range).last?.entity
  }

  /// A person named in the quotations of a paragraph as the one spoken to (“…, Jane.”,
  /// “Mr. Darcy, …”), other than the speaker.
  private func addressee(
    inParagraph paragraph: Int, of result: ExtractionResult, speaker: Int, table: EntityTable
  ) -> Int? {
    let tokens = document.paragraphs[paragraph].tokens
    var found: Int? = nil
    for index in tokens where analyzer.isCapitalized(index) {
      guard index > tokens.lowerBound, index + 1 < tokens.upperBound else { continue }
      let before = index - 1
      let after = index + 1
      let isVocative =
        analyzer.bytesEqual(before, ",") || document.tokens[before].kind == .quoteMark
        || analyzer.bytesEqual(before, ".") && before - 1 >= tokens.lowerBound
          && analyzer.isHonorific(before - 1)
      let closes =
        analyzer.bytesEqual(after, ",") || analyzer.bytesEqual(after, "!")
        || analyzer.bytesEqual(after, "?") || analyzer.bytesEqual(after, ".")
        || document.tokens[after].kind == .quoteMark
      guard isVocative, closes, !analyzer.isHonorific(index) else { continue }
      guard !analyzer.lexicons.notNames.contains(analyzer.wordBytes(index)) else { continue }
      if let id = table.match(nameWords: [analyzer.lowercasedWord(index)], gender: .unknown),
        id != speaker
      {
        found = id
      }
    }
    return found
  }
}
