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

// Found by fuzz-pipeline (Fixtures/fuzz/fuzz-pipeline/crash-dash-dialogue-*.bin, which
// `everyFuzzSeedHoldsEveryInvariant` runs): dash dialogue and quotation marks are found apart,
// and a marked quotation could cross a dash-dialogue span. Spans must nest, so a dash span that
// crosses a quotation closed by its marks is left out; one that holds a whole quotation stays.

/// The quoted spans of `text` (paragraph mode `line`) as kind and content, after checking every
/// invariant of the result.
private func lineModeSpans(_ text: String) throws -> [String] {
  var configuration = Configuration()
  configuration.paragraphMode = .line
  let result = try QuoteExtractor(configuration: configuration).extract(from: text)
  let invariants = ResultInvariants(result, input: Array(text.utf8))
  #expect(invariants.holds, "\(invariants.report)")
  return result.quotes.map { "\($0.kind.rawValue): \(result.document.text($0.content))" }
}

@Test func dashSpeechEndingInsideAQuotationIsLeftOut() throws {
  // The quotation opens inside the first speech, the narrator's dash falls inside it, and the
  // resumed speech ends after it.
  let spans = try lineModeSpans("— ¿'Vienes? —dijo él—.’ he said.\n— Sí.")
  #expect(spans == ["speech: Vienes? —dijo él—.", "dash-dialogue: Sí."])
}

@Test func quotationOverANarratorsClauseDropsTheSpeechItCrosses() throws {
  // LaTeX marks (`…') open in the resumed speech and close in the next one: both cross them;
  // the first speech, before the quotation, stays.
  let spans = try lineModeSpans("— Ven —dijo ella—`pronto —dijo él—' y luego.\n— Sí.")
  #expect(spans == ["dash-dialogue: Ven", "term: pronto —dijo él—", "dash-dialogue: Sí."])
}

@Test func quotationInsideDashSpeechStaysNested() throws {
  let spans = try lineModeSpans("— Dijo «hola» y se fue —dijo ella—. Vamos.\n— Sí.")
  #expect(
    spans == [
      "dash-dialogue: Dijo «hola» y se fue", "term: hola", "dash-dialogue: Vamos.",
      "dash-dialogue: Sí.",
    ])
}

@Test func guillemetsOverANarratorsClauseWin() throws {
  let spans = try lineModeSpans("— Mira «esto —dijo ella— y aquello» ahora.\n— Sí.")
  #expect(spans == ["speech: esto —dijo ella— y aquello", "dash-dialogue: Sí."])
}
