import Foundation
import QuoteExtraction
import Testing

/// The writer's output read back by Foundation's JSON parser gives the values written.
struct JSONWriterTests {
  /// Decodes one JSON value the writer produced.
  func decoded(_ writer: JSONWriter) throws -> Any {
    try JSONSerialization.jsonObject(with: Data(writer.bytes), options: [.fragmentsAllowed])
  }

  @Test(arguments: [
    "", "plain", "“curly” and \"straight\"", "back\\slash", "tab\tnew\nline\r",
    "\u{0}\u{1}\u{1F}\u{7F}", "émoji 👍🏽 and 日本語", String(repeating: "a\"", count: 300),
  ])
  func stringsRoundTrip(_ text: String) throws {
    var writer = JSONWriter()
    writer.string(text)
    #expect(try decoded(writer) as? String == text)

    var fromBytes = JSONWriter()
    fromBytes.string(utf8: ArraySlice(text.utf8))
    #expect(fromBytes.bytes == writer.bytes)
  }

  @Test func everyControlByteIsEscaped() throws {
    let text = String(decoding: (0..<0x20).map { UInt8($0) }, as: UTF8.self)
    var writer = JSONWriter()
    writer.string(text)
    #expect(!writer.bytes.dropFirst().dropLast().contains { $0 < 0x20 })
    #expect(try decoded(writer) as? String == text)
  }

  @Test(arguments: [0, 7, 9, 10, 42, -1, -10, 1_234_567, Int.max, Int.min])
  func integersRoundTrip(_ value: Int) throws {
    var writer = JSONWriter()
    writer.int(value)
    #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value))
  }

  @Test func objectsAndArraysNest() throws {
    var writer = JSONWriter()
    writer.beginObject()
    writer.string("id", "a")
    writer.beginArray("list")
    writer.int(1)
    writer.double(0.25)
    writer.null()
    writer.endArray()
    writer.bool("ok", true)
    writer.endObject()
    let object = try #require(try decoded(writer) as? [String: Any])
    #expect(object["id"] as? String == "a")
    #expect((object["list"] as? [Any])?.count == 3)
    #expect(object["ok"] as? Bool == true)
  }
}
