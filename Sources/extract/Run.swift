import ArgumentParser
import Foundation
import QuoteExtraction

/// The main job: attributions for every document, one JSON object per line.
struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Extract attributions (the default subcommand)."
  )

  @OptionGroup var input: InputOptions

  func run() throws {
    var configuration = Configuration()
    configuration.paragraphMode = input.paragraphs
    let extractor = try QuoteExtractor(configuration: configuration)
    var failed = false
    try InputReader.records(from: input.inputs, textField: input.textField, idField: input.idField)
    {
      record in
      var writer = JSONWriter()
      writer.beginObject()
      writer.string("id", record.id)
      if let text = record.text {
        do {
          let result = try extractor.extract(utf8: text)
          result.writeFields(to: &writer, offsets: input.offsets)
        } catch let error as QuoteExtractionError {
          failed = true
          writeError(&writer, code: error.code, message: error.description, line: record.line)
        } catch {
          failed = true
          writeError(&writer, code: "internal", message: "\(error)", line: record.line)
        }
      } else if let error = record.error {
        failed = true
        writeError(&writer, code: error.code, message: error.message, line: record.line)
      }
      writer.endObject()
      writer.bytes.append(UInt8(ascii: "\n"))
      FileHandle.standardOutput.write(Data(writer.bytes))
    }
    if failed { throw ExitCode(1) }
  }
}

func writeError(_ writer: inout JSONWriter, code: String, message: String, line: Int?) {
  writer.beginObject("error")
  writer.string("code", code)
  writer.string("message", message)
  if let line { writer.int("line", line) } else { writer.null("line") }
  writer.endObject()
}
