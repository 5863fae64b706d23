extension ExtractionResult {
  /// Explains the result for people: for each attribution, the rule that made it (with its
  /// pass, confidence and description) and what it captured; for each quotation that no
  /// attribution took, why it stayed unattributed. `extract explain` prints this.
  ///
  /// Rules are described from the built-in rule pack; a rule from an added pack is named by
  /// its id only.
  public func explanation() -> String {
    let rules = (try? RuleSet.standard.get())?.rules ?? []
    let document = self.document
    var lines: [String] = []
    var lineStarts: [Int] = [0]
    for (offset, byte) in document.utf8.enumerated() where byte == UInt8(ascii: "\n") {
      lineStarts.append(offset + 1)
    }
    func position(_ utf8Offset: Int) -> String {
      var low = 0
      var high = lineStarts.count
      while low + 1 < high {
        let middle = (low + high) / 2
        if lineStarts[middle] <= utf8Offset { low = middle } else { high = middle }
      }
      let column = document.codePointOffset(utf8Offset) - document.codePointOffset(lineStarts[low])
      return "\(low + 1):\(column + 1)"
    }
    func quoted(_ range: Range<Int>, limit: Int = 80) -> String {
      var text = document.text(range).replacingNewlines()
      if text.count > limit { text = String(text.prefix(limit)) + "…" }
      return "«\(text)»"
    }

    lines.append(
      "\(attributions.count) attribution(s), \(quotes.count) quoted span(s), "
        + "\(entities.count) entit(y/ies)")
    for (number, attribution) in attributions.enumerated() {
      let rule = rules.first { $0.id == attribution.rule }
      let pass = rule?.pass.rawValue ?? Self.enginePasses[attribution.rule]?.pass ?? "added pack"
      let why =
        rule?.description ?? Self.enginePasses[attribution.rule]?.description
        ?? "a rule from an added rule pack"
      lines.append(
        "[\(number + 1)] \(position(attribution.content.lowerBound)) \(attribution.type.rawValue)"
          + " by \(attribution.rule) (pass \(pass), confidence \(attribution.confidence))")
      lines.append("    rule: \(why)")
      if let source = rule?.source { lines.append("    from: \(source)") }
      lines.append(
        "    cue: \(attribution.cue.map { quoted($0) } ?? "none")"
          + "   speaker: \(attribution.speaker.map { quoted($0) } ?? "none")"
          + (attribution.speakerName.map { " → \($0)" } ?? "")
          + (attribution.speakerKind.map { " (\($0.rawValue))" } ?? ""))
      for fragment in attribution.fragments {
        lines.append("    content: \(quoted(fragment))")
      }
      if attribution.type != .indirect {
        lines.append(
          "    type: \(attribution.type.rawValue), from how much of the content lies inside "
            + "quotation marks")
      }
    }

    var taken = Set<Int>()
    for attribution in attributions { taken.formUnion(attribution.quotes) }
    let contents = attributions.flatMap(\.fragments)
    for (index, quote) in quotes.enumerated() where !taken.contains(index) {
      let reason: String
      if let parent = quote.parent, taken.contains(parent) || quote.depth > 0 {
        reason = "nested inside quotation \(parent + 1): part of the outer quotation"
      } else if contents.contains(where: { $0.overlaps(quote.content) }) {
        reason = "inside the content of an attribution (a quoted fragment of a reported statement)"
      } else if !quote.isClosed {
        reason = "not closed, so no rule takes it as a quotation"
      } else if quote.kind == .term || quote.kind == .title {
        reason = "looks like a quoted \(quote.kind.rawValue) and no cue attributes it"
      } else {
        reason =
          "no rule pattern fits around it (no cue with a speaker next to it), and it is too "
          + "short and inside a sentence for dialogue"
      }
      lines.append(
        "quotation \(index + 1) \(position(quote.content.lowerBound)) \(quoted(quote.content, limit: 60)): unattributed — \(reason)"
      )
    }
    return lines.joined(separator: "\n") + "\n"
  }

  /// Attributions made by the engine's own passes rather than by a rule pack.
  static let enginePasses: [String: (pass: String, description: String)] = [
    "direct.paragraph-continuation": (
      "continuation",
      "A paragraph that opens with a quotation continues the quotation of the previous "
        + "paragraph's speaker."
    ),
    "direct.paragraph-speaker": (
      "dialogue",
      "In news, a quotation with no cue near it goes on with the latest speaker of its "
        + "paragraph."
    ),
    "direct.dialogue": (
      "dialogue",
      "A closed quotation in dialogue with no cue near it; its speaker is left to turn-taking."
    ),
  ]
}

extension String {
  fileprivate func replacingNewlines() -> String {
    String(map { $0.isNewline ? " " : $0 })
  }
}
