/// Everything the engine found in one document.
///
/// A value type: copies are independent. Its fields live in one shared box that is copied on
/// the first change to a shared copy, so copying a result (handing it from a worker thread to
/// the caller, storing it in a collection) costs one reference count, not one for every array.
public struct ExtractionResult: Sendable {
  /// The fields, stored once.
  struct Fields {
    var document: Document
    var quotes: [QuotedSpan]
    var attributions: [Attribution]
    var entities: [Entity]
    var diagnostics: [Diagnostic]
  }

  /// The box holding the fields; only a result that holds the sole reference changes it.
  final class Storage: @unchecked Sendable {
    // NB: no dynamic exclusivity checks: the engine reaches the fields in hot loops, and every
    // change goes through `ExtractionResult`'s accessors after `makeUnique()`.
    @exclusivity(unchecked) var fields: Fields
    init(_ fields: Fields) { self.fields = fields }
  }

  private var storage: Storage

  /// Creates a result.
  public init(
    document: Document, quotes: [QuotedSpan] = [], attributions: [Attribution] = [],
    entities: [Entity] = [], diagnostics: [Diagnostic] = []
  ) {
    storage = Storage(
      Fields(
        document: document, quotes: quotes, attributions: attributions, entities: entities,
        diagnostics: diagnostics))
  }

  /// Gives this result its own box before a change, if the box is shared with a copy.
  private mutating func makeUnique() {
    if !isKnownUniquelyReferenced(&storage) { storage = Storage(storage.fields) }
  }

  /// The document: text, paragraphs, sentences and tokens.
  public var document: Document {
    _read { yield storage.fields.document }
  }
  /// Every quoted span, outer spans before the spans they contain, in text order.
  public var quotes: [QuotedSpan] {
    _read { yield storage.fields.quotes }
    _modify {
      makeUnique()
      yield &storage.fields.quotes
    }
  }
  /// Every attribution, in text order of its content.
  public var attributions: [Attribution] {
    _read { yield storage.fields.attributions }
    _modify {
      makeUnique()
      yield &storage.fields.attributions
    }
  }
  /// The speakers, with their mentions.
  public var entities: [Entity] {
    _read { yield storage.fields.entities }
    _modify {
      makeUnique()
      yield &storage.fields.entities
    }
  }
  /// Problems found in the input (invalid UTF-8, unclosed quotation marks, …).
  public var diagnostics: [Diagnostic] {
    _read { yield storage.fields.diagnostics }
    _modify {
      makeUnique()
      yield &storage.fields.diagnostics
    }
  }

  /// The document's text.
  public var text: String { document.text }
}
