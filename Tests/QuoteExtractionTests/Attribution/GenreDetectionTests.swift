import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// How the automatic genre reads a document: a story reports direct speech only and follows
/// its turns; news reports every kind of attribution.

/// A first-person piece dense with pronouns and past tenses, with no quotation marks.
private let personalPiece = """
  I met her at the diner on a cold morning in the valley. She told me she had been waiting for him since dawn, and he had never come. I asked her why she stayed, and she said she had nowhere else to go. He had left her the truck and the dog and a note that she never read. I watched her pour the coffee for me and for the man beside me, and she smiled at him as if she knew him from before.

  She said the town had changed around her while she was not looking. Her father had run the mill, and his father before him; now the mill was a parking lot and she was the last of them who stayed. I asked her whether she missed him. She laughed at me and turned away.

  When I left, she walked me to the door and held it for me. He had been a good man once, she said, and she had loved him, and she would wait for him a little longer.
  """

/// The types of the attributions `text` gives with the genre found automatically.
private func automaticTypes(_ text: String) throws -> [Attribution.Kind] {
  try QuoteExtractor().extract(from: text).attributions.map(\.type)
}

@Test func pronounDensePieceWithoutNewsWordsReadsAsFiction() throws {
  // The control: read as a story, its reported speech is narration, not attributions.
  #expect(try automaticTypes(personalPiece).isEmpty)
}

@Test func newsReportingWordsMakeAPronounDensePieceNews() throws {
  // One sentence that sources a fact the way news does ("according to the officials") tells
  // a column or a first-person report from a story: its reported speech is attributed.
  let column = personalPiece.replacingOccurrences(
    of: "When I left,",
    with: "According to the officials I spoke with later, the mill closed that spring. When I left,"
  )
  let types = try automaticTypes(column)
  #expect(types.contains(.indirect))
}

/// A report that quotes its people at length: their "I" and "me" are inside quotation marks,
/// its narration names people and places.
private let quotingReport = """
  The candidate spoke to a crowd of supporters in the high school gym in Dayton on Tuesday evening. "I know what you want from me, and I am not going to let you down," Martinez told them. "I grew up here. My mother worked two jobs so that I could go to school, and she taught me that a promise is a debt. I have kept every promise I made to her, and I will keep the ones I make to you."

  The crowd cheered as Martinez walked across the stage with Dana Whitfield, the mayor of Dayton. Several supporters said the speech was the best of the campaign so far. "She talks to me like a neighbor," said Ellen Porter, a retired teacher from Kettering. "I trust her more than I trust the others, and I will vote for her in November."

  Martinez said the plant on the east side of Dayton would reopen next spring under a plan drafted with the Ohio Department of Development. Whitfield said the city would match the money. "I told her I would be there on the first day," Porter said. "I want to see it with my own eyes. I have waited for this since my husband lost his job there."
  """

@Test func pronounsInsideQuotationsDoNotMakeAReportAStory() throws {
  // Counted with the quoted speakers' pronouns the report reads as a story; its narration's
  // own voice (names, places, few pronouns) is news'.
  #expect(try automaticTypes(quotingReport).contains(.indirect))
}

@Test func pronounsOfNarrationStillMakeAStory() throws {
  // The same pronouns moved out of the quotation marks are the narration's: a story.
  let narrated = quotingReport.replacingOccurrences(of: "\"", with: "")
  #expect(!(try automaticTypes(narrated).contains(.indirect)))
}

@Test func politiciansNamedByOfficeMakeAPronounDensePieceNews() throws {
  // Two officials named by their abbreviated office ("Sen. Alvarez", "Gov. Brandt") tell a
  // first-person report from a story.
  let report = personalPiece.replacingOccurrences(
    of: "When I left,",
    with:
      "Sen. Alvarez had promised to save the mill, and Gov. Brandt had signed the bill. When I left,"
  )
  #expect(try automaticTypes(report).contains(.indirect))
}

