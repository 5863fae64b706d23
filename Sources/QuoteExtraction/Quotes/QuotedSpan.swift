/// A stretch of text between quotation marks (or a dash-dialogue paragraph), found by the
/// quote scanner before any attribution.
public struct QuotedSpan: Sendable, Hashable {
  /// What a quoted span appears to be, judged from its text alone.
  public enum Kind: String, Sendable, Hashable {
    /// Quoted speech or writing (the default).
    case speech
    /// A short quoted term: a scare quote, a coined phrase, a nickname (“safe third country”).
    case term
    /// A title of a work (“One Hundred Years of Solitude”).
    case title
    /// A paragraph of dash dialogue (— Ven aquí, dijo).
    case dashDialogue = "dash-dialogue"
  }

  /// The content between the marks, as UTF-8 byte offsets (marks excluded).
  public var content: Range<Int>
  /// The opening mark, as UTF-8 byte offsets.
  public var openMark: Range<Int>
  /// The closing mark, or nil when the quotation was not closed.
  public var closeMark: Range<Int>?
  /// 0 for an outermost quotation, 1 for a quotation inside it (or for one paragraph's
  /// ``part`` of it), and so on.
  public var depth: Int
  /// The index of the enclosing span in ``ExtractionResult/quotes``, if any.
  public var parent: Int?
  /// The paragraphs the span touches (indices into ``Document/paragraphs``).
  public var paragraphs: ClosedRange<Int>
  /// What the span appears to be.
  public var kind: Kind
  /// For one paragraph of a quotation that runs over several paragraphs (each paragraph
  /// reopens it with an opening mark, the last one closes it): the paragraph's position in the
  /// quotation, from 0. The whole quotation is the part's ``parent``; nil for every other span.
  public var part: Int?
  /// Whether the quotation was closed: by its closing mark, or, for a part of a quotation that
  /// runs over several paragraphs and for dash dialogue, by the paragraph convention.
  public var isClosed: Bool

  /// Creates a quoted span.
  public init(
    content: Range<Int>, openMark: Range<Int>, closeMark: Range<Int>?, depth: Int = 0,
    parent: Int? = nil, paragraphs: ClosedRange<Int>, kind: Kind = .speech, part: Int? = nil,
    isClosed: Bool? = nil
  ) {
    self.content = content
    self.openMark = openMark
    self.closeMark = closeMark
    self.depth = depth
    self.parent = parent
    self.paragraphs = paragraphs
    self.kind = kind
    self.part = part
    self.isClosed = isClosed ?? (closeMark != nil)
  }
}
