/// Finds paragraphs: runs of text separated by blank lines, or single lines in line mode.
enum ParagraphSplitter {
  /// Paragraph ranges (UTF-8 byte offsets), trimmed of whitespace, in text order.
  /// - Complexity: O(n).
  static func paragraphs(of utf8: UnsafeBufferPointer<UInt8>, mode: Document.ParagraphMode)
    -> [Range<Int>]
  {
    var result: [Range<Int>] = []
    var start = 0
    var index = 0
    let count = utf8.count
    while index < count {
      index = ByteScan.lineBreak(in: utf8, from: index)
      guard index < count else { break }
      let byte = utf8[index]
      let lineEnd = index
      index += (byte == 0x0D && index + 1 < count && utf8[index + 1] == 0x0A) ? 2 : 1
      if mode == .line {
        append(start..<lineEnd, utf8, &result)
        start = index
        continue
      }
      // Blank line: only spaces and tabs up to the next line break.
      var probe = index
      while probe < count && (utf8[probe] == 0x20 || utf8[probe] == 0x09) { probe += 1 }
      if probe < count && (utf8[probe] == 0x0A || utf8[probe] == 0x0D) {
        append(start..<lineEnd, utf8, &result)
        start = probe
        index = probe
      }
    }
    append(start..<count, utf8, &result)
    return result
  }

  private static func append(
    _ range: Range<Int>, _ utf8: UnsafeBufferPointer<UInt8>, _ result: inout [Range<Int>]
  ) {
    if let trimmed = Tokenizer.trimmingSpaces(range, in: utf8) { result.append(trimmed) }
  }
}
