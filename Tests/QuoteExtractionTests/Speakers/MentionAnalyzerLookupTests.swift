import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// The shortcuts the speaker resolver takes to find tokens and words agree with the plain
/// definitions they replace.
struct MentionAnalyzerLookupTests {
  /// The tokens that overlap a byte range, by a walk over every token.
  private func overlapping(_ range: Range<Int>, _ document: Document) -> Range<Token.Index> {
    // The first token that ends after the range's start, and the first that starts at or after
    // its end (never before the first).
    let low =
      document.tokens.firstIndex { Int($0.utf8End) > range.lowerBound } ?? document.tokens.count
    let end =
      document.tokens.firstIndex { Int($0.utf8Start) >= range.upperBound }
      ?? document.tokens.count
    return low..<max(low, end)
  }

  /// Checks ``MentionAnalyzer/tokens(in:)`` against the walk for every range between a few
  /// offsets around each token's ends (inside, at and past them, in gaps and past the text).
  private func checkTokenRanges(
    _ document: Document, stride step: Int = 1, sourceLocation: SourceLocation = #_sourceLocation
  ) {
    let analyzer = MentionAnalyzer(document: document, lexicons: .shared)
    var offsets: [Int] = [-1, 0, document.utf8.count, document.utf8.count + 7]
    for index in Swift.stride(from: 0, to: document.tokens.count, by: step) {
      let token = document.tokens[index]
      offsets += [
        Int(token.utf8Start) - 1, Int(token.utf8Start), Int(token.utf8Start) + 1,
        Int(token.utf8End) - 1, Int(token.utf8End), Int(token.utf8End) + 1,
      ]
    }
    offsets = offsets.filter { $0 >= 0 }
    var mismatches = 0
    // Twice: the second time, most answers come from the analyzer's table of recent ranges.
    for _ in 0..<2 {
      for (position, lower) in offsets.enumerated() {
        // Each start with the ends near it and a long range, so that the check stays linear.
        for upper in offsets[position..<min(offsets.count, position + 8)] + [lower + 300]
        where upper >= lower {
          if analyzer.tokens(in: lower..<upper) != overlapping(lower..<upper, document) {
            mismatches += 1
          }
        }
      }
    }
    #expect(mismatches == 0, sourceLocation: sourceLocation)
  }

  @Test func tokenRangesMatchAWalkOverTheTokens() throws {
    let text = """
      “Well,” said Mr. Bennet — who had   waited — “I’m  sure   of it.”

      Naïve café owners’ words, 1,200 of them… and “quoted” ones.\tTabs\tand
      line
      breaks.
      """
    checkTokenRanges(try Document(text: text))
    checkTokenRanges(try Document(text: "a"))
    checkTokenRanges(try Document(text: ""))
    // Long tokens span several blocks of the index.
    checkTokenRanges(try Document(text: String(repeating: "x", count: 500) + " y " + "z"))
  }

  /// Checks ``MentionAnalyzer/tokens(in:guess:)`` against the walk: for every range between a
  /// few offsets around each token's ends, with the right tokens as the guess and with guesses
  /// a token off at either end or both, the answer is the walk's.
  @Test func guessedTokenRangesMatchAWalkOverTheTokens() throws {
    let text = """
      “Well,” said Mr. Bennet — who had   waited — “I’m  sure   of it.”

      “Quoted”, ‘nested’ and “unclosed ones.\tTabs\tand
      breaks.”
      """
    for document in [try Document(text: text), try Document(text: "a"), try Document(text: "")] {
      let analyzer = MentionAnalyzer(document: document, lexicons: .shared)
      var offsets = [0, document.utf8.count]
      for token in document.tokens {
        let start = Int(token.utf8Start)
        let end = Int(token.utf8End)
        offsets += [start - 1, start, start + 1, end - 1, end, end + 1]
      }
      offsets = offsets.filter { $0 >= 0 && $0 <= document.utf8.count }
      var mismatches = 0
      var checked = 0
      for (position, lower) in offsets.enumerated() {
        for upper in offsets[position..<min(offsets.count, position + 8)] where upper >= lower {
          let expected = overlapping(lower..<upper, document)
          for lowerShift in -1...1 {
            for upperShift in -1...1
            where expected.lowerBound + lowerShift <= expected.upperBound + upperShift {
              let guess =
                (expected.lowerBound + lowerShift)..<(expected.upperBound + upperShift)
              checked += 1
              if analyzer.tokens(in: lower..<upper, guess: guess) != expected { mismatches += 1 }
            }
          }
        }
      }
      #expect(mismatches == 0)
      #expect(checked > 0)
    }
  }

