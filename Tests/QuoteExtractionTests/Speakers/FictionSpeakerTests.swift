import Testing

@testable import QuoteExtraction

/// Speakers of fiction through the whole pipeline, with the genre set to fiction: how pronoun
/// tags, turn-taking and canonical names read a novel's dialogue.
/// The speaker names of `text`'s attributions, read as fiction (also used by
/// `DialogueTurnsTests`).
func fictionSpeakers(_ text: String) throws -> [String?] {
  var configuration = Configuration()
  configuration.genre = .fiction
  let extractor = try QuoteExtractor(configuration: configuration)
  return try extractor.extract(from: text).attributions.map(\.speakerName)
}

@Test func pronounTagIsThePersonTheParagraphsNarrationJustMentioned() throws {
  // Turn-taking alone would give the third turn to Tom, who spoke two turns back; the
  // narration of its own paragraph names who speaks.
  let names = try fictionSpeakers(
    """
    “Is it far?” said Tom.

    “Not very,” said Harry.

    Harry's face darkened. “But the road is bad,” he said.
    """)
  #expect(names == ["Tom", "Harry", "Harry"])
}

@Test func pronounTagSkipsAMentionOfTheOtherGender() throws {
  let names = try fictionSpeakers(
    """
    “Is it far?” said Tom.

    “Not very,” said Harry.

    Jane looked up from her book. Tom laughed. “You are a poor guide,” he said.
    """)
  #expect(names == ["Tom", "Harry", "Tom"])
}

@Test func givenNameGivesWayToTheFullNameWhenNoOneSharesTheSurname() throws {
  let names = try fictionSpeakers(
    """
    Bill Gorton came in from the street.

    “Hello,” said Bill.

    “Hello, Bill,” said Margaret Lane.
    """)
  #expect(names.first == "Bill Gorton")
}

@Test func givenNameStaysWhenTheFamilySharesTheSurname() throws {
  let names = try fictionSpeakers(
    """
    Elizabeth Bennet and Mr. Bennet sat in the library.

    “Is it late?” said Elizabeth.

    “Very late,” said Mr. Bennet.
    """)
  #expect(names == ["Elizabeth", "Mr. Bennet"])
}

@Test func unnamedFirstPersonNarratorIsReportedAsTheNarrator() throws {
  let names = try fictionSpeakers(
    """
    I walked down to the harbour before the rain.

    “Is the boat in?” I asked.

    “Not yet,” said the harbour-master.
    """)
  #expect(names.first == NarratorNamer.unnamedNarrator)
}

@Test func pronounRefersToAPersonKnownOnlyByADescription() throws {
  let names = try fictionSpeakers(
    """
    “Is this the farm?” said the girl.

    “It is,” said Tom.

    “Then I am late,” she said.
    """)
  #expect(names.count == 3)
  #expect(names.last == names.first)
  #expect(names.first??.hasSuffix("girl") == true)
}

@Test func pronounRefersToAPersonTheNarrationIntroducedByADescription() throws {
  let names = try fictionSpeakers(
    """
    The road was empty but for a small boy who sat on the wall.

    “Are you lost?” he asked.
    """)
  #expect(names.count == 1)
  #expect(names.first??.hasSuffix("boy") == true)
}

@Test func describedPersonDoesNotTakeAPronounFromANamedOne() throws {
  let names = try fictionSpeakers(
    """
    Tom Brown came up the road with a small boy.

    “We are lost,” he said.
    """)
  #expect(names == ["Tom Brown"])
}

@Test func descriptionTagEndsAtItsPersonNoun() throws {
  // The adverb after the tag's person noun is not part of who speaks.
  let names = try fictionSpeakers(
    """
    “Must we go?” said the old man slowly.

    “We must,” said his niece impatiently.
    """)
  #expect(names == ["old man", "niece"])
}

@Test func untaggedTurnIsNotSpokenByThePersonItAddresses() throws {
  // The narration before the quotation names Harry, but the quotation speaks to him.
  let names = try fictionSpeakers(
    """
    “Is it late?” said Tom.

    “Very late,” said Harry.

    Harry yawned. “Come, Harry, it is time we went home.”
    """)
  #expect(names == ["Tom", "Harry", "Tom"])
}

@Test func pronounPassesOverAPlaceNamedLikeAPerson() throws {
  // Neither name shows a gender; "Vevey" comes where places go, so "he" is Winterbourne.
  let names = try fictionSpeakers(
    """
    In June, Winterbourne went to Vevey. The friends of Winterbourne had rooms at Vevey, \
    and each morning, Winterbourne walked by the lake at Vevey.

    “Will you bring me some coffee?” he asked.
    """)
  #expect(names == ["Winterbourne"])
}

@Test func pronounRefersToTheUnnamedPersonTheNarrationOpensOn() throws {
  // No one is named: "the boy" is the only person "he" can be.
  let names = try fictionSpeakers(
    """
    It was morning when the boy woke under the old oak and looked about him.

    “Where am I?” he asked.
    """)
  #expect(names == ["boy"])
}

@Test func possessiveDescriptionIsNotThePersonItsPossessiveRefersTo() throws {
  // "her cousin" is someone other than Florence, the "her".
  let names = try fictionSpeakers(
    """
    Tom Waring came into the room. Florence looked up from the fire.

    “We must talk,” said her cousin.
    """)
  #expect(names == ["Tom Waring"])
}

@Test func descriptionTagKeepsANameAfterItsPersonNoun() throws {
  let names = try fictionSpeakers(
    """
    “We sail at dawn,” said the old captain John Hale.
    """)
  #expect(names == ["John Hale"])
}

