import ArgumentParser
import Foundation
import QuoteExtraction

/// For people: every attribution with the rule and pass that made it, its cue, speaker and
/// confidence, then the quoted spans left unattributed and why.
struct Explain: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Show why each attribution was made (rule, cue, speaker, confidence)."
  )

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions

  func validate() throws {
    try output.check(against: input.inputs)
  }

  func run() throws {
    Signals.install()
    let extractor = try input.makeExtractor()
    let sink = try OutputSink(path: output.output)
    var failed = false
    try input.forEachDocument { id, text, line, error in
      guard let text else {
        failed = true
        let place = line.map { " (line \($0))" } ?? ""
        sink.write(
          Array("\(id)\(place): error \(error?.code ?? "error"): \(error?.message ?? "")\n\n".utf8))
        return
      }
      let result = try extractor.extract(utf8: text)
      sink.write(Array(Self.explanation(id: id, result: result, offsets: input.offsets).utf8))
    }
    sink.flush()
    if failed { throw ExitCode(1) }
  }

  /// The document's id, then the library's explanation: each rule that fired, where and why,
  /// and why each quotation stayed unattributed.
  static func explanation(id: String, result: ExtractionResult, offsets: OffsetUnit) -> String {
    "\(id): " + result.explanation() + "\n\n"
  }
}
