import Foundation
import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// The mention analyses kept by spelling (``AnalysisMemo``) are the analyses made afresh.
struct AnalysisMemoTests {
  /// The fields of an analysis, for comparison.
  private func fields(_ mention: SpeakerMention?, _ analyzer: MentionAnalyzer) -> String {
    guard let m = mention else { return "none" }
    let words = analyzer.words
    return
      "\(m.tokens) \(m.utf8Range) \(m.kind) \(String(describing: m.nameTokens)) "
      + "\(String(describing: m.honorific)) \(String(describing: words.last(m.honorificWord))) \(m.gender) "
      + "\(m.isPlural) \(words.words(m.nameWords)) \(words.words(m.roles)) "
      + "\(m.isDefinite) \(String(describing: words.last(m.displayName)))"
  }

  /// Analyses every range of one to `longest` tokens starting at every `step`-th token (each
  /// range twice, so that the memo answers the second time) and counts the analyses that
  /// differ from a fresh analyzer's.
  private func mismatches(_ document: Document, step: Int, longest: Int = 4) -> (Int, Int) {
    let memoized = MentionAnalyzer(document: document, lexicons: .shared)
    let fresh = MentionAnalyzer(document: document, lexicons: .shared, memoizes: false)
    var mismatches = 0
    var mentions = 0
    for round in 0..<2 {
      for start in Swift.stride(from: 0, to: document.tokens.count, by: step) {
        for length in 1...longest where start + length <= document.tokens.count {
          let range = start..<(start + length)
          let expected = fresh.analyze(tokens: range)
          if round == 0, expected != nil { mentions += 1 }
          if fields(memoized.analyze(tokens: range), memoized) != fields(expected, fresh) {
            mismatches += 1
          }
        }
      }
    }
    return (mismatches, mentions)
  }

  @Test func keptAnalysesAreFreshOnes() throws {
    // Names and pronouns recur, at a sentence's start and inside it, with initials,
    // honorifics, possessives and line breaks inside names.
    let text = """
      Mr. Bennet said so. Then Mr. Bennet left, and Mr.
      Bennet came back. He smiled; he smiled again. George W. Bush spoke. George W.
      Bush spoke. Could Anne come? Whereas Anne stayed. Anne's sister, Mrs. Moore's
      friend, and the old man spoke. The old man spoke. V. The old man's dog barked.
      “Yes, Tom,” said the captain. “No, Tom.” Tom K went out. Tom K. went out.
      """
    let document = try Document(text: text)
    let (count, mentions) = mismatches(document, step: 1)
    #expect(count == 0)
    #expect(mentions > 50)
  }

  /// Over the corpus documents (when `../shared` is present): the first few of news and
  /// fiction, every third token.
  @Test func keptAnalysesAreFreshOnesOverCorpusDocuments() throws {
    guard Fixtures.shared != nil else {
      print("skipped: ../shared is absent, so the corpus documents cannot be read")
      return
    }
    for corpus in ["polnear-dev", "litbank-dev"] {
      guard let texts = try Fixtures.corpusTexts(corpus) else { continue }
      for text in texts.prefix(3) {
        let (count, mentions) = mismatches(try Document(text: text), step: 3)
        #expect(count == 0, "\(corpus)")
        #expect(mentions > 0, "\(corpus)")
      }
    }
  }
}