@Test func untaggedTurnGoesToAnUnnamedPersonOfTheScene() throws {
  // The answer goes to the other person present, known only as "the girl".
  let names = try fictionSpeakers(
    """
    The boy woke under the oak. The girl sat near him.

    “I was afraid,” he said.

    “Afraid of what?”
    """)
  #expect(names == ["boy", "girl"])
}

@Test func possessiveKinTagIsThePossessorsTitledNamesake() throws {
  // "his wife" after Mr. Crane is Mrs. Crane, though Lucy Hale is the woman mentioned last.
  let names = try fictionSpeakers(
    """
    Mrs. Crane was sewing by the window when Mr. Crane came home with Lucy Hale.

    “The roads are flooded,” said Mr. Crane.

    “Then stay in,” said his wife.
    """)
  #expect(names == ["Mr. Crane", "Mrs. Crane"])
}

@Test func possessiveKinTagOfAnUnnamedKinIsNamedWithTheFamilyTitle() throws {
  // No one is named Mrs. Crane yet: Tom Crane's mother is, and so is the "she" after her.
  let names = try fictionSpeakers(
    """
    Tom Crane came home late.

    “The roads are flooded,” said Tom Crane.

    “Then stay in,” said his mother.

    Tom shook his head. “I must go,” he said.

    “You will not,” she said.
    """)
  #expect(names == ["Tom Crane", "Mrs. Crane", "Tom Crane", "Mrs. Crane"])
}

@Test func spouseTagOfATitledManIsNamedAsHisWife() throws {
  // "his lady" of Mr. Crane is Mrs. Crane; the text names her so later: one person.
  let names = try fictionSpeakers(
    """
    “The roads are flooded,” said Mr. Crane.

    “Then stay in,” said his lady.

    Mrs. Crane went to the window. “It is still raining,” she said.
    """)
  #expect(names == ["Mr. Crane", "Mrs. Crane", "Mrs. Crane"])
}

@Test func kinOfAPossessorKnownByAGivenNameIsTheTitledPersonInView() throws {
  // Kitty has no surname in view: "her mother" is the Mrs. of the family the story shows.
  let names = try fictionSpeakers(
    """
    Mrs. Crane sat sewing while Kitty read by the fire.

    “It is late,” said Kitty.

    “Then go to bed,” said her mother.
    """)
  #expect(names == ["Kitty", "Mrs. Crane"])
}

@Test func inferredNamesakeDoesNotMakeAGivenNameAmbiguous() throws {
  // Only the text's own names count: Bill Gorton's inferred mother does not share his surname
  // in a way that keeps "Bill" from giving way to the full name.
  let names = try fictionSpeakers(
    """
    Bill Gorton came in from the street.

    “Hello,” said Bill.

    “Sit down,” said his mother.
    """)
  #expect(names == ["Bill Gorton", "Mrs. Gorton"])
}

/// The text of each attribution's speaker mention, in fiction.
func speakerMentions(_ text: String) throws -> [String?] {
  var configuration = Configuration()
  configuration.genre = .fiction
  let extractor = try QuoteExtractor(configuration: configuration)
  let result = try extractor.extract(from: text)
  let utf8 = Array(text.utf8)
  return result.attributions.map { attribution in
    attribution.speaker.map { String(decoding: utf8[$0], as: UTF8.self) }
  }
}

@Test func speakerThatRunsIntoItsVerbIsCutToTheSubjectPronoun() throws {
  // "He held out his hand … and said, “…”": the speaker is "He", not "He held".
  let text = """
    Tom Hale came to the door at noon.

    He held out his hand, as usual, and said, “Good morning.”
    """
  #expect(try speakerMentions(text) == ["He"])
  #expect(try fictionSpeakers(text) == ["Tom Hale"])
}

@Test func speakerThatRunsIntoItsVerbIsCutAfterThePersonNoun() throws {
  let text = """
    The old woman came up to the gate, and said, “You are late.”
    """
  #expect(try speakerMentions(text) == ["The old woman"])
}

@Test(arguments: [("added", "Mr. Crane"), ("replied", "Tom Hale")])
func pronounTagAfterATurnDependsOnItsVerb(verb: String, speaker: String) throws {
  // “…,” he added: the man who just spoke goes on, though a pronoun tag after a turn otherwise
  // looks for the other person of the dialogue (here Tom Hale), as “…,” he replied does.
  let names = try fictionSpeakers(
    """
    Tom Hale and his sister walked up from the beach.

    “What folly!” exclaimed Mr. Crane.

    “You are burnt,” he \(verb).
    """)
  #expect(names == ["Mr. Crane", speaker])
}

@Test func descriptionTagWithNoGenderIsNotANamedPersonWhoHasNotSpoken() throws {
  // The narration names only the baby: “said the surgeon” is someone the story has not named,
  // reported by the description.
  let names = try fictionSpeakers(
    """
    The baby Oliver Crane lay by the fire.

    “It's all over,” said the surgeon.
    """)
  #expect(names == ["surgeon"])
}

@Test func descriptionTagWithNoGenderIsTheSpeakerItDescribes() throws {
  let names = try fictionSpeakers(
    """
    “Is it far?” asked Tom Hale.

    “Not very,” said Harry Lane.

    “It is,” said the surgeon.
    """)
  #expect(names.last == "Tom Hale")
}

@Test func descriptionTagWithNoGenderCanBeADescribedPersonWhoSpoke() throws {
  // "the child" is the small boy who asked, not Tom Hale, who just answered him.
  let names = try fictionSpeakers(
    """
    “Will you give me some sugar?” asked a small boy.

    “No,” said Tom Hale.

    “Please,” said the child.
    """)
  #expect(names == ["small boy", "Tom Hale", "small boy"])
}
