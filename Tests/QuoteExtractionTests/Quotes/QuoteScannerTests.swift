import Foundation
import QuoteExtraction
import QuoteExtractionTestSupport
import Testing

@Test(arguments: [
  "He said \"⟦Hello⟧\" to me.",
  "He said “⟦Hello⟧” to me.",
  "Il a dit « ⟦Bonjour⟧ » hier.",
  "Er sagte »⟦Hallo⟧« und ging.",
  "Er sagte „⟦Hallo⟧“ und ging.",
  "Er sagte „⟦Hallo⟧” und ging.",
  "Er sagte ‚⟦Hallo⟧‘ und ging.",
  "Il a dit ‹⟦Salut⟧› hier.",
  "彼は「⟦こんにちは⟧」と言った。",
  "彼は『⟦本⟧』を読んだ。",
  "He said ``⟦how are you doing?⟧'' to me.",
  "He said ''⟦We will win,⟧'' adding ''⟦soon.⟧''",
  "‘⟦He told me “⟦go away⟧” and left,⟧’ she said.",
  "“⟦She said ‘⟦no⟧’ to me.⟧”",
])
func marksOfEveryTypographyPair(_ marked: String) throws {
  try expectQuotes(marked)
}

@Test(arguments: [
  "“⟦I don't like Jones' cow,⟧” she said.",
  "“⟦The ’90s were loud,⟧” she said.",
  "‘⟦I love rock ’n’ roll,⟧’ she said.",
  "“⟦’Tis true, give 'im the Mexico’s map, O’Brien.⟧”",
  "“⟦You shouldn‘t go,⟧” she said.",
  "‘⟦It was Jones’ cow that ran,⟧’ he said.",
  "'⟦I was goin' home,⟧' he said. '⟦Now I'm here.⟧'",
  "'⟦Come here⟧' she said. '⟦Now.⟧'",
  "'⟦'Tis nobler⟧' he said.",
])
func apostrophesOpenAndCloseNothing(_ marked: String) throws {
  try expectQuotes(marked)
}

@Test func quotationOverParagraphsIsOneSpanWithParts() throws {
  let text = "He said “First part.\n\n“Second part.\n\n“Last part.” And then he left."
  let result = try QuoteExtractor().extract(from: text)
  let whole = try #require(result.quotes.first { $0.part == nil && $0.depth == 0 })
  #expect(whole.isClosed)
  #expect(whole.paragraphs == 0...2)
  let parts = result.quotes.filter { $0.part != nil }
  #expect(
    parts.map { result.document.text($0.content) } == ["First part.", "Second part.", "Last part."])
  #expect(parts.allSatisfy { $0.isClosed && $0.parent == 0 && $0.depth == 1 })
  #expect(parts.map(\.part) == [0, 1, 2])
}

@Test func straightMarksFollowTheReopeningConventionToo() throws {
  let text = "'Hello,\n\n'I am the second paragraph.\n\n'see there's more here.' followed by words"
  let result = try QuoteExtractor().extract(from: text)
  #expect(result.quotes.filter { $0.depth == 0 }.count == 1)
  #expect(result.quotes.filter { $0.part != nil }.count == 3)
}

@Test func unclosedQuotationStopsAtItsParagraph() throws {
  let result = try expectQuotes("He said “Hello and left.\n\nThen “⟦ok⟧” came.")
  let unclosed = try #require(result.quotes.first { !$0.isClosed })
  #expect(unclosed.paragraphs == 0...0)
  #expect(result.document.text(unclosed.content) == "Hello and left.")
  #expect(result.diagnostics.contains { $0.code == "unclosed-quote" && $0.utf8Offset == 8 })
}

@Test func mismatchedMarksRecoverLocally() throws {
  let wrongCurly = try expectQuotes("“⟦Hello,⟧“ he said, “⟦how are you doing?⟧”")
  #expect(wrongCurly.diagnostics.contains { $0.code == "mismatched-quote" })
  let straightClose = try expectQuotes("“⟦Hello,⟧\" he said. “⟦Fine.⟧”")
  #expect(straightClose.diagnostics.contains { $0.code == "mismatched-quote" })
  let bullet = try expectQuotes("“ Item one\n\nShe said “⟦yes⟧” then.")
  #expect(bullet.diagnostics.contains { $0.code == "stray-quote" })
}

@Test func dashDialogueIsSpeech() throws {
  let result = try expectQuotes("— ⟦Ven aquí⟧ —dijo él—. ⟦Siéntate.⟧\n\n—⟦No.⟧")
  #expect(result.quotes.allSatisfy { $0.kind == .dashDialogue })
}

@Test(arguments: [
  ("They sent him to a so-called “safe third country” last year.", QuotedSpan.Kind.term),
  ("She read the book “One Hundred Years of Solitude” twice.", .title),
  ("The crowd cheered for Earvin “Magic” Johnson at the game.", .term),
  ("“We are ready to go,” she said.", .speech),
  ("He called the plan “a disaster for everyone involved.”", .term),
  ("“Stop. Now. Please,” he said.", .speech),
])
func kindFollowsWhatTheTextShows(_ text: String, _ kind: QuotedSpan.Kind) throws {
  let result = try QuoteExtractor().extract(from: text)
  #expect(result.quotes.map(\.kind) == [kind])
}

