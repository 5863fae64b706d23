import Testing

@testable import QuoteExtraction

/// The open-addressing word list and the merged speaker table built on it.
struct ByteLexiconTests {
  private func bytes(_ word: String) -> ArraySlice<UInt8> { ArraySlice(word.utf8) }

  @Test func looksWordsUpWithoutRegardToASCIICase() {
    var lexicon = ByteLexicon<Int>()
    lexicon.insert("Senator", value: 1)
    lexicon.insert("café", value: 2)
    #expect(lexicon.value(bytes("senator")) == 1)
    #expect(lexicon.value(bytes("SENATOR")) == 1)
    #expect(lexicon.value(bytes("café")) == 2)
    // NB: only ASCII letters fold; "É" is another word.
    #expect(lexicon.value(bytes("cafÉ")) == nil)
    #expect(lexicon.value(bytes("senato")) == nil)
    #expect(lexicon.value(bytes("")) == nil)
    #expect(ByteLexicon<Int>().value(bytes("senator")) == nil)
  }

  @Test func aLaterEntryReplacesAnEarlierOne() {
    var lexicon = ByteLexicon<Int>()
    lexicon.insert("Morgan", value: 1)
    lexicon.insert("morgan", value: 2)
    #expect(lexicon.count == 1)
    #expect(lexicon.value(bytes("MORGAN")) == 2)
  }

  @Test func keepsEveryEntryAsTheTableGrows() {
    var lexicon = ByteLexicon<Int>()
    let words = (0..<2000).map { "w\($0)x" }
    for (index, word) in words.enumerated() { lexicon.insert(word, value: index) }
    #expect(lexicon.count == words.count)
    for (index, word) in words.enumerated() {
      #expect(lexicon.value(bytes(word.uppercased())) == index)
    }
    #expect(lexicon.value(bytes("w2000x")) == nil)
    var seen = 0
    lexicon.forEach { key, value in
      #expect(String(decoding: key, as: UTF8.self) == words[value])
      seen += 1
    }
    #expect(seen == words.count)
  }

  @Test func findsAnEntryByItsPrecomputedHash() {
    var lexicon = ByteLexicon<String>()
    lexicon.insert("Mrs", value: "f")
    let word = Array("MRS".utf8)
    word.withUnsafeBufferPointer { buffer in
      let entry = lexicon.entry(buffer, hash: ByteLexicon<Void>.hash(buffer))
      #expect(entry >= 0)
      #expect(lexicon.value(at: entry) == "f")
    }
    Array("Mr".utf8).withUnsafeBufferPointer { buffer in
      #expect(lexicon.entry(buffer, hash: ByteLexicon<Void>.hash(buffer)) == -1)
    }
  }

  /// The merged table answers as each list does on its own.
  /// The hash reads words eight bytes at a time: every byte, in every position and at every
  /// length, counts, and only ASCII letters fold.
  @Test func hashesEveryByteAndFoldsOnlyASCIILetters() {
    for byte in 0...255 {
      let word = UInt64(byte) * 0x0101_0101_0101_0101
      let lower = UInt64(ByteLexicon<Void>.lower(UInt8(byte))) * 0x0101_0101_0101_0101
      #expect(ByteScan.lowercased(word) == lower, "\(byte)")
    }
    let letters = Array("abcdefghijklmnopqrstuvwxyzabcdefghijklmnop".utf8)
    var seen = Set<UInt64>()
    for length in 0...letters.count {
      let word = ArraySlice(letters[0..<length])
      let hash = ByteLexicon<Void>.hash(word)
      #expect(ByteLexicon<Void>.hash(ArraySlice(word.map { $0 & ~0x20 })) == hash, "\(length)")
      #expect(seen.insert(hash).inserted, "\(length)")
      for position in 0..<length {
        var changed = Array(word)
        changed[position] = UInt8(ascii: "@")
        #expect(ByteLexicon<Void>.hash(ArraySlice(changed)) != hash, "\(length) \(position)")
        // An accented capital is another byte, not folded.
        changed[position] = 0xC9
        #expect(ByteLexicon<Void>.hash(ArraySlice(changed)) != hash, "\(length) \(position)")
      }
    }
  }

