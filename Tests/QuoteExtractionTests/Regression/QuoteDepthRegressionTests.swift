import QuoteExtraction
import Testing

// Found by the hostile-input tests: every unclosed quotation's text ran to its paragraph's end,
// so n unclosed marks in one paragraph wrote about n²/2 bytes of JSON (10,000 marks in 60 KB
// wrote 300 MB). Balanced nesting 10,000 levels deep did the same.

@Test func unclosedOpeningMarksKeepTheOutputLinear() throws {
  let input = Array(String(repeating: "“word ", count: 2_000).utf8)
  let result = try QuoteExtractor().extract(utf8: input)
  #expect(jsonSize(result) <= 20 * input.count)
  #expect(result.diagnostics.contains { $0.code == "quote-too-deep" })
}

@Test func ordinaryNestingIsNotLimited() throws {
  let result = try QuoteExtractor().extract(
    from: "“One ‘two “three ‘four “five ‘six,’ five,” four,’ three,” two,’ one,” she said.")
  #expect(result.quotes.map(\.depth) == [0, 1, 2, 3, 4, 5])
  #expect(!result.diagnostics.contains { $0.code == "quote-too-deep" })
}
