import Foundation
import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// Runs the whole pipeline over the LitBank dev excerpts (in `../shared`) and checks what must
/// hold for every document: speaker ranges inside the text on scalar boundaries, entity ids
/// that point into the entity list, and a name wherever an entity is given.
@Test func speakerOutputIsConsistentOverLitBank() throws {
  guard let shared = Fixtures.shared else {
    print("skipped: ../shared is absent, so the LitBank corpus cannot be read")
    return
  }
  let url = shared.appendingPathComponent("corpora/litbank-dev.jsonl")
  guard let data = try? Data(contentsOf: url) else {
    print("skipped: \(url.path) is absent")
    return
  }
  let extractor = try QuoteExtractor()
  var speakers = 0
  for line in data.split(separator: UInt8(ascii: "\n")) {
    let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
    let text = try #require(object?["text"] as? String)
    let result = try extractor.extract(from: text)
    let utf8 = result.document.utf8
    for attribution in result.attributions {
      if let speaker = attribution.speaker {
        speakers += 1
        #expect(speaker.lowerBound >= 0 && speaker.upperBound <= utf8.count)
        #expect(speaker.lowerBound == utf8.count || utf8[speaker.lowerBound] & 0xC0 != 0x80)
        #expect(speaker.upperBound == utf8.count || utf8[speaker.upperBound] & 0xC0 != 0x80)
      }
      if let entity = attribution.entity {
        #expect(entity >= 0 && entity < result.entities.count)
        #expect(attribution.speakerName?.isEmpty == false)
      }
    }
    for entity in result.entities {
      #expect(!entity.name.isEmpty)
      #expect(entity.mentions.allSatisfy { $0.upperBound <= utf8.count })
    }
  }
  #expect(speakers > 0)
}