  /// Over the corpus documents (when `../shared` is present), every seventeenth token of the
  /// first few.
  @Test func tokenRangesMatchAWalkOverCorpusDocuments() throws {
    for corpus in ["polnear-dev", "litbank-dev"] {
      guard let texts = try Fixtures.corpusTexts(corpus) else { return }
      for text in texts.prefix(4) {
        checkTokenRanges(try Document(text: text), stride: 17)
      }
    }
  }

  /// The vocatives kept by range (see ``MentionAnalyzer/vocatives(in:)``) are those a fresh
  /// analyzer reads, whatever the order the ranges are asked in and however often.
  private func checkVocatives(_ text: String, sourceLocation: SourceLocation = #_sourceLocation)
    throws
  {
    let document = try Document(text: text)
    let quotes = QuoteScanner(document: document).scan().quotes
    let reader = MentionAnalyzer(document: document, lexicons: .shared)
    var ranges = quotes.map { reader.tokens(in: $0.content) }
    // Paragraphs too: long ranges over narration and quotations, with names after commas.
    ranges += document.paragraphs.map { $0.tokens }
    let kept = MentionAnalyzer(document: document, lexicons: .shared)
    var mismatches = 0
    var found = 0
    for range in ranges + ranges.reversed() {
      let fresh = MentionAnalyzer(document: document, lexicons: .shared).vocatives(in: range)
      if kept.vocatives(in: range) != fresh { mismatches += 1 }
      found += fresh.count
    }
    #expect(mismatches == 0, sourceLocation: sourceLocation)
    #expect(found > 0, "no vocative to compare", sourceLocation: sourceLocation)
  }

  @Test func keptVocativesAreTheOnesReadAfresh() throws {
    try checkVocatives(
      """
      “Well, Watson, what do you make of it?” asked Holmes. “Tell me, Mrs. Hudson.”

      “Yes, Mr. Bennet,” said she. “My dear Mr. Bennet, have you heard?” “No, Jane.”
      """)
  }

  /// Over a few fiction documents of the corpora (when `../shared` is present).
  @Test func keptVocativesAreTheOnesReadAfreshInCorpusDocuments() throws {
    guard let texts = try Fixtures.corpusTexts("litbank-dev") else { return }
    for text in texts.prefix(3) { try checkVocatives(text) }
  }

  /// The small table of description words says what the merged lexicon and the roles list
  /// say: a determiner first, else a role's male or female gender, else nothing.
  @Test func descriptionWordsAgreeWithTheLexicons() {
    let lexicons = SpeakerLexicons.shared
    var checked = 0
    lexicons.words.forEach { key, word in
      let expected: DescriptionWord?
      if word.lists.contains(.determiner) {
        expected = .determiner
      } else if word.lists.contains(.role), word.roleGender == .male {
        expected = .male
      } else if word.lists.contains(.role), word.roleGender == .female {
        expected = .female
      } else {
        expected = nil
      }
      #expect(
        lexicons.descriptionWords.value(key) == expected, "\(String(decoding: key, as: UTF8.self))")
      checked += 1
    }
    #expect(checked > 100)
    for word in ["man", "Woman", "THE", "his", "doctor", "house"] {
      let bytes = ArraySlice(word.utf8)
      let fromRoles = lexicons.roles.value(bytes)
      let expected: DescriptionWord? =
        lexicons.determiners.contains(bytes)
        ? .determiner : fromRoles == .male ? .male : fromRoles == .female ? .female : nil
      #expect(lexicons.descriptionWords.value(bytes) == expected, "\(word)")
    }
  }

  /// The articles are told from their bytes, whatever the token's length and place in the text
  /// (the last "a" is read byte by byte, at the text's end).
  @Test func articlesAreToldByTheirBytes() throws {
    let text = "a An the The A THE an. at Then as t the, x thee he a"
    let document = try Document(text: text)
    let articles: Set<String> = ["a", "an", "A", "An", "the", "The"]
    var found = 0
    document.utf8.withUnsafeBufferPointer { utf8 in
      for token in document.tokens where token.utf8End > token.utf8Start {
        let word = String(decoding: utf8[token.utf8Range], as: UTF8.self)
        let key = ShortWords.key(
          utf8, Int(token.utf8Start), token.utf8Range.count)
        let isArticle = NarrationNames.shortWords.classes(key) & NarrationNames.articleClass != 0
        #expect(isArticle == articles.contains(word), "\(word)")
        if isArticle { found += 1 }
      }
    }
    #expect(found == 8)
  }

