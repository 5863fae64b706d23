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

  @Option(help: "jsonl (one object per document) or text (one sentence per line).")
  var format: Format = .jsonl

  @Flag(help: "Include the tokens.")
  var tokens = false

  func run() throws {
    var configuration = Configuration()
    configuration.paragraphMode = input.paragraphs
    let extractor = try QuoteExtractor(configuration: configuration)
    var failed = false
    try InputReader.records(from: input.inputs, textField: input.textField, idField: input.idField)
    {
      record in
      var writer = JSONWriter()
      var output: [UInt8] = []
      guard let text = record.text else {
        failed = true
        writer.beginObject()
        writer.string("id", record.id)
        writeError(
          &writer, code: record.error?.code ?? "error", message: record.error?.message ?? "",
          line: record.line)
        writer.endObject()
        output = writer.bytes + [0x0A]
        FileHandle.standardOutput.write(Data(output))
        return
      }
      let document = try extractor.segment(utf8: text)
      switch format {
      case .jsonl:
        writer.beginObject()
        writer.string("id", record.id)
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
      FileHandle.standardOutput.write(Data(output))
    }
    if failed { throw ExitCode(1) }
  }
}
