/// A document's own copies of the rule ids its attributions name.
///
/// NB: an attribution's `rule` string is copied many times (sorting, speaker resolution, the
/// caller's code). The rule set's own strings are shared by every worker thread, so each copy of
/// one would retain it: an atomic on a cache line that the cores fight over. A copy per
/// document costs one small allocation per distinct rule (none for ids of 15 bytes or fewer).
/// The default rule set's ids are immortal (see `SharedTables`): a retain writes nothing, so
/// they are shared as they are.
struct RuleIDCopies {
  private let rules: RuleSet
  /// Whether the ids of `rules` are shared as they are (the default rule set).
  private let sharesIDs: Bool
  private var copies: [(rule: Int, id: String)] = []

  init(of rules: RuleSet) {
    self.rules = rules
    if case .success(let standard) = RuleSet.standard {
      sharesIDs = standard === rules && SharedTables.areImmortal
    } else {
      sharesIDs = false
    }
  }

  /// The id of rule number `rule`, as this document's own string unless it is immortal.
  mutating func id(of rule: Int) -> String {
    let shared = rules.rules[rule].id
    if sharesIDs { return shared }
    for copy in copies where copy.rule == rule { return copy.id }
    let id = String(unsafeUninitializedCapacity: shared.utf8.count) { buffer in
      _ = buffer.initialize(from: shared.utf8)
      return shared.utf8.count
    }
    copies.append((rule, id))
    return id
  }
}
