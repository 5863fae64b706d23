/// How often each form of an entity's name occurs ("Florence": 12, "Florence Linden": 1), in
/// the order the forms were first seen.
///
/// NB: a dictionary per entity hashed the form's string at every name mention and allocated
/// its storage for every new entity. An entity has a few forms, most often one: the first is
/// kept in place and the others in one small array, compared in place; past ``indexedCount``
/// forms a ``StringTable`` finds them, so that a text giving one entity many forms stays
/// linear.
struct FormCounts: Sequence, ExpressibleByDictionaryLiteral {
  /// The first form seen (nil: none yet), and its count.
  /// NB: not in the array: an entity named one way made an array for its one form.
  private var firstForm: String? = nil
  private var firstCount = 0
  /// The forms seen after the first, in order.
  private var others: [(key: String, value: Int)] = []
  /// The position of each form (0 the first, `n` the `n`th of ``others``), once there are more
  /// than ``indexedCount``.
  private var index: StringTable<Int>? = nil

  static let indexedCount = 16

  /// No form.
  init() {}

  /// One form seen once.
  /// NB: a literal (`[form: 1]`) made an array of its elements before this one.
  init(form: String) {
    firstForm = form
    firstCount = 1
  }

  /// NB: the forms of a literal are distinct, as a dictionary literal's keys must be.
  init(dictionaryLiteral elements: (String, Int)...) {
    for (form, count) in elements { add(form, count) }
  }

  /// The number of forms.
  private var count: Int { firstForm == nil ? 0 : others.count + 1 }

  /// How often a form occurs, or `defaultValue` when it has not been seen.
  subscript(form: String, default defaultValue: @autoclosure () -> Int) -> Int {
    guard let position = position(of: form) else { return defaultValue() }
    return position == 0 ? firstCount : others[position - 1].value
  }

  /// Counts one more use of a form (finding it once).
  /// NB: a method, not a `_modify` accessor of the subscript: that coroutine, with a yield of
  /// either kind of count, was not inlined, and cost more than the search (a count per name
  /// mention).
  mutating func countOne(_ form: String) {
    if let position = position(of: form) {
      if position == 0 { firstCount += 1 } else { others[position - 1].value += 1 }
    } else {
      add(form, 1)
    }
  }

  /// Adds a form not seen yet, with its count, and returns its position.
  @discardableResult
  private mutating func add(_ form: String, _ count: Int) -> Int {
    guard firstForm != nil else {
      firstForm = form
      firstCount = count
      return 0
    }
    others.append((form, count))
    let position = others.count
    if index != nil {
      index?[form] = position
    } else if self.count > FormCounts.indexedCount {
      var table = StringTable<Int>()
      for (position, entry) in enumerated() { table[entry.key] = position }
      index = table
    }
    return position
  }

  private func position(of form: String) -> Int? {
    if let index { return index[form] }
    guard let firstForm else { return nil }
    if firstForm == form { return 0 }
    return others.firstIndex { $0.key == form }.map { $0 + 1 }
  }

  /// The forms with their counts, in the order they were first seen.
  func makeIterator() -> Iterator {
    Iterator(first: firstForm.map { ($0, firstCount) }, others: others.makeIterator())
  }

  struct Iterator: IteratorProtocol {
    fileprivate var first: (key: String, value: Int)?
    fileprivate var others: IndexingIterator<[(key: String, value: Int)]>

    mutating func next() -> (key: String, value: Int)? {
      if let form = first {
        first = nil
        return form
      }
      return others.next()
    }
  }
}
