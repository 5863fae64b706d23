import Foundation
import Testing

@testable import QuoteExtraction

/// A span object written in one piece reads back as the members written one by one.
struct JSONWriterSpanTests {
  @Test(arguments: ["", "plain", "“quoted” \"text\"\n", String(repeating: "long\\", count: 40)])
  func spanObjectsReadBack(_ text: String) throws {
    var writer = JSONWriter()
    writer.beginObject()
    writer.beginSpanObject("content", start: 3, end: -12, text: ArraySlice(text.utf8))
    writer.endObject()
    writer.beginArray("list")
    writer.beginSpanObject(nil, start: Int.max, end: 0, text: ArraySlice(text.utf8))
    writer.bool("closed", true)
    writer.endObject()
    writer.endArray()
    writer.endObject()
    let object = try #require(
      try JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any])
    let content = try #require(object["content"] as? [String: Any])
    #expect(content["start"] as? Int == 3)
    #expect(content["end"] as? Int == -12)
    #expect(content["text"] as? String == text)
    let element = try #require((object["list"] as? [[String: Any]])?.first)
    #expect(element["start"] as? Int == Int.max)
    #expect(element["text"] as? String == text)
    #expect(element["closed"] as? Bool == true)
  }
}
