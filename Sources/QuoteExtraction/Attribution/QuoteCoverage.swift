/// How much of a stretch of text lies inside double quotation marks, to type a report:
/// all its letters inside → direct, some → mixed, none → indirect.
///
/// An unclosed quotation runs to the end of its paragraph, as in multi-paragraph news quotes.
/// - Complexity: O(n) to build (prefix sums over the bytes), O(1) per question.
struct QuoteCoverage {
  private var letters: [Int32]
  private var inside: [Int32]
  private let spans: [(content: Range<Int>, index: Int)]

  init(document: Document, quotes: [QuotedSpan]) {
    let utf8 = document.utf8
    // NB: spans may overlap (thousands of unclosed quotations running to one paragraph's end),
    // so coverage is counted with a difference array, not by marking each span's bytes.
    var depth = [Int32](repeating: 0, count: utf8.count + 1)
    var spans: [(content: Range<Int>, index: Int)] = []
    for (index, quote) in quotes.enumerated() where quote.depth == 0 {
      var range = quote.content
      if !quote.isClosed {
        range =
          range
          .lowerBound..<max(
            range.lowerBound, document.paragraphs[quote.paragraphs.upperBound].utf8End)
      }
      let clamped = min(range.lowerBound, utf8.count)..<min(range.upperBound, utf8.count)
      depth[clamped.lowerBound] += 1
      depth[clamped.upperBound] -= 1
      spans.append((quote.content, index))
    }
    var letters = [Int32](repeating: 0, count: utf8.count + 1)
    var inside = [Int32](repeating: 0, count: utf8.count + 1)
    var open: Int32 = 0
    for (offset, byte) in utf8.enumerated() {
      open += depth[offset]
      let isLetter =
        (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
        || byte >= 0xC3 && byte < 0xE2  // lead bytes of accented Latin and other letters
      letters[offset + 1] = letters[offset] + (isLetter ? 1 : 0)
      inside[offset + 1] = inside[offset] + (isLetter && open > 0 ? 1 : 0)
    }
    self.letters = letters
    self.inside = inside
    self.spans = spans
  }

  /// The type of a report with these content fragments.
  func type(of fragments: [Range<Int>]) -> Attribution.Kind {
    var total: Int32 = 0
    var quoted: Int32 = 0
    for fragment in fragments {
      let lower = min(fragment.lowerBound, letters.count - 1)
      let upper = min(fragment.upperBound, letters.count - 1)
      total += letters[upper] - letters[lower]
      quoted += inside[upper] - inside[lower]
    }
    if quoted == 0 { return .indirect }
    return quoted == total ? .direct : .mixed
  }

  /// The depth-0 quotations whose content lies inside the fragments.
  func quotes(inside fragments: [Range<Int>]) -> [Int] {
    guard !spans.isEmpty else { return [] }
    var result: [Int] = []
    for fragment in fragments {
      // Binary search for the first span that starts at or after the fragment.
      var low = 0
      var high = spans.count
      while low < high {
        let middle = (low + high) / 2
        if spans[middle].content.lowerBound < fragment.lowerBound {
          low = middle + 1
        } else {
          high = middle
        }
      }
      var index = low
      while index < spans.count && spans[index].content.lowerBound < fragment.upperBound {
        if spans[index].content.upperBound <= fragment.upperBound + 4 {
          result.append(spans[index].index)
        }
        index += 1
      }
    }
    return result
  }
}
