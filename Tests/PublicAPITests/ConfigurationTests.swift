import Foundation
import QuoteExtraction
import Testing

/// Extending and narrowing the engine through ``Configuration``, and its errors, which come
/// when the extractor is made.
@Suite struct ConfigurationTests {
  static let verbForms = ["harrumph", "harrumphs", "harrumphed", "harrumphing"]

  /// Reports with a verb the built-in lexicons do not know, and the expected speaker and cue.
  static let reports: [(text: String, speaker: String, cue: String)] = [
    ("The council harrumphed that the figures were wrong.", "The council", "harrumphed"),
    (
      "The mayor harrumphed in a statement that the budget was a disgrace.", "The mayor",
      "harrumphed"
    ),
    (
      "Critics of the plan have long harrumphed that it costs too much.", "Critics of the plan",
      "harrumphed"
    ),
  ]

  static func newsConfiguration() -> Configuration {
    var configuration = Configuration()
    configuration.genre = .news
    return configuration
  }

  static func cues(_ result: ExtractionResult) -> [String] {
    result.attributions.compactMap { $0.cue.map(result.text) }
  }

  @Test(arguments: reports)
  func addedVerbIsACue(report: (text: String, speaker: String, cue: String)) throws {
    let plain = try QuoteExtractor(configuration: Self.newsConfiguration())
    #expect(!Self.cues(try plain.extract(from: report.text)).contains(report.cue))

    var configuration = Self.newsConfiguration()
    configuration.addLexiconEntries(Self.verbForms, to: "speech")
    let result = try QuoteExtractor(configuration: configuration).extract(from: report.text)
    let attribution = try #require(
      result.attributions.first { $0.cue.map(result.text) == report.cue })
    #expect(attribution.speaker.map(result.text) == report.speaker)
  }

  @Test func addedVerbLetsACueRuleAttributeAQuotation() throws {
    let text = "“This budget is a disgrace,” the mayor harrumphed."
    let plain = try QuoteExtractor(configuration: Self.newsConfiguration()).extract(from: text)
    var configuration = Self.newsConfiguration()
    configuration.addLexiconEntries(Self.verbForms, to: "speech")
    let result = try QuoteExtractor(configuration: configuration).extract(from: text)
    let attribution = try #require(result.attributions.first)
    #expect(attribution.cue.map(result.text) == "harrumphed")
    #expect(attribution.speaker.map(result.text) == "the mayor")
    // Without the verb, only a fallback that guesses from context can attribute the quotation.
    let guess = plain.attributions.first
    #expect(
      guess.map { $0.rule != attribution.rule && $0.confidence < attribution.confidence } ?? true)
  }

  @Test func lexiconFileContentsAddEveryFormAndSkipComments() throws {
    var configuration = Self.newsConfiguration()
    configuration.addLexicon(
      named: "speech",
      contents: "# Verbs of complaint.\nharrumph harrumphs harrumphed harrumphing  # grumbling\n")
    let extractor = try QuoteExtractor(configuration: configuration)
    for report in Self.reports {
      #expect(Self.cues(try extractor.extract(from: report.text)).contains(report.cue))
    }
  }

  @Test func cueClassesNarrowWhatIsReported() throws {
    let text = "The minister believes that taxes will rise. The mayor said that they would not."
    let all = try QuoteExtractor(configuration: Self.newsConfiguration()).extract(from: text)
    #expect(Self.cues(all).contains("believes"))
    #expect(Self.cues(all).contains("said"))

    var configuration = Self.newsConfiguration()
    configuration.cueClasses = [.speech]
    let speechOnly = try QuoteExtractor(configuration: configuration).extract(from: text)
    #expect(!Self.cues(speechOnly).contains("believes"))
    #expect(Self.cues(speechOnly).contains("said"))
  }

  static let wordsOfPack = """
    {"version": 1, "rules": [{
      "id": "test.in-the-words-of", "description": "In the words of S, “…”",
      "kind": "direct", "pass": "direct",
      "pattern": [
        {"lower": "in", "capture": "cue"}, {"lower": "the", "capture": "cue"},
        {"lower": "words", "capture": "cue"}, {"lower": "of", "capture": "cue"},
        {"phrase": "speaker", "capture": "speaker"}, {"text": ","},
        {"quote": "any", "capture": "content"}],
      "examples": [{"text": "In the words of the minister, “No.”", "speaker": "the minister"}]
    }]}
    """

  @Test func addedRulePackFindsWhatTheBuiltInRulesDoNot() throws {
    let text = "The talks ended. In the words of one negotiator, “Nobody got what they wanted.”"
    let plain = try QuoteExtractor().extract(from: text)
    #expect(!plain.attributions.contains { $0.rule == "test.in-the-words-of" })

    var configuration = Configuration()
    configuration.addRulePack(named: "words.json", json: Self.wordsOfPack)
    let result = try QuoteExtractor(configuration: configuration).extract(from: text)
    let attribution = try #require(result.attributions.first)
    #expect(attribution.rule == "test.in-the-words-of")
    #expect(attribution.speaker.map(result.text) == "one negotiator")
    #expect(result.text(attribution.content) == "Nobody got what they wanted.")
  }

  /// Broken packs: a mistake and the text that must appear in the message.
  static let brokenPacks: [(json: String, message: String)] = [
    ("{\"rules\": []}", "missing 'version'"),
    ("{\"version\": 1, \"rules\": [{\"id\": \"a.b\", \"colour\": 1}]}", "unknown key 'colour'"),
    (
      wordsOfPack.replacingOccurrences(of: "\"lower\": \"words\"", with: "\"in\": \"wordz\""),
      "unknown lexicon 'wordz'"
    ),
    (wordsOfPack.replacingOccurrences(of: "\"pass\": \"direct\"", with: "\"pass\": 3"), "'pass'"),
    ("{\"version\": 1, \"rules\": [", "words.json:1:"),
  ]

  @Test(arguments: brokenPacks)
  func brokenRulePackFailsWhenTheExtractorIsMade(pack: (json: String, message: String)) {
    var configuration = Configuration()
    configuration.addRulePack(named: "words.json", json: pack.json)
    do {
      _ = try QuoteExtractor(configuration: configuration)
      Issue.record("a broken pack loaded")
    } catch {
      #expect(error.kind == .rules)
      #expect(error.code == "rules")
      #expect(error.description.hasPrefix("words.json:"))
      #expect(error.description.contains(pack.message))
    }
  }

  @Test func tooManyLexiconsFailWhenTheExtractorIsMade() {
    var configuration = Configuration()
    for index in 0..<100 { configuration.addLexiconEntries(["word\(index)"], to: "extra-\(index)") }
    #expect {
      try QuoteExtractor(configuration: configuration)
    } throws: { error in
      (error as? QuoteExtractionError)?.kind == .lexicon
    }
  }

  @Test func duplicateRuleIdsAcrossPacksAreRejected() {
    var configuration = Configuration()
    configuration.addRulePack(named: "one.json", json: Self.wordsOfPack)
    configuration.addRulePack(named: "two.json", json: Self.wordsOfPack)
    #expect(throws: QuoteExtractionError.self) { try QuoteExtractor(configuration: configuration) }
  }

  @Test func theRulePackShownInTheDocumentationLoadsAndFires() throws {
    let article = ExampleRunner.root.appendingPathComponent(
      "Sources/QuoteExtraction/QuoteExtraction.docc/WritingRulesAndLexicons.md")
    let markdown = try String(contentsOf: article, encoding: .utf8)
    let start = try #require(markdown.range(of: "```json\n"))
    let end = try #require(markdown.range(of: "\n```", range: start.upperBound..<markdown.endIndex))
    var configuration = Configuration()
    configuration.addRulePack(
      named: "article.json", json: String(markdown[start.upperBound..<end.lowerBound]))
    let extractor = try QuoteExtractor(configuration: configuration)
    let text = "In the words of the minister, “We will not sign it.”"
    let result = try extractor.extract(from: text)
    let attribution = try #require(result.attributions.first)
    #expect(attribution.rule == "example.in-the-words-of")
    #expect(attribution.speaker.map(result.text) == "the minister")
  }
}
