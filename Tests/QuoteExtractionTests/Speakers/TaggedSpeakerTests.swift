import Testing

@testable import QuoteExtraction

/// Tagged quotations of fiction: what a tag's pronoun, title or description refers to.

@Test func dashDialogueTakesTheTagAfterItsSpeech() throws {
  // No closing mark ends the speech before the narrator's words: the tag follows the comma.
  let mentions = try speakerMentions(
    """
    Harry Blake stood at the open door.

    —Look at the rain, he said. We shall be wet through.

    —It will stop soon.

    —I doubt it.
    """)
  #expect(mentions.first == "he")
}

@Test func replyTagIsTheManTheQuotationAddressedByTitle() throws {
  // “…, Mr. Crane,” addresses Mr. Crane: he answers, not Dick Moss, the man the narration
  // named last.
  let names = try fictionSpeakers(
    """
    Mr. Crane and Dick Moss sat by the fire with Tom Hale.

    “It is late, Mr. Crane,” said Tom.

    “Not yet,” he answered.
    """)
  #expect(names.last == "Mr. Crane")
}

@Test func surnameAloneIsTheManNotTheTitledWomanOfTheFamily() throws {
  // "Bingley" alone names Mr. Bingley, though his sister was named after him.
  let names = try fictionSpeakers(
    """
    Mr. Bingley came in with Miss Bingley and her friend.

    “We are very late,” said Bingley.
    """)
  #expect(names == ["Mr. Bingley"])
}

@Test func pastTenseOfNarrationBeforeAQuotationIsNoTag() throws {
  // "as he finished, “…”" is what Tom does while his aunt goes on speaking.
  let names = try fictionSpeakers(
    """
    Tom Hale read the letter aloud to his aunt.

    “What a pity,” cried Mrs. Hale, as he finished, “that the rain has come.”
    """)
  #expect(names == ["Mrs. Hale", "Mrs. Hale"])
}

@Test func spouseTagIsNamedAfterTheManSheAddressesByTitle() throws {
  // No man is in view yet: "his" is the man the quotation addresses.
  let names = try fictionSpeakers(
    """
    It was a cold morning in the village.

    “My dear Mr. Crane,” said his wife to him one day, “have you heard the news?”

    Mr. Crane replied that he had not.
    """)
  #expect(names.first == "Mrs. Crane")
}

@Test func pronounTagIsTheDescribedSpeakerTheNarrationJustMentioned() throws {
  // "The surgeon" of the narration is the surgeon who spoke; "he" is him, not Tom Hale.
  let names = try fictionSpeakers(
    """
    Tom Hale lay asleep by the fire.

    “He will mend,” said the surgeon.

    The surgeon leaned over the bed and felt the pulse. “He is very weak,” he said.
    """)
  #expect(names == ["surgeon", "surgeon"])
}

@Test func womansTitleAndAnotherTitleBeforeOneSurnameNameTwoPeople() throws {
  let names = try fictionSpeakers(
    """
    Admiral Croft came in with his wife.

    “Is it late?” said Admiral Croft.

    “It is,” said Mrs. Croft.
    """)
  #expect(names == ["Admiral Croft", "Mrs. Croft"])
}

@Test func givenNameIsNotTheMiddleNameOfAnotherPerson() throws {
  // "Sir Walter" is Sir Walter Elliot; "Walter" is only the middle name of his heir.
  let names = try fictionSpeakers(
    """
    Sir Walter Elliot sat in the library.

    “Good day,” said William Walter Elliot.

    “You are late,” said Sir Walter.
    """)
  #expect(names == ["William Walter Elliot", "Sir Walter"])
}

@Test func nameTheTextWritesAfterTheArticleKeepsIt() throws {
  // "the Marquis" is the character's name as the story gives it; Tom Hale's is not.
  let names = try fictionSpeakers(
    """
    “Where is the boy?” said the Marquis.

    “Gone,” said Tom Hale.

    “Gone where?” said the Marquis.
    """)
  #expect(names == ["the Marquis", "Tom Hale", "the Marquis"])
}

@Test func descriptionByRoleDoesNotPutTheArticleBeforeTheName() throws {
  // "the doctor" joins Walter Gresh by the role the narration gave him: it is not his name
  // written after "the", so however often the story uses it, his name keeps no article.
  let names = try fictionSpeakers(
    """
    Walter Gresh, the old doctor, came in from the rain and shook his coat.

    “It is cold tonight,” said Gresh.

    “Sit by the fire,” said Anna Lee.

    “Thank you,” said the doctor.

    “Tea?” said Anna.

    “Gladly,” said the doctor.

    “With milk?” said Anna.

    “Without,” said the doctor.
    """)
  #expect(
    names == [
      "Walter Gresh", "Anna Lee", "Walter Gresh", "Anna Lee", "Walter Gresh", "Anna Lee",
      "Walter Gresh",
    ])
}

@Test func pronounTagIsNotThePersonTheNarrationNamesAsAnObject() throws {
  // "to Tom's face" names Tom as what Harry looks at: the next "he" is still Harry, the
  // subject of the narration, not the person named last.
  let names = try fictionSpeakers(
    """
    “Is it far?” said Tom.

    “Not very,” said Harry.

    He turned his eyes from the road to Tom's face.

    “The road is bad,” he said.
    """)
  #expect(names == ["Tom", "Harry", "Harry"])
}

@Test func pronounTagIsTheSubjectOfTheNarrationParagraphBefore() throws {
  // The paragraph of narration just before the quotation is about Tom: he goes on to speak,
  // though Harry is the person it named last.
  let names = try fictionSpeakers(
    """
    “Is it far?” said Tom.

    “Not very,” said Harry.

    Tom waited by the door while Harry packed the bags.

    “Then we shall walk,” he said.
    """)
  #expect(names == ["Tom", "Harry", "Tom"])
}
