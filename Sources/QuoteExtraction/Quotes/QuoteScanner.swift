/// Finds quoted spans in a document.
///
/// NB: a first version: pairs straight and curly double quotation marks within a paragraph.
struct QuoteScanner {
  let document: Document

  struct Scan {
    var quotes: [QuotedSpan] = []
    var diagnostics: [Diagnostic] = []
  }

  func scan() -> Scan {
    var scan = Scan()
    let utf8 = document.utf8
    for (paragraphIndex, paragraph) in document.paragraphs.enumerated() {
      var open: Range<Int>? = nil
      for tokenIndex in paragraph.tokens where document.tokens[tokenIndex].kind == .quoteMark {
        let token = document.tokens[tokenIndex]
        let first = utf8[token.utf8Range.lowerBound]
        let isDouble =
          first == 0x22 || document.text(token.utf8Range) == "“"
          || document.text(token.utf8Range) == "”"
        guard isDouble else { continue }
        if let opening = open {
          scan.quotes.append(
            QuotedSpan(
              content: opening.upperBound..<token.utf8Range.lowerBound, openMark: opening,
              closeMark: token.utf8Range, paragraphs: paragraphIndex...paragraphIndex))
          open = nil
        } else {
          open = token.utf8Range
        }
      }
      if let opening = open {
        scan.diagnostics.append(
          Diagnostic(
            code: "unclosed-quote", message: "quotation mark not closed in its paragraph",
            utf8Offset: opening.lowerBound))
      }
    }
    return scan
  }
}
