/// A person's grammatical gender as far as the text shows it.
enum SpeakerGender: UInt8, Sendable, Hashable {
  case unknown
  case male
  case female
  case neuter

  init(code: Substring?) {
    switch code {
    case "m": self = .male
    case "f": self = .female
    case "n": self = .neuter
    default: self = .unknown
    }
  }

  /// Whether two genders can belong to one person (unknown fits anything).
  func isCompatible(with other: SpeakerGender) -> Bool {
    self == .unknown || other == .unknown || self == other
  }

  /// The name used in ``Entity/gender``.
  var entityName: String? {
    switch self {
    case .male: "male"
    case .female: "female"
    case .neuter, .unknown: nil
    }
  }
}

/// A pronoun's gender and number.
struct PronounInfo: Sendable {
  var gender: SpeakerGender
  var isPlural: Bool
}

/// What the speaker lexicons say about one word: the lists that hold it, with their values.
///
/// One lookup answers every list, so a token is hashed once however many lists are asked.
struct SpeakerWord: Sendable {
  /// The lists that hold a word, as a bit set.
  struct Lists: OptionSet, Sendable {
    let rawValue: UInt16
    static let pronoun = Lists(rawValue: 1 << 0)
    static let honorific = Lists(rawValue: 1 << 1)
    static let role = Lists(rawValue: 1 << 2)
    static let organizationHead = Lists(rawValue: 1 << 3)
    static let group = Lists(rawValue: 1 << 4)
    static let givenName = Lists(rawValue: 1 << 5)
    static let dialogueVerb = Lists(rawValue: 1 << 6)
    static let determiner = Lists(rawValue: 1 << 7)
    static let notName = Lists(rawValue: 1 << 8)
  }

  var lists: Lists = []
  /// The pronoun's gender and number, when ``lists`` holds `.pronoun`.
  var pronoun = PronounInfo(gender: .unknown, isPlural: false)
  var honorificGender = SpeakerGender.unknown
  var roleGender = SpeakerGender.unknown
  var givenNameGender = SpeakerGender.unknown
}

/// What a word after an article is to a description (see
/// ``SpeakerLexicons/descriptionWords``).
enum DescriptionWord: UInt8, Sendable {
  /// A determiner or possessive ("the", "his"): another phrase starts there.
  case determiner
  /// A person noun with a male gender ("man", "boy").
  case male
  /// A person noun with a female gender ("woman", "girl").
  case female
}

/// The word lists the speaker resolver reads (`Resources/speakers-*.txt`), loaded once.
///
/// A class: every analyzer and tagger holds the shared instance, and copying a reference costs
/// one retain where a struct of lexicons would retain each of their arrays.
final class SpeakerLexicons: Sendable {
  /// Personal pronouns, with gender and number.
  let pronouns: ByteLexicon<PronounInfo>
  /// Honorifics before a name (Mr., Mrs., Lady, Dr.), with the gender they imply.
  let honorifics: ByteLexicon<SpeakerGender>
  /// Titles and roles (spokeswoman, senator, Secretary), with a gender where the word has one.
  let roles: ByteLexicon<SpeakerGender>
  /// Head words of organisation names (Department, Ministry, Party, Inc).
  let organizationHeads: ByteLexicon<Void>
  /// Plural nouns naming groups of people (officials, residents).
  let groups: ByteLexicon<Void>
  /// Given names with their usual gender.
  let givenNames: ByteLexicon<SpeakerGender>
  /// Speech verbs that tag dialogue in fiction (said, cried, replied).
  let dialogueVerbs: ByteLexicon<Void>
  /// Determiners and possessives that open a description (the, a, his).
  let determiners: ByteLexicon<Void>
  /// Capitalised words that are never names (days, months, interjections, sentence openers).
  let notNames: ByteLexicon<Void>
  /// Kin nouns with the namesake's gender ("wife": female), for "said his wife" in fiction.
  let kinship: ByteLexicon<SpeakerGender>
  /// Speech verbs of a speaker going on ("added", "continued"), for pronoun tags in fiction.
  let continuationVerbs: ByteLexicon<Void>
  /// Person nouns for a child ("child", "boy"), for descriptions in fiction.
  let children: ByteLexicon<Void>
  /// The words of ``children``, lower-cased.
  let childWords: [String]
  /// Every list above in one table (see ``SpeakerWord``).
  let words: ByteLexicon<SpeakerWord>
  /// The words a description of the narration reads after its article (see
  /// ``NarrationDescriptions``): the determiners, and the roles with a male or female gender.
  /// NB: a small table of its own: most words after an article are neither, and its sparse
  /// first-and-last-byte bitmap turns them away before they are hashed (the merged table's
  /// bitmap lets most words through).
  let descriptionWords: ByteLexicon<DescriptionWord>
  /// For the five low bits of a first byte and of a last byte (see
  /// ``descriptionLengthBit(_:)``), the lengths of the ``descriptionWords`` that start and end
  /// with them: bit n for n bytes (31 for 31 and more).
  /// NB: some seventy words, whose first and last bytes and lengths turn away most of the words
  /// after an article before they are hashed. One lookup for the three: a table by the first
  /// byte and the length, then the lexicon's own by the first and last bytes, each turned away
  /// words that the other let through, and both their branches mispredicted often.
  let descriptionLengths: [UInt32]

