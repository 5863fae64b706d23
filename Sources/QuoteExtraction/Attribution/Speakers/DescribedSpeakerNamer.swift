/// Names a speaker of fiction known only by a description from how the next speaker
/// addresses them.
///
/// A story often brings a character in by a description and lets the others name them (“I
/// wonder what you will do,” said my brother's wife. / “My dear Rose,” I answered, …): the
/// name the reply in the next paragraph addresses its speaker by is theirs. A name the text
/// gives someone already makes the described speaker that person; another name becomes the
/// described speaker's name.
///
/// A stranger may also be named by the narration when their turn comes (“How much?” asked a
/// gentleman. … / “What name?” / “Grey,--second floor.” / “All right, sir.” / “…,” said Mr.
/// Grey.): a person the text names for the first time in a speaker tag, where the dialogue
/// gives the turn to a described speaker, is that speaker.
struct DescribedSpeakerNamer {
  let analyzer: MentionAnalyzer

  var document: Document { analyzer.document }

  /// - Complexity: O(n) in the tokens of the quotations (each is read once for vocatives).
  func name(_ result: inout ExtractionResult, table: inout EntityTable) {
    // The person or name each described speaker is addressed as, by entity id.
    var people: [Int: Int] = [:]
    var names: [Int: String] = [:]
    var previous: (entity: Int, paragraph: Int)? = nil
    var beforePrevious: (entity: Int, paragraph: Int)? = nil
    for index in result.attributions.indices where result.attributions[index].type == .direct {
      // NB: the attribution's fields are read in place: a copy of it retains each of its arrays.
      guard let first = result.attributions[index].fragments.first,
        let entity = result.attributions[index].entity
      else {
        previous = nil
        beforePrevious = nil
        continue
      }
      let paragraph = document.paragraph(of: analyzer.tokens(in: first).lowerBound)
      defer {
        beforePrevious = previous
        previous = (entity, paragraph)
      }
      // A described speaker's turn two paragraphs back (the turn between is the other
      // speaker's, or was given by turn-taking to the one named now), and a person named here
      // for the first time, in a speaker tag: the stranger has been named.
      if let (described, twoBefore) = beforePrevious, let (_, before) = previous,
        twoBefore + 1 == before, before + 1 == paragraph, described != entity,
        table.records[described].isDescribedPerson, table.records[described].words.isEmpty,
        table.records[described].isSpeaker, people[described] == nil, names[described] == nil,
        result.attributions[index].speakerKind == .name,
        table.records[entity].kind == .person, !table.records[entity].words.isEmpty,
        table.records[entity].gender.isCompatible(with: table.records[described].gender),
        let speaker = result.attributions[index].speaker,
        table.firstMention(of: entity) == speaker
      {
        people[described] = entity
        continue
      }
      guard let (described, before) = previous, before + 1 == paragraph, described != entity,
        table.records[described].isDescribedPerson, table.records[described].words.isEmpty,
        people[described] == nil, names[described] == nil
      else { continue }
      let gender = table.records[described].gender
      for fragment in result.attributions[index].fragments {
        let tokens = analyzer.tokens(in: fragment)
        // NB: a capitalised word that opens the quotation is as often an answer or an
        // interjection (“Georgia.”, “Hello,” he said) as a name it addresses.
        guard
          let vocative = analyzer.vocatives(in: tokens).first(where: { $0 > tokens.lowerBound })
        else {
          continue
        }
        if let id = table.match(nameWord: analyzer.lowercasedWord(vocative), gender: gender) {
          if id != entity { people[described] = id }
        } else {
          names[described] = document.text(of: vocative)
        }
        break
      }
    }
    for (described, name) in names { table.rename(described, to: name) }
    guard !people.isEmpty else { return }
    for index in result.attributions.indices {
      guard let entity = result.attributions[index].entity, let id = people[entity] else {
        continue
      }
      result.attributions[index].entity = id
    }
  }
}
