import ArgumentParser
import Foundation
import QuoteExtraction

/// The main job: attributions for every document, in input order, in the chosen format.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Extract attributions (the default subcommand).",
    discussion: """
      Every input record yields exactly one output record, in input order. A record that \
      cannot be processed (bad JSON, no text field, a text that is not a string, invalid \
      UTF-8 in a JSON line, binary data, a document over --max-document-bytes, a missing \
      file) yields {"id", "error": {"code", "message", "line"}} and the run goes on. An \
      empty text is not an error: it yields an empty result (counted as "empty" in \
      --stats). Blank lines in JSON Lines are not records and are skipped.

      Exit status: 0 when every record succeeded, 1 when some failed, 2 for usage errors.
      """
  )

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions
  @OptionGroup var corpus: CorpusOptions

  @Option(
    help:
      "jsonl, json, csv, table or html (default: table on a terminal, jsonl otherwise).")
  var format: OutputFormat?

  @Option(
    help: ArgumentHelp(
      "JSON Lines fields to copy to each output record (comma-separated).",
      valueName: "field,..."))
  var keepFields: String?

  var keptFields: [String] {
    (keepFields ?? "").split(separator: ",").map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }
  }

  func validate() throws {
    try output.check(against: input.inputs)
    if keepFields != nil, let format, format != .jsonl && format != .json {
      throw ValidationError("--keep-fields needs --format jsonl or json.")
    }
    if keepFields != nil && input.inputMode == .text {
      throw ValidationError("--keep-fields needs JSON Lines input, not --input text.")
    }
    if keptFields.contains(input.textField) || keptFields.contains(input.idField) {
      throw ValidationError("--keep-fields cannot name the id or text field.")
    }
    let reserved = ["id", "attributions", "quotes", "entities", "diagnostics", "error"]
    if let clash = keptFields.first(where: reserved.contains) {
      throw ValidationError("--keep-fields cannot name \"\(clash)\": the output has that field.")
    }
  }

  func run() throws {
    Signals.install()
    let extractor = try input.makeExtractor()
    let sink = try OutputSink(path: output.output)
    let chosenFormat = format ?? (sink.isTerminal ? .table : .jsonl)
    let renderer = RecordRenderer(
      format: chosenFormat, offsets: input.offsets,
      title: input.inputs.isEmpty ? "extract" : input.inputs.joined(separator: ", "))
    let processor = RecordProcessor(
      parser: JSONLineParser(
        textField: input.textField, idField: input.idField, keepFields: keptFields),
      renderer: renderer, collectSpeakers: corpus.stats)
    let reader = input.makeReader()
    var statistics = RunStatistics()
    // NB: not by default when the records themselves go to the terminal: they would mix.
    let showProgress = corpus.progress ?? (isatty(2) == 1 && !sink.isTerminal)
    var progress = showProgress ? ProgressBar(totalBytes: reader.totalBytes) : nil
    sink.write(renderer.header)
    var first = true
    extractor.forEachInOrder(
      IteratorSequence(reader), concurrency: corpus.jobs,
      transform: { extractor, raw in processor.process(raw, with: extractor) },
      emit: { record in
        if !first { sink.write(renderer.separator) }
        first = false
        sink.write(record.output)
        statistics.add(record)
        progress?.update(documents: statistics.documents, bytes: reader.consumedBytes)
        return !Signals.wasInterrupted
      })
    sink.write(renderer.footer)
    sink.flush()
    if progress != nil {
      progress?.update(documents: statistics.documents, bytes: reader.consumedBytes, force: true)
      progress?.finish()
    }
    if corpus.stats || Signals.wasInterrupted {
      FileHandle.standardError.write(
        Data(
          ((Signals.wasInterrupted ? "interrupted\n" : "") + statistics.report()).utf8))
    }
    if Signals.wasInterrupted { throw ExitCode(130) }
    if statistics.failed > 0 { throw ExitCode(1) }
  }
}
