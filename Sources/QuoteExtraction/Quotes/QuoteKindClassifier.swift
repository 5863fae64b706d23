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
  /// - Complexity: O(1): looks at no more than ``maximumWords`` words.
  func kind(openToken: Int, closeToken: Int, paragraph: Int) -> QuotedSpan.Kind {
    guard closeToken > openToken else { return .speech }
    let inside = inside(openToken + 1..<closeToken).inside
    // The words alone may decide: no need to read around the marks.
    if inside.speech || inside.words == 0 || inside.innerPunctuation {
      return Self.kind(inside: inside, before: Before(), nicknameAfter: false)
    }
    let paragraphTokens = paragraphs[paragraph].tokens
    assert(paragraphTokens.contains(openToken))
    return Self.kind(
      inside: inside, before: before(openToken, paragraphStart: paragraphTokens.lowerBound),
      nicknameAfter: nicknameAfter(closeToken, paragraphEnd: paragraphTokens.upperBound))
  }

  /// What the classifier reads in a quotation's words: all it needs of them.
  struct Inside: Equatable {
    /// Speech for certain, whatever else the quotation holds (too many words, or punctuation
    /// between words); the other fields are then unset.
    var speech = false
    var words = 0
    var firstLowercase = false
    var titleCase = true
    var innerPunctuation = false
    var trailingPunctuation = false
  }

  /// What the classifier reads before an opening mark: whether a word stands there (skipping
  /// marks), and the first cue of the few words before it, if any.
  struct Before: Equatable {
    enum Cue: UInt8 { case none, term, title }
    var previousIsWord = false
    var cue = Cue.none
  }

  /// What the classifier reads in the tokens `range` (those between a span's marks), read on
  /// from `state` (what it read in the tokens before them), and the token at which the words
  /// made the span speech, if they did.
  func inside(_ range: Range<Int>, after state: Inside = Inside()) -> (
    inside: Inside, speechAt: Int?
  ) {
    var inside = state
    for token in range {
      let current = tokens[token]
      switch current.kind {
      case .word, .number:
        if inside.words == 0 { inside.firstLowercase = current.shape.contains(.lowercase) }
        // Short lower-case words (of, the, and) may stay lower case in a title.
        if current.shape.contains(.lowercase) && current.utf8End - current.utf8Start > 3 {
          inside.titleCase = false
        }
        inside.words += 1
        // Too many words, or punctuation between words: speech, whatever follows.
        if inside.words > Self.maximumWords || inside.trailingPunctuation {
          return (Inside(speech: true), token)
        }
      case .punctuation:
        let byte = utf8[Int(current.utf8Start)]
        switch byte {
        case UInt8(ascii: "."), UInt8(ascii: ","), UInt8(ascii: "!"), UInt8(ascii: "?"),
          UInt8(ascii: ";"), UInt8(ascii: ":"):
          if inside.trailingPunctuation {
            if inside.words > 0 { return (Inside(speech: true), token) }
            inside.innerPunctuation = true
          }
          inside.trailingPunctuation = true
        default:
          break
        }
      case .quoteMark, .symbol, .space:
        break
      }
    }
    return (inside, nil)
  }

  /// What the classifier reads before the opening mark `openToken`, whose paragraph's tokens
  /// start at `paragraphStart`.
  func before(_ openToken: Int, paragraphStart: Int) -> Before {
    var before = Before()
    // The word before the opening mark, skipping a hyphen (so-called).
    var previous = openToken - 1
    while previous >= paragraphStart && tokens[previous].kind == .quoteMark {
      previous -= 1
    }
    before.previousIsWord = previous >= paragraphStart && tokens[previous].kind == .word
    // A cue may stand a few words back: called the plan “…”, the book “…”.
    var cueToken = previous
    while cueToken >= paragraphStart && cueToken > previous - 3 && tokens[cueToken].kind == .word {
      if tokens[cueToken].utf8End - tokens[cueToken].utf8Start <= 12 {
        let cue = tokens[cueToken].utf8Range
        if Self.cues.contains(cue, in: utf8) {
          if Self.titleCues.contains(cue, in: utf8) {
            before.cue = .title
            return before
          }
          if Self.termCues.contains(cue, in: utf8) {
            before.cue = .term
            return before
          }
        }
      }
      cueToken -= 1
    }
    return before
  }

  /// Whether a capitalised word follows the closing mark `closeToken` in its paragraph, whose
  /// tokens end at `paragraphEnd` (a nickname between two names: Earvin “Magic” Johnson).
  func nicknameAfter(_ closeToken: Int, paragraphEnd: Int) -> Bool {
    let next = closeToken + 1
    return next < paragraphEnd && tokens[next].kind == .word
      && tokens[next].shape.contains(.capitalized)
  }

  /// The kind of a span from what the classifier read inside it, before it and after it.
  static func kind(inside: Inside, before: Before, nicknameAfter: Bool) -> QuotedSpan.Kind {
    if inside.speech { return .speech }
    if inside.words == 0 { return .term }
    if inside.innerPunctuation { return .speech }
    switch before.cue {
    case .title: return .title
    case .term:
      return inside.titleCase && inside.words >= 2 && !inside.firstLowercase ? .title : .term
    case .none: break
    }
    if inside.trailingPunctuation { return .speech }
    if inside.firstLowercase && inside.words <= 4 { return .term }
    guard before.previousIsWord else { return .speech }
    if inside.titleCase && inside.words >= 2 && inside.words <= 8 { return .title }
    if inside.words <= 2 && nicknameAfter { return .term }
    return .speech
  }
}
