/// The characters that can open or close a quotation.
enum QuoteMarks {
  /// Whether a scalar is a quotation mark of any typography.
  static func isQuoteMark(_ scalar: Unicode.Scalar) -> Bool {
    switch scalar.value {
    case 0x22, 0x27, 0x60: return true  // " ' `
    case 0x2018...0x201F: return true  // ‘ ’ ‚ ‛ “ ” „ ‟
    case 0x00AB, 0x00BB, 0x2039, 0x203A: return true  // « » ‹ ›
    case 0x300C...0x300F: return true  // 「 」 『 』
    case 0xFF02, 0xFF07: return true  // fullwidth " '
    case 0x301D...0x301F: return true  // 〝 〞 〟
    default: return false
    }
  }
}