  /// The first bytes and lengths of the description words let every one of them through, in
  /// either case, and turn other words away.
  @Test func descriptionLengthsLetEveryDescriptionWordThrough() {
    let lexicons = SpeakerLexicons.shared
    func passes(_ bytes: [UInt8]) -> Bool {
      bytes.withUnsafeBufferPointer {
        let (word, bit) = SpeakerLexicons.descriptionLengthBit($0)
        return lexicons.descriptionLengths[word] & bit != 0
      }
    }
    var checked = 0
    lexicons.descriptionWords.forEach { key, _ in
      let word = String(decoding: key, as: UTF8.self)
      #expect(passes(Array(key)), "\(word)")
      // Only ASCII letters fold: the upper-case spellings of the ASCII words.
      if key.allSatisfy({ $0 < 0x80 }) {
        #expect(passes(Array(word.uppercased().utf8)), "\(word)")
        #expect(passes(Array((word.prefix(1).uppercased() + word.dropFirst()).utf8)), "\(word)")
      }
      checked += 1
    }
    #expect(checked > 50)
    #expect(!passes(Array("q".utf8)))
    #expect(!passes(Array("xylophone".utf8)))
  }

  /// The narration scan's short words are the subject pronouns and the articles as spelled
  /// ("I", "he", "He", "she", "She"; "a", "an", "the" and their capitalised spellings), and no
  /// other word of one to four letters, in any case.
  @Test func narrationShortWordsAreTheirSpellingsAlone() {
    let pronouns: Set<String> = ["I", "he", "He", "she", "She"]
    let articles: Set<String> = ["a", "A", "an", "An", "the", "The"]
    let letters = Array("aehinstAEHINST".utf8)
    var words: [[UInt8]] = letters.map { [$0] }
    for _ in 1..<4 { words += words.flatMap { word in letters.map { word + [$0] } } }
    words = Array(Set(words))
    #expect(words.count > 40_000)
    var found = 0
    for word in words {
      // The word at the start of a longer text, and alone (read byte by byte).
      for text in [word + Array(" tail".utf8), word] {
        let classes = text.withUnsafeBufferPointer {
          NarrationNames.shortWords.classes(ShortWords.key($0, 0, word.count))
        }
        let spelling = String(decoding: word, as: UTF8.self)
        let expected: UInt8 =
          pronouns.contains(spelling)
          ? NarrationNames.pronounClass
          : articles.contains(spelling) ? NarrationNames.articleClass : 0
        #expect(classes == expected, "\(spelling)")
        if classes != 0 { found += 1 }
      }
    }
    #expect(found == 2 * (pronouns.count + articles.count))
  }

  /// A token's word without its possessive ending is cut as a byte-by-byte reading cuts it,
  /// for every byte range of a text of possessives, wherever it starts (the text's first
  /// bytes included).
  @Test func wordRangesCutPossessivesAsAByteReadingDoes() {
    let bytes = Array("’s's ’s x’s 's Bob's’s s’ A’s a's’".utf8)
    func expected(_ start: Int, _ end: Int) -> Range<Int> {
      if end - start > 4, Array(bytes[(end - 4)..<end]) == [0xE2, 0x80, 0x99, 0x73] {
        return start..<(end - 4)
      }
      if end - start > 2, bytes[end - 2] == 0x27, bytes[end - 1] == 0x73 {
        return start..<(end - 2)
      }
      return start..<end
    }
    var mismatches = 0
    var cut = 0
    bytes.withUnsafeBufferPointer { utf8 in
      for start in 0..<bytes.count {
        for end in (start + 1)...bytes.count {
          let token = Token(
            utf8Start: Int32(start), utf8End: Int32(end), kind: .word, shape: Token.Shape())
          let range = MentionAnalyzer.wordRange(of: token, in: utf8)
          if range != expected(start, end) { mismatches += 1 }
          if range.upperBound < end { cut += 1 }
        }
      }
    }
    #expect(mismatches == 0)
    #expect(cut > 100)
  }

