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
    // The start of the gap before the current chunk and the builder before that gap.
    var gapStart = start
    var mark = builder.mark
    while index < end {
      if isSpace(utf8[index]) {
        gapStart = index
        mark = builder.mark
        var newline = false
        repeat {
          if utf8[index] == 0x0A || utf8[index] == 0x0D { newline = true }
          index += 1
        } while index < end && isSpace(utf8[index])
        if index == end { return end }
        builder.gap(newline: newline)
        continue
      }
      // The commonest token, a lower-case word before a space (or the end), is made here: the
      // rules below make it a word, `.lowercase` and `.ascii`. Any other word starts again.
      // (Capitalised words too cost as many instructions as they save: too few end at a space.)
      if utf8[index] &- 0x61 < 26 {
        let probe = ByteScan.lowercaseRunEnd(in: utf8, from: index + 1, to: end)
        if probe == end || isSpace(utf8[probe]) {
          builder.append(index, probe, kind: .word, shape: [.lowercase, .ascii])
          index = probe
          continue
        }
      }
      let (first, width) = wordClass(utf8, index, end)
      if first == .unknown {
        builder.rollBack(to: mark)
        return gapStart
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