  @Test func mergedSpeakerWordsAgreeWithEachList() {
    let lexicons = SpeakerLexicons.shared
    for word in [
      "he", "She", "they", "Mr", "mrs", "Lady", "spokeswoman", "Secretary", "Ministry", "officials",
      "Elizabeth", "Morgan", "said", "the", "Monday", "Bennet", "running",
    ] {
      let key = bytes(word)
      let merged = lexicons.words.value(key)
      let lists = merged?.lists ?? []
      #expect(lists.contains(.pronoun) == lexicons.pronouns.contains(key), "\(word)")
      #expect(lists.contains(.honorific) == lexicons.honorifics.contains(key), "\(word)")
      #expect(lists.contains(.role) == lexicons.roles.contains(key), "\(word)")
      #expect(
        lists.contains(.organizationHead) == lexicons.organizationHeads.contains(key), "\(word)")
      #expect(lists.contains(.group) == lexicons.groups.contains(key), "\(word)")
      #expect(lists.contains(.givenName) == lexicons.givenNames.contains(key), "\(word)")
      #expect(lists.contains(.dialogueVerb) == lexicons.dialogueVerbs.contains(key), "\(word)")
      #expect(lists.contains(.determiner) == lexicons.determiners.contains(key), "\(word)")
      #expect(lists.contains(.notName) == lexicons.notNames.contains(key), "\(word)")
      if let merged {
        if let pronoun = lexicons.pronouns.value(key) {
          #expect(
            merged.pronoun.gender == pronoun.gender && merged.pronoun.isPlural == pronoun.isPlural)
        }
        if let gender = lexicons.roles.value(key) { #expect(merged.roleGender == gender) }
        if let gender = lexicons.honorifics.value(key) { #expect(merged.honorificGender == gender) }
        if let gender = lexicons.givenNames.value(key) { #expect(merged.givenNameGender == gender) }
      }
    }
  }

  /// A token's lexicon entry is the same whether it was cached by an earlier question or not.
  @Test func cachedTokenEntriesMatchFreshLookups() throws {
    let document = try Document(
      text: "Mrs. Bennet's daughter, the spokeswoman, said she met Senator Smith on Monday.")
    let analyzer = MentionAnalyzer(document: document, lexicons: .shared)
    for index in document.tokens.indices {
      let fresh = analyzer.lexicons.words.value(analyzer.wordBytes(index))?.lists ?? []
      #expect(analyzer.lists(index) == fresh, "\(document.text(of: index))")
      // Asked again: now from the cache.
      #expect(analyzer.lists(index) == fresh, "\(document.text(of: index))")
    }
  }
}

/// The bitmap of the keys' first and last bytes never turns away a word that a list holds.
struct ByteLexiconFilterTests {
  /// Each key of each speaker list, as written in any ASCII case, and near misses of it: found
  /// exactly when a key equals it once lower-cased (as a scan of every key says).
  /// A key longer than eight bytes is compared eight bytes at a time, the last eight
  /// overlapping the ones before; a shorter one by its hash and length: at every length, a word
  /// is found with any of its letters in upper case, and a word one byte apart is not.
  @Test func comparesKeysOfEveryLengthInEveryByte() {
    let alphabet = Array("abcdefghijklmnopqrstuvwxyz".utf8)
    func key(_ length: Int) -> [UInt8] { (0..<length).map { alphabet[($0 * 7 + length) % 26] } }
    var lexicon = ByteLexicon<Int>()
    for length in 1...24 { lexicon.insert(bytes: key(length), value: length) }
    for length in 1...24 {
      for position in 0..<length {
        var upper = key(length)
        upper[position] -= 0x20
        #expect(lexicon.value(ArraySlice(upper)) == length, "\(length) \(position)")
        var other = key(length)
        other[position] = other[position] == UInt8(ascii: "z") ? 0x61 : other[position] + 1
        #expect(lexicon.value(ArraySlice(other)) == nil, "\(length) \(position)")
      }
    }
  }

