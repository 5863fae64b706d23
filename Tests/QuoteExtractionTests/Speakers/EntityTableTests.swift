import Testing

@testable import QuoteExtraction

/// The entity table's own bookkeeping: each entity's mentions, kept in one chain for the table.
struct EntityTableTests {
  private static func name(_ words: [String], at start: Int, _ table: EntityTable)
    -> SpeakerMention
  {
    SpeakerMention(
      tokens: start..<(start + words.count), utf8Range: (start * 10)..<(start * 10 + 5),
      kind: .name, nameTokens: start..<(start + words.count), honorific: nil, gender: .unknown,
      isPlural: false, nameWords: table.words.run(words), roles: .empty,
      displayName: table.words.run(words.map { $0.capitalized }.joined(separator: " ")))
  }

  private static func description(
    _ words: String, role: String, at start: Int, _ table: EntityTable
  ) -> SpeakerMention {
    SpeakerMention(
      tokens: start..<(start + 2), utf8Range: (start * 10)..<(start * 10 + 5),
      kind: .description, nameTokens: nil, honorific: nil, gender: .male, isPlural: false,
      nameWords: .empty, roles: table.words.run([role]), isDefinite: words.hasPrefix("the "),
      displayName: table.words.run(words))
  }

  @Test func aDescriptionJoinsSomeoneDescribedOnlyWithinReach() {
    // "a man", then one named man: "the man" is the man described.
    var near = EntityTable()
    near.joinsDescribedPeople = true
    let stranger = near.add(Self.description("a man", role: "man", at: 1, near))
    _ = near.add(Self.name(["tom"], at: 3, near).withGender(.male))
    #expect(stranger != nil)
    #expect(near.hasRole(in: near.words.run(["man"]), gender: .male))
    #expect(!near.hasRole(in: near.words.run(["man"]), gender: .female))
    #expect(near.add(Self.description("the man", role: "man", at: 5, near)) == stranger)
    // Two named men after him: he is out of reach, and "the man" is someone new.
    var far = EntityTable()
    far.joinsDescribedPeople = true
    let passed = far.add(Self.description("a man", role: "man", at: 1, far))
    _ = far.add(Self.name(["tom"], at: 3, far).withGender(.male))
    _ = far.add(Self.name(["harry"], at: 5, far).withGender(.male))
    #expect(!far.hasRole(in: far.words.run(["man"]), gender: .male))
    let later = far.add(Self.description("the man", role: "man", at: 7, far))
    #expect(passed != nil && later != nil && later != passed)
  }

  @Test func mentionsOfEachEntityInTheOrderNoted() {
    var table = EntityTable()
    // Two people named in turns, one named twice at the same place (noted once).
    let tom = table.add(Self.name(["tom"], at: 1, table))
    let jane = table.add(Self.name(["jane"], at: 2, table))
    #expect(tom != nil && jane != nil && tom != jane)
    #expect(table.add(Self.name(["tom"], at: 3, table)) == tom)
    #expect(table.add(Self.name(["tom"], at: 3, table)) == tom)
    #expect(table.add(Self.name(["jane"], at: 4, table)) == jane)
    #expect(table.add(Self.name(["tom"], at: 5, table)) == tom)
    guard let tom, let jane else { return }
    #expect(table.mentions(of: tom) == [10..<15, 30..<35, 50..<55])
    #expect(table.mentions(of: jane) == [20..<25, 40..<45])
    #expect(table.records[tom].mentionCount == 3)
    #expect(table.firstMention(of: jane) == 20..<25)
    var early: [Range<Int>] = []
    table.forEachMention(of: tom) {
      early.append($0)
      return early.count < 2
    }
    #expect(early == [10..<15, 30..<35])
    var tokens: [Range<Token.Index>] = []
    table.forEachMentionTokens(of: jane) {
      tokens.append($0)
      return true
    }
    #expect(tokens == [2..<3, 4..<5])
  }

  @Test func aWordNamesTheLatestEntityThatFits() {
    var table = EntityTable()
    let bennet = table.add(Self.name(["elizabeth", "bennet"], at: 1, table))
    let darcy = table.add(Self.name(["fitzwilliam", "darcy"], at: 3, table))
    let jane = table.add(Self.name(["jane", "bennet"], at: 5, table))
    #expect(Set([bennet, darcy, jane]).count == 3)
    // The surname alone is the latest person who bears it; a given name, its bearer.
    #expect(table.match(nameWord: "bennet", gender: .unknown) == jane)
    #expect(table.match(nameWord: "elizabeth", gender: .unknown) == bennet)
    #expect(table.match(nameWords: ["elizabeth", "bennet"], gender: .unknown) == bennet)
    #expect(table.match(nameWord: "collins", gender: .unknown) == nil)
    #expect(table.knowsWord("darcy") && !table.knowsWord("collins"))
    #expect(Array("DARCY".utf8).withUnsafeBufferPointer { table.knowsWord(lowercasing: $0) })
    #expect(!Array("Dorcy".utf8).withUnsafeBufferPointer { table.knowsWord(lowercasing: $0) })
  }

  @Test func distinctWordsKeepTheirFirstOrder() {
    #expect(EntityTable.distinct([]) == [])
    #expect(EntityTable.distinct(["girl", "child"]) == ["girl", "child"])
    #expect(
      EntityTable.distinct(["girl", "child", "girl", "boy", "child"]) == ["girl", "child", "boy"])
  }

  @Test func recencyIsPutBackAsSaved() {
    var table = EntityTable()
    let tom = table.add(Self.name(["tom"], at: 1, table))
    let jane = table.add(Self.name(["jane"], at: 2, table))
    guard let tom, let jane else {
      Issue.record("no entity")
      return
    }
    table.saveRecency()
    _ = table.add(Self.name(["tom"], at: 3, table))
    _ = table.add(Self.name(["ann"], at: 4, table))
    #expect(table.recentEntities.suffix(2) == [tom, tom + 2])
    table.restoreRecency()
    #expect(table.recentEntities == [tom, jane])
  }

  @Test func oneFormCountsAsTheLiteral() {
    let literal: FormCounts = ["Florence": 1]
    #expect(FormCounts(form: "Florence").map(\.key) == literal.map(\.key))
    #expect(FormCounts(form: "Florence").map(\.value) == literal.map(\.value))
    #expect(FormCounts().map(\.key).isEmpty)
  }
}

extension SpeakerMention {
  fileprivate func withGender(_ gender: SpeakerGender) -> SpeakerMention {
    var mention = self
    mention.gender = gender
    return mention
  }
}
