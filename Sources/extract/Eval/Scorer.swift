/// A faithful port of `shared/tools/score.py`: the same matching, the same figures.
///
/// NB: every detail below mirrors the Python (token = `\w+` with Python's Unicode semantics, the
/// TRIM set, greedy matching sorted by (-score, gold, pred), group merge, sanitising of
/// predictions, speaker rules and alias tables); change it only together with score.py.
struct Scorer {
  /// A quote in the gold format (a prediction after `native_quote` and `sanitize`).
  struct Quote {
    var type: String?
    var content: Span?
    var fragments: [Span]?
    var speaker: Span?
    var speakerName: String?
    var group: String?
    var speakerKind: String?

    /// Python's `str(q.get("type"))`.
    var typeKey: String { type ?? "None" }
  }

  /// A `[start, end]` pair as given (not yet checked).
  struct Span: Equatable {
    var start: Int
    var end: Int
  }

  /// One document: its text as code points, its quotes, and its alias table (PDNC).
  struct Document {
    var id: String
    var text: [Unicode.Scalar]
    var quotes: [Quote]
    /// Normalised alias (nil for a blank one, as in Python) → character keys.
    var aliases: [String?: Set<String>]?
  }

  var minOverlap = 0.5
  var groupMerge = true

  static let trim: Set<Unicode.Scalar> = Set(
    " \t\r\n\u{00a0}\"'\u{201c}\u{201d}\u{2018}\u{2019}\u{00ab}\u{00bb}\u{201e}.,;:!?-\u{2014}\u{2013}()[]\u{2026}"
      .unicodeScalars)

  struct Unit {
    var frags: [Span]
    var quote: Quote
  }

  static func fragments(of quote: Quote) -> [Span] {
    if let fragments = quote.fragments, !fragments.isEmpty {
      return fragments.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    }
    guard let content = quote.content else { return [] }
    return [content]
  }

  func mergeGroups(_ quotes: [Quote]) -> [Unit] {
    var units: [Unit] = []
    var byGroup: [String: Int] = [:]
    for quote in quotes {
      let frags = Self.fragments(of: quote)
      if frags.isEmpty { continue }
      let group = groupMerge ? quote.group : nil
      if let group, let index = byGroup[group] {
        units[index].frags = (units[index].frags + frags).sorted {
          ($0.start, $0.end) < ($1.start, $1.end)
        }
        continue
      }
      units.append(Unit(frags: frags, quote: quote))
      if let group { byGroup[group] = units.count - 1 }
    }
    return units
  }

  /// Clamps predicted spans to the text and drops quotes left without content.
  static func sanitize(_ quotes: [Quote], count: Int) -> (quotes: [Quote], dropped: Int) {
    func clamp(_ span: Span?) -> Span? {
      guard let span else { return nil }
      let start = max(0, min(count, span.start))
      let end = max(0, min(count, span.end))
      return start < end ? Span(start: start, end: end) : nil
    }
    var out: [Quote] = []
    var dropped = 0
    for var quote in quotes {
      quote.content = clamp(quote.content)
      quote.speaker = clamp(quote.speaker)
      if let fragments = quote.fragments, !fragments.isEmpty {
        quote.fragments = fragments.compactMap { clamp($0) }
      }
      if quote.content == nil && (quote.fragments ?? []).isEmpty {
        dropped += 1
        continue
      }
      out.append(quote)
    }
    return (out, dropped)
  }

  /// The `\w+` runs of a text, as code point offsets.
  struct Tokens {
    var starts: [Int] = []
    var ends: [Int] = []

    init(_ text: [Unicode.Scalar]) {
      var index = 0
      while index < text.count {
        if PythonUnicode.isWord(text[index]) {
          let start = index
          while index < text.count && PythonUnicode.isWord(text[index]) { index += 1 }
          starts.append(start)
          ends.append(index)
        } else {
          index += 1
        }
      }
    }

