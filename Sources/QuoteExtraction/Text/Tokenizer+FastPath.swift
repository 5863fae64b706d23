import TextSegmentation

/// A hand-written path that gives ICU's word boundaries (and rule statuses) for plain text.
///
/// ICU never joins a segment across ASCII whitespace (UAX #29 keeps only spaces together, and
/// combining marks after a space, which are not plain text). So the text is cut into chunks at
/// whitespace; a chunk of ASCII, curly quotes, dashes and ellipses is split here with the word
/// rules that apply to those characters (WB5–WB13b as in ICU's root rules, in which `:` is not
/// MidLetter and `@` is a letter), and any other chunk goes to ICU together with the whitespace byte before it, so
/// that ICU sees the same context it sees in the whole text.
/// `TokenizerDifferentialTests` checks that both paths give the same tokens on every corpus.
extension Tokenizer {
  /// A character's word-break class, for the characters the fast path knows.
  private enum WordClass: UInt8 {
    case other, letter, digit, underscore
    /// MidNumLet or Single_Quote: `.` `'` `‘` `’` join letters to letters and digits to digits.
    case midLetterOrNumber
    /// MidNum: `,` `;` join digits to digits.
    case midNumber
    /// A character the fast path does not know: the chunk goes to ICU.
    case unknown
  }

  /// The word class of an ASCII byte.
  @inline(__always)
  private static func asciiClass(_ byte: UInt8) -> WordClass {
    switch byte {
    // NB: ICU's root rules count `@` as a letter, so that e-mail addresses stay one word.
    case 0x40...0x5A, 0x61...0x7A: return .letter
    case 0x30...0x39: return .digit
    case 0x5F: return .underscore
    case 0x2E, 0x27: return .midLetterOrNumber
    case 0x2C, 0x3B: return .midNumber
    default: return .other
    }
  }

  /// The class and byte length of the character at `index` (which is not whitespace).
  @inline(__always)
  private static func wordClass(_ utf8: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int)
    -> (WordClass, Int)
  {
    let byte = utf8[index]
    if byte < 0x80 { return (asciiClass(byte), 1) }
    // U+2013 – U+2014 — U+2018 ‘ U+2019 ’ U+201C “ U+201D ” U+2026 …
    guard byte == 0xE2, index + 2 < end, utf8[index + 1] == 0x80 else { return (.unknown, 1) }
    switch utf8[index + 2] {
    case 0x98, 0x99: return (.midLetterOrNumber, 3)
    case 0x93, 0x94, 0x9C, 0x9D, 0xA6: return (.other, 3)
    default: return (.unknown, 1)
    }
  }

  /// The kind and shape of each known non-ASCII character as a token of its own (by the third
  /// byte of its UTF-8 form, `E2 80 xx`), computed once by ``classify`` and ``shape``.
  /// (Internal so that `SharedTables` can mark it immortal.)
  static let knownTokens: KnownTokens = {
    var table = KnownTokens()
    for last: UInt8 in [0x93, 0x94, 0x98, 0x99, 0x9C, 0x9D, 0xA6] {
      let bytes: [UInt8] = [0xE2, 0x80, last]
      table[last] = bytes.withUnsafeBufferPointer {
        (classify($0, 0, 3, status: 0), shape($0, 0, 3))
      }
    }
    return table
  }()

  /// Holds the ICU iterator, opened the first time a chunk needs it.
  private final class IteratorBox {
    var iterator: BreakIterator
    init() throws(SegmentationError) { iterator = try BreakIterator(.word) }
  }

