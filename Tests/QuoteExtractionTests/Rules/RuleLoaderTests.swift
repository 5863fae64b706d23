import Foundation
import Testing

@testable import QuoteExtraction

/// Rule packs with mistakes refuse to load, with `file:line:column`, the line and a caret.
struct RuleLoaderTests {
  static let validRule = """
        {"id": "test.quote-said", "description": "d", "kind": "direct", "pass": "direct",
         "pattern": [{"quote": "closed", "capture": "content"}, {"lower": "said", "capture": "cue"}],
         "examples": [{"text": "“Hi” said."}]}
    """

  func loadError(_ json: String, sourceLocation: SourceLocation = #_sourceLocation) -> String? {
    var configuration = Configuration()
    configuration.usesBuiltInRules = false
    configuration.addRulePack(named: "test.json", json: json)
    do {
      _ = try QuoteExtractor(configuration: configuration)
      return nil
    } catch {
      #expect(error.code == "rules", sourceLocation: sourceLocation)
      return error.description
    }
  }

  @Test func validPackLoads() {
    #expect(loadError("{\"version\": 1, \"rules\": [\(Self.validRule)]}") == nil)
  }

  @Test func unknownKeyIsLocatedWithCaret() throws {
    let json = "{\"version\": 1,\n \"rules\": [\n  {\"id\": \"a.b\", \"colour\": 1}]}"
    let message = try #require(loadError(json))
    #expect(message.hasPrefix("test.json:3:17: error: unknown key 'colour' in a rule"))
    let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
    #expect(lines.count == 3)
    #expect(lines[1] == "  {\"id\": \"a.b\", \"colour\": 1}]}")
    #expect(lines[2] == String(repeating: " ", count: 16) + "^")
  }

  @Test func unknownLexiconIsAnError() throws {
    let rule = Self.validRule.replacingFirst("\"lower\": \"said\"", with: "\"in\": \"sayings\"")
    let message = try #require(loadError("{\"version\": 1, \"rules\": [\(rule)]}"))
    #expect(message.contains("unknown lexicon 'sayings'"))
  }

  @Test func duplicateIdIsAnError() throws {
    let other = Self.validRule.replacingFirst("\"said\"", with: "\"says\"")
    let message = try #require(
      loadError("{\"version\": 1, \"rules\": [\(Self.validRule), \(other)]}"))
    #expect(message.contains("duplicate rule id 'test.quote-said'"))
  }

  @Test func duplicateIdNamesTheLineOfTheFirst() throws {
    // validRule takes three lines; the pack's first line opens it.
    let other = Self.validRule.replacingFirst("test.quote-said", with: "test.quote-other")
      .replacingFirst("\"said\"", with: "\"says\"")
    let third = Self.validRule.replacingFirst("\"said\"", with: "\"told\"")
    let json = "{\"version\": 1, \"rules\": [\n\(other),\n\(Self.validRule),\n\(third)]}"
    let message = try #require(loadError(json))
    #expect(message.contains("duplicate rule id 'test.quote-said' (first at test.json:5)"))
  }

  @Test func unreachableRuleIsAnError() throws {
    let copy = Self.validRule.replacingFirst("test.quote-said", with: "test.quote-said-again")
    let message = try #require(
      loadError("{\"version\": 1, \"rules\": [\(Self.validRule), \(copy)]}"))
    #expect(message.contains("unreachable rule 'test.quote-said-again'"))
  }

  @Test func ruleWithoutCueAnchorIsAnError() throws {
    let rule = Self.validRule.replacingFirst(", \"capture\": \"cue\"", with: "")
    let message = try #require(loadError("{\"version\": 1, \"rules\": [\(rule)]}"))
    #expect(message.contains("anchor"))
  }

  @Test func ruleWithoutExampleIsAnError() throws {
    let rule = Self.validRule.replacingFirst("[{\"text\": \"“Hi” said.\"}]", with: "[]")
    let message = try #require(loadError("{\"version\": 1, \"rules\": [\(rule)]}"))
    #expect(message.contains("at least one example"))
  }

  @Test(arguments: [
    ("{\"version\": 1, \"rules\": [", "unexpected end of file"),
    ("{\"version\": 2, \"rules\": []}", "unsupported version"),
    ("[1, 2]", "a rule pack is an object"),
    ("{\"version\": 1, \"rules\": []} x", "unexpected text after the JSON value"),
  ])
  func malformedPackIsRejected(_ json: String, _ expected: String) throws {
    let message = try #require(loadError(json))
    #expect(message.contains(expected), "\(message)")
  }

  @Test func unknownElementKeyIsRejected() throws {
    let rule = Self.validRule.replacingFirst("\"lower\": \"said\"", with: "\"regex\": \"sa.d\"")
    let message = try #require(loadError("{\"version\": 1, \"rules\": [\(rule)]}"))
    #expect(message.contains("unknown key 'regex' in a pattern element"))
  }

  @Test func addedLexiconEntriesReachRules() throws {
    var configuration = Configuration()
    configuration.addLexiconEntries(["harrumphed"], to: "speech")
    let extractor = try QuoteExtractor(configuration: configuration)
    let result = try extractor.extract(from: "“Nonsense,” the colonel harrumphed.")
    let attribution = try #require(result.attributions.first)
    #expect(attribution.cue.map(result.document.text) == "harrumphed")
    #expect(attribution.speaker.map(result.document.text) == "the colonel")
  }

  @Test func cueClassesFilterReports() throws {
    var configuration = Configuration()
    configuration.cueClasses = [.speech]
    let extractor = try QuoteExtractor(configuration: configuration)
    let text = "The senator believes that the bill will pass. The senator said that it will pass."
    let result = try extractor.extract(from: text)
    #expect(result.attributions.compactMap { $0.cue.map(result.document.text) } == ["said"])
  }
}

extension String {
  fileprivate func replacingFirst(_ target: String, with replacement: String) -> String {
    guard let range = range(of: target) else { return self }
    return replacingCharacters(in: range, with: replacement)
  }
}
