import TextSegmentation

/// Finds sentences: ICU's sentence iterator proposes boundaries, ``SentenceRepair`` corrects
/// them (abbreviations, initials, quotations), and paragraph edges always end a sentence.
enum SentenceSegmenter {
  /// Sentence ranges (UTF-8 byte offsets), trimmed of whitespace, in text order.
  /// - Complexity: O(n).
  static func sentences(
    of utf8: UnsafeBufferPointer<UInt8>, paragraphs: [Range<Int>], tokens: [Token],
    lexicons: Lexicons
  ) throws(SegmentationError) -> [Range<Int>] {
    guard !paragraphs.isEmpty else { return [] }
    let candidates = try icuBoundaries(of: utf8)
    let boundaries = SentenceRepair(utf8: utf8, tokens: tokens, lexicons: lexicons)
      .repair(candidates)
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
