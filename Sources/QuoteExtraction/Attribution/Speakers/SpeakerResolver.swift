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
    // NB: analyses are kept by spelling in fiction only: a novel names its people and tags its
    // speakers the same way thousands of times, where a news story's few mentions rarely
    // repeat, and keeping them cost more than the copies saved.
    let analyzer = MentionAnalyzer(document: document, lexicons: lexicons, memoizes: fiction)
    // NB: the quotations' tokens are found before the tags: the tagger reads its quotations'
    // marks as the tokens around them (see ``DialogueTagger/tag(for:)``).
    let (insideQuote, quotedRuns) = quotedTokens(result.quotes, analyzer: analyzer)
    tagDialogue(&result, analyzer: analyzer)

    var speakerEvents: [Event] = []
    speakerEvents.reserveCapacity(result.attributions.count)
    // NB: the speakers' name words go straight into a byte table (no set of strings hashed
    // twice): the narration scan looks its capitalised words up in it.
    var speakerNameWords = ByteLexicon<Void>()
    // The person nouns of fiction's description tags that show no gender ("said the surgeon").
    var speakerNouns = ByteLexicon<Void>()
    for index in result.attributions.indices {
      guard let range = result.attributions[index].speaker,
        var mention = analyzer.analyze(utf8Range: range)
      else { continue }
      if fiction, mention.kind == .description,
        let subject = clauseSubject(mention.tokens, analyzer),
        let trimmed = analyzer.analyze(tokens: subject)
      {
        mention = trimmed
      }
      // "my brother's wife" is a woman: the gender is the person noun's that ends the
      // description, not the possessive's before it.
      if fiction, mention.kind == .description, mention.tokens.count >= 2,
        let gender = analyzer.lexicons.roles.value(
          analyzer.wordBytes(mention.tokens.upperBound - 1)),
        gender == .male || gender == .female
      {
        mention.gender = gender
      }
      // "the child" may be the one the story calls "a small boy": any noun for a child is one
      // of its roles.
      if fiction, mention.kind == .description, mention.isDefinite,
        analyzer.lexicons.children.contains(analyzer.wordBytes(mention.tokens.upperBound - 1))
      {
        // NB: the roles' run is kept as it is (another mention may share it): the longer
        // list is a run of its own.
        let words = analyzer.words
        let start = words.count
        for position in 0..<Int(mention.roles.count) {
          words.append(words[mention.roles, position])
        }
        for word in analyzer.lexicons.childWords
        where !words.contains(words.run(from: start), word) {
          words.append(word)
        }
        mention.roles = words.run(from: start)
      }
      if mention.kind == .name {
        for position in 0..<Int(mention.nameWords.count) {
          speakerNameWords.insert(analyzer.words[mention.nameWords, position], value: ())
        }
      }
      if fiction, mention.kind == .description, mention.isDefinite, !mention.isPlural,
        mention.gender == .unknown,
        analyzer.lexicons.roles.contains(analyzer.wordBytes(mention.tokens.upperBound - 1))
      {
        speakerNouns.insert(bytes: analyzer.wordBytes(mention.tokens.upperBound - 1), value: ())
      }
      // NB: a mention holds no reference (see ``WordRun``): copied into its event as its bytes.
      let position = mention.utf8Range.lowerBound
      speakerEvents.append(Event(position: position, mention: mention, attribution: index))
    }
    // NB: stable, so speakers at one position keep the attributions' order.
    speakerEvents.stableSort { $0.position < $1.position }
    let narration = NarrationNames(
      analyzer: analyzer, insideQuote: insideQuote, quotedRuns: quotedRuns, fiction: fiction)
    // NB: the articles that open fiction's descriptions are found by the names' pass over the
    // tokens.
    var articles: [Int32] = []
    let names = narration.scan(known: speakerNameWords, findsArticles: fiction, articles: &articles)
    var descriptions: [SpeakerMention] = []
    if fiction {
      descriptions = NarrationDescriptions(analyzer: analyzer, insideQuote: insideQuote)
        .scan(articles: articles, speakerNouns: speakerNouns)
    }
    // The first token of each direct quotation's first fragment (-1 for the others): the
    // dialogue paragraphs and the turns read it.
    var directTokens = [Int](filled: -1, count: result.attributions.count)
    for index in result.attributions.indices where result.attributions[index].type == .direct {
      guard let first = result.attributions[index].fragments.first else { continue }
      directTokens[index] = analyzer.tokens(in: first).lowerBound
    }

    var table = EntityTable(words: analyzer.words)
    table.reserveMentions(speakerEvents.count + names.count + descriptions.count)
    table.separatesMarriedTitles = fiction
    table.joinsDescribedPeople = fiction
    var lastSpeakerRange: Range<Int>? = nil
    var mentions: [NarrationMention] = []
    mentions.reserveCapacity(speakerEvents.count + names.count + descriptions.count)
    // The speaker of each paragraph of dialogue tagged so far.
    // NB: an array over the paragraphs (-1 for none), not a dictionary: read and written for
    // every direct quotation.
    var turns = Turns(count: document.paragraphs.count)
    // The paragraphs that hold a direct quotation, and the paragraph of the latest narration
    // mention read so far.
    // NB: only turn-taking in fiction reads them: not gathered in news.
    var dialogueParagraphs = [Bool](
      filled: false, count: fiction ? document.paragraphs.count : 0)
    for token in directTokens where fiction && token >= 0 && token < document.tokens.count {
      dialogueParagraphs[document.paragraph(of: token)] = true
    }
    var narrationParagraph = -1
    // The name the direct quotations of each paragraph last address someone by (a token
    // index, -1 for none). NB: fiction only.
    var addressedNames = [Int](filled: -1, count: fiction ? document.paragraphs.count : 0)
    // The names each direct quotation addresses someone by, in text order: those of attribution
    // `i` are `vocatives[vocativeStarts[i]..<vocativeStarts[i + 1]]`. NB: fiction only, found
    // once: a pronoun's tag below asks again about its quotation's.
    var vocatives: [Int] = []
    var vocativeStarts: [Int] = []
    if fiction {
      vocativeStarts.reserveCapacity(result.attributions.count + 1)
      for index in result.attributions.indices {
        vocativeStarts.append(vocatives.count)
        guard directTokens[index] >= 0 else { continue }
        for fragment in result.attributions[index].fragments {
          for vocative in analyzer.vocatives(in: analyzer.tokens(in: fragment)) {
            addressedNames[document.paragraph(of: vocative)] = vocative
            vocatives.append(vocative)
          }
        }
      }
      vocativeStarts.append(vocatives.count)
    }
    // The people the narration of the current paragraph has mentioned since its latest speaker
    // tag, in text order (bounded).
    // NB: a buffer of ``subjectWindow`` ids and a count: emptied at most paragraphs and tags.
    var sinceTag = [Int](filled: -1, count: SpeakerResolver.subjectWindow)
    var sinceTagCount = 0
    // The narration's names and descriptions come in text order: read merged with the
    // speakers (a description before a name only when it starts earlier), not sorted together
    // into one more array. NB: a narrative name and a speaker mention can cover the same
    // tokens; the speaker's event is read first so that it is not counted twice.
    // NB: each mention is copied out of its list as its bytes (it holds no reference: see
    // ``WordRun``), and the lists are only read: a mention swapped out, as when a copy retained
    // its arrays and strings, checked each list's uniqueness and wrote it back.
    var nextSpeaker = 0
    var nextName = 0
    var nextDescription = 0
    // The people a speaker tag avoids, reused from one event to the next.
    var avoided: [Int] = []
    while nextSpeaker < speakerEvents.count || nextName < names.count
      || nextDescription < descriptions.count
    {
      let takesDescription =
        nextDescription < descriptions.count
        && (nextName == names.count
          || descriptions[nextDescription].utf8Range.lowerBound
            < names[nextName].utf8Range.lowerBound)
      let narrationPosition =
        takesDescription
        ? descriptions[nextDescription].utf8Range.lowerBound
        : nextName < names.count ? names[nextName].utf8Range.lowerBound : nil
      let takesSpeaker =
        nextSpeaker < speakerEvents.count
        && narrationPosition.map { speakerEvents[nextSpeaker].position <= $0 } ?? true
      // The attribution whose speaker this is, or nil for a mention in the narration.
      let mention: SpeakerMention
      let attribution: Int?
      if takesSpeaker {
        mention = speakerEvents[nextSpeaker].mention
        attribution = speakerEvents[nextSpeaker].attribution
        nextSpeaker += 1
      } else if takesDescription {
        mention = descriptions[nextDescription]
        attribution = nil
        nextDescription += 1
      } else {
        mention = names[nextName]
        attribution = nil
        nextName += 1
      }
      if attribution == nil, let last = lastSpeakerRange,
        last.overlaps(mention.utf8Range)
      {
        continue
      }
      // NB: in fiction, a person the narration names already and names again after a
      // preposition ("to Stephen's face", "looked at Tom") is the object of what someone
      // else does: not the latest person a speaker's pronoun refers to. The mention is read,
      // but the order of the people mentioned lately is put back after it.
      let keepsRecency =
        fiction && attribution == nil && mention.kind == .name && isObject(mention, analyzer)
        && table.match(nameWords: mention.nameWords, gender: mention.gender) != nil
      if keepsRecency { table.saveRecency() }
      // A person the narration describes without naming ("the tall girl") is only taken in
      // when no named person of that gender is in view: otherwise it is most often one of
      // them. An indefinite description brings in someone new ("those of a white man and a
      // burro"), unless it says what someone is ("he was a man of fifty", "William, a boy of
      // seven"); it is taken in as background (see ``EntityTable/Record/isBackground``).
      var isBackground = false
      // NB: a description with no gender is one of ``speakerNouns``: a speaker's.
      if attribution == nil, mention.kind == .description, mention.gender != .unknown,
        table.hasRecentPerson(gender: mention.gender)
      {
        if mention.isDefinite || isPredicate(mention, analyzer) { continue }
        isBackground = true
      }
      // The entities before this mention: a described person added beyond them is new.
      let knownEntities = table.records.count
      // NB: emptied only when it holds something: most mentions are of the narration, and
      // it stays empty.
      if !avoided.isEmpty { avoided.removeAll(keepingCapacity: true) }
      // Where the people the quotation addresses by name start in `avoided`.
      var addressedFrom = 0
      var paragraph: Int? = nil
      if let index = attribution, directTokens[index] >= 0 {
        let token = directTokens[index]
        if token < document.tokens.count {
          paragraph = document.paragraph(of: token)
          if let previous = paragraph.flatMap({ turns[$0 - 1] }) { avoided.append(previous) }
        }
        // "said her cousin": the cousin is not the woman "her" refers to. NB: only for a
        // person noun that shows no gender: "her mother" is told apart by gender already, and
        // "his eyes" are his.
        if fiction, mention.kind == .description, mention.isDefinite,
          mention.gender == .unknown,
          analyzer.lexicons.roles.contains(analyzer.wordBytes(mention.tokens.upperBound - 1)),
          let owner = possessor(of: mention, analyzer, table: table)
        {
          avoided.append(owner)
        }
        addressedFrom = avoided.count
        if mention.kind == .pronoun {
          if fiction {
            for vocative in vocatives[vocativeStarts[index]..<vocativeStarts[index + 1]] {
              let word = analyzer.lowercasedWord(vocative)
              if let id = table.match(nameWord: word, gender: .unknown) { avoided.append(id) }
            }
          } else {
            for fragment in result.attributions[index].fragments {
              for vocative in analyzer.vocatives(in: analyzer.tokens(in: fragment)) {
                let word = analyzer.lowercasedWord(vocative)
                if let id = table.match(nameWord: word, gender: .unknown) {
                  avoided.append(id)
                }
              }
            }
          }
        }
      }
      var id: Int? = nil
      if fiction, let index = attribution,
        let kin = kinNamesake(
          of: mention, analyzer, table: &table, quote: result.attributions[index].fragments)
      {
        id = table.refer(mention, to: kin)
      }
      // NB: not someone the quotation addresses (“Tom looked up. “You are late, Tom,” he
      // said.”).
      if id == nil, fiction, mention.kind == .pronoun, let paragraph,
        paragraph == narrationParagraph || paragraph == narrationParagraph + 1,
        let subject = narrationSubject(
          sinceTag[..<sinceTagCount], gender: mention.gender, addressed: avoided[addressedFrom...],
          table: table)
      {
        id = table.refer(mention, to: subject)
      }
      if id == nil, fiction, mention.kind == .pronoun, let paragraph,
        let index = attribution, let cue = result.attributions[index].cue,
        let previous = continuedTurn(
          at: paragraph, cue: cue, turns: turns, gender: mention.gender, analyzer,
          table: table)
      {
        id = table.refer(mention, to: previous)
      }
      if id == nil, fiction, let paragraph, paragraph != narrationParagraph,
        mention.kind == .pronoun
          || (mention.kind == .description && mention.isDefinite && !mention.isPlural
            && !table.hasRole(in: mention.roles, gender: mention.gender)),
        let addressee = addressee(
          before: paragraph, names: addressedNames, turns: turns, gender: mention.gender,
          analyzer, table: table)
      {
        id = table.refer(mention, to: addressee)
      }
      if id == nil, fiction, mention.kind == .pronoun, let paragraph,
        paragraph != narrationParagraph,
        let turn = alternatingTurn(
          before: paragraph, turns: turns, dialogue: dialogueParagraphs,
          gender: mention.gender,
          table: table)
      {
        id = table.refer(mention, to: turn)
      }
      if id == nil {
        // "said the surgeon", in fiction: someone who has spoken, else a person the story has
        // not named and calls by the description (not the baby or the dog the narration named
        // last). NB: "said her cousin" names someone by a relation to a person already met.
        let onlySpeakers =
          fiction && mention.kind == .description
          && (analyzer.bytesEqual(mention.tokens.lowerBound, "the")
            || analyzer.bytesEqual(mention.tokens.lowerBound, "The"))
        // NB: in news only: fiction marks places after the fact (below), and its names of
        // people and places are told apart by turn-taking as well.
        let namesPlace = !fiction && attribution == nil && isPlaceName(mention, analyzer)
        // "said my uncle", in fiction: the narrator's own kin is someone of their own, not the
        // latest man in view (the narrator tells of him as "my uncle" throughout). NB: only a
        // person noun with a gender: "my companion" or "my friend" is as often the one in view.
        let refersBack =
          !(fiction && attribution != nil && mention.kind == .description
          && mention.gender != .unknown && opensWithFirstPersonPossessive(mention, analyzer))
        id = table.add(
          mention, isSpeaker: attribution != nil, avoiding: avoided,
          onlySpeakers: onlySpeakers, namesPlace: namesPlace, refersBack: refersBack)
        if fiction, let id, attribution == nil, isPlaceName(mention, analyzer) {
          table.notePlace(id)
        }
      }
      if isBackground, let id, id >= knownEntities { table.noteBackground(id) }
      if keepsRecency { table.restoreRecency() }
      if attribution == nil, mention.tokens.lowerBound < document.tokens.count {
        let current = document.paragraph(of: mention.tokens.lowerBound)
        if current != narrationParagraph { sinceTagCount = 0 }
        narrationParagraph = current
        if let id, sinceTagCount < SpeakerResolver.subjectWindow {
          sinceTag[sinceTagCount] = id
          sinceTagCount += 1
        }
      } else if attribution != nil {
        sinceTagCount = 0
      }
      if let paragraph, let id { turns[paragraph] = id }
      if let id {
        mentions.append(
          NarrationMention(
            utf8Start: mention.utf8Range.lowerBound, entity: id,
            isNarration: attribution == nil))
      }
      guard let index = attribution else { continue }
      lastSpeakerRange = mention.utf8Range
      if let id { table.markSpeaker(id) }
      SpeakerResolver.setSpeaker(
        of: &result.attributions[index], mention, entity: id, words: analyzer.words)
    }

    DialogueTurns(document: document, analyzer: analyzer, mentions: mentions, fiction: fiction)
      .assign(&result, table: &table)
    if fiction { DescribedSpeakerNamer(analyzer: analyzer).name(&result, table: &table) }
    NarratorNamer(analyzer: analyzer, fiction: fiction).name(result, table: &table)

    // Names are read at the end, when each entity has its fullest name.
    // The position of each entity listed so far (-1: not listed), by entity id; made at the
    // first attribution with an entity.
    // NB: an array, not a dictionary: no hashing per attribution.
    var listed: [Int] = []
    var entities: [Entity] = []
    for index in result.attributions.indices {
      guard let id = result.attributions[index].entity else { continue }
      // NB: each entity's record is read and named once, not once per attribution.
      let position: Int
      if listed.isEmpty { listed = Array(filled: -1, count: table.records.count) }
      if listed[id] >= 0 {
        position = listed[id]
      } else {
        position = entities.count
        listed[id] = position
        // NB: the record's fields are read in place: a copy of it retains each of its
        // collections.
        var name = table.canonicalName(of: id)
        if fiction, goesWithArticle(id, table, analyzer) { name = "the " + name }
        var mentions = table.mentions(of: id)
        mentions.stableSort { $0.lowerBound < $1.lowerBound }
        entities.append(
          Entity(
            name: name, kind: table.records[id].kind, mentions: mentions,
            gender: table.records[id].gender.entityName))
      }
      SpeakerResolver.name(&result.attributions[index], entity: position, entities[position].name)
    }
    result.entities = entities
  }

  /// Gives an attribution the speaker read from its mention: its extent and kind, and its
  /// entity, else the mention's name (a pronoun with no entity has none).
  ///
  /// NB: the attribution is changed in one access, here and in ``name(_:entity:_:)``: each
  /// field set through the array checked that the array is not shared.
  private static func setSpeaker(
    of attribution: inout Attribution, _ mention: SpeakerMention, entity: Int?,
    words: MentionWords
  ) {
    attribution.speaker = mention.utf8Range
    attribution.speakerKind = mention.kind
    if let entity {
      attribution.entity = entity
    } else if mention.kind != .pronoun {
      attribution.speakerName = words.last(mention.displayName)
    }
  }

  /// Gives an attribution its listed entity and that entity's name.
  private static func name(_ attribution: inout Attribution, entity: Int, _ name: String) {
    attribution.entity = entity
    attribution.speakerName = name
  }

  /// Whether fiction names someone with the definite article: a person the text calls by a
  /// name it writes after "the" ("the Jew", "the Marquis", "the Artful Dodger") is known by
  /// it, article included, as lists of characters name them. True when more than half of the
  /// mentions that name them (not pronouns) open with "the".
  ///
  /// NB: names only: a person known by a description is reported by its words alone ("old
  /// man").
  ///
  /// NB: takes the entity id and reads its record in place: a copy of a record retains each of
  /// its collections.
  private func goesWithArticle(_ id: Int, _ table: EntityTable, _ analyzer: MentionAnalyzer)
    -> Bool
  {
    guard table.records[id].kind == .person, !table.records[id].words.isEmpty,
      table.records[id].honorifics.isEmpty, !table.records[id].name.hasPrefix("the "),
      !table.records[id].name.hasPrefix("The ")
    else { return false }
    let words = table.records[id].words
    let count = table.records[id].mentionCount
    var named = 0
    var withArticle = 0
    var position = 0
    var decided: Bool? = nil
    // NB: each mention's tokens as noted: its UTF-8 range runs from its first token's start to
    // its last token's end, and finding its tokens again searched the text.
    table.forEachMentionTokens(of: id) { tokens in
      defer { position += 1 }
      // NB: the mentions left can add at most one each to `named`, and to `withArticle` only
      // with `named`: once they cannot change the answer, they are not read (a novel mentions
      // its people hundreds of times, most without the article).
      let left = count - position
      if withArticle * 2 > named + left {
        decided = true
        return false
      }
      if withArticle * 2 + left <= named {
        decided = false
        return false
      }
      guard let first = tokens.first, analyzer.isWord(first) else { return true }
      if analyzer.lists(first).contains(.pronoun) { return true }
      let opensWithArticle = analyzer.bytesEqual(first, "the") || analyzer.bytesEqual(first, "The")
      // NB: only a mention of the name counts: a description that joined the person by a
      // role ("the Professor" for Professor de Worms, "the doctor") opens with "the" too.
      let nameToken = opensWithArticle ? first + 1 : first
      guard nameToken < tokens.upperBound, analyzer.isWord(nameToken),
        analyzer.lowercasedWord(nameToken, isIn: words)
      else { return true }
      named += 1
      if opensWithArticle
        || (first > 0
          && (analyzer.bytesEqual(first - 1, "the") || analyzer.bytesEqual(first - 1, "The")))
      {
        withArticle += 1
      }
      return true
    }
    return decided ?? (withArticle * 2 > named)
  }

  /// Words that put a place after them ("at Vevey", "on Spruce Street", "the Strand"), rarely
  /// a person's bare name ("to" and "from" do both).
  /// NB: a byte table, not a set of strings: asked of the word before every name of the
  /// narration, and a string made and hashed for each cost more than the rest of the test.
  private static let placePrepositions = ByteLexicon<Void>(
    words: ["in", "at", "on", "near", "into", "through", "toward", "towards", "the"])

  /// Whether a name of the narration reads as a place: no honorific, not possessive, after a
  /// preposition of place or "the".
  private func isPlaceName(_ mention: SpeakerMention, _ analyzer: MentionAnalyzer) -> Bool {
    let before = mention.tokens.lowerBound - 1
    guard mention.kind == .name, mention.honorific == nil, before >= 0,
      !analyzer.isPossessive(mention.tokens.upperBound - 1), analyzer.isWord(before),
      SpeakerResolver.placePrepositionLengths.contains(analyzer.wordRange(before).count)
    else { return false }
    return SpeakerResolver.placePrepositions.contains(analyzer.wordBytes(before))
  }

  /// Prepositions that put a person named after them in object position ("to Stephen's face",
  /// "looked at Tom", "with Mary").
  /// NB: a byte table, not a set of strings (see ``placePrepositions``).
  private static let objectPrepositions = ByteLexicon<Void>(
    words: [
      "to", "at", "with", "from", "into", "toward", "towards", "upon", "on", "for", "of", "by",
      "about", "behind", "beside", "after", "over", "under", "against", "past", "round",
      "around", "near",
    ])

  /// Whether a mention of the narration follows a preposition: the object of what someone
  /// else does.
  private func isObject(_ mention: SpeakerMention, _ analyzer: MentionAnalyzer) -> Bool {
    let before = mention.tokens.lowerBound - 1
    guard before >= 0, analyzer.isWord(before), analyzer.wordRange(before).count <= 8 else {
      return false
    }
    return SpeakerResolver.objectPrepositions.contains(analyzer.wordBytes(before))
  }

  /// Words after which an indefinite description says what someone is ("was a man", "as a
  /// boy", "like a girl") rather than bringing in someone new.
  /// NB: a byte table, not a set of strings (see ``placePrepositions``).
  private static let predicateWords = ByteLexicon<Void>(
    words: [
      "is", "was", "were", "are", "be", "been", "being", "am", "became", "become", "becomes",
      "seemed", "seems", "looked", "remained", "as", "like", "such", "quite", "what", "not",
      "never", "once", "still",
      // "made him a different man".
      "him", "her", "them", "me", "us", "it",
    ])

  /// Whether an indefinite description of the narration says what someone is rather than
  /// bringing in someone new: after a comma (an apposition, "William, a boy of seven"), a
  /// copula, "as" or "like"; or in a heading in capitals ("BETWEEN MR. BUMBLE AND A LADY").
  private func isPredicate(_ mention: SpeakerMention, _ analyzer: MentionAnalyzer) -> Bool {
    let before = mention.tokens.lowerBound - 1
    guard before >= 0 else { return false }
    if document.tokens[mention.tokens.upperBound - 1].shape.contains(.allCaps) { return true }
    if analyzer.bytesEqual(before, ",") || analyzer.isDash(before) { return true }
    // NB: none of the words is longer than eight bytes: no string is made of a longer one.
    guard analyzer.isWord(before), analyzer.wordRange(before).count <= 8 else { return false }
    return SpeakerResolver.predicateWords.contains(analyzer.wordBytes(before))
  }

  /// The shortest and longest of ``placePrepositions``, in bytes.
  /// NB: a word of another length is no preposition of place, and no string is made of it.
  private static let placePrepositionLengths: ClosedRange<Int> = {
    var lengths: [Int] = []
    placePrepositions.forEach { key, _ in lengths.append(key.count) }
    return (lengths.min() ?? 0)...(lengths.max() ?? 0)
  }()

  /// The person a description's possessive ("his", "her") refers to: the latest person of
  /// that gender.
  private func possessor(
    of mention: SpeakerMention, _ analyzer: MentionAnalyzer, table: EntityTable
  ) -> Int? {
    possessiveGender(mention, analyzer).flatMap { table.latestPerson(gender: $0) }
  }

  /// Whether a description opens with the narrator's possessive ("my uncle", "our mother").
  private func opensWithFirstPersonPossessive(
    _ mention: SpeakerMention, _ analyzer: MentionAnalyzer
  ) -> Bool {
    let first = mention.tokens.lowerBound
    return analyzer.bytesEqual(first, "my") || analyzer.bytesEqual(first, "My")
      || analyzer.bytesEqual(first, "our") || analyzer.bytesEqual(first, "Our")
  }

  /// The gender of a description's opening possessive ("his", "her"), or nil for another word.
  private func possessiveGender(_ mention: SpeakerMention, _ analyzer: MentionAnalyzer)
    -> SpeakerGender?
  {
    let first = mention.tokens.lowerBound
    if analyzer.bytesEqual(first, "his") || analyzer.bytesEqual(first, "His") { return .male }
    if analyzer.bytesEqual(first, "her") || analyzer.bytesEqual(first, "Her") { return .female }
    return nil
  }

  /// The name a quotation addresses someone by after a title of the given gender ("Bennet" in
  /// “My dear Mr. Bennet,”), or nil.
  private func addressedTitledName(
    in fragments: [Range<Int>], gender: SpeakerGender, _ analyzer: MentionAnalyzer
  ) -> Token.Index? {
    for fragment in fragments {
      let tokens = analyzer.tokens(in: fragment)
      for vocative in analyzer.vocatives(in: tokens) {
        var title = vocative - 1
        if title > tokens.lowerBound, analyzer.isAbbreviationPeriod(title) { title -= 1 }
        guard title >= tokens.lowerBound, analyzer.isHonorific(title),
          analyzer.word(title)?.honorificGender == gender
        else { continue }
        return vocative
      }
    }
    return nil
  }

  /// The person "his wife" or "her father" names in fiction: the titled namesake of the
  /// person the possessive refers to ("Mrs. Bennet" for "his wife" after Mr. Bennet), added
  /// under that name when the story has not named them yet; for a possessor known by a given
  /// name alone ("her mother" after Kitty), the person with the family title mentioned last.
  ///
  /// When no one of the possessive's gender is in view, the possessor is the person the
  /// quotation addresses by a title of that gender (“My dear Mr. Bennet,” said his lady).
  private func kinNamesake(
    of mention: SpeakerMention, _ analyzer: MentionAnalyzer, table: inout EntityTable,
    quote fragments: [Range<Int>]
  ) -> Int? {
    guard mention.kind == .description, mention.isDefinite, mention.tokens.count == 2,
      let gender = analyzer.lexicons.kinship.value(
        analyzer.wordBytes(mention.tokens.upperBound - 1))
    else { return nil }
    guard let owner = possessor(of: mention, analyzer, table: table) else {
      guard let ownerGender = possessiveGender(mention, analyzer),
        let surname = addressedTitledName(in: fragments, gender: ownerGender, analyzer)
      else { return nil }
      return table.addNamesake(
        surname: document.text(of: surname), gender: gender, mention: mention)
    }
    if let namesake = table.titledNamesake(of: owner, gender: gender) { return namesake }
    if let added = table.addFamilyNamesake(of: owner, gender: gender, mention: mention) {
      return added
    }
    guard table.records[owner].words.count == 1, table.records[owner].honorifics.isEmpty else {
      return nil
    }
    return table.latestTitledPerson(gender: gender, other: owner)
  }

  /// The subject alone when a speaker's extent runs on into its clause's verb ("He held",
  /// "the old lady came up", from rules that read narration after a quotation): a leading
  /// subject pronoun, or the words up to the last person noun. Nil when nothing runs on.
  private func clauseSubject(_ tokens: Range<Token.Index>, _ analyzer: MentionAnalyzer)
    -> Range<Token.Index>?
  {
    guard tokens.count >= 2, analyzer.isWord(tokens.lowerBound) else { return nil }
    let first = tokens.lowerBound
    if analyzer.lists(first).contains(.pronoun) {
      let word = analyzer.lowercasedWord(first)
      return SpeakerResolver.subjectPronouns.contains(word) ? first..<(first + 1) : nil
    }
    var last = tokens.upperBound - 1
    while last > first, analyzer.isWord(last), !analyzer.isCapitalized(last),
      !analyzer.lexicons.roles.contains(analyzer.wordBytes(last))
    {
      last -= 1
    }
    guard last > first, last < tokens.upperBound - 1, analyzer.isWord(last),
      analyzer.lexicons.roles.contains(analyzer.wordBytes(last)), !analyzer.isPossessive(last)
    else { return nil }
    return first..<(last + 1)
  }

  private static let subjectPronouns: Set<String> = ["he", "she", "i", "we", "they"]

  /// How many narration mentions of a paragraph are kept as candidate subjects.
  static let subjectWindow = 6

  /// The person a pronoun tag refers to when the narration of its own paragraph, or of a
  /// paragraph of narration just before, has just mentioned them (“Kemp's face changed. “…,”
  /// he said.”): the first person of the pronoun's gender that the narration mentioned since
  /// the latest tag. The subject of the narration is the one who goes on to speak, whoever
  /// spoke the turn before; but not someone the quotation addresses by name (`addressed`).
  private func narrationSubject(
    _ candidates: ArraySlice<Int>, gender: SpeakerGender, addressed: ArraySlice<Int>,
    table: EntityTable
  ) -> Int? {
    guard gender == .male || gender == .female else { return nil }
    let narrator = table.narrator
    // A speaker known by a description with no gender ("The surgeon leaned over the body")
    // can be either.
    return candidates.first {
      $0 != narrator && !addressed.contains($0)
        && ((table.records[$0].kind == .person && table.records[$0].gender == gender)
          || (table.records[$0].isSpeaker && table.records[$0].words.isEmpty
            && table.records[$0].gender == .unknown && !table.records[$0].isPlaceLike
            && table.records[$0].kind != .group && table.records[$0].kind != .organization))
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

  /// The person the quotation of the paragraph before addressed by name, when a pronoun or a
  /// description tags the reply (“…, Basil.” / “…,” answered the artist): the one addressed
  /// answers. Nil when no quotation there names a known person of the tag's gender, or when
  /// it names the one who spoke it.
  private func addressee(
    before paragraph: Int, names: [Int], turns: Turns, gender: SpeakerGender,
    _ analyzer: MentionAnalyzer, table: EntityTable
  ) -> Int? {
    guard paragraph > 0, paragraph - 1 < names.count, names[paragraph - 1] >= 0 else {
      return nil
    }
    let word = analyzer.lowercasedWord(names[paragraph - 1])
    guard let id = table.match(nameWord: word, gender: gender), id != turns[paragraph - 1],
      id != table.narrator
    else { return nil }
    return id
  }

  /// The speaker who goes on, when a pronoun tags a quotation with a verb of going on
  /// (“…,” he added): the latest speaker of the paragraph, else of the paragraph before, when
  /// the gender agrees.
  private func continuedTurn(
    at paragraph: Int, cue: Range<Int>, turns: Turns, gender: SpeakerGender,
    _ analyzer: MentionAnalyzer, table: EntityTable
  ) -> Int? {
    guard gender == .male || gender == .female else { return nil }
    let verb = analyzer.tokens(in: cue).lowerBound
    guard verb < document.tokens.count, analyzer.isWord(verb),
      analyzer.lexicons.continuationVerbs.contains(analyzer.wordBytes(verb)),
      let previous = turns[paragraph] ?? turns[paragraph - 1],
      table.records[previous].gender == gender
    else { return nil }
    return previous
  }

  /// Gives a speaker tag to direct quotations that have none (see ``DialogueTagger``).
  private func tagDialogue(_ result: inout ExtractionResult, analyzer: MentionAnalyzer) {
    let tagger = DialogueTagger(analyzer: analyzer, fiction: fiction)
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

  /// For each token, whether it lies inside a quotation's content; and the runs of such
  /// tokens, in order.
  /// - Complexity: O(n + q log q): unclosed quotations can each run to the paragraph's end, so
  ///   each token is set once however many quotations cover it.
  private func quotedTokens(_ quotes: [QuotedSpan], analyzer: MentionAnalyzer)
    -> (inside: [Bool], runs: [Range<Token.Index>])
  {
    // The quotations' token ranges, in order of their starts (quotations come in text order;
    // otherwise they are sorted).
    var ranges: [Range<Token.Index>] = []
    ranges.reserveCapacity(quotes.count)
    var ordered = true
    for quote in quotes where quote.depth == 0 {
      let tokens = analyzer.tokens(in: quote.content)
      guard !tokens.isEmpty else { continue }
      if let last = ranges.last, tokens.lowerBound < last.lowerBound { ordered = false }
      ranges.append(tokens)
    }
    if !ordered { ranges.sort { $0.lowerBound < $1.lowerBound } }
    // The runs: each range from where the ranges before it end, joined to the run before when
    // they touch.
    // NB: the runs are found before the flags are set, with no function nested over both: a
    // nested function that changed them, captured from the buffer's closure, paid a dynamic
    // exclusivity check on each for every quotation.
    var runs: [Range<Token.Index>] = []
    runs.reserveCapacity(ranges.count)
    var covered = 0
    for tokens in ranges {
      let start = max(tokens.lowerBound, covered)
      if start < tokens.upperBound {
        if let last = runs.last, last.upperBound == start {
          runs[runs.count - 1] = last.lowerBound..<tokens.upperBound
        } else {
          runs.append(start..<tokens.upperBound)
        }
      }
      covered = max(covered, tokens.upperBound)
    }
    // NB: the runs' tokens are set in place (the tokens outside every quotation are not
    // visited), each once.
    var inside = [Bool](filled: false, count: document.tokens.count)
    inside.withUnsafeMutableBufferPointer { inside in
      for run in runs {
        UnsafeMutableBufferPointer(rebasing: inside[run]).update(repeating: true)
      }
    }
    return (inside, runs)
  }
}

/// The speaker entity of each paragraph of dialogue tagged so far, by paragraph index.
private struct Turns {
  private var entities: [Int]

  init(count: Int) { entities = [Int](filled: -1, count: count) }

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
