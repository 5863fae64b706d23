/// The entities of one document as mentions are read in text order: clusters names (full
/// name, surname, honorific and surname, first name) and answers "who is the latest person
/// that fits" for pronouns and descriptions.
struct EntityTable {
  struct Record {
    var name: String
    var words: [String]
    var kind: Entity.Kind
    var gender: SpeakerGender
    /// The role words the person is described by, each once ("spokeswoman").
    /// NB: an array, not a set: an entity has a few roles, compared in place; a set hashed
    /// each role asked about, and was made for every new entity.
    var roles: [String]
    /// Whether the entity is someone known only by a gendered description ("the girl"): a
    /// pronoun can refer to them, but a description never joins them to a named person.
    var isDescribedPerson = false
    /// Whether a described person was brought in by an indefinite description while named
    /// people of that gender were in view ("a white man" beside Cameron): a later description
    /// with the same person noun joins them, but a pronoun refers to them only once they have
    /// spoken (most pronouns there still refer to the named people).
    var isBackground = false
    /// Whether the entity speaks in some attribution (so it is listed in the result).
    var isSpeaker = false
    /// A name made of an honorific and one word ("Mr. Bennet").
    var isHonorificOnly = false
    /// How often each form of the name occurs ("Florence": 12, "Florence Linden": 1).
    var forms = FormCounts()
    /// How often each form with a given name and a surname occurs.
    var fullForms = FormCounts()
    /// The honorifics the person is named with ("mrs"), lower-cased, each once.
    /// NB: an array, not a set: one or two titles, compared in place (see ``roles``).
    var honorifics: [String] = []
    /// The entity's first and last mentions in ``EntityTable``'s chain of mentions (-1: none),
    /// and how many it has (see ``EntityTable/mentions(of:)``).
    var firstMention: Int32 = -1
    var lastMention: Int32 = -1
    var mentionCount = 0

    /// Chains the mention at `node` of ``EntityTable``'s chain as the entity's last.
    mutating func chain(_ node: Int32) {
      if firstMention < 0 { firstMention = node }
      lastMention = node
      mentionCount += 1
    }
    /// Whether the narration named it where a place goes ("at Vevey") (see ``isPlaceLike``).
    var isNamedAsPlace = false
    /// Whether it was first named as a place in news ("in Mexico City"): a later name that
    /// fits someone else is not this place's (see ``EntityTable/match(nameWords:gender:)``).
    var isPlace = false
    /// Whether the name was inferred from kin ("Mrs. Bennet" for "his wife") and the text has
    /// not used it yet: the surname is not yet one that the text gives two people.
    var isInferred = false

    /// Whether the entity reads as a place rather than a person: named where a place goes,
    /// with no gender, honorific or speech of its own. Pronouns and untagged turns pass it
    /// over.
    var isPlaceLike: Bool {
      isNamedAsPlace && gender == .unknown && honorifics.isEmpty && !isSpeaker
    }
  }

  /// The canonical name of a record: the fullest name, unless the text mostly calls the person
  /// by something other than the surname ("Florence" for Florence Linden, "Lord Henry"), as
  /// novels do; then that form, which is the one readers know the character by.
  /// NB: takes the entity id and reads the record's fields in place: a property of the record,
  /// even read through a buffer, copied it whole (each of its collections retained, then
  /// released) for every entity listed.
  private func recordName(of id: Int) -> String {
    guard records[id].kind == .person, records[id].words.count >= 2,
      let top = EntityTable.mostUsed(records[id].forms)
    else { return records[id].name }
    // The full name used most often, so that one odd mention ("the Lilas Brett ordered")
    // does not rename a character.
    let full = EntityTable.mostUsed(records[id].fullForms)?.key ?? records[id].name
    let fullLast = NameWords.lastLowercased(full)
    let topLast = NameWords.lastLowercased(top.key)
    return topLast == fullLast ? full : top.key
  }

  /// The form used most often, the first in alphabetical order of those used as often.
  private static func mostUsed(_ forms: FormCounts) -> (key: String, value: Int)? {
    forms.max(by: { ($0.value, $1.key) < ($1.value, $0.key) })
  }

  private(set) var records: [Record] = []

  /// The name words and roles of the mentions added (see ``SpeakerMention/nameWords``): the
  /// analyzer's.
  let words: MentionWords

  /// A table for the mentions of an analyzer whose words are `words` (a buffer of its own by
  /// default, for mentions made by hand).
  init(words: MentionWords = MentionWords()) {
    self.words = words
  }

  /// The name an entity is reported by: its ``recordName(of:)``, except that a given name
  /// alone ("Bill") gives way to the full name ("Bill Gorton") when no one else in the text
  /// bears the surname. A given name alone is how a novel tells apart the members of one
  /// family (Elizabeth, Jane and Mr. Bennet); for anyone else the full name is the one a
  /// list of characters uses.
  func canonicalName(of id: Int) -> String {
    // NB: the record's fields are read in place: a copy of it retains each of its collections.
    let name = recordName(of: id)
    guard records[id].kind == .person, records[id].words.count >= 2, !NameWords.hasSpace(name),
      let surname = records[id].words.last, name.lowercased() == records[id].words[0],
      let full = EntityTable.mostUsed(records[id].fullForms),
      full.value >= EntityTable.fullNameRecurrence
    else { return name }
    let shared =
      latest(withWord: surname) {
        $0 != id && records[$0].kind == .person && !records[$0].isInferred
      } != nil
    return shared ? name : full.key
  }

