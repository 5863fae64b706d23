import Foundation
import QuoteExtraction

let extractor = try QuoteExtractor()

let path = "Fixtures/examples/ap-mexico-migration.txt"
let text = try String(contentsOfFile: path, encoding: .utf8)
let result = try extractor.extract(from: text)

for attribution in result.attributions {
  let speaker = attribution.speakerName ?? attribution.speaker.map(result.text) ?? "?"
  let offsets = result.range(attribution.content, in: .codePoints)
  let content = String(text.unicodeScalars[result.stringRange(attribution.content)])
  print(attribution.type, offsets, speaker, content)
}
