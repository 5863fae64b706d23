/// Loads rule packs in three steps: parse (JSON with positions), check (unknown keys, unknown
/// lexicons, duplicate ids, unreachable rules) and compile (``Rule`` values).
///
/// Every error names `file:line:column`, shows the line and puts a caret under the column.
/// Nothing in a rule file can run code: a pattern only combines the tests listed here.
struct RuleLoader {
  let lexicons: LexiconTable
  /// Ids already loaded (from earlier packs), to catch duplicates across files.
  var seenIds: [String: String] = [:]
  /// Patterns already loaded, per pass, to catch rules that can never fire first.
  var seenPatterns: [PatternKey: String] = [:]

  /// A pattern in its pass: two rules with equal keys match the same tokens.
  ///
  /// NB: a value, not a description string: describing the elements goes through reflection,
  /// which cost a fifth of the tool's start-up.
  struct PatternKey: Hashable {
    let pass: Rule.Pass
    let elements: [PatternElement]
  }

  static let ruleKeys: Set<String> = [
    "id", "description", "kind", "pass", "confidence", "pattern", "examples",
  ]
  static let elementKeys: Set<String> = [
    "text", "lower", "in", "not_in", "kind", "shape", "quote", "phrase", "edge", "op", "max",
    "capture",
  ]
  static let exampleKeys: Set<String> = ["text", "speaker", "cue", "content", "type", "none"]

  /// Where the last rule's line was counted, so the next rule's is counted on from there.
  private(set) var lineCursor = (offset: 0, line: 1)

  /// The line (from 1) of `offset` in `bytes`.
  ///
  /// NB: counted on from the previous rule (rules come in file order), not from the start of
  /// the file for each rule: that was quadratic in the pack's size.
  private mutating func line(of offset: Int, in bytes: [UInt8]) -> Int {
    if offset < lineCursor.offset { lineCursor = (0, 1) }
    var line = lineCursor.line
    for index in lineCursor.offset..<min(offset, bytes.count)
    where bytes[index] == UInt8(ascii: "\n") {
      line += 1
    }
    lineCursor = (offset, line)
    return line
  }

  /// Loads one pack; `file` names it in errors.
  mutating func load(file: String, bytes: [UInt8]) throws(RuleError) -> [Rule] {
    lineCursor = (0, 1)
    func error(_ offset: Int, _ message: String) -> RuleError {
      RuleError(file: file, bytes: bytes, offset: offset, message: message)
    }
    let root: RuleJSON
    do {
      root = try RuleJSON.parse(bytes)
    } catch {
      throw RuleError(file: file, bytes: bytes, error)
    }
    guard let members = root.members else { throw error(root.offset, "a rule pack is an object") }
    var version: Int?
    var rulesValue: RuleJSON?
    for member in members {
      switch member.key {
      case "version":
        guard let number = member.value.number, number == 1 else {
          throw error(member.value.offset, "unsupported version (this engine reads version 1)")
        }
        version = Int(number)
      case "rules": rulesValue = member.value
      case "description": break
      default: throw error(member.keyOffset, "unknown key '\(member.key)' in a rule pack")
      }
    }
    guard version != nil else { throw error(root.offset, "missing 'version'") }
    guard let items = rulesValue?.array else { throw error(root.offset, "missing 'rules' array") }
    var rules: [Rule] = []
    for item in items {
      rules.append(try rule(item, file: file, bytes: bytes))
    }
    return rules
  }

