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

/// The examples that extend the rule engine.
@Suite struct ExtensionExampleTests {
  /// The lines of a section of an example's output, from its `label:` line to the next label.
  static func section(_ label: String, of output: String) -> [String] {
    let lines = output.split(separator: "\n").map(String.init)
    guard let start = lines.firstIndex(where: { $0.hasPrefix(label + ":") }) else { return [] }
    return Array(lines[(start + 1)...].prefix { $0.hasPrefix("  ") })
  }

  @Test func customVerbExampleFindsTheVerbOnlyOnceAdded() throws {
    let binary = try #require(ExampleRunner.binary("CustomVerbExample"), "example not built")
    let run = try ExampleRunner.run(binary)
    #expect(run.status == 0)
    let before = Self.section("built-in", of: run.out)
    let after = Self.section("with harrumph", of: run.out)
    #expect(!before.contains { $0.contains("indirect") })
    #expect(after.filter { $0.contains("cue: harrumphed") }.count == 2)
    #expect(after.contains { $0.contains("indirect") && $0.contains("speaker: The council") })
    // The quotation: with the verb known, a cue rule attributes it, not the dialogue fallback.
    #expect(before.contains { $0.contains("rule: direct.dialogue") })
    #expect(!after.contains { $0.contains("rule: direct.dialogue") })
  }

  @Test func customRuleExampleFiresItsRuleAndReportsABrokenPack() throws {
    let binary = try #require(ExampleRunner.binary("CustomRuleExample"), "example not built")
    let run = try ExampleRunner.run(binary)
    #expect(run.status == 0)
    #expect(!Self.section("built-in", of: run.out).contains { $0.contains("in-the-words-of") })
    let added = Self.section("with the pack", of: run.out)
    #expect(added.contains { $0.hasPrefix("  example.in-the-words-of") })
    let lines = run.out.split(separator: "\n").map(String.init)
    #expect(lines.contains("broken pack: rules error"))
    #expect(lines.contains { $0.hasPrefix("broken.json:") && $0.contains(": error: ") })
    #expect(lines.last?.trimmingCharacters(in: .whitespaces) == "^")
  }
}
