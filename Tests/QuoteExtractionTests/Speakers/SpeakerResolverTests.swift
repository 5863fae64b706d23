import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// Builds a result by hand, as the rules would hand it to the resolver: each attribution is
/// given by its content text (first occurrence) and speaker text (the occurrence nearest the
/// content).
private struct HandBuilt {
  let document: Document
  var result: ExtractionResult

  init(_ text: String) throws {
    document = try Document(text: text)
    result = ExtractionResult(
      document: document, quotes: QuoteScanner(document: document).scan().quotes)
  }

  func range(of needle: String, from start: Int = 0) -> Range<Int>? {
    let bytes = document.utf8
    let pattern = Array(needle.utf8)
    guard !pattern.isEmpty, bytes.count >= pattern.count, start <= bytes.count - pattern.count
    else { return nil }
    for offset in start...(bytes.count - pattern.count)
    where bytes[offset..<(offset + pattern.count)].elementsEqual(pattern) {
      return offset..<(offset + pattern.count)
    }
    return nil
  }

  /// Adds an attribution whose content and speaker are the first occurrences of the texts.
  mutating func attribute(
    _ type: Attribution.Kind, content: String, speaker: String?,
    sourceLocation: SourceLocation = #_sourceLocation
  ) {
    guard let content = range(of: content) else {
      Issue.record("content not in text", sourceLocation: sourceLocation)
      return
    }
    var speakerRange: Range<Int>? = nil
    var from = 0
    while let speaker, let found = range(of: speaker, from: from) {
      let distance =
        found.upperBound <= content.lowerBound
        ? content.lowerBound - found.upperBound : found.lowerBound - content.upperBound
      let best =
        speakerRange.map {
          $0.upperBound <= content.lowerBound
            ? content.lowerBound - $0.upperBound : $0.lowerBound - content.upperBound
        } ?? Int.max
      if abs(distance) < abs(best) { speakerRange = found }
      from = found.lowerBound + 1
    }
    #expect(
      speaker == nil || speakerRange != nil, "speaker not in text", sourceLocation: sourceLocation)
    result.attributions.append(
      Attribution(
        type: type, fragments: [content], speaker: speakerRange, rule: "test", confidence: 1))
  }

  /// Adds a direct attribution without a speaker for every closed quotation.
  mutating func attributeEveryQuote() {
    for (index, quote) in result.quotes.enumerated() where quote.isClosed {
      result.attributions.append(
        Attribution(
          type: .direct, fragments: [quote.content], rule: "test", confidence: 1, quotes: [index]))
    }
  }

  mutating func resolve() -> [Attribution] {
    // A hand-built result reads as fiction when it reports direct speech only.
    let fiction = result.attributions.allSatisfy { $0.type == .direct }
    SpeakerResolver(document: document, fiction: fiction).resolve(&result)
    return result.attributions
  }

  func speakerText(_ attribution: Attribution) -> String? {
    attribution.speaker.map { document.text($0) }
  }
}

@Test func titleIsTakenIntoTheMentionButNotTheName() throws {
  var built = try HandBuilt(
    "U.S. Secretary of State Mike Pompeo acknowledged that the numbers had fallen.")
  built.attribute(.indirect, content: "the numbers had fallen", speaker: "Mike Pompeo")
  let attribution = try #require(built.resolve().first)
  #expect(attribution.speakerName == "Mike Pompeo")
  #expect(attribution.speakerKind == .name)
  #expect(built.speakerText(attribution) == "U.S. Secretary of State Mike Pompeo")
}

@Test func datelineIsNeverPartOfTheSpeaker() throws {
  var built = try HandBuilt("MEXICO CITY (AP) — Mexican officials say the flow has slowed.")
  built.attribute(
    .indirect, content: "the flow has slowed", speaker: "MEXICO CITY (AP) — Mexican officials")
  let attribution = try #require(built.resolve().first)
  #expect(built.speakerText(attribution) == "Mexican officials")
  #expect(attribution.speakerKind == .group)
  #expect(attribution.speakerName == "Mexican officials")
}

