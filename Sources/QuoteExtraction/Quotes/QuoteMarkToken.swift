/// A `.quoteMark` token with what the quote scanner asks about it and its surroundings: where
/// it is, its character, whether it touches the token before it, the classes of the characters
/// on either side, and what the kind classifier and the elision test read in the tokens around
/// it. The document records one for each mark (``Document/quoteMarkTokens``).
///
/// NB: the scanner visits the marks of a text that is no longer in cache (a long document, or
/// every document of the stage benchmark), and reading each mark's token and bytes, and the
/// tokens around it, took several cache misses per quotation. The tokenizer and the document
/// build have them in cache: they write down the answers here, and the scanner reads this short
/// list in order. The classes are those of the characters next to the token in the whole text:
/// a paragraph's edge is whitespace or the text's edge, so they are also the classes within
/// its paragraph.
struct QuoteMarkToken: Sendable, Hashable {
  /// The token's index in ``Document/tokens``.
  let token: Int32
  /// Start of the token, as a UTF-8 byte offset.
  let utf8Start: Int32
  /// End of the token (exclusive), as a UTF-8 byte offset.
  let utf8End: Int32
  /// The scalar (bits 0–20), whether the token is that one scalar (bit 21), whether it touches
  /// the token before it (bit 22), the class before it (bits 24–25) and after it (bits 26–27),
  /// whether a visible ASCII character stands just before it (bit 28) and just after it
  /// (bit 29).
  private let bits: UInt32
  /// ``QuoteKindClassifier/Inside`` of the tokens up to the next mark (bits 0–8) and how many
  /// tokens after this one its words made a quotation speech (bits 9–15; 0: not within 127).
  private var insideBits: UInt16 = 0
  /// ``QuoteKindClassifier/Before`` (bits 0–2), ``nicknameAfter`` (bit 3), ``elision``
  /// (bits 4–5), whether ``inside`` and the fields before are set (bit 6) and whether
  /// ``elision`` is (bit 7).
  private var surroundingBits: UInt8 = 0

  private static let oneScalarBit: UInt32 = 1 << 21
  private static let attachedBit: UInt32 = 1 << 22
  private static let visibleBeforeBit: UInt32 = 1 << 28
  private static let visibleAfterBit: UInt32 = 1 << 29

  /// Records the mark token `token`, `utf8[start..<end]` (valid UTF-8, as a document's text),
  /// without what it reads in the tokens around it (see ``describeSurroundings(of:in:)``).
  init(
    token: Int, utf8Start start: Int, utf8End end: Int, attachedBefore: Bool,
    in utf8: UnsafeBufferPointer<UInt8>
  ) {
    self.token = Int32(truncatingIfNeeded: token)
    self.utf8Start = Int32(truncatingIfNeeded: start)
    self.utf8End = Int32(truncatingIfNeeded: end)
    let (scalar, length) = decodeScalar(utf8, at: start, limit: end)
    let left = CharacterClass(before: start, in: utf8, limit: 0)
    let right = CharacterClass(after: end, in: utf8, limit: utf8.count)
    let visibleBefore = start > 0 && Self.isVisibleASCII(utf8[start - 1])
    let visibleAfter = end < utf8.count && Self.isVisibleASCII(utf8[end])
    bits =
      scalar | (length == end - start ? Self.oneScalarBit : 0)
      | (attachedBefore ? Self.attachedBit : 0) | UInt32(left.rawValue) << 24
      | UInt32(right.rawValue) << 26 | (visibleBefore ? Self.visibleBeforeBit : 0)
      | (visibleAfter ? Self.visibleAfterBit : 0)
  }

  @inline(__always)
  private static func isVisibleASCII(_ byte: UInt8) -> Bool { byte &- 0x21 < 0x5F }

  /// The mark's character when the token is that one character (as nearly all are); nil when
  /// the token holds more (its bytes must then be read).
  var scalar: UInt32? { bits & Self.oneScalarBit != 0 ? bits & 0x1F_FFFF : nil }

  /// Whether the token touches the token before it (``Token/Shape/attachedBefore``).
  var attachedBefore: Bool { bits & Self.attachedBit != 0 }

  /// The class of the character before the token (`.space` at the start of the text).
  var left: CharacterClass { CharacterClass(bits: bits >> 24) }

  /// The class of the character after the token (`.space` at the end of the text).
  var right: CharacterClass { CharacterClass(bits: bits >> 26) }

  /// Whether the byte before the token is visible ASCII (not a space, not part of another
  /// character): a quotation that ends there needs no trimming.
  var visibleBefore: Bool { bits & Self.visibleBeforeBit != 0 }

  /// Whether the byte after the token is visible ASCII: a quotation that starts there needs no
  /// trimming.
  var visibleAfter: Bool { bits & Self.visibleAfterBit != 0 }

  /// What ``QuoteKindClassifier/inside(_:after:)`` reads in the tokens from this one to the
  /// next mark (or the text's end), the words of a quotation that this mark opens and the next
  /// one closes; the token at which the words after this mark (marks ignored, as the
  /// classifier ignores them) make any quotation it opens speech, if they do within 127 tokens
  /// (and its paragraph, past the next mark), whichever mark closes it; and what
  /// ``QuoteKindClassifier/before(_:paragraphStart:)`` reads before this mark in its paragraph.
  /// Nil for a mark that cannot open a quotation.
  var opening:
    (inside: QuoteKindClassifier.Inside, speechAt: Int?, before: QuoteKindClassifier.Before)?
  {
    guard surroundingBits & 0x40 != 0 else { return nil }
    let speechAfter = Int(insideBits >> 9)
    return (
      QuoteKindClassifier.Inside(packed: insideBits & 0x1FF),
      speechAfter == 0 ? nil : Int(token) + speechAfter,
      QuoteKindClassifier.Before(packed: surroundingBits & 7)
    )
  }

