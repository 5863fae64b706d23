import Testing

@testable import QuoteExtraction

/// The narration's name mentions, some of them copied from an earlier analysis of the same
/// spelling.
struct NarrationNamesTests {
  /// Every mention the scan returns is the one a fresh analysis of its tokens gives, whether
  /// it was analysed or copied from an earlier occurrence (same word, other case, possessive,
  /// an initial).
  @Test func copiedAnalysesMatchFreshOnes() throws {
    let text = """
      Emily walked to the window. Later that day Emily's aunt found Emily reading, and \
      Valancourt came in. Valancourt's horse waited while Emily and Mr. Quesnel talked. \
      "Emily," said the aunt. Then Emily left, and Valancourt followed Emily. He bowed; \
      she smiled. Montoni watched. Montoni's men saw Montoni leave with George W. Bush and \
      Emily. EMILY was written on the door, and emily on the floor, and Montoni again.
      """
    let document = try Document(text: text)
    let analyzer = MentionAnalyzer(document: document, lexicons: .shared)
    let names = NarrationNames(
      analyzer: analyzer, insideQuote: [Bool](repeating: false, count: document.tokens.count),
      quotedRuns: [])
    var articles: [Int32] = []
    let mentions = names.scan(known: ByteLexicon<Void>(), findsArticles: false, articles: &articles)
    let fresh = MentionAnalyzer(document: document, lexicons: .shared)
    var repeated = 0
    var seen: Set<String> = []
    for mention in mentions {
      let spelling = document.text(of: mention.tokens.lowerBound)
      if mention.tokens.count == 1, !seen.insert(spelling).inserted { repeated += 1 }
      let expected = try #require(fresh.analyze(tokens: mention.tokens))
      #expect(mention.tokens == expected.tokens)
      #expect(mention.utf8Range == expected.utf8Range)
      #expect(mention.kind == expected.kind)
      #expect(mention.nameTokens == expected.nameTokens)
      #expect(mention.honorific == expected.honorific)
      #expect(
        analyzer.words.last(mention.honorificWord) == fresh.words.last(expected.honorificWord))
      #expect(mention.gender == expected.gender)
      #expect(mention.isPlural == expected.isPlural)
      #expect(analyzer.words.words(mention.nameWords) == fresh.words.words(expected.nameWords))
      #expect(analyzer.words.words(mention.roles) == fresh.words.words(expected.roles))
      #expect(mention.isDefinite == expected.isDefinite)
      #expect(
        analyzer.words.last(mention.displayName) == fresh.words.last(expected.displayName),
        "\(spelling)")
    }
    // The text names Emily, Valancourt and Montoni several times each.
    #expect(repeated >= 6)
  }
}

/// A middle initial that is also a word of its own ("O", "A") is part of the name in fiction
/// (here at the start of a wrapped line, as in a book's text).
@Test func fictionNameKeepsAMiddleInitialThatIsAlsoAWord() throws {
  let names = try fictionSpeakers(
    """
    It began on a grey morning in May. There were two of us in the boat, Walter
    O. Pembroke and I, and neither of us had rowed since we were boys at school.

    “Row faster,” said Walter.

    “I am rowing,” I said.
    """)
  #expect(names.first == "Walter O. Pembroke")
}
