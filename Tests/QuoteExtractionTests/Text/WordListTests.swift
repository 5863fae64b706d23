import Testing

@testable import QuoteExtraction

/// Looking a word of the text up by its byte range agrees with looking up its string.
struct WordListTests {
  let list = WordList(
    parsing: """
      # words
      called
      so-called
      café
      internationalization-wide
      """)

  @Test(arguments: [
    "called", "CALLED", "Called", "so-called", "café", "CAFÉ", "cafe", "caller",
    "internationalization-wide", "Internationalization-Wide", "", "x",
  ])
  func rangeLookupAgreesWithStringLookup(_ word: String) {
    let text = "« " + word + " »"
    let utf8 = Array(text.utf8)
    let start = "« ".utf8.count
    let range = start..<(start + word.utf8.count)
    #expect(list.contains(range, in: utf8) == list.contains(word))
  }

  @Test func findsEntriesWithoutCase() {
    let utf8 = Array("CAFÉ Called".utf8)
    #expect(list.contains(0..<"CAFÉ".utf8.count, in: utf8))
    #expect(list.contains(6..<12, in: utf8))
    #expect(!list.contains(6..<10, in: utf8))
  }
}