  /// Feeds every segment of `utf8` to `builder`.
  static func scan(_ utf8: UnsafeBufferPointer<UInt8>, into builder: inout TokenBuilder)
    throws(SegmentationError)
  {
    let count = utf8.count
    let base = utf8.baseAddress
    var index = 0
    let known = knownTokens
    var opened: IteratorBox? = nil
    // A run of chunks for ICU not yet handed over (it may grow over the next chunks).
    var pending: Range<Int>? = nil

    func flush(_ range: Range<Int>, _ builder: inout TokenBuilder) throws(SegmentationError) {
      let box: IteratorBox
      if let existing = opened {
        box = existing
      } else {
        box = try IteratorBox()
        opened = box
      }
      try icuSegments(of: utf8, range: range, iterator: &box.iterator, into: &builder)
    }

    while index < count {
      if pending == nil {
        // Gaps and chunks of known characters in one pass, up to a chunk that holds another.
        index = splitKnownChunks(utf8, from: index, known: known, into: &builder)
        if index == count { break }
      }
      var newline = false
      let gapStart = index
      while index < count && isSpace(utf8[index]) {
        if utf8[index] == 0x0A || utf8[index] == 0x0D { newline = true }
        index += 1
      }
      if index == count { break }
      let chunkStart = index
      var allKnown = true
      while index < count {
        // Eight bytes a step while they are printable ASCII: on to the first that is not.
        if let base, count - index >= 8 {
          let word = ByteScan.word(base, index)
          let stop = ByteScan.below(0x21, word) | (word & ByteScan.highs)
          if stop == 0 {
            index += 8
            continue
          }
          index += stop.trailingZeroBitCount >> 3
        }
        let byte = utf8[index]
        // Printable ASCII (the bulk of the text) first.
        if byte &- 0x21 < 0x5F {
          index += 1
          continue
        }
        if byte < 0x80 {
          if isSpace(byte) { break }
          index += 1
          continue
        }
        let (kind, width) = wordClass(utf8, index, count)
        if kind == .unknown { allKnown = false }
        index += width
      }
      if !allKnown {
        if let open = pending {
          pending = open.lowerBound..<index
        } else {
          if chunkStart > gapStart { builder.gap(newline: newline) }
          pending = (chunkStart > gapStart ? chunkStart - 1 : chunkStart)..<index
        }
        continue
      }
      if let open = pending {
        try flush(open, &builder)
        pending = nil
      }
      if chunkStart > gapStart { builder.gap(newline: newline) }
      splitChunk(utf8, chunkStart..<index, known: known, into: &builder)
    }
    if let open = pending { try flush(open, &builder) }
  }

  /// Splits a chunk of known characters (no whitespace) into segments, as ICU does, and
  /// makes the tokens of plain ASCII ones directly (the same kind and shape as ``classify``
  /// and ``shape`` give).
  @inline(__always)
  private static func splitChunk(
    _ utf8: UnsafeBufferPointer<UInt8>, _ chunk: Range<Int>, known: KnownTokens,
    into builder: inout TokenBuilder
  ) {
    let end = chunk.upperBound
    var index = chunk.lowerBound
    while index < end {
      let (first, width) = wordClass(utf8, index, end)
      let start = index
      index += width
      guard first == .letter || first == .digit || first == .underscore else {
        if width == 1 {
          builder.append(start, index, kind: asciiKind(utf8[start]), shape: .ascii)
        } else {
          let (kind, shape) = known[utf8[start + 2]]
          builder.append(start, index, kind: kind, shape: shape)
        }
        continue
      }
      // ICU's status is that of the last rule applied: 200 after a letter, 100 after a digit;
      // an underscore keeps the status before it, and two underscores make 200.
      var status: Int32 = first == .letter ? 200 : first == .digit ? 100 : 0
      var previous = first
      var ascii = true
      var uppers = 0
      var lowers = 0
      var shape: Token.Shape = []
      @inline(__always) func count(_ byte: UInt8) {
        if byte >= 0x41 && byte <= 0x5A {
          if uppers == 0 && lowers == 0 { shape.insert(.capitalized) }
          uppers += 1
        } else if byte >= 0x61 && byte <= 0x7A {
          if uppers == 0 && lowers == 0 { shape.insert(.lowercase) }
          lowers += 1
        }
      }
      count(utf8[start])
      while index < end {
        // A run of lower-case ASCII letters (most of a word's bytes), as the `.letter` case
        // below, in a tight loop.
        if utf8[index] &- 0x61 < 26 {
          let run = index
          index = ByteScan.lowercaseRunEnd(in: utf8, from: index + 1, to: end)
          status = 200
          if uppers == 0 && lowers == 0 { shape.insert(.lowercase) }
          lowers += index - run
          previous = .letter
          // Most words end at a space, which ends the token as `.other` does below.
          if index < end && isSpace(utf8[index]) { break }
          continue
        }
        let (next, nextWidth) = wordClass(utf8, index, end)
        switch next {
        case .letter:
          status = 200
          count(utf8[index])
        case .digit:
          status = 100
        case .underscore:
          if previous == .underscore { status = 200 }
        case .midLetterOrNumber, .midNumber:
          let after = index + nextWidth
          guard after < end, previous == .letter || previous == .digit else { break }
          let (following, _) = wordClass(utf8, after, end)
          let joins =
            following == previous && (previous == .digit || next == .midLetterOrNumber)
          if joins {
            if nextWidth > 1 { ascii = false }
            // The character after the middle one is taken by the next round.
            index = after
            continue
          }
        default:
          break
        }
        if next != .letter && next != .digit && next != .underscore { break }
        previous = next
        index += nextWidth
      }
      // NB: the only non-ASCII characters a word can hold here are ‘ and ’, which have no case,
      // so the letters' case counted above is what ``shape`` finds from scalar properties.
      if ascii { shape.insert(.ascii) }
      if uppers >= 2 && lowers == 0 { shape.insert(.allCaps) }
      let kind: Token.Kind =
        status >= 200 ? .word : status >= 100 ? .number : asciiKind(utf8[start])
      builder.append(start, index, kind: kind, shape: shape)
    }
  }

