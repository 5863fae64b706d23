// Adding a reporting verb: the built-in lexicons do not know "harrumph"; one call teaches it.
//
//   swift run CustomVerbExample
//
// Prints the attributions found with the built-in lexicons, then with the verb added: the
// indirect report appears, and the quotation is attributed by a cue rule instead of the
// dialogue fallback, which only guesses from what follows the quotation.
import Foundation
import QuoteExtraction

let text = """
  “This budget is a disgrace,” the mayor harrumphed.

  The council harrumphed that the figures were wrong.
  """

func report(_ label: String, _ extractor: QuoteExtractor) throws {
  let result = try extractor.extract(from: text)
  print("\(label): \(result.attributions.count) attributions")
  for attribution in result.attributions {
    let cue = attribution.cue.map(result.text) ?? "-"
    let speaker = attribution.speaker.map(result.text) ?? "-"
    print(
      "  \(attribution.type)\tcue: \(cue)\tspeaker: \(speaker)\trule: \(attribution.rule)\t"
        + result.text(attribution.content))
  }
}

do {
  try report("built-in", QuoteExtractor())

  var configuration = Configuration()
  // A lexicon holds spellings, not lemmas: give every inflected form. `speech` is the class of
  // say, tell, add…; `writing`, `thought` and `evidence` are the other built-in classes.
  configuration.addLexiconEntries(
    ["harrumph", "harrumphs", "harrumphed", "harrumphing"], to: "speech")
  try report("with harrumph", QuoteExtractor(configuration: configuration))
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
