import QuoteExtraction

/// One CSV row per attribution (RFC 4180 quoting); a failed record gives one `error` row.
struct CSVRenderer {
  static let header =
    "id,type,speaker_name,speaker,cue,content,content_start,content_end,rule,confidence\n"

  let offsets: OffsetUnit

  func render(_ content: RecordContent) -> [UInt8] {
    var out = ""
    switch content.outcome {
    case .failure(let code, let message):
      row(&out, [content.id, "error", "", "", "", "\(code): \(message)", "", "", "", ""])
    case .result(let result):
      let document = result.document
      for attribution in result.attributions {
        let range = attribution.content
        row(
          &out,
          [
            content.id, attribution.type.rawValue, attribution.speakerName ?? "",
            attribution.speaker.map { document.text($0) } ?? "",
            attribution.cue.map { document.text($0) } ?? "",
            attribution.fragments.map { document.text($0) }.joined(separator: " … "),
            String(document.offset(range.lowerBound, in: offsets)),
            String(document.offset(range.upperBound, in: offsets)),
            attribution.rule, confidence(attribution.confidence),
          ])
      }
    }
    return Array(out.utf8)
  }

  private func confidence(_ value: Double) -> String {
    var writer = JSONWriter()
    writer.beginArray()
    writer.double(value)
    writer.endArray()
    return String(decoding: writer.bytes.dropFirst().dropLast(), as: UTF8.self)
  }

  private func row(_ out: inout String, _ fields: [String]) {
    for (index, field) in fields.enumerated() {
      if index > 0 { out.append(",") }
      if field.contains(where: {
        $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "\r\n"
      }) {
        out.append("\"")
        out.append(field.replacingAll("\"", with: "\"\""))
        out.append("\"")
      } else {
        out.append(field)
      }
    }
    out.append("\n")
  }
}

extension String {
  /// The string with every `target` character replaced (no Foundation needed).
  func replacingAll(_ target: Character, with replacement: String) -> String {
    var out = ""
    out.reserveCapacity(utf8.count)
    for character in self {
      if character == target { out.append(replacement) } else { out.append(character) }
    }
    return out
  }
}