@Test func oneOfficeTitleLeavesAStoryAStory() throws {
  // One governor named in passing is not news' habit of naming people by office.
  let story = personalPiece.replacingOccurrences(
    of: "When I left,",
    with: "Her father had once shaken hands with Gov. Lincoln. When I left,")
  #expect(try automaticTypes(story).isEmpty)
}

@Test func aCharacterNamedByOfficeLeavesAStoryAStory() throws {
  // A novel names a character by a title spelled out all along ("Governor Hale"); news
  // abbreviates the title before a name.
  let story = personalPiece.replacingOccurrences(
    of: "When I left,",
    with:
      "Governor Hale had owned the mill. Governor Hale sold it. She never forgave Governor Hale. When I left,"
  )
  #expect(try automaticTypes(story).isEmpty)
}

/// The counts of the genre's style pass (``DocumentStyle/init(counting:)``, one fused loop
/// with a first-byte table) against a count spelled out token by token from the spellings,
/// which the style's and the signs' token-by-token counts (``stepwise(_:)``) match too.
@Suite struct StyleCountTests {
  /// The seven counts the genre is decided from.
  struct Counts: Equatable, CustomStringConvertible {
    var words = 0
    var numbers = 0
    var pronouns = 0
    var names = 0
    var register = 0
    var narrationPronouns = 0
    var titledNames = 0

    var description: String {
      "words \(words) numbers \(numbers) pronouns \(pronouns) names \(names) register "
        + "\(register) narration pronouns \(narrationPronouns) titled names \(titledNames)"
    }
  }

  static let pronouns: Set<String> = ["he", "she", "i", "him", "her", "me"]
  static let titles: Set<String> = ["sen", "rep", "gov", "sen.", "rep.", "gov."]
  static let register: Set<String> = [
    "according", "statement", "statements", "reporters", "officials", "spokesman",
    "spokeswoman", "spokesperson", "percent",
  ]

  /// The spelling with ASCII capitals lowered (and nothing else).
  static func asciiLowered(_ bytes: ArraySlice<UInt8>) -> String {
    String(decoding: bytes.map { $0 >= 0x41 && $0 <= 0x5A ? $0 | 0x20 : $0 }, as: UTF8.self)
  }

  /// The counts, spelled out: each sign is read from the token's spelling and its
  /// neighbours, with no state carried from token to token but the quotation marks.
  static func reference(_ document: Document) -> Counts {
    let text = document.utf8
    let tokens = document.tokens
    func spelling(_ token: Token) -> ArraySlice<UInt8> { text[token.utf8Range] }
    func isNameShape(_ token: Token) -> Bool {
      token.shape.contains(.capitalized) && !token.shape.contains(.allCaps)
    }
    var counts = Counts()
    var inside = false
    for (index, token) in tokens.enumerated() {
      let bytes = spelling(token)
      let lowered = asciiLowered(bytes)
      if token.kind == .word {
        counts.words += 1
        if pronouns.contains(lowered) { counts.pronouns += 1 }
        if index > 0 && isNameShape(token) {
          let previous = tokens[index - 1]
          let previousSpelling = String(decoding: spelling(previous), as: UTF8.self)
          if (previous.kind == .word && previous.shape.contains(.lowercase))
            || previousSpelling == "," || previousSpelling == ";"
          {
            counts.names += 1
          }
        }
      }
      if token.kind == .number { counts.numbers += 1 }
      // The signs skip empty tokens.
      guard let first = bytes.first else { continue }
      if token.kind == .word {
        if pronouns.contains(lowered) && !inside { counts.narrationPronouns += 1 }
        // Only the first letter may be capitalised.
        let rest = String(decoding: bytes.dropFirst(), as: UTF8.self)
        if register.contains(asciiLowered(bytes.prefix(1)) + rest) { counts.register += 1 }
        // After a title, or a title and its periods.
        var before = index - 1
        while before >= 0 {
          let previous = tokens[before]
          let previousSpelling = spelling(previous)
          if previousSpelling.isEmpty {
            before -= 1
          } else if previous.kind != .word && previous.kind != .number
            && previous.kind != .quoteMark && previousSpelling.elementsEqual([UInt8(ascii: ".")])
          {
            before -= 1
          } else {
            break
          }
        }
        if before >= 0 {
          let previous = tokens[before]
          if previous.kind == .word && titles.contains(asciiLowered(spelling(previous)))
            && isNameShape(token)
          {
            counts.titledNames += 1
          }
        }
      }
      if token.kind == .quoteMark {
        if first == UInt8(ascii: "\"") {
          let previous = token.utf8Start == 0 ? UInt8(ascii: " ") : text[bytes.startIndex - 1]
          inside = " \n\t\r([".utf8.contains(previous)
        } else if String(decoding: bytes, as: UTF8.self) == "\u{201C}" {
          inside = true
        } else if String(decoding: bytes, as: UTF8.self) == "\u{201D}" {
          inside = false
        }
      }
    }
    return counts
  }

