/// Tells a quoted term or title from quoted speech, from what the text shows: the span's
/// length, capitalisation and punctuation, and the word before it (called, dubbed, titled…,
/// from `Resources/quote-term-cues.txt` and `quote-title-cues.txt`).
///
/// Advisory only: every span is kept, and attribution decides what to do with terms.
struct QuoteKindClassifier {
  /// The document's paragraphs, tokens and bytes (the scanner's buffers, valid while it scans).
  let paragraphs: UnsafeBufferPointer<TextRange>
  let tokens: UnsafeBufferPointer<Token>
  let utf8: UnsafeBufferPointer<UInt8>

  /// The most words a term or title may have.
  static let maximumWords = 12

  static let termCues = WordList(resource: PackageResources.quote_term_cues_txt)
  static let titleCues = WordList(resource: PackageResources.quote_title_cues_txt)
  /// Both lists in one: most words before a quotation are no cue, and one lookup says so.
  static let cues = WordList(
    resource: PackageResources.quote_title_cues_txt + [UInt8(ascii: "\n")]
      + PackageResources.quote_term_cues_txt)

  /// The kind of a closed span whose marks are the tokens `openToken` and `closeToken`, the
  /// opening mark in paragraph `paragraph`.
  ///
  /// NB: the scanner knows the paragraph; looking it up (``Document/paragraph(of:)``) would
  /// read a table the scan touches nowhere else, a cache miss per quotation.
  /// - Complexity: O(1): looks at no more than ``maximumWords`` tokens.
  func kind(openToken: Int, closeToken: Int, paragraph: Int) -> QuotedSpan.Kind {
    guard closeToken > openToken else { return .speech }
    var words = 0
    var firstLowercase = false
    var titleCase = true
    var innerPunctuation = false
    var trailingPunctuation = false
    var token = openToken + 1
    while token < closeToken {
      let current = tokens[token]
      switch current.kind {
      case .word, .number:
        if words == 0 { firstLowercase = current.shape.contains(.lowercase) }
        // Short lower-case words (of, the, and) may stay lower case in a title.
        if current.shape.contains(.lowercase) && current.utf8End - current.utf8Start > 3 {
          titleCase = false
        }
        words += 1
        if words > Self.maximumWords { return .speech }
        // Punctuation between words: speech, whatever follows.
        if trailingPunctuation { return .speech }
        trailingPunctuation = false
      case .punctuation:
        let byte = utf8[Int(current.utf8Start)]
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "?"),
          UInt8(ascii: ";"), UInt8(ascii: ":"):
          if trailingPunctuation {
            if words > 0 { return .speech }
            innerPunctuation = true
          }
          trailingPunctuation = true
        default:
          break
        }
      case .quoteMark, .symbol, .space:
        break
      }
      token += 1
    }
    if words == 0 { return .term }
    if innerPunctuation { return .speech }
    let paragraphTokens = paragraphs[paragraph].tokens
    assert(paragraphTokens.contains(openToken))
    // The word before the opening mark, skipping a hyphen (so-called).
    var previous = openToken - 1
    while previous >= paragraphTokens.lowerBound && tokens[previous].kind == .quoteMark {
      previous -= 1
    }
    let previousIsWord = previous >= paragraphTokens.lowerBound && tokens[previous].kind == .word
    // A cue may stand a few words back: called the plan “…”, the book “…”.
    var cueToken = previous
    while cueToken >= paragraphTokens.lowerBound && cueToken > previous - 3
      && tokens[cueToken].kind == .word
    {
      if tokens[cueToken].utf8End - tokens[cueToken].utf8Start <= 12 {
        let cue = tokens[cueToken].utf8Range
        if Self.cues.contains(cue, in: utf8) {
          if Self.titleCues.contains(cue, in: utf8) { return .title }
          if Self.termCues.contains(cue, in: utf8) {
            return titleCase && words >= 2 && !firstLowercase ? .title : .term
          }
        }
      }
      cueToken -= 1
    }
    if trailingPunctuation { return .speech }
    if firstLowercase && words <= 4 { return .term }
    guard previousIsWord else { return .speech }
    if titleCase && words >= 2 && words <= 8 { return .title }
    // A nickname between two names: Earvin “Magic” Johnson.
    let next = closeToken + 1
    if words <= 2 && next < paragraphTokens.upperBound && tokens[next].kind == .word
      && tokens[next].shape.contains(.capitalized)
    {
      return .term
    }
    return .speech
  }
}
