// NB: `Array(repeating:count:)`, `Array(unsafeUninitializedCapacity:initializingWith:)` and the
// scratch buffer of `sort(by:)` are made by the standard library's unspecialised allocator,
// which looks up the metadata of the storage class in the runtime's global table on every call:
// a hash lookup, under a lock that every thread shares. Per-document arrays made that way cost
// short documents several per cent, and more on several threads at once. The growth path
// (`append`, `reserveCapacity`) is specialised in this module and caches the metadata where it
// is used: per-document code allocates through it.

extension Array {
  /// An array of `count` copies of `value`: what `Array(repeating:count:)` makes, allocated
  /// through the growth path.
  @inline(__always)
  init(filled value: Element, count: Int) {
    self.init()
    append(contentsOf: repeatElement(value, count: count))
  }

  /// The most elements sorted by insertion, without a scratch buffer.
  static var insertionSortLimit: Int { 32 }

  /// Sorts the array as `sort(by:)` does (stably); a short array by insertion, in place.
  @inline(__always)
  mutating func stableSort(by areInIncreasingOrder: (Element, Element) throws -> Bool) rethrows {
    guard count > 1 else { return }
    guard count <= Self.insertionSortLimit else {
      try sort(by: areInIncreasingOrder)
      return
    }
    try withUnsafeMutableBufferPointer { buffer in
      for index in 1..<buffer.count {
        let element = buffer[index]
        var slot = index
        // NB: an element passes only those it strictly precedes: equal ones keep their order.
        while slot > 0, try areInIncreasingOrder(element, buffer[slot - 1]) {
          buffer[slot] = buffer[slot - 1]
          slot -= 1
        }
        buffer[slot] = element
      }
    }
  }

  /// The array sorted as `sorted(by:)` sorts it (stably), a short array by insertion.
  @inline(__always)
  func stablySorted(by areInIncreasingOrder: (Element, Element) throws -> Bool) rethrows
    -> [Element]
  {
    var copy = self
    try copy.stableSort(by: areInIncreasingOrder)
    return copy
  }
}
