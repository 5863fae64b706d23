/// Turns word segments (from ICU or from the fast path) into tokens: drops whitespace, and
/// records on each token whether a newline or any gap comes before it.
struct TokenBuilder {
  /// The tokens so far.
  private(set) var tokens: [Token] = []
  /// The `.quoteMark` tokens so far, in order, as the quote scanner reads them.
  private(set) var quoteMarks: [QuoteMarkToken] = []
  /// The text the segments come from.
  private let utf8: UnsafeBufferPointer<UInt8>
  private var sawNewline = false
  private var attached = true

  /// A builder for the segments of `utf8`, with room for `capacity` tokens.
  init(_ utf8: UnsafeBufferPointer<UInt8>, capacity: Int) {
    self.utf8 = utf8
    tokens.reserveCapacity(capacity)
    // News has a quotation mark every 100 bytes or so (about one token in twenty).
    quoteMarks.reserveCapacity(capacity / 16)
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
      attached = false
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
    fileprivate let attached: Bool
  }

  /// The builder as it is now, for ``rollBack(to:)``.
  var mark: Mark {
    Mark(
      tokens: tokens.count, quoteMarks: quoteMarks.count, sawNewline: sawNewline,
      attached: attached)
  }

  /// Drops what was taken since `mark`.
  mutating func rollBack(to mark: Mark) {
    tokens.removeLast(tokens.count - mark.tokens)
    quoteMarks.removeLast(quoteMarks.count - mark.quoteMarks)
    sawNewline = mark.sawNewline
    attached = mark.attached
  }

  /// Takes a gap of ASCII whitespace.
  @inline(__always)
  mutating func gap(newline: Bool) {
    sawNewline = sawNewline || newline
    attached = false
  }

  /// Takes a token whose kind and shape are known (without the gap flags).
  @inline(__always)
  mutating func append(_ start: Int, _ end: Int, kind: Token.Kind, shape: Token.Shape) {
    var shape = shape
    if sawNewline { shape.insert(.newlineBefore) }
    if attached && !tokens.isEmpty { shape.insert(.attachedBefore) }
    if kind == .quoteMark {
      quoteMarks.append(
        QuoteMarkToken(
          token: tokens.count, utf8Start: start, utf8End: end,
          attachedBefore: shape.contains(.attachedBefore), in: utf8))
    }
    tokens.append(Token(utf8Start: Int32(start), utf8End: Int32(end), kind: kind, shape: shape))
    sawNewline = false
    attached = true
  }
}
