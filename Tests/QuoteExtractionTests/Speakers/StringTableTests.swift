import Testing

@testable import QuoteExtraction

/// The entity table's string-keyed tables behave as the dictionaries they replace.
struct StringTableTests {
  /// Keys that differ in case, length and script, some longer than a small string.
  private static let keys: [String] = {
    var keys = ["", "a", "A", "emily", "Emily", "bennet", "naïve", "café", "日本"]
    for number in 0..<300 { keys.append("word\(number)") }
    keys.append(String(repeating: "long name ", count: 5))
    return keys
  }()

  @Test func setsReadsAndRemovesAsADictionary() {
    var table = StringTable<Int>()
    var dictionary: [String: Int] = [:]
    // A fixed pseudo-random walk: inserts, replacements and removals.
    var state: UInt64 = 0x9E37_79B9_7F4A_7C15
    for step in 0..<4_000 {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      let key = StringTableTests.keys[Int(state >> 33) % StringTableTests.keys.count]
      let value: Int? = state & 7 == 0 ? nil : step
      table[key] = value
      dictionary[key] = value
    }
    for key in StringTableTests.keys {
      #expect(table[key] == dictionary[key], "\(key)")
    }
    #expect(table.count == dictionary.count)
    #expect(table.isEmpty == dictionary.isEmpty)
  }

  @Test func updatesAndReturnsTheOldValueAsADictionary() {
    var table = StringTable<Int>()
    var dictionary: [String: Int] = [:]
    for (position, key) in (StringTableTests.keys + StringTableTests.keys.reversed()).enumerated() {
      #expect(
        table.updateValue(position, forKey: key) == dictionary.updateValue(position, forKey: key))
      if position % 5 == 0 {
        table[key] = nil
        dictionary[key] = nil
      }
    }
    for key in StringTableTests.keys { #expect(table[key] == dictionary[key], "\(key)") }
    #expect(table.count == dictionary.count)
  }

  @Test func appendsThroughTheDefaultSubscript() {
    var table = StringTable<[Int]>()
    var dictionary: [String: [Int]] = [:]
    for (position, key) in (StringTableTests.keys + StringTableTests.keys.reversed()).enumerated() {
      table[key, default: []].append(position)
      dictionary[key, default: []].append(position)
    }
    for key in StringTableTests.keys {
      #expect(table[key] == dictionary[key], "\(key)")
      #expect(table[key, default: [-1]] == dictionary[key, default: [-1]])
    }
    #expect(table["absent"] == nil)
    #expect(table["absent", default: [7]] == [7])
    #expect(table.count == dictionary.count)
  }

  @Test func findsTheLowercasedBytesAsTheirString() {
    var table = StringTable<Int>()
    for (position, key) in StringTableTests.keys.enumerated() where position % 3 != 0 {
      table[key.lowercased()] = position
    }
    table["word4"] = nil
    // Each key as written, upper-cased, and with a letter more: looked up by bytes as its
    // lower-cased string is (ASCII letters only, as `MentionAnalyzer.lowercasedWord` does).
    let spellings = StringTableTests.keys.flatMap { [$0, $0.uppercased(), $0 + "x"] }
    for spelling in spellings + ["WORD4", "Cafe\u{301}", "cafe\u{301}"] {
      let lowered = String(
        decoding: spelling.utf8.map { ByteLexicon<Void>.lower($0) }, as: UTF8.self)
      let found = Array(spelling.utf8).withUnsafeBufferPointer { table.hasValue(lowercasing: $0) }
      #expect(found == (table[lowered] != nil), "\(spelling)")
    }
    #expect(Array("EMILY".utf8).withUnsafeBufferPointer { table.hasValue(lowercasing: $0) })
    #expect(!Array("WORD4".utf8).withUnsafeBufferPointer { table.hasValue(lowercasing: $0) })
  }

  @Test func formCountsCountAsADictionaryAndKeepTheFirstOrder() {
    var counts: FormCounts = ["Florence": 1]
    var countedOne = FormCounts(form: "Florence")
    var dictionary: [String: Int] = ["Florence": 1]
    var order = ["Florence"]
    // More forms than are searched in place, so that the index takes over.
    for step in 0..<200 {
      let form = StringTableTests.keys[(step * 7) % 40]
      if dictionary[form] == nil { order.append(form) }
      counts.countOne(form)
      countedOne.countOne(form)
      dictionary[form, default: 0] += 1
    }
    #expect(counts.map(\.key) == order)
    #expect(countedOne.map(\.key) == order)
    #expect(countedOne.map(\.value) == counts.map(\.value))
    for (form, count) in counts { #expect(dictionary[form] == count, "\(form)") }
    #expect(counts["absent", default: 0] == 0)
    let empty: FormCounts = [:]
    #expect(empty.max { $0.value < $1.value } == nil)
  }
}

/// The byte-level reading of names agrees with the character-level split it replaces.
struct NameWordsTests {
  private static let names = [
    "Florence Linden", "Bill", "Mrs. Bennet", "  spaced   out  ", " ", "",
    "U.S. Department of State",
    "American Civil Liberties Union", "Department of Homeland Security", "ACLU", "a b C",
    "José Martí", "Zoë Baird", "e\u{301} Acute", "Space \u{301}Mark", "Ångström Unit", "K\u{212A}",
  ]

  @Test func spacesAreFoundAsCharactersAre() {
    for name in NameWordsTests.names {
      #expect(NameWords.hasSpace(name) == name.contains(" "), "\(name)")
    }
  }

  @Test func lastWordsMatchTheSplit() {
    for name in NameWordsTests.names {
      #expect(
        NameWords.lastLowercased(name) == name.split(separator: " ").last.map { $0.lowercased() },
        "\(name)")
    }
  }

  @Test func initialsMatchTheSplit() {
    for name in NameWordsTests.names {
      var expected = ""
      for word in name.split(separator: " ") {
        guard let first = word.unicodeScalars.first, (0x41...0x5A).contains(first.value),
          !word.contains(".")
        else { continue }
        expected.unicodeScalars.append(first)
      }
      #expect(NameWords.capitalInitials(name) == expected, "\(name)")
    }
  }
}
