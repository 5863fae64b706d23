import TextSegmentation

/// Finds sentences: ``SentenceRepair`` decides from the tokens (abbreviations, initials, lists,
/// quotations), asking ICU's sentence iterator about the periods it cannot judge alone, and
/// paragraph edges always end a sentence.
/// In text that is not hard-wrapped (see ``isHardWrapped(_:)``), a single line break also ends
/// one, unless a lower-case word follows it in a punctuated paragraph.
enum SentenceSegmenter {
  /// Sentence ranges (UTF-8 byte offsets), trimmed of whitespace, in text order.
  ///
  /// With `fullICUPass`, ICU iterates the whole text first and the repair rules look its
  /// boundaries up: the reference for the differential test of the usual, lazy way.
  /// - Complexity: O(n).
  /// - Parameter quoteMarks: the `.quoteMark` tokens of `tokens`, as the tokenizer lists them
  ///   (`nil`: the repair rules find them in `tokens`).
  static func sentences(
    of utf8: UnsafeBufferPointer<UInt8>, paragraphs: [Range<Int>], tokens: [Token],
    quoteMarks: [QuoteMarkToken]? = nil, lexicons: Lexicons, fullICUPass: Bool = false
  ) throws(SegmentationError) -> [Range<Int>] {
    guard !paragraphs.isEmpty else { return [] }
    let paragraphs = isHardWrapped(utf8) ? paragraphs : splitAtLineBreaks(paragraphs, utf8)
    let repair = SentenceRepair(
      utf8: utf8, tokens: tokens, quoteMarks: quoteMarks, lexicons: lexicons)
    let boundaries =
      fullICUPass
      ? repair.boundaries(candidates: try icuBoundaries(of: utf8), paragraphs: paragraphs)
      : try lazyICUBoundaries(repair, paragraphs: paragraphs, utf8)
    return cut(paragraphs, at: boundaries, utf8)
  }

  /// The repair rules' boundaries, with ICU asked only where they need it.
  private static func lazyICUBoundaries(
    _ repair: SentenceRepair, paragraphs: [Range<Int>], _ utf8: UnsafeBufferPointer<UInt8>
  ) throws(SegmentationError) -> [Int] {
    // NB: the repair rules need ICU's opinion only at a few periods (after a bracket or a
    // quotation mark), so ICU runs there alone, from a nearby safe point, rather than over the
    // whole text: the same boundaries (`SentenceBoundaryDifferentialTests`) for a fraction of
    // the work. The text is bound on the first question.
    var iterator = try BreakIterator(.sentence)
    var bound = false
    var failure: SegmentationError? = nil
    let boundaries = repair.boundaries(paragraphs: paragraphs) { gap in
      guard failure == nil else { return false }
      if !bound {
        do throws(SegmentationError) {
          try iterator.bindOverUTF16(utf8, linesAsSpaces: true)
        } catch {
          failure = error
          return false
        }
        bound = true
      }
      return iterator.boundary(from: gap.lowerBound).map { $0 <= gap.upperBound } ?? false
    }
    if let failure { throw failure }
    return boundaries
  }

  /// Cuts each paragraph at the boundaries inside it.
  private static func cut(
    _ paragraphs: [Range<Int>], at boundaries: [Int], _ utf8: UnsafeBufferPointer<UInt8>
  ) -> [Range<Int>] {
    var result: [Range<Int>] = []
    result.reserveCapacity(boundaries.count + paragraphs.count)
    var next = 0
    for paragraph in paragraphs {
      var start = paragraph.lowerBound
      while next < boundaries.count && boundaries[next] <= start { next += 1 }
      while next < boundaries.count && boundaries[next] < paragraph.upperBound {
        appendTrimmed(start..<boundaries[next], utf8, &result)
        start = boundaries[next]
        next += 1
      }
      appendTrimmed(start..<paragraph.upperBound, utf8, &result)
    }
    return result
  }

  /// ICU's boundaries with line breaks read as spaces, so that a hard-wrapped line does not end
  /// a sentence (paragraphs are cut separately). ICU runs over a UTF-16 copy, which it reads
  /// faster than UTF-8; `SentenceBoundaryDifferentialTests` checks the boundaries are the same.
  private static func icuBoundaries(of utf8: UnsafeBufferPointer<UInt8>) throws(SegmentationError)
    -> [Int]
  {
    var iterator = try BreakIterator(.sentence)
    return try iterator.boundariesOverUTF16(in: utf8, linesAsSpaces: true)
  }