  /// The word of ``descriptionLengths`` and the bit in it for a non-empty word: a word whose bit
  /// is not set is none of the ``descriptionWords``.
  /// NB: the five low bits of a byte are the same for an upper-case ASCII letter and its lower
  /// case (as ``ByteLexicon``'s own bitmap reads them).
  @inline(__always)
  static func descriptionLengthBit(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, UInt32) {
    (Int(bytes[0] & 31) << 5 | Int(bytes[bytes.count - 1] & 31), 1 << UInt32(min(bytes.count, 31)))
  }

  static let shared = SpeakerLexicons()

  private init() {
    var pronouns = ByteLexicon<PronounInfo>()
    for columns in ByteLexicon<PronounInfo>.lines(PackageResources.speakers_pronouns_txt) {
      let gender = SpeakerGender(code: columns.count > 1 ? columns[1] : nil)
      let plural = columns.count > 2 && columns[2] == "p"
      pronouns.insert(columns[0], value: PronounInfo(gender: gender, isPlural: plural))
    }
    let honorifics = SpeakerLexicons.gendered(PackageResources.speakers_honorifics_txt)
    let roles = SpeakerLexicons.gendered(PackageResources.speakers_roles_txt)
    let organizationHeads = ByteLexicon(wordList: PackageResources.speakers_org_heads_txt)
    let groups = ByteLexicon(wordList: PackageResources.speakers_groups_txt)
    var names = ByteLexicon<SpeakerGender>()
    for columns in ByteLexicon<Void>.lines(PackageResources.speakers_names_male_txt) {
      names.insert(columns[0], value: .male)
    }
    for columns in ByteLexicon<Void>.lines(PackageResources.speakers_names_female_txt) {
      // NB: a name on both lists (Morgan, Leslie) has no gender of its own.
      let existing = names.value(ArraySlice(columns[0].utf8))
      names.insert(columns[0], value: existing == nil ? .female : .unknown)
    }
    let dialogueVerbs = ByteLexicon(wordList: PackageResources.speakers_dialogue_verbs_txt)
    let determiners = ByteLexicon(wordList: PackageResources.speakers_determiners_txt)
    let notNames = ByteLexicon(wordList: PackageResources.speakers_not_names_txt)

    var words = ByteLexicon<SpeakerWord>()
    func merge<Value>(
      _ lexicon: ByteLexicon<Value>, _ list: SpeakerWord.Lists,
      _ store: (inout SpeakerWord, Value) -> Void = { _, _ in }
    ) {
      lexicon.forEach { key, value in
        var word = words.value(key) ?? SpeakerWord()
        word.lists.insert(list)
        store(&word, value)
        words.insert(bytes: key, value: word)
      }
    }
    merge(pronouns, .pronoun) { $0.pronoun = $1 }
    merge(honorifics, .honorific) { $0.honorificGender = $1 }
    merge(roles, .role) { $0.roleGender = $1 }
    merge(organizationHeads, .organizationHead)
    merge(groups, .group)
    merge(names, .givenName) { $0.givenNameGender = $1 }
    merge(dialogueVerbs, .dialogueVerb)
    merge(determiners, .determiner)
    merge(notNames, .notName)

    self.pronouns = pronouns
    self.honorifics = honorifics
    self.roles = roles
    self.organizationHeads = organizationHeads
    self.groups = groups
    self.givenNames = names
    self.dialogueVerbs = dialogueVerbs
    self.determiners = determiners
    self.notNames = notNames
    self.kinship = SpeakerLexicons.gendered(PackageResources.speakers_kinship_txt)
    self.continuationVerbs = ByteLexicon(
      wordList: PackageResources.speakers_continuation_verbs_txt)
    self.children = ByteLexicon(wordList: PackageResources.speakers_children_txt)
    self.childWords = ByteLexicon<Void>.lines(PackageResources.speakers_children_txt).map {
      $0[0].lowercased()
    }
    self.words = words
    var descriptionWords = ByteLexicon<DescriptionWord>()
    roles.forEach { key, gender in
      if gender == .male { descriptionWords.insert(bytes: key, value: .male) }
      if gender == .female { descriptionWords.insert(bytes: key, value: .female) }
    }
    // NB: after the roles: a determiner is read as one first.
    determiners.forEach { key, _ in descriptionWords.insert(bytes: key, value: .determiner) }
    self.descriptionWords = descriptionWords
    var descriptionLengths = [UInt32](filled: 0, count: 32 * 32)
    descriptionWords.forEach { key, _ in
      guard !key.isEmpty else { return }
      let (word, bit) = key.withUnsafeBufferPointer { SpeakerLexicons.descriptionLengthBit($0) }
      descriptionLengths[word] |= bit
    }
    self.descriptionLengths = descriptionLengths
  }

  private static func gendered(_ bytes: [UInt8]) -> ByteLexicon<SpeakerGender> {
    var lexicon = ByteLexicon<SpeakerGender>()
    for columns in ByteLexicon<Void>.lines(bytes) {
      lexicon.insert(columns[0], value: SpeakerGender(code: columns.count > 1 ? columns[1] : nil))
    }
    return lexicon
  }
}
