/// Names a first-person narrator from how the other characters address them.
///
/// A narrator speaks as "I" and is rarely named in the narration, but the people they talk
/// to call them by name (“My dear Watson, …”, “Hello, Jake,”). The name used most often as
/// a vocative in other speakers' quotations, that belongs to no one who is tagged by name
/// as a speaker, is taken as the narrator's name.
struct NarratorNamer {
  let analyzer: MentionAnalyzer

  var document: Document { analyzer.document }

  /// How often a name must be used in address before it names the narrator.
  static let minimumCount = 3

  func name(_ result: ExtractionResult, table: inout EntityTable) {
    guard let narrator = table.narrator else { return }
    var namedSpeakers = Set<Int>()
    for attribution in result.attributions where attribution.speakerKind == .name {
      if let entity = attribution.entity { namedSpeakers.insert(entity) }
    }
    var counts: [String: Int] = [:]
    for attribution in result.attributions {
      guard let entity = attribution.entity, entity != narrator else { continue }
      for fragment in attribution.fragments {
        for name in vocatives(in: analyzer.tokens(in: fragment)) {
          if let id = table.match(nameWords: [name.lowercased()], gender: .unknown),
            namedSpeakers.contains(id) || id == entity
          {
            continue
          }
          counts[name, default: 0] += 1
        }
      }
    }
    guard let best = counts.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }),
      best.value >= NarratorNamer.minimumCount
    else { return }
    if let id = table.match(nameWords: [best.key.lowercased()], gender: .unknown) {
      table.rename(narrator, to: table.records[id].canonicalName)
    } else {
      table.rename(narrator, to: best.key)
    }
  }

  /// Capitalised names set off as a form of address: after a comma, an opening mark or
  /// "dear", and before a comma or the end of a sentence.
  private func vocatives(in tokens: Range<Token.Index>) -> [String] {
    var names: [String] = []
    guard tokens.count > 1 else { return names }
    for index in tokens where analyzer.isCapitalized(index) {
      let before = index - 1
      let after = index + 1
      guard before >= 0, after < document.tokens.count else { continue }
      let opens =
        index == tokens.lowerBound || analyzer.bytesEqual(before, ",")
        || analyzer.bytesEqual(before, "dear") || analyzer.bytesEqual(before, "Dear")
      let closes =
        analyzer.bytesEqual(after, ",") || analyzer.bytesEqual(after, "!")
        || analyzer.bytesEqual(after, "?") || analyzer.bytesEqual(after, ".")
        || after == tokens.upperBound
      guard opens, closes, !analyzer.isHonorific(index), !analyzer.isRole(index),
        !analyzer.lexicons.notNames.contains(analyzer.wordBytes(index)),
        !analyzer.lexicons.pronouns.contains(analyzer.wordBytes(index))
      else { continue }
      names.append(analyzer.document.text(of: index))
    }
    return names
  }
}
