import Foundation
import QuoteExtraction
import QuoteExtractionTestSupport
import Testing

/// Generated hostile inputs too large to commit: each must come out right, and take about as
/// long as plain text of the same size (a quadratic path shows up as a ratio in the hundreds).
@Suite(.serialized)
struct HostileScaleTests {
  let extractor: QuoteExtractor

  init() throws { extractor = try QuoteExtractor() }

  @Test(arguments: ["“", "\"", "'", "「"])
  func tenThousandUnbalancedMarksCloseNothing(_ mark: String) throws {
    for (shape, unit) in [("before words", mark + "word "), ("after words", "word" + mark + " ")] {
      let input = HostileText.repeated(Array(unit.utf8), toSize: 10_000 * unit.utf8.count)
      let result = try extractor.extract(utf8: input)
      #expect(!result.quotes.contains { $0.isClosed }, "\(mark) \(shape)")
      // Diagnostics are capped, with one note that counts the rest.
      #expect(result.diagnostics.count <= 201, "\(mark) \(shape)")
      if result.diagnostics.count > 200 {
        #expect(result.diagnostics.contains { $0.code == "quote-diagnostics-truncated" })
      }
      #expect(jsonSize(result) <= 20 * input.count, "\(mark) \(shape)")
      expectInvariants(result, input: input, "10,000 × \(mark) \(shape)")
      try HostileText.expectTimeLikePlainText(
        input, factor: 5, extractor: extractor, "10,000 × \(mark) \(shape)")
    }
  }

  @Test func tenThousandNestedLevelsNestInOrder() throws {
    let levels = 10_000
    var text = ""
    for level in 0..<levels { text += level % 2 == 0 ? "“a " : "‘a " }
    for level in (0..<levels).reversed() { text += level % 2 == 0 ? "a”, " : "a’, " }
    let input = Array(text.utf8)
    let result = try extractor.extract(utf8: input)
    // Nesting is followed to a limit (real text nests three or four levels); deeper marks are
    // reported and ignored, so the output cannot grow as depth × length.
    let count = result.quotes.count
    #expect(count >= 8 && count < 100)
    #expect(result.quotes.allSatisfy { $0.isClosed })
    #expect(result.quotes.map(\.depth) == Array(0..<count))
    #expect(result.quotes.dropFirst().map(\.parent) == (0..<(count - 1)).map { $0 })
    #expect(result.diagnostics.contains { $0.code == "quote-too-deep" })
    #expect(jsonSize(result) <= 20 * input.count)
    expectInvariants(result, input: input, "10,000 nested levels")
    try HostileText.expectTimeLikePlainText(
      input, factor: 5, extractor: extractor, "10,000 nested levels")
  }

  /// 50 MB in an optimized build (`swift test -c release`), 300 kB in a debug one; the
  /// `linearity` benchmark always goes to 50 MB and beyond.
  @Test func hugeParagraphReadsLikeTheSameTextInParagraphs() throws {
    let size = HostileText.optimized ? 50_000_000 : 300_000
    let block = Array("“The vote is on Tuesday,” she said. Nobody in the council objected. ".utf8)
    let repetitions = (size + block.count - 1) / block.count
    let input = HostileText.repeated(block, toSize: size)
    let result = try extractor.extract(utf8: input)
    #expect(result.document.paragraphs.count == 1)
    #expect(result.quotes.count == repetitions)
    #expect(result.quotes.allSatisfy { $0.isClosed })
    #expect(result.document.sentences.count == 2 * repetitions)
    expectInvariants(result, input: input, "huge paragraph")
    // The same blocks with a blank line between them: one paragraph must cost no more.
    var paragraphs: [UInt8] = []
    paragraphs.reserveCapacity(input.count)
    while paragraphs.count < input.count - 2 {
      paragraphs.append(contentsOf: block.dropLast())
      paragraphs.append(contentsOf: "\n\n".utf8)
    }
    let split = try HostileText.seconds(paragraphs, extractor: extractor, runs: 1)
    let whole = try HostileText.seconds(input, extractor: extractor, runs: 1)
    print(
      "huge paragraph: \(input.count) bytes in \(Int(whole * 1000)) ms, in paragraphs "
        + "\(Int(split * 1000)) ms")
    #expect(whole <= 3 * split)
  }

  /// A megabyte of one kind of filler between two quotations (or alone, for a base64
  /// attachment pasted into an article: one huge word). The plain-text baseline is timed once.
  @Test func aMegabyteOfFillerIsLinearAndAddsNoToken() throws {
    let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    var base64: [UInt8] = []
    for _ in 0..<1_000_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      base64.append(alphabet[Int(state >> 58)])
    }
    let fillers: [(String, [UInt8])] = [
      ("spaces", Array(" ".utf8)), ("tabs", Array("\t".utf8)), ("newlines", Array("\n".utf8)),
      ("no-break spaces", Array("\u{A0}".utf8)),
    ]
    let plainTime = try HostileText.seconds(
      HostileText.plain(size: 1_000_000), extractor: extractor, runs: 1)
    func expectFast(_ input: [UInt8], _ name: String) throws {
      let time = try HostileText.seconds(input, extractor: extractor, runs: 1)
      print("1 MB of \(name): \(Int(time * 1000)) ms, plain text \(Int(plainTime * 1000)) ms")
      #expect(time <= 5 * plainTime, "1 MB of \(name) takes \(time / plainTime)× plain text")
    }
    let alone = try ["“Hi,” he said.", "“Bye,” she said."].map {
      try extractor.segment($0).tokens.count
    }
    for (name, unit) in fillers {
      let filler = HostileText.repeated(unit, toSize: 1_000_000)
      let input = Array("“Hi,” he said.".utf8) + filler + Array("“Bye,” she said.".utf8)
      let result = try extractor.extract(utf8: input)
      #expect(result.quoteTexts == ["Hi,", "Bye,"], "\(name)")
      // The filler adds no token: the two sentences alone have as many.
      #expect(result.document.tokens.count == alone.reduce(0, +), "\(name)")
      #expect(result.document.sentences.count == 2, "\(name)")
      // A blank line between the two (newlines) makes two paragraphs; anything else one.
      #expect(result.document.paragraphs.count == (name == "newlines" ? 2 : 1), "\(name)")
      expectInvariants(result, input: input, "1 MB of \(name)")
      try expectFast(input, name)
    }
    let result = try extractor.extract(utf8: base64)
    #expect(result.document.paragraphs.count == 1)
    #expect(result.quotes.isEmpty)
    expectInvariants(result, input: base64, "1 MB base64")
    try expectFast(base64, "base64")
  }
}

/// The size of a result's JSON output, in bytes.
func jsonSize(_ result: ExtractionResult) -> Int {
  var writer = JSONWriter()
  writer.beginObject()
  result.writeFields(to: &writer, offsets: .codePoints)
  writer.endObject()
  return writer.bytes.count
}