@Test func organisationIsRecognisedByItsHeadWord() throws {
  var built = try HandBuilt(
    "The U.S. Department of Homeland Security reported that arrests fell in June.")
  built.attribute(
    .indirect, content: "arrests fell in June", speaker: "The U.S. Department of Homeland Security")
  let attribution = try #require(built.resolve().first)
  #expect(attribution.speakerKind == .organization)
  #expect(built.result.entities.first?.kind == .organization)
}

@Test func acronymIsTheOrganisationNamedBefore() throws {
  var built = try HandBuilt(
    """
    The U.S. Department of Homeland Security reported that arrests fell in June. \
    The National Farmers Union said prices rose. The DHS said the numbers would hold. \
    The NFU said that the harvest was late. The FBI said nothing was found.
    """)
  built.attribute(
    .indirect, content: "arrests fell in June", speaker: "The U.S. Department of Homeland Security")
  built.attribute(.indirect, content: "prices rose", speaker: "The National Farmers Union")
  built.attribute(.indirect, content: "the numbers would hold", speaker: "The DHS")
  built.attribute(.indirect, content: "the harvest was late", speaker: "The NFU")
  built.attribute(.indirect, content: "nothing was found", speaker: "The FBI")
  let attributions = built.resolve()
  try #require(attributions.count == 5)
  #expect(attributions[2].entity == attributions[0].entity)
  #expect(attributions[2].speakerName == "U.S. Department of Homeland Security")
  #expect(attributions[3].entity == attributions[1].entity)
  // An acronym of no organisation named before stays its own entity.
  #expect(attributions[4].entity != attributions[0].entity)
  #expect(attributions[4].entity != attributions[1].entity)
  #expect(attributions[4].speakerName == "FBI")
}

@Test func pronounGoesToTheLatestPersonOfItsGender() throws {
  var built = try HandBuilt(
    """
    State Department spokeswoman Morgan Ortagus said in a statement that talks went well.

    “During the meeting,” she said, “Pompeo thanked Mexico.”
    """)
  built.attribute(
    .indirect, content: "talks went well", speaker: "State Department spokeswoman Morgan Ortagus")
  built.attribute(.mixed, content: "During the meeting", speaker: "she")
  let attributions = built.resolve()
  #expect(attributions[0].speakerName == "Morgan Ortagus")
  #expect(attributions[1].speakerKind == .pronoun)
  #expect(attributions[1].speakerName == "Morgan Ortagus")
  #expect(attributions[1].entity == attributions[0].entity)
}

@Test func pronounSkipsAPersonOfTheOtherGender() throws {
  var built = try HandBuilt(
    "Jane Smith said the plan works. Mike Jones said it fails. She said the vote is Monday.")
  built.attribute(.indirect, content: "the plan works", speaker: "Jane Smith")
  built.attribute(.indirect, content: "it fails", speaker: "Mike Jones")
  built.attribute(.indirect, content: "the vote is Monday", speaker: "She")
  let attributions = built.resolve()
  #expect(attributions[2].speakerName == "Jane Smith")
}

@Test func surnameAndTitledSurnameJoinTheFullName() throws {
  var built = try HandBuilt(
    "Marcelo Ebrard said Mexico is ready. Later, Foreign Minister Ebrard said talks go on. Ebrard added that nothing was signed."
  )
  built.attribute(.indirect, content: "Mexico is ready", speaker: "Marcelo Ebrard")
  built.attribute(.indirect, content: "talks go on", speaker: "Foreign Minister Ebrard")
  built.attribute(.indirect, content: "nothing was signed", speaker: "Ebrard")
  let attributions = built.resolve()
  #expect(Set(attributions.map(\.entity)).count == 1)
  #expect(attributions.allSatisfy { $0.speakerName == "Marcelo Ebrard" })
  #expect(built.result.entities.count == 1)
  #expect(built.result.entities.first?.mentions.count == 3)
}

