import Foundation
import QuoteExtraction
import Testing

/// The programs under `Examples/` build, run, and print what the library finds.
@Suite struct ExampleTests {
  @Test func embeddingExamplePrintsEveryAttributionOfTheAPExample() throws {
    let binary = try #require(ExampleRunner.binary("EmbeddingExample"), "example not built")
    let run = try ExampleRunner.run(binary, [ExampleRunner.apExample.path])
    #expect(run.status == 0)

    let text = try String(contentsOf: ExampleRunner.apExample, encoding: .utf8)
    let result = try QuoteExtractor().extract(from: text)
    let lines = run.out.split(separator: "\n").map(String.init)
    #expect(lines.count == result.attributions.count + 1)
    for (line, attribution) in zip(lines, result.attributions) {
      let fields = line.split(separator: "\t", maxSplits: 3).map(String.init)
      let offsets = result.range(attribution.content, in: .codePoints)
      #expect(fields.first == attribution.type.rawValue)
      #expect(fields.dropFirst().first == "\(offsets.lowerBound)-\(offsets.upperBound)")
      #expect(fields.last == result.text(attribution.content))
    }
    #expect(lines.last?.hasPrefix("\(result.attributions.count) attributions") == true)
  }

  @Test func embeddingExampleFailsCleanlyOnAMissingFile() throws {
    let binary = try #require(ExampleRunner.binary("EmbeddingExample"), "example not built")
    let run = try ExampleRunner.run(binary, ["/nonexistent/article.txt"])
    #expect(run.status == 1)
    #expect(run.out.isEmpty)
  }
}

/// The batch example.
@Suite struct BatchExampleTests {
  @Test func batchExampleGivesTheSameResultsInOrder() throws {
    let binary = try #require(ExampleRunner.binary("BatchExample"), "example not built")
    let run = try ExampleRunner.run(binary, ["200"])
    #expect(run.status == 0)
    let lines = run.out.split(separator: "\n").map(String.init)
    #expect(lines.contains("documents: 200"))
    #expect(lines.contains("same results in order: true"))
  }
}
