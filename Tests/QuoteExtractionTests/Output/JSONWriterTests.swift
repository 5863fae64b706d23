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

  @Test(arguments: [
    0, 7, 9, 10, 42, 99, 100, 101, 999, 1000, -1, -10, -100, 1_234_567, 12_345_678, 999_999,
    1_000_000, Int.max, Int.min,
  ])
  func integersRoundTrip(_ value: Int) throws {
    var writer = JSONWriter()
    writer.int(value)
    #expect(String(decoding: writer.bytes, as: UTF8.self) == String(value))
  }

  /// Numbers of every length, around each power of ten and in between, as Swift writes them
  /// (the writer has a path for numbers below 10^8 and one for the others).
  @Test func integersOfEveryLengthRoundTrip() {
    var values: [Int] = Array(0...20_000)
    for exponent in 1...18 {
      let power = (0..<exponent).reduce(1) { power, _ in power * 10 }
      values += [power - 1, power, power + 1, power / 3, power / 7 * 3, power - power / 9]
    }
    for value in values {
      var writer = JSONWriter()
      writer.int(value)
      writer.int(-value)
      #expect(String(decoding: writer.bytes, as: UTF8.self) == "\(value),\(-value)")
    }
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

  /// Each byte that needs an escape, at every position of the first blocks and words the writer
  /// scans 32 and eight bytes at a time, between bytes that need none (some next to the escaped
  /// ones).
  @Test(arguments: [0x00, 0x09, 0x0A, 0x1F, 0x22, 0x5C] as [UInt8])
  func escapesAreFoundAtEveryPosition(byte: UInt8) throws {
    for length in [1, 7, 8, 9, 16, 17, 24, 31, 32, 33, 40, 63, 64, 65, 71] {
      for position in 0..<length {
        var bytes = (0..<length).map { [0x20, 0x21, 0x23, 0x5B, 0x5D, 0x7F][$0 % 6] as UInt8 }
        bytes[position] = byte
        let text = String(decoding: bytes, as: UTF8.self)
        var writer = JSONWriter()
        writer.string(text)
        #expect(try decoded(writer) as? String == text)
        // One escape: two bytes for a named one (\n, \"), six for \u00XX; nothing else grows.
        let named: Set<UInt8> = [0x09, 0x0A, 0x22, 0x5C]
        #expect(writer.bytes.count == length + 2 + (named.contains(byte) ? 1 : 5))
      }
    }
  }

  /// Two bytes that need an escape at every pair of positions, among bytes that a borrow from
  /// the first could make look like one (a space after a control byte, `#` after `"`): the search
  /// after the first starts anywhere, also in the last bytes, which are tested in one word.
  @Test(arguments: [0x0A, 0x1F, 0x22, 0x5C] as [UInt8])
  func secondEscapesAreFoundAfterTheFirst(byte: UInt8) throws {
    for filler in [0x20, 0x21, 0x23, 0x5D] as [UInt8] {
      for length in [2, 8, 9, 15, 16, 17, 23, 33, 41] {
        for first in 0..<length {
          for second in first..<length where second > first {
            var bytes = [UInt8](repeating: filler, count: length)
            bytes[first] = byte
            bytes[second] = 0x0A
            let text = String(decoding: bytes, as: UTF8.self)
            var writer = JSONWriter()
            writer.string(text)
            #expect(try decoded(writer) as? String == text)
            let named: Set<UInt8> = [0x09, 0x0A, 0x22, 0x5C]
            #expect(writer.bytes.count == length + 2 + (named.contains(byte) ? 1 : 5) + 1)
          }
        }
      }
    }
  }

  @Test(arguments: ["plain", "we\"ird", "new\nline", String(repeating: "long", count: 20)])
  func keysRoundTrip(_ key: String) throws {
    var writer = JSONWriter()
    writer.beginObject()
    writer.int("first", 1)
    writer.string(key, "value")
    writer.beginArray(key + "s")
    writer.endArray()
    writer.endObject()
    let object = try #require(try decoded(writer) as? [String: Any])
    #expect(object["first"] as? Int == 1)
    #expect(object[key] as? String == "value")
    #expect((object[key + "s"] as? [Any])?.isEmpty == true)
  }

  @Test(arguments: [
    (0.0, "0"), (1.0, "1"), (0.5, "0.5"), (0.05, "0.05"), (0.005, "0.005"), (0.0004, "0"),
    (0.1234, "0.123"), (12.3456, "12.346"), (-0.25, "-0.25"), (-3.007, "-3.007"),
  ])
  func numbersHaveAtMostThreeDecimals(value: Double, written: String) {
    var writer = JSONWriter()
    writer.double(value)
    #expect(String(decoding: writer.bytes, as: UTF8.self) == written)
  }
}
