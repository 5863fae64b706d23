extension QuoteExtractionError {
  /// What went wrong, as a value to compare with: ``icu``, ``rules``, ``lexicon`` or ``input``.
  ///
  /// A struct rather than an enum, so that kinds can be added without breaking a `switch`.
  ///
  /// ```swift
  /// do {
  ///   extractor = try QuoteExtractor(configuration: configuration)
  /// } catch where error.kind == .rules {
  ///   print(error)  // path:line:column, the line, and a caret under the column
  /// }
  /// ```
  public struct Kind: Hashable, Sendable, CustomStringConvertible {
    /// The stable code, as in ``QuoteExtractionError/code``.
    public let code: String

    /// ICU failed (a break iterator did not open); carries the ICU status name.
    public static let icu = Kind(code: "icu")
    /// A rule pack did not parse or check; thrown when the extractor is made.
    public static let rules = Kind(code: "rules")
    /// A lexicon did not load; thrown when the extractor is made.
    public static let lexicon = Kind(code: "lexicon")
    /// The input could not be read as a document.
    public static let input = Kind(code: "input")

    /// The stable code.
    public var description: String { code }
  }

  /// What went wrong.
  public var kind: Kind { Kind(code: code) }
}
