import Foundation
import QuoteExtraction
import Testing

/// The README's walk-through in one piece: every call it shows, through the public API only.
@Suite struct WalkthroughTests {
  @Test func everythingTheReadmeShows() async throws {
    let extractor = try QuoteExtractor()
    let text = "“We’re ready,” Ebrard said. Pompeo told reporters that talks would go on."
    let result = try extractor.extract(from: text)

    var lines: [String] = []
    for attribution in result.attributions {
      let offsets = result.range(attribution.content, in: .codePoints)
      lines.append(
        "\(attribution.type) \(attribution.speakerName ?? "?") \(offsets) "
          + result.text(attribution.content))
    }
    #expect(lines.count == 2)
    #expect(result.attributions.map(\.type) == [.direct, .indirect])
    #expect(result.attributions.map { $0.speaker.map(result.text) } == ["Ebrard", "Pompeo"])
    #expect(result.text(result.attributions[0].content).hasPrefix("We’re ready"))
    #expect(result.range(result.attributions[0].content, in: .codePoints).lowerBound == 1)

    let documents = [text, "“No,” she said."].enumerated().map {
      BatchDocument(id: "\($0.offset)", text: $0.element)
    }
    var counts: [String: Int] = [:]
    for await item in extractor.results(for: documents) {
      counts[item.id] = try item.result.get().attributions.count
    }
    #expect(counts == ["0": 2, "1": 1])

    var configuration = Configuration()
    configuration.addLexiconEntries(["harrumph", "harrumphs", "harrumphed"], to: "speech")
    let custom = try QuoteExtractor(configuration: configuration)
    let grumble = try custom.extract(from: "“Nonsense,” the mayor harrumphed.")
    #expect(grumble.attributions.first?.cue.map(grumble.text) == "harrumphed")
  }
}
