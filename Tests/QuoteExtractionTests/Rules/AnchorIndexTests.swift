import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// The anchor index leaves out only rules that cannot match: every rule that matches at a
/// token of a corpus text is listed there, and every phrase stays within the reach the index
/// counts on (``PhraseFinder/reach(_:forward:)``).
struct AnchorIndexTests {
  /// Documents of each corpus read (debug builds are slow).
  static let documents = 25

  /// Calls `body` with the result, rule context and rule set of each document read; false when
  /// the corpora are absent.
  static func forEachContext(
    _ corpus: String, _ body: (ExtractionResult, RuleContext, RuleSet) -> Void
  ) throws -> Bool {
    guard let texts = try Fixtures.corpusTexts(corpus) else { return false }
    let extractor = try QuoteExtractor()
    let rules = try RuleSet(configuration: Configuration())
    for text in texts.prefix(documents) {
      let result = try extractor.extract(from: text)
      body(
        result, RuleContext(document: result.document, quotes: result.quotes, rules: rules), rules)
    }
    return true
  }

  @Test(arguments: ["polnear-dev", "litbank-dev"])
  func everyMatchingRuleIsListed(_ corpus: String) throws {
    var missed: [String] = []
    var matches = 0
    let read = try Self.forEachContext(corpus) { result, context, rules in
      let matcher = PatternMatcher(context: context)
      let index = AnchorIndex(context: context, matcher: matcher)
      var listed = Set<[Int]>()
      for (position, token) in index.tokens.enumerated() {
        var next = index.nextRule(at: position, from: 0, before: rules.rules.count)
        while let rule = next {
          listed.insert([Int(token), rule])
          next = index.nextRule(at: position, from: rule + 1, before: rules.rules.count)
        }
      }
      for token in 0..<context.tokenCount {
        for rule in rules.rules.indices
        where matcher.accepts(rules.program.entries[rule].anchor, token)
          && matcher.match(rule, at: token) != nil
        {
          matches += 1
          if !listed.contains([token, rule]) {
            missed.append("\(rules.rules[rule].id) at «\(result.document.text(of: token))»")
          }
        }
      }
    }
    guard read else { return }
    #expect(matches > 0)
    #expect(missed.isEmpty, "\(missed.prefix(10))")
  }

  /// The (token, rule) pairs an index lists.
  static func listed(_ index: AnchorIndex, rules: Int) -> Set<[Int]> {
    var listed = Set<[Int]>()
    for (position, token) in index.tokens.enumerated() {
      var next = index.nextRule(at: position, from: 0, before: rules)
      while let rule = next {
        listed.insert([Int(token), rule])
        next = index.nextRule(at: position, from: rule + 1, before: rules)
      }
    }
    return listed
  }

  /// At the tokens marked direct-only (every other token here), the index lists the direct
  /// pass's rules it lists without the marks, and no other rule.
  /// The engine walks an anchor's rules from pass to pass by their numbers: each pass's number
  /// is its place in the order the passes run in, and the order compares the numbers.
  @Test func passNumbersAreThePassesOrder() {
    let passes = Rule.Pass.allCases
    #expect(passes.map(\.number) == Array(passes.indices))
    for (earlier, later) in zip(passes, passes.dropFirst()) {
      #expect(earlier < later && !(later < earlier))
    }
  }

  @Test func directOnlyTokensListTheDirectRulesAlone() throws {
    var compared = 0
    var dropped = 0
    var wrong: [String] = []
    let read = try Self.forEachContext("polnear-dev") { result, context, rules in
      let matcher = PatternMatcher(context: context)
      let marks = (0..<context.tokenCount).map { $0 % 2 == 0 }
      let all = Self.listed(
        AnchorIndex(context: context, matcher: matcher), rules: rules.rules.count)
      let marked = Self.listed(
        AnchorIndex(context: context, matcher: matcher, directOnly: marks), rules: rules.rules.count
      )
      for pair in all {
        compared += 1
        let expected = !marks[pair[0]] || rules.rules[pair[1]].pass == .direct
        if !expected { dropped += 1 }
        if expected != marked.contains(pair) {
          wrong.append("\(rules.rules[pair[1]].id) at «\(result.document.text(of: pair[0]))»")
        }
      }
      for pair in marked.subtracting(all) {
        wrong.append("extra \(rules.rules[pair[1]].id) at «\(result.document.text(of: pair[0]))»")
      }
    }
    guard read else { return }
    #expect(compared > 0 && dropped > 0)
    #expect(wrong.isEmpty, "\(wrong.prefix(10))")
  }

  @Test(arguments: ["polnear-dev", "litbank-dev"])
  func phrasesStayWithinTheirReach(_ corpus: String) throws {
    var beyond: [String] = []
    var phrases = 0
    let read = try Self.forEachContext(corpus) { _, context, _ in
      let finder = PhraseFinder(context: context)
      for phrase in PatternElement.Phrase.allCases {
        for forward in [true, false] {
          guard let reach = PhraseFinder.reach(phrase, forward: forward) else { continue }
          for cursor in 0..<context.tokenCount {
            let ends = finder.ends(phrase, from: cursor, forward: forward)
            for position in 0..<ends.count {
              phrases += 1
              let moved = forward ? ends[position] - cursor : cursor - ends[position]
              if moved < 0 || moved > reach {
                beyond.append("\(phrase) forward: \(forward) moved \(moved) from \(cursor)")
              }
            }
          }
        }
      }
    }
    guard read else { return }
    #expect(phrases > 0)
    #expect(beyond.isEmpty, "\(beyond.prefix(10))")
  }
}