  private mutating func rule(_ json: RuleJSON, file: String, bytes: [UInt8]) throws(RuleError)
    -> Rule
  {
    func error(_ offset: Int, _ message: String) -> RuleError {
      RuleError(file: file, bytes: bytes, offset: offset, message: message)
    }
    guard let members = json.members else { throw error(json.offset, "a rule is an object") }
    var fields: [String: RuleJSON] = [:]
    for member in members {
      guard Self.ruleKeys.contains(member.key) else {
        throw error(member.keyOffset, "unknown key '\(member.key)' in a rule")
      }
      fields[member.key] = member.value
    }
    guard let id = fields["id"]?.string, !id.isEmpty else {
      throw error(json.offset, "missing 'id'")
    }
    let idOffset = fields["id"]?.offset ?? json.offset
    guard id.split(separator: ".").count >= 2, id.allSatisfy({ $0.isASCII && !$0.isWhitespace })
    else { throw error(idOffset, "a rule id is dotted ASCII, such as 'direct.quote-said-speaker'") }
    if let previous = seenIds[id] {
      throw error(idOffset, "duplicate rule id '\(id)' (first at \(previous))")
    }
    let source = "\(file):\(line(of: json.offset, in: bytes))"
    guard let description = fields["description"]?.string, !description.isEmpty else {
      throw error(json.offset, "rule '\(id)' has no 'description'")
    }
    guard let kindText = fields["kind"]?.string, let kind = Attribution.Kind(rawValue: kindText)
    else {
      throw error(fields["kind"]?.offset ?? json.offset, "'kind' is one of direct, indirect, mixed")
    }
    guard let passText = fields["pass"]?.string, let pass = Rule.Pass(rawValue: passText) else {
      throw error(
        fields["pass"]?.offset ?? json.offset,
        "'pass' is one of \(Rule.Pass.allCases.map(\.rawValue).joined(separator: ", "))")
    }
    var confidence = 0.8
    if let value = fields["confidence"] {
      guard let number = value.number, number >= 0, number <= 1 else {
        throw error(value.offset, "'confidence' is a number from 0 to 1")
      }
      confidence = number
    }
    guard let patternItems = fields["pattern"]?.array, !patternItems.isEmpty else {
      throw error(fields["pattern"]?.offset ?? json.offset, "rule '\(id)' needs a 'pattern' array")
    }
    var elements: [PatternElement] = []
    for item in patternItems {
      elements.append(try element(item, error: error))
    }
    guard
      let anchor = elements.firstIndex(where: {
        if case .token = $0.test { return $0.capture == .cue && $0.minCount == 1 }
        return false
      })
    else {
      throw error(
        fields["pattern"]?.offset ?? json.offset,
        "a pattern needs a required token element with \"capture\": \"cue\" (its anchor)")
    }
    guard let exampleItems = fields["examples"]?.array, !exampleItems.isEmpty else {
      throw error(
        fields["examples"]?.offset ?? json.offset, "rule '\(id)' needs at least one example")
    }
    var examples: [RuleExample] = []
    for item in exampleItems {
      examples.append(try example(item, error: error))
    }
    let signature = PatternKey(pass: pass, elements: elements)
    if let previous = seenPatterns[signature] {
      throw error(
        fields["pattern"]?.offset ?? json.offset,
        "unreachable rule '\(id)': the same pattern in the same pass is already rule \(previous)")
    }
    seenIds[id] = source
    seenPatterns[signature] = "'\(id)' (\(source))"
    return Rule(
      id: id, description: description, kind: kind, pass: pass, confidence: confidence,
      elements: elements, anchor: anchor, examples: examples, source: source)
  }

  private func strings(_ json: RuleJSON, error: (Int, String) -> RuleError) throws(RuleError)
    -> [String]
  {
    if let text = json.string { return [text] }
    guard let items = json.array, !items.isEmpty else {
      throw error(json.offset, "expected a string or a non-empty array of strings")
    }
    var result: [String] = []
    for item in items {
      guard let text = item.string else { throw error(item.offset, "expected a string") }
      result.append(text)
    }
    return result
  }

