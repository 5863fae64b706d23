#if os(Linux)
  /// The Swift runtime's own entry point that makes an object immortal: its reference count is
  /// no longer written by retains and releases (the runtime's empty collections and string
  /// literals are immortal the same way).
  @_silgen_name("_swift_stdlib_immortalize")
  private func swiftImmortalize(_ object: UnsafeMutableRawPointer)
#endif

/// The tables that every extractor of the default configuration shares for the life of the
/// process, marked immortal once.
///
/// NB: worker threads retain and release these objects a few dozen times per document (a copy of
/// a struct holding them, a local reference). Each retain writes the object's header, so two
/// cores extracting at once pass the cache line back and forth, and with it the table fields
/// next to the header that the other core reads for every token: that cost a batch on two cores
/// about a tenth of its time. An immortal object's header is never written. Only objects that
/// live as long as the process anyway are marked (static tables), so nothing leaks.
enum SharedTables {
  /// Marks the shared tables once; later calls return at once.
  static func makeImmortal() { _ = marked }

  /// Whether the shared tables are immortal (marked, once, by this call): only on Linux.
  static var areImmortal: Bool {
    #if os(Linux)
      return marked
    #else
      return false
    #endif
  }

  private static let marked: Bool = {
    #if os(Linux)
      var walker = Walker()
      if case .success(let rules) = RuleSet.standard { walker.visit(rules) }
      walker.visit(SpeakerLexicons.shared)
      walker.visit(Lexicons.shared)
      walker.visit(QuoteMarks.shared)
      walker.visit(Tokenizer.knownTokens)
      walker.visit(QuoteKindClassifier.termCues)
      walker.visit(QuoteKindClassifier.titleCues)
      walker.visit(DashDialogue.narratorVerbs)
    #endif
    return true
  }()

  #if os(Linux)
    /// Walks an object graph through its stored properties, a few levels deep, marking once
    /// every class instance, collection storage and string storage it reaches.
    struct Walker {
      private var seen: Set<UInt> = []
      /// The most elements of a collection whose elements are walked too (the rules, the
      /// lexicons' names).
      static let walkedElements = 256
      /// The most levels below a root that are walked.
      static let depth = 4

      /// Visits `value`, `depth` levels below a root.
      ///
      /// NB: only a few levels deep: what per-document code retains hangs right below the
      /// roots (a table's arrays, a rule's id); reflecting over everything below cost more
      /// than all the rest of making an extractor.
      mutating func visit(_ value: Any, depth: Int = 0) {
        guard depth <= Self.depth else { return }
        if type(of: value) == String.self, let string = value as? String {
          markStorage(of: string)
          return
        }
        // NB: a value of a plain type (a number, a flag, an enum or a struct of them) holds no
        // reference, so nothing below it to mark: it gets no mirror, whose making looks up the
        // conformances of each new type, most of the walk's cost.
        if _openExistential(value, do: holdsNoReference) { return }
        let mirror = Mirror(reflecting: value)
        switch mirror.displayStyle {
        case .collection?, .set?, .dictionary?:
          guard let buffer = value as? any ImmortalBufferOwner, let object = buffer.bufferObject,
            mark(object)
          else { return }
          // NB: the elements of a long collection (a list of thousands of names) are not
          // walked: per-document code retains the collection, not its entries one by one.
          if buffer.elementsMayHoldObjects && buffer.elementCount <= Self.walkedElements {
            buffer.forEachElement { visit($0, depth: depth + 1) }
          }
          return
        case .class?:
          let object = value as AnyObject
          guard mark(Unmanaged.passUnretained(object).toOpaque()) else { return }
          // NB: a rule's patterns and examples are read once, when the rule set is compiled;
          // per-document code reads its id. Walking them cost more than everything else here.
          if let rule = object as? Rule {
            markStorage(of: rule.id)
            return
          }
        case .struct?, .tuple?, .optional?, .enum?:
          break
        default:
          // Numbers, flags and other plain values hold nothing to mark.
          return
        }
        var current: Mirror? = mirror
        while let level = current {
          for child in level.children { visit(child.value, depth: depth + 1) }
          current = level.superclassMirror
        }
      }

      /// Marks the heap storage of a native string (a rule's id, a name).
      ///
      /// NB: reads the standard library's 64-bit string layout: the second word of a native
      /// string is its storage's address with the top four bits (immortal, bridged, small,
      /// foreign) clear. Literals, small strings and bridged strings have some set and nothing
      /// to mark.
      private mutating func markStorage(of string: String) {
        guard MemoryLayout<String>.size == 16 else { return }
        let object = unsafeBitCast(string, to: (UInt64, UInt64).self).1
        guard object >> 60 == 0, let storage = UnsafeMutableRawPointer(bitPattern: UInt(object))
        else { return }
        _ = mark(storage)
      }

      /// Marks an object; false when it was marked already.
      private mutating func mark(_ object: UnsafeMutableRawPointer) -> Bool {
        guard seen.insert(UInt(bitPattern: object)).inserted else { return false }
        swiftImmortalize(object)
        return true
      }
    }
  #endif
}

/// Whether a value of type `T` holds no reference (its bits are all of it).
private func holdsNoReference<T>(_ value: T) -> Bool { _isPOD(T.self) }

/// A collection seen through `Any` (an array, set or dictionary): its storage object and its
/// elements.
protocol ImmortalBufferOwner {
  /// The heap storage, or nil for an empty collection (which shares the runtime's immortal
  /// empty storage).
  var bufferObject: UnsafeMutableRawPointer? { get }
  /// Whether elements can hold references (not plain bits).
  var elementsMayHoldObjects: Bool { get }
  /// The number of elements.
  var elementCount: Int { get }
  func forEachElement(_ body: (Any) -> Void)
}

extension Array: ImmortalBufferOwner {
  var elementCount: Int { count }
  var bufferObject: UnsafeMutableRawPointer? {
    // NB: an array is one reference to its buffer; an empty array shares the runtime's
    // immortal empty buffer.
    guard capacity > 0 else { return nil }
    return unsafeBitCast(self, to: UnsafeMutableRawPointer.self)
  }
  var elementsMayHoldObjects: Bool { !_isPOD(Element.self) }
  func forEachElement(_ body: (Any) -> Void) { for element in self { body(element) } }
}

/// The storage object of a set or dictionary, or nil when it is empty (the runtime's immortal
/// empty storage) or not one reference (as on platforms that bridge to Objective-C).
private func singleReferenceStorage<Collection>(of collection: Collection, isEmpty: Bool)
  -> UnsafeMutableRawPointer?
{
  guard !isEmpty, MemoryLayout<Collection>.size == MemoryLayout<UnsafeMutableRawPointer>.size
  else { return nil }
  return unsafeBitCast(collection, to: UnsafeMutableRawPointer.self)
}

extension Set: ImmortalBufferOwner {
  var elementCount: Int { count }
  var bufferObject: UnsafeMutableRawPointer? { singleReferenceStorage(of: self, isEmpty: isEmpty) }
  var elementsMayHoldObjects: Bool { !_isPOD(Element.self) }
  func forEachElement(_ body: (Any) -> Void) { for element in self { body(element) } }
}

extension Dictionary: ImmortalBufferOwner {
  var elementCount: Int { count }
  var bufferObject: UnsafeMutableRawPointer? { singleReferenceStorage(of: self, isEmpty: isEmpty) }
  var elementsMayHoldObjects: Bool { !_isPOD(Key.self) || !_isPOD(Value.self) }
  func forEachElement(_ body: (Any) -> Void) {
    for (key, value) in self {
      body(key)
      body(value)
    }
  }
}
