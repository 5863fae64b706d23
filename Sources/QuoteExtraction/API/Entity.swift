/// A person, organisation or group that speaks in a document, with all its mentions.
public struct Entity: Sendable, Hashable {
  /// What an entity is.
  public enum Kind: String, Sendable, Hashable {
    /// A person.
    case person
    /// An organisation.
    case organization
    /// A group of people.
    case group
    /// Not known.
    case unknown
  }

  /// The canonical name (the fullest name seen, without title).
  public var name: String
  /// What the entity is.
  public var kind: Kind
  /// The mentions in the text, as UTF-8 byte ranges, in text order.
  public var mentions: [Range<Int>]
  /// "male", "female" or nil when unknown; used to resolve pronouns.
  public var gender: String?

  /// Creates an entity.
  public init(name: String, kind: Kind, mentions: [Range<Int>], gender: String? = nil) {
    self.name = name
    self.kind = kind
    self.mentions = mentions
    self.gender = gender
  }
}
