/// The counts that tell fiction from news (see ``isFiction``), added up token by token.
///
/// Counted in the rule context's pass over the tokens (``RuleContext``), which reads each
/// token's first byte and packed spelling anyway: no pass of its own over every token.
struct DocumentStyle {
  private(set) var words = 0
  private(set) var numbers = 0
  private(set) var pronouns = 0
  private(set) var names = 0
  /// Words of news reporting's register (see ``isNewsRegister(_:_:_:)``).
  private(set) var register = 0
  /// The previous token's part in a name count: a lower-case word, a comma or a semicolon.
  private var previousOpensName = false

  /// Counts the next token, given its first byte and its spelling packed as
  /// ``LexiconTable/packed(_:)`` packs it (0 when it cannot be).
  @inline(__always)
  mutating func add(
    _ token: Token, firstByte: UInt8, packedWord: UInt64, text: UnsafeBufferPointer<UInt8>
  ) {
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
      if length <= 3 {
        // he, she, i, him, her, me (packed from the lowest byte).
        switch packedWord {
        case 0x6568, 0x65_6873, 0x69, 0x6D_6968, 0x72_6568, 0x656D: pronouns += 1
        case 0:
          // NB: not packed (a byte past ASCII, or a zero byte): the spelling packed from the
          // highest byte, as this count always read it.
          let start = Int(token.utf8Start)
          var packed: UInt32 = 0
          for offset in 0..<Int(length) {
            let byte = text[start + offset]
            packed = packed << 8 | UInt32(byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte)
          }
          switch packed {
          case 0x6865, 0x73_6865, 0x69, 0x68_696D, 0x68_6572, 0x6D65: pronouns += 1
          default: break
          }
        default: break
        }
      }
      if length >= 7, Self.isNewsRegister(text, Int(token.utf8Start), Int(length)) {
        register += 1
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

  /// The words with which news reporting sources and measures what it reports (according,
  /// statement(s), reporters, officials, spokesman, spokeswoman, spokesperson, percent),
  /// spelled in lower case or capitalised: rare in narration, where the other signs of style
  /// can read an opinion piece or a transcript full of pronouns as a story.
  /// NB: read only for words of 7 bytes or more; the first byte and the length pick the one
  /// spelling to compare.
  @inline(__always)
  static func isNewsRegister(_ text: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int)
    -> Bool
  {
    let expected: StaticString
    switch (text[start] | 0x20, length) {
    case (UInt8(ascii: "a"), 9): expected = "according"
    case (UInt8(ascii: "p"), 7): expected = "percent"
    case (UInt8(ascii: "s"), 9):
      expected = text[start + 1] == UInt8(ascii: "p") ? "spokesman" : "statement"
    case (UInt8(ascii: "s"), 10): expected = "statements"
    case (UInt8(ascii: "r"), 9): expected = "reporters"
    case (UInt8(ascii: "o"), 9): expected = "officials"
    case (UInt8(ascii: "s"), 11): expected = "spokeswoman"
    case (UInt8(ascii: "s"), 12): expected = "spokesperson"
    default: return false
    }
    return expected.withUTF8Buffer { word in
      for offset in 1..<length where text[start + offset] != word[offset] { return false }
      return true
    }
  }

  /// Whether the document reads as fiction, from four signs of style over at least 150
  /// words: news is dense with numbers (dates, ages, counts), with capitalised names inside
  /// sentences and with the words that source its reports (``isNewsRegister(_:_:_:)``),
  /// fiction with personal pronouns (he, she, I, him, her, me). The document is fiction when
  /// numbers per thousand words, plus twice the share of capitalised words after a lower-case
  /// word or a comma (in percent), minus twice the share of pronouns (in percent), stays
  /// under 6, and the words of news reporting's register are fewer than two in a thousand.
  var isFiction: Bool {
    guard words >= 150 else { return false }
    // numbers/words × 1000 + 2 × names/words × 100 − 2 × pronouns/words × 100 < 6
    return numbers * 1000 + 200 * names - 200 * pronouns < 6 * words
      && register * 500 < words
  }
}
