import ArgumentParser
import QuoteExtraction

@main
struct Extract: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Find who said what: quotations, reported speech, cues and speakers.",
    discussion: """
      Examples:
        extract Fixtures/examples/ap-mexico-migration.txt
        extract corpus.jsonl > attributions.jsonl
        extract segment --format text article.txt
      """,
    version: "0.1.0",
    subcommands: [Run.self, Segment.self],
    defaultSubcommand: Run.self
  )
}
