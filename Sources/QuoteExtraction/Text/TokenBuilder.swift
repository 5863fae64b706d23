/// Turns word segments (from ICU or from the fast path) into tokens: drops whitespace, and
/// records on each token whether a newline or any gap comes before it.
///
/// NB: the tokens are written straight into the storage of the array they end in (see
/// ``Tokenizer/build(_:scan:)``), not appended to an array: an append checks the array's
/// uniqueness (a call into the runtime) for every token.
struct TokenBuilder {
  /// Room for the tokens: `storage[0..<count]` are the tokens so far.
  private let storage: UnsafeMutableBufferPointer<Token>
  /// How many tokens so far.
  private(set) var count = 0
  /// Whether a token found no room: the tokens are then incomplete (and the text is built
  /// again with more room).
  private(set) var overflowed = false
  /// The `.quoteMark` tokens so far, in order, as the quote scanner reads them.
  private(set) var quoteMarks: [QuoteMarkToken] = []
  /// The text the segments come from.
  private let utf8: UnsafeBufferPointer<UInt8>
  private var sawNewline = false
  /// `.attachedBefore` when the next token touches the one before it, else none (none before
  /// the first token).
  /// NB: kept as the shape's bit, which ``append(_:_:kind:shape:)`` ors in without a branch (a
  /// branch on it mispredicted as often as gaps and tokens alternate irregularly).
  private var attached: Token.Shape = []

  /// A builder for the segments of `utf8`, writing the tokens into `storage` (uninitialised).
  init(_ utf8: UnsafeBufferPointer<UInt8>, storage: UnsafeMutableBufferPointer<Token>) {
    // NB: checked once here, so that ``append(_:_:kind:shape:)`` converts every token's
    // offsets without a check (two compares and branches for each).
    precondition(utf8.count <= Int(Int32.max), "a token's offsets are 32-bit")
    self.utf8 = utf8
    self.storage = storage
    // News has a quotation mark every 100 bytes or so (about one token in twenty).
    quoteMarks.reserveCapacity(storage.count / 16)
  }

  /// Takes one segment `utf8[start..<end]` with ICU's rule status.
  ///
  /// A segment that starts with whitespace is a gap. NB: reporting the same gap twice (or a
  /// gap in several pieces) changes nothing, which lets the fast path hand ICU a region that
  /// starts inside a gap it has already reported.
  @inline(__always)
  mutating func segment(
    _ utf8: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int, status: Int32
  ) {
    let first = utf8[start]
    if Tokenizer.isSpace(first) || (first >= 0x80 && Tokenizer.isUnicodeSpace(utf8, start, end)) {
      for index in start..<end where utf8[index] == 0x0A || utf8[index] == 0x0D {
        sawNewline = true
      }
      attached = []
      return
    }
    let kind = Tokenizer.classify(utf8, start, end, status: status)
    append(start, end, kind: kind, shape: Tokenizer.shape(utf8, start, end))
  }

  /// What the builder holds at one moment, to go back to.
  struct Mark {
    fileprivate let tokens: Int
    fileprivate let quoteMarks: Int
    fileprivate let sawNewline: Bool
    fileprivate let attached: Token.Shape
  }

  /// The builder as it is now, for ``rollBack(to:)``.
  var mark: Mark {
    Mark(
      tokens: count, quoteMarks: quoteMarks.count, sawNewline: sawNewline,
      attached: attached)
  }

  /// Drops what was taken since `mark`.
  mutating func rollBack(to mark: Mark) {
    count = mark.tokens
    quoteMarks.removeLast(quoteMarks.count - mark.quoteMarks)
    sawNewline = mark.sawNewline
    attached = mark.attached
  }

  /// Drops what was taken from the gap at `utf8Offset` on, when a token was taken before that
  /// gap since the last ``mark``: the builder as it was right after that token.
  ///
  /// NB: lets the fast path, which takes gaps without a branch, keep no mark for each gap.
  mutating func rollBack(toGapAt utf8Offset: Int) {
    var kept = count
    while kept > 0 && Int(storage[kept - 1].utf8Start) >= utf8Offset { kept -= 1 }
    var keptMarks = quoteMarks.count
    while keptMarks > 0 && Int(quoteMarks[keptMarks - 1].token) >= kept { keptMarks -= 1 }
    count = kept
    quoteMarks.removeLast(quoteMarks.count - keptMarks)
    sawNewline = false
    attached = .attachedBefore
  }

  /// Takes a gap of ASCII whitespace.
  @inline(__always)
  mutating func gap(newline: Bool) {
    take(gap: 1, newline: newline)
  }

  /// Takes a gap of ASCII whitespace if `gap` is 1, none if it is 0 (`newline` only with a gap),
  /// by arithmetic, without a branch.
  @inline(__always)
  mutating func take(gap: Int, newline: Bool) {
    sawNewline = sawNewline || newline
    let dropped = UInt8(truncatingIfNeeded: gap) &* Token.Shape.attachedBefore.rawValue
    attached = Token.Shape(rawValue: attached.rawValue & ~dropped)
  }

  /// Takes a token whose kind and shape are known (without the gap flags).
  @inline(__always)
  mutating func append(_ start: Int, _ end: Int, kind: Token.Kind, shape: Token.Shape) {
    guard count < storage.count else {
      overflowed = true
      return
    }
    var shape = shape
    if sawNewline { shape.insert(.newlineBefore) }
    shape.formUnion(attached)
    if kind == .quoteMark {
      quoteMarks.append(
        QuoteMarkToken(
          token: count, utf8Start: start, utf8End: end,
          attachedBefore: shape.contains(.attachedBefore), in: utf8))
    }
    storage.initializeElement(
      at: count,
      to: Token(
        utf8Start: Int32(truncatingIfNeeded: start), utf8End: Int32(truncatingIfNeeded: end),
        kind: kind, shape: shape))
    count += 1
    sawNewline = false
    attached = .attachedBefore
  }
}
