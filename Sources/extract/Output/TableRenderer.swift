import QuoteExtraction

/// A summary for people: per document, one aligned row per attribution.
struct TableRenderer {
  static let speakerWidth = 24
  static let cueWidth = 14
  static let contentWidth = 60

  func render(_ content: RecordContent) -> String {
    var out = ""
    switch content.outcome {
    case .failure(let code, let message):
      let place = content.line.map { " (line \($0))" } ?? ""
      out += "\(content.id): error \(code)\(place): \(message)\n\n"
    case .result(let result):
      let count = result.attributions.count
      out +=
        "\(content.id): \(count) attribution\(count == 1 ? "" : "s"), "
        + "\(result.quotes.count) quoted span\(result.quotes.count == 1 ? "" : "s")\n"
      guard count > 0 else {
        out += "\n"
        return out
      }
      out +=
        "  " + pad("TYPE", 9) + pad("SPEAKER", Self.speakerWidth) + pad("CUE", Self.cueWidth)
        + "CONTENT\n"
      let document = result.document
      for attribution in result.attributions {
        let speaker = result.speakerLabel(of: attribution) ?? "—"
        let cue = attribution.cue.map { document.text($0) } ?? "—"
        let text = attribution.fragments.map { document.text($0) }.joined(separator: " … ")
        out +=
          "  " + pad(attribution.type.rawValue, 9)
          + pad(clip(speaker, Self.speakerWidth - 2), Self.speakerWidth)
          + pad(clip(cue, Self.cueWidth - 2), Self.cueWidth)
          + clip(text, Self.contentWidth) + "\n"
      }
      out += "\n"
    }
    return out
  }

  /// The text on one line, cut to `width` characters with an ellipsis.
  func clip(_ text: String, _ width: Int) -> String {
    var flat = ""
    var lastWasSpace = false
    for character in text {
      if character.isWhitespace {
        if !lastWasSpace { flat.append(" ") }
        lastWasSpace = true
      } else {
        flat.append(character)
        lastWasSpace = false
      }
    }
    guard flat.count > width else { return flat }
    return String(flat.prefix(max(width - 1, 0))) + "…"
  }

  func pad(_ text: String, _ width: Int) -> String {
    let count = text.count
    return count >= width ? text + " " : text + String(repeating: " ", count: width - count)
  }
}