  /// How often a full name must occur before it replaces the given name in reports: a name
  /// seen once may be a misreading ("Margaret Oniton" for a place after a name).
  static let fullNameRecurrence = 1
  /// Whether a married woman's title and a full name that share a surname stay apart (see
  /// ``isSamePerson(_:_:)``). On in fiction only.
  ///
  /// NB: news style names a woman by her full name first and by "Mrs." and her surname after
  /// ("Hillary Clinton … Mrs. Clinton"): one person.
  var separatesMarriedTitles = false
  /// Whether a description joins a person known only by a description of the same role ("the
  /// man" after "a white man"), as it joins a named person with that role. On in fiction only.
  var joinsDescribedPeople = false
  /// Entity ids by name word, for names.
  /// NB: each word's ids are a chain in ``wordNodes``, newest first: the table holds the
  /// newest node. An array per word was made for every new name word.
  private var byWord = StringTable<Int32>()
  /// For each node of a word's chain, an entity id and the node listed before it under the
  /// same word (-1: none).
  private var wordNodes: [(id: Int32, older: Int32)] = []
  /// Entity ids by lower-cased name, for organisations and groups (and "pronoun:i" for the
  /// narrator).
  private var byKey = StringTable<Int>()
  /// Entity ids by lower-cased description ("the girl"), for those known only by one.
  /// NB: a table of their own, not keys of ``byKey`` under a prefix ("description:the girl"):
  /// the prefixed key was a string made (appended to, allocated and freed) for every
  /// description that joined no one.
  private var byDescription = StringTable<Int>()
  /// Organisations by the initials of their name ("ACLU" for the American Civil Liberties
  /// Union), so that an acronym mentioned later is the same entity.
  private var byInitials = StringTable<Int>()
  /// Entity ids, most recently mentioned last.
  private var recency: [Int] = []
  /// The recency list saved by ``saveRecency()``.
  private var savedRecency: [Int] = []

  /// One mention of the chain: its UTF-8 range, its tokens, and the entity's next mention (-1
  /// ends a chain).
  /// NB: the tokens are kept beside the range: a name's mentions are read again by their tokens
  /// at the end (see ``SpeakerResolver``), and finding the tokens of each range searched the
  /// text.
  private struct MentionNode {
    var range: Range<Int>
    var tokens: Range<Token.Index>
    var next: Int32
  }

  /// The mentions of every entity, in the order they were noted, each entity's chained from
  /// its record's ``Record/firstMention`` by ``MentionNode/next``.
  ///
  /// NB: one array for the whole table, not one per entity: an entity's own array was made at
  /// its first mention and grown again and again as its mentions came (a novel has thousands
  /// of entities), and freed with the table. One array of nodes, not one per field: each
  /// mention noted paid a uniqueness check and a capacity check per array.
  private var mentionNodes: [MentionNode] = []

  /// Makes room for `count` more mentions in the chain.
  /// NB: the resolver knows how many mentions it reads: the chain is not grown again and again.
  mutating func reserveMentions(_ count: Int) {
    mentionNodes.reserveCapacity(mentionNodes.count + count)
  }

  /// The UTF-8 ranges of an entity's mentions, in the order they were noted.
  func mentions(of id: Int) -> [Range<Int>] {
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(records[id].mentionCount)
    forEachMention(of: id) {
      ranges.append($0)
      return true
    }
    return ranges
  }

  /// Calls `body` with the UTF-8 range of each of an entity's mentions, in the order they were
  /// noted, until it returns false.
  func forEachMention(of id: Int, _ body: (Range<Int>) -> Bool) {
    var mention = records[id].firstMention
    while mention >= 0, body(mentionNodes[Int(mention)].range) {
      mention = mentionNodes[Int(mention)].next
    }
  }

  /// Calls `body` with the tokens of each of an entity's mentions, in the order they were
  /// noted, until it returns false.
  func forEachMentionTokens(of id: Int, _ body: (Range<Token.Index>) -> Bool) {
    var mention = records[id].firstMention
    while mention >= 0, body(mentionNodes[Int(mention)].tokens) {
      mention = mentionNodes[Int(mention)].next
    }
  }

  /// The first mention noted of an entity, if any.
  func firstMention(of id: Int) -> Range<Int>? {
    let first = records[id].firstMention
    return first < 0 ? nil : mentionNodes[Int(first)].range
  }

  /// The entities mentioned lately, most recent last: saved and put back around a mention that
  /// does not bring its entity forward (see ``SpeakerResolver``).
  /// NB: at most ``recencyLimit`` ids: a copy costs a bounded time.
  var recentEntities: [Int] {
    get { recency }
    set { recency = newValue }
  }

  /// Saves the recency list, to be put back by ``restoreRecency()``.
  /// NB: copied into a buffer kept from one mention to the next: a copy of the list as a
  /// value was shared with the table, so that the mention's move copied the list again (an
  /// allocation and a release per mention kept out of recency).
  mutating func saveRecency() {
    savedRecency.removeAll(keepingCapacity: true)
    savedRecency.append(contentsOf: recency)
  }

  /// Puts back the recency list saved by ``saveRecency()``.
  mutating func restoreRecency() {
    recency.removeAll(keepingCapacity: true)
    recency.append(contentsOf: savedRecency)
  }

