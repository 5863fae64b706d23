import Testing

@testable import QuoteExtraction

/// In news, a quotation inside a sentence that no rule reads takes the sentence's subject as
/// its speaker when a cue stands between them, or the speaker phrase right after it when a cue
/// follows; without a cue it keeps no speaker.
struct SubjectQuotationTests {
  static let cases: [(text: String, speaker: String?)] = [
    (
      "The governor visited three schools on Monday, greeting pupils with “you are the future of this state” at each stop.",
      "The governor"
    ),
    ("“We are not going anywhere,” Warren, 66, told the crowd outside the hall.", "Warren"),
    (
      "The committee met for an hour beneath a large banner with “we will not stand for this any longer” on it.",
      nil
    ),
  ]

  @Test(arguments: cases)
  func quotationTakesTheReportingSubject(_ text: String, _ speaker: String?) throws {
    var configuration = Configuration()
    configuration.genre = .news
    let result = try QuoteExtractor(configuration: configuration).extract(from: text)
    let attribution = try #require(result.attributions.first, "no attribution in «\(text)»")
    #expect(attribution.speaker.map(result.document.text) == speaker, "speaker in «\(text)»")
  }
}
