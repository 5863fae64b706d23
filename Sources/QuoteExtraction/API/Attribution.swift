/// One attribution: what was said (content), how (cue), and by whom (speaker).
///
/// All ranges are UTF-8 byte offsets into the document text; ``ExtractionResult`` converts them.
public struct Attribution: Sendable, Hashable {
  /// How the content is reported.
  public enum Kind: String, Sendable, Hashable, CaseIterable {
    /// Verbatim, inside quotation marks.
    case direct
    /// Reported speech without quotation marks.
    case indirect
    /// Reported speech that holds a quoted fragment.
    case mixed
  }

  /// The kind of speaker mention.
  public enum MentionKind: String, Sendable, Hashable, CaseIterable {
    /// A personal name, possibly with a title ("Secretary of State Mike Pompeo").
    case name
    /// A pronoun ("she").
    case pronoun
    /// A description ("the spokeswoman", "a senior official").
    case description
    /// An organisation ("the Department of Homeland Security").
    case organization
    /// A group of people ("Mexican officials").
    case group
    /// No mention in the text: the speaker follows from context (turn-taking in dialogue).
    case implicit
  }

  /// The type of report.
  public var type: Kind
  /// The content, one range per fragment (several when a cue interrupts the quotation).
  public var fragments: [Range<Int>]
  /// The cue ("said", "according to"), if any.
  public var cue: Range<Int>?
  /// The speaker mention in the text, if any.
  public var speaker: Range<Int>?
  /// The canonical name of the speaker's entity, without title, if resolved.
  public var speakerName: String?
  /// The index of the speaker's entity in ``ExtractionResult/entities``, if resolved.
  public var entity: Int?
  /// The kind of the speaker mention.
  public var speakerKind: MentionKind?
  /// The id of the rule that produced this attribution (such as `direct.quote-comma-said-name`).
  public var rule: String
  /// How sure the rule is, from 0 to 1.
  public var confidence: Double
  /// Indices into ``ExtractionResult/quotes`` of the quoted spans inside the content.
  public var quotes: [Int]

  /// The content envelope: from the first fragment's start to the last fragment's end.
  public var content: Range<Int> {
    guard let first = fragments.first, let last = fragments.last else { return 0..<0 }
    return first.lowerBound..<last.upperBound
  }

  /// Creates an attribution.
  public init(
    type: Kind, fragments: [Range<Int>], cue: Range<Int>? = nil, speaker: Range<Int>? = nil,
    speakerName: String? = nil, entity: Int? = nil, speakerKind: MentionKind? = nil,
    rule: String, confidence: Double, quotes: [Int] = []
  ) {
    self.type = type
    self.fragments = fragments
    self.cue = cue
    self.speaker = speaker
    self.speakerName = speakerName
    self.entity = entity
    self.speakerKind = speakerKind
    self.rule = rule
    self.confidence = confidence
    self.quotes = quotes
  }
}