  private func element(_ json: RuleJSON, error: (Int, String) -> RuleError) throws(RuleError)
    -> PatternElement
  {
    guard let members = json.members, !members.isEmpty else {
      throw error(json.offset, "a pattern element is a non-empty object")
    }
    var token = TokenTest()
    var special: PatternElement.Test?
    var hasTokenTest = false
    var op = ""
    var maxCount = 8
    var capture: CaptureRole?
    for member in members {
      let value = member.value
      switch member.key {
      case "text":
        token.texts = try strings(value, error: error).map { Array($0.utf8) }
        hasTokenTest = true
      case "lower":
        token.lowers = try strings(value, error: error).map { Array($0.lowercased().utf8) }
        hasTokenTest = true
      case "in", "not_in":
        var mask: UInt64 = 0
        for name in try strings(value, error: error) {
          guard let bit = lexicons.bit(of: name) else {
            throw error(
              value.offset,
              "unknown lexicon '\(name)' (known: \(lexicons.names.joined(separator: ", ")))")
          }
          mask |= bit
        }
        if member.key == "in" { token.anyOf = mask } else { token.noneOf = mask }
        hasTokenTest = true
      case "kind":
        let kinds: [String: Token.Kind] = [
          "word": .word, "number": .number, "punctuation": .punctuation, "quote": .quoteMark,
          "symbol": .symbol,
        ]
        guard let name = value.string, let kind = kinds[name] else {
          throw error(value.offset, "'kind' is one of word, number, punctuation, quote, symbol")
        }
        token.kind = kind
        hasTokenTest = true
      case "shape":
        guard let name = value.string, let shape = TokenTest.ShapeTest(rawValue: name) else {
          throw error(value.offset, "'shape' is one of capitalized, lowercase, all-caps")
        }
        token.shape = shape
        hasTokenTest = true
      case "quote":
        guard let name = value.string, name == "closed" || name == "any" else {
          throw error(value.offset, "'quote' is \"closed\" or \"any\"")
        }
        special = .quote(closedOnly: name == "closed")
      case "phrase":
        guard let name = value.string, let phrase = PatternElement.Phrase(rawValue: name) else {
          throw error(
            value.offset,
            "'phrase' is one of \(PatternElement.Phrase.allCases.map(\.rawValue).joined(separator: ", "))"
          )
        }
        special = .phrase(phrase)
      case "edge":
        guard let name = value.string, let edge = PatternElement.Edge(rawValue: name) else {
          throw error(value.offset, "'edge' is \"sentence\" or \"paragraph\"")
        }
        special = .edge(edge)
      case "op":
        guard let text = value.string, ["?", "*", "+"].contains(text) else {
          throw error(value.offset, "'op' is one of ?, *, +")
        }
        op = text
      case "max":
        guard let number = value.number, number >= 1, number <= 16, number == number.rounded()
        else { throw error(value.offset, "'max' is a whole number from 1 to 16") }
        maxCount = Int(number)
      case "capture":
        guard let name = value.string, let role = CaptureRole(rawValue: name) else {
          throw error(
            value.offset,
            "'capture' is one of \(CaptureRole.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        capture = role
      default:
        throw error(member.keyOffset, "unknown key '\(member.key)' in a pattern element")
      }
    }
    if special != nil && hasTokenTest {
      throw error(json.offset, "an element is either a token test or a quote/phrase/edge, not both")
    }
    guard special != nil || hasTokenTest else {
      throw error(json.offset, "a pattern element needs a test")
    }
    if special != nil && op != "" && op != "?" {
      throw error(json.offset, "quote, phrase and edge elements repeat at most once ('?')")
    }
    let (minCount, upper): (Int, Int) =
      switch op {
      case "?": (0, 1)
      case "*": (0, maxCount)
      case "+": (1, maxCount)
      default: (1, 1)
      }
    return PatternElement(
      test: special ?? .token(token), minCount: minCount, maxCount: upper, capture: capture)
  }

  private func example(_ json: RuleJSON, error: (Int, String) -> RuleError) throws(RuleError)
    -> RuleExample
  {
    guard let members = json.members else { throw error(json.offset, "an example is an object") }
    var fields: [String: RuleJSON] = [:]
    for member in members {
      guard Self.exampleKeys.contains(member.key) else {
        throw error(member.keyOffset, "unknown key '\(member.key)' in an example")
      }
      fields[member.key] = member.value
    }
    guard let text = fields["text"]?.string else {
      throw error(json.offset, "an example needs 'text'")
    }
    var type: Attribution.Kind?
    if let value = fields["type"] {
      guard let name = value.string, let kind = Attribution.Kind(rawValue: name) else {
        throw error(value.offset, "'type' is one of direct, indirect, mixed")
      }
      type = kind
    }
    return RuleExample(
      text: text, speaker: fields["speaker"]?.string, cue: fields["cue"]?.string,
      content: fields["content"]?.string, type: type, expectNone: fields["none"]?.bool ?? false)
  }
}
