import Foundation
import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// The tokenizer's hand-written path must give exactly ICU's tokens (ranges, kinds, shapes).
struct TokenizerDifferentialTests {
  /// Compares both paths on one text; returns a description of the first difference.
  static func firstDifference(_ text: [UInt8]) throws -> String? {
    try text.withUnsafeBufferPointer { buffer -> String? in
      let fast = try Tokenizer.tokens(of: buffer)
      let icu = try Tokenizer.icuTokens(of: buffer)
      guard fast != icu else { return nil }
      let index =
        (0..<min(fast.count, icu.count)).first { fast[$0] != icu[$0] } ?? min(fast.count, icu.count)
      func show(_ tokens: [Token]) -> String {
        guard index < tokens.count else { return "(none)" }
        let token = tokens[index]
        let slice = String(decoding: text[token.utf8Range], as: UTF8.self)
        return "\(token.utf8Range) \(slice.debugDescription) \(token.kind) \(token.shape.rawValue)"
      }
      let from = max(0, (index < icu.count ? Int(icu[index].utf8Start) : text.count) - 30)
      let context = String(decoding: text[from..<min(text.count, from + 60)], as: UTF8.self)
      return "token \(index): fast \(show(fast)), ICU \(show(icu)) in \(context.debugDescription)"
    }
  }

  @Test(arguments: ["polnear-dev", "litbank-dev", "pdnc-dev", "bench-sample"])
  func fastPathMatchesICUOnEveryCorpusText(corpus: String) throws {
    guard let texts = try Fixtures.corpusTexts(corpus) else { return }
    var checked = 0
    for text in texts {
      if let difference = try Self.firstDifference(Array(text.utf8)) {
        Issue.record("\(corpus) document \(checked): \(difference)")
        return
      }
      checked += 1
    }
    #expect(checked > 0)
  }

  /// Characters the fast path treats specially, their neighbours, and some it leaves to ICU.
  static let alphabet: [String] =
    [
      "a", "Z", "é", "7", "0", "_", ".", "'", ",", ";", ":", "-", "\"", "?", "!", "(", ")", "$",
      "%", "&", "/", "@", "#", "\u{2018}", "\u{2019}", "\u{201C}", "\u{201D}", "\u{2014}",
      "\u{2013}", "\u{2026}", "\u{2024}", " ", "  ", "\n", "\r\n", "\t", "\u{0B}", "\u{0C}",
      "\u{00A0}", "\u{0301}", "\u{200D}", "\u{00AD}", "\u{2003}", "\u{3000}", "\u{05D0}",
      "\u{05F4}",
      "日", "カ", "😀", "\u{1F1FA}", "\u{01}", "\u{7F}", "\u{2028}", "\u{85}", "ß", "Ω",
    ] + (0x21...0x7E).map { String(UnicodeScalar(UInt8($0))) }

  @Test(arguments: 0..<8)
  func fastPathMatchesICUOnGeneratedText(seed: UInt64) throws {
    var generator = SplitMix(seed: seed)
    for _ in 0..<3000 {
      let length = Int(generator.next() % 14) + 1
      var text = ""
      for _ in 0..<length {
        // Mostly the characters of plain text, so that long words and numbers form.
        let pick = generator.next() % 100
        let index =
          pick < 60
          ? Int(generator.next() % 12) : Int(generator.next() % UInt64(Self.alphabet.count))
        text += Self.alphabet[index]
      }
      if let difference = try Self.firstDifference(Array(text.utf8)) {
        Issue.record("\(text.debugDescription): \(difference)")
        return
      }
    }
  }