@Test func descriptionGoesToTheLatestPersonWithThatRole() throws {
  var built = try HandBuilt(
    "Department spokeswoman Morgan Ortagus said the visit was useful. The spokeswoman added that more talks were planned."
  )
  built.attribute(
    .indirect, content: "the visit was useful", speaker: "Department spokeswoman Morgan Ortagus")
  built.attribute(.indirect, content: "more talks were planned", speaker: "The spokeswoman")
  let attributions = built.resolve()
  #expect(attributions[1].speakerKind == .description)
  #expect(attributions[1].entity == attributions[0].entity)
  #expect(attributions[1].speakerName == "Morgan Ortagus")
}

@Test func honorificsKeepHusbandAndWifeApart() throws {
  var built = try HandBuilt(
    """
    “Have you heard?” said Mrs. Bennet.

    “I have not,” said Mr. Bennet.
    """)
  built.attributeEveryQuote()
  let attributions = built.resolve()
  #expect(attributions.map(\.speakerName) == ["Mrs. Bennet", "Mr. Bennet"])
  #expect(attributions[0].entity != attributions[1].entity)
}

@Test func dialogueTagAfterTheQuotationNamesTheSpeaker() throws {
  var built = try HandBuilt(
    """
    Mr. Darcy came into the room.

    “It is a fine day,” said he.
    """)
  built.attributeEveryQuote()
  let attribution = try #require(built.resolve().first)
  #expect(attribution.speakerKind == .pronoun)
  #expect(built.speakerText(attribution) == "he")
  #expect(attribution.speakerName == "Mr. Darcy")
}

@Test func untaggedTurnsAlternateBetweenTheTwoSpeakers() throws {
  var built = try HandBuilt(
    """
    “Where were you?” asked Elizabeth.

    “Out walking,” Charles answered.

    “Alone?”

    “Quite alone.”
    """)
  built.attributeEveryQuote()
  let attributions = built.resolve()
  #expect(attributions.map(\.speakerName) == ["Elizabeth", "Charles", "Elizabeth", "Charles"])
  #expect(attributions[2].speakerKind == .implicit)
  #expect(attributions[2].speaker == nil)
}

@Test func vocativeNamesTheNextSpeaker() throws {
  var built = try HandBuilt(
    """
    “Good morning,” said Anne. “Good morning,” said Walter. “Good morning,” said Mary.

    “Do you agree, Walter?” said Mary.

    “I do.”
    """)
  built.attributeEveryQuote()
  let attributions = built.resolve()
  #expect(attributions.last?.speakerName == "Walter")
}

@Test func quotationsOfOneParagraphShareTheTaggedSpeaker() throws {
  var built = try HandBuilt(
    "“Yes,” said Henry, smiling. “I will come tomorrow.”")
  built.attributeEveryQuote()
  let attributions = built.resolve()
  #expect(attributions.count == 2)
  #expect(attributions.allSatisfy { $0.speakerName == "Henry" })
}

@Test func firstPersonNarratorIsNamedByHowOthersAddressThem() throws {
  var built = try HandBuilt(
    """
    “Come in, Watson,” said Holmes.

    “Thank you,” I said.

    “Sit down, Watson,” said Holmes.

    “Gladly,” I said.

    “Well, Watson?” said Holmes.
    """)
  built.attributeEveryQuote()
  let attributions = built.resolve()
  #expect(attributions[1].speakerName == "Watson")
  #expect(attributions[1].speakerKind == .pronoun)
}

@Test(arguments: [
  "", "“", "”,” said", "said he", "\u{FFFD}\u{FFFD}", "“a,” said Mr.", "Mr. . . said, “",
  "— — —", "“x” —", "(AP) —",
])
func oddInputNeverCrashes(text: String) throws {
  var built = try HandBuilt(text)
  built.attributeEveryQuote()
  if let range = built.range(of: text), !text.isEmpty {
    built.result.attributions.append(
      Attribution(type: .indirect, fragments: [range], speaker: range, rule: "test", confidence: 1))
  }
  _ = built.resolve()
  for attribution in built.result.attributions {
    if let speaker = attribution.speaker {
      #expect(speaker.lowerBound >= 0 && speaker.upperBound <= built.document.utf8Count)
    }
  }
}

