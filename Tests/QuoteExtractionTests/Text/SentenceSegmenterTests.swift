import Testing

@testable import QuoteExtraction

/// Sentence splitting on sentences written for these tests, one typographic rule each.
struct SentenceSegmenterTests {
  static func sentences(_ text: String, mode: Document.ParagraphMode = .blankLine) throws
    -> [String]
  {
    let document = try Document(text: text, options: .init(paragraphMode: mode))
    return document.sentences.map { document.text($0.utf8Range) }
  }

  @Test(arguments: [
    // Titles and name abbreviations never end a sentence before the name.
    ("Dr. Ruth Alvarez met Gov. Tim Walz and Lt. Gen. Mark Hale.", 1),
    ("Rep. Ana Ruiz and Sen. Lee Park spoke on Jan. 5 at St. Mary's.", 1),
    // Initials.
    ("The novels of J. K. Rowling sold well in 1998.", 1),
    ("Her aunt, Mary T. Fowler, wrote the letter.", 1),
    // Acronyms: a modifier stays inside, a sentence starter after one splits.
    ("The U.S. Secretary of State flew to Ottawa on Monday.", 1),
    ("Prices rose in the U.S. He said that was expected.", 2),
    ("She works for Acme Corp. in Ohio and for Boxo Inc. in Utah.", 1),
    ("Trains leave at 6 a.m. and 7 p.m. every day.", 1),
    ("The shop opens at 9 a.m. Customers queue from dawn.", 2),
    ("Bring pens, paper, etc. The rest is provided.", 2),
    // Numbers and decimals.
    ("It costs $4.50 today. Tomorrow it costs 5.25 dollars.", 2),
    // Quotations.
    ("“Why now?” she asked.", 1),
    ("\"Out where?\" asked Ronny.", 1),
    ("He left. “I’m done,” she said.", 2),
    ("“We ran. We hid. We waited,” the guard said.", 1),
    // Ellipses.
    ("I thought . . . well, never mind.", 1),
    ("He paused... then he went on.", 1),
    // Parentheses.
    ("The river (see Fig. 2) floods often. Farmers know it.", 2),
    // Inline lists.
    ("Steps: 1. Open the box 2. Take the cable 3. Plug it in", 4),
    ("a) red b) green c) blue", 3),
    // Exclamation inside a name.
    ("She works at Yahoo! in the accounting department.", 1),
  ])
  func sentenceCount(text: String, count: Int) throws {
    let found = try Self.sentences(text)
    #expect(found.count == count, "\(found)")
  }

  @Test func acronymBeforeStarterEndsFirstSentenceAtThePeriod() throws {
    let found = try Self.sentences("Prices rose in the U.S. He said that was expected.")
    #expect(found.first == "Prices rose in the U.S.")
  }

  @Test func blankLineEndsSentenceAndSingleNewlineInWrappedTextDoesNot() throws {
    let line = "The committee met on a grey morning and read the report of the"
    let text =
      "\(line)\nsummer before it voted. Then it adjourned until the following\nweek.\n\nA new paragraph"
    let found = try Self.sentences(text)
    #expect(found.count == 3, "\(found)")
    #expect(found.last == "A new paragraph")
  }

  @Test func shortUnpunctuatedLinesAreSeparateItems() throws {
    let found = try Self.sentences("Menu\nSoup of the day\nGrilled fish\n")
    #expect(found == ["Menu", "Soup of the day", "Grilled fish"])
  }

  @Test func lineModeMakesEveryLineASentence() throws {
    let found = try Self.sentences("one line\nanother line", mode: .line)
    #expect(found == ["one line", "another line"])
  }

  @Test func sentencesNeverCrossParagraphs() throws {
    let document = try Document(text: "No end here\n\nA second paragraph. And more.")
    #expect(document.sentences.count == 3)
    for sentence in document.sentences {
      let paragraph = document.paragraph(of: sentence.tokens.lowerBound)
      #expect(document.paragraph(of: sentence.tokens.upperBound - 1) == paragraph)
    }
  }
}
