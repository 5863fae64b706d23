/// Resolves speaker mentions to entities across a document.
///
/// Runs after the rules: reads each attribution's `speaker` mention range, sets its proper
/// extent (titles in, dateline and appositives out), and fills in `speakerName`, `entity` and
/// `speakerKind`; lists the document's speaking entities; and gives unattributed quotations in
/// dialogue an implicit speaker where turn-taking shows it.
///
/// Mentions are read in text order, speaker mentions together with the personal names of the
/// narration (outside quotations), so that a pronoun finds the latest compatible person.
///
/// - Complexity: linear in the number of tokens (each mention looks back over a bounded
///   number of recent entities).
struct SpeakerResolver {
  let document: Document
  let lexicons: SpeakerLexicons
  /// Whether the document reads as fiction: unattributed dialogue then follows turn-taking.
  let fiction: Bool

  init(document: Document, fiction: Bool, lexicons: SpeakerLexicons = .shared) {
    self.document = document
    self.fiction = fiction
    self.lexicons = lexicons
  }

  /// One mention to read, in text order.
  private struct Event {
    var position: Int
    var mention: SpeakerMention
    /// The attribution whose speaker this is, or nil for a name in the narration.
    var attribution: Int?
  }

  func resolve(_ result: inout ExtractionResult) {
    guard !document.tokens.isEmpty else { return }
    let analyzer = MentionAnalyzer(document: document, lexicons: lexicons)
    tagDialogue(&result, analyzer: analyzer)

    var speakerEvents: [Event] = []
    // NB: the speakers' name words go straight into a byte table (no set of strings hashed
    // twice): the narration scan looks its capitalised words up in it.
    var speakerNameWords = ByteLexicon<Void>()
    for index in result.attributions.indices {
      guard let range = result.attributions[index].speaker,
        let mention = analyzer.analyze(utf8Range: range)
      else { continue }
      if mention.kind == .name {
        for word in mention.nameWords { speakerNameWords.insert(word, value: ()) }
      }
      speakerEvents.append(
        Event(position: mention.utf8Range.lowerBound, mention: mention, attribution: index))
    }
    // NB: stable, so speakers at one position keep the attributions' order.
    speakerEvents.sort { $0.position < $1.position }
    let insideQuote = quotedTokens(result.quotes, analyzer: analyzer)
    let narration = NarrationNames(analyzer: analyzer, insideQuote: insideQuote)
    // NB: the articles that open fiction's descriptions are found by the names' pass over the
    // tokens.
    var articles: [Int32] = []
    var names = narration.scan(known: speakerNameWords, findsArticles: fiction, articles: &articles)
    if fiction {
      let descriptions = NarrationDescriptions(analyzer: analyzer, insideQuote: insideQuote)
      names = Self.merged(names, descriptions.scan(articles: articles))
    }

    var table = EntityTable()
    table.separatesMarriedTitles = fiction
    var lastSpeakerRange: Range<Int>? = nil
    var mentions: [NarrationMention] = []
    // The speaker of each paragraph of dialogue tagged so far.
    // NB: an array over the paragraphs (-1 for none), not a dictionary: read and written for
    // every direct quotation.
    var turns = Turns(count: document.paragraphs.count)
    // The paragraphs that hold a direct quotation, and the paragraph of the latest narration
    // mention read so far.
    // NB: only turn-taking in fiction reads them: not gathered in news.
    var dialogueParagraphs = [Bool](
      repeating: false, count: fiction ? document.paragraphs.count : 0)
    for index in result.attributions.indices where fiction {
      guard result.attributions[index].type == .direct,
        let first = result.attributions[index].fragments.first
      else { continue }
      let token = analyzer.tokens(in: first).lowerBound
      if token < document.tokens.count { dialogueParagraphs[document.paragraph(of: token)] = true }
    }
    var narrationParagraph = -1
    // The people the narration of the current paragraph has mentioned since its latest speaker
    // tag, in text order (bounded).
    var sinceTag: [Int] = []
    // The narration's names come in text order: read merged with the speakers, not sorted
    // together into one more array. NB: a narrative name and a speaker mention can cover the
    // same tokens; the speaker's event is read first so that it is not counted twice.
    var nextSpeaker = 0
    var nextName = 0
    while nextSpeaker < speakerEvents.count || nextName < names.count {
      let takesSpeaker =
        nextName == names.count
        || (nextSpeaker < speakerEvents.count
          && speakerEvents[nextSpeaker].position <= names[nextName].utf8Range.lowerBound)
      let event =
        takesSpeaker
        ? speakerEvents[nextSpeaker]
        : Event(
          position: names[nextName].utf8Range.lowerBound, mention: names[nextName],
          attribution: nil)
      if takesSpeaker { nextSpeaker += 1 } else { nextName += 1 }
      if event.attribution == nil, let last = lastSpeakerRange,
        last.overlaps(event.mention.utf8Range)
      {
        continue
      }
      // A person the narration describes without naming ("a tall girl") is only taken in when
      // no named person of that gender is in view: otherwise it is most often one of them.
      if event.attribution == nil, event.mention.kind == .description,
        table.hasRecentPerson(gender: event.mention.gender)
      {
        continue
      }
      var avoided: [Int] = []
      var paragraph: Int? = nil
      if let index = event.attribution, result.attributions[index].type == .direct,
        let first = result.attributions[index].fragments.first
      {
        let token = analyzer.tokens(in: first).lowerBound
        if token < document.tokens.count {
          paragraph = document.paragraph(of: token)
          if let previous = paragraph.flatMap({ turns[$0 - 1] }) { avoided.append(previous) }
        }
        // "said her cousin": the cousin is not the woman "her" refers to. NB: only for a
        // person noun that shows no gender: "her mother" is told apart by gender already, and
        // "his eyes" are his.
        if fiction, event.mention.kind == .description, event.mention.isDefinite,
          event.mention.gender == .unknown,
          analyzer.lexicons.roles.contains(analyzer.wordBytes(event.mention.tokens.upperBound - 1)),
          let owner = possessor(of: event.mention, analyzer, table: table)
        {
          avoided.append(owner)
        }
        if event.mention.kind == .pronoun {
          for fragment in result.attributions[index].fragments {
            for vocative in analyzer.vocatives(in: analyzer.tokens(in: fragment)) {
              let word = analyzer.lowercasedWord(vocative)
              if let id = table.match(nameWords: [word], gender: .unknown) { avoided.append(id) }
            }
          }
        }
      }
      var id: Int? = nil
      if fiction, event.mention.kind == .pronoun, let paragraph, paragraph == narrationParagraph,
        let subject = narrationSubject(sinceTag, gender: event.mention.gender, table: table)
      {
        id = table.refer(event.mention, to: subject)
      }
      if id == nil, fiction, event.mention.kind == .pronoun, let paragraph,
        paragraph != narrationParagraph,
        let turn = alternatingTurn(
          before: paragraph, turns: turns, dialogue: dialogueParagraphs,
          gender: event.mention.gender,
          table: table)
      {
        id = table.refer(event.mention, to: turn)
      }
      if id == nil {
        id = table.add(event.mention, isSpeaker: event.attribution != nil, avoiding: avoided)
        if fiction, let id, event.attribution == nil, isPlaceName(event.mention, analyzer) {
          table.notePlace(id)
        }
      }
      if event.attribution == nil, event.mention.tokens.lowerBound < document.tokens.count {
        let current = document.paragraph(of: event.mention.tokens.lowerBound)
        if current != narrationParagraph { sinceTag.removeAll(keepingCapacity: true) }
        narrationParagraph = current
        if let id, sinceTag.count < SpeakerResolver.subjectWindow { sinceTag.append(id) }
      } else if event.attribution != nil {
        sinceTag.removeAll(keepingCapacity: true)
      }
      if let paragraph, let id { turns[paragraph] = id }
      if let id {
        mentions.append(
          NarrationMention(
            utf8Start: event.mention.utf8Range.lowerBound, entity: id,
            isNarration: event.attribution == nil))
      }
      guard let index = event.attribution else { continue }
      lastSpeakerRange = event.mention.utf8Range
      result.attributions[index].speaker = event.mention.utf8Range
      result.attributions[index].speakerKind = event.mention.kind
      if let id {
        table.markSpeaker(id)
        result.attributions[index].entity = id
      } else if event.mention.kind != .pronoun {
        result.attributions[index].speakerName = event.mention.displayName
      }
    }

    DialogueTurns(document: document, analyzer: analyzer, mentions: mentions, fiction: fiction)
      .assign(&result, table: &table)
    NarratorNamer(analyzer: analyzer, fiction: fiction).name(result, table: &table)

    // Names are read at the end, when each entity has its fullest name.
    var listed: [Int: Int] = [:]
    var entities: [Entity] = []
    for index in result.attributions.indices {
      guard let id = result.attributions[index].entity else { continue }
      // NB: each entity's record is read and named once, not once per attribution.
      let position: Int
      if let known = listed[id] {
        position = known
      } else {
        let record = table.records[id]
        position = entities.count
        listed[id] = position
        entities.append(
          Entity(
            name: table.canonicalName(of: id), kind: record.kind,
            mentions: record.mentions.sorted { $0.lowerBound < $1.lowerBound },
            gender: record.gender.entityName))
      }
      result.attributions[index].entity = position
      result.attributions[index].speakerName = entities[position].name
    }
    result.entities = entities
  }