    func tokens(_ frags: [Span]) -> Set<Int> {
      var out = Set<Int>()
      for frag in frags {
        // bisect_right(ends, start): the first token ending after `start`.
        var low = 0
        var high = ends.count
        while low < high {
          let middle = (low + high) / 2
          if frag.start < ends[middle] { high = middle } else { low = middle + 1 }
        }
        var index = low
        while index < starts.count && starts[index] < frag.end {
          out.insert(index)
          index += 1
        }
      }
      if out.isEmpty {
        for frag in frags where frag.start < frag.end {
          for offset in frag.start..<frag.end { out.insert(-(offset + 1)) }
        }
      }
      return out
    }
  }

  static func normFrag(_ text: [Unicode.Scalar], _ span: Span) -> Span {
    var start = span.start
    var end = span.end
    while start < end && start >= 0 && start < text.count && trim.contains(text[start]) {
      start += 1
    }
    while end > start && end - 1 < text.count && trim.contains(text[end - 1]) { end -= 1 }
    return Span(start: start, end: end)
  }

  static func greedy(_ candidates: [(score: Double, gold: Int, pred: Int)]) -> [Int: Int] {
    let sorted = candidates.sorted {
      if $0.score != $1.score { return $0.score > $1.score }
      if $0.gold != $1.gold { return $0.gold < $1.gold }
      return $0.pred < $1.pred
    }
    var usedGold = Set<Int>()
    var usedPred = Set<Int>()
    var pairs: [Int: Int] = [:]
    for candidate in sorted {
      if usedGold.contains(candidate.gold) || usedPred.contains(candidate.pred) { continue }
      usedGold.insert(candidate.gold)
      usedPred.insert(candidate.pred)
      pairs[candidate.gold] = candidate.pred
    }
    return pairs
  }

  static func slice(_ text: [Unicode.Scalar], _ span: Span) -> String {
    let count = text.count
    func clampIndex(_ value: Int) -> Int {
      value < 0 ? max(count + value, 0) : min(value, count)
    }
    let start = clampIndex(span.start)
    let end = clampIndex(span.end)
    guard start < end else { return "" }
    var string = ""
    string.unicodeScalars.append(contentsOf: text[start..<end])
    return string
  }

  /// (has_gold, strict, lastname, alias, pred_has), as `speaker_eval`.
  static func speakerEval(
    _ text: [Unicode.Scalar], gold: Quote, pred: Quote, aliases: [String?: Set<String>]?
  ) -> (hasGold: Bool, strict: Bool, lastname: Bool, alias: Bool, predHas: Bool) {
    let goldSpan = gold.speaker
    let goldName = gold.speakerName
    let predSpan = pred.speaker
    let predName = pred.speakerName
    let hasGold = goldSpan != nil || !(goldName ?? "").isEmpty
    let predHas = predSpan != nil || !(predName ?? "").isEmpty
    var strict = false
    if let goldSpan, let predSpan,
      max(goldSpan.start, predSpan.start) < min(goldSpan.end, predSpan.end)
    {
      strict = true
    }
    if !strict, let normalized = PythonUnicode.normName(goldName),
      normalized == PythonUnicode.normName(predName)
    {
      strict = true
    }
    let goldLabel: String? =
      !(goldName ?? "").isEmpty ? goldName : goldSpan.map { slice(text, $0) }
    let predLabel: String? =
      !(predName ?? "").isEmpty ? predName : predSpan.map { slice(text, $0) }
    let goldLast = PythonUnicode.lastWord(goldLabel)
    let predLast = PythonUnicode.lastWord(predLabel)
    let lastname = strict || (goldLast != nil && goldLast == predLast)
    var alias = strict
    if let aliases, !alias, let goldLabel, !goldLabel.isEmpty, let predLabel, !predLabel.isEmpty {
      let goldEntities = aliases[PythonUnicode.normName(goldLabel)] ?? []
      let predEntities = aliases[PythonUnicode.normName(predLabel)] ?? []
      alias = !goldEntities.isDisjoint(with: predEntities)
    }
    return (hasGold, strict, lastname, alias, predHas)
  }

  /// A `defaultdict(int)` of named counters.
  struct Counters {
    var values: [String: Int] = [:]
    subscript(_ key: String) -> Int {
      get { values[key] ?? 0 }
      set { values[key] = newValue }
    }
  }

