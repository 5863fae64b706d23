/// How a ``QuoteExtractor`` reads text and what it reports.
public struct Configuration: Sendable {
  /// How paragraphs are found.
  public var paragraphMode: Document.ParagraphMode = .blankLine
  /// The attribution types to report; the others are dropped from results.
  public var types: Set<Attribution.Kind> = Set(Attribution.Kind.allCases)

  /// Creates the default configuration.
  public init() {}

  var documentOptions: Document.Options { Document.Options(paragraphMode: paragraphMode) }
}
