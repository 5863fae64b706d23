import Testing

@testable import QuoteExtraction

/// In fiction only the direct pass of the rules runs: reported speech is narration there, and
/// a reported-speech rule that took a quotation as part of its content made it vanish with it.

private let scene = """
  Anna came down the stairs slowly. She looked at the fire and then at her brother.

  Tom told her that she was “a little goose,” and she laughed at him.

  “You always say that,” she answered. “But I never mind it.”
  """

@Test func quotationInsideReportedSpeechIsStillAnUtteranceInFiction() throws {
  var configuration = Configuration()
  configuration.genre = .fiction
  let result = try QuoteExtractor(configuration: configuration).extract(from: scene)
  let spoken = result.attributions.map { result.text($0.content) }
  // Before, "Tom told her that …" took the quotation into an indirect report, which fiction
  // drops: the quotation was left with no attribution at all.
  #expect(spoken.contains("a little goose,"))
  #expect(result.attributions.allSatisfy { $0.type == .direct })
  let goose = result.attributions.first { result.text($0.content) == "a little goose," }
  #expect(goose?.speakerName == "Tom")
}

@Test func newsKeepsTheSameSentenceAsAMixedReport() throws {
  // The control: read as news, the sentence is one report holding a quoted fragment.
  var configuration = Configuration()
  configuration.genre = .news
  let result = try QuoteExtractor(configuration: configuration).extract(from: scene)
  let report = result.attributions.first { $0.type == .mixed }
  #expect(report.map { result.text($0.content) }?.contains("a little goose") == true)
}

private let speeches = """
  “I shall go,” said Anna, “and you shall stay here.”

  Tom looked up. “It was long ago,” he began. “We were young then.

  “And we were poor, all of us.”

  She nodded.
  """

@Test func eachStretchAndParagraphOfSpeechIsAnUtteranceOfItsOwnInTextOrder() throws {
  var configuration = Configuration()
  configuration.genre = .fiction
  let result = try QuoteExtractor(configuration: configuration).extract(from: speeches)
  // Split in place from the last attribution on: every piece is one fragment, in text order.
  #expect(result.attributions.allSatisfy { $0.fragments.count == 1 })
  let starts = result.attributions.map(\.content.lowerBound)
  #expect(starts == starts.sorted())
  #expect(
    result.attributions.map { result.text($0.content) } == [
      "I shall go,", "and you shall stay here.", "It was long ago,", "We were young then.",
      "And we were poor, all of us.",
    ])
}
