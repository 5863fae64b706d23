import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// The marks' list (``Document/quoteMarkTokens``) says what the scanner would read in the
/// tokens and bytes around each mark: the scanner reads the list instead.
struct QuoteMarkTokenTests {
  /// Hard cases for the list: elisions (’n’, ’90s), spaced guillemets, marks in runs, marks at
  /// the edges of paragraphs and of the text, titles, terms and nicknames.
  static let texts = [
    "“Hello,” she said. ‘Tis the season for rock ’n’ roll, and the ’90s were “great.”",
    "« Bonjour », dit-il. « Ça va ? »\n\n»Ja« «Oui»",
    "He called it the \"Big Plan\" and Earvin “Magic” Johnson agreed.\n\"",
    "'Jones' cow,' he said, \"'twas 'em.\"\n\n“‘Nested’ marks”\n“",
    "She read “One Hundred Years of Solitude” and the so-called “safe third country” list.",
    "\"\"\"\n''Quoted'' and ``LaTeX'' marks \"é\u{301}\" x\u{301}\"y\" “\u{301}",
  ]

  @Test(arguments: texts)
  func recordsAnswerAsTheTokensDo(text: String) throws {
    try Self.check(Document(text: text))
  }

  @Test(
    .enabled(
      if: Fixtures.shared != nil,
      "../shared is absent: the corpora live there and are not copied here"))
  func recordsAnswerAsTheTokensDoOnEveryCorpus() {
    #expect(DocumentModelTests.documents.count > 100)
    for (_, document) in DocumentModelTests.documents { Self.check(document) }
  }

  static func check(_ document: Document, sourceLocation: SourceLocation = #_sourceLocation) {
    document.utf8.withUnsafeBufferPointer { utf8 in
      document.tokens.withUnsafeBufferPointer { tokens in
        document.paragraphs.withUnsafeBufferPointer { paragraphs in
          check(document, utf8: utf8, tokens: tokens, paragraphs: paragraphs, sourceLocation)
        }
      }
    }
  }

  private static func check(
    _ document: Document, utf8: UnsafeBufferPointer<UInt8>, tokens: UnsafeBufferPointer<Token>,
    paragraphs: UnsafeBufferPointer<TextRange>, _ sourceLocation: SourceLocation
  ) {
    let marks = document.quoteMarkTokens
    let classifier = QuoteKindClassifier(paragraphs: paragraphs, tokens: tokens, utf8: utf8)
    for (index, mark) in marks.enumerated() {
      let token = Int(mark.token)
      let paragraphIndex = document.paragraph(of: token)
      let paragraph = paragraphs[paragraphIndex]
      let start = Int(tokens[token].utf8Start)
      let end = Int(tokens[token].utf8End)
      #expect(Int(mark.utf8Start) == start, sourceLocation: sourceLocation)
      #expect(Int(mark.utf8End) == end, sourceLocation: sourceLocation)
      #expect(
        mark.attachedBefore == tokens[token].shape.contains(.attachedBefore),
        sourceLocation: sourceLocation)
      let (scalar, length) = decodeScalar(utf8, at: start, limit: end)
      #expect(mark.scalar == (length == end - start ? scalar : nil), sourceLocation: sourceLocation)
      // The classes within the paragraph, as the scanner reads them.
      #expect(
        mark.left == CharacterClass(before: start, in: utf8, limit: paragraph.utf8Start),
        sourceLocation: sourceLocation)
      #expect(
        mark.right == CharacterClass(after: end, in: utf8, limit: paragraph.utf8End),
        sourceLocation: sourceLocation)
      #expect(
        mark.visibleBefore == (start > 0 && utf8[start - 1] &- 0x21 < 0x5F),
        sourceLocation: sourceLocation)
      #expect(
        mark.visibleAfter == (end < utf8.count && utf8[end] &- 0x21 < 0x5F),
        sourceLocation: sourceLocation)
      #expect(
        mark.nicknameAfter
          == classifier.nicknameAfter(token, paragraphEnd: paragraph.tokens.upperBound),
        sourceLocation: sourceLocation)
      if let elision = mark.elision {
        #expect(
          elision
            == QuoteScanner.elision(
              after: token, paragraphEnd: paragraph.tokens.upperBound, tokens: tokens,
              utf8: utf8, elisions: QuoteMarks.shared.elisions),
          sourceLocation: sourceLocation)
      }
      // A mark that can open (no space after it) has its opening side recorded, and a
      // quotation it opens and the next mark closes is judged as the classifier judges it.
      if mark.right != .space {
        #expect(mark.opening != nil, sourceLocation: sourceLocation)
      }
      // The words make a quotation speech at the recorded token, not before.
      if let speechAt = mark.opening?.speechAt {
        #expect(
          classifier.inside(token + 1..<speechAt + 1).inside.speech
            && !classifier.inside(token + 1..<speechAt).inside.speech,
          sourceLocation: sourceLocation)
      }
      guard let opening = mark.opening, index + 1 < marks.count,
        document.paragraph(of: Int(marks[index + 1].token)) == paragraphIndex
      else { continue }
      let close = marks[index + 1]
      #expect(
        QuoteKindClassifier.kind(
          inside: opening.inside, before: opening.before, nicknameAfter: close.nicknameAfter)
          == classifier.kind(
            openToken: token, closeToken: Int(close.token), paragraph: paragraphIndex),
        sourceLocation: sourceLocation)
    }
  }
}
