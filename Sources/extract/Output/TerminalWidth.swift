/// How many terminal columns text takes: East Asian wide and fullwidth characters (Chinese,
/// Japanese, Korean, fullwidth forms, most emoji) take two, a character's combining marks and
/// joiners none, everything else one.
///
/// NB: the ranges are the Unicode East Asian Width property's W and F blocks, coarsened to whole
/// blocks; a terminal may still differ on a few symbols (ambiguous width), never on CJK text.
enum TerminalWidth {
  /// The columns of one character: two when its first scalar is wide, else one.
  static func columns(of character: Character) -> Int {
    guard let scalar = character.unicodeScalars.first else { return 0 }
    return isWide(scalar.value) ? 2 : 1
  }

  /// The columns of a whole string.
  static func columns(of text: some StringProtocol) -> Int {
    text.reduce(0) { $0 + columns(of: $1) }
  }

  /// Whether a scalar takes two columns.
  static func isWide(_ value: UInt32) -> Bool {
    switch value {
    case 0x1100...0x115F,  // Hangul Jamo initial consonants
      0x2E80...0x303E,  // CJK radicals, Kangxi, ideographic description, CJK symbols
      0x3041...0x33FF,  // Hiragana, Katakana, Bopomofo, Hangul compatibility, CJK compatibility
      0x3400...0x4DBF,  // CJK extension A
      0x4E00...0x9FFF,  // CJK unified ideographs
      0xA000...0xA4CF,  // Yi
      0xA960...0xA97F,  // Hangul Jamo extended A
      0xAC00...0xD7A3,  // Hangul syllables
      0xF900...0xFAFF,  // CJK compatibility ideographs
      0xFE10...0xFE19,  // vertical forms
      0xFE30...0xFE6F,  // CJK compatibility forms, small form variants
      0xFF00...0xFF60,  // fullwidth forms
      0xFFE0...0xFFE6,  // fullwidth signs
      0x1F300...0x1F64F,  // pictographs, emoticons
      0x1F900...0x1F9FF,  // supplemental symbols and pictographs
      0x20000...0x3FFFD:  // CJK extensions B and later
      return true
    default:
      return false
    }
  }
}
