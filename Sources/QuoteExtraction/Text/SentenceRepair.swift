/// Decides where sentences end, token by token, from ICU's proposals and English typography.
///
/// A sentence may end only after a terminator (`.`, `!`, `?`, `…`, or another script's
/// sentence terminal) followed by whitespace, possibly with closing quotes, brackets and
/// citation marks (`[1]`) in between. The terminator is then judged from its neighbours:
/// - a following lower-case word continues the sentence (“Why now?” she asked);
/// - a boundary inside a short parenthesis or a quotation that closes in the same paragraph
///   is not one (the quotation is part of the sentence that frames it);
/// - after a title abbreviation (Mr., Dr., No.) or an initial (J. K. Rowling) it is not one;
/// - after an ambiguous abbreviation (U.S., Inc., a.m.) it is one only before a common
///   sentence starter, or after a time such as “6 p.m.” before a capitalised word;
/// - a spaced three-dot ellipsis (“. . .”) marks an omission, not an end;
/// - an enumerator (“1.”, “a)”, “(iv)”) that opens a sentence does not end it, and the next
///   number of the same list starts a new one (“1. The first 2. The second”).
///
/// Abbreviations and sentence starters come from ``Lexicons`` (data files).
/// - Complexity: O(n) in the number of tokens; lookups hash a small byte slice, no allocation.
struct SentenceRepair {
  let utf8: UnsafeBufferPointer<UInt8>
  let tokens: [Token]
  /// The `.quoteMark` tokens of `tokens`, in order (`nil`: found in `tokens` as needed).
  let quoteMarks: [QuoteMarkToken]?
  let lexicons: Lexicons

  /// Longest parenthesis, in tokens, whose inside never holds a sentence boundary.
  static let maxEnclosedParenthesis = 40
  /// Longest quotation, in tokens, whose inside never holds a sentence boundary.
  static let maxEnclosedQuotation = 250

  /// Sentence starts (UTF-8 offsets of tokens), sorted, excluding paragraph starts.
  /// - Parameters:
  ///   - candidates: ICU's sentence boundaries, sorted UTF-8 offsets.
  ///   - paragraphs: paragraph ranges, sorted; a sentence never crosses one.
  func boundaries(candidates: [Int], paragraphs: [Range<Int>]) -> [Int] {
    var candidate = 0
    return boundaries(paragraphs: paragraphs) { gap in
      while candidate < candidates.count && candidates[candidate] < gap.lowerBound {
        candidate += 1
      }
      return candidate < candidates.count && candidates[candidate] <= gap.upperBound
    }
  }

  /// Sentence starts (UTF-8 offsets of tokens), sorted, excluding paragraph starts.
  /// - Parameters:
  ///   - paragraphs: paragraph ranges, sorted; a sentence never crosses one.
  ///   - icuBreaks: whether ICU's sentence iterator has a boundary in a gap between two tokens
  ///     (from the end of the one to the start of the other, both included). Asked in text
  ///     order, and only where ICU decides: a period after a token that is not word-like.
  func boundaries(paragraphs: [Range<Int>], icuBreaks: (ClosedRange<Int>) -> Bool) -> [Int] {
    var result: [Int] = []
    guard !tokens.isEmpty else { return result }
    let enclosures = enclosedTokens(paragraphs: paragraphs)
    var enclosure = 0
    var paragraph = 0
    var sentenceStart = 0
    var list: ListMarker? = nil
    var index = 0
    while index < tokens.count {
      defer { index += 1 }
      let start = Int(tokens[index].utf8Start)
      var newParagraph = index == 0
      while paragraph < paragraphs.count && paragraphs[paragraph].upperBound <= start {
        paragraph += 1
        newParagraph = true
      }
      if newParagraph {
        sentenceStart = index
        list = listMarker(atSentenceStart: index)
        continue
      }
      // Outside a list, a sentence ends only after a terminator or a closing mark (see
      // `terminator(before:sentenceStart:)`), which are punctuation or quotation marks: the
      // tokens after a word, a number or a symbol (most tokens) cannot start one.
      if list == nil && !Self.mayEndBefore(tokens[index - 1].kind) {
        // NB: the run of such tokens up to the paragraph's end is skipped in a tight loop (the
        // paragraph test above costs more than this one, and most tokens are in such runs).
        index = nextAfterMark(from: index + 1, before: paragraphs, paragraph) - 1
        continue
      }
      while enclosure < enclosures.count && enclosures[enclosure].upperBound < index {
        enclosure += 1
      }
      let split = decide(
        before: index, sentenceStart: sentenceStart, list: list, icuBreaks: icuBreaks,
        enclosed: enclosure < enclosures.count && enclosures[enclosure].lowerBound <= index)
      if let split, split > sentenceStart {
        result.append(Int(tokens[split].utf8Start))
        sentenceStart = split
        list = listMarker(atSentenceStart: split)
      }
    }
    return result
  }

