import ArgumentParser
import Foundation
import QuoteExtraction

/// Scores the engine (or given predictions) against gold files, with score.py's figures.
struct Eval: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Score attributions against gold JSON Lines (the figures of score.py).",
    discussion: """
      Runs the engine on the texts of each gold file (or reads --predictions) and prints \
      exact, exact_norm, partial and partial+split precision/recall/F1, speaker, \
      speaker_lastname, speaker_alias and type accuracy, by gold type and by speaker_kind: \
      the same figures, keys and algorithm as shared/tools/score.py.
      """
  )

  @Argument(help: "Gold files (JSON Lines with id, text, quotes).")
  var gold: [String]

  @Option(help: "Score these predictions (JSON Lines) instead of running the engine.")
  var predictions: String?

  @Option(help: "Offsets of --predictions: cp (code points) or utf8.")
  var predOffsets: String = "cp"

  @Flag(help: "Print the figures as JSON (the structure of score.py --json).")
  var json = false

  @Flag(help: "List missed and spurious attributions with their text.")
  var misses = false

  @Option(help: "Minimum share of the gold quote's tokens for a partial match.")
  var minOverlap: Double = 0.5

  @Flag(help: "Do not merge quotes that share a group.")
  var noGroupMerge = false

  @Option(
    name: [.short, .customLong("jobs")],
    help: "Worker threads (the default is the number of cores).")
  var jobs: Int = QuoteExtractor.defaultConcurrency

  @Option(help: "How paragraphs are found: blank-line or line.")
  var paragraphs: Document.ParagraphMode = .blankLine

  func validate() throws {
    if gold.isEmpty { throw ValidationError("Give at least one gold file.") }
    if predictions != nil && gold.count != 1 {
      throw ValidationError("--predictions scores one gold file.")
    }
    if predOffsets != "cp" && predOffsets != "utf8" {
      throw ValidationError("--pred-offsets must be cp or utf8.")
    }
    if predOffsets == "utf8" && predictions == nil {
      throw ValidationError("--pred-offsets needs --predictions.")
    }
    if jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
  }

  func run() throws {
    Signals.install()
    var configuration = Configuration()
    configuration.paragraphMode = paragraphs
    let extractor = try QuoteExtractor(configuration: configuration)
    let scorer = Scorer(minOverlap: minOverlap, groupMerge: !noGroupMerge)
    var reports: [(path: String, result: JSONValue)] = []
    var output = ""
    for path in gold {
      let documents = try EvalCorpus.goldDocuments(path)
      let predicted: (quotes: [String: [Scorer.Quote]], ids: Set<String>)
      if let predictions {
        predicted = try EvalCorpus.predictions(
          predictions, gold: documents, utf8Offsets: predOffsets == "utf8")
      } else {
        predicted = run(extractor, on: documents)
        if Signals.wasInterrupted { throw ExitCode(130) }
      }
      var found: [Scorer.Miss] = []
      let result = scorer.score(
        gold: documents, predictions: predicted.quotes, predictedIDs: predicted.ids,
        misses: &found)
      reports.append((path, result))
      if !json {
        if gold.count > 1 { output += "== \(path)\n" }
        output += ScoreReport.text(result)
        if misses { output += ScoreReport.misses(found, documents: documents) }
        if gold.count > 1 { output += "\n" }
      }
    }
    if json {
      if reports.count == 1 {
        output = reports[0].result.pythonJSON() + "\n"
      } else {
        output =
          JSONValue.object(
            Dictionary(reports.map { ($0.path, $0.result) }, uniquingKeysWith: { $1 })
          )
          .pythonJSON() + "\n"
      }
    }
    FileHandle.standardOutput.write(Data(output.utf8))
  }

  private func run(_ extractor: QuoteExtractor, on documents: [Scorer.Document])
    -> (quotes: [String: [Scorer.Quote]], ids: Set<String>)
  {
    var quotes: [String: [Scorer.Quote]] = [:]
    let inputs = documents.map { document -> BatchDocument in
      var text = ""
      text.unicodeScalars.append(contentsOf: document.text)
      return BatchDocument(id: document.id, text: text)
    }
    extractor.forEachInOrder(
      inputs, concurrency: jobs,
      transform: { extractor, document -> (String, [Scorer.Quote]) in
        guard let result = try? extractor.extract(utf8: document.utf8) else {
          return (document.id, [])
        }
        return (document.id, EvalCorpus.quotes(of: result))
      },
      emit: { id, predicted in
        quotes[id] = predicted
        return !Signals.wasInterrupted
      })
    return (quotes, Set(quotes.keys))
  }
}