  /// A token's word is lower-cased as a byte-by-byte reading lower-cases it (ASCII letters
  /// only), whatever its length and place in the text (its last bytes included).
  @Test func lowercasedWordsAreTheirBytesLowerCased() throws {
    let text = "Mr. BENNET's Lydia’s É Élodie NOTWITHSTANDING ab-CD x9Y THE 'Tis Q"
    let document = try Document(text: text)
    let analyzer = MentionAnalyzer(document: document, lexicons: .shared)
    var checked = 0
    for index in document.tokens.indices {
      let bytes = analyzer.wordBytes(index).map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
      #expect(analyzer.lowercasedWord(index) == String(decoding: bytes, as: UTF8.self))
      checked += 1
    }
    #expect(checked > 10)
    #expect(analyzer.lowercasedWord(2) == "bennet")
  }

  /// A mention opens with a definite determiner when its first word, lower-cased if the token
  /// is capitalised, is one of them, wherever the word stands (the text's last bytes
  /// included).
  @Test func definiteDeterminersAreToldByTheirWords() throws {
    let determiners: Set<String> = [
      "the", "his", "her", "their", "my", "our", "your", "this", "that",
    ]
    for text in [
      "the The THE tHe thee theirs Their their’s hers. My myself, our OUR Your yours this That",
      "He saw the man and her uncle's wife, then that of his",
      "x the",
    ] {
      let document = try Document(text: text)
      let analyzer = MentionAnalyzer(document: document, lexicons: .shared, memoizes: false)
      var definite = 0
      for index in document.tokens.indices where analyzer.isWord(index) {
        let word = String(decoding: analyzer.wordBytes(index), as: UTF8.self)
        let expected = determiners.contains(
          analyzer.isCapitalized(index) ? word.lowercased() : word)
        let found = analyzer.analyze(tokens: index..<(index + 1))?.isDefinite ?? false
        #expect(found == expected, "\(word) in \(text)")
        if found { definite += 1 }
      }
      #expect(definite > 0, "\(text)")
    }
    // The table's numbers are the words' bytes.
    #expect(
      MentionAnalyzer.definiteDeterminers.sorted()
        == determiners.map { MentionAnalyzer.packed($0.utf8) }.sorted())
  }

  /// The vocatives found 64 tokens at a time are those a reading token by token finds, in
  /// ranges of any length (names at the ranges' ends and at the document's).
  @Test func vocativesAreThoseATokenByTokenReadingFinds() throws {
    var texts = [
      "Tom, come here, Tom. “Yes, Miss Price.” “My dear Mr. Bennet, no.” Dear Jane! "
        + String(repeating: "and so, Anne, it went on, Harry? ", count: 12) + "Well, Emma",
      "Emma, yes, Harry",
    ]
    if let corpus = try Fixtures.corpusTexts("litbank-dev") { texts += corpus.prefix(2) }
    var found = 0
    for text in texts {
      let document = try Document(text: text)
      let count = document.tokens.count
      var ranges: [Range<Token.Index>] = [0..<count, 1..<count, 0..<(count - 1)]
      ranges += document.paragraphs.map { $0.tokens }
      ranges += Swift.stride(from: 0, to: count, by: 23).map { $0..<min(count, $0 + 70) }
      for range in ranges {
        let analyzer = MentionAnalyzer(document: document, lexicons: .shared)
        let vocatives = Array(analyzer.vocatives(in: range))
        #expect(vocatives == vocativesByReading(range, analyzer), "\(range)")
        found += vocatives.count
      }
    }
    #expect(found > 10)
  }

  /// The vocatives of a range, read token by token (see ``MentionAnalyzer/vocatives(in:)``).
  private func vocativesByReading(_ range: Range<Token.Index>, _ analyzer: MentionAnalyzer)
    -> [Token.Index]
  {
    guard range.count > 1 else { return [] }
    let document = analyzer.document
    func text(_ index: Token.Index) -> String { document.text(of: index) }
    func opens(_ start: Token.Index) -> Bool {
      start == range.lowerBound || [",", "dear", "Dear"].contains(text(start - 1))
    }
    var found: [Token.Index] = []
    for index in range where analyzer.isCapitalized(index) {
      let after = index + 1
      guard index >= 1, after < document.tokens.count,
        after == range.upperBound || [",", "!", "?", "."].contains(text(after))
      else { continue }
      var title = index - 1
      if title > range.lowerBound, analyzer.isAbbreviationPeriod(title),
        analyzer.isHonorific(title - 1)
      {
        title -= 1
      }
      let opened =
        opens(index) || (title >= range.lowerBound && analyzer.isHonorific(title) && opens(title))
      guard opened, !analyzer.isHonorific(index), !analyzer.isRole(index),
        analyzer.lists(index).isDisjoint(with: [.notName, .pronoun])
      else { continue }
      found.append(index)
    }
    return found
  }
}