@Test func optionsMatchCoreNLPsSettings() throws {
  var short = Configuration()
  short.maximumQuoteLength = 5
  try expectQuotes(
    "`⟦Hel,⟧' he said, ``how are \"⟦you⟧\" blar a \"farrrrrooom\"", configuration: short)
  var noSingles = Configuration()
  noSingles.singleQuotes = false
  try expectQuotes("“⟦Hello,⟧” he 'said', “⟦how are you doing?⟧”", configuration: noSingles)
}

@Test(arguments: [
  "", "\"", "“", "”", "'", "\"\"=", "Name:\"text\"", "\"Hello", "Hello\"", "'''", "``", "— ",
  "--", "“\n\n“\n\n“", "«»", "a\"b\"c",
])
func oddInputsEndWithoutCrashing(_ text: String) throws {
  let result = try QuoteExtractor().extract(from: text)
  let count = result.document.utf8Count
  for quote in result.quotes {
    #expect(quote.content.lowerBound <= quote.content.upperBound)
    #expect(quote.content.upperBound <= count)
    #expect(quote.openMark.upperBound <= count)
  }
}

@Test func nameColonQuoteIsAQuotation() throws {
  try expectQuotes("Name:\"⟦text⟧\"")
}

@Test func invalidUTF8IsScannedSafely() throws {
  let bytes: [UInt8] = [0xE2, 0x80, 0x9C, 0xFF, 0x41, 0xE2, 0x80, 0x9D, 0xE2, 0x80]
  let result = try QuoteExtractor().extract(utf8: bytes)
  #expect(result.quotes.count == 1)
}

@Test func thousandsOfUnbalancedMarksStayLinear() throws {
  let small = String(repeating: "“a ", count: 1_000)
  let large = String(repeating: "“a ", count: 10_000)
  let smallTime = try ThreadTime.measure { _ = try QuoteExtractor().extract(from: small) }
  var result: ExtractionResult? = nil
  let largeTime = try ThreadTime.measure { result = try QuoteExtractor().extract(from: large) }
  #expect(largeTime < smallTime * 40 + .milliseconds(200))
  let diagnostics = try #require(result).diagnostics
  #expect(!diagnostics.isEmpty && diagnostics.count <= 201)
  let mixed = String(repeating: "\"a' ‘b ’c” «d `e ", count: 2_000)
  _ = try QuoteExtractor().extract(from: mixed)
}

@Test func oneLongQuotationIsOneSpan() throws {
  let body = String(repeating: "word and another word, ", count: 20_000)
  let result = try QuoteExtractor().extract(from: "“" + body + "”")
  #expect(result.quotes.count == 1)
  #expect(result.quotes.first?.isClosed == true)
}

@Test func shippedPairingTableParses() throws {
  // Every pairing line of the table must be used; a typo would silently drop a mark.
  let result = try QuoteExtractor().extract(from: "«a» »b« ‹c› ›d‹ 「e」 『f』 „g“ ‚h‘")
  #expect(result.quotes.filter(\.isClosed).count == 8)
}

@Test func dashDialogueStopsAtAnUnmarkedNarratorClause() throws {
  try expectQuotes(
    "—⟦Thanks, old chap,⟧ he cried briskly. ⟦That will do nicely.⟧\n\n—⟦Scutter!⟧ he said.")
  try expectQuotes("—⟦Tell me, Mulligan,⟧ Stephen said quietly.\n\n—⟦Yes?⟧")
}

@Test func dashListInQuotedNewsIsNotDialogue() throws {
  try expectQuotes(
    "“⟦We won,⟧” she said. “⟦Again.⟧”\n\n— Reporting by Ann Lee.\n\n— Editing by Bo Yi.\n\n“⟦Yes.⟧”"
  )
}

@Test func closingSingleMarkBeforeADashCloses() throws {
  try expectQuotes(
    "the adage, ‘⟦handsome is, that handsome does⟧’--for he broke the stairs’ window.")
}

@Test(arguments: [
  "“👩‍👩‍👧 said ‘hi’ 🎉” and «مرحبا» then „é\u{301}“",
  "«‏שלום‏» אמר. “\u{202E}reversed\u{202C}”",
  "「『入れ子』の引用」と言った。“",
  "’’’ ‘‘‘ ““ ”” «« »» ‹› ›‹ `` '' \"\"",
])
func hostileUnicodeRangesLandOnScalarBoundaries(_ text: String) throws {
  let result = try QuoteExtractor().extract(from: text)
  let utf8 = result.document.utf8
  func onBoundary(_ offset: Int) -> Bool { offset == utf8.count || utf8[offset] & 0xC0 != 0x80 }
  for quote in result.quotes {
    #expect(onBoundary(quote.content.lowerBound) && onBoundary(quote.content.upperBound))
    #expect(onBoundary(quote.openMark.lowerBound) && onBoundary(quote.openMark.upperBound))
  }
  for diagnostic in result.diagnostics {
    if let offset = diagnostic.utf8Offset { #expect(onBoundary(offset)) }
  }
}
