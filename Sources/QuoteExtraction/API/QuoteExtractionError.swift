/// An error from the engine: a rule pack or lexicon that does not load, or an ICU failure.
public struct QuoteExtractionError: Error, Sendable, Hashable, CustomStringConvertible {
  enum Reason: Sendable, Hashable {
    case icu(String)
    case rules(String)
    case lexicon(String)
    case input(String)
  }

  let reason: Reason

  init(_ reason: Reason) { self.reason = reason }

  /// A stable code: `icu`, `rules`, `lexicon` or `input`.
  public var code: String {
    switch reason {
    case .icu: "icu"
    case .rules: "rules"
    case .lexicon: "lexicon"
    case .input: "input"
    }
  }

  /// The message for people.
  public var description: String {
    switch reason {
    case .icu(let message), .rules(let message), .lexicon(let message), .input(let message):
      message
    }
  }
}
