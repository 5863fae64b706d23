import Testing

@testable import QuoteExtraction

@Test func documentKeepsTextAndFindsSentences() throws {
  let document = try Document(text: "Mr. Smith went to Washington. He said “hi.”")
  #expect(document.sentences.count == 2)
  #expect(document.text(document.sentences[0].utf8Range) == "Mr. Smith went to Washington.")
}
