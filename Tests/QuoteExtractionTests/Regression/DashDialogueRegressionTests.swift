import QuoteExtraction
import QuoteExtractionTestSupport
import Testing

// Found by fuzz-pipeline: dash dialogue over lines (paragraph mode `line`) whose question
// mark is followed by invalid UTF-8.
@Test func dashDialogueInLineModeHoldsEveryInvariant() throws {
  let input: [UInt8] =
    [0xE2, 0x80, 0x94, 0x20, 0xC2, 0xBF] + Array("Vienes? ".utf8) + [0xE2, 0x2E, 0x0A]
    + [0xE2, 0x80, 0x94, 0x20, 0x53, 0xC3, 0xAD, 0x2E]
  var configuration = Configuration()
  configuration.paragraphMode = .line
  let result = try QuoteExtractor(configuration: configuration).extract(utf8: input)
  let invariants = ResultInvariants(result, input: input)
  #expect(invariants.holds, "\(invariants.report)")
}