  /// How many recent entities a pronoun or description looks back over.
  static let lookBack = 12
  static let recencyLimit = 128
  /// How many named people of a description's gender may have been mentioned since a person
  /// known only by a description before the description no longer joins them.
  static let describedPersonReach = 2

  /// The entities that some mention of a name with these words could be.
  func knowsWord(_ word: String) -> Bool { byWord[word] != nil }

  /// Whether some name has the word made of these bytes with ASCII letters lower-cased (see
  /// ``knowsWord(_:)``), with no string made of them.
  func knowsWord(lowercasing bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    if let first = bytes.first, let last = bytes.last, !mayBeWord(first: first, last: last) {
      return false
    }
    return byWord.hasValue(lowercasing: bytes)
  }

  /// A bit for each pair of first and last bytes (their five low bits, the same for a letter
  /// in either case) that some word of ``byWord`` has; empty until the first word.
  /// NB: the turns ask whether anyone bears each capitalised word of the dialogue, and the
  /// names of the narration are looked up as they come: most are no one's, and a word whose
  /// pair no name word has is told apart before it is hashed.
  private var wordPairs: [UInt64] = []

  /// The word of ``wordPairs`` and the bit in it for a word's first and last bytes.
  private static func pairBit(first: UInt8, last: UInt8) -> (word: Int, bit: UInt64) {
    let pair = Int(first & 31) << 5 | Int(last & 31)
    return (pair >> 6, 1 << UInt64(pair & 63))
  }

  /// Whether a word with these first and last bytes may be a word of ``byWord``.
  private func mayBeWord(first: UInt8, last: UInt8) -> Bool {
    guard !wordPairs.isEmpty else { return false }
    let (word, bit) = EntityTable.pairBit(first: first, last: last)
    return wordPairs[word] & bit != 0
  }

  /// The first node of the entities listed under a name word, newest first (-1: none).
  private func newestNode(withWord word: String) -> Int32 { byWord[word] ?? -1 }

  /// The entity listed latest under a word, from the word's node `node` on, that satisfies
  /// `predicate`: the last one of the word's entities in the order they were listed.
  private func latest(from node: Int32, where predicate: (Int) -> Bool) -> Int? {
    var node = node
    while node >= 0 {
      let id = Int(wordNodes[Int(node)].id)
      if predicate(id) { return id }
      node = wordNodes[Int(node)].older
    }
    return nil
  }

  /// The entity listed latest under a word that satisfies `predicate`.
  private func latest(withWord word: String, where predicate: (Int) -> Bool) -> Int? {
    latest(from: newestNode(withWord: word), where: predicate)
  }

  /// Lists an entity under one of its name words.
  private mutating func index(_ word: String, _ id: Int) {
    let node = Int32(wordNodes.count)
    wordNodes.append((Int32(id), byWord.updateValue(node, forKey: word) ?? -1))
    // NB: the bytes are read in place: the UTF-8 view's `last` of a string walked it back.
    let ends = word.utf8.withContiguousStorageIfAvailable { bytes in
      bytes.isEmpty ? nil : (bytes[0], bytes[bytes.count - 1])
    }
    guard
      let (first, last) = ends
        ?? word.utf8.first.flatMap({ first in word.utf8.last.map { (first, $0) } })
    else { return }
    if wordPairs.isEmpty { wordPairs = Array(filled: 0, count: 16) }
    let (slot, bit) = EntityTable.pairBit(first: first, last: last)
    wordPairs[slot] |= bit
  }

  /// Adds a mention and returns its entity id.
  ///
  /// `avoiding` holds the speaker of the previous turn of dialogue and the people the quotation
  /// addresses by name: a pronoun that tags the quotation refers to someone else when anyone
  /// else fits.
  ///
  /// `onlySpeakers`: a description that shows no gender refers back only to someone who has
  /// spoken (see ``SpeakerResolver``).
  ///
  /// `namesPlace`: the narration names a place there ("in Mexico City"): the name does not
  /// lengthen the name of someone named by its first word alone ("Mexico agreed …").
  ///
  /// `refersBack`: whether a definite description may refer back like a pronoun to the latest
  /// person who fits; when false it joins only someone known by its role, else it is someone
  /// new (see ``SpeakerResolver``).
  mutating func add(
    _ mention: SpeakerMention, isSpeaker: Bool = false, avoiding: [Int] = [],
    onlySpeakers: Bool = false, namesPlace: Bool = false, refersBack: Bool = true
  ) -> Int? {
    if !byInitials.isEmpty, let id = organization(abbreviatedAs: displayName(of: mention)) {
      note(id, mention: mention)
      return id
    }
    switch mention.kind {
    case .name:
      return addName(mention, namesPlace: namesPlace)
    case .organization, .group:
      let name = displayName(of: mention)
      let kind: Entity.Kind = mention.kind == .group ? .group : .organization
      return addKeyed(key: name.lowercased(), name: name, kind: kind, mention: mention)
    case .description:
      if let id = latest(withRoleIn: mention.roles, gender: mention.gender) {
        note(id, mention: mention)
        return id
      }
      // "the girl", "her husband", "said his host": a definite description of a speaker
      // refers back like a pronoun does (to anyone, when it shows no gender).
      if refersBack, mention.isDefinite, !mention.isPlural, isSpeaker,
        let id = antecedent(of: mention, avoiding: avoiding, onlySpeakers: onlySpeakers)
      {
        note(id, mention: mention)
        return id
      }
      let name = displayName(of: mention)
      let id = addKeyed(
        key: name.lowercased(), name: name, kind: mention.isPlural ? .group : .unknown,
        mention: mention, describes: true)
      // "said the girl" of someone the text has not named: a later "she" can refer to her.
      if !mention.isPlural, mention.gender != .unknown { records[id].isDescribedPerson = true }
      return id
    case .pronoun:
      // NB: the bytes are compared, not the strings: `==` on two strings that differ in
      // their bits (every other pronoun) compared them in full.
      let name = displayName(of: mention)
      if name.utf8.count == 1, name.utf8.first == 0x49 {
        // A first-person narrator speaks as "I" throughout: one entity.
        // NB: the narrator once added is ``narrator``, the entity of the key: not looked up by
        // the key, hashed for every "I" of a first-person story.
        if let narrator {
          note(narrator, mention: mention)
          return narrator
        }
        return addKeyed(key: "pronoun:i", name: "I", kind: .person, mention: mention)
      }
      guard let id = antecedent(of: mention, avoiding: avoiding) else { return nil }
      note(id, mention: mention)
      return id
    case .implicit:
      return nil
    }
  }

