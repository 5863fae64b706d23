import Foundation
import Testing

@testable import extract

@Suite struct JSONLineParserTests {
  let parser = JSONLineParser(textField: "text", idField: "id", keepFields: ["meta"])

  func parse(_ line: String) -> Result<JSONLineParser.Record, JSONLineParser.Failure> {
    parser.parse(Array(line.utf8))
  }

  @Test(arguments: [
    (#"{"id":"a","text":"plain"}"#, "plain"),
    (#"{"text":"tab\tquote\"slash\/back\\","id":"a"}"#, "tab\tquote\"slash/back\\"),
    (#"{"id":"a","text":"\u00e9\u201c\ud83d\ude00"}"#, "é“😀"),
    (#"{"id":"a","text":"é “direct” 😀"}"#, "é “direct” 😀"),
    (#" { "id" : "a" , "text" : "" } "#, ""),
  ])
  func decodesTheTextField(line: String, text: String) throws {
    let record = try parse(line).get()
    #expect(record.text.map { String(decoding: $0, as: UTF8.self) } == text)
    #expect(record.id == "a")
  }

  // The fast path skips the plain bytes before the first byte to check, wherever it falls in a
  // block of sixteen or a word of eight.
  @Test(arguments: 0..<40)
  func decodesAByteToCheckAtAnyOffsetInAWord(offset: Int) throws {
    let plain = String(repeating: "p", count: offset)
    let line = #"{"id":"a","text":""# + plain + #"é\"q\\r\u00e9"# + plain + #"x"}"#
    let record = try parse(line).get()
    #expect(
      record.text.map { String(decoding: $0, as: UTF8.self) } == plain + "é\"q\\ré" + plain + "x")
  }

  // A raw DEL, a raw control byte and a byte that is not UTF-8 are each found wherever they fall
  // in a block of sixteen or a word of eight: DEL is kept and counted, the others are errors at
  // their own byte.
  @Test(arguments: 0..<40)
  func findsEachByteToCheckAtAnyOffsetInABlock(offset: Int) throws {
    let head =
      Array(#"{"id":"a","text":""#.utf8) + Array(repeating: UInt8(ascii: "p"), count: offset)
    let tail = Array(repeating: UInt8(ascii: "q"), count: 20) + Array(#""}"#.utf8)
    let record = try parser.parse(head + [0x7F] + tail).get()
    #expect(record.text?.count == offset + 21)
    #expect(record.text?[offset] == 0x7F)
    #expect(record.textMayBeBinary)
    #expect(try !parser.parse(head + tail).get().textMayBeBinary)
    for (byte, code, message) in [
      (UInt8(0x01), "bad-json", "control character in a string"),
      (UInt8(0xFF), "invalid-utf8", "invalid UTF-8"),
    ] {
      guard case .failure(let failure) = parser.parse(head + [byte] + tail) else {
        Issue.record("byte \(byte) at \(offset) was not rejected")
        continue
      }
      #expect(failure.code == code)
      #expect(failure.message == "\(message) at byte \(head.count + 1)")
    }
  }

  // A lone surrogate is one code point to Python's `json`, as U+FFFD is: offsets after it agree.
  @Test(arguments: [
    (#"{"id":"a","text":"x\ud83dy"}"#, "x\u{FFFD}y", 1, 1),
    (#"{"id":"a","text":"\ude00x"}"#, "\u{FFFD}x", 1, 0),
    (#"{"id":"a","text":"ab\ud83d\u0041\ud83d\ude00"}"#, "ab\u{FFFD}A😀", 1, 2),
    (#"{"id":"a","text":"\ud83d\ud83d"}"#, "\u{FFFD}\u{FFFD}", 2, 0),
    (#"{"id":"a","text":"\ud83d\ude00"}"#, "😀", 0, nil),
  ])
  func replacesLoneSurrogatesAndCountsThem(
    line: String, text: String, replaced: Int, firstOffset: Int?
  ) throws {
    let record = try parse(line).get()
    #expect(record.text.map { String(decoding: $0, as: UTF8.self) } == text)
    #expect(record.textSurrogatesReplaced == replaced)
    #expect(record.firstReplacedSurrogate == firstOffset)
  }

  @Test(arguments: [
    (#"{"id":"a","text":"x""#, "bad-json"),
    (#"{"id":"a","text":"x"} trailing"#, "bad-json"),
    (#"["text"]"#, "bad-json"),
    (#"{"id":"a","text":"\q"}"#, "bad-json"),
    (#"{"id":"a","text":"x\"#, "bad-json"),
    (#"{"id":"a","text":"x\n"#, "bad-json"),
    (#"{"id":"a","n":01,"text":"x"}"#, "bad-json"),
    (#"{"id":"a","text":"line"# + "\n" + #"break"}"#, "bad-json"),
  ])
  func rejectsMalformedLines(line: String, code: String) {
    guard case .failure(let failure) = parse(line) else {
      Issue.record("accepted \(line)")
      return
    }
    #expect(failure.code == code)
  }

  @Test(arguments: [
    [0xC3, 0x28], [0xE0, 0x80, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xFF],
  ])
  func rejectsInvalidUTF8InStrings(bytes: [UInt8]) {
    let line = Array(#"{"id":"a","text":""#.utf8) + bytes + Array(#""}"#.utf8)
    guard case .failure(let failure) = parser.parse(line) else {
      Issue.record("accepted \(bytes)")
      return
    }
    #expect(failure.code == "invalid-utf8")
  }

  @Test func numericIdsKeepTheirLiteralAndKeptFieldsStayRaw() throws {
    let record = try parse(#"{"id": 12.5e3, "meta": {"a": [1, "b"]}, "text": "t", "x": null}"#)
      .get()
    #expect(record.id == "12.5e3")
    #expect(record.kept.map(\.key) == ["meta"])
    #expect(
      record.kept.first.map { String(decoding: $0.json, as: UTF8.self) } == #"{"a": [1, "b"]}"#)
  }

  @Test func textOfAnotherTypeIsReportedAsSuch() throws {
    let record = try parse(#"{"id": "a", "text": {"nested": true}}"#).get()
    #expect(record.text == nil)
    #expect(record.textIsNotString)
  }

  @Test func decodesWhatFoundationEncodesAtEveryAlignment() throws {
    let alphabet = ["a", "Z", " ", "\"", "\\", "/", "\n", "\t", "é", "“", "😀", "\u{1}", "x", "7"]
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for length in 0..<60 {
      var text = ""
      for _ in 0..<length {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        text += alphabet[Int(state >> 33) % alphabet.count]
      }
      let data = try JSONSerialization.data(withJSONObject: ["id": "r\(length)", "text": text])
      let record = try parser.parse(Array(data)).get()
      #expect(record.text.map { String(decoding: $0, as: UTF8.self) } == text)
      #expect(record.id == "r\(length)")
    }
  }

  @Test func deepNestingIsAnErrorNotACrash() {
    let line = #"{"id":"a","x":"# + String(repeating: "[", count: 100_000) + "}"
    guard case .failure(let failure) = parse(line) else {
      Issue.record("accepted deep nesting")
      return
    }
    #expect(failure.code == "bad-json")
  }
}

@Suite struct BinaryDetectorTests {
  @Test(arguments: [
    ("plain text with “quotes” and tabs\there\r\n", false),
    ("a NUL\u{0} late in a long line of otherwise plain text", true),
    (String(repeating: "\u{1}\u{2}\u{3}text", count: 50), true),
    (String(repeating: "word ", count: 40) + "\u{7}", false),
  ])
  func tellsTextFromBinaryData(text: String, binary: Bool) {
    #expect(BinaryDetector.looksBinary(Array(text.utf8)) == binary)
  }

  // A JSON line's text is checked only when its decoding met a byte that the check counts:
  // escaped control bytes and raw DEL must be noticed, tabs and newlines need not be.
  @Test(arguments: [
    (#"{"id":"a","text":"a NUL\u0000 escaped"}"#, true, true),
    (#"{"id":"a","text":"\b\b\b\bword"}"#, true, true),
    // Eight raw DEL bytes in one word of the fast path.
    (
      #"{"id":"a","text":"abcdefgh"# + String(repeating: "\u{7F}", count: 8)
        + #"ijklmnopqrstuvwx"}"#, true, true
    ),
    (#"{"id":"a","text":"one bell\u0007 in a line of plain text, not binary"}"#, true, false),
    (#"{"id":"a","text":"lines\nand\ttabs\r\n\f\u001b[0m and “quotes”"}"#, false, false),
  ])
  func aJSONLineTextIsCheckedWhenItHoldsControlBytes(line: String, counted: Bool, binary: Bool)
    throws
  {
    let parser = JSONLineParser(textField: "text", idField: "id", keepFields: [])
    let record = try parser.parse(Array(line.utf8)).get()
    #expect(record.textMayBeBinary == counted)
    let decoded = RecordProcessor.decode(
      .jsonLine(source: "t.jsonl", line: 1, bytes: Array(line.utf8)), parser: parser)
    switch decoded {
    case .success: #expect(!binary)
    case .failure(let failure): #expect(binary && failure.code == "binary")
    }
  }

  @Test func aNULByteAfterOtherControlBytesStillCounts() {
    var bytes = Array(String(repeating: "text ", count: 100).utf8)
    bytes[3] = 0x01
    bytes[17] = 0x00
    #expect(BinaryDetector.looksBinary(bytes))
  }
}
