import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// A rule context that reads only the tokens near quotation marks (`quotingOnly`, as in
/// fiction) answers as one that reads every token: every token's lexicon bits and packed
/// spelling (those left out looked up when read) are the lexicon table's, and the anchor index
/// lists the same rules at the same tokens when only the rules that quote are listed.
struct RuleContextTests {
  @Test(arguments: ["litbank-dev", "pdnc-dev", "polnear-dev"])
  func quotingOnlyContextAnswersAsAFullOne(_ corpus: String) throws {
    var compared = 0
    var leftOut = 0
    var listed = 0
    var wrong: [String] = []
    let read = try AnchorIndexTests.forEachContext(corpus) { result, full, rules in
      let document = result.document
      let windowed = RuleContext(
        document: document, quotes: result.quotes, rules: rules, quotingOnly: true)
      leftOut += (0..<windowed.tokenCount).count { !windowed.wasScanned($0) }
      // The index first: it reads the pass's anchor candidates before any token is looked up.
      let expected = AnchorIndexTests.listed(
        AnchorIndex(context: full, matcher: PatternMatcher(context: full), quotingOnly: true),
        rules: rules.rules.count)
      let found = AnchorIndexTests.listed(
        AnchorIndex(
          context: windowed, matcher: PatternMatcher(context: windowed), quotingOnly: true),
        rules: rules.rules.count)
      listed += expected.count
      for pair in expected.symmetricDifference(found) {
        wrong.append("\(rules.rules[pair[1]].id) at «\(document.text(of: pair[0]))»")
      }
      let table = rules.lexicons.masksAndWords(of: document)
      for token in 0..<windowed.tokenCount {
        compared += 1
        if windowed.mask(token) != table.masks[token] || windowed.word(token) != table.words[token]
          || full.mask(token) != table.masks[token] || full.word(token) != table.words[token]
        {
          wrong.append("«\(document.text(of: token))»")
        }
      }
    }
    guard read else { return }
    #expect(compared > 0 && leftOut > 0 && listed > 0)
    #expect(wrong.isEmpty, "\(wrong.prefix(10))")
  }

  /// The token at a byte offset searched from a given token on is the one the search over the
  /// whole text finds, from every start: before the answer, at it and past it (where it falls
  /// back to the whole search), at every offset of the text and past its end.
  @Test func searchFromATokenFindsTheTokenTheWholeSearchFinds() throws {
    let document = try QuoteExtractor().segment(
      "“One,” she said — and then, after a while: “two ... three.”\n\nDone.")
    let tokens = document.tokens
    var compared = 0
    for offset in 0...(document.utf8.count + 2) {
      let expected = Token.index(holding: offset, in: tokens)
      for start in 0...tokens.count {
        let found = Token.index(holding: offset, in: tokens, notBefore: start)
        #expect(found == expected, "offset \(offset) from token \(start)")
        compared += 1
      }
    }
    #expect(compared > 100)
  }

  /// The search over the whole text finds the first token that ends after the offset (the
  /// last token past the text's end), as a walk over every token finds it: for texts of 1 to
  /// 40 tokens (every length of the halving steps), at every offset.
  @Test func wholeSearchFindsTheTokenAWalkFinds() throws {
    var compared = 0
    for words in 1...20 {
      let text = (0..<words).map { String(repeating: "w", count: 1 + $0 % 3) }
        .joined(separator: ", ")
      let tokens = try QuoteExtractor().segment(text).tokens
      for offset in 0...(text.utf8.count + 2) {
        let walked = tokens.firstIndex { Int($0.utf8End) > offset } ?? tokens.count - 1
        #expect(Token.index(holding: offset, in: tokens) == walked, "\(words) words, \(offset)")
        compared += 1
      }
    }
    #expect(compared > 500)
  }
}
