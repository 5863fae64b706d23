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
  /// The resolved mentions (narration and speaker tags), in text order.
  let mentions: [NarrationMention]
  /// Whether the document reads as fiction (dialogue takes turns) rather than news.
  let fiction: Bool

  private struct Turn {
    var paragraph: Int
    var entity: Int
  }

  func assign(_ result: inout ExtractionResult, table: inout EntityTable) {
    // NB: only a direct quotation with neither a speaker nor an entity is given one below (and
    // the rest is read only for it): without one, nothing is gathered.
    guard
      result.attributions.contains(where: {
        $0.type == .direct && $0.speaker == nil && $0.entity == nil
      })
    else { return }
    var byParagraph: [(paragraph: Int, attributions: [Int])] = []
    // NB: the attributions' fields are read in place: a copy of one retains each of its arrays.
    for index in result.attributions.indices where result.attributions[index].type == .direct {
      guard let fragment = result.attributions[index].fragments.first, !fragment.isEmpty
      else { continue }
      let token = analyzer.tokens(in: fragment).lowerBound
      guard token < document.tokens.count else { continue }
      let paragraph = document.paragraph(of: token)
      if let last = byParagraph.last, last.paragraph == paragraph {
        byParagraph[byParagraph.count - 1].attributions.append(index)
      } else {
        byParagraph.append((paragraph, [index]))
      }
    }
    let groups = byParagraph.map { Group(paragraph: $0.paragraph, attributions: $0.attributions) }
    shareTags(groups, &result)
    // NB: in news a quotation paragraph without a tag continues the previous paragraph's
    // speaker; speakers do not take turns as in a novel's dialogue.
    if !fiction {
      continueParagraphs(groups, &result, table: &table)
      return
    }
    // Only turn-taking reads which paragraphs hold quotations: gathered here, not in news.
    var quoteParagraphs = Set<Int>()
    for quote in result.quotes { quoteParagraphs.formUnion(quote.paragraphs) }
    forward(groups, &result, table: &table, quoteParagraphs: quoteParagraphs, guessing: false)
    backward(groups, &result, table: &table)
    forward(groups, &result, table: &table, quoteParagraphs: quoteParagraphs, guessing: true)
  }

  private struct Group {
    var paragraph: Int
    var attributions: [Int]
  }

  /// The speaker of a paragraph of dialogue so far, if any.
  // NB: the two below take the attributions, not the result: passing an `inout` result by
  // value copied it, retaining each of its arrays, for every group.
  private func speaker(of group: Group, _ attributions: [Attribution]) -> Int? {
    group.attributions.lazy.compactMap { attributions[$0].entity }.last
  }

  private func isUntagged(_ group: Group, _ attributions: [Attribution]) -> Bool {
    group.attributions.allSatisfy {
      attributions[$0].speaker == nil && attributions[$0].entity == nil
    }
  }

  private func setImplicit(
    _ group: Group, _ speaker: Int, _ result: inout ExtractionResult, table: inout EntityTable
  ) {
    table.markSpeaker(speaker)
    for index in group.attributions {
      result.attributions[index].entity = speaker
      result.attributions[index].speakerKind = .implicit
    }
  }

  /// News: an untagged quotation paragraph right after a paragraph with a speaker continues it,
  /// and points at the same speaker mention.
  private func continueParagraphs(
    _ groups: [Group], _ result: inout ExtractionResult, table: inout EntityTable
  ) {
    var sourceOfParagraph: [Int: Int] = [:]
    for index in result.attributions.indices {
      guard result.attributions[index].entity != nil,
        let first = result.attributions[index].fragments.first
      else { continue }
      let token = analyzer.tokens(in: first).lowerBound
      if token < document.tokens.count { sourceOfParagraph[document.paragraph(of: token)] = index }
    }
    for group in groups where isUntagged(group, result.attributions) {
      guard let source = sourceOfParagraph[group.paragraph - 1] else { continue }
      let speaker = result.attributions[source].speaker
      let entity = result.attributions[source].entity
      let kind: Attribution.MentionKind? =
        speaker == nil ? .implicit : result.attributions[source].speakerKind
      for index in group.attributions {
        result.attributions[index].speaker = speaker
        result.attributions[index].entity = entity
        result.attributions[index].speakerKind = kind
      }
      sourceOfParagraph[group.paragraph] = group.attributions.last
    }
  }

  /// Quotations of a paragraph without a tag share the tagged quotation's speaker.
  private func shareTags(_ groups: [Group], _ result: inout ExtractionResult) {
    for group in groups {
      guard let tagged = group.attributions.last(where: { result.attributions[$0].speaker != nil })
      else { continue }
      let speaker = result.attributions[tagged].speaker
      let kind = result.attributions[tagged].speakerKind
      let entity = result.attributions[tagged].entity
      for index in group.attributions
      where result.attributions[index].entity == nil && result.attributions[index].speaker == nil {
        result.attributions[index].speaker = speaker
        result.attributions[index].speakerKind = kind
        result.attributions[index].entity = entity
      }
    }
  }

  /// Reads the dialogue forwards: an untagged paragraph answers the previous turn, or follows
  /// the narration about its speaker. With `guessing`, falls back to the latest other person.
  private func forward(
    _ groups: [Group], _ result: inout ExtractionResult, table: inout EntityTable,
    quoteParagraphs: Set<Int>, guessing: Bool
  ) {
    var previous: Turn? = nil
    var beforePrevious: Turn? = nil
    for group in groups {
      var found = speaker(of: group, result.attributions)
      if found == nil, isUntagged(group, result.attributions) {
        let position = result.attributions[group.attributions[0]].content.lowerBound
        let paragraph = document.paragraphs[group.paragraph]
        // Someone the quotation addresses by name is not its speaker (“Well, Watson, …”).
        let addressed = addressees(of: group, result, table: table)
        func allowed(_ id: Int?) -> Int? { id.flatMap { addressed.contains($0) ? nil : $0 } }
        if let last = previous, last.paragraph == group.paragraph - 1 {
          found =
            allowed(firstMention(in: paragraph.utf8Start..<position, table: table))
            ?? allowed(
              addressee(
                inParagraph: last.paragraph, of: result, speaker: last.entity, table: table))
            ?? allowed(
              beforePrevious.flatMap {
                $0.paragraph == last.paragraph - 1 && $0.entity != last.entity ? $0.entity : nil
              })
          // It speaks to the one the turns would give it to: the one who spoke before goes on.
          if found == nil, !addressed.isEmpty { found = allowed(last.entity) }
          if found == nil, guessing {
            found = latestPerson(
              before: position, excluding: addressed.union([last.entity]), table: table)
          }
        } else if guessing || previous?.paragraph != group.paragraph - 1 {
          // A quotation after narration: the person the narration was about speaks.
          found = allowed(firstMention(in: paragraph.utf8Start..<position, table: table))
          if found == nil, group.paragraph > 0, !quoteParagraphs.contains(group.paragraph - 1) {
            let before = document.paragraphs[group.paragraph - 1]
            found = allowed(lastMention(in: before.utf8Start..<before.utf8End, table: table))
          }
          if found == nil {
            found = allowed(firstMention(in: position..<paragraph.utf8End, table: table))
          }
          // The narration was about the one spoken to: the one who spoke before answers.
          if found == nil, !addressed.isEmpty { found = allowed(previous?.entity) }
        }
        if let found { setImplicit(group, found, &result, table: &table) }
      }
      if let found {
        beforePrevious = previous
        previous = Turn(paragraph: group.paragraph, entity: found)
      }
    }
  }

  /// The people a paragraph's quotations address by name (vocatives), as entities.
  private func addressees(of group: Group, _ result: ExtractionResult, table: EntityTable)
    -> Set<Int>
  {
    var found = Set<Int>()
    for index in group.attributions {
      for fragment in result.attributions[index].fragments {
        for vocative in analyzer.vocatives(in: analyzer.tokens(in: fragment)) {
          let word = analyzer.lowercasedWord(vocative)
          if let id = table.match(nameWords: [word], gender: .unknown) { found.insert(id) }
        }
      }
    }
    return found
  }

  /// Reads the dialogue backwards: an untagged paragraph before two alternating turns belongs
  /// to the speaker of the second ("“A” / “B” / “C,” said X": A is X's).
  private func backward(
    _ groups: [Group], _ result: inout ExtractionResult, table: inout EntityTable
  ) {
    var next: Turn? = nil
    var afterNext: Turn? = nil
    for group in groups.reversed() {
      var found = speaker(of: group, result.attributions)
      if found == nil, isUntagged(group, result.attributions), let following = next,
        following.paragraph == group.paragraph + 1, let second = afterNext,
        second.paragraph == group.paragraph + 2, second.entity != following.entity,
        !addressees(of: group, result, table: table).contains(second.entity)
      {
        found = second.entity
        setImplicit(group, second.entity, &result, table: &table)
      }
      if let found {
        afterNext = next
        next = Turn(paragraph: group.paragraph, entity: found)
      }
    }
  }

  private func mentions(in utf8Range: Range<Int>) -> ArraySlice<NarrationMention> {
    var low = 0
    var high = mentions.count
    while low < high {
      let mid = (low + high) / 2
      if mentions[mid].utf8Start < utf8Range.lowerBound { low = mid + 1 } else { high = mid }
    }
    var end = mentions.count
    var from = low
    while from < end {
      let mid = (from + end) / 2
      if mentions[mid].utf8Start < utf8Range.upperBound { from = mid + 1 } else { end = mid }
    }
    return mentions[low..<max(low, end)]
  }

  /// The person mentioned last before a position (named, or known by a description such as
  /// "the girl"), other than the `excluded`, looking back over a
  /// bounded number of mentions.
  private func latestPerson(before position: Int, excluding excluded: Set<Int>, table: EntityTable)
    -> Int?
  {
    let before = mentions(in: 0..<position)
    for mention in before.reversed().prefix(40)
    where !excluded.contains(mention.entity)
      && (table.records[mention.entity].kind == .person
        || table.records[mention.entity].isDescribedPerson)
      && !table.records[mention.entity].isPlaceLike
    {
      return mention.entity
    }
    return nil
  }

  /// The first entity mentioned in a range that is not a place (see
  /// ``EntityTable/Record/isPlaceLike``).
  private func firstMention(in utf8Range: Range<Int>, table: EntityTable) -> Int? {
    mentions(in: utf8Range).first { !table.records[$0.entity].isPlaceLike }?.entity
  }

  /// The last entity mentioned in a range that is not a place.
  private func lastMention(in utf8Range: Range<Int>, table: EntityTable) -> Int? {
    mentions(in: utf8Range).last { !table.records[$0.entity].isPlaceLike }?.entity
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
      guard !analyzer.lists(index).contains(.notName) else { continue }
      if let id = table.match(nameWords: [analyzer.lowercasedWord(index)], gender: .unknown),
        id != speaker
      {
        found = id
      }
    }
    return found
  }
}