  /// Takes the gaps and the chunks of known characters from `start` on, as ``splitChunk`` does
  /// each chunk, up to the first chunk that holds a character the fast path does not know.
  /// Returns where the gap before that chunk starts (the builder as it was there), or the end.
  ///
  /// NB: one pass, rather than a pass to find each chunk's end and whether it is all known and
  /// another to split it: the chunk ends at whitespace, which no rule below joins to anything
  /// (it is `.other`), so the text's end serves as the chunk's. A chunk found to hold an unknown
  /// character is rolled back: its few tokens are made twice, never more.
  /// NB: the segment loop below is ``splitChunk``'s, written out again: one helper shared by
  /// both, inlined, made the tokenizer 14 % more instructions (164M to 187M on bench-sample).
  private static func splitKnownChunks(
    _ utf8: UnsafeBufferPointer<UInt8>, from start: Int, known: KnownTokens,
    into builder: inout TokenBuilder
  ) -> Int {
    let end = utf8.count
    var index = start
    // The builder at `start`.
    let mark = builder.mark
    while index < end {
      // A gap's first byte, if there is one here, is taken by arithmetic, without a branch.
      // NB: a branch on whether a gap comes next was the tokenizer's most mispredicted one
      // (once in nine tokens and gaps): gaps and tokens alternate, but not regularly. Most of
      // its mispredictions now fall on the test for a letter below (what kind of token comes
      // next is what cannot be foreseen), but a fifth of them go (bench-sample 504K to 408K in
      // this function). Selects do not do: the compiler made them that branch again. So no
      // gap's start is noted here either: a rollback finds it (``gapStart(before:from:in:)``).
      let lead = utf8[index]
      let gap = isASCII(lead, in: spaces) ? 1 : 0
      // NB: the line breaks are or-ed in, not tested: a branch on them mispredicted once in
      // twelve gaps.
      var newline = isASCII(lead, in: lineBreaks)
      index &+= gap
      // The rest of a longer gap.
      while index < end && isSpace(utf8[index]) {
        newline = newline || isASCII(utf8[index], in: lineBreaks)
        index += 1
      }
      if index == end { return end }
      builder.take(gap: gap, newline: newline)
      let byte = utf8[index]
      // The commonest tokens, words of ASCII letters all lower-case after the first, are made
      // here when what follows cannot join them (see ``endsWord(_:_:_:)``): the rules below
      // make them a word, `.capitalized` or `.lowercase` by the first letter, and `.ascii`.
      // Any other word starts again below.
      // NB: capitalised words and words before punctuation are taken here too, though they save
      // few instructions: the tests that sent them on (a lower-case first letter, a space after
      // the word) were the tokenizer's most mispredicted branches after the test for a gap.
      // One path of selects for these words and the marks below (no branch on which comes
      // next) was tried: the compiler branched on the mark test instead, and the instructions
      // grew by a fifth (the run of letters found after every mark too).
      if (byte | 0x20) &- 0x61 < 26 {
        let probe = ByteScan.lowercaseRunEnd(in: utf8, from: index + 1, to: end)
        if probe == end || endsWord(utf8, probe, end) {
          // Bit 5 is set in lower-case letters: 1 << 2 is `.lowercase`, 1 << 0 `.capitalized`.
          let shape = Token.Shape(rawValue: Token.Shape.ascii.rawValue | 1 &<< (byte >> 4 & 2))
          builder.append(index, probe, kind: .word, shape: shape)
          index = probe
          continue
        }
      }
      // A punctuation mark or control character, a token of its own, without the word classes.
      if isASCII(byte, in: singleByteTokens) {
        builder.append(index, index + 1, kind: singleByteKind(byte), shape: .ascii)
        index += 1
        continue
      }
      let (first, width) = wordClass(utf8, index, end)
      if first == .unknown {
        let chunkGap = gapStart(before: index, from: start, in: utf8)
        if chunkGap == start {
          builder.rollBack(to: mark)
        } else {
          builder.rollBack(toGapAt: chunkGap)
        }
        return chunkGap
      }
      let start = index
      index += width
      guard first == .letter || first == .digit || first == .underscore else {
        if width == 1 {
          builder.append(start, index, kind: asciiKind(utf8[start]), shape: .ascii)
        } else {
          let (kind, shape) = known[utf8[start + 2]]
          builder.append(start, index, kind: kind, shape: shape)
        }
        continue
      }
      // ICU's status is that of the last rule applied: 200 after a letter, 100 after a digit;
      // an underscore keeps the status before it, and two underscores make 200.
      var status: Int32 = first == .letter ? 200 : first == .digit ? 100 : 0
      var previous = first
      var ascii = true
      var uppers = 0
      var lowers = 0
      var shape: Token.Shape = []
      @inline(__always) func count(_ byte: UInt8) {
        if byte >= 0x41 && byte <= 0x5A {
          if uppers == 0 && lowers == 0 { shape.insert(.capitalized) }
          uppers += 1
        } else if byte >= 0x61 && byte <= 0x7A {
          if uppers == 0 && lowers == 0 { shape.insert(.lowercase) }
          lowers += 1
        }
      }
      count(utf8[start])
      while index < end {
        // A run of lower-case ASCII letters (most of a word's bytes), as the `.letter` case
        // below, in a tight loop.
        if utf8[index] &- 0x61 < 26 {
          let run = index
          index = ByteScan.lowercaseRunEnd(in: utf8, from: index + 1, to: end)
          status = 200
          if uppers == 0 && lowers == 0 { shape.insert(.lowercase) }
          lowers += index - run
          previous = .letter
          // Most words end at a space, which ends the token as `.other` does below.
          if index < end && isSpace(utf8[index]) { break }
          continue
        }
        let (next, nextWidth) = wordClass(utf8, index, end)
        switch next {
        case .letter:
          status = 200
          count(utf8[index])
        case .digit:
          status = 100
        case .underscore:
          if previous == .underscore { status = 200 }
        case .midLetterOrNumber, .midNumber:
          let after = index + nextWidth
          guard after < end, previous == .letter || previous == .digit else { break }
          let (following, _) = wordClass(utf8, after, end)
          let joins =
            following == previous && (previous == .digit || next == .midLetterOrNumber)
          if joins {
            if nextWidth > 1 { ascii = false }
            // The character after the middle one is taken by the next round.
            index = after
            continue
          }
        default:
          break
        }
        if next != .letter && next != .digit && next != .underscore { break }
        previous = next
        index += nextWidth
      }
      // NB: the only non-ASCII characters a word can hold here are ‘ and ’, which have no case,
      // so the letters' case counted above is what ``shape`` finds from scalar properties.
      if ascii { shape.insert(.ascii) }
      if uppers >= 2 && lowers == 0 { shape.insert(.allCaps) }
      let kind: Token.Kind =
        status >= 200 ? .word : status >= 100 ? .number : asciiKind(utf8[start])
      builder.append(start, index, kind: kind, shape: shape)
    }
    return end
  }

