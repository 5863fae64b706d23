/// A compiled rule: a token pattern anchored at its cue, with the roles it captures.
///
/// Compiled rules are immutable (a class, so the matcher passes them without copying);
/// ``RuleSet`` holds them in pass order.
final class Rule: Sendable {
  /// The stable dotted id, such as `direct.quote-said-speaker`.
  let id: String
  /// What the rule finds, for people.
  let description: String
  /// The kind of report the rule is written for (the final type is measured on the content).
  let kind: Attribution.Kind
  /// The pass the rule runs in.
  let pass: Pass
  /// How sure the rule is, from 0 to 1.
  let confidence: Double
  /// The pattern, in text order.
  let elements: [PatternElement]
  /// The index of the anchor element (the first cue element).
  let anchor: Int
  /// The examples that document (and test) the rule.
  let examples: [RuleExample]
  /// Where the rule was written (`file:line`), for explanations.
  let source: String
  /// The anchor's test (the anchor is always a token test).
  let anchorTest: TokenTest
  /// The elements from the anchor on, read rightwards.
  let forwardElements: [PatternElement]
  /// The elements before the anchor, read leftwards (nearest first).
  let backwardElements: [PatternElement]

  init(
    id: String, description: String, kind: Attribution.Kind, pass: Pass, confidence: Double,
    elements: [PatternElement], anchor: Int, examples: [RuleExample], source: String
  ) {
    self.id = id
    self.description = description
    self.kind = kind
    self.pass = pass
    self.confidence = confidence
    self.elements = elements
    self.anchor = anchor
    self.examples = examples
    self.source = source
    if case .token(let test) = elements[anchor].test {
      anchorTest = test
    } else {
      anchorTest = TokenTest()
    }
    forwardElements = Array(elements[anchor...])
    backwardElements = Array(elements[..<anchor].reversed())
  }

  /// The passes, in the order they run: most precise first.
  enum Pass: String, Sendable, CaseIterable, Comparable {
    case direct
    case noSource = "no-source"
    case indirect

    /// The pass's place in ``allCases``, the order the passes run in.
    var number: Int {
      switch self {
      case .direct: 0
      case .noSource: 1
      case .indirect: 2
      }
    }

    static func < (lhs: Pass, rhs: Pass) -> Bool { lhs.number < rhs.number }
  }
}

/// An example sentence of a rule, with what the rule must capture there (nil: not checked;
/// `expectNone`: the rule must not fire).
struct RuleExample: Sendable {
  let text: String
  let speaker: String?
  let cue: String?
  let content: String?
  let type: Attribution.Kind?
  let expectNone: Bool
}

/// A role that a pattern element captures.
enum CaptureRole: String, Sendable, CaseIterable {
  case speaker
  case cue
  case content
  case addressee
}

/// One element of a pattern: a test, how often it repeats, and what it captures.
struct PatternElement: Sendable, Hashable {
  enum Test: Sendable, Hashable {
    case token(TokenTest)
    /// A whole quoted span starting (forward) or ending (backward) here.
    case quote(closedOnly: Bool)
    /// A phrase found by code, not by tokens: see ``Phrase``.
    case phrase(Phrase)
    /// A zero-width test: a sentence or paragraph boundary here.
    case edge(Edge)
  }

  /// Phrases the pattern language offers as single elements.
  enum Phrase: String, Sendable, Hashable, CaseIterable {
    /// A speaker noun phrase (name with title, description, group, pronoun).
    case speaker
    /// An addressee noun phrase ("reporters", "the AP", "him").
    case addressee
    /// A content clause: forward to the sentence end, backward to the sentence start.
    case clause
    /// Zero or more adverbs, times and short prepositional phrases ("in a statement Tuesday").
    case adjuncts
    /// The rest of the sentence: read rightwards, up to the sentence's end (or its last token);
    /// read leftwards, back to just after the sentence's subject, the speaker phrase that opens
    /// it (S praised X, saying …; S, an aide, said …).
    case skip
    /// An aside between commas, up to the next comma (at most 25 tokens, inside the sentence,
    /// without quotation marks): the element after it reads that comma ("Tina Tchen, Mrs.
    /// Obama's chief of staff, said").
    case aside
  }

  enum Edge: String, Sendable, Hashable, CaseIterable {
    case sentence
    case paragraph
  }

  var test: Test
  var minCount: Int
  var maxCount: Int
  var capture: CaptureRole?
}

/// A test on one token; every field that is set must hold.
struct TokenTest: Sendable, Hashable {
  /// Exact spellings (any of them).
  var texts: [[UInt8]] = []
  /// Lower-cased spellings (any of them); compared ignoring ASCII case.
  var lowers: [[UInt8]] = []
  /// The token must be in one of these lexicons (bit set), when not zero.
  var anyOf: UInt64 = 0
  /// The token must be in none of these lexicons.
  var noneOf: UInt64 = 0
  var kind: Token.Kind?
  var shape: ShapeTest?

  enum ShapeTest: String, Sendable, Hashable, CaseIterable {
    case capitalized
    case lowercase
    case allCaps = "all-caps"
  }
}
