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
    if let name = addressedName(result, narrator: narrator, table: table) {
      table.rename(narrator, to: name)
    }
  }

  /// The name the narrator is reported by, from how the others address them (see the type's
  /// comment), or nil to keep the name they have.
  ///
  /// NB: a function of its own that reads the table as a borrowed argument: the closure below,
  /// over the caller's `inout` table, copied the whole table (every array of it retained, then
  /// released) for each name used in address.
  private func addressedName(_ result: ExtractionResult, narrator: Int, table: EntityTable)
    -> String?
  {
    // NB: the attributions' fields are read in place: a copy of one retains each of its arrays.
    // NB: a flag per entity, not a set: no hashing per attribution.
    var namedSpeakers = [Bool](filled: false, count: table.records.count)
    for index in result.attributions.indices where result.attributions[index].speakerKind == .name {
      if let entity = result.attributions[index].entity { namedSpeakers[entity] = true }
    }
    guard
      let best = NarratorNamer.mostUsedAddress(
        in: result, analyzer,
        counts: { index in
          result.attributions[index].entity.map { $0 != narrator } ?? false
        },
        key: { token, index in
          let name = document.text(of: token)
          if let id = table.match(nameWord: name.lowercased(), gender: .unknown),
            namedSpeakers[id] || id == result.attributions[index].entity
          {
            return nil
          }
          return name
        })
    else { return nil }
    if let id = table.match(nameWord: best.lowercased(), gender: .unknown) {
      return table.canonicalName(of: id)
    }
    return best
  }

  /// The name used most often in address (``MentionAnalyzer/vocatives(in:)``) in the
  /// quotations of `result`, at least ``minimumCount`` times: `counts` tells whether an
  /// attribution's quotations count (by its index), and `key` the name a vocative of one counts
  /// under (nil to skip it). Of names used as often, the first in
  /// alphabetical order.
  ///
  /// NB: shared by ``name(_:table:)`` and the turns (``DialogueTurns``), which need the
  /// narrator's name before the narrator is named.
  static func mostUsedAddress(
    in result: ExtractionResult, _ analyzer: MentionAnalyzer,
    counts: (Int) -> Bool, key: (Token.Index, Int) -> String?
  ) -> String? {
    var uses: [String: Int] = [:]
    for index in result.attributions.indices where counts(index) {
      for fragment in result.attributions[index].fragments {
        for token in analyzer.vocatives(in: analyzer.tokens(in: fragment)) {
          if let name = key(token, index) { uses[name, default: 0] += 1 }
        }
      }
    }
    guard let best = uses.max(by: { ($0.value, $1.key) < ($1.value, $0.key) }),
      best.value >= minimumCount
    else { return nil }
    return best.key
  }
}
