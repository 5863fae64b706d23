/// The signs of news writing that can make a document news although its pronouns read it as a
/// story (``DocumentStyle/readsAsStory``): the words that source news reports, the pronouns of
/// the narration alone (outside quotation marks) and politicians named by an abbreviated
/// title.
///
/// NB: counted in the style's pass (``DocumentStyle/init(counting:)``): a pass of their own
/// over the stories (most of the text) cost more than these counts over the news.
struct NewsSigns {
  /// Words of news reporting's register (see ``isNewsRegister(_:_:_:)``).
  let register: Int
  /// The pronouns outside quotation marks: the narration's own, not the quoted speakers'.
  let narrationPronouns: Int
  /// Capitalised words after an office's abbreviated title ("Sen. Warren", "Gov. Brown"; see
  /// ``DocumentStyle/shortSpellings``).
  let titledNames: Int

  /// The signs counted elsewhere (``DocumentStyle/init(counting:)``).
  init(register: Int, narrationPronouns: Int, titledNames: Int) {
    self.register = register
    self.narrationPronouns = narrationPronouns
    self.titledNames = titledNames
  }

  /// Whether the text is inside double quotation marks after a quotation mark token of
  /// `length` bytes (at least 1) at `start`, given whether it was before.
  @inline(__always)
  static func quotation(
    after inside: Bool, mark text: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int
  ) -> Bool {
    let first = text[start]
    if first == UInt8(ascii: "\"") {
      // NB: a straight mark opens after a space, a bracket or at the start of the text
      // and closes elsewhere; toggling would turn inside out at a quotation running
      // over paragraphs, whose paragraphs open without closing.
      let before = start == 0 ? UInt8(ascii: " ") : text[start - 1]
      return before == UInt8(ascii: " ") || before == UInt8(ascii: "\n")
        || before == UInt8(ascii: "\t") || before == UInt8(ascii: "\r")
        || before == UInt8(ascii: "(") || before == UInt8(ascii: "[")
    }
    if first == 0xE2, length == 3, text[start + 1] == 0x80 {
      // “ (E2 80 9C) opens, ” (E2 80 9D) closes; single marks are also apostrophes.
      switch text[start + 2] {
      case 0x9C: return true
      case 0x9D: return false
      default: break
      }
    }
    return inside
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
}
