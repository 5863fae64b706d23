import Testing

@testable import QuoteExtraction

/// Turn-taking in fiction through the whole pipeline: which speaker an untagged quotation of a
/// novel's dialogue gets.

@Test func nameInTheNarrationOfATurnIsNotTheOneItAddresses() throws {
  // "Mr. Gray." ends a sentence of the narration: no one is spoken to, and the untagged answer
  // goes back to Tom.
  let names = try fictionSpeakers(
    """
    Tom and Harry sat by the fire. Mr. Gray slept in his chair.

    “Is it far?” said Tom.

    “Not very,” said Harry, who had walked it with Mr. Gray.

    “Then we leave at dawn.”
    """)
  #expect(names == ["Tom", "Harry", "Tom"])
}

@Test func personAddressedWithAnHonorificAnswers() throws {
  let names = try fictionSpeakers(
    """
    Tom and Harry sat by the fire with Mrs. Lane.

    “Is it far?” said Tom.

    “Not very,” said Harry. “Do you know the road, Mrs. Lane?”

    “I know it well.”
    """)
  #expect(names == ["Tom", "Harry", "Harry", "Mrs. Lane"])
}

@Test func untaggedTurnIsThePersonTheNextTurnAddresses() throws {
  // The narration between the first two turns breaks the alternation; Harry's answer speaks
  // to Jane.
  let names = try fictionSpeakers(
    """
    Tom, Harry and Jane sat by the fire.

    “Is it far?” said Tom.

    Harry looked at the map for a long time.

    “Not very,” said Harry.

    “Will it rain tonight?”

    “No, Jane, it will not,” said Harry.
    """)
  #expect(names == ["Tom", "Harry", "Jane", "Harry"])
}

@Test func untaggedTurnBeforeAnAnswerByNameIsThatPersons() throws {
  // Nothing before the question tells who asks it; the answer addresses Jane, so it is hers.
  let names = try fictionSpeakers(
    """
    “Will it rain tonight?”

    “No, Jane, it will not,” said Harry. Jane looked at the sky.
    """)
  #expect(names == ["Jane", "Harry"])
}

@Test func speechOverSeveralParagraphsIsOneTurn() throws {
  // The fourth quotation runs on into the next paragraph (no closing mark): both paragraphs
  // are Harry's, and the turn after them is Tom's.
  let names = try fictionSpeakers(
    """
    Tom and Harry stood at the gate.

    “Is it far?” said Tom.

    “Very far,” said Harry.

    “How shall we go?”

    “By the hills. The road is long and steep, and it climbs for a whole day.

    “Then it runs by the river to the town.”

    “Then we must start early.”
    """)
  #expect(names == ["Tom", "Harry", "Tom", "Harry", "Harry", "Tom"])
}

@Test func narrationBetweenTheQuotationsOfATurnNamesItsSpeaker() throws {
  // Turn-taking alone would give the third paragraph to Tom; its narration is about Jane.
  let names = try fictionSpeakers(
    """
    Tom, Harry and Jane stood at the gate.

    “Is it far?” said Tom.

    “Very far,” said Harry.

    “Far?” Jane shook her head. “I have walked farther.”
    """)
  #expect(names == ["Tom", "Harry", "Jane", "Jane"])
}

@Test func untaggedTurnAfterSilentNarrationIsGivenTheLatestSpeaker() throws {
  // Nothing in the narration names anyone: a best guess, the one who spoke last, rather than
  // no speaker at all.
  let names = try fictionSpeakers(
    """
    “Is it far?” said Tom.

    The wind rose over the hills and the rain began.

    “We should go back.”
    """)
  #expect(names == ["Tom", "Tom"])
}

