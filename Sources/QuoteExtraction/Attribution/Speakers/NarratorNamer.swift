/// Names a first-person narrator from how the other characters address them.
///
/// A narrator speaks as "I" and is rarely named in the narration, but the people they talk
/// to call them by name (“My dear Watson, …”, “Hello, Jake,”). The name used most often as
/// a vocative in other speakers' quotations, that belongs to no one who is tagged by name
/// as a speaker, is taken as the narrator's name.
struct NarratorNamer {
  let analyzer: MentionAnalyzer

  var document: Document { analyzer.document }

  /// Whether the document is fiction: a narrator no one names is then reported as
  /// ``unnamedNarrator`` rather than as the pronoun "I".
  var fiction = false

  /// How often a name must be used in address before it names the narrator.
  static let minimumCount = 3

  /// The name of a first-person narrator of fiction whom no one addresses by name: the role,
  /// as a list of characters gives it (a pronoun is not a name).
  static let unnamedNarrator = "Narrator"

  func name(_ result: ExtractionResult, table: inout EntityTable) {
    guard let narrator = table.narrator else { return }
    if fiction { table.rename(narrator, to: NarratorNamer.unnamedNarrator) }
    // NB: the attributions' fields are read in place: a copy of one retains each of its arrays.
    var namedSpeakers = Set<Int>()
    for index in result.attributions.indices where result.attributions[index].speakerKind == .name {
      if let entity = result.attributions[index].entity { namedSpeakers.insert(entity) }
    }
    var counts: [String: Int] = [:]
    for index in result.attributions.indices {
      guard let entity = result.attributions[index].entity, entity != narrator else { continue }
      for fragment in result.attributions[index].fragments {
        for token in analyzer.vocatives(in: analyzer.tokens(in: fragment)) {
          let name = document.text(of: token)
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
      table.rename(narrator, to: table.canonicalName(of: id))
    } else {
      table.rename(narrator, to: best.key)
    }
  }
}
