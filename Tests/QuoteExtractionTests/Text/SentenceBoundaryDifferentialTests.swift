import Foundation
import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// The texts both differential tests compare on: every corpus text, and texts made of random
/// pieces.
enum DifferentialTexts {
  /// Expects `same` of every text of `corpus` (skipped when the corpora are absent).
  static func expectOnCorpus(_ corpus: String, _ same: ([UInt8]) throws -> Bool) throws {
    guard let texts = try Fixtures.corpusTexts(corpus) else { return }
    var checked = 0
    for text in texts {
      #expect(try same(Array(text.utf8)), "\(corpus) document \(checked)")
      checked += 1
    }
    #expect(checked > 0)
  }

  /// Expects `same` of 3,000 texts of 1 to `maxPieces` pieces drawn with `seed`.
  static func expectOnGenerated(
    _ pieces: [String], seed: UInt64, maxPieces: UInt64, _ same: ([UInt8]) throws -> Bool
  ) throws {
    var generator = SplitMix(seed: seed)
    for _ in 0..<3000 {
      var text = ""
      for _ in 0..<(Int(generator.next() % maxPieces) + 1) {
        text += pieces[Int(generator.next() % UInt64(pieces.count))]
      }
      #expect(try same(Array(text.utf8)), "\(text.debugDescription)")
    }
  }
}

/// ICU's sentence boundaries over the UTF-16 copy (the fast way) must be those over UTF-8.
struct SentenceBoundaryDifferentialTests {
  static func same(_ text: [UInt8]) throws -> Bool {
    try text.withUnsafeBufferPointer { buffer in
      try SentenceSegmenter.icuCandidates(of: buffer)
        == SentenceSegmenter.icuBoundariesOverUTF8(of: buffer)
    }
  }

  @Test(arguments: ["polnear-dev", "litbank-dev", "pdnc-dev", "bench-sample"])
  func utf16PassMatchesUTF8PassOnEveryCorpusText(corpus: String) throws {
    try DifferentialTexts.expectOnCorpus(corpus, Self.same)
  }

  @Test(arguments: [
    "", "a", "Hi. There", "Dr. Smith\nsaid so.\r\nThen \u{1F600} left! “Why?” he asked.",
    "U.S. 3.5. e.g. this", "\u{2029}Para\u{2028}line\u{85}next. 日本語。テスト！",
    "Ends with astral \u{10348}. Next \u{1D11E}? Yes.", "combining e\u{0301}. Next.",
  ])
  func utf16PassMatchesUTF8PassOnEdgeCases(text: String) throws {
    #expect(try Self.same(Array(text.utf8)))
  }

  @Test func utf16PassMatchesUTF8PassOnGeneratedText() throws {
    let pieces = [
      "word", "Capital", " ", "  ", "\n", "\r\n", ".", "?", "!", "…", "”", "’", ")", "\"", "é",
      "\u{1F600}", "Mr.", "3.", "日本", "。", "\u{2029}", "a", "B",
    ]
    try DifferentialTexts.expectOnGenerated(pieces, seed: 42, maxPieces: 20, Self.same)
  }
}

/// Sentences found with ICU asked only where the repair rules need it (the usual way) must be
/// those found with ICU's boundaries over the whole text. The lazy way reads the quotation
/// marks from the tokenizer's list, the full pass finds them in the tokens.
struct LazySentenceBoundaryDifferentialTests {
  /// Whether both ways agree on `text` in both paragraph modes, and how many periods asked ICU.
  static func same(_ text: [UInt8]) throws -> Bool {
    try text.withUnsafeBufferPointer { buffer in
      let (tokens, quoteMarks) = try Tokenizer.tokensAndQuoteMarks(of: buffer)
      for mode in Document.ParagraphMode.allCases {
        let paragraphs = ParagraphSplitter.paragraphs(of: buffer, mode: mode)
        let lazy = try SentenceSegmenter.sentences(
          of: buffer, paragraphs: paragraphs, tokens: tokens, quoteMarks: quoteMarks,
          lexicons: .shared)
        let full = try SentenceSegmenter.sentences(
          of: buffer, paragraphs: paragraphs, tokens: tokens, lexicons: .shared,
          fullICUPass: true)
        if lazy != full { return false }
      }
      return true
    }
  }

  @Test(arguments: ["polnear-dev", "litbank-dev", "pdnc-dev", "bench-sample"])
  func lazyMatchesFullPassOnEveryCorpusText(corpus: String) throws {
    try DifferentialTexts.expectOnCorpus(corpus, Self.same)
  }

  @Test func lazyMatchesFullPassOnGeneratedText() throws {
    // Periods after brackets, quotation marks and symbols are where ICU is asked.
    let pieces = [
      "word", "Capital", "The", " ", "  ", "\n", "\r\n", "\n\n", ".", ".", "?", "!", "”", "’", ")",
      "(AP)", "\"", "é", "\u{1F600}", "Mr.", "U.S.", "3.", "日本", "。", "\u{2029}", "a", "B", "%",
      "[1]", "…", "“Hi.”", "1)", "ii.", ",", " 12 ", "). ",
    ]
    try DifferentialTexts.expectOnGenerated(pieces, seed: 7, maxPieces: 30, Self.same)
  }
}