  /// A missed gold quote or a spurious prediction, for `--misses`.
  struct Miss {
    var document: String
    var missed: Bool
    var type: String
    var span: Span
    var speaker: String?
  }

  /// Scores predictions (by document id) against gold; returns score.py's JSON structure.
  func score(
    gold: [Document], predictions: [String: [Quote]], predictedIDs: Set<String>,
    misses: inout [Miss]
  ) -> JSONValue {
    var total = Counters()
    var byType: [String: Counters] = [:]
    var byKind: [String: Counters] = [:]
    var confusion: [String: [String: Int]] = [:]
    var missingDocuments = 0
    for document in gold {
      let text = document.text
      let goldUnits = mergeGroups(document.quotes)
      var predUnits: [Unit] = []
      if let predicted = predictions[document.id] {
        let (quotes, dropped) = Self.sanitize(predicted, count: text.count)
        total["pred_invalid"] += dropped
        predUnits = mergeGroups(quotes)
      } else {
        missingDocuments += 1
      }
      total["gold"] += goldUnits.count
      total["pred"] += predUnits.count
      let tokenizer = Tokens(text)
      let goldTokens = goldUnits.map { tokenizer.tokens($0.frags) }
      let predTokens = predUnits.map { tokenizer.tokens($0.frags) }
      let goldNorm = goldUnits.map { $0.frags.map { Self.normFrag(text, $0) } }
      let predNorm = predUnits.map { $0.frags.map { Self.normFrag(text, $0) } }
      func envelope(_ frags: [Span]) -> Span {
        Span(start: frags[0].start, end: frags[frags.count - 1].end)
      }
      var byStart: [Int: [Int]] = [:]
      for (index, unit) in predUnits.enumerated() {
        byStart[unit.frags[0].start, default: []].append(index)
      }
      var byNormStart: [Int: [Int]] = [:]
      for (index, frags) in predNorm.enumerated() {
        byNormStart[frags[0].start, default: []].append(index)
      }
      var exactCandidates: [(score: Double, gold: Int, pred: Int)] = []
      var normCandidates: [(score: Double, gold: Int, pred: Int)] = []
      for (goldIndex, unit) in goldUnits.enumerated() {
        for predIndex in byStart[unit.frags[0].start] ?? [] {
          if predUnits[predIndex].frags == unit.frags
            || envelope(predUnits[predIndex].frags) == envelope(unit.frags)
          {
            exactCandidates.append((1, goldIndex, predIndex))
          }
        }
        for predIndex in byNormStart[goldNorm[goldIndex][0].start] ?? [] {
          if predNorm[predIndex] == goldNorm[goldIndex]
            || envelope(predNorm[predIndex]) == envelope(goldNorm[goldIndex])
          {
            normCandidates.append((1, goldIndex, predIndex))
          }
        }
      }
      let exactPairs = Self.greedy(exactCandidates)
      let normPairs = Self.greedy(normCandidates)
      var candidates: [(score: Double, gold: Int, pred: Int)] = []
      var owners: [Int: [Int]] = [:]
      for (predIndex, tokens) in predTokens.enumerated() {
        for token in tokens { owners[token, default: []].append(predIndex) }
      }
      for (goldIndex, tokens) in goldTokens.enumerated() where !tokens.isEmpty {
        var seen = Set<Int>()
        for token in tokens { seen.formUnion(owners[token] ?? []) }
        for predIndex in seen {
          let shared = tokens.intersection(predTokens[predIndex]).count
          if Double(shared) / Double(tokens.count) >= minOverlap {
            let union = tokens.union(predTokens[predIndex]).count
            candidates.append((Double(shared) / Double(union), goldIndex, predIndex))
          }
        }
      }
      let pairs = Self.greedy(candidates)
      total["exact_tp"] += exactPairs.count
      total["exact_norm_tp"] += normPairs.count
      total["partial_tp"] += pairs.count
      var matchedGoldTokens = Set<Int>()
      for goldIndex in pairs.keys { matchedGoldTokens.formUnion(goldTokens[goldIndex]) }
      let matchedPred = Set(pairs.values)
      for (predIndex, tokens) in predTokens.enumerated() {
        if matchedPred.contains(predIndex) { continue }
        if !tokens.isEmpty
          && Double(tokens.intersection(matchedGoldTokens).count) / Double(tokens.count) >= 0.5
        {
          total["split_fp"] += 1
        } else {
          let quote = predUnits[predIndex].quote
          misses.append(
            Miss(
              document: document.id, missed: false, type: quote.typeKey,
              span: envelope(predUnits[predIndex].frags),
              speaker: quote.speakerName ?? quote.speaker.map { Self.slice(text, $0) }))
        }
      }
      for (goldIndex, unit) in goldUnits.enumerated() {
        let goldQuote = unit.quote
        let goldType = goldQuote.type
        let typeKey = goldQuote.typeKey
        let kind = goldQuote.speakerKind.flatMap { $0.isEmpty ? nil : $0 }
        func count(_ row: inout Counters) {
          row["gold"] += 1
          row["exact_tp"] += exactPairs[goldIndex] != nil ? 1 : 0
          row["exact_norm_tp"] += normPairs[goldIndex] != nil ? 1 : 0
          row["partial_tp"] += pairs[goldIndex] != nil ? 1 : 0
        }
        count(&byType[typeKey, default: Counters()])
        if let kind { count(&byKind[kind, default: Counters()]) }
        guard let predIndex = pairs[goldIndex] else {
          misses.append(
            Miss(
              document: document.id, missed: true, type: typeKey, span: envelope(unit.frags),
              speaker: goldQuote.speakerName ?? goldQuote.speaker.map { Self.slice(text, $0) }))
          continue
        }
        let predQuote = predUnits[predIndex].quote
        let speaker = Self.speakerEval(
          text, gold: goldQuote, pred: predQuote, aliases: document.aliases)
        func tally(_ row: inout Counters) {
          if speaker.hasGold {
            row["spk_total"] += 1
            row["spk_strict"] += speaker.strict ? 1 : 0
            row["spk_lastname"] += speaker.lastname ? 1 : 0
            row["spk_alias"] += speaker.alias ? 1 : 0
          } else {
            row["spk_none_total"] += 1
            row["spk_none_agree"] += speaker.predHas ? 0 : 1
          }
          if goldType != nil {
            row["type_total"] += 1
            row["type_correct"] += predQuote.type == goldType ? 1 : 0
          }
        }
        tally(&total)
        tally(&byType[typeKey, default: Counters()])
        if let kind { tally(&byKind[kind, default: Counters()]) }
        if let goldType {
          confusion[goldType, default: [:]][predQuote.typeKey, default: 0] += 1
        }
      }
      for unit in predUnits {
        byType[unit.quote.typeKey, default: Counters()]["pred"] += 1
      }
    }

    func prf(_ tp: Int, _ gold: Int, _ pred: Int) -> JSONValue {
      let precision = pred != 0 ? Double(tp) / Double(pred) : 0.0
      let recall = gold != 0 ? Double(tp) / Double(gold) : 0.0
      let f1 = precision + recall != 0 ? 2 * precision * recall / (precision + recall) : 0.0
      return .object([
        "tp": .int(tp), "precision": .double(precision), "recall": .double(recall),
        "f1": .double(f1),
      ])
    }
    func ratio(_ correct: Int, _ total: Int) -> JSONValue {
      .object([
        "correct": .int(correct), "total": .int(total),
        "accuracy": total != 0 ? .double(Double(correct) / Double(total)) : .null,
      ])
    }
    func block(_ row: Counters, _ gold: Int, _ pred: Int) -> [String: JSONValue] {
      [
        "gold": .int(gold), "pred": .int(pred),
        "exact": prf(row["exact_tp"], gold, pred),
        "exact_norm": prf(row["exact_norm_tp"], gold, pred),
        "partial": prf(row["partial_tp"], gold, pred),
        "speaker": ratio(row["spk_strict"], row["spk_total"]),
        "speaker_lastname": ratio(row["spk_lastname"], row["spk_total"]),
        "speaker_alias": ratio(row["spk_alias"], row["spk_total"]),
        "speaker_none_agree": ratio(row["spk_none_agree"], row["spk_none_total"]),
        "type": ratio(row["type_correct"], row["type_total"]),
      ]
    }

    var result = block(total, total["gold"], total["pred"])
    result["split_fp"] = .int(total["split_fp"])
    result["partial_split_tolerant"] = prf(
      total["partial_tp"], total["gold"], total["pred"] - total["split_fp"])
    result["pred_invalid"] = .int(total["pred_invalid"])
    result["documents"] = .object([
      "gold": .int(gold.count), "missing_in_pred": .int(missingDocuments),
      "pred_not_in_gold": .int(predictedIDs.subtracting(gold.map(\.id)).count),
    ])
    result["min_overlap"] = .double(minOverlap)
    var types: [String: JSONValue] = [:]
    for (type, row) in byType where row["gold"] != 0 || row["pred"] != 0 {
      types[type] = .object(block(row, row["gold"], row["pred"]))
    }
    result["by_type"] = .object(types)
    var kinds: [String: JSONValue] = [:]
    let kindKeys: Set<String> = [
      "gold", "speaker", "speaker_lastname", "speaker_alias", "speaker_none_agree",
    ]
    for (kind, row) in byKind {
      var entry = block(row, row["gold"], 0).filter { kindKeys.contains($0.key) }
      entry["partial_recall"] =
        row["gold"] != 0 ? .double(Double(row["partial_tp"]) / Double(row["gold"])) : .null
      kinds[kind] = .object(entry)
    }
    result["by_speaker_kind"] = .object(kinds)
    result["type_confusion"] = .object(confusion.mapValues { .object($0.mapValues { .int($0) }) })
    return .object(result)
  }
}