  /// Whether a sentence may end between a token of `kind` and the next one (outside a list).
  @inline(__always)
  private static func mayEndBefore(_ kind: Token.Kind) -> Bool {
    kind == .punctuation || kind == .quoteMark
  }

  /// The first token at or after `index` that follows a punctuation or quotation mark or starts
  /// at or after the end of `paragraphs[paragraph]` (or the token count when none does).
  private func nextAfterMark(from index: Int, before paragraphs: [Range<Int>], _ paragraph: Int)
    -> Int
  {
    let limit = paragraph < paragraphs.count ? paragraphs[paragraph].upperBound : Int.max
    return tokens.withUnsafeBufferPointer { tokens in
      var index = index
      while index < tokens.count && Int(tokens[index].utf8Start) < limit
        && !Self.mayEndBefore(tokens[index - 1].kind)
      {
        index += 1
      }
      return index
    }
  }

  // MARK: - Decision

  /// Where a new sentence starts if one starts at or just before token `next`, else nil.
  private func decide(
    before next: Int, sentenceStart: Int, list: ListMarker?,
    icuBreaks: (ClosedRange<Int>) -> Bool, enclosed: Bool
  ) -> Int? {
    // The next item of an inline list starts a sentence, with or without a terminator.
    if let list, next > list.end, hasGap(before: next) {
      if isBullet(next), let bullet = list.bullet, sameBytes(bullet, next) { return next }
      if list.bullet == nil, let marker = parseMarker(at: next), marker.continues(list) {
        return next
      }
    }
    if let list, next <= list.end { return nil }
    let previous = next - 1
    guard hasGap(before: next) || isWideTerminator(previous) else { return nil }
    guard let terminator = terminator(before: next, sentenceStart: sentenceStart) else {
      return nil
    }
    if enclosed { return nil }
    // Repeated terminators ("! ! !") belong together.
    if isTerminator(next) && !isByte(next, UInt8(ascii: ".")) { return nil }
    let first = firstWord(from: next)
    if parseMarker(at: next) != nil {
      // A list item after a sentence ("here. (ii) Next"), unless the period is an abbreviation's.
      guard isByte(terminator, UInt8(ascii: ".")),
        !(terminator > 0 && isByte(terminator - 1, UInt8(ascii: ".")))
      else { return next }
      return judgePeriod(
        terminator, before: next, firstWord: first, sentenceStart: sentenceStart,
        icuBreaks: icuBreaks, beforeListItem: true) ? next : nil
    }
    if first < tokens.count && tokens[first].shape.contains(.lowercase) { return nil }
    guard isByte(terminator, UInt8(ascii: ".")) else { return next }
    if isByte(next, UInt8(ascii: ".")) {
      // "compounds. . . . The": a period, then an ellipsis that opens the next sentence.
      return opensWithEllipsis(next) && terminator > sentenceStart
        && !hasGap(before: terminator) && tokens[terminator - 1].kind == .word
        && !isByte(terminator - 1, UInt8(ascii: ".")) ? next : nil
    }
    // Ellipses: count the run of periods that ends at the terminator.
    var dots = 1
    var spaced = false
    var dot = terminator
    while dot - 1 >= sentenceStart && isByte(dot - 1, UInt8(ascii: ".")) {
      if hasGap(before: dot) { spaced = true }
      dot -= 1
      dots += 1
    }
    if dots >= 2 { return spaced && dots == 3 ? nil : next }
    return judgePeriod(
      terminator, before: next, firstWord: first, sentenceStart: sentenceStart,
      icuBreaks: icuBreaks, beforeListItem: false) ? next : nil
  }

