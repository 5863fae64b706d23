/// A text split into paragraphs, sentences and tokens, with offsets in three units.
///
/// The caller's text is kept exactly (after invalid UTF-8 was replaced with U+FFFD, which a
/// diagnostic reports). All ranges are UTF-8 byte offsets into ``utf8``; ``codePointOffset(_:)``
/// and ``utf16Offset(_:)`` convert them in constant time.
public struct Document: Sendable {
  /// How paragraphs are found.
  public enum ParagraphMode: String, Sendable, Hashable, CaseIterable {
    /// A blank line ends a paragraph; a single newline inside one is whitespace (hard-wrapped
    /// text such as Project Gutenberg books and wire copy).
    case blankLine = "blank-line"
    /// Every line is a paragraph.
    case line
  }

  /// The text, exactly as given (invalid UTF-8 replaced by U+FFFD).
  /// - Complexity: O(n): made from ``utf8`` at each call.
  /// NB: not stored: the pipeline reads the bytes alone, and a string kept beside them cost
  /// every document a copy of its text (and a second check of its UTF-8).
  public var text: String { String(decoding: utf8, as: UTF8.self) }
  /// The text's UTF-8 bytes; every offset in the document points into these.
  public let utf8: [UInt8]
  /// Tokens in text order. Whitespace is not a token.
  public internal(set) var tokens: [Token]
  /// Sentences in text order, trimmed of surrounding whitespace; none crosses a paragraph.
  public internal(set) var sentences: [TextRange]
  /// Paragraphs in text order, trimmed of surrounding whitespace.
  public internal(set) var paragraphs: [TextRange]
  /// Problems found while reading the text.
  public internal(set) var diagnostics: [Diagnostic]
  /// For each token, the index of its sentence.
  internal var sentenceOfToken: [Int32]
  /// For each token, the index of its paragraph.
  internal var paragraphOfToken: [Int32]
  /// The `.quoteMark` tokens, in order, with what the quote scanner asks about them: it visits
  /// these rather than every token.
  internal var quoteMarkTokens: [QuoteMarkToken]
  let offsets: OffsetIndex

  /// The number of UTF-8 bytes in the text.
  public var utf8Count: Int { utf8.count }

  /// Converts a UTF-8 byte offset into a Unicode code point offset (what Python uses).
  /// - Complexity: O(1).
  public func codePointOffset(_ utf8Offset: Int) -> Int {
    offsets.codePointOffset(utf8Offset: utf8Offset)
  }

  /// Converts a UTF-8 byte offset into a UTF-16 code unit offset (what JavaScript uses).
  /// - Complexity: O(1).
  public func utf16Offset(_ utf8Offset: Int) -> Int {
    offsets.utf16Offset(utf8Offset: utf8Offset)
  }

  /// Converts a code point offset into a UTF-8 byte offset (clamped to the text).
  /// - Complexity: O(log n).
  public func utf8Offset(codePoint offset: Int) -> Int {
    offsets.utf8Offset(codePointOffset: offset)
  }

  /// Converts a UTF-16 offset into a UTF-8 byte offset (clamped to the text).
  /// - Complexity: O(log n).
  public func utf8Offset(utf16 offset: Int) -> Int {
    offsets.utf8Offset(utf16Offset: offset)
  }

  /// The text of a UTF-8 byte range.
  public func text(_ utf8Range: Range<Int>) -> String {
    String(decoding: utf8[utf8Range], as: UTF8.self)
  }

  /// The text of a token.
  public func text(of token: Token.Index) -> String {
    text(tokens[token].utf8Range)
  }

  /// The sentence that holds a token.
  public func sentence(of token: Token.Index) -> Int { Int(sentenceOfToken[token]) }

  /// The paragraph that holds a token.
  public func paragraph(of token: Token.Index) -> Int { Int(paragraphOfToken[token]) }

  /// The whitespace after a token, as a UTF-8 byte range (empty when the next token touches it).
  public func gapAfter(_ token: Token.Index) -> Range<Int> {
    let end = Int(tokens[token].utf8End)
    let next = token + 1 < tokens.count ? Int(tokens[token + 1].utf8Start) : utf8.count
    return end..<next
  }
}
