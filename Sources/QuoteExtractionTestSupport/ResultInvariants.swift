import QuoteExtraction

/// The properties every ``ExtractionResult`` must have, whatever the input: the safety net that
/// the invariant tests run over the corpora and generated text, and the fuzz targets over
/// random bytes.
///
/// NB: this file imports nothing but QuoteExtraction, because the fuzz package compiles it too
/// (through a symbolic link in `Fuzz/Sources/FuzzSupport`).
/// - Complexity: O(n + k log k) for a text of n bytes with k ranges.
public struct ResultInvariants {
  /// What was found wrong, one sentence each (at most ``limit``).
  public private(set) var violations: [String] = []
  /// The most violations recorded; the rest are counted in ``suppressed``.
  public let limit: Int
  /// Violations beyond ``limit``.
  public private(set) var suppressed = 0

  private let result: ExtractionResult
  private let document: Document
  private let utf8: [UInt8]
  /// Every offset seen, for the unit conversion check.
  private var offsets: [Int] = []

  /// Checks `result`. When `input` is given, also checks that the document's text is the input
  /// exactly (or, for invalid UTF-8, the input with each bad sequence replaced as Swift's
  /// decoder does, and an `invalid-utf8` diagnostic).
  public init(_ result: ExtractionResult, input: [UInt8]? = nil, limit: Int = 20) {
    self.result = result
    self.document = result.document
    self.utf8 = result.document.utf8
    self.limit = limit
    checkText(input: input)
    checkTokens()
    checkRanges(document.paragraphs, name: "paragraph")
    checkRanges(document.sentences, name: "sentence")
    checkSentencesInParagraphs()
    checkQuotes()
    checkAttributions()
    checkEntities()
    checkDiagnostics()
    checkOffsetUnits()
  }

  /// Whether every invariant holds.
  public var holds: Bool { violations.isEmpty }

  /// The violations as one text, for a test failure message.
  public var report: String {
    var lines = violations
    if suppressed > 0 { lines.append("… and \(suppressed) more") }
    return lines.joined(separator: "\n")
  }

  private mutating func fail(_ message: String) {
    if violations.count < limit { violations.append(message) } else { suppressed += 1 }
  }

  private func isBoundary(_ offset: Int) -> Bool {
    offset == utf8.count || (offset >= 0 && offset < utf8.count && utf8[offset] & 0xC0 != 0x80)
  }

  /// Checks that a range lies inside the text on scalar boundaries, and remembers its ends.
  private mutating func check(_ range: Range<Int>, _ what: @autoclosure () -> String) {
    guard range.lowerBound >= 0, range.upperBound <= utf8.count else {
      fail("\(what()) \(range) outside the text (\(utf8.count) bytes)")
      return
    }
    guard isBoundary(range.lowerBound), isBoundary(range.upperBound) else {
      fail("\(what()) \(range) not on Unicode scalar boundaries")
      return
    }
    offsets.append(range.lowerBound)
    offsets.append(range.upperBound)
  }

  // MARK: Text

  private mutating func checkText(input: [UInt8]?) {
    if !document.text.utf8.elementsEqual(utf8) { fail("document.utf8 is not document.text") }
    guard let input else { return }
    let valid = String(validating: input, as: UTF8.self) != nil
    let repaired = valid ? input : Array(String(decoding: input, as: UTF8.self).utf8)
    if utf8 != repaired {
      fail(valid ? "the text was rewritten" : "invalid UTF-8 not replaced as Swift decodes it")
    }
    let reported = result.diagnostics.contains { $0.code == "invalid-utf8" }
    if valid && reported { fail("invalid-utf8 diagnostic for valid UTF-8") }
    if !valid && !reported { fail("invalid UTF-8 without an invalid-utf8 diagnostic") }
  }

  // MARK: Segmentation

  private mutating func checkTokens() {
    var previousEnd = 0
    for (index, token) in document.tokens.enumerated() {
      let range = token.utf8Range
      check(range, "token \(index)")
      if range.isEmpty { fail("token \(index) is empty") }
      if range.lowerBound < previousEnd { fail("token \(index) overlaps the one before") }
      // Whitespace is not a token: every gap opens with whitespace.
      if range.lowerBound > previousEnd, let first = scalar(at: previousEnd),
        !first.properties.isWhitespace
      {
        fail("gap before token \(index) starts with non-space U+\(hex(first.value))")
      }
      previousEnd = max(previousEnd, range.upperBound)
    }
  }