  /// Whether a run of at least three spaced periods starts at `index` and a capitalised word
  /// follows it.
  private func opensWithEllipsis(_ index: Int) -> Bool {
    var probe = index
    while probe < tokens.count && probe < index + 4 && isByte(probe, UInt8(ascii: ".")) {
      probe += 1
    }
    return probe - index >= 3 && probe < tokens.count && tokens[probe].shape.contains(.capitalized)
  }

  /// Whether the single period at `period` ends the sentence before `next`.
  private func judgePeriod(
    _ period: Int, before next: Int, firstWord first: Int, sentenceStart: Int,
    icuBreaks: (ClosedRange<Int>) -> Bool, beforeListItem: Bool
  ) -> Bool {
    // A period after a space ("Mathematics . dot") is not an end.
    guard period > sentenceStart, !hasGap(before: period) else { return false }
    // The abbreviation candidate: the run of word, number and symbol tokens touching the period.
    var wordStart = period - 1
    while wordStart > sentenceStart && !hasGap(before: wordStart)
      && isWordLike(wordStart - 1)
    {
      wordStart -= 1
    }
    // The one decision left to ICU, which is asked only here (see `SentenceSegmenter`).
    guard isWordLike(period - 1) else {
      return icuBreaks(Int(tokens[next - 1].utf8End)...Int(tokens[next].utf8Start))
    }
    let word = UnsafeBufferPointer(
      rebasing: utf8[Int(tokens[wordStart].utf8Start)..<Int(tokens[period - 1].utf8End)])
    let before = wordStart - 1 >= sentenceStart ? wordStart - 1 : nil
    let atStart = isSentenceOpening(wordStart, sentenceStart: sentenceStart)
    let firstIsWord = first < tokens.count && tokens[first].kind == .word
    let firstBytes =
      first < tokens.count ? bytes(of: first) : UnsafeBufferPointer(start: nil, count: 0)
    if tokens[period - 1].kind == .number && wordStart == period - 1 {
      // "1." opening a sentence is an enumerator; elsewhere a number ends sentences normally.
      if atStart && word.count <= 3 { return false }
      return true
    }
    if lexicons.titleAbbreviations.contains(word) { return false }
    if word.count == 1 && isASCIILetter(word[0]) {
      if atStart { return false }
      let upper = word[0] >= 0x41 && word[0] <= 0x5A
      let afterLowercase =
        before.map { tokens[$0].kind == .word && tokens[$0].shape.contains(.lowercase) } ?? false
      if upper && word[0] == UInt8(ascii: "I") { return afterLowercase }
      if upper {
        return afterLowercase && firstIsWord && lexicons.sentenceStarters.contains(firstBytes)
      }
      return firstIsWord && lexicons.sentenceStarters.contains(firstBytes)
    }
    if atStart && Self.romanValue(word) != nil { return false }
    if lexicons.abbreviations.contains(word) || isDottedAcronym(word) {
      if firstIsWord && lexicons.sentenceStarters.contains(firstBytes) { return true }
      let afterNumber = before.map { tokens[$0].kind == .number } ?? false
      return afterNumber && firstIsWord && !lexicons.titleAbbreviations.contains(firstBytes)
    }
    // English style avoids opening a sentence with a numeral other than a year, so a short
    // number after a period most likely continues an abbreviation ("abcf. 123").
    if !beforeListItem && first < tokens.count && tokens[first].kind == .number {
      return tokens[first].utf8End - tokens[first].utf8Start == 4
    }
    return true
  }

