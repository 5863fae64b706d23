/// The characters that can open or close a quotation, and how they pair (from
/// `Resources/quote-marks.txt`).
///
/// A class, immutable: the scanner copies it per document, and a struct of arrays would retain
/// each array's buffer, shared by every worker thread, at each copy.
final class QuoteMarks: Sendable {
  /// A quotation mark as the pairing table knows it: an index into ``glyphs``.
  typealias Glyph = UInt8

  /// The marks' spellings, one or two scalars each.
  let glyphs: [String]
  /// For each glyph, its family (an index into the table's family names).
  let family: [UInt8]
  /// For each glyph, whether it appears as an opening mark.
  let canOpen: [Bool]
  /// For each glyph, whether it appears as a closing mark.
  let canClose: [Bool]
  /// For each opening glyph, the closing glyphs that pair with it.
  let closers: [[Glyph]]
  /// Whether glyph `close` pairs with glyph `open`, at `open * glyphs.count + close`.
  ///
  /// NB: the scanner asks for every closing mark; a search of `closers` read a nested array.
  private let pairTable: [Bool]
  /// The glyph of each one-scalar mark.
  let glyphOfScalar: [UInt32: Glyph]
  /// The glyph of each scalar below U+0100 (ASCII and Latin-1: " ' ` « »), or ``noGlyph``:
  /// the common marks without hashing.
  let latinGlyph: [Glyph]
  /// The glyph of each scalar of U+2000...U+203F (‘ ’ ‚ “ ” „ ‹ ›), or ``noGlyph``.
  let punctuationGlyph: [Glyph]
  /// What ``latinGlyph`` and ``punctuationGlyph`` hold for a character that is not a mark.
  static let noGlyph: Glyph = .max
  /// For each family, whether its marks are often set off by spaces inside (« Bonjour »).
  let spacedFamily: [Bool]
  /// The family of single quotation marks (whose marks double as apostrophes).
  let singleFamily: UInt8
  /// The two-character glyphs `` and '', when the table has them.
  let doubleBacktick: Glyph?
  let doubleApostrophe: Glyph?
  /// Words that follow an elision apostrophe (’Tis, ’em), lower-cased, without the apostrophe.
  let elisions: WordList

  /// The table shipped with the package.
  static let shared = QuoteMarks(
    table: String(decoding: PackageResources.quote_marks_txt, as: UTF8.self),
    elisions: WordList(resource: PackageResources.quote_elisions_txt))

  /// Parses a table of lines `OPEN CLOSE FAMILY` (`#` starts a comment).
  ///
  /// NB: the table ships with the package, so a malformed line is skipped rather than thrown:
  /// a test checks that every line of the shipped table parses.
  init(table: String, elisions: WordList) {
    var glyphs: [String] = []
    var index: [String: Glyph] = [:]
    var family: [UInt8] = []
    var families: [String] = []
    var canOpen: [Bool] = []
    var canClose: [Bool] = []
    var closers: [[Glyph]] = []
    func glyph(_ text: String, _ familyIndex: UInt8) -> Glyph {
      if let existing = index[text] { return existing }
      let new = Glyph(glyphs.count)
      glyphs.append(text)
      index[text] = new
      family.append(familyIndex)
      canOpen.append(false)
      canClose.append(false)
      closers.append([])
      return new
    }
    for line in table.split(whereSeparator: \.isNewline) {
      let content = line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false)[0]
      let fields = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
      guard fields.count == 3, glyphs.count < 250 else { continue }
      let familyName = String(fields[2])
      let familyIndex: UInt8
      if let found = families.firstIndex(of: familyName) {
        familyIndex = UInt8(found)
      } else {
        familyIndex = UInt8(families.count)
        families.append(familyName)
      }
      let open = glyph(String(fields[0]), familyIndex)
      let close = glyph(String(fields[1]), familyIndex)
      canOpen[Int(open)] = true
      canClose[Int(close)] = true
      if !closers[Int(open)].contains(close) { closers[Int(open)].append(close) }
    }
    var byScalar: [UInt32: Glyph] = [:]
    for (position, text) in glyphs.enumerated() where text.unicodeScalars.count == 1 {
      if let scalar = text.unicodeScalars.first { byScalar[scalar.value] = Glyph(position) }
    }
    self.glyphs = glyphs
    self.family = family
    self.canOpen = canOpen
    self.canClose = canClose
    self.closers = closers
    var pairTable = [Bool](repeating: false, count: glyphs.count * glyphs.count)
    for (open, closing) in closers.enumerated() {
      for close in closing { pairTable[open * glyphs.count + Int(close)] = true }
    }
    self.pairTable = pairTable
    self.glyphOfScalar = byScalar
    var latin = [Glyph](repeating: Self.noGlyph, count: 0x100)
    var punctuation = [Glyph](repeating: Self.noGlyph, count: 0x40)
    for (scalar, glyph) in byScalar {
      if scalar < 0x100 { latin[Int(scalar)] = glyph }
      if scalar >= 0x2000 && scalar < 0x2040 { punctuation[Int(scalar - 0x2000)] = glyph }
    }
    self.latinGlyph = latin
    self.punctuationGlyph = punctuation
    self.spacedFamily = families.map { $0.hasSuffix("angle") }
    self.singleFamily = index["'"].map { family[Int($0)] } ?? UInt8.max
    self.doubleBacktick = index["``"]
    self.doubleApostrophe = index["''"]
    self.elisions = elisions
  }

  /// Whether `close` closes a quotation opened with `open` according to the table.
  func pairs(_ open: Glyph, _ close: Glyph) -> Bool {
    pairTable[Int(open) * closers.count + Int(close)]
  }

  /// Whether a glyph belongs to the single-quotation family (and may be an apostrophe).
  func isSingle(_ glyph: Glyph) -> Bool { family[Int(glyph)] == singleFamily }

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

  /// The glyph of a one-scalar mark, or nil when the scalar is not a quotation mark.
  @inline(__always)
  func glyph(ofScalar scalar: UInt32) -> Glyph? {
    let glyph: Glyph
    if scalar < 0x100 {
      glyph = latinGlyph[Int(scalar)]
    } else if scalar &- 0x2000 < 0x40 {
      glyph = punctuationGlyph[Int(scalar &- 0x2000)]
    } else {
      // NB: hashing costs more than the rest of a mark's work; only rare marks (「 」) get here.
      return glyphOfScalar[scalar]
    }
    return glyph == Self.noGlyph ? nil : glyph
  }
}
