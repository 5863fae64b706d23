/// Finds dash dialogue: a paragraph that opens with an em dash (— ¿Vienes?, as Spanish and
/// French fiction print speech) or two hyphens (--Goodbye, as some English novels do).
///
/// The speech runs to the end of the paragraph, or to a dash with a space before it, where the
/// narrator's words begin (— Ven aquí —dijo él—. Siéntate.); after the narrator's closing dash,
/// the speech resumes.
enum DashDialogue {
  /// Calls `report` with each dash-dialogue span of the paragraph.
  /// - Complexity: O(tokens of the paragraph).
  static func scan(paragraph index: Int, in document: Document, report: (FoundSpan) -> Void) {
    // NB: through buffers: each read of `document.tokens` or `document.utf8` in the per-token
    // helpers retained and released the array, the most of a dash paragraph's cost.
    document.tokens.withUnsafeBufferPointer { tokens in
      document.utf8.withUnsafeBufferPointer { utf8 in
        scan(
          paragraph: document.paragraphs[index], index: index, tokens: tokens, utf8: utf8,
          report: report)
      }
    }
  }

  private static func scan(
    paragraph: TextRange, index: Int, tokens: UnsafeBufferPointer<Token>,
    utf8: UnsafeBufferPointer<UInt8>, report: (FoundSpan) -> Void
  ) {
    guard !paragraph.tokens.isEmpty,
      let first = dashLength(at: paragraph.tokens.lowerBound, tokens: tokens, utf8: utf8)
    else { return }
    var token = paragraph.tokens.lowerBound + first.tokens
    var openMark = Int(tokens[paragraph.tokens.lowerBound].utf8Start)..<first.utf8End
    var openToken = paragraph.tokens.lowerBound
    var speaking = true
    var speechStart = token
    func emit(until end: Int, closeMark: Range<Int>?, closeToken: Int?) {
      // Leading punctuation after a narrator's dash (—. Siéntate) is not speech.
      var start = speechStart
      while start < end && tokens[start].kind == .punctuation { start += 1 }
      guard start < end, tokens[start..<end].contains(where: { $0.kind == .word }) else { return }
      let content = Int(tokens[start].utf8Start)..<Int(tokens[end - 1].utf8End)
      report(
        FoundSpan(
          span: QuotedSpan(
            content: content, openMark: openMark, closeMark: closeMark,
            paragraphs: index...index, kind: .dashDialogue, isClosed: true),
          openToken: openToken, closeToken: closeToken))
    }
    while token < paragraph.tokens.upperBound {
      if speaking,
        let resume = narratorClause(after: token, in: paragraph, tokens: tokens, utf8: utf8)
      {
        emit(until: token + 1, closeMark: nil, closeToken: nil)
        speechStart = resume
        let resumeOffset =
          resume < paragraph.tokens.upperBound ? Int(tokens[resume].utf8Start) : paragraph.utf8End
        openMark = resumeOffset..<resumeOffset
        openToken = resume - 1
        token = resume
        continue
      }
      guard let dash = dashLength(at: token, tokens: tokens, utf8: utf8) else {
        token += 1
        continue
      }
      let dashRange = Int(tokens[token].utf8Start)..<dash.utf8End
      if speaking && !tokens[token].shape.contains(.attachedBefore) {
        emit(until: token, closeMark: dashRange, closeToken: token)
        speaking = false
      } else if !speaking {
        speaking = true
        speechStart = token + dash.tokens
        openMark = dashRange
        openToken = token
      }
      token += dash.tokens
    }
    if speaking { emit(until: paragraph.tokens.upperBound, closeMark: nil, closeToken: nil) }
  }

  static let narratorVerbs = WordList(resource: PackageResources.dash_dialogue_verbs_txt)

  /// When the token is a comma or end mark followed by a narrator's clause (he said sternly.),
  /// the token where the speech resumes after the clause; nil otherwise.
  private static func narratorClause(
    after token: Int, in paragraph: TextRange, tokens: UnsafeBufferPointer<Token>,
    utf8: UnsafeBufferPointer<UInt8>
  ) -> Int? {
    guard tokens[token].kind == .punctuation, isClauseEnd(token, tokens: tokens, utf8: utf8)
    else { return nil }
    var next = token + 1
    var words = 0
    var sawVerb = false
    while next < paragraph.tokens.upperBound && words < 3 && tokens[next].kind == .word {
      if tokens[next].utf8End - tokens[next].utf8Start <= 12
        && narratorVerbs.contains(tokens[next].utf8Range, in: utf8)
      {
        sawVerb = true
        break
      }
      words += 1
      next += 1
    }
    guard sawVerb else { return nil }
    // The clause runs to its comma or end mark; the speech resumes after it.
    while next < paragraph.tokens.upperBound
      && !(tokens[next].kind == .punctuation && isClauseEnd(next, tokens: tokens, utf8: utf8))
    {
      next += 1
    }
    return min(next + 1, paragraph.tokens.upperBound)
  }

  private static func isClauseEnd(
    _ token: Int, tokens: UnsafeBufferPointer<Token>, utf8: UnsafeBufferPointer<UInt8>
  ) -> Bool {
    switch utf8[Int(tokens[token].utf8Start)] {
    case UInt8(ascii: ","), UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"),
      UInt8(ascii: ";"):
      return true
    default:
      return false
    }
  }

  /// The dash at a token (— or ―, or two or three hyphens in a row): how many tokens it takes
  /// and where it ends; nil when the token is no such dash.
  private static func dashLength(
    at token: Int, tokens: UnsafeBufferPointer<Token>, utf8: UnsafeBufferPointer<UInt8>
  ) -> (tokens: Int, utf8End: Int)? {
    let start = Int(tokens[token].utf8Start)
    let end = Int(tokens[token].utf8End)
    guard tokens[token].kind == .punctuation else { return nil }
    if end - start == 3 && utf8[start] == 0xE2 && utf8[start + 1] == 0x80
      && (utf8[start + 2] == 0x94 || utf8[start + 2] == 0x95)
    {
      return (1, end)
    }
    guard utf8[start] == UInt8(ascii: "-") else { return nil }
    // Hyphens may come as one token or one token each.
    var last = token
    var stop = end
    while stop < utf8.count && utf8[stop] == UInt8(ascii: "-") {
      stop += 1
    }
    guard stop - start >= 2 else { return nil }
    while last + 1 < tokens.count && Int(tokens[last + 1].utf8Start) < stop { last += 1 }
    return (last - token + 1, stop)
  }
}