  /// The terminator that ends the text before `next`, skipping closing marks and citations.
  private func terminator(before next: Int, sentenceStart: Int) -> Int? {
    var index = next - 1
    var steps = 0
    while index >= sentenceStart && steps < 12 {
      steps += 1
      if isTerminator(index) { return index }
      if isByte(index, UInt8(ascii: "]")) {
        // A citation ("[12]", "[3, 4]") is skipped; an omission mark ("[...]") is no end.
        var inner = index - 1
        var numbers = 0
        var dots = 0
        while inner > sentenceStart && inner > index - 8 {
          if tokens[inner].kind == .number {
            numbers += 1
          } else if isByte(inner, UInt8(ascii: ".")) || isEllipsis(inner) {
            dots += 1
          } else if !isByte(inner, UInt8(ascii: ",")) {
            break
          }
          inner -= 1
        }
        // NB: `inner` is -1 when the bracket is the text's first token (found by fuzzing).
        if inner >= 0, isByte(inner, UInt8(ascii: "[")) {
          if dots > 0 { return nil }
          if numbers > 0 {
            index = inner - 1
            continue
          }
        }
      }
      guard isClosing(index) else { return nil }
      index -= 1
    }
    return nil
  }

  // MARK: - Lists

  /// A list item label at the start of a sentence ("1.", "b)", "(iv)", "• 9.").
  struct ListMarker {
    /// The label's text bytes range (without brackets and delimiter).
    var label: Range<Int>
    /// Last token of the marker.
    var end: Int
    /// The bullet token that opened the item, if any.
    var bullet: Int?
    var delimiter: UInt8
    var bracketed: Bool
    var utf8: UnsafeBufferPointer<UInt8>

    /// Whether `other` is the next label of the same list.
    func continues(_ previous: ListMarker) -> Bool {
      guard delimiter == previous.delimiter, bracketed == previous.bracketed else { return false }
      let mine = UnsafeBufferPointer(rebasing: utf8[label])
      let theirs = UnsafeBufferPointer(rebasing: utf8[previous.label])
      if let a = SentenceRepair.number(mine), let b = SentenceRepair.number(theirs), a == b + 1 {
        return true
      }
      if mine.count == 1 && theirs.count == 1 && mine[0] == theirs[0] + 1 { return true }
      if let a = SentenceRepair.romanValue(mine), let b = SentenceRepair.romanValue(theirs),
        a == b + 1
      {
        return true
      }
      return false
    }
  }

  private func listMarker(atSentenceStart start: Int) -> ListMarker? {
    if isBullet(start) {
      var marker = start + 1 < tokens.count ? parseMarker(at: start + 1) : nil
      if marker == nil {
        return ListMarker(
          label: 0..<0, end: start, bullet: start, delimiter: 0, bracketed: false, utf8: utf8)
      }
      marker?.bullet = start
      return marker
    }
    return parseMarker(at: start)
  }

  /// Parses an enumerator at `index`: `(x)`, `[x]`, `x)`, `x.`, `x.)` where x is a number of up
  /// to three digits, one letter or a roman numeral, followed by whitespace.
  private func parseMarker(at index: Int) -> ListMarker? {
    var position = index
    var bracketed = false
    if position < tokens.count
      && (isByte(position, UInt8(ascii: "(")) || isByte(position, UInt8(ascii: "[")))
    {
      bracketed = true
      position += 1
      guard position < tokens.count, !hasGap(before: position) else { return nil }
    }
    guard position < tokens.count else { return nil }
    let labelRange = tokens[position].utf8Range
    let label = UnsafeBufferPointer(rebasing: utf8[labelRange])
    let isLabel =
      (tokens[position].kind == .number && label.count <= 3 && Self.number(label) != nil)
      || (label.count == 1 && isASCIILetter(label[0])) || Self.romanValue(label) != nil
    guard isLabel else { return nil }
    position += 1
    guard position < tokens.count, !hasGap(before: position) else { return nil }
    var delimiter: UInt8
    if isByte(position, UInt8(ascii: ")")) || isByte(position, UInt8(ascii: "]")) {
      delimiter = UInt8(ascii: ")")
    } else if isByte(position, UInt8(ascii: ".")) && !bracketed {
      delimiter = UInt8(ascii: ".")
      if position + 1 < tokens.count && !hasGap(before: position + 1)
        && isByte(position + 1, UInt8(ascii: ")"))
      {
        position += 1
        delimiter = UInt8(ascii: "&")
      }
    } else {
      return nil
    }
    guard position + 1 < tokens.count, hasGap(before: position + 1) else { return nil }
    return ListMarker(
      label: labelRange, end: position, bullet: nil, delimiter: delimiter,
      bracketed: bracketed, utf8: utf8)
  }