  /// A set of ASCII bytes as a bit map: bit `b` of the first word for bytes below 64, bit
  /// `b - 64` of the second for the others.
  private typealias ASCIISet = (low: UInt64, high: UInt64)

  /// Whether `byte` is in `set` (never for a byte above 0x7F), without a branch.
  @inline(__always)
  private static func isASCII(_ byte: UInt8, in set: ASCIISet) -> Bool {
    let bits = byte < 64 ? set.low : byte < 128 ? set.high : 0
    return bits &>> byte & 1 != 0
  }

  /// The ASCII bytes that are a token of their own at a token's start: all but whitespace,
  /// letters (with `@`), digits and `_` (`TokenizerDifferentialTests` checks every one).
  private static var singleByteTokens: ASCIISet { (0xFC00_FFFE_FFFF_C1FF, 0xF800_0001_7800_0000) }

  /// The whitespace bytes of ``isSpace(_:)``.
  private static var spaces: ASCIISet { (0x0000_0001_0000_3E00, 0) }

  /// The ASCII bytes that end a word of letters before them: all but letters (with `@`),
  /// digits, `_`, and the `.` and `'` that join letters (WB6, WB7).
  private static var wordEnds: ASCIISet { (0xFC00_BF7F_FFFF_FFFF, 0xF800_0001_7800_0000) }