/// Python's `str` semantics where score.py depends on them.
enum PythonUnicode {
  /// `\w` in a Python `str` pattern: alphanumeric (`str.isalnum`) or `_`.
  static func isWord(_ scalar: Unicode.Scalar) -> Bool {
    if scalar.value < 0x80 {
      let value = scalar.value
      return (value >= 0x30 && value <= 0x39) || (value >= 0x41 && value <= 0x5A)
        || (value >= 0x61 && value <= 0x7A) || value == 0x5F
    }
    let properties = scalar.properties
    switch properties.generalCategory {
    case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
      return true
    default:
      return properties.numericType != nil
    }
  }

  /// `\d`: a decimal digit (`str.isdecimal`).
  static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
    scalar.properties.numericType == .decimal
  }

  /// `\s` and `str.isspace`.
  static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x09...0x0D, 0x1C...0x20: return true
    case 0..<0x80: return false
    default: return scalar.properties.isWhitespace
    }
  }

  /// `norm_name`: whitespace runs to one space, stripped, lower-cased; nil when empty.
  static func normName(_ name: String?) -> String? {
    guard let name, !name.isEmpty else { return nil }
    var collapsed = String.UnicodeScalarView()
    var inSpace = false
    for scalar in name.unicodeScalars {
      if isSpace(scalar) {
        if !inSpace { collapsed.append(" ") }
        inSpace = true
      } else {
        collapsed.append(scalar)
        inSpace = false
      }
    }
    var scalars = Array(collapsed)
    while let first = scalars.first, isSpace(first) { scalars.removeFirst() }
    while let last = scalars.last, isSpace(last) { scalars.removeLast() }
    var stripped = ""
    stripped.unicodeScalars.append(contentsOf: scalars)
    let lowered = stripped.lowercased()
    return lowered.isEmpty ? nil : lowered
  }

  /// `last_word`: the last run of letters (`[^\W\d_]+`) of the lower-cased name.
  static func lastWord(_ name: String?) -> String? {
    guard let name, !name.isEmpty else { return nil }
    let scalars = Array(name.lowercased().unicodeScalars)
    var end = scalars.count
    func isLetter(_ scalar: Unicode.Scalar) -> Bool {
      isWord(scalar) && !isDigit(scalar) && scalar != "_"
    }
    while end > 0 && !isLetter(scalars[end - 1]) { end -= 1 }
    guard end > 0 else { return nil }
    var start = end
    while start > 0 && isLetter(scalars[start - 1]) { start -= 1 }
    var word = ""
    word.unicodeScalars.append(contentsOf: scalars[start..<end])
    return word
  }
}
