import Foundation
import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// The other segmenters' test cases in `../shared/peer-cases`, scored as `tools/seg_eval.py`
/// scores them: a case passes when every sentence matches after trimming and collapsing
/// whitespace. The floors are the ones issue 2 asks for.
@Suite(
  .enabled(
    if: Fixtures.shared != nil,
    "../shared is absent: the peer segmentation cases live there and are not copied here"))
struct PeerSegmentationCaseTests {
  struct Case {
    var id: String
    var text: String
    var expected: [String]
    var exactPartition: Bool
  }

  static func cases(_ name: String) throws -> [Case] {
    guard let shared = Fixtures.shared else { return [] }
    let url = shared.appendingPathComponent("peer-cases").appendingPathComponent(name)
    let data = try Data(contentsOf: url)
    var result: [Case] = []
    for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
      guard let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
        let id = object["id"] as? String, let text = object["text"] as? String,
        let expected = object["expected_sentences"] as? [String]
      else { continue }
      let exact = object["exact_partition"] as? Bool ?? true
      result.append(Case(id: id, text: text, expected: expected, exactPartition: exact))
    }
    return result
  }

  static func normalized(_ text: Substring) -> String {
    text.split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
  }

  /// The ids of the cases that pass.
  static func passing(_ cases: [Case]) throws -> Set<String> {
    var passed = Set<String>()
    for item in cases {
      let document = try Document(text: item.text)
      let got = document.sentences.map { normalized(document.text($0.utf8Range)[...]) }
        .filter { !$0.isEmpty }
      let expected = item.expected.map { normalized($0[...]) }.filter { !$0.isEmpty }
      if got == expected { passed.insert(item.id) }
    }
    return passed
  }

  @Test func goldenRulesPassAtLeastFiftyOfFiftyTwo() throws {
    let cases = try Self.cases("golden-rules-en.jsonl")
    #expect(cases.count == 52)
    let passed = try Self.passing(cases)
    let failed = cases.map(\.id).filter { !passed.contains($0) }
    #expect(passed.count >= 50, "failing: \(failed)")
  }

  @Test func sbdCasesPassAtLeast255OfTheExactPartitions() throws {
    let cases = try Self.cases("sbd-cases-en.jsonl").filter(\.exactPartition)
    #expect(cases.count == 300)
    let passed = try Self.passing(cases)
    #expect(passed.count >= 255, "passed \(passed.count) of \(cases.count)")
  }
}