  /// Records a mention of an entity already chosen (a pronoun resolved by turn-taking).
  mutating func refer(_ mention: SpeakerMention, to id: Int) -> Int {
    note(id, mention: mention)
    return id
  }

  /// The person of this gender mentioned last, among the entities mentioned lately.
  func latestPerson(gender: SpeakerGender) -> Int? {
    latestRecent {
      records[$0].kind == .person && records[$0].gender == gender
    }
  }

  /// The latest of the ``lookBack`` entities mentioned last that satisfies `predicate`.
  /// NB: the list is walked by index from its end: a lazy reversed prefix of it retained the
  /// list and went through the generic collections' code.
  private func latestRecent(where predicate: (Int) -> Bool) -> Int? {
    var position = recency.count - 1
    let oldest = max(0, recency.count - EntityTable.lookBack)
    while position >= oldest {
      if predicate(recency[position]) { return recency[position] }
      position -= 1
    }
    return nil
  }

  /// The person a title and someone's surname name ("Mrs. Bennet" for Mr. Bennet, "Mr.
  /// Morel" for William Morel), of the given gender: how a novel names a person's wife,
  /// husband, mother or father.
  func titledNamesake(of owner: Int, gender: SpeakerGender) -> Int? {
    guard records[owner].kind == .person,
      records[owner].words.count >= 2 || !records[owner].honorifics.isEmpty,
      let surname = records[owner].words.last
    else { return nil }
    return latest(withWord: surname) {
      $0 != owner && records[$0].kind == .person && records[$0].gender == gender
        && !records[$0].honorifics.isEmpty && records[$0].words.last == surname
    }
  }

  /// The titles a namesake of a family is named by: "Mrs." for a wife or a mother, "Mr." for a
  /// husband or a father.
  static func familyTitle(_ gender: SpeakerGender) -> String? {
    switch gender {
    case .male: "Mr."
    case .female: "Mrs."
    default: nil
    }
  }

  /// The titles that show a name's last word is a surname ("Mr. Bennet"; "Sir Henry" and "Lady
  /// Jane" go with a given name).
  static let surnameTitles = ["mr", "mrs", "miss", "ms", "master", "madame", "mme"]

  /// The person "his wife" or "her mother" names when the story has not named them yet: the
  /// family title of the kin's gender with the possessor's surname ("Mrs. Bennet" for Mr.
  /// Bennet's wife, "Mrs. Morel" for William Morel's mother), added as a person who is named so
  /// from now on. Nil when the possessor's surname is not known, or when the possessor bears
  /// that title already (Mrs. Bennet's mother is not Mrs. Bennet).
  mutating func addFamilyNamesake(
    of owner: Int, gender: SpeakerGender, mention: SpeakerMention
  ) -> Int? {
    guard let title = EntityTable.familyTitle(gender), records[owner].kind == .person,
      let surname = records[owner].words.last,
      records[owner].words.count >= 2
        || records[owner].honorifics.contains(where: EntityTable.surnameTitles.contains),
      !records[owner].honorifics.contains(String(title.dropLast()).lowercased()),
      // The surname as the text writes it: the last word of the possessor's name.
      let written = records[owner].name.split(separator: " ").last,
      written.lowercased() == surname
    else { return nil }
    return addInferred(title: title, surname: String(written), gender: gender, mention: mention)
  }

  /// The person "his wife" names when the wife addresses a man by title and surname and no
  /// man is in view (“My dear Mr. Bennet,” said his lady): the titled namesake of that
  /// surname and of the kin's gender, added as in ``addFamilyNamesake(of:gender:mention:)``
  /// when the story has not named them yet.
  mutating func addNamesake(surname written: String, gender: SpeakerGender, mention: SpeakerMention)
    -> Int?
  {
    guard let title = EntityTable.familyTitle(gender) else { return nil }
    let surname = written.lowercased()
    let word = String(title.dropLast()).lowercased()
    if let id = latest(
      withWord: surname,
      where: {
        records[$0].kind == .person && records[$0].gender == gender
          && records[$0].honorifics.contains(word) && records[$0].words.last == surname
      })
    {
      note(id, mention: mention)
      return id
    }
    return addInferred(title: title, surname: written, gender: gender, mention: mention)
  }

