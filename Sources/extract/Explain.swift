import ArgumentParser
import Foundation
import QuoteExtraction

/// For people: every attribution with the rule that made it, its cue, speaker and confidence,
/// then the quoted spans left unattributed.
///
/// NB: a first version; the rules engineer may add the trace of each pass.
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

  static func explanation(id: String, result: ExtractionResult, offsets: OffsetUnit) -> String {
    let document = result.document
    func place(_ range: Range<Int>) -> String {
      "\(document.offset(range.lowerBound, in: offsets))–\(document.offset(range.upperBound, in: offsets))"
    }
    func quoted(_ range: Range<Int>?) -> String {
      guard let range else { return "none" }
      return "“\(TableRenderer().clip(document.text(range), 70))” at \(place(range))"
    }
    var out =
      "\(id): \(result.attributions.count) attributions, \(result.quotes.count) quoted spans\n"
    for (index, attribution) in result.attributions.enumerated() {
      out += "\n[\(index + 1)] \(attribution.type.rawValue) by rule \(attribution.rule)"
      out += ", confidence \(Int((attribution.confidence * 100).rounded()))%\n"
      for fragment in attribution.fragments {
        out += "    content: \(quoted(fragment))\n"
      }
      out += "    cue:     \(quoted(attribution.cue))\n"
      out += "    speaker: \(quoted(attribution.speaker))"
      if let name = attribution.speakerName { out += " = \(name)" }
      if let kind = attribution.speakerKind { out += " (\(kind.rawValue))" }
      out += "\n"
    }
    let attributed = Set(result.attributions.flatMap(\.quotes))
    let unattributed = result.quotes.indices.filter { !attributed.contains($0) }
    if !unattributed.isEmpty {
      out += "\nquoted spans left unattributed:\n"
      for index in unattributed {
        let quote = result.quotes[index]
        out += "    \(quote.kind.rawValue): \(quoted(quote.content))\n"
      }
    }
    for diagnostic in result.diagnostics {
      out += "note: \(diagnostic.code): \(diagnostic.message)\n"
    }
    return out + "\n"
  }
}
