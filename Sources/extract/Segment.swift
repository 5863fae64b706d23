import ArgumentParser
import Foundation
import QuoteExtraction

/// Shows how a text is split into sentences (and tokens).
struct Segment: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Split documents into sentences and tokens."
  )

  enum Format: String, ExpressibleByArgument { case jsonl, text }

  @OptionGroup var input: InputOptions
  @OptionGroup var output: OutputOptions

  @Option(help: "jsonl (one object per document) or text (one sentence per line).")
  var format: Format = .jsonl

  @Flag(help: "Include the tokens.")
  var tokens = false

  func run() throws {
    Signals.install()
    let extractor = try input.makeExtractor()
    let sink = try OutputSink(path: self.output.output)
    var failed = false
    try input.forEachDocument { id, text, line, error in
      var writer = JSONWriter()
      var output: [UInt8] = []
      guard let text else {
        failed = true
        writer.beginObject()
        writer.string("id", id)
        writeError(
          &writer, code: error?.code ?? "error", message: error?.message ?? "", line: line)
        writer.endObject()
        output = writer.bytes + [0x0A]
        sink.write(output)
        return
      }
      let document = try extractor.segment(utf8: text)
      switch format {
      case .jsonl:
        writer.beginObject()
        writer.string("id", id)
        document.writeSegmentation(to: &writer, offsets: input.offsets, tokens: tokens)
        writer.endObject()
        output = writer.bytes + [0x0A]
      case .text:
        for sentence in document.sentences {
          let line = document.text(sentence.utf8Range).split(whereSeparator: \.isNewline).joined(
            separator: " ")
          output.append(contentsOf: line.utf8)
          output.append(0x0A)
          if tokens {
            for token in sentence.tokens {
              output.append(
                contentsOf: "  \(document.tokens[token].kind.name)\t\(document.text(of: token))\n"
                  .utf8)
            }
          }
        }
      }
      sink.write(output)
    }
    sink.flush()
    if failed { throw ExitCode(1) }
  }
}