  /// Adds a person named by a family title and a surname that the text has not used yet.
  private mutating func addInferred(
    title: String, surname written: String, gender: SpeakerGender, mention: SpeakerMention
  ) -> Int {
    let surname = written.lowercased()
    let name = title + " " + written
    let id = records.count
    records.append(
      Record(
        name: name, words: [surname], kind: .person, gender: gender,
        roles: distinctRoles(mention.roles), isHonorificOnly: true,
        forms: FormCounts(form: name)))
    records[id].honorifics.append(String(title.dropLast()).lowercased())
    records[id].isInferred = true
    index(surname, id)
    note(id, mention: mention)
    return id
  }

  /// The person of this gender with a family title ("Mrs. Bennet") mentioned last, other than
  /// `owner`: "her mother" of a daughter the story names by her given name alone.
  func latestTitledPerson(gender: SpeakerGender, other owner: Int) -> Int? {
    guard let title = EntityTable.familyTitle(gender) else { return nil }
    let word = String(title.dropLast()).lowercased()
    return latestRecent {
      $0 != owner && records[$0].kind == .person && records[$0].gender == gender
        && records[$0].honorifics.contains(word)
    }
  }

  /// Whether a named person of this gender is among the entities mentioned lately.
  func hasRecentPerson(gender: SpeakerGender) -> Bool {
    latestRecent {
      records[$0].kind == .person && !records[$0].words.isEmpty && records[$0].gender == gender
    } != nil
  }

  /// The first-person narrator ("I"), if one speaks.
  /// NB: stored, not looked up by key: every pronoun asks for it.
  private(set) var narrator: Int? = nil

  /// Gives an entity a name found later (a narrator's name).
  mutating func rename(_ id: Int, to name: String) {
    records[id].name = name
  }

  /// Records that the narration names an entity where a place goes ("at Vevey").
  mutating func notePlace(_ id: Int) { records[id].isNamedAsPlace = true }

  /// Marks a described person as brought in beside named people (see
  /// ``Record/isBackground``).
  mutating func noteBackground(_ id: Int) { records[id].isBackground = true }

  /// Marks an entity as a speaker (it will be listed in the result).
  mutating func markSpeaker(_ id: Int) { records[id].isSpeaker = true }

  /// The entity a name mention (not added) would join, if any: used for vocatives.
  ///
  /// NB: a place the narration named ("in Mexico City") is taken only when no one else fits:
  /// "Mexico" is then the country named before, not the city.
  func match(nameWords words: [String], gender: SpeakerGender) -> Int? {
    guard let last = words.last else { return nil }
    return match(first: words[0], last: last, count: words.count, gender: gender)
  }

  /// ``match(nameWords:gender:)`` of a mention's name words (a run of ``words``).
  func match(nameWords run: WordRun, gender: SpeakerGender) -> Int? {
    guard let last = words.last(run) else { return nil }
    return match(first: words[run, 0], last: last, count: Int(run.count), gender: gender)
  }

  /// The entity a name of one word (not added) would join, if any: what
  /// ``match(nameWords:gender:)`` gives for `[word]`.
  /// NB: no array is made for the word (a vocative or a name in address).
  func match(nameWord word: String, gender: SpeakerGender) -> Int? {
    match(first: word, last: word, count: 1, gender: gender)
  }

  /// ``match(nameWords:gender:)`` of a name of `count` words that opens with `first` and ends
  /// with `last`.
  private func match(first: String, last lastWord: String, count: Int, gender: SpeakerGender)
    -> Int?
  {
    let newest = newestNode(withWord: lastWord)
    guard newest >= 0 else { return nil }
    // Whether more than one entity is listed under the word.
    let several = wordNodes[Int(newest)].older >= 0
    func fits(_ id: Int) -> Bool {
      self.fits(id, first: first, last: lastWord, count: count, gender: gender)
    }
    // A surname alone ("Bingley") names a man of the family in fiction, not a woman the text
    // names with a woman's title ("Miss Bingley", "Mrs. Sowerberry").
    if separatesMarriedTitles, count == 1, gender == .unknown, several,
      let man = latest(
        from: newest, where: { !records[$0].isPlace && !isTitledWoman($0) && fits($0) })
    {
      return man
    }
    // A word alone names someone by their given name or surname: "Walter" is Sir Walter
    // Elliot rather than William Walter Elliot, whose middle name it is.
    if separatesMarriedTitles, count == 1, several,
      let named = latest(
        from: newest,
        where: {
          !records[$0].isPlace && isFirstOrLast(lastWord, $0) && fits($0)
        })
    {
      return named
    }
    return latest(from: newest, where: { !records[$0].isPlace && fits($0) })
      ?? latest(from: newest, where: fits)
  }

  /// Whether a word is the first or the last word of a record's name.
  /// NB: takes the entity id and reads its record in place (see ``isOnly(_:_:)``).
  private func isFirstOrLast(_ word: String, _ id: Int) -> Bool {
    records[id].words.first == word || records[id].words.last == word
  }

