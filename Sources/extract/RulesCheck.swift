import ArgumentParser
import Foundation
import QuoteExtraction

/// `extract rules check FILE…`: loads rule packs the way a run would and reports their errors.
struct Rules: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Work with rule packs.",
    subcommands: [Check.self]
  )

  struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Check rule packs: parse, check and compile them with the built-in lexicons.",
      discussion: "Errors show file:line:column, the line and a caret. Exit status 1 on errors."
    )

    @Argument(help: "Rule pack files (JSON).")
    var files: [String]

    @Option(
      name: .customLong("lexicon"),
      help: "Lexicons the packs name, as NAME=FILE; repeatable.")
    var lexicons: [String] = []

    func run() throws {
      var failed = false
      for path in files {
        var configuration = Configuration()
        // Checked alone, so that a copy of the built-in pack does not clash with itself.
        configuration.usesBuiltInRules = false
        do {
          try EngineOptions.addFiles(rulePacks: [path], lexicons: lexicons, to: &configuration)
          _ = try QuoteExtractor(configuration: configuration)
          print("\(path): ok")
        } catch let error as QuoteExtractionError {
          failed = true
          FileHandle.standardError.write(Data("\(error.description)\n".utf8))
        }
      }
      if failed { throw ExitCode(1) }
    }
  }
}
