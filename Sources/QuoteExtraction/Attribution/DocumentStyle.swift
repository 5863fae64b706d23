/// The counts that tell fiction from news (see ``isFiction``), added up token by token.
///
/// Counted in a pass of its own (``init(counting:)``), before the rule context: the genre
/// decides which rules run, and so which tokens the context reads (see ``RuleContext``). The
/// signs that can still make such a document news (``NewsSigns``) are counted in the same
/// pass, read only for the documents these counts read as stories.
struct DocumentStyle {
  private(set) var words = 0
  private(set) var numbers = 0
  private(set) var pronouns = 0
  private(set) var names = 0
  /// The previous token's part in a name count: a lower-case word, a comma or a semicolon.
  private var previousOpensName = false
  /// The signs of news writing, when counted with the style (``init(counting:)``).
  private var signs: NewsSigns?

  /// No token counted yet.
  init() {}

  /// Counts every token of a document.
  /// - Complexity: O(n) in the number of tokens.
  /// NB: the signs of news writing (``NewsSigns``) in the same pass, for every document: a
  /// pass of their own over the stories cost more than counting them over the news.
  init(counting document: Document) {
    var signs = NewsSigns()
    document.utf8.withUnsafeBufferPointer { text in
      document.tokens.withUnsafeBufferPointer { tokens in
        for token in tokens {
          let start = Int(token.utf8Start)
          add(token, firstByte: start < Int(token.utf8End) ? text[start] : 0, text: text)
          signs.add(token, text: text)
        }
      }
    }
    self.signs = signs
  }

  /// Counts the next token, given its first byte.
  @inline(__always)
  mutating func add(_ token: Token, firstByte: UInt8, text: UnsafeBufferPointer<UInt8>) {
    let opensName = previousOpensName
    let length = token.utf8End - token.utf8Start
    let shape = token.shape.rawValue
    // NB: one switch on the kind for every count; the pronouns are compared only for words of
    // at most 3 bytes, the length of every one of them.
    switch token.kind {
    case .word:
      previousOpensName =
        shape & Token.Shape.lowercase.rawValue != 0
        || (length == 1 && (firstByte == UInt8(ascii: ",") || firstByte == UInt8(ascii: ";")))
      words += 1
      // he, she, i, him, her, me: the first byte before the spelling.
      let lower = firstByte | 0x20
      if length <= 3
        && (lower == UInt8(ascii: "h") || lower == UInt8(ascii: "s")
          || lower == UInt8(ascii: "i") || lower == UInt8(ascii: "m"))
        && Self.isPronoun(text, Int(token.utf8Start), Int(length))
      {
        pronouns += 1
      }
      // Capitalized and not all capitals.
      let capitals = Token.Shape.capitalized.rawValue | Token.Shape.allCaps.rawValue
      if opensName && shape & capitals == Token.Shape.capitalized.rawValue { names += 1 }
    case .number:
      previousOpensName =
        length == 1 && (firstByte == UInt8(ascii: ",") || firstByte == UInt8(ascii: ";"))
      numbers += 1
    default:
      previousOpensName =
        length == 1 && (firstByte == UInt8(ascii: ",") || firstByte == UInt8(ascii: ";"))
    }
  }

  /// Whether a word of at most 3 bytes is a personal pronoun the style counts (he, she, i,
  /// him, her, me), in any case.
  /// NB: packed from the highest byte, from the bytes one by one (no load past the text).
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

  /// Whether the counts read the document as a story: at least 150 words, and numbers per
  /// thousand words, plus twice the share of capitalised words after a lower-case word or a
  /// comma (in percent), minus twice the share of pronouns (in percent), under 6. News is
  /// dense with numbers (dates, ages, counts) and with capitalised names inside sentences,
  /// fiction with personal pronouns (he, she, I, him, her, me).
  var readsAsStory: Bool {
    // numbers/words × 1000 + 2 × names/words × 100 − 2 × pronouns/words × 100 < 6
    words >= 150 && numbers * 1000 + 200 * names - 200 * pronouns < 6 * words
  }

  /// Whether the document reads as fiction: the counts read it as a story
  /// (``readsAsStory``) and none of the signs of news writing that its own pass counts then
  /// (``NewsSigns``) says otherwise.
  func isFiction(_ document: Document) -> Bool {
    guard readsAsStory else { return false }
    let signs = self.signs ?? NewsSigns(document)
    // The narration's voice alone: a column or a report quoting people at length takes their
    // "I" and "me" into the count above, a story's narration keeps its own pronouns
    // (LitBank's and PDNC's dev stories stay under 7.3; the articles this reads as news reach
    // 10 to 17).
    let narrationStyle = numbers * 1000 + 200 * names - 200 * signs.narrationPronouns
    return signs.register * 500 < words && narrationStyle < 10 * words
      // Politicians named by office ("Sen. Cruz", "Gov. Brown"), two at least and two in a
      // thousand words (LitBank's and PDNC's dev stories: none).
      && (signs.titledNames < 2 || signs.titledNames * 500 < words)
  }
}
