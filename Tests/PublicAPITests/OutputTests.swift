import Foundation
import QuoteExtraction
import Testing

/// The JSON record that `ExtractionResult.json(offsets:)` (and the `extract` tool) writes.
@Suite struct OutputTests {
  static func object(_ json: String) throws -> [String: Any] {
    let value = try JSONSerialization.jsonObject(with: Data(json.utf8))
    return try #require(value as? [String: Any])
  }

  @Test(arguments: OffsetUnit.allCases)
  func spansCarryOffsetsInTheChosenUnitAndTheirText(unit: OffsetUnit) throws {
    let text = try String(contentsOf: ExampleRunner.apExample, encoding: .utf8)
    let result = try QuoteExtractor().extract(from: text)
    let record = try Self.object(result.json(offsets: unit))
    #expect(Set(record.keys) == ["attributions", "quotes", "entities", "diagnostics"])

    let attributions = try #require(record["attributions"] as? [[String: Any]])
    #expect(attributions.count == result.attributions.count)
    for (object, attribution) in zip(attributions, result.attributions) {
      #expect(object["type"] as? String == attribution.type.rawValue)
      #expect(object["rule"] as? String == attribution.rule)
      let content = try #require(object["content"] as? [String: Any])
      let expected = result.range(attribution.content, in: unit)
      #expect(content["start"] as? Int == expected.lowerBound)
      #expect(content["end"] as? Int == expected.upperBound)
      #expect(content["text"] as? String == result.text(attribution.content))
    }

    let quotes = try #require(record["quotes"] as? [[String: Any]])
    #expect(quotes.count == result.quotes.count)
    for (object, quote) in zip(quotes, result.quotes) {
      #expect(object["text"] as? String == result.text(quote.content))
      #expect(object["start"] as? Int == result.range(quote.content, in: unit).lowerBound)
      #expect(object["closed"] as? Bool == quote.isClosed)
      #expect(object["kind"] as? String == quote.kind.rawValue)
    }
  }

  @Test func codePointsAreTheDefaultUnit() throws {
    let text = "🙂 “Ready,” she said."
    let result = try QuoteExtractor().extract(from: text)
    #expect(result.json() == result.json(offsets: .codePoints))
    #expect(result.json() != result.json(offsets: .utf8))
  }

  @Test func theRecordShownInTheDocumentationIsTheOneWritten() throws {
    let article = ExampleRunner.root.appendingPathComponent(
      "Sources/QuoteExtraction/QuoteExtraction.docc/OutputFormatAndOffsets.md")
    let markdown = try String(contentsOf: article, encoding: .utf8)
    let start = try #require(markdown.range(of: "```json\n"))
    let end = try #require(markdown.range(of: "\n```", range: start.upperBound..<markdown.endIndex))
    let documented = try Self.object(String(markdown[start.upperBound..<end.lowerBound]))
    let written = try Self.object(
      try QuoteExtractor().extract(from: "“We’re ready,” Ebrard said.").json())
    #expect(NSDictionary(dictionary: documented).isEqual(to: written))
  }
}
