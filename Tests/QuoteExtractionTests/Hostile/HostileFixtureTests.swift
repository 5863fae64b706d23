import Foundation
import QuoteExtraction
import QuoteExtractionTestSupport
import Testing

/// One kind of invalid UTF-8, and how many U+FFFD it must turn into: one per maximal ill-formed
/// subpart (Unicode 15, §3.9 "U+FFFD Substitution of Maximal Subparts", as Swift and Python do).
struct InvalidUTF8Case: Sendable, CustomStringConvertible {
  var file: String
  var replacements: Int
  /// The quotation after the bad bytes, which must still be found.
  var quote: String
  var description: String { file }
}

@Test(arguments: [
  // E2 80 (cut before its last byte), F0 9F 98 (cut emoji)
  InvalidUTF8Case(file: "invalid-utf8-truncated.txt", replacements: 2, quote: "Hello there,"),
  // 80, BF at the start; 80 at the end
  InvalidUTF8Case(file: "invalid-utf8-stray-continuation.txt", replacements: 3, quote: "Hi,"),
  // C0 AF → 2, E0 80 AF → 3, F0 80 80 AF → 4: no prefix of an overlong form is valid
  InvalidUTF8Case(file: "invalid-utf8-overlong.txt", replacements: 9, quote: "No,"),
  // ED A0 80 and ED BF BF: surrogates, 3 each
  InvalidUTF8Case(file: "invalid-utf8-surrogates.txt", replacements: 6, quote: "Odd,"),
  // F4 90 80 80 is U+110000: 4
  InvalidUTF8Case(file: "invalid-utf8-above-10ffff.txt", replacements: 4, quote: "Far,"),
  // F5, F8, FE, FF: never in UTF-8, 1 each
  InvalidUTF8Case(file: "invalid-utf8-f5-ff.txt", replacements: 4, quote: "Never,"),
])
func invalidUTF8BecomesOneReplacementPerMaximalSubpart(_ test: InvalidUTF8Case) throws {
  let input = try HostileText.fixture(test.file)
  #expect(String(validating: input, as: UTF8.self) == nil, "the fixture must be invalid UTF-8")
  let result = try QuoteExtractor().extract(utf8: input)
  let replaced = result.text.unicodeScalars.count { $0 == "\u{FFFD}" }
  #expect(replaced == test.replacements)
  let diagnostic = try #require(result.diagnostics.first { $0.code == "invalid-utf8" })
  #expect(diagnostic.message.contains("\(test.replacements) invalid"))
  let firstReplacement = try #require(result.text.utf8.firstRange(of: "\u{FFFD}".utf8))
  #expect(
    diagnostic.utf8Offset
      == result.text.utf8.distance(
        from: result.text.utf8.startIndex, to: firstReplacement.lowerBound))
  #expect(result.quoteTexts == [test.quote])
  expectInvariants(result, input: input, test.file)
}

@Test func nulBytesStayInTheTextAndInsideQuotations() throws {
  let input = try HostileText.fixture("nul-bytes.txt")
  let result = try QuoteExtractor().extract(utf8: input)
  #expect(result.document.utf8 == input)
  #expect(result.text.unicodeScalars.count { $0 == "\u{0}" } == 5)
  #expect(result.quoteTexts == ["Stop\u{0} now,", "Back,"])
  #expect(result.document.paragraphs.count == 2)
  #expect(!result.diagnostics.contains { $0.code == "invalid-utf8" })
  expectInvariants(result, input: input, "nul-bytes.txt")
}

@Test func byteOrderMarksAreKeptAndCounted() throws {
  let input = try HostileText.fixture("bom.txt")
  let result = try QuoteExtractor().extract(utf8: input)
  #expect(Array(result.document.utf8.prefix(3)) == [0xEF, 0xBB, 0xBF])
  #expect(result.quoteTexts == ["Hello,", "Again,"])
  // The BOM is one code point and one UTF-16 unit before the opening mark.
  let first = try #require(result.quotes.first)
  #expect(result.document.codePointOffset(first.content.lowerBound) == 2)
  #expect(result.document.utf16Offset(first.content.lowerBound) == 2)
  #expect(result.document.paragraphs.count == 2)
  expectInvariants(result, input: input, "bom.txt")
}

