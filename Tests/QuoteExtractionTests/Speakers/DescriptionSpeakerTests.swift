import Testing

@testable import QuoteExtraction

/// Speakers of fiction tagged by a description ("said the man"), and the people the narration
/// brings in by an indefinite description ("a tall man") while named people are in view.

@Test func descriptionTagJoinsThePersonAnIndefiniteDescriptionBroughtIn() throws {
  // Tom is in view, but "a tall man" is someone new: "the man" is he, not Tom.
  let names = try fictionSpeakers(
    """
    Tom Brown sat by the fire. Out of the dark came a tall man and a mule.

    “May I share your fire?” the man asked.

    “You may,” said Tom.
    """)
  #expect(names.count == 2)
  #expect(names.first??.hasSuffix("man") == true)
  #expect(names.last == "Tom Brown")
}

@Test func appositionDescribesANamedPersonRatherThanBringingInSomeoneNew() throws {
  let names = try fictionSpeakers(
    """
    William Gray, a boy of seven, ran in from the yard.

    “Is dinner ready?” cried the boy.
    """)
  #expect(names == ["William Gray"])
}

@Test func predicateDescribesANamedPersonRatherThanBringingInSomeoneNew() throws {
  let names = try fictionSpeakers(
    """
    Tom Brown was a man of few words.

    “Good evening,” said the man.
    """)
  #expect(names == ["Tom Brown"])
}

@Test func personBroughtInBesideANamedOneTakesNoPronounBeforeSpeaking() throws {
  // "a small boy" is in the story now, but "he" is still Tom.
  let names = try fictionSpeakers(
    """
    Tom Brown came over the hill. Behind the hedge a small boy was eating an apple.

    “Good morning,” he said.
    """)
  #expect(names == ["Tom Brown"])
}

@Test func narrationDescriptionEndsAtTheNextDeterminer() throws {
  // "a chair for his sister" is a chair: it brings in no woman for "she" to refer to.
  let names = try fictionSpeakers(
    """
    Nobody spoke. Ralph drew up a chair for his sister and sat down himself.

    “Am I interrupting?” she inquired.
    """)
  #expect(names.count == 1)
  #expect(names.first??.contains("chair") != true)
}

@Test func pronounTagIsNotThePersonTheQuotationAddresses() throws {
  // The narration names Tom first, but the quotation speaks to him.
  let names = try fictionSpeakers(
    """
    “Is it far?” said Harry.

    Tom looked at Harry. “You are late, Tom,” he said.
    """)
  #expect(names == ["Harry", "Harry"])
}

@Test func descriptionTagOfAReplyIsThePersonTheQuotationBeforeAddressed() throws {
  // Harry spoke last and is named last, but he asked Tom: "the other" is Tom.
  let names = try fictionSpeakers(
    """
    Tom Brown and Harry Lane sat by the fire.

    “Is it late, Tom?” asked Harry.

    “Not very,” said the other.
    """)
  #expect(names == ["Harry Lane", "Tom Brown"])
}

@Test func possessiveDescriptionHasTheGenderOfItsPersonNoun() throws {
  // "my brother's wife" is a woman: "she" refers to her.
  let names = try fictionSpeakers(
    """
    “Where is it?” said my brother's wife.

    “Here,” said Tom.

    “Thank you,” she said.
    """)
  #expect(names.count == 3)
  #expect(names[2] != nil)
  #expect(names[2] == names[0])
}

@Test func describedSpeakerIsNamedByHowTheReplyAddressesThem() throws {
  let names = try fictionSpeakers(
    """
    “I wonder what you will do now,” said my brother's wife.

    “My dear Rose, I shall do nothing at all,” said Tom.
    """)
  #expect(names == ["Rose", "Tom"])
}

@Test func replyOpeningOnACapitalisedWordDoesNotNameTheDescribedSpeaker() throws {
  // “Georgia.” answers the question: it is not the girl's name.
  let names = try fictionSpeakers(
    """
    “Where are you from?” asked the girl.

    “Georgia,” said Tom.
    """)
  #expect(names.count == 2)
  #expect(names.first == "girl")
}

@Test func narrationDescriptionIsReadFromTheDeterminerThatOpensIt() throws {
  // "the road while his sister" is two phrases: the second brings in the sister.
  let names = try fictionSpeakers(
    """
    Emil ran down the road while his sister watched from the gate.

    “Come back!” she called.
    """)
  #expect(names == ["sister"])
}

@Test func childDescriptionJoinsThePersonKnownByAnotherNounForAChild() throws {
  // "the child" is the small boy, not Tom who spoke last.
  let names = try fictionSpeakers(
    """
    Tom Brown met a small boy on the road.

    “Where are you going?” said Tom.

    “Home,” said the child.
    """)
  #expect(names.count == 2)
  #expect(names.last??.hasSuffix("boy") == true)
}

@Test func describedSpeakerIsThePersonATagNamesForTheFirstTimeOnTheirTurn() throws {
  // "a stout gentleman" speaks, the dialogue goes on by turns, and when his turn comes round
  // the narration names someone new: the gentleman is Mr. Hobbs.
  let names = try fictionSpeakers(
    """
    Sam sat on the kerb with his box of brushes.

    “Shine your boots, sir?” said Sam.

    “How much?” asked a stout gentleman.

    “Five cents,” said Sam.

    “I have only a dime. Bring the change to my shop on the corner.”

    “What name, sir?”

    “Hobbs, on the second floor.”

    “I'll bring it, sir.”

    “I hope the boy is honest,” said Mr. Hobbs, walking away.
    """)
  #expect(names.first == "Sam")
  #expect(names[1] == "Mr. Hobbs")
  #expect(names[2] == "Sam")
  #expect(names.last == "Mr. Hobbs")
}

@Test func narratorsKinIsSomeoneOfTheirOwnNotTheManInView() throws {
  // Mr. Hollis is the only man named, but "my uncle" is the narrator's uncle.
  let names = try fictionSpeakers(
    """
    I sat by the fire with Mr. Hollis, who had come about the horse.

    “The roads are bad this winter,” said Mr. Hollis.

    “They were worse when I was a boy,” said my uncle.
    """)
  #expect(names.count == 2)
  #expect(names.first == "Mr. Hollis")
  #expect(names.last == "uncle")
}
