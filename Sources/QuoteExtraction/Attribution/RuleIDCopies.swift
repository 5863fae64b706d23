/// A document's own copies of the rule ids its attributions name.
///
/// NB: an attribution's `rule` string is copied many times (sorting, speaker resolution, the
/// caller's code). The rule set's own strings are shared by every worker thread, so each copy of
/// one would retain it: an atomic on a cache line that the cores fight over. A copy per
/// document costs one small allocation per distinct rule (none for ids of 15 bytes or fewer).
struct RuleIDCopies {
  private var copies: [(rule: Int, id: String)] = []

  /// The id of rule number `rule` of `rules`, as this document's own string.
  mutating func id(of rule: Int, in rules: RuleSet) -> String {
    for copy in copies where copy.rule == rule { return copy.id }
    let shared = rules.rules[rule].id
    let id = String(unsafeUninitializedCapacity: shared.utf8.count) { buffer in
      _ = buffer.initialize(from: shared.utf8)
      return shared.utf8.count
    }
    copies.append((rule, id))
    return id
  }
}
