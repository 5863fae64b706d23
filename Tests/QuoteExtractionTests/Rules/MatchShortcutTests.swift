import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// The matcher's shortcuts change no match: a side that failed at an anchor is not read again
/// for the rules that share it (``SideFailures``), and a rule missing a token it must read near
/// its anchor (``RuleProgram/RequiredToken``) is not matched at all. Over corpus texts, at every
/// anchor and for every rule the index lists there, in the engine's order, the matcher answers
/// as it does without them (``PatternMatcher/matchPlainly(_:at:)``), with the same captures.
struct MatchShortcutTests {
  /// A match's captures, as text.
  static func described(_ captures: UnsafeBufferPointer<PatternMatcher.Capture>?) -> [String]? {
    captures.map { $0.map { "\($0.role) \($0.tokens) \($0.quote ?? -1)" } }
  }

  @Test(arguments: ["polnear-dev", "litbank-dev"])
  func shortcutsChangeNoMatch(_ corpus: String) throws {
    var tries = 0
    var matches = 0
    var wrong: [String] = []
    let read = try AnchorIndexTests.forEachContext(corpus) { result, context, rules in
      let matcher = PatternMatcher(context: context)
      let index = AnchorIndex(context: context, matcher: matcher)
      for (position, token) in index.tokens.enumerated() {
        var next = index.nextRule(at: position, from: 0, before: rules.rules.count)
        while let rule = next {
          next = index.nextRule(at: position, from: rule + 1, before: rules.rules.count)
          tries += 1
          // NB: the shortcut first, so that the failures it notes are in place for the next
          // rule; the plain reading notes none.
          let found = Self.described(matcher.match(rule, at: Int(token)))
          let expected = Self.described(matcher.matchPlainly(rule, at: Int(token)))
          if found != nil { matches += 1 }
          if found != expected {
            wrong.append(
              "\(rules.rules[rule].id) at «\(result.document.text(of: Int(token)))»: "
                + "\(found ?? []) for \(expected ?? [])")
          }
        }
      }
    }
    guard read else { return }
    #expect(matches > 0 && tries > matches)
    #expect(wrong.isEmpty, "\(wrong.prefix(10))")
  }
}
