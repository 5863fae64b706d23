import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// The matcher's token test (``PatternMatcher/accepts(_:_:)``) takes shortcuts: packed
/// spellings, the spelling filters and first-byte bits of ``TokenCheck``, the key lengths of
/// the anchor index. Over
/// corpus texts, it answers as a plain comparison of the token's bytes with every spelling, and
/// so does ``PatternMatcher/admits(_:_:)``, which asks its filters first.
struct TokenCheckTests {
  /// Whether `test` holds for the token at `index`, read the slow way: lexicon bits, kind and
  /// shape, then the token's bytes (`bytes`, and `lowered` with its ASCII letters lower-cased)
  /// against each of the program's spellings (`spellings`).
  static func plainlyAccepts(
    _ test: TokenCheck, _ index: Int, _ context: RuleContext, bytes: [UInt8], lowered: [UInt8],
    spellings: [[UInt8]]
  ) -> Bool {
    let mask = context.mask(index)
    if test.anyOf != 0 && mask & test.anyOf == 0 { return false }
    if mask & test.noneOf != 0 { return false }
    let token = context.document.tokens[index]
    if let kind = test.kind, token.kind != kind { return false }
    if test.shape != 0 && token.shape.rawValue & test.shape == 0 { return false }
    let texts = Int(test.texts.lowerBound)..<Int(test.texts.upperBound)
    if !texts.isEmpty && !texts.contains(where: { spellings[$0] == bytes }) { return false }
    let lowers = Int(test.lowers.lowerBound)..<Int(test.lowers.upperBound)
    if !lowers.isEmpty && !lowers.contains(where: { spellings[$0] == lowered }) { return false }
    return true
  }

  @Test(arguments: ["polnear-dev", "litbank-dev"])
  func spellingTestsAnswerAsPlainComparisons(_ corpus: String) throws {
    var wrong: [String] = []
    var accepted = 0
    let read = try AnchorIndexTests.forEachContext(corpus) { result, context, rules in
      let matcher = PatternMatcher(context: context)
      let program = rules.program
      // Every token test of the rules that names spellings, once.
      var tests: [TokenCheck] = []
      for step in program.steps where step.operation == .token {
        if !(step.test.texts.isEmpty && step.test.lowers.isEmpty), !tests.contains(step.test) {
          tests.append(step.test)
        }
      }
      let spellings = program.spellings.map {
        Array(program.bytes[Int($0.lowerBound)..<Int($0.upperBound)])
      }
      for token in 0..<context.tokenCount {
        let bytes = Array(result.document.utf8[result.document.tokens[token].utf8Range])
        let lowered = bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }
        for test in tests {
          let answer = matcher.accepts(test, token)
          if answer { accepted += 1 }
          let expected = Self.plainlyAccepts(
            test, token, context, bytes: bytes, lowered: lowered, spellings: spellings)
          if answer != expected {
            wrong.append("«\(result.document.text(of: token))»: \(answer)")
          }
          // The filters asked first never turn away a token the test accepts.
          if matcher.admits(test, token) != answer {
            wrong.append("«\(result.document.text(of: token))»: admits \(!answer)")
          }
        }
      }
    }
    guard read else { return }
    #expect(accepted > 0)
    #expect(wrong.count == 0, "\(wrong.prefix(10))")
  }
}
