import Foundation

/// score.py's `print_report`, line for line, and the `--misses` listing.
enum ScoreReport {
  static func fmt(_ value: Double?) -> String {
    guard let value else { return "  -  " }
    return String(format: "%.3f", value)
  }

  static func left(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
  }

  static func right(_ text: String, _ width: Int) -> String {
    text.count >= width ? text : String(repeating: " ", count: width - text.count) + text
  }

  static func text(_ result: JSONValue) -> String {
    func int(_ value: JSONValue?, _ key: String) -> Int { value?[key]?.int ?? 0 }
    func number(_ value: JSONValue?, _ key: String) -> Double? { value?[key]?.double }
    var out = ""
    let documents = result["documents"]
    out +=
      "documents: gold=\(int(documents, "gold")) missing_in_pred=\(int(documents, "missing_in_pred")) "
      + "pred_not_in_gold=\(int(documents, "pred_not_in_gold"))\n"
    let overlap = JSONValue.pythonRepr(number(result, "min_overlap") ?? 0.5)
    out +=
      "quotes: gold=\(int(result, "gold")) pred=\(int(result, "pred"))   "
      + "(partial = token overlap >= \(overlap) of gold)\n\n"
    out +=
      left("content spans", 14) + " " + right("P", 6) + " " + right("R", 6) + " " + right("F1", 6)
      + " " + right("tp", 7) + "\n"
    for key in ["exact", "exact_norm", "partial", "partial_split_tolerant"] {
      let figures = result[key]
      let label = key == "partial_split_tolerant" ? "partial+split" : key
      out +=
        left(label, 14) + " " + right(fmt(number(figures, "precision")), 6) + " "
        + right(fmt(number(figures, "recall")), 6) + " " + right(fmt(number(figures, "f1")), 6)
        + " " + right(String(int(figures, "tp")), 7) + "\n"
    }
    out +=
      "unmatched predictions inside a matched gold quote (split_fp): \(int(result, "split_fp"))\n"
    if int(result, "pred_invalid") != 0 {
      out +=
        "predicted quotes dropped for an empty or out-of-text content span: "
        + "\(int(result, "pred_invalid"))\n"
    }
    out += "\non partial matches:\n"
    for key in ["speaker", "speaker_lastname", "speaker_alias", "speaker_none_agree", "type"] {
      let figures = result[key]
      out +=
        "  " + left(key, 20) + " " + fmt(number(figures, "accuracy"))
        + "  (\(int(figures, "correct"))/\(int(figures, "total")))\n"
    }
    out += "\n"
    let columns = ["gold", "pred", "exR", "normR", "partR", "partP", "spk", "spkLN", "type"]
    out +=
      left("by gold type", 10) + " " + columns.map { right($0, 6) }.joined(separator: " ") + "\n"
    if case .object(let types) = result["by_type"] ?? .null {
      for type in types.keys.sorted() {
        let row = types[type]
        let pred = int(row, "pred")
        let cells = [
          String(int(row, "gold")), String(pred), fmt(number(row?["exact"], "recall")),
          fmt(number(row?["exact_norm"], "recall")), fmt(number(row?["partial"], "recall")),
          fmt(pred != 0 ? number(row?["partial"], "precision") : nil),
          fmt(number(row?["speaker"], "accuracy")),
          fmt(number(row?["speaker_lastname"], "accuracy")),
          fmt(number(row?["type"], "accuracy")),
        ]
        out += left(type, 10) + " " + cells.map { right($0, 6) }.joined(separator: " ") + "\n"
      }
    }
    out +=
      "  (partP per type = partial matches of gold quotes of that type / predictions labelled "
      + "with that type; approximate)\n"
    if case .object(let kinds) = result["by_speaker_kind"] ?? .null, !kinds.isEmpty {
      out += "\n"
      out +=
        left("by speaker_kind", 16) + " "
        + ["gold", "partR", "spk", "spkLN", "spkAL"].map { right($0, 6) }.joined(separator: " ")
        + "\n"
      for kind in kinds.keys.sorted() {
        let row = kinds[kind]
        let cells = [
          String(int(row, "gold")), fmt(number(row, "partial_recall")),
          fmt(number(row?["speaker"], "accuracy")),
          fmt(number(row?["speaker_lastname"], "accuracy")),
          fmt(number(row?["speaker_alias"], "accuracy")),
        ]
        out += left(kind, 16) + " " + cells.map { right($0, 6) }.joined(separator: " ") + "\n"
      }
    }
    if case .object(let confusion) = result["type_confusion"] ?? .null, !confusion.isEmpty {
      out += "\ntype confusion (gold -> predicted) on partial matches:\n"
      for gold in confusion.keys.sorted() {
        guard case .object(let row) = confusion[gold] ?? .null else { continue }
        out +=
          "  " + left(gold, 9) + " "
          + row.keys.sorted().map { "\($0)=\(row[$0]?.int ?? 0)" }.joined(separator: "  ") + "\n"
      }
    }
    return out
  }

  static func misses(_ misses: [Scorer.Miss], documents: [Scorer.Document]) -> String {
    let texts = Dictionary(documents.map { ($0.id, $0.text) }, uniquingKeysWith: { $1 })
    var out = "\nmissed (gold without a partial match) and spurious (predictions without one):\n"
    for miss in misses {
      guard let text = texts[miss.document] else { continue }
      let before = Scorer.slice(
        text, Scorer.Span(start: max(miss.span.start - 40, 0), end: miss.span.start))
      let content = Scorer.slice(text, miss.span)
      let after = Scorer.slice(text, Scorer.Span(start: miss.span.end, end: miss.span.end + 40))
      let clip = TableRenderer()
      out +=
        "\(miss.missed ? "MISSED  " : "SPURIOUS") \(EvalCorpus.id(fromKey: miss.document)) "
        + "[\(miss.span.start),\(miss.span.end)] \(miss.type)"
        + (miss.speaker.map { " speaker=\(clip.clip($0, 40))" } ?? "") + "\n"
      out +=
        "    …\(clip.clip(before, 40))⟦\(clip.clip(content, 160))⟧\(clip.clip(after, 40))…\n"
    }
    return out
  }
}
