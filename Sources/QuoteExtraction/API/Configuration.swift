/// How a ``QuoteExtractor`` reads text and what it reports.
public struct Configuration: Sendable {
  /// How paragraphs are found.
  public var paragraphMode: Document.ParagraphMode = .blankLine
  /// The attribution types to report; the others are dropped from results.
  public var types: Set<Attribution.Kind> = Set(Attribution.Kind.allCases)
  /// The cue classes to report; attributions whose cue belongs to none of them are dropped.
  public var cueClasses: Set<CueClass> = Set(CueClass.allCases)
  /// What kind of text to expect: fiction reports only quotations (its narration's reported
  /// thoughts and speech are not quotations); news reports indirect speech too.
  public var genre: Genre = .automatic
  /// Whether the rule pack shipped with the package runs (before any added pack).
  public var usesBuiltInRules = true
  /// Rule packs added with ``addRulePack(named:json:)``.
  public internal(set) var rulePacks: [(name: String, json: String)] = []
  /// Lexicon entries added with ``addLexiconEntries(_:to:)`` or ``addLexicon(named:contents:)``.
  public internal(set) var lexiconAdditions: [(lexicon: String, entries: [String])] = []

  /// Quotations longer than this many code points (marks excluded) are not reported; nil (the
  /// default) keeps them all. Like CoreNLP's `quote.maxLength`.
  public var maximumQuoteLength: Int? = nil

  /// Whether single quotation marks (' ‘ ’ ‚) open quotations, as in British fiction (the
  /// default); false reads them as apostrophes only. Like CoreNLP's `quote.singleQuotes`.
  public var singleQuotes = true

  /// Creates the default configuration.
  public init() {}

  /// Adds words to a lexicon (a built-in one such as `speech`, or a new one that added rule
  /// packs can name). Each entry is one spelling; give every inflected form.
  public mutating func addLexiconEntries(_ entries: [String], to lexicon: String) {
    lexiconAdditions.append((lexicon, entries))
  }

  /// Adds the entries of a lexicon file's contents (one lemma and its forms a line, `#`
  /// comments) to the lexicon `name`.
  public mutating func addLexicon(named name: String, contents: String) {
    lexiconAdditions.append((name, RuleSet.entries(of: contents)))
  }

  /// Adds a rule pack (the JSON text of a `rules-*.json` file); `name` names it in errors.
  /// The pack is checked when the extractor is made.
  public mutating func addRulePack(named name: String, json: String) {
    rulePacks.append((name, json))
  }

  var quoteScannerOptions: QuoteScanner.Options {
    QuoteScanner.Options(maximumLength: maximumQuoteLength, singleQuotes: singleQuotes)
  }

  var documentOptions: Document.Options { Document.Options(paragraphMode: paragraphMode) }
}

/// The classes of cues, one built-in lexicon each.
public enum CueClass: String, Sendable, Hashable, CaseIterable {
  /// Speech: say, tell, add, warn, insist, …
  case speech
  /// Writing: write, tweet, post, …
  case writing
  /// Thought and belief: believe, think, hope, fear, want, …
  case thought
  /// Evidence: show, find, indicate, … (reports, polls and studies as sources).
  case evidence
}

/// The kind of text, which decides whether indirect reports are reported.
public enum Genre: String, Sendable, Hashable, CaseIterable {
  /// Decided per document: prose with almost no numbers and many personal pronouns
  /// (he, she, I) reads as fiction.
  case automatic
  /// News and other non-fiction: direct, indirect and mixed reports.
  case news
  /// Novels and stories: direct quotations only, found by the rules that quote (a
  /// reported-speech rule would take a quotation into narration) and by dialogue turns.
  case fiction
}
