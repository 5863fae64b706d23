/// One compiled pattern element, as the matcher reads it: plain fields only (no arrays,
/// strings or classes), so reading a step copies a few words and retains nothing.
///
/// ``RuleProgram`` builds the steps from a rule's ``PatternElement`` values.
struct PatternStep {
  /// What the step reads.
  enum Operation: UInt8 {
    /// One token that passes ``test``.
    case token
    /// A whole quoted span (closed or not).
    case quote
    /// A whole closed quoted span.
    case closedQuote
    /// A phrase found by ``PhraseFinder``: see ``phrase``.
    case phrase
    /// A zero-width sentence boundary.
    case sentenceEdge
    /// A zero-width paragraph boundary.
    case paragraphEdge
  }

  var operation: Operation
  /// The phrase, when ``operation`` is `.phrase`.
  var phrase: PatternElement.Phrase
  var minCount: Int
  var maxCount: Int
  var capture: CaptureRole?
  /// The token test, when ``operation`` is `.token`.
  var test: TokenCheck

  /// Whether the step reads a quoted span.
  var readsQuote: Bool { operation == .quote || operation == .closedQuote }
}

/// A compiled ``TokenTest``: lexicon bits, kind and shape bits, and the spellings as index
/// ranges into ``RuleProgram/spellings``.
struct TokenCheck: Equatable {
  var anyOf: UInt64 = 0
  var noneOf: UInt64 = 0
  var kind: Token.Kind?
  /// The ``Token/Shape`` bit the token must have (0: any shape).
  var shape: UInt8 = 0
  /// Exact spellings (any of them), as indices into ``RuleProgram/spellings``.
  var texts: Range<Int32> = 0..<0
  /// Spellings compared ignoring ASCII case (any of them).
  var lowers: Range<Int32> = 0..<0
  /// The first of ``texts`` that does not pack into one integer (see
  /// ``RuleProgram/packedSpellings``): those that do come first. A token whose spelling packs
  /// is compared with those only, one that does not with the others only.
  var textsUnpacked: Int32 = 0
  /// The same for ``lowers``.
  var lowersUnpacked: Int32 = 0
  /// The hash table of the packed spellings of ``texts`` (those before ``textsUnpacked``) in
  /// ``RuleProgram/packedSlots`` (empty when none packs).
  var textsSlots: Range<Int32> = 0..<0
  /// The same for ``lowers``.
  var lowersSlots: Range<Int32> = 0..<0
  /// The ``filterBit(_:)`` of every packed spelling of ``texts`` (those before
  /// ``textsUnpacked``): a packed token spelling whose bit is clear is none of them.
  /// NB: most tokens a spelling test reads are none of its spellings; this answers for most
  /// of them without comparing them with every spelling of the list.
  var textsFilter: UInt64 = 0
  /// The same for the packed spellings of ``lowers``.
  var lowersFilter: UInt64 = 0
  /// The ``firstByteBit(_:)`` of the first byte of every spelling of ``texts`` (every bit
  /// when one is empty): a token whose first byte's bit is clear is none of them.
  /// NB: most tokens an exact spelling test reads (a comma, a colon, a dash) are words; this
  /// answers for them from one byte, without packing their spelling.
  var textsStarts: UInt64 = 0
  /// The same for ``lowers``, of the first bytes lower-cased (ASCII): a token whose first
  /// byte, lower-cased, has its bit clear is none of them.
  var lowersStarts: UInt64 = 0

  /// Whether the test compares the token's spelling (``texts``, ``lowers``).
  var comparesSpellings: Bool { !texts.isEmpty || !lowers.isEmpty }

  /// Whether a token in the lexicons `mask` passes the test's lexicon part.
  @inline(__always)
  func passesLexicons(_ mask: UInt64) -> Bool {
    (anyOf == 0 || mask & anyOf != 0) && mask & noneOf == 0
  }

  /// Whether a token passes the test's kind and shape.
  @inline(__always)
  func passesForm(_ token: Token) -> Bool {
    (kind == nil || token.kind == kind) && (shape == 0 || token.shape.rawValue & shape != 0)
  }

  /// A byte's bit in ``textsStarts``: 6 bits of its hash.
  @inline(__always)
  static func firstByteBit(_ byte: UInt8) -> UInt64 {
    UInt64(1) << ((UInt64(byte) &* 0x9E37_79B9_7F4A_7C15) >> 58)
  }

  /// A packed spelling's bit in ``textsFilter`` and ``lowersFilter``: 6 bits of its hash.
  @inline(__always)
  static func filterBit(_ packed: UInt64) -> UInt64 {
    UInt64(1) << ((packed &* 0x9E37_79B9_7F4A_7C15) >> 58)
  }
}