  /// Two lists of mentions in text order merged into one (the first list's mention first at
  /// one position).
  private static func merged(_ first: [SpeakerMention], _ second: [SpeakerMention])
    -> [SpeakerMention]
  {
    guard !second.isEmpty else { return first }
    var result: [SpeakerMention] = []
    result.reserveCapacity(first.count + second.count)
    var other = 0
    for mention in first {
      while other < second.count,
        second[other].utf8Range.lowerBound < mention.utf8Range.lowerBound
      {
        result.append(second[other])
        other += 1
      }
      result.append(mention)
    }
    result.append(contentsOf: second[other...])
    return result
  }

  /// Words that put a place after them ("at Vevey", "on Spruce Street", "the Strand"), rarely
  /// a person's bare name ("to" and "from" do both).
  private static let placePrepositions: Set<String> = [
    "in", "at", "on", "near", "into", "through", "toward", "towards", "the",
  ]

  /// Whether a name of the narration reads as a place: no honorific, not possessive, after a
  /// preposition of place or "the".
  private func isPlaceName(_ mention: SpeakerMention, _ analyzer: MentionAnalyzer) -> Bool {
    let before = mention.tokens.lowerBound - 1
    guard mention.kind == .name, mention.honorific == nil, before >= 0,
      !analyzer.isPossessive(mention.tokens.upperBound - 1), analyzer.isWord(before)
    else { return false }
    return SpeakerResolver.placePrepositions.contains(analyzer.lowercasedWord(before))
  }