  private mutating func addName(_ mention: SpeakerMention, namesPlace: Bool) -> Int? {
    let run = mention.nameWords
    guard !run.isEmpty else { return nil }
    // NB: the words are read from the run; an array is made of them only for a record that
    // takes them (a new name, or a longer one).
    let wordCount = Int(run.count)
    let firstWord = words[run, 0]
    var found = match(nameWords: run, gender: mention.gender)
    // NB: asked only when married titles keep people apart (otherwise always the same
    // person).
    if let id = found, separatesMarriedTitles, !isSamePerson(id, mention) {
      found = nil
    }
    if found == nil, wordCount >= 2, !namesPlace {
      // "Elizabeth" seen before "Elizabeth Bennet".
      found = latest(
        withWord: firstWord,
        where: {
          isOnly(firstWord, $0) && records[$0].gender.isCompatible(with: mention.gender)
            && !records[$0].isHonorificOnly
        })
    }
    let isHonorificOnly = wordCount == 1 && mention.honorific != nil
    if let id = found {
      // NB: note the mention before copying the record: appending to its mentions while a copy
      // is alive copied them all, O(n²) for an entity named n times (linearity benchmark).
      note(id, mention: mention)
      records[id].isInferred = false
      // "Katharine Cassandra; Cassandra Katharine": two people named side by side are not
      // one person's first name and surname.
      let isJuxtaposition =
        wordCount >= 2
        && latest(withWord: firstWord, where: { $0 != id && isOnly(firstWord, $0) }) != nil
      if isJuxtaposition { return id }
      // NB: the record is changed in place: a copy would retain, then release, each of its
      // collections.
      if wordCount > records[id].words.count || (records[id].isHonorificOnly && wordCount > 1) {
        records[id].name = displayName(of: mention)
        for position in 0..<wordCount where !records[id].words.contains(words[run, position]) {
          index(words[run, position], id)
        }
        records[id].words = words.words(run)
        records[id].isHonorificOnly = isHonorificOnly
      }
      if records[id].gender == .unknown { records[id].gender = mention.gender }
      for position in 0..<Int(mention.roles.count)
      where !records[id].roles.contains(words[mention.roles, position]) {
        records[id].roles.append(words[mention.roles, position])
      }
      // NB: the title is most often there already ("Mr. Bennet" again): a look over the one
      // or two titles, not a set's hash of it.
      if let title = words.last(mention.honorificWord),
        !records[id].honorifics.contains(where: { $0 == title })
      {
        records[id].honorifics.append(title)
      }
      let name = displayName(of: mention)
      records[id].forms.countOne(name)
      if wordCount >= 2 { records[id].fullForms.countOne(name) }
      return id
    }
    let id = records.count
    let names = words.words(run)
    let name = displayName(of: mention)
    records.append(
      Record(
        name: name, words: names, kind: .person, gender: mention.gender,
        roles: distinctRoles(mention.roles), isHonorificOnly: isHonorificOnly))
    // NB: the forms are counted in place: built as arguments, they were copied into the record.
    records[id].forms.countOne(name)
    if wordCount >= 2 { records[id].fullForms.countOne(name) }
    records[id].isPlace = namesPlace
    if let title = words.last(mention.honorificWord) { records[id].honorifics.append(title) }
    // Each distinct word once (a linear check: names have a few words, and a set hashes each).
    for (position, word) in names.enumerated() where !names[..<position].contains(word) {
      index(word, id)
    }
    note(id, mention: mention)
    return id
  }

  /// Titles that name a woman ("Miss Bingley", "Mrs. Bennet", "Lady Bertram").
  /// NB: the title lists are arrays, not sets: a record's title or two is compared in place
  /// with each, where a set hashed it (asked for most name mentions in fiction).
  static let womensTitles = ["miss", "mrs", "ms", "lady", "madame", "mme"]

  /// Whether the text names a person with a woman's title.
  /// NB: takes the entity id and reads its record in place (see ``isOnly(_:_:)``).
  private func isTitledWoman(_ id: Int) -> Bool {
    records[id].honorifics.contains(where: EntityTable.womensTitles.contains)
  }

  /// Whether a record's name is this one word alone.
  /// NB: takes the entity id and reads its record in place: a copy of a record retains each of
  /// its collections, and this runs for every entity that shares a name word.
  private func isOnly(_ word: String, _ id: Int) -> Bool {
    records[id].words.count == 1 && records[id].words[0] == word
  }

  /// Titles a married woman is named by: "Mrs. Bennet" is the mother of the family, not
  /// Elizabeth Bennet or Lydia Bennet, though she shares their surname and gender.
  static let marriedTitles = ["mrs", "lady", "madame", "mme"]

  /// Whether a name mention can be a person already named by a surname they share: a married
  /// woman's title and a given name with the surname name different people unless the text
  /// has already joined them.
  /// NB: takes the entity id and reads its record in place (see ``isOnly(_:_:)``).
  private func isSamePerson(_ id: Int, _ mention: SpeakerMention) -> Bool {
    guard separatesMarriedTitles else { return true }
    let wordCount = mention.nameWords.count
    let honorific = words.last(mention.honorificWord)
    if let title = honorific, wordCount == 1,
      EntityTable.marriedTitles.contains(title), records[id].words.count >= 2
    {
      return records[id].honorifics.contains(title)
    }
    // "Mrs. Croft" is not "Admiral Croft", nor "Dr. Grant" "Mrs. Grant": a woman's title and
    // another title before one surname name two people.
    if let title = honorific, wordCount == 1, !records[id].honorifics.isEmpty,
      !records[id].honorifics.contains(title),
      EntityTable.womensTitles.contains(title) || isTitledWoman(id)
    {
      return false
    }
    if wordCount >= 2, records[id].words.count == 1, records[id].isHonorificOnly,
      records[id].honorifics.contains(where: EntityTable.marriedTitles.contains)
    {
      return honorific.map { records[id].honorifics.contains($0) } ?? false
    }
    return true
  }

