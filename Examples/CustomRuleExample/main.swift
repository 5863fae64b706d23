// Adding a rule: a rule pack is JSON, checked when the extractor is made, never mid-corpus.
//
//   swift run CustomRuleExample
//
// Adds a rule for "In the words of S, “…”", which the built-in rules do not know, prints what
// it finds, and then shows the error that a broken rule pack gives.
import Foundation
import QuoteExtraction

let rulePack = """
  {
    "version": 1,
    "description": "An example pack: credits that name the speaker before the quotation.",
    "rules": [
      {
        "id": "example.in-the-words-of",
        "description": "In the words of S, “…”",
        "kind": "direct", "pass": "direct", "confidence": 0.8,
        "pattern": [
          {"lower": "in", "capture": "cue"},
          {"lower": "the", "capture": "cue"},
          {"lower": "words", "capture": "cue"},
          {"lower": "of", "capture": "cue"},
          {"phrase": "speaker", "capture": "speaker"},
          {"text": [",", ":"]},
          {"quote": "any", "capture": "content"}
        ],
        "examples": [
          {"text": "In the words of the minister, “We will not sign it.”", "speaker": "the minister", "cue": "In the words of", "content": "We will not sign it."}
        ]
      }
    ]
  }
  """

let text = "The talks ended late. In the words of one negotiator, “Nobody got what they wanted.”"

func report(_ label: String, _ extractor: QuoteExtractor) throws {
  let result = try extractor.extract(from: text)
  print("\(label): \(result.attributions.count) attributions")
  for attribution in result.attributions {
    let cue = attribution.cue.map(result.text) ?? "-"
    let speaker = attribution.speaker.map(result.text) ?? "-"
    print(
      "  \(attribution.rule)\tcue: \(cue)\tspeaker: \(speaker)\t\(result.text(attribution.content))"
    )
  }
}

do {
  try report("built-in", QuoteExtractor())

  var configuration = Configuration()
  configuration.addRulePack(named: "in-the-words-of.json", json: rulePack)
  try report("with the pack", QuoteExtractor(configuration: configuration))

  // A mistake is caught when the extractor is made, with the file, line and column.
  var broken = Configuration()
  broken.addRulePack(
    named: "broken.json",
    json: rulePack.replacingOccurrences(of: "\"pass\": \"direct\"", with: "\"pass\": \"first\""))
  do {
    _ = try QuoteExtractor(configuration: broken)
    print("broken pack: accepted (unexpected)")
  } catch {
    print("broken pack: \(error.kind) error")
    print(error)
  }
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
