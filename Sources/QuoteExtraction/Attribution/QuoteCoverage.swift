/// How much of a stretch of text lies inside double quotation marks, to type a report:
/// all its letters inside → direct, some → mixed, none → indirect.
///
/// An unclosed quotation runs to the end of its paragraph, as in multi-paragraph news quotes.
/// - Complexity: O(q log q) to build, in the quotations (no pass over the text); a question
///   reads the bytes of its fragments once. Fragments of different reports do not overlap (a
///   token takes one role), so typing every report reads each byte at most once; should
///   they ever overlap, prefix sums are built after reading 2n bytes, so the total stays O(n).
struct QuoteCoverage {
  private let utf8: [UInt8]
  /// The quoted stretches: the union of the depth-0 quotations' contents, sorted, disjoint.
  private let quoted: [Range<Int>]
  private let spans: [(content: Range<Int>, index: Int)]
  /// Bytes read by ``type(of:)`` so far, and the prefix sums built once that passes 2n.
  private var bytesRead = 0
  private var prefix: (letters: [Int32], inside: [Int32])?

  init(document: Document, quotes: [QuotedSpan]) {
    let count = document.utf8.count
    // NB: spans may overlap (thousands of unclosed quotations running to one paragraph's end),
    // so the quoted stretches are their union, not the spans themselves.
    // NB: each list sized up front for every quotation, not grown by doubling (bench-sample:
    // 3,135 allocations fewer, this init's instructions 3.97M -> 1.60M).
    var ranges: [Range<Int>] = []
    ranges.reserveCapacity(quotes.count)
    var spans: [(content: Range<Int>, index: Int)] = []
    spans.reserveCapacity(quotes.count)
    for (index, quote) in quotes.enumerated() where quote.depth == 0 {
      var range = quote.content
      if !quote.isClosed {
        range =
          range
          .lowerBound..<max(
            range.lowerBound, document.paragraphs[quote.paragraphs.upperBound].utf8End)
      }
      let clamped = min(range.lowerBound, count)..<min(range.upperBound, count)
      if !clamped.isEmpty { ranges.append(clamped) }
      spans.append((quote.content, index))
    }
    ranges.stableSort { $0.lowerBound < $1.lowerBound }
    var quoted: [Range<Int>] = []
    quoted.reserveCapacity(ranges.count)
    for range in ranges {
      if let last = quoted.last, range.lowerBound <= last.upperBound {
        quoted[quoted.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
      } else {
        quoted.append(range)
      }
    }
    self.utf8 = document.utf8
    self.quoted = quoted
    self.spans = spans
  }

  static func isLetter(_ byte: UInt8) -> Bool {
    (byte >= 0x30 && byte <= 0x39) || (byte | 0x20 >= 0x61 && byte | 0x20 <= 0x7A)
      || byte >= 0xC3 && byte < 0xE2  // lead bytes of accented Latin and other letters
  }

  /// Whether `utf8[range]` holds a letter.
  private func hasLetter(in range: Range<Int>) -> Bool {
    utf8.withUnsafeBufferPointer { Self.hasLetter(UnsafeBufferPointer(rebasing: $0[range])) }
  }

  /// Whether `bytes` hold a letter (as ``isLetter(_:)`` reads them), read eight bytes at a
  /// time up to the first.
  static func hasLetter(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
    var offset = 0
    if let base = bytes.baseAddress {
      while offset + 8 <= bytes.count {
        let word = UInt64(
          littleEndian: UnsafeRawPointer(base + offset).loadUnaligned(as: UInt64.self))
        if letterBits(word) != 0 { return true }
        offset += 8
      }
    }
    while offset < bytes.count {
      if isLetter(bytes[offset]) { return true }
      offset += 1
    }
    return false
  }

  /// Bit 7 of each byte of `word` set when the byte is a letter: an ASCII digit or letter
  /// with bit 7 clear, or a lead byte C3 to E1 (bit 7 set, the rest 43 to 61).
  @inline(__always)
  static func letterBits(_ word: UInt64) -> UInt64 {
    let high = word & 0x8080_8080_8080_8080
    let low = word & 0x7F7F_7F7F_7F7F_7F7F
    let ascii = between(low, 0x30, 0x39) | between(low | 0x2020_2020_2020_2020, 0x61, 0x7A)
    let lead = between(low, 0x43, 0x61)
    return (ascii & ~high) | (lead & high)
  }

  /// Bit 7 of each byte of `low` (seven-bit bytes) set when the byte lies in `lower...upper`.
  /// NB: no carry crosses bytes: each byte is under 0x80 and what is added at most 0x80.
  @inline(__always)
  private static func between(_ low: UInt64, _ lower: UInt64, _ upper: UInt64) -> UInt64 {
    let atLeast = low &+ (0x80 &- lower) &* 0x0101_0101_0101_0101
    let past = low &+ (0x80 &- (upper + 1)) &* 0x0101_0101_0101_0101
    return atLeast & ~past & 0x8080_8080_8080_8080
  }

  /// The type of a report with these content fragments: all their letters inside quotation
  /// marks → direct, some → mixed, none → indirect.
  /// NB: whether some letter lies inside and some outside decides it, not how many: a stretch
  /// is read up to its first letter only, and not at all once its side has one (bench-sample:
  /// counting every letter cost 18.5M instructions, most of them for the quotations of
  /// fiction, whose first byte after the mark is a letter).
  mutating func type(of fragments: [Range<Int>]) -> Attribution.Kind {
    var found = (inside: false, outside: false)
    for fragment in fragments {
      let lower = min(fragment.lowerBound, utf8.count)
      let upper = min(fragment.upperBound, utf8.count)
      guard lower < upper else { continue }
      look(lower..<upper, &found)
      if found.inside && found.outside { break }
    }
    if !found.inside { return .indirect }
    return found.outside ? .mixed : .direct
  }

  /// Notes in `found` whether a byte range holds a letter inside quotation marks, and one
  /// outside them; reads only what is not known yet.
  private mutating func look(_ range: Range<Int>, _ found: inout (inside: Bool, outside: Bool)) {
    if prefix == nil && bytesRead > 2 * utf8.count { buildPrefix() }
    if let prefix {
      let all = prefix.letters[range.upperBound] - prefix.letters[range.lowerBound]
      let inside = prefix.inside[range.upperBound] - prefix.inside[range.lowerBound]
      found.inside = found.inside || inside > 0
      found.outside = found.outside || all > inside
      return
    }
    // NB: counted as the bytes a count of the letters would read (the range, and its quoted
    // stretches again): what is read is at most that.
    bytesRead += range.count
    // The first quoted stretch that ends after the range starts (binary search).
    var low = quoted.withUnsafeBufferPointer {
      $0.firstEnding(after: range.lowerBound, from: 0, to: $0.count) { $0.upperBound }
    }
    // The range's bytes alternate outside and inside: `cursor` is where the next outside
    // stretch starts.
    var cursor = range.lowerBound
    while low < quoted.count && quoted[low].lowerBound < range.upperBound {
      let overlap = quoted[low].clamped(to: range)
      bytesRead += overlap.count
      if !found.outside && cursor < overlap.lowerBound {
        found.outside = hasLetter(in: cursor..<overlap.lowerBound)
      }
      if !found.inside { found.inside = hasLetter(in: overlap) }
      if found.inside && found.outside { return }
      cursor = overlap.upperBound
      low += 1
    }
    if !found.outside && cursor < range.upperBound {
      found.outside = hasLetter(in: cursor..<range.upperBound)
    }
  }

  private mutating func buildPrefix() {
    var depth = [Int32](filled: 0, count: utf8.count + 1)
    for range in quoted {
      depth[range.lowerBound] += 1
      depth[range.upperBound] -= 1
    }
    var letters = [Int32](filled: 0, count: utf8.count + 1)
    var inside = [Int32](filled: 0, count: utf8.count + 1)
    var open: Int32 = 0
    for (offset, byte) in utf8.enumerated() {
      open += depth[offset]
      let isLetter = Self.isLetter(byte)
      letters[offset + 1] = letters[offset] + (isLetter ? 1 : 0)
      inside[offset + 1] = inside[offset] + (isLetter && open > 0 ? 1 : 0)
    }
    prefix = (letters, inside)
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