  /// ``icuBoundaries(of:)`` the slower way, over a UTF-8 copy of the text with line breaks
  /// made spaces: the reference for the differential test.
  static func icuBoundariesOverUTF8(of utf8: UnsafeBufferPointer<UInt8>)
    throws(SegmentationError) -> [Int]
  {
    var iterator = try BreakIterator(.sentence)
    var flat = Array(utf8)
    for index in flat.indices where flat[index] == 0x0A || flat[index] == 0x0D {
      flat[index] = 0x20
    }
    return try flat.withUnsafeBufferPointer { (buffer) throws(SegmentationError) in
      try iterator.boundaries(in: buffer)
    }
  }

  /// ``icuBoundaries(of:)``, for tests.
  static func icuCandidates(of utf8: UnsafeBufferPointer<UInt8>) throws(SegmentationError)
    -> [Int]
  {
    try icuBoundaries(of: utf8)
  }

  /// Shortest and longest wrap width, in code points, of text that is hard-wrapped.
  static let wrapWidths = 60...100

  /// Whether single line breaks in `utf8` are soft wraps (Project Gutenberg, wire copy) rather
  /// than the ends of headings, list items or one-line paragraphs.
  ///
  /// Looks at the lines followed by another non-blank line: the text is wrapped when the longest
  /// of them is a plausible wrap width and most of them come within 20 code points of it.
  /// - Complexity: O(n).
  static func isHardWrapped(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    var lengths: [Int] = []
    var previous = 0
    var index = 0
    let count = utf8.count
    while true {
      // One line: its leading whitespace does not count, every code point after it does.
      while index < count && utf8[index] != 0x0A && utf8[index] != 0x0D
        && Tokenizer.isSpace(utf8[index])
      {
        index += 1
      }
      let start = index
      var continuations = 0
      // Eight bytes a step up to the line break: a line's code points are its bytes less its
      // continuation bytes.
      if let base = utf8.baseAddress {
        while count - index >= 8 {
          let word = ByteScan.word(base, index)
          let found = ByteScan.equal(0x0A, word) | ByteScan.equal(0x0D, word)
          if found != 0 {
            // The bits below the break's: the bytes before it.
            let before = (found & (0 &- found)) &- 1
            continuations += ByteScan.count(ByteScan.continuations(word) & before)
            index += found.trailingZeroBitCount >> 3
            break
          }
          continuations += ByteScan.count(ByteScan.continuations(word))
          index += 8
        }
      }
      while index < count {
        let byte = utf8[index]
        if byte < 0x80 {
          if byte == 0x0A || byte == 0x0D { break }
        } else if byte & 0xC0 == 0x80 {
          continuations += 1
        }
        index += 1
      }
      let length = index - start - continuations
      if previous > 0 && length > 0 { lengths.append(previous) }
      previous = length
      if index >= count { break }
      if utf8[index] == 0x0D && index + 1 < count && utf8[index + 1] == 0x0A { index += 1 }
      index += 1
    }
    guard let widest = lengths.max() else { return true }
    guard wrapWidths.contains(widest) else { return false }
    let near = lengths.count { $0 >= widest - 20 }
    return near * 5 >= lengths.count * 3
  }

  /// Cuts each paragraph at its single line breaks, except before a lower-case word in a
  /// paragraph that has sentence punctuation (a line broken mid-sentence, as in PDF text); a
  /// paragraph without any is a list of items or headings, one a line.
  private static func splitAtLineBreaks(
    _ paragraphs: [Range<Int>], _ utf8: UnsafeBufferPointer<UInt8>
  ) -> [Range<Int>] {
    var result: [Range<Int>] = []
    result.reserveCapacity(paragraphs.count)
    for paragraph in paragraphs {
      var punctuated = false
      for index in paragraph
      where utf8[index] == UInt8(ascii: ".") || utf8[index] == UInt8(ascii: "!")
        || utf8[index] == UInt8(ascii: "?") || utf8[index] == UInt8(ascii: ":")
        || utf8[index] == UInt8(ascii: ";")
      {
        punctuated = true
        break
      }
      var start = paragraph.lowerBound
      var index = ByteScan.lineBreak(in: utf8, from: paragraph.lowerBound)
      while index < paragraph.upperBound {
        let lineBreak = index
        index = ByteScan.lineBreak(in: utf8, from: lineBreak + 1)
        var next = lineBreak + 1
        while next < paragraph.upperBound && Tokenizer.isSpace(utf8[next]) { next += 1 }
        if punctuated && next < paragraph.upperBound && utf8[next] >= 0x61 && utf8[next] <= 0x7A {
          continue
        }
        appendTrimmed(start..<lineBreak, utf8, &result)
        start = lineBreak + 1
      }
      appendTrimmed(start..<paragraph.upperBound, utf8, &result)
    }
    return result
  }

  private static func appendTrimmed(
    _ range: Range<Int>, _ utf8: UnsafeBufferPointer<UInt8>, _ result: inout [Range<Int>]
  ) {
    if let trimmed = Tokenizer.trimmingSpaces(range, in: utf8) { result.append(trimmed) }
  }
}