@Test func thousandsOfQuotationsResolveInOnePass() throws {
  var text = "Mr. Smith and Mrs. Jones met.\n\n"
  for index in 0..<3000 {
    switch index % 4 {
    case 0: text += "“Line \(index),” said Mr. Smith.\n\n"
    case 1: text += "“Line \(index),” said she.\n\n"
    default: text += "“Line \(index).”\n\n"
    }
  }
  var built = try HandBuilt(text)
  built.attributeEveryQuote()
  let elapsed = ThreadTime.measure { _ = built.resolve() }
  #expect(built.result.attributions.count == 3000)
  #expect(built.result.attributions.allSatisfy { $0.speakerName != nil })
  // Generous: a linear pass takes milliseconds; a quadratic one would take far longer.
  #expect(elapsed < .seconds(5))
}

@Test func unclosedQuotationsThatRunToTheParagraphEndStayLinear() throws {
  func time(_ count: Int) throws -> Duration {
    var built = try HandBuilt(String(repeating: "“a said Tom. ", count: count))
    built.attributeEveryQuote()
    for (index, quote) in built.result.quotes.enumerated() where !quote.isClosed {
      built.result.attributions.append(
        Attribution(
          type: .direct, fragments: [quote.content], rule: "test", confidence: 1, quotes: [index]))
    }
    return ThreadTime.measure { _ = built.resolve() }
  }
  let small = try time(1_000)
  let large = try time(10_000)
  // Every unclosed quotation overlaps all the later ones: a walk over each would be quadratic.
  #expect(large < small * 40 + .milliseconds(300))
}

@Test func marriedTitleIsNotTheDaughterInFiction() throws {
  var built = try HandBuilt(
    """
    “I shall walk to the village,” said Lydia Merrow.

    “You will do no such thing,” said Mrs. Merrow.
    """)
  built.attributeEveryQuote()
  let attributions = built.resolve()
  #expect(attributions.map(\.speakerName) == ["Lydia Merrow", "Mrs. Merrow"])
  #expect(attributions[0].entity != attributions[1].entity)
}

@Test func marriedTitleJoinsTheFullNameInNews() throws {
  var built = try HandBuilt(
    "Hillary Clinton said the plan would work. Mrs. Clinton added that it was paid for.")
  built.attribute(.indirect, content: "the plan would work", speaker: "Hillary Clinton")
  built.attribute(.indirect, content: "it was paid for", speaker: "Mrs. Clinton")
  let attributions = built.resolve()
  #expect(attributions[0].entity == attributions[1].entity)
  #expect(attributions.allSatisfy { $0.speakerName == "Hillary Clinton" })
}

/// A country that speaks is not the city the narration places the story in: "in Valdora City"
/// names a place, so it neither lengthens the name of "Valdora" named before nor takes the
/// country's later mentions.
@Test(arguments: ["in", "at", "near"])
func aPlaceNamedInTheNarrationIsNotTheCountrysName(preposition: String) throws {
  var built = try HandBuilt(
    """
    Officials said Valdora had made progress on the border. The minister spent the day \
    \(preposition) Valdora City before flying home. Valdora agreed to reduce tariffs on steel.
    """)
  built.attribute(.indirect, content: "Valdora had made progress", speaker: "Officials")
  built.attribute(.indirect, content: "to reduce tariffs on steel", speaker: "Valdora")
  let attributions = built.resolve()
  #expect(attributions.last?.speakerName == "Valdora")
}

@Test func pronounMidDialogueIsTheSpeakerTwoTurnsBack() throws {
  var built = try HandBuilt(
    """
    Anna and Clara sat by the fire.

    “Will he come?” said Anna.

    “I cannot say,” said Clara.

    “Then we wait,” she sighed.
    """)
  built.attributeEveryQuote()
  let attributions = built.resolve()
  #expect(attributions.map(\.speakerName) == ["Anna", "Clara", "Anna"])
}

@Test(arguments: ["Though", "Said", "Abruptly"])
func sentenceOpeningWordIsNotPartOfTheSpeakerName(opener: String) throws {
  var built = try HandBuilt(
    """
    \(opener) Harriet Vane came in.

    “Good evening,” she said.
    """)
  built.attributeEveryQuote()
  let attribution = try #require(built.resolve().first)
  #expect(attribution.speakerName == "Harriet Vane")
}
