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

/// A report that quotes its people at length: their "I" and "me" are inside quotation marks,
/// its narration names people and places.
private let quotingReport = """
  The candidate spoke to a crowd of supporters in the high school gym in Dayton on Tuesday evening. "I know what you want from me, and I am not going to let you down," Martinez told them. "I grew up here. My mother worked two jobs so that I could go to school, and she taught me that a promise is a debt. I have kept every promise I made to her, and I will keep the ones I make to you."

  The crowd cheered as Martinez walked across the stage with Dana Whitfield, the mayor of Dayton. Several supporters said the speech was the best of the campaign so far. "She talks to me like a neighbor," said Ellen Porter, a retired teacher from Kettering. "I trust her more than I trust the others, and I will vote for her in November."

  Martinez said the plant on the east side of Dayton would reopen next spring under a plan drafted with the Ohio Department of Development. Whitfield said the city would match the money. "I told her I would be there on the first day," Porter said. "I want to see it with my own eyes. I have waited for this since my husband lost his job there."
  """

@Test func pronounsInsideQuotationsDoNotMakeAReportAStory() throws {
  // Counted with the quoted speakers' pronouns the report reads as a story; its narration's
  // own voice (names, places, few pronouns) is news'.
  #expect(try automaticTypes(quotingReport).contains(.indirect))
}

@Test func pronounsOfNarrationStillMakeAStory() throws {
  // The same pronouns moved out of the quotation marks are the narration's: a story.
  let narrated = quotingReport.replacingOccurrences(of: "\"", with: "")
  #expect(!(try automaticTypes(narrated).contains(.indirect)))
}

@Test func politiciansNamedByOfficeMakeAPronounDensePieceNews() throws {
  // Two officials named by their abbreviated office ("Sen. Alvarez", "Gov. Brandt") tell a
  // first-person report from a story.
  let report = personalPiece.replacingOccurrences(
    of: "When I left,",
    with:
      "Sen. Alvarez had promised to save the mill, and Gov. Brandt had signed the bill. When I left,"
  )
  #expect(try automaticTypes(report).contains(.indirect))
}

@Test func oneOfficeTitleLeavesAStoryAStory() throws {
  // One governor named in passing is not news' habit of naming people by office.
  let story = personalPiece.replacingOccurrences(
    of: "When I left,",
    with: "Her father had once shaken hands with Gov. Lincoln. When I left,")
  #expect(try automaticTypes(story).isEmpty)
}

@Test func aCharacterNamedByOfficeLeavesAStoryAStory() throws {
  // A novel names a character by a title spelled out all along ("Governor Hale"); news
  // abbreviates the title before a name.
  let story = personalPiece.replacingOccurrences(
    of: "When I left,",
    with:
      "Governor Hale had owned the mill. Governor Hale sold it. She never forgave Governor Hale. When I left,"
  )
  #expect(try automaticTypes(story).isEmpty)
}