  /// The person a description's possessive ("his", "her") refers to: the latest person of
  /// that gender.
  private func possessor(
    of mention: SpeakerMention, _ analyzer: MentionAnalyzer, table: EntityTable
  ) -> Int? {
    let first = mention.tokens.lowerBound
    let gender: SpeakerGender
    if analyzer.bytesEqual(first, "his") || analyzer.bytesEqual(first, "His") {
      gender = .male
    } else if analyzer.bytesEqual(first, "her") || analyzer.bytesEqual(first, "Her") {
      gender = .female
    } else {
      return nil
    }
    return table.latestPerson(gender: gender)
  }

  /// How many narration mentions of a paragraph are kept as candidate subjects.
  static let subjectWindow = 6

  /// The person a pronoun tag refers to when the narration of its own paragraph has just
  /// mentioned them (“Kemp's face changed. “…,” he said.”): the first person of the
  /// pronoun's gender that the narration mentioned since the paragraph's latest tag. The
  /// subject of the paragraph's narration is the one who goes on to speak, whoever spoke the
  /// turn before.
  private func narrationSubject(_ candidates: [Int], gender: SpeakerGender, table: EntityTable)
    -> Int?
  {
    guard gender == .male || gender == .female else { return nil }
    let narrator = table.narrator
    return candidates.first {
      $0 != narrator && table.records[$0].kind == .person && table.records[$0].gender == gender
    }
  }

