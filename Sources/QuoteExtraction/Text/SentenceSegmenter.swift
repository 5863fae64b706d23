import TextSegmentation

/// Finds sentences: ICU's sentence iterator proposes boundaries, ``SentenceRepair`` corrects
/// them (abbreviations, initials, lists, quotations), and paragraph edges always end a sentence.
/// In text that is not hard-wrapped (see ``isHardWrapped(_:)``), a single line break also ends
/// one, unless a lower-case word follows it in a punctuated paragraph.
enum SentenceSegmenter {
  /// Sentence ranges (UTF-8 byte offsets), trimmed of whitespace, in text order.
  /// - Complexity: O(n).
  static func sentences(
    of utf8: UnsafeBufferPointer<UInt8>, paragraphs: [Range<Int>], tokens: [Token],
    lexicons: Lexicons
  ) throws(SegmentationError) -> [Range<Int>] {
    guard !paragraphs.isEmpty else { return [] }
    let paragraphs = isHardWrapped(utf8) ? paragraphs : splitAtLineBreaks(paragraphs, utf8)
    let candidates = try icuBoundaries(of: utf8)
    let boundaries = SentenceRepair(utf8: utf8, tokens: tokens, lexicons: lexicons)
      .boundaries(candidates: candidates, paragraphs: paragraphs)
    // Cut each paragraph at the boundaries inside it.
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

  /// ICU's boundaries over a copy of the text in which line breaks are spaces, so that a
  /// hard-wrapped line does not end a sentence (paragraphs are cut separately). The copy has
  /// the same length, so its offsets are the text's.
  private static func icuBoundaries(of utf8: UnsafeBufferPointer<UInt8>) throws(SegmentationError)
    -> [Int]
  {
    var iterator = try BreakIterator(.sentence)
    var hasLineBreak = false
    for byte in utf8 where byte == 0x0A || byte == 0x0D {
      hasLineBreak = true
      break
    }
    guard hasLineBreak else { return try iterator.boundaries(in: utf8) }
    var flat = Array(utf8)
    for index in flat.indices where flat[index] == 0x0A || flat[index] == 0x0D {
      flat[index] = 0x20
    }
    return try flat.withUnsafeBufferPointer { (buffer) throws(SegmentationError) in
      try iterator.boundaries(in: buffer)
    }
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
    var length = 0
    var previous = 0
    var index = 0
    while index <= utf8.count {
      let byte: UInt8 = index < utf8.count ? utf8[index] : 0x0A
      index += 1
      if byte == 0x0A || byte == 0x0D {
        if byte == 0x0D && index < utf8.count && utf8[index] == 0x0A { index += 1 }
        if previous > 0 && length > 0 { lengths.append(previous) }
        previous = length
        length = 0
      } else if byte & 0xC0 != 0x80 && (length > 0 || !Tokenizer.isSpace(byte)) {
        length += 1
      }
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
      for index in paragraph where utf8[index] == 0x0A || utf8[index] == 0x0D {
        var next = index + 1
        while next < paragraph.upperBound && Tokenizer.isSpace(utf8[next]) { next += 1 }
        if punctuated && next < paragraph.upperBound && utf8[next] >= 0x61 && utf8[next] <= 0x7A {
          continue
        }
        appendTrimmed(start..<index, utf8, &result)
        start = index + 1
      }
      appendTrimmed(start..<paragraph.upperBound, utf8, &result)
    }
    return result
  }

  private static func appendTrimmed(
    _ range: Range<Int>, _ utf8: UnsafeBufferPointer<UInt8>, _ result: inout [Range<Int>]
  ) {
    var lower = range.lowerBound
    var upper = range.upperBound
    while lower < upper && Tokenizer.isSpace(utf8[lower]) { lower += 1 }
    while upper > lower && Tokenizer.isSpace(utf8[upper - 1]) { upper -= 1 }
    if lower < upper { result.append(lower..<upper) }
  }
}
