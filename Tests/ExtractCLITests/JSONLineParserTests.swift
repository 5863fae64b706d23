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

  @Test(arguments: [
    (#"{"id":"a","text":"x""#, "bad-json"),
    (#"{"id":"a","text":"x"} trailing"#, "bad-json"),
    (#"["text"]"#, "bad-json"),
    (#"{"id":"a","text":"\ud83d"}"#, "invalid-utf8"),
    (#"{"id":"a","text":"\ude00x"}"#, "invalid-utf8"),
    (#"{"id":"a","text":"\q"}"#, "bad-json"),
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

  @Test func deepNestingIsAnErrorNotACrash() {
    let line = #"{"id":"a","x":"# + String(repeating: "[", count: 100_000) + "}"
    guard case .failure(let failure) = parse(line) else {
      Issue.record("accepted deep nesting")
      return
    }
    #expect(failure.code == "bad-json")
  }
}
