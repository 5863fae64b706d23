import Foundation
import QuoteExtraction
import QuoteExtractionTestSupport
import Testing

// Found by fuzz-pipeline: a closing bracket as the first token of the text made the citation
// check read the token before it (index -1) and trap.
@Test(arguments: ["]\n\nNext one.", "] Then. More.", "]. Then", "]”\n\n“Again,” she said."])
func closingBracketFirstDoesNotCrash(_ text: String) throws {
  let result = try QuoteExtractor().extract(from: text)
  let invariants = ResultInvariants(result, input: Array(text.utf8))
  #expect(invariants.holds, "\(invariants.report)")
}

@Test func fuzzInputWithLeadingBracketHoldsEveryInvariant() throws {
  let url = Fixtures.url("fuzz/fuzz-pipeline/crash-sentence-repair-bracket.bin")
  let input = Array(try #require(FileManager.default.contents(atPath: url.path)))
  let result = try QuoteExtractor().extract(utf8: input)
  let invariants = ResultInvariants(result, input: input)
  #expect(invariants.holds, "\(invariants.report)")
}

// Found by the sentence differential test's generated text: a period as the text's first token,
// then a list item ("1)"), made the abbreviation check read the token before it (index -1).
@Test(arguments: [". 1) x", ".\t(ii) Next.", "\n. a) b. c) d"])
func periodFirstBeforeListItemDoesNotCrash(_ text: String) throws {
  let result = try QuoteExtractor().extract(from: text)
  let invariants = ResultInvariants(result, input: Array(text.utf8))
  #expect(invariants.holds, "\(invariants.report)")
  #expect(result.document.sentences.count >= 1)
}