@Test func chapterNumeralIsNotTheNarrator() throws {
  // "CHAPTER I" is a heading, not the pronoun: no narrator speaks the untagged answer. "Then I
  // went" is the narrator, who then speaks.
  let heading = try fictionSpeakers(
    """
    CHAPTER I

    “Is it far?” said Tom.

    “Very far.”
    """)
  #expect(heading.first == "Tom")
  #expect(!heading.contains("Narrator"))
  let narrator = try fictionSpeakers(
    """
    PART I

    Then I went down to the river.

    “Is it far?”
    """)
  #expect(narrator == ["Narrator"])
}

@Test func quotationThatIsOnlyANameAnswersRatherThanAddresses() throws {
  // “Harry.” names who is waiting; it does not speak to Harry, so the question before it is
  // not Harry's.
  let names = try fictionSpeakers(
    """
    Harry had gone on ahead.

    “Is it far?” said Tom.

    Jane looked at the hills.

    “Far enough,” said Jane.

    “Who is waiting for us there?”

    “Harry.”
    """)
  #expect(names == ["Tom", "Jane", "Tom", "Jane"])
}

@Test func narrationAfterAQuotationNamesItsSpeakerAfterAGap() throws {
  // The narration before the turn ends with Tom; the turn's own narration is about Harry.
  let names = try fictionSpeakers(
    """
    Tom and Harry walked to the gate.

    “Is it far?” said Tom.

    Harry looked at the map for a long time. Tom waited.

    “Very far.” After a while Harry folded the map.
    """)
  #expect(names == ["Tom", "Harry"])
}

@Test func storyOpeningWithAnUntaggedQuotationIsGivenThePersonNamedNext() throws {
  // No one has been named yet: a best guess, the first person the narration names after it,
  // rather than no speaker at all.
  let names = try fictionSpeakers(
    """
    “Is anyone there?”

    Nobody answered. Jane stood alone at the gate, and after a while Tom came up the road.
    """)
  #expect(names == ["Jane"])
}

@Test func longNarrationBeforeAQuotationGivesItThePersonOfItsLastSentences() throws {
  // The paragraph opens on Harry, but the sentence before the quotation is about Jane.
  let names = try fictionSpeakers(
    """
    “Is it far?” said Tom.

    Nobody answered him.

    Harry had walked the road many times. The sun went down behind the hills, and the wind \
    rose. Jane looked at the sky. “It will rain before we get there.”
    """)
  #expect(names == ["Tom", "Jane"])
}

@Test func colonIntroducesTheSpeakerNamedAtTheOpeningOfItsSentence() throws {
  // The sentence before the colon names Tom; the one that ends with it opens with Jane, and
  // no speech verb tags the quotation.
  let names = try fictionSpeakers(
    """
    Tom and Jane sat by the window of the inn.

    “Is it late?” said Tom.

    Nobody answered him for a long time.

    Tom went on about the weather and the roads. Jane cut him short with: “The rain has stopped.”
    """)
  #expect(names == ["Tom", "Jane"])
}

@Test func chainAfterADescriptionTagIsReadAgainFromTheNameTagThatClosesIt() throws {
  // Read forwards, the untagged turns follow whoever "the painter" is taken for; the tag by
  // name that closes the chain fixes them from the other end (the painter is Tom).
  let names = try fictionSpeakers(
    """
    Harry walked into the studio where Tom was painting.

    “I must go now, Tom,” said Harry. “But first you must answer my question.”

    “What question?” said the painter, keeping his eyes on the canvas.

    “You know quite well.”

    “I am sure I do not.”

    “Then I will tell you what it is.”

    “Please do,” said Tom.
    """)
  #expect(names.suffix(4) == ["Harry", "Tom", "Harry", "Tom"])
}

@Test func dashDialogueResumedAfterTheNarratorsClauseIsAQuotationOfTheSameTurn() throws {
  // The narrator's clause stops the first quotation; the speech that resumes after it is a
  // quotation of its own, spoken by the same person.
  let names = try fictionSpeakers(
    """
    Tom stood at the window of the tower.

    —Thanks, old friend, he said briskly. That will do nicely for today.

    Harry came up the stairs.

    —Good morning, Tom.
    """)
  #expect(names == ["Tom", "Tom", "Harry"])
}

