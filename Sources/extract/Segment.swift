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

  @Flag(help: "Include the quoted spans (in text, after the sentence where each one starts).")
  var quotes = false

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
      let found: ExtractionResult? = quotes ? try extractor.extract(utf8: text) : nil
      let document = try found?.document ?? extractor.segment(utf8: text)
      switch format {
      case .jsonl:
        writer.beginObject()
        writer.string("id", id)
        document.writeSegmentation(to: &writer, offsets: input.offsets, tokens: tokens)
        if let found { writeQuotes(found, to: &writer, offsets: input.offsets) }
        writer.endObject()
        output = writer.bytes + [0x0A]
      case .text:
        var nextQuote = 0
        let spans = found?.quotes ?? []
        for sentence in document.sentences {
          let line = document.text(sentence.utf8Range).split(whereSeparator: \.isNewline).joined(
            separator: " ")
          output.append(contentsOf: line.utf8)
          output.append(0x0A)
          while nextQuote < spans.count && spans[nextQuote].openMark.lowerBound < sentence.utf8End {
            output.append(contentsOf: Self.describe(spans[nextQuote], in: document).utf8)
            nextQuote += 1
          }
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

  /// One line for people: `  quote[depth] kind «text»`, with `(unclosed)` or `(part N)`.
  static func describe(_ quote: QuotedSpan, in document: Document) -> String {
    let text = document.text(quote.content).split(whereSeparator: \.isNewline).joined(
      separator: " ")
    var notes = ""
    if !quote.isClosed { notes += " (unclosed)" }
    if let part = quote.part { notes += " (part \(part))" }
    let indent = String(repeating: "  ", count: quote.depth + 1)
    return "\(indent)quote \(quote.kind.rawValue)\(notes): \(text)\n"
  }

  /// Writes `quotes` as `extract` does: start, end, text, depth, parent, closed, kind, part.
  func writeQuotes(_ result: ExtractionResult, to writer: inout JSONWriter, offsets: OffsetUnit) {
    let document = result.document
    writer.beginArray("quotes")
    for quote in result.quotes {
      writer.beginObject()
      writer.int("start", document.offset(quote.content.lowerBound, in: offsets))
      writer.int("end", document.offset(quote.content.upperBound, in: offsets))
      writer.string("text", utf8: document.utf8[quote.content])
      writer.int("depth", quote.depth)
      if let parent = quote.parent { writer.int("parent", parent) } else { writer.null("parent") }
      writer.bool("closed", quote.isClosed)
      writer.string("kind", quote.kind.rawValue)
      if let part = quote.part { writer.int("part", part) }
      writer.endObject()
    }
    writer.endArray()
    writer.beginArray("diagnostics")
    for diagnostic in result.diagnostics {
      writer.beginObject()
      writer.string("code", diagnostic.code)
      writer.string("message", diagnostic.message)
      if let offset = diagnostic.utf8Offset {
        writer.int("offset", document.offset(min(offset, document.utf8Count), in: offsets))
      }
      writer.endObject()
    }
    writer.endArray()
  }
}
