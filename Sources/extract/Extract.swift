import ArgumentParser
import Foundation
import QuoteExtraction

@main
struct Extract: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "extract",
    abstract: "Find who said what: quotations, reported speech, cues and speakers.",
    discussion: """
      Examples:
        extract Fixtures/examples/ap-mexico-migration.txt
        extract corpus.jsonl.gz -j 2 --stats > attributions.jsonl
        extract articles/ --format csv --output attributions.csv
        extract news.jsonl --keep-fields source,date --offsets utf16 | head
        extract article.txt --format html --output article.html
        cat article.txt | extract --format table
        extract eval ../shared/corpora/polnear-dev.jsonl
        extract explain article.txt
        extract --rules my-rules.json --lexicon speech=my-verbs.txt article.txt
        extract rules check my-rules.json
        extract segment --format text article.txt
        extract --generate-completion-script bash > extract.bash
      """,
    version: "0.1.0",
    subcommands: [Run.self, Eval.self, Explain.self, Segment.self, Rules.self],
    defaultSubcommand: Run.self
  )

  /// Runs the command; usage errors exit with status 2 (one line and the usage).
  static func main() {
    do {
      var command = try parseAsRoot()
      try command.run()
    } catch {
      let code = exitCode(for: error)
      if code == .validationFailure {
        FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
        Foundation.exit(2)
      }
      exit(withError: error)
    }
  }
}
