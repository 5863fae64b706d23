/// One token of a document: a word, number, punctuation mark, quotation mark or symbol.
///
/// Whitespace is not a token; it is the gap between two tokens (see ``Document/tokens``),
/// so tokens plus the gaps between them rebuild the input exactly.
public struct Token: Sendable, Hashable {
  /// A position in ``Document/tokens``.
  public typealias Index = Int

  /// What kind of text a token holds.
  public enum Kind: UInt8, Sendable, Hashable, CaseIterable {
    /// Letters (possibly with inner apostrophes or hyphens, as ICU joins them).
    case word
    /// Digits, possibly with separators ("1,000", "3.5").
    case number
    /// Punctuation other than quotation marks.
    case punctuation
    /// A character that can open or close a quotation (", “, ”, ', ‘, ’, «, », …).
    case quoteMark
    /// Symbols, emoji and anything else.
    case symbol
    /// Whitespace. Never stored in ``Document/tokens``; reported by token dumps for gaps.
    case space
  }

  /// Start of the token, as a UTF-8 byte offset into the document text.
  public let utf8Start: Int32
  /// End of the token (exclusive), as a UTF-8 byte offset.
  public let utf8End: Int32
  /// The token's kind.
  public let kind: Kind
  /// Spelling features (capitalisation, a newline before it, …).
  public let shape: Shape

  /// The token's UTF-8 byte range.
  public var utf8Range: Range<Int> { Int(utf8Start)..<Int(utf8End) }

  /// Spelling features of a token, as a bit set.
  public struct Shape: OptionSet, Sendable, Hashable {
    /// The bits.
    public let rawValue: UInt8
    /// Creates a shape from its bits.
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    /// The first letter is upper case.
    public static let capitalized = Shape(rawValue: 1 << 0)
    /// Every letter is upper case (and there are at least two).
    public static let allCaps = Shape(rawValue: 1 << 1)
    /// The first letter is lower case.
    public static let lowercase = Shape(rawValue: 1 << 2)
    /// The gap before this token holds a newline.
    public static let newlineBefore = Shape(rawValue: 1 << 3)
    /// The gap before this token is empty (the token touches the previous one).
    public static let attachedBefore = Shape(rawValue: 1 << 4)
    /// The token holds only ASCII bytes.
    public static let ascii = Shape(rawValue: 1 << 5)
  }
}
