/// How often each form of an entity's name occurs ("Florence": 12, "Florence Linden": 1), in
/// the order the forms were first seen.
///
/// NB: a dictionary per entity hashed the form's string at every name mention and allocated
/// its storage for every new entity. An entity has a few forms: they are compared in place, in
/// one small array; past ``indexedCount`` forms a ``StringTable`` finds them, so that a text
/// giving one entity many forms stays linear.
struct FormCounts: Sequence, ExpressibleByDictionaryLiteral {
  private var entries: [(key: String, value: Int)] = []
  /// The position of each form, once there are more than ``indexedCount``.
  private var index: StringTable<Int>? = nil

  static let indexedCount = 16

  /// No form.
  init() {}

  /// One form seen once.
  /// NB: a literal (`[form: 1]`) made an array of its elements before this one.
  init(form: String) { entries = [(form, 1)] }

  /// NB: the forms of a literal are distinct, as a dictionary literal's keys must be.
  init(dictionaryLiteral elements: (String, Int)...) {
    entries.reserveCapacity(elements.count)
    for (form, count) in elements { entries.append((form, count)) }
  }

  /// How often a form occurs, or `defaultValue` when it has not been seen.
  ///
  /// NB: a change (`+= 1`) finds the form once: a getter and a setter each looked for it.
  subscript(form: String, default defaultValue: @autoclosure () -> Int) -> Int {
    get { position(of: form).map { entries[$0].value } ?? defaultValue() }
    _modify {
      let position = self.position(of: form) ?? add(form, defaultValue())
      yield &entries[position].value
    }
  }

  /// Adds a form not seen yet, with its count, and returns its position.
  private mutating func add(_ form: String, _ count: Int) -> Int {
    entries.append((form, count))
    if index != nil {
      index?[form] = entries.count - 1
    } else if entries.count > FormCounts.indexedCount {
      var table = StringTable<Int>()
      for (position, entry) in entries.enumerated() { table[entry.key] = position }
      index = table
    }
    return entries.count - 1
  }

  private func position(of form: String) -> Int? {
    if let index { return index[form] }
    return entries.firstIndex { $0.key == form }
  }

  /// The forms with their counts, in the order they were first seen.
  func makeIterator() -> IndexingIterator<[(key: String, value: Int)]> {
    entries.makeIterator()
  }
}
