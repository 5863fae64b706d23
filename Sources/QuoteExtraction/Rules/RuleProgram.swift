/// The rules of a ``RuleSet`` compiled to flat buffers of plain values, in the order the rules
/// run: the matcher steps through them without copying arrays or touching reference counts.
///
/// Immutable once built, so one program is shared by every task that uses the rule set.
/// NB: raw buffers rather than arrays: reading an array of a shared object from two threads
/// retains and releases its buffer, an atomic on one cache line that both cores fight over.
final class RuleProgram: @unchecked Sendable {
  /// One rule: its steps on each side of the anchor, and the anchor's test.
  struct Entry {
    /// The steps from the anchor on, read rightwards.
    var forward: Range<Int>
    /// The steps before the anchor, read leftwards (nearest first).
    var backward: Range<Int>
    /// The anchor's test.
    var anchor: TokenCheck
    var pass: Rule.Pass
    /// The type of the attributions the rule makes, and its confidence.
    var kind: Attribution.Kind
    var confidence: Double
  }

  /// The rules, in the order of ``RuleSet/rules``.
  let entries: UnsafeBufferPointer<Entry>
  /// Every rule's steps.
  let steps: UnsafeBufferPointer<PatternStep>
  /// The spellings of the token tests: byte ranges into ``bytes``.
  let spellings: UnsafeBufferPointer<Range<Int32>>
  let bytes: UnsafeBufferPointer<UInt8>
  /// The most captures one match can make: every step taken as often as it may be.
  let captureCapacity: Int

  init(rules: [Rule]) {
    var entries: [Entry] = []
    var steps: [PatternStep] = []
    var spellings: [Range<Int32>] = []
    var bytes: [UInt8] = []
    func add(_ words: [[UInt8]]) -> Range<Int32> {
      let start = Int32(spellings.count)
      for word in words {
        spellings.append(Int32(bytes.count)..<Int32(bytes.count + word.count))
        bytes += word
      }
      return start..<Int32(spellings.count)
    }
    func check(_ test: TokenTest) -> TokenCheck {
      var check = TokenCheck(anyOf: test.anyOf, noneOf: test.noneOf, kind: test.kind)
      switch test.shape {
      case .capitalized: check.shape = Token.Shape.capitalized.rawValue
      case .lowercase: check.shape = Token.Shape.lowercase.rawValue
      case .allCaps: check.shape = Token.Shape.allCaps.rawValue
      case nil: break
      }
      check.texts = add(test.texts)
      check.lowers = add(test.lowers)
      return check
    }
    func append(_ element: PatternElement) {
      var step = PatternStep(
        operation: .token, phrase: .speaker, minCount: element.minCount,
        maxCount: element.maxCount, capture: element.capture, test: TokenCheck())
      switch element.test {
      case .token(let test): step.test = check(test)
      case .quote(let closedOnly): step.operation = closedOnly ? .closedQuote : .quote
      case .phrase(let phrase):
        step.operation = .phrase
        step.phrase = phrase
      case .edge(.sentence): step.operation = .sentenceEdge
      case .edge(.paragraph): step.operation = .paragraphEdge
      }
      steps.append(step)
    }
    for rule in rules {
      let forwardStart = steps.count
      rule.forwardElements.forEach(append)
      let backwardStart = steps.count
      rule.backwardElements.forEach(append)
      entries.append(
        Entry(
          forward: forwardStart..<backwardStart, backward: backwardStart..<steps.count,
          anchor: check(rule.anchorTest), pass: rule.pass, kind: rule.kind,
          confidence: rule.confidence))
    }
    captureCapacity = entries.reduce(1) { most, entry in
      max(
        most,
        (entry.forward.lowerBound..<entry.backward.upperBound).reduce(0) {
          $0 + steps[$1].maxCount
        })
    }
    self.entries = Self.copy(entries)
    self.steps = Self.copy(steps)
    self.spellings = Self.copy(spellings)
    self.bytes = Self.copy(bytes)
  }

  deinit {
    UnsafeMutableBufferPointer(mutating: entries).deallocate()
    UnsafeMutableBufferPointer(mutating: steps).deallocate()
    UnsafeMutableBufferPointer(mutating: spellings).deallocate()
    UnsafeMutableBufferPointer(mutating: bytes).deallocate()
  }

  private static func copy<T>(_ values: [T]) -> UnsafeBufferPointer<T> {
    // NB: at least one element, so that an empty program still owns a buffer to deallocate.
    let buffer = UnsafeMutableBufferPointer<T>.allocate(capacity: max(1, values.count))
    _ = buffer.initialize(from: values)
    return UnsafeBufferPointer(rebasing: buffer[..<values.count])
  }
}