@Test func chainAfterNarrationIsReadAgainFromTheNameTagThatClosesIt() throws {
  // Read forwards, the first turn goes to Harry, whom the narration before it is about; the
  // tag by name that closes the chain gives the turns the other way round.
  let names = try fictionSpeakers(
    """
    Tom and Harry walked to the gate.

    Harry looked at the sky.

    “Is it far?”

    “Not very.”

    “Will it rain?”

    “I think not,” said Harry.
    """)
  #expect(names == ["Tom", "Harry", "Tom", "Harry"])
}

@Test func untaggedTurnIsNotThePersonItNames() throws {
  // Alternation would give the third turn back to Tom, but it speaks of Tom: someone else
  // in the scene says it.
  let names = try fictionSpeakers(
    """
    Tom, Harry and Jane sat by the fire.

    “Is it far?” said Tom.

    “Very far,” said Harry.

    “Tom will never walk so far.”
    """)
  #expect(names == ["Tom", "Harry", "Jane"])
}

@Test func narratorWatchingBeforeAnUntaggedQuotationIsNotItsSpeaker() throws {
  // The narration before the quotation ends with the narrator; the one the narrator watches
  // speaks (the narrator's own speech is tagged "I said").
  let names = try fictionSpeakers(
    """
    Tom and I sat by the fire of the inn.

    After a while Tom rose and went to the window, and I watched.

    “It will rain tonight.”
    """)
  #expect(names == ["Tom"])
}

@Test func narratorInTheNarrationAfterAnUntaggedQuotationIsNotItsSpeaker() throws {
  // The narration after the quotation is about the narrator, who listens: the turns decide who
  // speaks.
  let names = try fictionSpeakers(
    """
    Tom and Harry sat with me by the fire of the inn.

    “Is it far?” said Tom.

    “Very far,” said Harry.

    “Then we must start early.” I took up my pipe again.
    """)
  #expect(names == ["Tom", "Harry", "Tom"])
}

@Test func personTheNarrationTurnsToIsNotTheSpeakerOfTheNextQuotation() throws {
  // The narration before the quotation ends on Tom, the one Harry turns to: Harry speaks.
  let names = try fictionSpeakers(
    """
    Tom and Harry sat by the fire of the inn.

    After a long silence Harry turned to Tom.

    “Shall we go on tomorrow?”
    """)
  #expect(names == ["Harry"])
}

@Test func nameTheNarratorIsCalledByAddressesTheNarrator() throws {
  // No one in the narration is called Ned: the name the others call the narrator by. The last
  // turn calls Ned, so it is not the narrator's, though the narrator spoke the turn before last.
  let names = try fictionSpeakers(
    """
    Tom and I walked to the gate of the old house.

    “Are you tired, Ned?” said Tom.

    “Not at all,” I said.

    “Good, Ned.”

    “Then let us go in, Ned.”
    """)
  #expect(names == ["Tom", "Ned", "Tom", "Tom"])
}

@Test func personTheNarrationLooksAtIsNotTheSpeakerOfTheQuotationThatFollows() throws {
  // The narration before the quotation, in its own paragraph, names first Tom, whom Harry
  // looks at: Harry speaks.
  let names = try fictionSpeakers(
    """
    Tom and Harry sat by the fire of the inn.

    “Is it far?” said Tom.

    Looking at Tom, Harry shook his head. “Not very far.”
    """)
  #expect(names == ["Tom", "Harry"])
}

@Test func chainIsReadAgainFromAPronounTagThatOnlyOneOfItsTwoSpeakersFits() throws {
  // Read forwards, the first turn goes to Tom, whom the narration before it is about; "she"
  // can only be Jane, so the turns go the other way round.
  let names = try fictionSpeakers(
    """
    Tom and Jane walked to the gate.

    Tom looked at the sky.

    “Is it far?”

    “Not very.”

    “Then we walk,” she said.
    """)
  #expect(names == ["Jane", "Tom", "Jane"])
}
