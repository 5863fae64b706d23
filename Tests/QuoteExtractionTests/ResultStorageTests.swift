import Testing

@testable import QuoteExtraction

/// How results and the shared tables are stored: copies of a result are independent values, and
/// the default configuration's tables are never reference-counted by the worker threads.
@Suite struct ResultStorageTests {
  @Test func aChangedCopyLeavesTheOriginalAlone() throws {
    let extractor = try QuoteExtractor()
    let original = try extractor.extract(
      from: "“We are ready,” Ebrard said. Pompeo said he agreed.")
    var copy = original
    #expect(copy.attributions.count == 2)
    copy.attributions.removeAll()
    copy.quotes.removeAll()
    copy.entities.append(Entity(name: "Somebody Invented", kind: .person, mentions: []))
    copy.diagnostics.append(Diagnostic(code: "invented", message: "invented"))
    #expect(original.attributions.count == 2)
    #expect(!original.quotes.isEmpty)
    #expect(!original.entities.contains { $0.name == "Somebody Invented" })
    #expect(original.diagnostics.isEmpty)
    #expect(copy.attributions.isEmpty && copy.quotes.isEmpty)
    #expect(copy.document.text == original.document.text)
  }

  @Test func aResultChangedInPlaceKeepsItsChanges() throws {
    var result = try QuoteExtractor().extract(from: "“Yes,” she said.")
    result.attributions[0].speakerName = "Changed"
    #expect(result.attributions[0].speakerName == "Changed")
  }

  #if os(Linux) && arch(x86_64) || os(Linux) && arch(arm64)
    /// Whether the runtime treats an object as immortal.
    ///
    /// NB: reads the Swift runtime's inline reference count (the word after the type pointer):
    /// on 64-bit platforms an immortal object has its low 32 bits all set. `_getRetainCount` is
    /// no help: it reports an immortal object's count as anything.
    static func isImmortal(_ object: AnyObject) -> Bool {
      let bits = Unmanaged.passUnretained(object).toOpaque().load(
        fromByteOffset: MemoryLayout<UnsafeRawPointer>.size, as: UInt64.self)
      return bits & 0xFFFF_FFFF == 0xFFFF_FFFF
    }

    @Test func theDefaultTablesAreImmortalOnceAnExtractorExists() throws {
      _ = try QuoteExtractor()
      let rules = try RuleSet.standard.get()
      #expect(Self.isImmortal(rules))
      #expect(Self.isImmortal(rules.program))
      #expect(Self.isImmortal(SpeakerLexicons.shared))
      #expect(Self.isImmortal(QuoteMarks.shared))
      // An array's storage (one reference on Linux), inside a struct.
      #expect(Self.isImmortal(unsafeBitCast(Tokenizer.knownTokens.kinds, to: AnyObject.self)))
      #expect(Self.isImmortal(unsafeBitCast(Tokenizer.knownTokens.shapes, to: AnyObject.self)))
      // A rule id longer than a small string keeps its characters in a heap object.
      let id = try #require(rules.rules.first { $0.id.utf8.count > 15 }?.id)
      let storage = unsafeBitCast(id, to: (UInt64, UInt64).self).1
      let object = try #require(UnsafeMutableRawPointer(bitPattern: UInt(storage)))
      #expect(storage >> 60 == 0)
      #expect(Self.isImmortal(Unmanaged<AnyObject>.fromOpaque(object).takeUnretainedValue()))
    }

    @Test func aCustomConfigurationsTablesStayOrdinary() throws {
      var configuration = Configuration()
      configuration.addLexiconEntries(["harrumphed"], to: "speech")
      let extractor = try QuoteExtractor(configuration: configuration)
      #expect(!Self.isImmortal(extractor.rules))
      #expect(!Self.isImmortal(extractor.rules.program))
    }
  #endif
}
