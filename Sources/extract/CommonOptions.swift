import ArgumentParser
import Foundation
import QuoteExtraction

extension OffsetUnit: ExpressibleByArgument {}
extension Document.ParagraphMode: ExpressibleByArgument {}

/// Options every subcommand that reads documents shares.
struct InputOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "Text files, JSON Lines files (.jsonl, .ndjson), folders, gzip files (.gz), or - for "
        + "standard input (the default when it is not a terminal).",
      valueName: "input"))
  var inputs: [String] = []

  @OptionGroup(title: "Engine") var engine: EngineOptions

  @Option(name: .customLong("input"), help: "How inputs are read: auto, text or jsonl.")
  var inputMode: InputMode = .auto

  @Option(help: "The unit of every offset written: codepoints, utf8 or utf16.")
  var offsets: OffsetUnit = .codePoints

  @Option(help: "How paragraphs are found: blank-line or line.")
  var paragraphs: Document.ParagraphMode = .blankLine

  @Option(help: "The field of a JSON Lines record that holds the text.")
  var textField: String = "text"

  @Option(help: "The field of a JSON Lines record that holds the id.")
  var idField: String = "id"

  @Option(
    help: "Refuse documents (and JSON lines) larger than this many bytes, as an error record.")
  var maxDocumentBytes: Int = 64 << 20

  /// The inputs to read: standard input when none is given.
  var resolvedInputs: [String] { inputs.isEmpty ? ["-"] : inputs }

  func validate() throws {
    if inputs.isEmpty && isatty(0) == 1 {
      throw ValidationError("No input: give files or folders, or - to read standard input.")
    }
    if maxDocumentBytes <= 0 {
      throw ValidationError("--max-document-bytes must be positive.")
    }
    if textField == idField {
      throw ValidationError("--text-field and --id-field must differ.")
    }
  }

  /// The extractor these options ask for.
  func makeExtractor() throws -> QuoteExtractor {
    var configuration = Configuration()
    configuration.paragraphMode = paragraphs
    try engine.apply(to: &configuration)
    do {
      return try QuoteExtractor(configuration: configuration)
    } catch {
      // NB: a rule pack or lexicon that does not load is a usage error, reported before any
      // record is read.
      throw ValidationError(error.description)
    }
  }

  func makeReader() -> InputReader {
    InputReader(inputs: resolvedInputs, mode: inputMode, maxDocumentBytes: maxDocumentBytes)
  }

  /// Reads every record in order on this thread, with its text checked and decoded (for the
  /// subcommands that do not need the parallel path).
  func forEachDocument(
    _ body: (
      _ id: String, _ text: [UInt8]?, _ line: Int?, _ error: (code: String, message: String)?
    )
      throws -> Void
  ) throws {
    try InputReader.records(
      from: inputs, textField: textField, idField: idField, mode: inputMode,
      maxDocumentBytes: maxDocumentBytes
    ) { record in
      try body(record.id, record.text, record.line, record.error)
    }
  }
}

/// Where the output goes.
struct OutputOptions: ParsableArguments {
  @Option(name: [.short, .long], help: "Write to this file instead of standard output.")
  var output: String?

  /// Refuses an output file that is also an input (it would be truncated before being read).
  func check(against inputs: [String]) throws {
    guard let output, output != "-" else { return }
    func resolved(_ path: String) -> String {
      URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
    let target = resolved(output)
    if inputs.contains(where: { $0 != "-" && resolved($0) == target }) {
      throw ValidationError("--output \(output) is also an input.")
    }
  }
}

/// How a corpus run is carried out.
struct CorpusOptions: ParsableArguments {
  @Option(
    name: [.short, .customLong("jobs")],
    help: "Worker threads (the default is the number of cores).")
  var jobs: Int = QuoteExtractor.defaultConcurrency

  @Flag(help: "Print totals on standard error at the end.")
  var stats = false

  @Flag(
    inversion: .prefixedNo,
    help:
      "Show a progress bar on standard error (default: when it is a terminal and standard output is not)."
  )
  var progress: Bool?

  func validate() throws {
    if jobs < 1 { throw ValidationError("--jobs must be at least 1.") }
  }
}
