import QuoteExtraction

/// A self-contained page: each document's text with its attributions highlighted, coloured by
/// speaker, with a legend of speakers and the type of each attribution.
struct HTMLRenderer {
  static let palette = [
    "#fde68a", "#bfdbfe", "#bbf7d0", "#fecaca", "#ddd6fe", "#fed7aa", "#a5f3fc", "#f5d0fe",
    "#d9f99d", "#fbcfe8", "#c7d2fe", "#e7e5e4",
  ]

  static func header(title: String) -> String {
    """
    <!DOCTYPE html>
    <html lang="en"><head><meta charset="utf-8">
    <title>\(escape(title))</title>
    <style>
    body{font:15px/1.6 Georgia,serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#222}
    h1{font:600 1.3rem system-ui,sans-serif}
    section{border-top:1px solid #ccc;margin-top:2rem;padding-top:1rem}
    h2{font:600 1rem system-ui,sans-serif;margin:0 0 .5rem}
    .summary,.legend{font:13px system-ui,sans-serif;color:#444}
    .legend span.key{display:inline-block;padding:0 .4rem;margin:.1rem .3rem .1rem 0;border-radius:3px}
    .text{white-space:pre-wrap}
    mark{border-radius:2px;padding:1px 0;color:inherit}
    mark[data-type=indirect]{border-bottom:2px dotted #555}
    mark[data-type=mixed]{border-bottom:2px dashed #555}
    .speaker{font-weight:bold;text-decoration:underline}
    .cue{font-style:italic;text-decoration:underline dotted}
    sup.t{font:10px system-ui,sans-serif;color:#555;margin-left:1px}
    .error{color:#b00020;font-family:system-ui,sans-serif}
    .unattributed{background:#eee}
    </style></head><body>
    <h1>\(escape(title))</h1>
    <p class="summary">Highlight colour = speaker (see each legend); solid = direct,
    dotted underline = indirect, dashed = mixed; <span class="speaker">speaker</span>,
    <span class="cue">cue</span>. Hover a quotation for its rule and confidence.</p>

    """
  }

  static let footer = "</body></html>\n"

  static func escape(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
      switch scalar {
      case "<": out += "&lt;"
      case ">": out += "&gt;"
      case "&": out += "&amp;"
      case "\"": out += "&quot;"
      default: out.unicodeScalars.append(scalar)
      }
    }
    return out
  }

  func render(_ content: RecordContent) -> String {
    var out = "<section><h2>\(Self.escape(content.id))</h2>\n"
    switch content.outcome {
    case .failure(let code, let message):
      out += "<p class=\"error\">error \(Self.escape(code)): \(Self.escape(message))</p>"
    case .result(let result):
      out += body(result)
    }
    out += "</section>\n"
    return out
  }

  private func body(_ result: ExtractionResult) -> String {
    let document = result.document
    var speakers: [String] = []
    var colour: [String: Int] = [:]
    var counts = [0, 0, 0]
    for attribution in result.attributions {
      let label = result.speakerLabel(of: attribution) ?? "(no speaker)"
      if colour[label] == nil {
        colour[label] = speakers.count
        speakers.append(label)
      }
      switch attribution.type {
      case .direct: counts[0] += 1
      case .indirect: counts[1] += 1
      case .mixed: counts[2] += 1
      }
    }
    let plural = result.attributions.count == 1 ? "" : "s"
    var out =
      "<p class=\"summary\">\(result.attributions.count) attribution\(plural) (direct \(counts[0]), "
      + "indirect \(counts[1]), mixed \(counts[2])), \(result.quotes.count) quoted "
      + "span\(result.quotes.count == 1 ? "" : "s")</p>\n"
    if !speakers.isEmpty {
      out += "<p class=\"legend\">"
      for (index, speaker) in speakers.enumerated() {
        let background = Self.palette[index % Self.palette.count]
        out +=
          "<span class=\"key\" style=\"background:\(background)\">\(Self.escape(speaker))</span>"
      }
      out += "</p>\n"
    }
    // Opening and closing events at UTF-8 offsets; content, speaker and cue spans may nest.
    enum Role { case content(Int, Int), speaker, cue }
    var opens: [Int: [(end: Int, role: Role)]] = [:]
    for (index, attribution) in result.attributions.enumerated() {
      let label = result.speakerLabel(of: attribution) ?? "(no speaker)"
      let colourIndex = colour[label] ?? 0
      for fragment in attribution.fragments where !fragment.isEmpty {
        opens[fragment.lowerBound, default: []].append(
          (fragment.upperBound, .content(index, colourIndex)))
      }
      if let speaker = attribution.speaker, !speaker.isEmpty {
        opens[speaker.lowerBound, default: []].append((speaker.upperBound, .speaker))
      }
      if let cue = attribution.cue, !cue.isEmpty {
        opens[cue.lowerBound, default: []].append((cue.upperBound, .cue))
      }
    }
    out += "<div class=\"text\">"
    var stack: [(end: Int, close: String)] = []
    var position = 0
    let bytes = document.utf8
    let boundaries = Set(opens.keys).union(opens.values.flatMap { $0.map(\.end) }).sorted()
    func emitText(upTo end: Int) {
      guard end > position else { return }
      out += Self.escape(String(decoding: bytes[position..<end], as: UTF8.self))
      position = end
    }
    func closeEnded(at offset: Int) {
      while let top = stack.last, top.end <= offset {
        out += top.close
        stack.removeLast()
      }
    }
    for boundary in boundaries where boundary <= bytes.count {
      emitText(upTo: boundary)
      closeEnded(at: boundary)
      // Longer spans open first so that shorter ones nest inside them.
      for (end, role) in (opens[boundary] ?? []).sorted(by: { $0.end > $1.end }) {
        // NB: a span that would cross one still open is clipped to it, so tags stay nested.
        let clippedEnd = min(end, stack.last?.end ?? end)
        switch role {
        case .content(let index, let colourIndex):
          let attribution = result.attributions[index]
          let background = Self.palette[colourIndex % Self.palette.count]
          let title =
            "\(attribution.type.rawValue) · \(attribution.rule) · confidence "
            + "\(Int((attribution.confidence * 100).rounded()))%"
          out +=
            "<mark data-type=\"\(attribution.type.rawValue)\" style=\"background:\(background)\" "
            + "title=\"\(Self.escape(title))\">"
          stack.append(
            (clippedEnd, "<sup class=\"t\">\(attribution.type.rawValue.prefix(3))</sup></mark>"))
        case .speaker:
          out += "<span class=\"speaker\">"
          stack.append((clippedEnd, "</span>"))
        case .cue:
          out += "<span class=\"cue\">"
          stack.append((clippedEnd, "</span>"))
        }
      }
    }
    emitText(upTo: bytes.count)
    closeEnded(at: Int.max)
    out += "</div>\n"
    let attributed = Set(result.attributions.flatMap(\.quotes))
    let unattributed = result.quotes.indices.filter { !attributed.contains($0) }
    if !unattributed.isEmpty {
      out += "<p class=\"summary\">Quoted spans not attributed: "
      out += unattributed.prefix(20).map {
        "<span class=\"unattributed\">\(Self.escape(document.text(result.quotes[$0].content)))</span>"
      }.joined(separator: " · ")
      if unattributed.count > 20 { out += " · …" }
      out += "</p>\n"
    }
    return out
  }
}