  /// The speaker of the turn before last, when a pronoun tags a quotation in the middle of a
  /// dialogue between two people: “…” / “…” / “…,” she said. Speakers alternate, so the
  /// pronoun is the person who spoke two paragraphs earlier when the gender agrees and no
  /// narration in the paragraph brought someone else forward.
  private func alternatingTurn(
    before paragraph: Int, turns: Turns, dialogue: [Bool], gender: SpeakerGender,
    table: EntityTable
  ) -> Int? {
    guard gender == .male || gender == .female, let turn = turns[paragraph - 2],
      paragraph - 1 >= 0, paragraph - 1 < dialogue.count, dialogue[paragraph - 1],
      turns[paragraph - 1] != turn,
      table.records[turn].gender == gender
    else { return nil }
    return turn
  }

  /// Gives a speaker tag to direct quotations that have none (see ``DialogueTagger``).
  private func tagDialogue(_ result: inout ExtractionResult, analyzer: MentionAnalyzer) {
    let tagger = DialogueTagger(analyzer: analyzer)
    for index in result.attributions.indices {
      // NB: the attribution's fields are read in place: a copy of it retains each of its arrays.
      guard result.attributions[index].speaker == nil, result.attributions[index].type == .direct,
        let quoteIndex = result.attributions[index].quotes.last, quoteIndex < result.quotes.count,
        let tag = tagger.tag(for: result.quotes[quoteIndex])
      else { continue }
      let first = document.tokens[tag.speaker.lowerBound]
      let last = document.tokens[tag.speaker.upperBound - 1]
      result.attributions[index].speaker = Int(first.utf8Start)..<Int(last.utf8End)
      if result.attributions[index].cue == nil {
        result.attributions[index].cue = document.tokens[tag.cue].utf8Range
      }
    }
  }

  /// For each token, whether it lies inside a quotation's content.
  /// - Complexity: O(n + q log n): unclosed quotations can each run to the paragraph's end, so
  ///   their extents are summed as +1/-1 steps rather than walked one by one.
  private func quotedTokens(_ quotes: [QuotedSpan], analyzer: MentionAnalyzer) -> [Bool] {
    var steps = [Int32](repeating: 0, count: document.tokens.count + 1)
    for quote in quotes where quote.depth == 0 {
      let tokens = analyzer.tokens(in: quote.content)
      guard !tokens.isEmpty else { continue }
      steps[tokens.lowerBound] += 1
      steps[tokens.upperBound] -= 1
    }
    var inside = [Bool](repeating: false, count: document.tokens.count)
    var depth: Int32 = 0
    for index in inside.indices {
      depth += steps[index]
      inside[index] = depth > 0
    }
    return inside
  }
}

/// The speaker entity of each paragraph of dialogue tagged so far, by paragraph index.
private struct Turns {
  private var entities: [Int]

  init(count: Int) { entities = [Int](repeating: -1, count: count) }

  /// The speaker of a paragraph, or nil (also for an index outside the document).
  subscript(paragraph: Int) -> Int? {
    get {
      guard paragraph >= 0, paragraph < entities.count, entities[paragraph] >= 0 else { return nil }
      return entities[paragraph]
    }
    set {
      guard paragraph >= 0, paragraph < entities.count else { return }
      entities[paragraph] = newValue ?? -1
    }
  }
}
