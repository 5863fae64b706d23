/// Everything the engine found in one document.
public struct ExtractionResult: Sendable {
  /// The document: text, paragraphs, sentences and tokens.
  public let document: Document
  /// Every quoted span, outer spans before the spans they contain, in text order.
  public var quotes: [QuotedSpan]
  /// Every attribution, in text order of its content.
  public var attributions: [Attribution]
  /// The speakers, with their mentions.
  public var entities: [Entity]
  /// Problems found in the input (invalid UTF-8, unclosed quotation marks, …).
  public var diagnostics: [Diagnostic]

  /// Creates a result.
  public init(
    document: Document, quotes: [QuotedSpan] = [], attributions: [Attribution] = [],
    entities: [Entity] = [], diagnostics: [Diagnostic] = []
  ) {
    self.document = document
    self.quotes = quotes
    self.attributions = attributions
    self.entities = entities
    self.diagnostics = diagnostics
  }

  /// The document's text.
  public var text: String { document.text }
}
