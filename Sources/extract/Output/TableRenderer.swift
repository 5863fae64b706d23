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

  /// The text on one line, cut to `width` terminal columns with an ellipsis.
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
    guard TerminalWidth.columns(of: flat) > width else { return flat }
    // NB: cut by columns, not characters: a CJK character takes two, and the ellipsis one.
    var clipped = ""
    var columns = 0
    for character in flat {
      let next = TerminalWidth.columns(of: character)
      guard columns + next <= width - 1 else { break }
      clipped.append(character)
      columns += next
    }
    return clipped + "…"
  }

  /// The text followed by spaces up to `width` terminal columns (at least one space).
  func pad(_ text: String, _ width: Int) -> String {
    let columns = TerminalWidth.columns(of: text)
    return columns >= width ? text + " " : text + String(repeating: " ", count: width - columns)
  }
}
