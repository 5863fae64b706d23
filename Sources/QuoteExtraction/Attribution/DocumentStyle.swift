/// The counts that tell fiction from news (see ``isFiction``), added up token by token.
///
/// Counted in a pass of its own (``init(counting:)``), before the rule context: the genre
/// decides which rules run, and so which tokens the context reads (see ``RuleContext``). The
/// signs that can still make such a document news (``NewsSigns``) are counted in the same
/// pass, read only for the documents these counts read as stories.
struct DocumentStyle {
  let words: Int
  let numbers: Int
  let pronouns: Int
  let names: Int
  /// The signs of news writing, counted with the style.
  let signs: NewsSigns

  /// Counts every token of a document, and the signs of news writing (``NewsSigns``) with
  /// them.
  /// - Complexity: O(n) in the number of tokens.
  /// NB: the signs in the same pass, for every document: a pass of their own over the
  /// stories cost more than counting them over the news. The two counts share one loop: the
  /// token's fields and first byte are read once, and most words cost a table load and a
  /// branch (``wordCandidates``).
  /// NB: the branches on the kind (word or not) and on the case (capitalised or not) are
  /// mispredicted often (bench-sample: 177K and 89K of the pass's 547K). A pass without them
  /// (what each token adds read from one table by its kind, case and first byte, the counts
  /// in 16-bit lanes of one register, a title's hold told by reading on from the title) had
  /// 341K mispredicted branches, but 49.2M instructions (this one then: 33.0M, 547K), and
  /// took the same time (perf over a 20 MB corpus, seven runs of each, interleaved: 3.91 % of
  /// the tool's time, 3.96 % for this one, each from 3.5 % to 4.3 %). With a register for
  /// each count, it spilled them and cost 66.7M; with the rare tokens' work out of line, it
  /// cost 44.6M and 346K, and the same time again.
  init(counting document: Document) {
    // NB: the tokens that are no words are counted, and the words are the rest: four tokens in
    // five are words, and their count cost a register move and an addition each.
    var others = 0
    var numbers = 0
    var pronouns = 0
    var names = 0
    var register = 0
    var narrationPronouns = 0
    var titledNames = 0
    var opensName = false
    var followsTitle = false
    var insideQuotation = false
    let capitals = Token.Shape.capitalized.rawValue | Token.Shape.allCaps.rawValue
    let capitalized = Token.Shape.capitalized.rawValue
    let lowercase = Token.Shape.lowercase.rawValue
    Self.wordCandidates.withUnsafeBufferPointer { candidates in
      Self.shortSpellings.withLookup { spellings in
        document.utf8.withUnsafeBufferPointer { text in
          document.tokens.withUnsafeBufferPointer { tokens in
            for token in tokens {
              let start = Int(token.utf8Start)
              let length = Int(token.utf8End) - start
              guard length > 0 else {
                // NB: an empty token counts for the style alone (first byte 0), as the signs
                // skip it; none is expected.
                let shape = token.shape.rawValue
                if token.kind == .word {
                  if opensName && shape & capitals == capitalized { names += 1 }
                  opensName = shape & lowercase != 0
                } else {
                  others += 1
                  if token.kind == .number { numbers += 1 }
                  opensName = false
                }
                continue
              }
              let first = text[start]
              let entry = candidates[Int(first)]
              // NB: words first (four tokens in five), counted with wrapping additions: no
              // count can reach Int.max, and the overflow checks cost a branch each.
              if token.kind == .word {
                let shape = token.shape.rawValue
                if shape & capitals == capitalized {
                  if opensName { names &+= 1 }
                  if followsTitle { titledNames &+= 1 }
                }
                opensName =
                  shape & lowercase != 0 || (length == 1 && entry & Self.separatorBit != 0)
                followsTitle = false
                // NB: the lengths of the spellings that start with this byte: most words are
                // none of them and skip every comparison.
                guard length < 16, entry & (1 << UInt16(length)) != 0 else { continue }
                // NB: a pronoun or an office title is told by one lookup of the word's bytes
                // lower-cased (``shortSpellings``), its counts added without a branch: the
                // comparisons that told them, by length and byte, mispredicted 117K times over the
                // bench sample (of the pass's 547K). A longer word is neither.
                let key = ShortWords.key(text, start, length)
                let classes = Int(
                  spellings.classes(ByteScan.lowercased(key & 0xFFFF_FFFF) | key & ~0xFFFF_FFFF))
                let pronoun = classes & Self.pronounClass
                pronouns &+= pronoun
                narrationPronouns &+= pronoun & Self.bit(!insideQuotation)
                followsTitle = classes & Self.titleClass != 0
                if length >= 7, NewsSigns.isNewsRegister(text, start, length) {
                  register &+= 1
                }
                continue
              }
              others &+= 1
              opensName = length == 1 && entry & Self.separatorBit != 0
              switch token.kind {
              case .number:
                numbers &+= 1
                followsTitle = false
              case .quoteMark:
                followsTitle = false
                insideQuotation = NewsSigns.quotation(
                  after: insideQuotation, mark: text, start, length)
              default:
                // The period of an abbreviated title ("Sen. Cruz") keeps it for the next word.
                followsTitle = followsTitle && length == 1 && first == UInt8(ascii: ".")
              }
            }
          }
        }
      }
    }
    self.words = document.tokens.count - others
    self.numbers = numbers
    self.pronouns = pronouns
    self.names = names
    self.signs = NewsSigns(
      register: register, narrationPronouns: narrationPronouns, titledNames: titledNames)
  }

