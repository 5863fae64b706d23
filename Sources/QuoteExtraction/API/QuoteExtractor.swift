/// The engine: finds quotations and attributions in text. Configure once, share freely.
///
/// ```swift
/// let extractor = try QuoteExtractor()
/// let result = try extractor.extract(from: "“We’re ready,” Ebrard said.")
/// for attribution in result.attributions { print(attribution.type, attribution.speakerName ?? "?") }
/// ```
///
/// `QuoteExtractor` is a `Sendable` value: one instance can serve many tasks at once.
public struct QuoteExtractor: Sendable {
  /// The configuration this extractor was built with.
  public var configuration: Configuration { storage.configuration }
  var rules: RuleSet { storage.engine.rules }
  /// The attribution engine of this configuration, built once.
  var engine: AttributionEngine { storage.engine }
  private let storage: Storage

  /// What an extractor holds, built once and shared by every copy of it.
  ///
  /// NB: a class, so that a copy of the extractor (one per task, per document in some paths)
  /// retains one object: a copy of a struct would retain each of the configuration's sets and
  /// arrays, which every worker thread shares.
  private final class Storage: Sendable {
    let configuration: Configuration
    let engine: AttributionEngine
    let documentOptions: Document.Options
    let quoteScannerOptions: QuoteScanner.Options

    init(configuration: Configuration, rules: RuleSet) {
      self.configuration = configuration
      self.engine = AttributionEngine(configuration: configuration, rules: rules)
      self.documentOptions = configuration.documentOptions
      self.quoteScannerOptions = configuration.quoteScannerOptions
    }
  }

  /// Creates an extractor; every lexicon and rule pack is loaded and checked here, so a
  /// configuration error surfaces now and never in the middle of a corpus.
  /// - Throws: ``QuoteExtractionError`` when a lexicon or rule pack does not load.
  public init(configuration: Configuration = Configuration()) throws(QuoteExtractionError) {
    let rules: RuleSet
    if configuration.rulePacks.isEmpty && configuration.lexiconAdditions.isEmpty
      && configuration.usesBuiltInRules
    {
      rules = try RuleSet.standard.get()
      SharedTables.makeImmortal()
    } else {
      rules = try RuleSet(configuration: configuration)
    }
    storage = Storage(configuration: configuration, rules: rules)
  }

  /// Splits text into paragraphs, sentences and tokens without looking for quotations.
  public func segment(_ text: String) throws(QuoteExtractionError) -> Document {
    try Document(text: text, options: storage.documentOptions)
  }

  /// Splits UTF-8 bytes into paragraphs, sentences and tokens (invalid UTF-8 is repaired).
  public func segment(utf8 bytes: some Collection<UInt8>) throws(QuoteExtractionError) -> Document {
    try Document(utf8: bytes, options: storage.documentOptions)
  }

  /// Finds the quotations and attributions of a text.
  public func extract(from text: String) throws(QuoteExtractionError) -> ExtractionResult {
    run(try segment(text))
  }

  /// Finds the quotations and attributions of UTF-8 bytes (invalid UTF-8 is repaired and
  /// reported in the diagnostics).
  public func extract(utf8 bytes: some Collection<UInt8>) throws(QuoteExtractionError)
    -> ExtractionResult
  {
    run(try segment(utf8: bytes))
  }

  private func run(_ document: Document) -> ExtractionResult {
    let scan = QuoteScanner(document: document, options: storage.quoteScannerOptions).scan()
    var result = ExtractionResult(
      document: document, quotes: scan.quotes,
      diagnostics: document.diagnostics + scan.diagnostics)
    storage.engine.attribute(&result)
    return result
  }
}