@Test(arguments: ["crlf.txt", "lone-cr.txt"])
func carriageReturnsEndLinesLikeNewlines(_ file: String) throws {
  let input = try HostileText.fixture(file)
  let result = try QuoteExtractor().extract(utf8: input)
  let lineEnd = file == "crlf.txt" ? "\r\n" : "\r"
  #expect(result.document.paragraphs.count == 2)
  #expect(result.document.sentences.count == 3)
  #expect(result.quoteTexts == ["One,", "Two,", "And\(lineEnd)three."])
  for sentence in result.document.sentences {
    let text = result.document.text(sentence.utf8Range)
    #expect(!text.hasSuffix("\r") && !text.hasPrefix("\n"), "\(text.debugDescription)")
  }
  expectInvariants(result, input: input, file)
}

@Test func rightToLeftQuotationsAreFound() throws {
  let input = try HostileText.fixture("right-to-left.txt")
  let result = try QuoteExtractor().extract(utf8: input)
  #expect(result.quoteTexts == ["שלום לכולם", "سنبدأ غداً", "Mixed עברית text,"])
  expectInvariants(result, input: input, "right-to-left.txt")
}

@Test func cornerBracketsNestWithoutSpaces() throws {
  let input = try HostileText.fixture("cjk.txt")
  let result = try QuoteExtractor().extract(utf8: input)
  #expect(result.quoteTexts == ["こんにちは", "雪国", "你好", "他說『不』。", "不"])
  let inner = try #require(result.quotes.last)
  #expect(inner.depth == 1)
  #expect(inner.parent.map { result.document.text(result.quotes[$0].content) } == "他說『不』。")
  expectInvariants(result, input: input, "cjk.txt")
}

@Test func emojiSequencesNextToMarksStayWhole() throws {
  let input = try HostileText.fixture("emoji.txt")
  let result = try QuoteExtractor().extract(utf8: input)
  #expect(result.quoteTexts == ["👍🏽 Great job 👨‍👩‍👧‍👦!", "🏳️‍🌈 flags 🏴󠁧󠁢󠁳󠁣󠁴󠁿,"])
  // Astral emoji take two UTF-16 units: the units must differ from the code points here.
  let second = try #require(result.quotes.last)
  let document = result.document
  #expect(
    document.utf16Offset(second.content.lowerBound)
      > document.codePointOffset(second.content.lowerBound))
  expectInvariants(result, input: input, "emoji.txt")
}

@Test func combiningMarksBesideQuotationMarksKeepTheQuotation() throws {
  let input = try HostileText.fixture("combining-marks.txt")
  let result = try QuoteExtractor().extract(utf8: input)
  // A mark that combines with the opening quotation mark belongs to neither the mark nor the
  // words in print, but it sits between the marks, so the content holds it (as gold spans do).
  #expect(result.quoteTexts == ["\u{308}Hello there,", "café\u{301}", "\u{327}a va", "Yes."])
  expectInvariants(result, input: input, "combining-marks.txt")
}

@Test func htmlEntitiesAreTextAndLiteralMarksStillQuote() throws {
  let input = try HostileText.fixture("html.txt")
  let result = try QuoteExtractor().extract(utf8: input)
  #expect(result.document.utf8 == input)
  let texts = result.quoteTexts
  #expect(texts.contains("Literal marks,"))
  // Entities are not decoded (the engine never rewrites text): &quot; opens nothing.
  #expect(!texts.contains("Fine,"))
  for quote in result.quotes {
    #expect(result.document.utf8[quote.openMark.lowerBound] != UInt8(ascii: "&"))
  }
  expectInvariants(result, input: input, "html.txt")
}

@Test func everyHostileFixtureIsDeterministic() throws {
  let folder = Fixtures.url("hostile")
  let names = try FileManager.default.contentsOfDirectory(atPath: folder.path)
    .filter { $0.hasSuffix(".txt") }.sorted()
  #expect(names.count >= 15)
  let extractor = try QuoteExtractor()
  for name in names {
    let input = try HostileText.fixture(name)
    var outputs: [[UInt8]] = []
    for unit in OffsetUnit.allCases {
      for _ in 0..<2 {
        var writer = JSONWriter()
        writer.beginObject()
        try extractor.extract(utf8: input).writeFields(to: &writer, offsets: unit)
        writer.endObject()
        outputs.append(writer.bytes)
      }
    }
    #expect(
      outputs[0] == outputs[1] && outputs[2] == outputs[3] && outputs[4] == outputs[5], "\(name)")
  }
}
