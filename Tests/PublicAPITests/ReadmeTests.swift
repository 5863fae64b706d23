import Foundation
import QuoteExtraction
import Testing

/// What the README shows, done through the public API only (no `@testable`).
@Suite struct ReadmeTests {
  static let extractor: QuoteExtractor? = try? QuoteExtractor()

  @Test func defaultExtractorFindsAttributedQuotationsInTheAPExample() throws {
    let extractor = try #require(Self.extractor, "the default extractor must build")
    let text = try String(contentsOf: ExampleRunner.apExample, encoding: .utf8)
    let result = try extractor.extract(from: text)

    #expect(result.text == text)
    #expect(!result.quotes.isEmpty)
    #expect(!result.attributions.isEmpty)
    let scalars = Array(text.unicodeScalars)
    for attribution in result.attributions {
      #expect(Attribution.Kind.allCases.contains(attribution.type))
      let content = result.text(attribution.content)
      #expect(!content.isEmpty)
      // The code point offsets slice the same text out of the caller's string, counted here
      // independently of the engine.
      let offsets = result.range(attribution.content, in: .codePoints)
      #expect(String(String.UnicodeScalarView(scalars[offsets])) == content)
      #expect(String(text.unicodeScalars[result.stringRange(attribution.content)]) == content)
      if let speaker = attribution.speaker {
        #expect(!result.text(speaker).isEmpty)
      }
      if let entity = attribution.entity {
        #expect(result.entities.indices.contains(entity))
      }
      for quote in attribution.quotes {
        #expect(result.quotes.indices.contains(quote))
      }
    }
  }

  @Test func attributionsComeInTextOrder() throws {
    let extractor = try #require(Self.extractor)
    let text = try String(contentsOf: ExampleRunner.apExample, encoding: .utf8)
    let starts = try extractor.extract(from: text).attributions.map(\.content.lowerBound)
    #expect(starts == starts.sorted())
  }

  @Test func oneExtractorServesManyTasksAtOnce() async throws {
    let extractor = try #require(Self.extractor)
    let texts = (0..<24).map { index in
      "“Number \(index) is ready,” the minister said. She added: “We wait for \(index + 1).”"
    }
    let expected = try texts.map { try extractor.extract(from: $0).json() }
    let concurrent = try await withThrowingTaskGroup(of: (Int, String).self) { group in
      for (index, text) in texts.enumerated() {
        group.addTask { (index, try extractor.extract(from: text).json()) }
      }
      var outputs = [String](repeating: "", count: texts.count)
      for try await (index, json) in group { outputs[index] = json }
      return outputs
    }
    #expect(concurrent == expected)
  }

  @Test func bytesAndStringGiveTheSameResult() throws {
    let extractor = try #require(Self.extractor)
    let text = try String(contentsOf: ExampleRunner.apExample, encoding: .utf8)
    let fromString = try extractor.extract(from: text)
    let fromBytes = try extractor.extract(utf8: Array(text.utf8))
    #expect(fromString.json() == fromBytes.json())
    #expect(fromBytes.diagnostics.allSatisfy { $0.code != "invalid-utf8" })
  }

  @Test func invalidUTF8IsRepairedAndReportedNotThrown() throws {
    let extractor = try #require(Self.extractor)
    let bytes: [UInt8] = Array("“Fine,” he said. ".utf8) + [0xFF, 0xC3] + Array(" Done.".utf8)
    let result = try extractor.extract(utf8: bytes)
    #expect(result.text.contains("\u{FFFD}"))
    #expect(result.diagnostics.contains { $0.code == "invalid-utf8" })
  }

  @Test(arguments: ["", " ", "\n\n\n", "“", "”", "«»", "\"\"\"\"\""])
  func oddInputGivesAResultWithoutThrowing(text: String) throws {
    let extractor = try #require(Self.extractor)
    let result = try extractor.extract(from: text)
    #expect(result.text == text)
    for attribution in result.attributions {
      #expect(attribution.content.upperBound <= text.utf8.count)
    }
  }

  @Test func reportedTypesCanBeLimited() throws {
    var configuration = Configuration()
    configuration.types = [.indirect]
    let extractor = try QuoteExtractor(configuration: configuration)
    let text = try String(contentsOf: ExampleRunner.apExample, encoding: .utf8)
    let result = try extractor.extract(from: text)
    #expect(result.attributions.allSatisfy { $0.type == .indirect })
    #expect(extractor.configuration.types == [.indirect])
  }

  @Test func maximumQuoteLengthDropsLongerQuotations() throws {
    let text = "“Short,” she said. “This one is a good deal longer than the first,” he said."
    let all = try QuoteExtractor().extract(from: text)
    #expect(all.quotes.count == 2)
    var configuration = Configuration()
    configuration.maximumQuoteLength = 10
    let limited = try QuoteExtractor(configuration: configuration).extract(from: text)
    #expect(limited.quotes.map { limited.text($0.content) } == ["Short,"])
  }

  @Test func segmentSplitsWithoutLookingForQuotations() throws {
    let extractor = try #require(Self.extractor)
    let document = try extractor.segment("One sentence here. And a second one.\n\nA new paragraph.")
    #expect(document.paragraphs.count == 2)
    #expect(document.sentences.count == 3)
    #expect(document.tokens.allSatisfy { $0.utf8Range.upperBound <= document.utf8Count })
  }
}