  /// `"`, `'` and the backtick.
  private static var asciiQuoteMarks: ASCIISet { (0x0000_0084_0000_0000, 0x0000_0001_0000_0000) }

  /// Whether a word of letters ends before `utf8[index]`: an ASCII byte that no rule joins to a
  /// letter, or a `.` or `'` that no letter follows. False for a byte that the full rules must
  /// read (a letter, digit, `_`, a joining `.` or `'`, any non-ASCII byte).
  @inline(__always)
  private static func endsWord(_ utf8: UnsafeBufferPointer<UInt8>, _ index: Int, _ end: Int)
    -> Bool
  {
    let byte = utf8[index]
    if isASCII(byte, in: wordEnds) { return true }
    guard byte == 0x2E || byte == 0x27 else { return false }
    return index + 1 == end || asciiClass(utf8[index + 1]) != .letter
  }

  /// ``asciiKind(_:)`` of a byte of ``singleByteTokens``, by selects rather than a switch.
  @inline(__always)
  private static func singleByteKind(_ byte: UInt8) -> Token.Kind {
    let punctuation: Token.Kind = byte &- 0x21 < 0x5E ? .punctuation : .symbol
    return isASCII(byte, in: asciiQuoteMarks) ? .quoteMark : punctuation
  }

  /// Line feed and carriage return.
  private static var lineBreaks: ASCIISet { (0x0000_0000_0000_2400, 0) }

  /// The start of the gap before the chunk that holds `index` (whitespace ends it, or `start`),
  /// or `start` when no gap from `start` on comes before that chunk.
  private static func gapStart(
    before index: Int, from start: Int, in utf8: UnsafeBufferPointer<UInt8>
  ) -> Int {
    var gapEnd = index
    while gapEnd > start && !isSpace(utf8[gapEnd - 1]) { gapEnd -= 1 }
    var gapStart = gapEnd
    while gapStart > start && isSpace(utf8[gapStart - 1]) { gapStart -= 1 }
    return gapStart
  }

  /// ``classify``'s kind of an ASCII segment whose ICU status is 0, from its first byte.
  @inline(__always)
  private static func asciiKind(_ byte: UInt8) -> Token.Kind {
    switch byte {
    case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "`"): return .quoteMark
    case 0x30...0x39: return .number
    case 0x41...0x5A, 0x61...0x7A: return .word
    case 0x21...0x2F, 0x3A...0x40, 0x5B...0x60, 0x7B...0x7E: return .punctuation
    default: return .symbol
    }
  }

  /// The known characters of ``knownTokens`` as a flat table by the low bits of their last
  /// byte, read once per text (a static is checked on every read).
  struct KnownTokens {
    private(set) var kinds = [Token.Kind](repeating: .symbol, count: 64)
    private(set) var shapes = [Token.Shape](repeating: [], count: 64)

    /// The kind and shape of the known character whose UTF-8 form ends with `last`.
    @inline(__always)
    subscript(last: UInt8) -> (Token.Kind, Token.Shape) {
      get { (kinds[Int(last & 0x3F)], shapes[Int(last & 0x3F)]) }
      set {
        kinds[Int(last & 0x3F)] = newValue.0
        shapes[Int(last & 0x3F)] = newValue.1
      }
    }
  }
}