  /// NB: takes the entity id and reads its record in place (see ``isOnly(_:_:)``).
  /// Whether a record fits a name of `count` words that opens with `first` and ends with
  /// `last`.
  private func fits(
    _ id: Int, first: String, last: String, count: Int, gender: SpeakerGender
  ) -> Bool {
    guard records[id].kind == .person, records[id].gender.isCompatible(with: gender) else {
      return false
    }
    if count == 1 {
      return records[id].words.contains(last)
    }
    guard records[id].words.last == last else { return false }
    if records[id].words.count == 1 { return true }
    let recordFirst = records[id].words[0]
    return first == recordFirst || (first.count == 1 && recordFirst.hasPrefix(first))
      || (recordFirst.count == 1 && first.hasPrefix(recordFirst))
  }

  /// Adds a mention of the entity of a key, new or not, and returns its id: a description's
  /// key (`describes`) in ``byDescription``, another in ``byKey``.
  private mutating func addKeyed(
    key: String, name: String, kind: Entity.Kind, mention: SpeakerMention,
    describes: Bool = false
  ) -> Int {
    if let id = describes ? byDescription[key] : byKey[key] {
      note(id, mention: mention)
      return id
    }
    let id = records.count
    records.append(
      Record(
        name: name, words: [], kind: kind, gender: mention.gender,
        roles: distinctRoles(mention.roles)))
    if describes {
      byDescription[key] = id
    } else {
      byKey[key] = id
      if key == "pronoun:i" { narrator = id }
    }
    if kind == .organization, let initials = Self.initials(of: name), byInitials[initials] == nil {
      byInitials[initials] = id
    }
    note(id, mention: mention)
    return id
  }

  /// Whether a record has one of the roles of a run of ``words``.
  /// NB: the run's words are read in place: no array is made of them.
  private func hasRole(_ id: Int, in run: WordRun) -> Bool {
    for position in 0..<Int(run.count) where records[id].roles.contains(words[run, position]) {
      return true
    }
    return false
  }

  /// A mention's display name (a run of ``words``).
  private func displayName(of mention: SpeakerMention) -> String {
    words.last(mention.displayName) ?? ""
  }

  /// A mention's roles (a run of ``words``), each once, in order.
  private func distinctRoles(_ roles: WordRun) -> [String] {
    EntityTable.distinct(words.words(roles))
  }

  /// Words each once, in order: the array itself when no word repeats (as is most often so).
  static func distinct(_ words: [String]) -> [String] {
    var repeats = false
    for (position, word) in words.enumerated() where words[..<position].contains(word) {
      repeats = true
      break
    }
    guard repeats else { return words }
    var kept: [String] = []
    for word in words where !kept.contains(word) { kept.append(word) }
    return kept
  }

  /// The organisation an acronym ("ACLU", "DHS") stands for, among those named so far.
  private func organization(abbreviatedAs name: String) -> Int? {
    let utf8 = name.utf8
    guard (2...6).contains(utf8.count), utf8.allSatisfy({ (0x41...0x5A).contains($0) }) else {
      return nil
    }
    return byInitials[name]
  }

  /// The initials of a name's capitalised words, skipping function words and abbreviations
  /// ("DHS" for "Department of Homeland Security" and "U.S. Department of Homeland Security");
  /// nil for a name of fewer than two such words.
  static func initials(of name: String) -> String? {
    let initials = NameWords.capitalInitials(name)
    return initials.utf8.count >= 2 ? initials : nil
  }

  /// Whether a description with these roles would join someone known by one of them (see
  /// ``add(_:isSpeaker:avoiding:onlySpeakers:)``).
  func hasRole(in roles: WordRun, gender: SpeakerGender) -> Bool {
    latest(withRoleIn: roles, gender: gender) != nil
  }

  private func latest(withRoleIn run: WordRun, gender: SpeakerGender) -> Int? {
    guard !run.isEmpty else { return nil }
    // The entities that may have one of the roles, as bits of the latest `2 × lookBack`, most
    // recent first (bit 0): the people of a compatible gender, and the people known only by a
    // description while they are one of the two latest of their gender (a story soon names or
    // drops the people it brings in so): while fewer than ``describedPersonReach`` named
    // people of the gender come before them.
    // NB: the bits are set with no branch, and only the entities they leave are asked for a
    // role: a walk that tested each entity's gender and kind in turn mispredicted a branch or
    // two per entity (26K on bench-sample).
    let newest = recency.count - 1
    let count = min(recency.count, EntityTable.lookBack * 2)
    let compatible = EntityTable.compatibleGenders >> (Int(gender.rawValue) << 2)
    var people: UInt64 = 0
    var named: UInt64 = 0
    var described: UInt64 = 0
    // NB: the record's fields are read in place: a copy of it retains each of its collections.
    for offset in 0..<count {
      let id = recency[newest - offset]
      let fits = compatible >> Int(records[id].gender.rawValue) & 1
      let isPerson = UInt64(records[id].kind == .person ? 1 : 0)
      people |= (isPerson & fits) << offset
      named |= (isPerson & fits & UInt64(records[id].gender == gender ? 1 : 0)) << offset
      let isDescribed = UInt64(records[id].isDescribedPerson ? 1 : 0)
      described |= (~isPerson & isDescribed & fits) << offset
    }
    var candidates = people
    if joinsDescribedPeople {
      // The named people before the one that ends the reach, cleared: its bit is the lowest.
      for _ in 1..<EntityTable.describedPersonReach { named &= named &- 1 }
      let reach = named == 0 ? UInt64.max : (named & (0 &- named)) &- 1
      candidates |= described & reach
    }
    while candidates != 0 {
      let id = recency[newest - candidates.trailingZeroBitCount]
      if hasRole(id, in: run) { return id }
      candidates &= candidates &- 1
    }
    return nil
  }