  /// What ``QuoteKindClassifier/nicknameAfter(_:paragraphEnd:)`` says after this mark in its
  /// paragraph.
  var nicknameAfter: Bool { surroundingBits & 8 != 0 }

  /// Whether the word after this mark shows it is an elision apostrophe (see ``Elision``); nil
  /// when not recorded (the mark is no apostrophe, nor in a run of touching marks).
  var elision: Elision? {
    guard surroundingBits & 0x80 != 0 else { return nil }
    return Elision(rawValue: surroundingBits >> 4 & 3) ?? Elision.none
  }

  /// What the word after a mark says of it (`ScanState.collectRun`).
  enum Elision: UInt8 {
    /// No elision.
    case none
    /// The mark is an elision apostrophe (’Tis, ’em, ’90s).
    case word
    /// The mark is an elision apostrophe, and so is the mark after the word (’n’).
    case wordBeforeApostrophe
  }

  /// Records, for each mark of `marks`, what the classifier and the elision test read in the
  /// tokens around it, reading them as the scanner would.
  ///
  /// NB: only what the scanner may ask: the opening side of a mark that can open (one with no
  /// space after it, or spaces on both sides of its run of touching marks, as a guillemet may
  /// stand), the elision of an apostrophe (or of a mark in a run) that can open. The scanner
  /// reads the tokens itself for anything not recorded.
  /// - Complexity: O(n) in the document's tokens (each token is read for one mark at most,
  ///   and a few around each mark).
  static func describeSurroundings(
    of marks: UnsafeMutableBufferPointer<QuoteMarkToken>, in document: DocumentBuffers
  ) {
    let classifier = QuoteKindClassifier(
      paragraphs: document.paragraphs, tokens: document.tokens, utf8: document.utf8)
    let elisions = QuoteMarks.shared.elisions
    var runLeft = CharacterClass.space
    for index in marks.indices {
      let mark = marks[index]
      let token = Int(mark.token)
      let inRun = index > 0 && marks[index - 1].token == mark.token - 1 && mark.attachedBefore
      if !inRun { runLeft = mark.left }
      let paragraph = document.paragraphs[Int(document.paragraphOfToken[token])].tokens
      var bits: UInt8 = classifier.nicknameAfter(token, paragraphEnd: paragraph.upperBound) ? 8 : 0
      if mark.right != .space || runLeft == .space {
        let next = index + 1 < marks.count ? Int(marks[index + 1].token) : document.tokens.count
        var (inside, speechAt) = classifier.inside(token + 1..<next)
        marks[index].insideBits = inside.packed
        // NB: read on past the next mark, the words of most quotations with a mark inside (an
        // apostrophe, a quotation within) make them speech before their closing mark.
        if speechAt == nil && next < paragraph.upperBound {
          (inside, speechAt) = classifier.inside(next..<paragraph.upperBound, after: inside)
        }
        if let speechAt, speechAt - token < 128 {
          marks[index].insideBits |= UInt16(speechAt - token) << 9
        }
        bits |= 0x40 | classifier.before(token, paragraphStart: paragraph.lowerBound).packed
      }
      if mark.right != .space && (inRun || mark.scalar == 0x27 || mark.scalar == 0x2019) {
        let elision = QuoteScanner.elision(
          after: token, paragraphEnd: paragraph.upperBound, tokens: document.tokens,
          utf8: document.utf8, elisions: elisions)
        bits |= 0x80 | elision.rawValue << 4
      }
      marks[index].surroundingBits = bits
    }
  }

  /// A document's buffers, valid while it is built.
  struct DocumentBuffers {
    let utf8: UnsafeBufferPointer<UInt8>
    let tokens: UnsafeBufferPointer<Token>
    let paragraphs: UnsafeBufferPointer<TextRange>
    let paragraphOfToken: UnsafeBufferPointer<Int32>
  }
}

extension CharacterClass {
  /// The class of two bits, as ``QuoteMarkToken`` stores them.
  @inline(__always)
  fileprivate init(bits: UInt32) {
    switch UInt8(truncatingIfNeeded: bits & 3) {
    case Self.space.rawValue: self = .space
    case Self.alphanumeric.rawValue: self = .alphanumeric
    default: self = .punctuation
    }
  }
}

extension QuoteKindClassifier.Inside {
  /// Nine bits: speech (bit 0), words (bits 1–4), the flags (bits 5–8).
  fileprivate var packed: UInt16 {
    var bits = UInt16(speech ? 1 : 0) | UInt16(truncatingIfNeeded: words) << 1
    if firstLowercase { bits |= 1 << 5 }
    if titleCase { bits |= 1 << 6 }
    if innerPunctuation { bits |= 1 << 7 }
    if trailingPunctuation { bits |= 1 << 8 }
    return bits
  }

  fileprivate init(packed bits: UInt16) {
    self.init(
      speech: bits & 1 != 0, words: Int(bits >> 1 & 0xF), firstLowercase: bits & 1 << 5 != 0,
      titleCase: bits & 1 << 6 != 0, innerPunctuation: bits & 1 << 7 != 0,
      trailingPunctuation: bits & 1 << 8 != 0)
  }
}

extension QuoteKindClassifier.Before {
  /// Three bits: whether a word stands before the mark (bit 0), the cue (bits 1–2).
  fileprivate var packed: UInt8 { (previousIsWord ? 1 : 0) | cue.rawValue << 1 }

  fileprivate init(packed bits: UInt8) {
    self.init(previousIsWord: bits & 1 != 0, cue: Cue(rawValue: bits >> 1 & 3) ?? Cue.none)
  }
}