  @Test func lookupsAgreeWithAScanOfTheKeys() {
    let lexicons = SpeakerLexicons.shared
    var keys: [[UInt8]] = []
    lexicons.words.forEach { key, _ in keys.append(Array(key)) }
    #expect(keys.count > 100)
    let known = Set(keys)
    var probes: [[UInt8]] = []
    for key in keys {
      let upper = key.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }
      var capitalised = key
      if let first = key.first, first >= 0x61, first <= 0x7A { capitalised[0] = first - 0x20 }
      probes += [
        key, upper, capitalised, key + [0x73], Array(key.dropLast()), Array(key.dropFirst()),
      ]
    }
    for probe in probes {
      let expected = known.contains(probe.map(ByteLexicon<Void>.lower))
      probe.withUnsafeBufferPointer { buffer in
        if expected { #expect(lexicons.words.mayContain(buffer)) }
        #expect(
          lexicons.words.contains(buffer) == expected, "\(String(decoding: probe, as: UTF8.self))")
        let entry = lexicons.words.entry(buffer, hash: ByteLexicon<Void>.hash(buffer))
        #expect((entry >= 0) == expected)
      }
    }
  }

  @Test func anEmptyListHoldsNothing() {
    let lexicon = ByteLexicon<Void>()
    Array("word".utf8).withUnsafeBufferPointer { #expect(!lexicon.mayContain($0)) }
  }

  /// The lines of a resource as reading it by characters splits them: the reference for
  /// ``ByteLexicon/lines(_:)``, which cuts them by bytes.
  private func linesByCharacters(_ bytes: [UInt8]) -> [[Substring]] {
    let text = String(decoding: bytes, as: UTF8.self)
    var result: [[Substring]] = []
    for line in text.split(whereSeparator: \.isNewline) {
      let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
      let columns = content.split(whereSeparator: \.isWhitespace)
      if !columns.isEmpty { result.append(columns) }
    }
    return result
  }

  private func expectSameLines(_ bytes: [UInt8], _ comment: Comment) {
    let lines = ByteLexicon<Void>.lines(bytes).map { $0.map(String.init) }
    let reference = linesByCharacters(bytes).map { $0.map(String.init) }
    #expect(lines == reference, comment)
  }

  @Test func cutsEveryResourceIntoTheLinesThatCharactersGive() {
    let resources: [(String, [UInt8])] = [
      ("pronouns", PackageResources.speakers_pronouns_txt),
      ("honorifics", PackageResources.speakers_honorifics_txt),
      ("roles", PackageResources.speakers_roles_txt),
      ("org-heads", PackageResources.speakers_org_heads_txt),
      ("groups", PackageResources.speakers_groups_txt),
      ("names-male", PackageResources.speakers_names_male_txt),
      ("names-female", PackageResources.speakers_names_female_txt),
      ("dialogue-verbs", PackageResources.speakers_dialogue_verbs_txt),
      ("determiners", PackageResources.speakers_determiners_txt),
      ("not-names", PackageResources.speakers_not_names_txt),
      ("kinship", PackageResources.speakers_kinship_txt),
      ("continuation-verbs", PackageResources.speakers_continuation_verbs_txt),
      ("children", PackageResources.speakers_children_txt),
    ]
    for (name, bytes) in resources {
      #expect(!ByteLexicon<Void>.lines(bytes).isEmpty, "\(name)")
      expectSameLines(bytes, "\(name)")
    }
  }

  @Test func cutsLinesAsCharactersDoWhateverTheBreaksAndSpaces() {
    let texts = [
      "a\r\nb\rc\nd", "\u{0B}a\u{0C}b\u{85}c\u{2028}d\u{2029}e", "a\tb  c\u{A0}d\u{3000}e",
      "# comment “x”\nword m # “note”\n", "x#\u{301}y z\n", "caf\u{E9} m\n\u{E9}#\u{301}\n",
      "e\u{301} f\n#\n  \n", "word#a#b\n", "", "\n\n", "last line without break",
      "a\u{85}\u{2028}", "\u{FEFF}bom x\n",
    ]
    for text in texts { expectSameLines(Array(text.utf8), "\(text.debugDescription)") }
    // Invalid UTF-8 is read as `String(decoding:)` repairs it.
    expectSameLines([0x61, 0xFF, 0x20, 0x62, 0x0A, 0xC2, 0x20, 0x63], "invalid")
  }
}
