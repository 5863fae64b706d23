import Testing

@testable import QuoteExtraction

/// How the automatic genre reads a document: a story reports direct speech only and follows
/// its turns; news reports every kind of attribution.

/// A first-person piece dense with pronouns and past tenses, with no quotation marks.
private let personalPiece = """
  I met her at the diner on a cold morning in the valley. She told me she had been waiting for him since dawn, and he had never come. I asked her why she stayed, and she said she had nowhere else to go. He had left her the truck and the dog and a note that she never read. I watched her pour the coffee for me and for the man beside me, and she smiled at him as if she knew him from before.

  She said the town had changed around her while she was not looking. Her father had run the mill, and his father before him; now the mill was a parking lot and she was the last of them who stayed. I asked her whether she missed him. She laughed at me and turned away.

  When I left, she walked me to the door and held it for me. He had been a good man once, she said, and she had loved him, and she would wait for him a little longer.
  """

/// The types of the attributions `text` gives with the genre found automatically.
private func automaticTypes(_ text: String) throws -> [Attribution.Kind] {
  try QuoteExtractor().extract(from: text).attributions.map(\.type)
}

@Test func pronounDensePieceWithoutNewsWordsReadsAsFiction() throws {
  // The control: read as a story, its reported speech is narration, not attributions.
  #expect(try automaticTypes(personalPiece).isEmpty)
}

@Test func newsReportingWordsMakeAPronounDensePieceNews() throws {
  // One sentence that sources a fact the way news does ("according to the officials") tells
  // a column or a first-person report from a story: its reported speech is attributed.
  let column = personalPiece.replacingOccurrences(
    of: "When I left,",
    with: "According to the officials I spoke with later, the mill closed that spring. When I left,"
  )
  let types = try automaticTypes(column)
  #expect(types.contains(.indirect))
}
