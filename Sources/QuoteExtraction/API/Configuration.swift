/// How a ``QuoteExtractor`` reads text and what it reports.
public struct Configuration: Sendable {
  /// How paragraphs are found.
  public var paragraphMode: Document.ParagraphMode = .blankLine
  /// The attribution types to report; the others are dropped from results.
  public var types: Set<Attribution.Kind> = Set(Attribution.Kind.allCases)

  /// Quotations longer than this many code points (marks excluded) are not reported; nil (the
  /// default) keeps them all. Like CoreNLP's `quote.maxLength`.
  public var maximumQuoteLength: Int? = nil

  /// Whether single quotation marks (' ‘ ’ ‚) open quotations, as in British fiction (the
  /// default); false reads them as apostrophes only. Like CoreNLP's `quote.singleQuotes`.
  public var singleQuotes = true

  /// Creates the default configuration.
  public init() {}

  var quoteScannerOptions: QuoteScanner.Options {
    QuoteScanner.Options(maximumLength: maximumQuoteLength, singleQuotes: singleQuotes)
  }

  var documentOptions: Document.Options { Document.Options(paragraphMode: paragraphMode) }
}
