/// A range of a document's text, in UTF-8 byte offsets, with the tokens it covers.
public struct TextRange: Sendable, Hashable {
  /// Start, as a UTF-8 byte offset.
  public var utf8Start: Int
  /// End (exclusive), as a UTF-8 byte offset.
  public var utf8End: Int
  /// The tokens inside the range.
  public var tokens: Range<Token.Index>

  /// The range as UTF-8 byte offsets.
  public var utf8Range: Range<Int> { utf8Start..<utf8End }
}
