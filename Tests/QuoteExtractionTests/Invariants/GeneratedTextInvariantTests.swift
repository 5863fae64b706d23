import QuoteExtraction
import QuoteExtractionTestSupport
import Testing

/// Random documents built from the pieces that break text engines: quotation marks of every
/// family, apostrophes, dashes, emoji, combining marks, CJK and right-to-left words, line ends
/// of every kind, NUL and invalid UTF-8. Seeded, so a failure names the seed that reproduces it.
struct HostileTextGenerator {
  static let pieces: [[UInt8]] =
    [
      "word", "Said", "she said", "Mr.", "U.S.", ".", ",", "?!", "…", " ", "  ", "\t", "\n", "\n\n",
      "\r\n", "\r", "\r\n\r\n", "“", "”", "‘", "’", "\"", "'", "`", "``", "''", "«", "»", "‹", "›",
      "„", "‚", "「", "」", "『", "』", "—", "--", "–", "-", "(", ")", "'em", "rock ’n’ roll",
      "Jones’", "’90s", "👍🏽", "👨‍👩‍👧‍👦", "🇺🇸", "\u{301}", "\u{308}", "é", "中文", "こんにちは", "שלום",
      "مرحبا", "\u{200F}", "\u{200D}", "\u{FEFF}", "\u{A0}", "\u{2028}", "\u{0}", "\u{1F}", "<p>",
      "&quot;", "1,000", "3.5",
    ].map { Array($0.utf8) } + [[0x80], [0xE2, 0x80], [0xED, 0xA0, 0x80], [0xF5], [0xC0, 0xAF]]

  var state: UInt64

  mutating func next(_ bound: Int) -> Int {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int((state >> 33) % UInt64(bound))
  }

  /// A document of `count` pieces.
  mutating func document(pieces count: Int) -> [UInt8] {
    var bytes: [UInt8] = []
    for _ in 0..<count { bytes += Self.pieces[next(Self.pieces.count)] }
    return bytes
  }
}

@Test(arguments: 0..<8)
func everyInvariantHoldsOnGeneratedText(batch: Int) throws {
  let configurations: [Configuration] = {
    var line = Configuration()
    line.paragraphMode = .line
    var noSingles = Configuration()
    noSingles.singleQuotes = false
    return [Configuration(), line, noSingles]
  }()
  let extractors = try configurations.map { try QuoteExtractor(configuration: $0) }
  for index in 0..<40 {
    let seed = UInt64(batch * 1_000 + index)
    var generator = HostileTextGenerator(state: seed)
    let input = generator.document(pieces: 1 + generator.next(400))
    for (number, extractor) in extractors.enumerated() {
      let result = try extractor.extract(utf8: input)
      expectInvariants(result, input: input, "seed \(seed), configuration \(number)")
    }
  }
}

/// The checker itself must catch what it is meant to catch, or the tests above prove nothing.
@Test func invariantCheckerCatchesBrokenResults() throws {
  let text = "“Héllo ‘there’ friend,” she said. “Bye,” he said."
  let good = try QuoteExtractor().extract(from: text)
  #expect(ResultInvariants(good).holds, "\(ResultInvariants(good).report)")
  try #require(good.quotes.count >= 3 && !good.attributions.isEmpty)
  let inside = good.quotes[1]
  func expectCaught(_ what: String, _ change: (inout ExtractionResult) -> Void) {
    var broken = good
    change(&broken)
    #expect(!ResultInvariants(broken).holds, "not caught: \(what)")
  }
  expectCaught("a range in the middle of é") { $0.quotes[0].content = 5..<10 }
  expectCaught("a range past the end") { $0.quotes[0].content = 0..<(text.utf8.count + 1) }
  expectCaught("a depth that skips a level") { $0.quotes[1].depth = 2 }
  expectCaught("a child outside its parent") { $0.quotes[2].parent = 1 }
  expectCaught("quotes out of text order") { $0.quotes.swapAt(0, 2) }
  expectCaught("closed quotes that cross") {
    $0.quotes[1].openMark = inside.openMark.lowerBound..<inside.openMark.upperBound
    $0.quotes[1].closeMark = (text.utf8.count - 1)..<text.utf8.count
    $0.quotes[1].content = inside.content.lowerBound..<(text.utf8.count - 1)
    $0.quotes[1].parent = nil
    $0.quotes[1].depth = 0
  }
  expectCaught("a cue inside the content") {
    let content = $0.attributions[0].content
    $0.attributions[0].cue = content.lowerBound..<(content.lowerBound + 1)
  }
  expectCaught("a speaker inside direct content") {
    $0.attributions[0].type = .direct
    $0.attributions[0].speaker = $0.attributions[0].content
  }
  expectCaught("an entity that does not exist") { $0.attributions[0].entity = 5 }
  expectCaught("a confidence above 1") { $0.attributions[0].confidence = 1.5 }
  expectCaught("a diagnostic past the end") {
    $0.diagnostics.append(Diagnostic(code: "x", message: "x", utf8Offset: 10_000))
  }
  // Text fidelity: a valid input that the document does not reproduce.
  #expect(!ResultInvariants(good, input: Array((text + " ").utf8)).holds)
}
