import Foundation
import QuoteExtraction
import Testing

@testable import extract

@Suite struct HTMLRendererTests {
  static let text =
    "“We will finish the bridge by spring,” Mayor Lena Ortiz said on Tuesday.\n\n"
    + "Critics said the plan was too costly, and Ana Ruiz called it “a waste of money.” "
    + "Ortiz told reporters that the money was there. “We are ready,” she added."

  /// A result built by hand, so the page is checked whatever the rules find.
  static func result() throws -> ExtractionResult {
    let extractor = try QuoteExtractor()
    let document = try extractor.segment(text)
    let bytes = Array(text.utf8)
    func range(_ needle: String, after start: Int = 0) -> Range<Int> {
      let target = Array(needle.utf8)
      for offset in start...(bytes.count - target.count)
      where Array(bytes[offset..<(offset + target.count)]) == target {
        return offset..<(offset + target.count)
      }
      return 0..<0
    }
    let attributions = [
      Attribution(
        type: .direct, fragments: [range("We will finish the bridge by spring,")],
        cue: range("said"), speaker: range("Mayor Lena Ortiz"), speakerName: "Lena Ortiz",
        rule: "test.direct", confidence: 0.9),
      Attribution(
        type: .indirect, fragments: [range("the plan was too costly")], cue: range("said"),
        speaker: range("Critics"), rule: "test.indirect", confidence: 0.6),
      Attribution(
        type: .mixed, fragments: [range("it “a waste of money.”")], cue: range("called"),
        speaker: range("Ana Ruiz"), speakerName: "Ana Ruiz", rule: "test.mixed", confidence: 0.7),
      Attribution(
        type: .indirect, fragments: [range("the money was there")], cue: range("told"),
        speaker: range("Ortiz told").lowerBound..<(range("Ortiz told").lowerBound + 5),
        speakerName: "Lena Ortiz", rule: "test.indirect", confidence: 0.8),
      Attribution(
        type: .direct, fragments: [range("We are ready,")], cue: range("added"),
        speaker: range("she added").lowerBound..<(range("she added").lowerBound + 3),
        speakerName: "Lena Ortiz", rule: "test.direct", confidence: 0.5),
    ]
    return ExtractionResult(document: document, attributions: attributions)
  }

  @Test func pageShowsEveryAttributionWithBalancedTagsAndTheWholeText() throws {
    let content = RecordContent(
      id: "preview", line: nil, kept: [], outcome: .result(try Self.result()))
    let body = HTMLRenderer().render(content)
    #expect(body.components(separatedBy: "<mark ").count - 1 == 5)
    #expect(
      body.components(separatedBy: "<mark ").count == body.components(separatedBy: "</mark>").count)
    #expect(
      body.components(separatedBy: "<span").count == body.components(separatedBy: "</span>").count)
    #expect(body.contains(">Lena Ortiz</span>"))
    #expect(body.contains(">Ana Ruiz</span>"))
    #expect(body.contains(">Critics</span>"))
    #expect(body.contains("data-type=\"mixed\""))
    // The text, tags and type labels removed, is the input text.
    let textDiv = try #require(
      body.components(separatedBy: "<div class=\"text\">").last?
        .components(separatedBy: "</div>").first)
    let plain = textDiv.replacingOccurrences(
      of: "<sup class=\"t\">[a-z]+</sup>", with: "", options: .regularExpression
    ).replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
      .replacingOccurrences(of: "&amp;", with: "&")
    #expect(plain == Self.text)
    let page =
      HTMLRenderer.header(title: "HTML preview") + body + HTMLRenderer.footer
    try page.write(
      to: FileManager.default.temporaryDirectory.appendingPathComponent(
        "extract-html-preview.html"),
      atomically: true, encoding: .utf8)
  }
}