  /// Every ASCII byte after a lower-case and a capitalised word (alone, and before a letter, a
  /// `.` or `'` and a space), and as a token's first byte: the fast path's byte sets.
  @Test func fastPathMatchesICUAfterWordsForEveryASCIIByte() throws {
    for byte in UInt8(0)..<0x80 {
      for word in ["word", "Word", "I", "a"] {
        for after in ["", "b", "B", ".", "'", " ", "1", "\u{2019}s"] {
          let text = Array(word.utf8) + [byte] + Array(after.utf8)
          if let difference = try Self.firstDifference(text) {
            Issue.record("\(text): \(difference)")
            return
          }
        }
      }
      for text in [[byte], [byte, 0x61], [0x20, byte, 0x20], [0x2E, byte, 0x41]] {
        if let difference = try Self.firstDifference(text) {
          Issue.record("\(text): \(difference)")
          return
        }
      }
    }
  }

  /// A chunk taken back for ICU after quotation marks, in it and before it (on the same line,
  /// after a gap, at the start): the marks' list still holds exactly the `.quoteMark` tokens.
  @Test(arguments: [
    "\"Yes,\" he said \"ca\u{0301}fe\" and \"more\"", "a \"b\" \"c\u{0301}\"",
    "\"x\u{0301}\" \"y\"", "'a' 'b'\u{0301} \"c\"", "\"one\"\n\n  \"\u{65E5}\" 'two'",
  ])
  func quoteMarksMatchTokensAfterRollback(text: String) throws {
    #expect(try Self.firstDifference(Array(text.utf8)) == nil)
    try Array(text.utf8).withUnsafeBufferPointer { buffer in
      let (tokens, marks) = try Tokenizer.tokensAndQuoteMarks(of: buffer)
      let expected = tokens.indices.filter { tokens[$0].kind == .quoteMark }
      #expect(marks.map { Int($0.token) } == expected)
    }
  }

  /// A text of more tokens than the first room the builder has (one every four bytes, and 16):
  /// it is built again with room enough, and keeps every token and every quotation mark.
  @Test(arguments: [1, 3, 4, 300])
  func textWithATokenEveryByteKeepsEveryToken(repeats: Int) throws {
    let text = String(repeating: "\",.;!?", count: repeats) + " word"
    #expect(try Self.firstDifference(Array(text.utf8)) == nil)
    try Array(text.utf8).withUnsafeBufferPointer { buffer in
      let (tokens, marks) = try Tokenizer.tokensAndQuoteMarks(of: buffer)
      #expect(tokens.count == 6 * repeats + 1)
      #expect(tokens.dropLast().map(\.utf8Range) == (0..<6 * repeats).map { $0..<$0 + 1 })
      #expect(tokens.last?.utf8Range == 6 * repeats + 1..<6 * repeats + 5)
      #expect(marks.map { Int($0.token) } == (0..<repeats).map { 6 * $0 })
    }
  }

  @Test(arguments: [
    "U.S. officials", "3.5 percent", "1,000,000 people", "don't", "don’t", "a:b", "snake_case",
    "_1 1_ __ a12_ 1__ __1", "well-known", "e.g. i.e.", "$3.50", "1.a a.1", "rock ’n’ roll",
    "“Yes,” he said.", " \u{0301}x", "x \u{0301}", "\u{0301}x", "a\r\n\u{0301}b",
    "café au lait", "naïve—really…", "", " ", "\n\n", "end.", "prefer.\n\n\u{FEFF}Also on",
    "\u{FEFF}Bill", "x \u{FEFF}Bill",
    // A chunk the fast path does not know after known ones on the same line, after a line
    // break, and at the very start: its tokens (and the gap before it) are taken back for ICU.
    "plain words, then ca\u{0301}fe\u{0301}. More \"plain\" text", "one two\n\n  日本 three",
    "Ωmega first, then plain", "x y.z ß",
  ])
  func fastPathMatchesICUOnEdgeCases(text: String) throws {
    #expect(try Self.firstDifference(Array(text.utf8)) == nil)
  }
}

/// A small seeded generator (SplitMix64), so generated cases are the same on every run.
struct SplitMix {
  var state: UInt64
  init(seed: UInt64) { state = seed &+ 0x9E37_79B9_7F4A_7C15 }
  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
