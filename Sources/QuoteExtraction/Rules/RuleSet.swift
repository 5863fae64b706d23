/// The compiled lexicons and rules an extractor uses: built once, when the extractor is made,
/// so a bad rule pack or lexicon is reported then and never in the middle of a corpus.
///
/// A class, immutable: the engine and its helpers pass it per document, and every copy of a
/// struct of arrays would retain each array's buffer, shared by all the worker threads (an atomic
/// on a shared cache line each time).
final class RuleSet: Sendable {
  /// Every lexicon, one bit each.
  let lexicons: LexiconTable
  /// The rules in the order they run: by pass, then in file order.
  let rules: [Rule]
  /// The bits of the lexicons the phrase finders use.
  let bits: Bits
  /// The rules compiled for the matcher, in the same order.
  let program: RuleProgram
  /// ``lexicons`` in memory of its own, for the rule context's lookups one word at a time.
  let pinnedLexicons: LexiconTable.Pinned

  struct Bits: Sendable {
    var pronouns: UInt64 = 0
    var objectPronouns: UInt64 = 0
    var determiners: UInt64 = 0
    var adverbs: UInt64 = 0
    var prepositions: UInt64 = 0
    var stop: UInt64 = 0
    var telling: UInt64 = 0
    /// Every cue lexicon (the classes and `clausal`).
    var cues: UInt64 = 0
    /// The class lexicons (speech, writing, thought, evidence).
    var classes: UInt64 = 0
  }

  /// The lexicons shipped with the package: name and resource bytes.
  static let builtInLexicons: [(name: String, bytes: [UInt8])] = [
    ("speech", PackageResources.cues_speech_txt),
    ("writing", PackageResources.cues_writing_txt),
    ("thought", PackageResources.cues_thought_txt),
    ("evidence", PackageResources.cues_evidence_txt),
    ("clausal", PackageResources.cues_clausal_txt),
    ("telling", PackageResources.cues_telling_txt),
    ("inversion", PackageResources.cues_inversion_txt),
    ("pronouns", PackageResources.cues_pronouns_txt),
    ("object-pronouns", PackageResources.cues_object_pronouns_txt),
    ("determiners", PackageResources.cues_determiners_txt),
    ("adverbs", PackageResources.cues_adverbs_txt),
    ("prepositions", PackageResources.cues_prepositions_txt),
    ("np-stop", PackageResources.cues_np_stop_txt),
  ]

  /// The rule packs shipped with the package.
  static let builtInPacks: [(name: String, bytes: [UInt8])] = [
    ("rules-en.json", PackageResources.rules_en_json)
  ]

  /// The rule set of the default configuration, built once.
  static let standard: Result<RuleSet, QuoteExtractionError> = {
    do throws(QuoteExtractionError) {
      return .success(try RuleSet(configuration: Configuration()))
    } catch {
      return .failure(error)
    }
  }()

  /// Reads the entries of a lexicon file: every whitespace-separated word of every line, with
  /// `#` comments and blank lines skipped (a line is a lemma and its inflected forms).
  static func entries(of text: String) -> [String] {
    var result: [String] = []
    for line in text.split(whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" }) {
      let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
      for word in content.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
        result.append(String(word))
      }
    }
    return result
  }

  /// A rule set with no lexicon and no rule.
  init(empty: ()) {
    lexicons = LexiconTable()
    rules = []
    bits = Bits()
    program = RuleProgram(rules: [])
    pinnedLexicons = LexiconTable.Pinned(lexicons)
  }

  /// Builds the rule set of a configuration.
  /// - Throws: ``QuoteExtractionError`` (code `rules` or `lexicon`) with a located message.
  init(configuration: Configuration) throws(QuoteExtractionError) {
    var table = LexiconTable()
    for lexicon in Self.builtInLexicons {
      table.add(
        lexicon.name, entries: Self.entries(of: String(decoding: lexicon.bytes, as: UTF8.self)))
    }
    for addition in configuration.lexiconAdditions {
      guard table.add(addition.lexicon, entries: addition.entries) != nil else {
        throw QuoteExtractionError(
          .lexicon(
            "too many lexicons: at most \(LexiconTable.capacity) (adding '\(addition.lexicon)')"))
      }
    }
    table.placeShortestFirst()
    func bit(_ name: String) -> UInt64 { table.bit(of: name) ?? 0 }
    var bits = Bits()
    bits.pronouns = bit("pronouns")
    bits.objectPronouns = bit("object-pronouns")
    bits.determiners = bit("determiners")
    bits.adverbs = bit("adverbs")
    bits.prepositions = bit("prepositions")
    bits.stop = bit("np-stop")
    bits.telling = bit("telling")
    bits.classes = CueClass.allCases.reduce(0) { $0 | bit($1.rawValue) }
    bits.cues = bits.classes | bit("clausal") | bits.telling

    var loader = RuleLoader(lexicons: table)
    var rules: [Rule] = []
    var packs = configuration.usesBuiltInRules ? Self.builtInPacks : []
    packs += configuration.rulePacks.map { ($0.name, Array($0.json.utf8)) }
    for pack in packs {
      do {
        rules += try loader.load(file: pack.name, bytes: pack.bytes)
      } catch {
        throw QuoteExtractionError(.rules(error.description))
      }
    }
    self.lexicons = table
    self.rules = rules.enumerated().sorted {
      $0.element.pass != $1.element.pass ? $0.element.pass < $1.element.pass : $0.offset < $1.offset
    }.map(\.element)
    self.bits = bits
    self.program = RuleProgram(rules: self.rules)
    self.pinnedLexicons = LexiconTable.Pinned(table)
  }
}