  private func scalar(at offset: Int) -> Unicode.Scalar? {
    guard offset < utf8.count else { return nil }
    var iterator = utf8[offset...].makeIterator()
    var decoder = UTF8()
    if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
    return nil
  }

  private mutating func checkRanges(_ ranges: [TextRange], name: String) {
    var previousEnd = 0
    var nextToken = 0
    for (index, range) in ranges.enumerated() {
      check(range.utf8Range, "\(name) \(index)")
      if range.utf8Range.isEmpty { fail("\(name) \(index) is empty") }
      if range.utf8Start < previousEnd { fail("\(name) \(index) overlaps the one before") }
      if let first = utf8[safe: range.utf8Start], Self.isASCIISpace(first) {
        fail("\(name) \(index) starts with a space")
      }
      if let last = utf8[safe: range.utf8End - 1], Self.isASCIISpace(last) {
        fail("\(name) \(index) ends with a space")
      }
      if range.tokens.lowerBound != nextToken {
        fail("\(name) \(index) tokens start at \(range.tokens.lowerBound), not \(nextToken)")
      }
      if range.tokens.upperBound > document.tokens.count {
        fail("\(name) \(index) tokens \(range.tokens) beyond the tokens")
        return
      }
      for token in range.tokens {
        let start = Int(document.tokens[token].utf8Start)
        if start < range.utf8Start || start >= range.utf8End {
          fail("token \(token) of \(name) \(index) starts outside it")
          break
        }
        let owner =
          name == "sentence" ? document.sentence(of: token) : document.paragraph(of: token)
        if owner != index {
          fail("token \(token) is in \(name) \(index) but reports \(owner)")
          break
        }
      }
      nextToken = range.tokens.upperBound
      previousEnd = range.utf8End
    }
  }

