import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// The matcher and phrase finders on hand-written sentences.
struct PatternMatcherTests {
  func attributions(_ text: String) throws -> [(speaker: String?, cue: String?, content: String)] {
    let result = try QuoteExtractor().extract(from: text)
    return result.attributions.map { attribution in
      (
        attribution.speaker.map(result.document.text), attribution.cue.map(result.document.text),
        attribution.fragments.map(result.document.text).joined(separator: "|")
      )
    }
  }

  @Test(arguments: [
    (
      "State Department spokeswoman Morgan Ortagus said that the talks went well.",
      "State Department spokeswoman Morgan Ortagus"
    ),
    (
      "The U.S. Department of Homeland Security reported that arrests fell.",
      "The U.S. Department of Homeland Security"
    ),
    ("Mexican officials say they have increased enforcement.", "Mexican officials"),
    ("A senior official said the plan was dead.", "A senior official"),
    ("She has also said that she will run.", "She"),
    ("Burton and Nick said that they love cats.", "Burton and Nick"),
  ])
  func speakerPhraseTakesTheWholeMention(_ text: String, _ speaker: String) throws {
    let found = try attributions(text)
    #expect(found.first?.speaker == speaker)
  }

  @Test func addresseeIsNotTheSpeaker() throws {
    let found = try attributions("Pompeo told Mexican officials that the deal was close.")
    #expect(found.first?.speaker == "Pompeo")
    // NB: "that" belongs to the content, as PolNeAR annotates it.
    #expect(found.first?.content == "that the deal was close")
  }

  @Test func settingIsNotContent() throws {
    let found = try attributions("Ebrard said in a statement on Friday that talks would go on.")
    #expect(found.first?.content == "that talks would go on")
  }

  @Test func appositiveIsNotTheSpeaker() throws {
    let found = try attributions("Smith, a spokesman for the agency, said the office was closed.")
    #expect(found.first?.speaker == "Smith")
    #expect(found.first?.content == "the office was closed")
  }

  @Test func outermostReportWins() throws {
    let found = try attributions("The senator said that polls show most voters believe him.")
    #expect(found.count == 1)
    #expect(found.first?.cue == "said")
  }

  @Test func impersonalReportHasNoSpeaker() throws {
    let found = try attributions("It was reported that the mayor would resign.")
    #expect(found.count == 1)
    #expect(found.first?.speaker == nil)
  }

  @Test func interruptedQuotationIsOneAttribution() throws {
    let found = try attributions("“We are ready,” Ebrard said, “and we will not wait.”")
    #expect(found.count == 1)
    #expect(found.first?.content == "We are ready,|and we will not wait.")
  }

  @Test func scareQuoteAloneIsNotAQuotation() throws {
    let result = try QuoteExtractor().extract(
      from: "The so-called “safe third country” idea is old.")
    #expect(result.attributions.isEmpty)
  }

  @Test func capitalizedWordIsNotACue() throws {
    let found = try attributions("The United States and Mexico met on Friday.")
    #expect(found.isEmpty)
  }

  @Test func longParagraphStaysLinear() throws {
    // Thousands of cues and quotation marks in one paragraph: four times the text may take
    // about four times as long, never sixteen.
    let piece = "“No,” he said, and she said that it was “fine” but they said "
    let extractor = try QuoteExtractor()
    let small = try ThreadTime.measure {
      _ = try extractor.extract(from: String(repeating: piece, count: 300))
    }
    let large = try ThreadTime.measure {
      let result = try extractor.extract(from: String(repeating: piece, count: 1200))
      #expect(!result.attributions.isEmpty)
    }
    #expect(large < small * 8 + .milliseconds(300))
  }

}

/// The explanation names the rule that fired and why a quotation stayed unattributed.
struct ExplanationTests {
  @Test func explanationNamesRulesAndUnattributedQuotes() throws {
    let text = "“We’re ready,” Ebrard said.\n\nThe “safe third country” idea is old."
    let explanation = try QuoteExtractor().extract(from: text).explanation()
    #expect(explanation.contains("direct.quote-speaker-cue"))
    #expect(explanation.contains("«Ebrard»"))
    #expect(explanation.contains("«safe third country»: unattributed"))
  }
}
