import Foundation
import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// The AP example (Fixtures/examples/ap-mexico-migration.txt): its attributions match the
/// golden file, and the gold attributions in ../shared are all found with the right speaker.
struct APExampleTests {
  static let textURL = Fixtures.url("examples/ap-mexico-migration.txt")
  static let goldenURL = Fixtures.url("examples/ap-mexico-migration.attributions.json")

  func result() throws -> ExtractionResult {
    let data = try Data(contentsOf: Self.textURL)
    return try QuoteExtractor().extract(utf8: [UInt8](data))
  }

  /// The attributions as sorted-key JSON, spans as {start, end, text} in code points.
  func goldenJSON(_ result: ExtractionResult) throws -> Data {
    let document = result.document
    func span(_ range: Range<Int>?) -> Any {
      guard let range else { return NSNull() }
      return [
        "start": document.codePointOffset(range.lowerBound),
        "end": document.codePointOffset(range.upperBound), "text": document.text(range),
      ] as [String: Any]
    }
    let items: [[String: Any]] = result.attributions.map { attribution in
      [
        "type": attribution.type.rawValue, "rule": attribution.rule,
        "fragments": attribution.fragments.map { span($0) }, "cue": span(attribution.cue),
        // NB: speaker names come from the resolver (another stage); the gold test checks them.
        "speaker": span(attribution.speaker),
      ]
    }
    var data = try JSONSerialization.data(
      withJSONObject: items, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])
    data.append(UInt8(ascii: "\n"))
    return data
  }

  @Test func attributionsMatchGolden() throws {
    let actual = try goldenJSON(try result())
    let record = ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"
    guard !record, let expected = try? Data(contentsOf: Self.goldenURL) else {
      try actual.write(to: Self.goldenURL)
      Issue.record("golden written to \(Self.goldenURL.path); run again")
      return
    }
    // The golden's spans must be slices of the text.
    let text = try String(contentsOf: Self.textURL, encoding: .utf8)
    let scalars = Array(text.unicodeScalars)
    let items = try #require(try JSONSerialization.jsonObject(with: expected) as? [[String: Any]])
    for item in items {
      let spans =
        ((item["fragments"] as? [[String: Any]]) ?? [])
        + [item["cue"], item["speaker"]]
        .compactMap { $0 as? [String: Any] }
      for span in spans {
        let start = try #require(span["start"] as? Int)
        let end = try #require(span["end"] as? Int)
        var slice = String.UnicodeScalarView()
        slice.append(contentsOf: scalars[start..<end])
        #expect(String(slice) == span["text"] as? String)
      }
    }
    #expect(
      String(decoding: actual, as: UTF8.self) == String(decoding: expected, as: UTF8.self),
      "attributions differ from the golden; RECORD_GOLDENS=1 rewrites it")
  }

  @Test func goldAttributionsAreFoundWithTheirSpeakers() throws {
    guard let shared = Fixtures.shared else {
      print("skipped: ../shared is absent (no gold for the AP example)")
      return
    }
    let goldURL = shared.appendingPathComponent("examples/ap-mexico-migration.gold.jsonl")
    let line = try String(contentsOf: goldURL, encoding: .utf8).split(separator: "\n")[0]
    let gold = try #require(
      try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    let quotes = try #require(gold["quotes"] as? [[String: Any]])
    let result = try result()
    let document = result.document
    var typesRight = 0
    for quote in quotes {
      let content = try #require(quote["content"] as? [Int])
      let goldRange =
        document.utf8Offset(
          codePoint: content[0])..<document.utf8Offset(
          codePoint: content[1])
      let match = result.attributions.first { attribution in
        attribution.content.overlaps(goldRange)
          && attribution.content.clamped(to: goldRange).count * 2 >= goldRange.count
      }
      let found = try #require(match, "not found: \(document.text(goldRange))")
      let speaker = try #require(quote["speaker"] as? [Int])
      let goldSpeaker =
        document.utf8Offset(
          codePoint: speaker[0])..<document.utf8Offset(
          codePoint: speaker[1])
      // As score.py counts it: the mention overlaps, or the resolved names agree.
      let goldName = (quote["speaker_name"] as? String)?.lowercased()
      let sameName = goldName != nil && found.speakerName?.lowercased() == goldName
      #expect(
        found.speaker?.overlaps(goldSpeaker) == true || sameName,
        "speaker of \(document.text(goldRange))")
      if found.type.rawValue == quote["type"] as? String { typesRight += 1 }
    }
    #expect(typesRight >= quotes.count - 1)
  }
}
