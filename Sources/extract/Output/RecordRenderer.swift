import ArgumentParser
import QuoteExtraction

/// The output formats of `extract run`.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case jsonl, json, csv, table, html
}

/// Renders records in one format. Sendable: the workers render in parallel; the writer adds the
/// header, the separators and the footer in order.
struct RecordRenderer: Sendable {
  let format: OutputFormat
  let offsets: OffsetUnit
  let title: String

  /// Written once before the first record.
  var header: [UInt8] {
    switch format {
    case .jsonl, .table: []
    case .json: Array("[\n".utf8)
    case .csv: Array(CSVRenderer.header.utf8)
    case .html: Array(HTMLRenderer.header(title: title).utf8)
    }
  }

  /// Written between two records.
  var separator: [UInt8] {
    format == .json ? Array(",\n".utf8) : []
  }

  /// Written after the last record.
  var footer: [UInt8] {
    switch format {
    case .jsonl, .table, .csv: []
    case .json: Array("\n]\n".utf8)
    case .html: Array(HTMLRenderer.footer.utf8)
    }
  }

  /// Whether a record's output ends with a newline that `json` drops before its separator.
  func render(_ content: RecordContent) -> [UInt8] {
    switch format {
    case .jsonl:
      var bytes = jsonObject(content)
      bytes.append(0x0A)
      return bytes
    case .json: return jsonObject(content)
    case .csv: return CSVRenderer(offsets: offsets).render(content)
    case .table: return Array(TableRenderer().render(content).utf8)
    case .html: return Array(HTMLRenderer().render(content).utf8)
    }
  }

  func jsonObject(_ content: RecordContent) -> [UInt8] {
    var writer = JSONWriter()
    writer.beginObject()
    writer.string("id", content.id)
    for (key, json) in content.kept where key != "id" {
      writer.raw(key, json)
    }
    switch content.outcome {
    case .result(let result):
      result.writeFields(to: &writer, offsets: offsets)
    case .failure(let code, let message):
      writeError(&writer, code: code, message: message, line: content.line)
    }
    writer.endObject()
    return writer.bytes
  }
}

/// Writes `"error": {"code", "message", "line"}` into the open object.
func writeError(_ writer: inout JSONWriter, code: String, message: String, line: Int?) {
  writer.beginObject("error")
  writer.string("code", code)
  writer.string("message", message)
  if let line { writer.int("line", line) } else { writer.null("line") }
  writer.endObject()
}