  /// A bit for each pair of genders that can belong to one person (see
  /// ``SpeakerGender/isCompatible(with:)``), at `4 × one + other` (their raw values).
  static let compatibleGenders: UInt64 = {
    var bits: UInt64 = 0
    for one in UInt8(0)..<4 {
      for other in UInt8(0)..<4 {
        guard let first = SpeakerGender(rawValue: one), let second = SpeakerGender(rawValue: other),
          first.isCompatible(with: second)
        else { continue }
        bits |= 1 << (Int(one) << 2 | Int(other))
      }
    }
    return bits
  }()

  /// The most recent compatible entity for a pronoun: a person of the same gender (one of
  /// unknown gender only if it already speaks), or a group or organisation for "they"/"we".
  private mutating func antecedent(
    of mention: SpeakerMention, avoiding avoided: [Int] = [], onlySpeakers: Bool = false
  ) -> Int? {
    if !avoided.isEmpty,
      let other = antecedent(of: mention, excluding: avoided, onlySpeakers: onlySpeakers)
    {
      return other
    }
    return antecedent(of: mention, excluding: [], onlySpeakers: onlySpeakers)
  }

  // NB: an array, not a set: it holds one or two ids, and a set hashed each (per quotation).
  private mutating func antecedent(
    of mention: SpeakerMention, excluding excluded: [Int], onlySpeakers: Bool
  ) -> Int? {
    // NB: "he" and "she" never refer to the first-person narrator.
    let narrator = self.narrator
    // The latest `lookBack` entities, most recent first, less the excluded ones: walked in
    // place, no array per pronoun.
    let newest = recency.count - 1
    let oldest = max(0, recency.count - EntityTable.lookBack)
    @inline(__always) func candidate(_ position: Int) -> Int? {
      let id = recency[position]
      return excluded.contains(id) || id == narrator ? nil : id
    }
    if mention.isPlural {
      for position in stride(from: newest, through: oldest, by: -1) {
        guard let id = candidate(position) else { continue }
        if records[id].kind == .group || records[id].kind == .organization { return id }
      }
      return nil
    }
    if mention.kind == .description, mention.gender == .unknown {
      for position in stride(from: newest, through: oldest, by: -1) {
        guard let id = candidate(position) else { continue }
        // NB: with `onlySpeakers`, someone known by a description who has spoken counts too
        // ("the child" for "a small boy" who spoke).
        if records[id].kind == .person || (onlySpeakers && records[id].isDescribedPerson),
          records[id].isSpeaker || !onlySpeakers
        {
          return id
        }
      }
      return nil
    }
    guard mention.gender == .male || mention.gender == .female else { return nil }
    for position in stride(from: newest, through: oldest, by: -1) {
      guard let id = candidate(position),
        records[id].kind == .person
          || (mention.kind == .pronoun && records[id].isDescribedPerson
            && (records[id].isSpeaker || !records[id].isBackground))
      else { continue }
      if records[id].gender == mention.gender { return id }
      if records[id].gender == .unknown, records[id].isSpeaker {
        records[id].gender = mention.gender
        return id
      }
    }
    // Nobody of that gender is known nearby: the latest person whose gender is not known yet.
    for position in stride(from: newest, through: oldest, by: -1) {
      guard let id = candidate(position), records[id].kind == .person,
        records[id].gender == .unknown, !records[id].isPlaceLike
      else { continue }
      records[id].gender = mention.gender
      return id
    }
    return nil
  }

  private mutating func note(_ id: Int, mention: SpeakerMention) {
    let last = records[id].lastMention
    if last < 0 || mentionNodes[Int(last)].range != mention.utf8Range {
      let added = Int32(mentionNodes.count)
      mentionNodes.append(MentionNode(range: mention.utf8Range, tokens: mention.tokens, next: -1))
      if last >= 0 { mentionNodes[Int(last)].next = added }
      // NB: the record's three fields are changed in one access (one uniqueness check).
      records[id].chain(added)
    }
    // NB: the recency list is capped, so moving an entity to its end costs O(1) however many
    // entities a novel has.
    // The entity just mentioned is most often mentioned again: nothing moves.
    if recency.last == id { return }
    // NB: an entity in the list is moved to its end in place (the ids after it move down one),
    // not removed and appended again.
    // NB: a flag on each record saying whether the entity is in the list, so that a new one is
    // appended without a look over the list, was tried and dropped: most documents' lists are
    // short, and the look and the move cost little beside the chain's appends (bench-sample:
    // note 5.06M -> 4.90M instructions, the total 0.19M fewer, for a flag kept up at every
    // halving and every restore).
    let moved = recency.withUnsafeMutableBufferPointer { recency -> Bool in
      var position = recency.count - 2
      while position >= 0, recency[position] != id { position -= 1 }
      guard position >= 0 else { return false }
      for later in position..<(recency.count - 1) { recency[later] = recency[later + 1] }
      recency[recency.count - 1] = id
      return true
    }
    if moved { return }
    recency.append(id)
    if recency.count > EntityTable.recencyLimit { recency.removeFirst(recency.count / 2) }
  }
}