  private static func isASCIISpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
  }

  private mutating func checkSentencesInParagraphs() {
    var paragraph = 0
    let paragraphs = document.paragraphs
    for (index, sentence) in document.sentences.enumerated() {
      while paragraph < paragraphs.count && paragraphs[paragraph].utf8End <= sentence.utf8Start {
        paragraph += 1
      }
      guard paragraph < paragraphs.count,
        paragraphs[paragraph].utf8Start <= sentence.utf8Start,
        sentence.utf8End <= paragraphs[paragraph].utf8End
      else {
        fail("sentence \(index) \(sentence.utf8Range) is not inside one paragraph")
        continue
      }
    }
    if document.sentences.isEmpty && !paragraphs.isEmpty { fail("paragraphs but no sentence") }
  }

  // MARK: Quotes

  private static func outer(_ quote: QuotedSpan) -> Range<Int> {
    let end = max(quote.closeMark?.upperBound ?? quote.content.upperBound, quote.content.upperBound)
    return min(quote.openMark.lowerBound, quote.content.lowerBound)..<end
  }

  private mutating func checkQuotes() {
    let quotes = result.quotes
    var previousStart = 0
    // Closed spans that are still open at the current position: ends, innermost last.
    var enclosing: [(index: Int, end: Int)] = []
    for (index, quote) in quotes.enumerated() {
      let name = "quote \(index)"
      check(quote.content, "\(name) content")
      check(quote.openMark, "\(name) opening mark")
      if let close = quote.closeMark { check(close, "\(name) closing mark") }
      if quote.openMark.upperBound > quote.content.lowerBound {
        fail("\(name) content starts inside its opening mark")
      }
      if let close = quote.closeMark, close.lowerBound < quote.content.upperBound {
        fail("\(name) content ends after its closing mark starts")
      }
      if quote.closeMark != nil && !quote.isClosed {
        fail("\(name) has a closing mark, not closed")
      }
      if quote.openMark.lowerBound < previousStart { fail("\(name) is out of text order") }
      previousStart = quote.openMark.lowerBound
      if quote.paragraphs.upperBound >= document.paragraphs.count || quote.paragraphs.lowerBound < 0
      {
        fail("\(name) paragraphs \(quote.paragraphs) beyond the document")
      }
      if let parent = quote.parent {
        if parent < 0 || parent >= index {
          fail("\(name) parent \(parent) does not come before it")
        } else {
          let outer = Self.outer(quotes[parent])
          let inner = Self.outer(quote)
          if inner.lowerBound < outer.lowerBound || inner.upperBound > outer.upperBound {
            fail("\(name) \(inner) is not inside its parent \(parent) \(outer)")
          }
          if quote.depth != quotes[parent].depth + 1 {
            fail("\(name) depth \(quote.depth), its parent's \(quotes[parent].depth)")
          }
        }
      } else if quote.depth != 0 {
        fail("\(name) has depth \(quote.depth) and no parent")
      }
      // Closed quotations nest: none starts inside another and ends after it.
      let span = Self.outer(quote)
      while let top = enclosing.last, top.end <= span.lowerBound { enclosing.removeLast() }
      guard quote.isClosed, quote.closeMark != nil else { continue }
      if let top = enclosing.last, span.upperBound > top.end {
        fail("\(name) \(span) crosses quote \(top.index), which ends at \(top.end)")
      }
      enclosing.append((index, span.upperBound))
    }
  }

  // MARK: Attributions

  private mutating func checkAttributions() {
    for (index, attribution) in result.attributions.enumerated() {
      let name = "attribution \(index) (\(attribution.rule))"
      if attribution.fragments.isEmpty { fail("\(name) has no content") }
      var previousEnd = 0
      for fragment in attribution.fragments {
        check(fragment, "\(name) fragment")
        if fragment.lowerBound < previousEnd { fail("\(name) fragments overlap or are unsorted") }
        previousEnd = fragment.upperBound
      }
      func insideContent(_ range: Range<Int>) -> Bool {
        attribution.fragments.contains { $0.overlaps(range) }
      }
      if let cue = attribution.cue {
        check(cue, "\(name) cue")
        if insideContent(cue) { fail("\(name) cue \(cue) overlaps its content") }
      }
      if let speaker = attribution.speaker {
        check(speaker, "\(name) speaker")
        if attribution.type != .mixed && insideContent(speaker) {
          fail("\(name) speaker \(speaker) overlaps its content")
        }
        if let cue = attribution.cue, cue.overlaps(speaker) {
          fail("\(name) speaker \(speaker) overlaps its cue \(cue)")
        }
      }
      if let entity = attribution.entity, !result.entities.indices.contains(entity) {
        fail("\(name) entity \(entity) does not exist")
      }
      for quote in attribution.quotes where !result.quotes.indices.contains(quote) {
        fail("\(name) quote \(quote) does not exist")
      }
      if !(0...1).contains(attribution.confidence) {
        fail("\(name) confidence \(attribution.confidence) outside 0…1")
      }
      if attribution.rule.isEmpty { fail("\(name) has no rule id") }
    }
  }

  private mutating func checkEntities() {
    for (index, entity) in result.entities.enumerated() {
      for mention in entity.mentions { check(mention, "entity \(index) mention") }
    }
  }

  private mutating func checkDiagnostics() {
    for diagnostic in result.diagnostics {
      guard let offset = diagnostic.utf8Offset else { continue }
      check(offset..<offset, "diagnostic \(diagnostic.code) offset")
    }
  }

  // MARK: Offsets

  /// Every offset seen converts to the code point and UTF-16 counts of Swift's own views of the
  /// prefix, and back to itself, in all three units.
  private mutating func checkOffsetUnits() {
    offsets.sort()
    var next = 0
    var bytes = 0
    var scalars = 0
    var units = 0
    func checkUpTo(_ position: Int) -> Bool {
      while next < offsets.count && offsets[next] == position {
        let offset = offsets[next]
        next += 1
        if next > 1 && offsets[next - 2] == offset { continue }
        let codePoints = document.codePointOffset(offset)
        let utf16 = document.utf16Offset(offset)
        guard codePoints == scalars, utf16 == units else {
          fail(
            "offset \(offset): \(codePoints) code points, \(utf16) UTF-16 units; "
              + "Swift counts \(scalars) and \(units)")
          return false
        }
        for unit in OffsetUnit.allCases {
          let back = document.utf8Offset(document.offset(offset, in: unit), from: unit)
          if back != offset {
            fail("offset \(offset) in \(unit.rawValue) converts back to \(back)")
            return false
          }
        }
      }
      return true
    }
    for scalar in document.text.unicodeScalars {
      guard next < offsets.count else { return }
      guard checkUpTo(bytes) else { return }
      bytes += scalar.utf8.count
      scalars += 1
      units += scalar.utf16.count
    }
    _ = checkUpTo(bytes)
  }
}

private func hex(_ value: UInt32) -> String {
  let digits = String(value, radix: 16, uppercase: true)
  return String(repeating: "0", count: max(0, 4 - digits.count)) + digits
}

extension Array {
  fileprivate subscript(safe index: Int) -> Element? {
    indices.contains(index) ? self[index] : nil
  }
}
