import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// The lexicon table's whole-document pass (with its ASCII fast path) against one lookup per
/// token.
struct LexiconTableTests {
  func table() -> LexiconTable {
    var table = LexiconTable()
    table.add("speech", entries: ["said", "don't", "über", "acknowledged"])
    table.add("pronouns", entries: ["he", "she"])
    return table
  }

  @Test func documentMasksEqualOneLookupPerToken() throws {
    let text =
      "He SAID: “Don’t go.” She said über-fast, don't; Über acknowledged unacknowledgedly 42."
    let document = try QuoteExtractor().segment(text)
    let table = table()
    let masks = table.masks(of: document)
    #expect(masks.count == document.tokens.count)
    for (index, token) in document.tokens.enumerated() {
      let expected =
        token.kind == .word ? table.mask(of: document.utf8[token.utf8Range]) : UInt64(0)
      #expect(masks[index] == expected, "token «\(document.text(of: index))»")
    }
  }

  /// Short ASCII words are read as one packed integer: near the end of the text (no 8-byte
  /// load there), with zero bytes, upper case and 8-byte words, they still read as one lookup.
  @Test(arguments: [
    "SAID he said", "acknowledged ACKNOWLEDGED said\u{0}x he\u{0} he", "He", "x he",
    "DON'T don't, Don't said.", "saidsaid saidsai 12345678 HE",
  ])
  func packedShortWordsEqualOneLookupPerToken(_ text: String) throws {
    let document = try QuoteExtractor().segment(text)
    let table = table()
    let masks = table.masks(of: document)
    for (index, token) in document.tokens.enumerated() {
      let expected =
        token.kind == .word ? table.mask(of: document.utf8[token.utf8Range]) : UInt64(0)
      #expect(masks[index] == expected, "token «\(document.text(of: index))»")
    }
    #expect(masks.contains { $0 != 0 })
  }

  /// Words longer than 8 bytes are first read in a filter of the long keys' first 8 bytes
  /// (``LexiconTable/Probe``): in upper case, with a typographic apostrophe past those bytes
  /// or with a letter past ASCII, the keys are still found, and words that only start like
  /// one are not.
  @Test func longWordsEqualOneLookupPerToken() throws {
    var table = LexiconTable()
    table.add(
      "speech", entries: ["acknowledged", "acknowledged's", "übersetzte", "declared"])
    let document = try QuoteExtractor().segment(
      "ACKNOWLEDGED Acknowledged’s acknowledgement übersetzte declaredly, acknowledged")
    let masks = table.masks(of: document)
    var found = 0
    for (index, token) in document.tokens.enumerated() {
      let expected =
        token.kind == .word ? table.mask(of: document.utf8[token.utf8Range]) : UInt64(0)
      #expect(masks[index] == expected, "token «\(document.text(of: index))»")
      if masks[index] != 0 { found += 1 }
    }
    #expect(found == 4)
  }

  /// The built-in lexicons, placed as added and placed again shortest first
  /// (``LexiconTable/placeShortestFirst()``), answer alike for every entry and every word of
  /// corpus texts.
  @Test func placingShortestFirstChangesNoAnswer() throws {
    var added = LexiconTable()
    var words: [String] = []
    for lexicon in RuleSet.builtInLexicons {
      let entries = RuleSet.entries(of: String(decoding: lexicon.bytes, as: UTF8.self))
      added.add(lexicon.name, entries: entries)
      words += entries
    }
    var placed = added
    placed.placeShortestFirst()
    let extractor = try QuoteExtractor()
    var documents = [try extractor.segment(words.joined(separator: " "))]
    for text in (try Fixtures.corpusTexts("litbank-dev") ?? []).prefix(3) {
      documents.append(try extractor.segment(text))
    }
    var compared = 0
    for document in documents {
      let before = added.masksAndWords(of: document)
      let after = placed.masksAndWords(of: document)
      #expect(before.masks == after.masks)
      #expect(before.words == after.words)
      compared += before.masks.filter { $0 != 0 }.count
    }
    #expect(compared > words.count / 2)
  }

  @Test func typographicApostropheAndCaseReadAsTheEntry() throws {
    let document = try QuoteExtractor().segment("DON’T Said")
    let table = table()
    let speech = try #require(table.bit(of: "speech"))
    let masks = table.masks(of: document)
    let words = document.tokens.indices.filter { document.tokens[$0].kind == .word }
    #expect(words.count == 2)
    for word in words {
      #expect(masks[word] & speech != 0, "token «\(document.text(of: word))»")
    }
  }
}
