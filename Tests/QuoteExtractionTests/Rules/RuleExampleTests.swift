import Testing

@testable import QuoteExtraction

/// Every example written in a rule pack runs: the rule must fire on it and capture what the
/// example says (or, for `"none": true`, must not fire).
struct RuleExampleTests {
  static let ruleIds: [String] = ((try? RuleSet.standard.get())?.rules ?? []).map(\.id)

  @Test func builtInPackLoads() throws {
    let rules = try RuleSet.standard.get()
    #expect(rules.rules.count >= 15)
    #expect(rules.rules.allSatisfy { !$0.examples.isEmpty })
  }

  @Test(arguments: ruleIds)
  func ruleExampleHolds(_ id: String) throws {
    let rules = try RuleSet.standard.get()
    let extractor = try QuoteExtractor()
    let rule = try #require(rules.rules.first { $0.id == id })
    for example in rule.examples {
      let result = try extractor.extract(from: example.text)
      let found = result.attributions.first { $0.rule == id }
      if example.expectNone {
        #expect(found == nil, "\(id) fired on \(example.text)")
        continue
      }
      let attribution = try #require(
        found,
        "\(id) did not fire on «\(example.text)»; got \(result.attributions.map(\.rule))")
      let document = result.document
      if let speaker = example.speaker {
        #expect(attribution.speaker.map(document.text) == speaker, "speaker in «\(example.text)»")
      } else {
        #expect(attribution.speaker == nil, "no speaker expected in «\(example.text)»")
      }
      if let cue = example.cue {
        #expect(attribution.cue.map(document.text) == cue, "cue in «\(example.text)»")
      }
      if let content = example.content {
        let text = attribution.fragments.map(document.text).joined(separator: "|")
        #expect(text == content, "content in «\(example.text)»")
      }
      if let type = example.type {
        #expect(attribution.type == type, "type in «\(example.text)»")
      }
    }
  }
}
