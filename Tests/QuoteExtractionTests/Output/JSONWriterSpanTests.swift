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

  /// A short span's text written in its head's piece is the bytes that the general path writes,
  /// for every range of up to 40 bytes of a text with bytes to escape around and inside them
  /// (masked at every length) and ranges too near the text's end to read four words.
  @Test(arguments: [true, false])
  func shortSpanTextsMatchTheGeneralPath(closing: Bool) {
    let text = Array(
      "ab\"cd efgh“ij”\\kl\nmn opq\trst uvw xyz 0123456789 é\u{1}z ABCDEFGHIJKLMNOP\"QR".utf8)
    var shortOnes = 0
    text.withUnsafeBufferPointer { text in
      for start in 0...text.count {
        for end in start...min(start + 40, text.count) {
          var short = JSONWriter()
          var written = false
          short.appendElement { piece in
            piece.spanHead(start, end)
            written = piece.shortSpanText(text, start..<end, closing: closing)
          }
          if written { shortOnes += 1 }
          if !written {
            short.appendSpanText(UnsafeBufferPointer(rebasing: text[start..<end]), closing: closing)
          }
          var general = JSONWriter()
          general.appendElement { $0.spanHead(start, end) }
          general.appendSpanText(UnsafeBufferPointer(rebasing: text[start..<end]), closing: closing)
          #expect(short.bytes == general.bytes, "\(start)..<\(end)")
        }
      }
    }
    #expect(shortOnes > 100)
  }

  /// The names that pieces write for kinds are the kinds' raw values.
  @Test func kindNamesAreTheRawValues() {
    for kind in Attribution.Kind.allCases { #expect(kind.jsonName.description == kind.rawValue) }
    for kind in Attribution.MentionKind.allCases {
      #expect(kind.jsonName.description == kind.rawValue)
    }
    for kind: QuotedSpan.Kind in [.speech, .term, .title, .dashDialogue] {
      #expect(kind.jsonName.description == kind.rawValue)
    }
  }

  /// Members gathered in one piece are the bytes of the same members written one by one,
  /// with the longest numbers.
  @Test(arguments: [
    (0, 1, 0.5, true), (Int.min, Int.max, -0.0005, false), (-7, 1_234_567, 123_456.789, true),
  ])
  func membersInOnePieceMatchMembersOneByOne(first: Int, second: Int, number: Double, flag: Bool) {
    var gathered = JSONWriter()
    gathered.beginObject()
    gathered.string("type", "direct")
    gathered.appendMembers { piece in
      piece.key("open")
      piece.pair(first, second)
      piece.key("close")
      piece.null()
      piece.key("closed")
      piece.bool(flag)
      piece.key("depth")
      piece.int(first)
      piece.key("confidence")
      piece.double(number)
      piece.key("paragraphs")
      piece.pair(second, first)
      piece.key("kind")
      piece.plainString("dash-dialogue")
    }
    gathered.endObject()

    var single = JSONWriter()
    single.beginObject()
    single.string("type", "direct")
    single.beginArray("open")
    single.int(first)
    single.int(second)
    single.endArray()
    single.null("close")
    single.bool("closed", flag)
    single.int("depth", first)
    single.double("confidence", number)
    single.beginArray("paragraphs")
    single.int(second)
    single.int(first)
    single.endArray()
    single.string("kind", "dash-dialogue")
    single.endObject()
    #expect(gathered.bytes == single.bytes)
  }

  /// Pairs written many to a piece are the bytes of the same pairs written as arrays one by
  /// one: none, one, a piece's worth, one more, several pieces, and the longest numbers.
  @Test(arguments: [0, 1, 20, 21, 45])
  func pairElementsMatchArraysOneByOne(count: Int) {
    func pair(_ index: Int) -> (Int, Int) {
      index % 3 == 0 ? (Int.min, Int.max) : (index * 1_234_567, index % 10 - 5)
    }
    var gathered = JSONWriter()
    gathered.beginObject()
    gathered.beginArray("mentions")
    gathered.pairElements(count: count, pair)
    gathered.endArray()
    gathered.int("after", 1)
    gathered.endObject()

    var single = JSONWriter()
    single.beginObject()
    single.beginArray("mentions")
    for index in 0..<count {
      let (first, second) = pair(index)
      single.beginArray()
      single.int(first)
      single.int(second)
      single.endArray()
    }
    single.endArray()
    single.int("after", 1)
    single.endObject()
    #expect(gathered.bytes == single.bytes)
  }
}