  static func counts(_ style: DocumentStyle) -> Counts {
    Counts(
      words: style.words, numbers: style.numbers, pronouns: style.pronouns, names: style.names,
      register: style.signs.register, narrationPronouns: style.signs.narrationPronouns,
      titledNames: style.signs.titledNames)
  }

  /// Whether a word of at most 3 bytes is a pronoun the style counts (he, she, i, him, her,
  /// me, in any case), its bytes packed one by one: the reference for the fused pass's lookup
  /// (``DocumentStyle/shortSpellings``).
  static func isPronoun(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int) -> Bool {
    var packed: UInt32 = 0
    for offset in 0..<length {
      let byte = text[start + offset]
      packed = packed << 8 | UInt32(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
    }
    switch packed {
    case 0x6865, 0x73_6865, 0x69, 0x68_696D, 0x68_6572, 0x6D65: return true
    default: return false
    }
  }

  /// Whether a word is an abbreviated title of office (Sen., Rep., Gov.; the period in the
  /// token or the next one), capitalised or not, compared byte by byte: the reference for the
  /// fused pass's lookup (``DocumentStyle/shortSpellings``).
  static func isOfficeTitle(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int)
    -> Bool
  {
    guard length == 3 || (length == 4 && text[start + 3] == UInt8(ascii: ".")) else {
      return false
    }
    let second = text[start + 1] | 0x20
    let third = text[start + 2] | 0x20
    switch text[start] | 0x20 {
    case UInt8(ascii: "s"): return second == UInt8(ascii: "e") && third == UInt8(ascii: "n")
    case UInt8(ascii: "r"): return second == UInt8(ascii: "e") && third == UInt8(ascii: "p")
    case UInt8(ascii: "g"): return second == UInt8(ascii: "o") && third == UInt8(ascii: "v")
    default: return false
    }
  }

  /// The counts token by token, with the state each count carries to the next token (the
  /// style's and the signs' counts as they were before they were fused into one pass), from
  /// the same spelling tests as the fused pass.
  static func stepwise(_ document: Document) -> Counts {
    var counts = Counts()
    let capitals = Token.Shape.capitalized.rawValue | Token.Shape.allCaps.rawValue
    var previousOpensName = false
    var previousIsTitle = false
    var insideQuotation = false
    document.utf8.withUnsafeBufferPointer { text in
      for token in document.tokens {
        let start = Int(token.utf8Start)
        let length = Int(token.utf8End) - start
        let first = length > 0 ? text[start] : 0
        let separator = length == 1 && (first == UInt8(ascii: ",") || first == UInt8(ascii: ";"))
        let opensName = previousOpensName
        previousOpensName = separator
        switch token.kind {
        case .word:
          previousOpensName = separator || token.shape.contains(.lowercase)
          counts.words += 1
          if length <= 3 && isPronoun(text, start, length) { counts.pronouns += 1 }
          if opensName && token.shape.rawValue & capitals == Token.Shape.capitalized.rawValue {
            counts.names += 1
          }
        case .number:
          counts.numbers += 1
        default:
          break
        }
        // The signs skip empty tokens.
        guard length > 0 else { continue }
        let followsTitle = previousIsTitle
        previousIsTitle = false
        switch token.kind {
        case .word:
          if length <= 3 && !insideQuotation && isPronoun(text, start, length) {
            counts.narrationPronouns += 1
          }
          if length <= 4 && length >= 3 && isOfficeTitle(text, start, length) {
            previousIsTitle = true
          }
          if length >= 7 && NewsSigns.isNewsRegister(text, start, length) { counts.register += 1 }
          if followsTitle && token.shape.rawValue & capitals == Token.Shape.capitalized.rawValue {
            counts.titledNames += 1
          }
        case .number:
          break
        case .quoteMark:
          insideQuotation = NewsSigns.quotation(
            after: insideQuotation, mark: text, start, length)
        default:
          // The period of an abbreviated title ("Sen. Cruz") keeps it for the next word.
          previousIsTitle = followsTitle && length == 1 && first == UInt8(ascii: ".")
        }
      }
    }
    return counts
  }

  /// The fused pass, the token-by-token counts and the reference, on one document.
  static func compare(_ text: String, _ label: String) throws -> Counts {
    let document = try Document(text: text)
    let expected = reference(document)
    #expect(counts(DocumentStyle(counting: document)) == expected, "\(label)")
    #expect(stepwise(document) == expected, "\(label)")
    return expected
  }

  @Test func inventedTextsCountAsSpelledOut() throws {
    let texts = [
      personalPiece, quotingReport,
      "Sen. Cruz and GOV. Brown met rep Smith, Rep.. Jones and sen Warren; Gov. OBAMA did not.",
      "According to officials, 40 percent of Statements said \u{201C}I saw him\u{201D} and "
        + "\u{201C}she left me\u{201D}; ACCORDING to SPOKESMAN Lee, Spokeswoman Diaz said so.",
      "He said (\"I know her\") and she said \"me too,\" and HIM, Her, hE went; I, i, Me.",
      "\"I\" opened it.\nShe closed it: \"he\"\"she\" x\"me\" Reporters, Officials, Statement.",
      "Ünïcode Ärger, Émile said: „ich“ — «moi» and ‘she’ met Gov. Ödön, sen. Émile.",
      "", "Sen.", "\"", "I",
    ]
    var total = Counts()
    for (index, text) in texts.enumerated() {
      let counts = try Self.compare(text, "invented text \(index)")
      total.titledNames += counts.titledNames
      total.register += counts.register
      total.narrationPronouns += counts.narrationPronouns
      total.names += counts.names
      total.pronouns += counts.pronouns
    }
    // Every count is exercised, and inside quotation marks pronouns are left out.
    #expect(total.titledNames >= 5)
    #expect(total.register >= 6)
    #expect(total.names > 0)
    #expect(total.narrationPronouns > 0 && total.narrationPronouns < total.pronouns)
  }

  @Test func corpusDocumentsCountAsSpelledOut() throws {
    guard Fixtures.shared != nil else {
      print("skipped: ../shared is absent, so the corpus documents cannot be read")
      return
    }
    var total = Counts()
    for corpus in ["polnear-dev", "litbank-dev", "pdnc-dev"] {
      guard let texts = try Fixtures.corpusTexts(corpus) else { continue }
      for (index, text) in texts.prefix(25).enumerated() {
        let counts = try Self.compare(text, "\(corpus) #\(index)")
        total.titledNames += counts.titledNames
        total.register += counts.register
        total.narrationPronouns += counts.narrationPronouns
      }
    }
    #expect(total.titledNames > 0 && total.register > 0 && total.narrationPronouns > 0)
  }
}