  static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 3 else { return nil }
    var value = 0
    for byte in bytes {
      guard byte >= 0x30 && byte <= 0x39 else { return nil }
      value = value * 10 + Int(byte - 0x30)
    }
    return value
  }

  /// The value of a roman numeral of at most 6 letters, all of one case, else nil.
  static func romanValue(_ bytes: UnsafeBufferPointer<UInt8>) -> Int? {
    guard !bytes.isEmpty, bytes.count <= 6 else { return nil }
    var total = 0
    var previous = 0
    for byte in bytes.reversed() {
      let value: Int
      switch byte | 0x20 {
      case UInt8(ascii: "i"): value = 1
      case UInt8(ascii: "v"): value = 5
      case UInt8(ascii: "x"): value = 10
      case UInt8(ascii: "l"): value = 50
      case UInt8(ascii: "c"): value = 100
      default: return nil
      }
      if (byte & 0x20) != (bytes[0] & 0x20) { return nil }
      total += value < previous ? -value : value
      previous = max(previous, value)
    }
    return total > 0 ? total : nil
  }

  // MARK: - Enclosures

  /// The tokens whose boundary just before them lies inside a short parenthesis or quotation
  /// (closed in the same paragraph), as sorted, disjoint ranges of token indices.
  ///
  /// NB: ranges rather than a count for every token: there are few, and `boundaries` asks
  /// about the tokens in order.
  private func enclosedTokens(paragraphs: [Range<Int>]) -> [ClosedRange<Int>] {
    var enclosures: [ClosedRange<Int>] = []
    var stack: [(index: Int, kind: UInt8)] = []
    var paragraph = 0
    // NB: only the marks and brackets can open or close an enclosure, so the loop visits the
    // quotation marks' list and the bracket tokens (found by a byte scan of the text, see
    // `bracketToken(from:)`) in token order, rather than reading every token for their kind.
    var markCursor = 0
    var mark = quoteMarkToken(after: &markCursor)
    var bracket = bracketToken(from: 0)
    while true {
      let index: Int
      if mark < bracket {
        index = mark
        mark = quoteMarkToken(after: &markCursor)
      } else if bracket < tokens.count {
        index = bracket
        bracket = bracketToken(from: bracket + 1)
      } else {
        break
      }
      let token = tokens[index]
      let start = Int(token.utf8Start)
      // NB: paragraphs are followed at marks only (the stack changes nowhere else): the mark
      // opens its paragraph when the token before it lies in an earlier one.
      var newParagraph = false
      if paragraph < paragraphs.count && paragraphs[paragraph].upperBound <= start {
        repeat {
          paragraph += 1
        } while paragraph < paragraphs.count && paragraphs[paragraph].upperBound <= start
        stack.removeAll(keepingCapacity: true)
        newParagraph =
          index == 0 || Int(tokens[index - 1].utf8Start) < paragraphs[paragraph - 1].upperBound
      }
      let first = utf8[start]
      let gapBefore = index == 0 || newParagraph || hasGap(before: index)
      let gapAfter = index + 1 >= tokens.count || hasGap(before: index + 1)
      var opens: UInt8 = 0
      var closes: UInt8 = 0
      switch first {
      case UInt8(ascii: "("): opens = 1
      case UInt8(ascii: "["): opens = 2
      case UInt8(ascii: ")"): closes = 1
      case UInt8(ascii: "]"): closes = 2
      case UInt8(ascii: "\""):
        if gapBefore && !gapAfter { opens = 3 } else if !gapBefore { closes = 3 }
      case UInt8(ascii: "'"):
        if gapBefore && !gapAfter { opens = 4 } else if !gapBefore { closes = 4 }
      case 0xE2 where token.utf8End - token.utf8Start == 3 && utf8[start + 1] == 0x80:
        switch utf8[start + 2] {
        case 0x9C: opens = 5  // “
        case 0x9D: closes = 5  // ”
        case 0x98: opens = 6  // ‘
        case 0x99: closes = 6  // ’
        default: break
        }
      case 0xC2 where token.utf8End - token.utf8Start == 2:
        if utf8[start + 1] == 0xAB { opens = 7 }  // «
        if utf8[start + 1] == 0xBB { closes = 7 }  // »
      default: break
      }
      if closes != 0 {
        var level = stack.count - 1
        let lowest = max(0, stack.count - 4)
        while level >= lowest && stack[level].kind != closes { level -= 1 }
        if level >= lowest {
          let open = stack[level].index
          stack.removeSubrange(level...)
          let limit = closes <= 2 ? Self.maxEnclosedParenthesis : Self.maxEnclosedQuotation
          if index - open <= limit { enclosures.append((open + 1)...index) }
          continue
        }
      }
      if opens != 0 { stack.append((index, opens)) }
    }
    // Found in the order they close (inner ones first): sorted by start, then merged.
    enclosures.stableSort { $0.lowerBound < $1.lowerBound }
    var merged: [ClosedRange<Int>] = []
    merged.reserveCapacity(enclosures.count)
    for range in enclosures {
      if let last = merged.last, range.lowerBound <= last.upperBound + 1 {
        merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
      } else {
        merged.append(range)
      }
    }
    return merged
  }

  /// The next `.quoteMark` token, or the end index: from the marks' list (`cursor` counts
  /// the marks taken) or, without one, from the tokens (`cursor` is the token to look from).
  private func quoteMarkToken(after cursor: inout Int) -> Int {
    if let quoteMarks {
      guard cursor < quoteMarks.count else { return tokens.count }
      cursor += 1
      return Int(quoteMarks[cursor - 1].token)
    }
    while cursor < tokens.count && tokens[cursor].kind != .quoteMark { cursor += 1 }
    guard cursor < tokens.count else { return tokens.count }
    cursor += 1
    return cursor - 1
  }

  /// The first punctuation token from `token` on that starts with a round or square bracket,
  /// or the end index.
  private func bracketToken(from token: Int) -> Int {
    var token = token
    guard token < tokens.count else { return token }
    var byte = Int(tokens[token].utf8Start)
    while true {
      byte = ByteScan.bracket(in: utf8, from: byte)
      guard byte < utf8.count else { return tokens.count }
      // NB: a bracket is not whitespace, so some token holds its byte: the bracket token when
      // it starts there.
      token = Token.index(holding: byte, in: tokens, notBefore: token)
      if Int(tokens[token].utf8Start) == byte && tokens[token].kind == .punctuation {
        return token
      }
      byte += 1
    }
  }

  // MARK: - Token tests

  @inline(__always)
  private func hasGap(before index: Int) -> Bool {
    index == 0 || tokens[index - 1].utf8End < tokens[index].utf8Start
  }

  @inline(__always)
  private func isByte(_ index: Int, _ byte: UInt8) -> Bool {
    let token = tokens[index]
    return token.utf8End - token.utf8Start == 1 && utf8[Int(token.utf8Start)] == byte
  }

  private func bytes(of index: Int) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(rebasing: utf8[tokens[index].utf8Range])
  }

  private func sameBytes(_ a: Int, _ b: Int) -> Bool {
    bytes(of: a).elementsEqual(bytes(of: b))
  }

  private func isASCIILetter(_ byte: UInt8) -> Bool {
    (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A
  }

  private func isWordLike(_ index: Int) -> Bool {
    let kind = tokens[index].kind
    return kind == .word || kind == .number || kind == .symbol
  }

  private func isEllipsis(_ index: Int) -> Bool {
    let range = tokens[index].utf8Range
    return range.count == 3 && utf8[range.lowerBound] == 0xE2 && utf8[range.lowerBound + 1] == 0x80
      && utf8[range.lowerBound + 2] == 0xA6
  }

  /// `.`, `!`, `?`, `…`, or a non-ASCII sentence terminal (。, ！, ؟, ।).
  private func isTerminator(_ index: Int) -> Bool {
    let token = tokens[index]
    guard token.kind == .punctuation else { return false }
    let first = utf8[Int(token.utf8Start)]
    if first < 0x80 {
      return token.utf8End - token.utf8Start == 1
        && (first == UInt8(ascii: ".") || first == UInt8(ascii: "!") || first == UInt8(ascii: "?"))
    }
    if isEllipsis(index) { return true }
    return firstScalar(index).properties.isSentenceTerminal
  }

  /// A terminator of a script written without spaces (。), which may end a sentence unspaced.
  private func isWideTerminator(_ index: Int) -> Bool {
    let token = tokens[index]
    return token.kind == .punctuation && utf8[Int(token.utf8Start)] >= 0x80 && !isEllipsis(index)
      && firstScalar(index).properties.isSentenceTerminal
  }

  private func firstScalar(_ index: Int) -> Unicode.Scalar {
    var iterator = utf8[tokens[index].utf8Range].makeIterator()
    var decoder = UTF8()
    if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
    return "\u{FFFD}"
  }

  /// A mark that can close a sentence's last phrase: `)`, `]`, `}`, or a closing quotation mark.
  private func isClosing(_ index: Int) -> Bool {
    let token = tokens[index]
    if token.kind == .quoteMark {
      let first = utf8[Int(token.utf8Start)]
      if first == UInt8(ascii: "\"") || first == UInt8(ascii: "'") || first == UInt8(ascii: "`") {
        return !hasGap(before: index)
      }
      let scalar = firstScalar(index)
      return scalar == "\u{201D}" || scalar == "\u{2019}" || scalar == "\u{00BB}"
        || scalar == "\u{203A}" || scalar == "\u{300D}" || scalar == "\u{300F}"
    }
    return isByte(index, UInt8(ascii: ")")) || isByte(index, UInt8(ascii: "]"))
      || isByte(index, UInt8(ascii: "}"))
  }

  /// An opening mark a sentence may start with: `(`, `[`, or a quotation mark.
  private func isOpening(_ index: Int) -> Bool {
    tokens[index].kind == .quoteMark || isByte(index, UInt8(ascii: "("))
      || isByte(index, UInt8(ascii: "[")) || isByte(index, UInt8(ascii: "{"))
  }

  /// A dash: `-`, `–` or `—` (a run of hyphens is one token each).
  private func isDash(_ index: Int) -> Bool {
    let range = tokens[index].utf8Range
    if range.count == 1 { return utf8[range.lowerBound] == UInt8(ascii: "-") }
    return range.count == 3 && utf8[range.lowerBound] == 0xE2 && utf8[range.lowerBound + 1] == 0x80
      && (utf8[range.lowerBound + 2] == 0x93 || utf8[range.lowerBound + 2] == 0x94)
  }

  /// A list bullet: •, ‣, ⁃, ◦, ▪.
  private func isBullet(_ index: Int) -> Bool {
    let range = tokens[index].utf8Range
    guard range.count == 3 else { return false }
    let scalar = firstScalar(index)
    return scalar == "\u{2022}" || scalar == "\u{2023}" || scalar == "\u{2043}"
      || scalar == "\u{25E6}" || scalar == "\u{25AA}"
  }

  /// The first token after `index` that is not an opening mark.
  private func firstWord(from index: Int) -> Int {
    var first = index
    var steps = 0
    while first < tokens.count && steps < 4 && (isOpening(first) || isDash(first)) {
      first += 1
      steps += 1
    }
    return first
  }

  /// Whether only opening marks or a bullet lie between the sentence start and `index`.
  private func isSentenceOpening(_ index: Int, sentenceStart: Int) -> Bool {
    var probe = sentenceStart
    while probe < index && (isOpening(probe) || isBullet(probe)) { probe += 1 }
    return probe == index
  }

  /// "U.S", "e.g", "Ph.D": letters in groups of at most two, joined by periods.
  private func isDottedAcronym(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
    var run = 0
    var dots = 0
    for byte in word {
      if byte == UInt8(ascii: ".") {
        guard run > 0 else { return false }
        dots += 1
        run = 0
      } else if isASCIILetter(byte) {
        run += 1
        if run > 2 { return false }
      } else {
        return false
      }
    }
    return dots > 0 && run > 0
  }
}