  /// The bit of ``wordCandidates`` for a comma or a semicolon, after which a capitalised word
  /// counts as a name.
  private static let separatorBit: UInt16 = 1 << 15

  /// For each first byte, bit n set when a word of n bytes starting with it can be one of the
  /// spellings the counts compare (a pronoun, an office title, a word of news' register; see
  /// ``shortSpellings``, ``NewsSigns/isNewsRegister(_:_:_:)``), and ``separatorBit`` for a
  /// comma or a semicolon.
  /// NB: built from the spellings themselves, in both cases of their first letter.
  static let wordCandidates: [UInt16] = {
    var table = [UInt16](repeating: 0, count: 256)
    let spellings =
      pronounSpellings + titleSpellings + [
        "according", "percent", "spokesman", "statement", "statements", "reporters",
        "officials", "spokeswoman", "spokesperson",
      ]
    for spelling in spellings {
      let bytes = Array(spelling.utf8)
      guard let first = bytes.first else { continue }
      for byte in [first, first & ~0x20] { table[Int(byte)] |= 1 << UInt16(bytes.count) }
    }
    table[Int(UInt8(ascii: ","))] |= separatorBit
    table[Int(UInt8(ascii: ";"))] |= separatorBit
    return table
  }()

  /// The personal pronouns the style counts (he, she, i, him, her, me: ``pronounClass``) and
  /// the abbreviated titles of office that news puts before a politician's name (sen, rep,
  /// gov, with their period or without it: ``titleClass``), lower case: the style's pass looks
  /// a word up with its ASCII letters lower-cased.
  /// NB: the titles spelled out are left out: a novel names a character by office all along
  /// ("Governor Bellingham" in The Scarlet Letter reaches 2.2 in a thousand words), news
  /// writing abbreviates them before a name.
  static let shortSpellings = ShortWords(
    pronounSpellings.map { ($0, UInt8(pronounClass)) }
      + titleSpellings.map { ($0, UInt8(titleClass)) })
  private static let pronounSpellings = ["he", "she", "i", "him", "her", "me"]
  private static let titleSpellings = ["sen", "rep", "gov", "sen.", "rep.", "gov."]
  static let pronounClass = 1
  static let titleClass = 2

  /// 1 for true, 0 for false, to add a test to a count without a branch.
  @inline(__always)
  private static func bit(_ value: Bool) -> Int { Int(unsafeBitCast(value, to: UInt8.self)) }

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
