import Foundation
import QuoteExtractionTestSupport
import Testing

@testable import QuoteExtraction

/// Losslessness and offset conversions on every shared corpus text and the AP example.
@Suite(
  .enabled(
    if: Fixtures.shared != nil,
    "../shared is absent: the corpora live there and are not copied here"))
struct DocumentModelTests {
  static func texts() throws -> [String] {
    guard let shared = Fixtures.shared else { return [] }
    var texts: [String] = []
    let corpora = shared.appendingPathComponent("corpora")
    let names = try FileManager.default.contentsOfDirectory(atPath: corpora.path)
      .filter { $0.hasSuffix(".jsonl") }.sorted()
    for name in names {
      let data = try Data(contentsOf: corpora.appendingPathComponent(name))
      for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
        if let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
          let text = object["text"] as? String
        {
          texts.append(text)
        }
      }
    }
    let example = shared.appendingPathComponent("examples/ap-mexico-migration.txt")
    texts.append(try String(contentsOf: example, encoding: .utf8))
    return texts
  }

  /// Every text with its document, segmented once for all the tests of this suite.
  static let documents: [(text: String, document: Document)] = {
    let texts = (try? Self.texts()) ?? []
    return texts.compactMap { text in (try? Document(text: text)).map { (text, $0) } }
  }()

  @Test func quoteMarkListHoldsExactlyTheQuoteMarkTokens() {
    #expect(Self.documents.count > 100)
    for (_, document) in Self.documents {
      let expected = document.tokens.indices.filter { document.tokens[$0].kind == .quoteMark }
      #expect(document.quoteMarkTokens.map { Int($0.token) } == expected)
    }
  }

  /// Each paragraph and each sentence holds the tokens from the previous one's last on that
  /// start before its end, and each token belongs to the one that holds it (to the last one
  /// when none does).
  @Test func paragraphsAndSentencesHoldTheirTokens() {
    #expect(Self.documents.count > 100)
    for (_, document) in Self.documents {
      let starts = document.tokens.map { Int($0.utf8Start) }
      for (ranges, owner) in [
        (document.paragraphs, { document.paragraph(of: $0) }),
        (document.sentences, { document.sentence(of: $0) }),
      ] as [([TextRange], (Int) -> Int)] {
        var next = 0
        var wrong = 0
        for (index, range) in ranges.enumerated() {
          if range.tokens.lowerBound != next { wrong += 1 }
          for token in range.tokens where owner(token) != index || starts[token] >= range.utf8End {
            wrong += 1
          }
          next = max(next, range.tokens.upperBound)
          if next < starts.count && starts[next] < range.utf8End { wrong += 1 }
        }
        for token in next..<starts.count where owner(token) != max(ranges.count - 1, 0) {
          wrong += 1
        }
        #expect(wrong == 0)
      }
    }
  }

  @Test func tokensAndGapsRebuildEveryText() throws {
    #expect(Self.documents.count > 100)
    for (text, document) in Self.documents {
      var rebuilt: [UInt8] = []
      rebuilt.reserveCapacity(document.utf8.count)
      let firstStart = document.tokens.first.map { Int($0.utf8Start) } ?? document.utf8.count
      rebuilt += document.utf8[0..<firstStart]
      var gapsWithText = 0
      for index in document.tokens.indices {
        rebuilt += document.utf8[document.tokens[index].utf8Range]
        let gap = document.gapAfter(index)
        if !document.utf8[gap].allSatisfy({ Tokenizer.isSpace($0) || $0 >= 0x80 }) {
          gapsWithText += 1
        }
        rebuilt += document.utf8[gap]
      }
      #expect(gapsWithText == 0, "a gap between tokens holds a non-space byte")
      #expect(rebuilt == Array(text.utf8))
    }
  }

  @Test func offsetConversionsAgreeWithSwiftAndRoundTrip() throws {
    for (text, document) in Self.documents {
      #expect(document.codePointOffset(document.utf8.count) == text.unicodeScalars.count)
      #expect(document.utf16Offset(document.utf8.count) == text.utf16.count)
      // Code point and UTF-16 counts before every scalar boundary, from Swift's own views.
      var scalarsAt = [Int](repeating: -1, count: document.utf8.count + 1)
      var unitsAt = [Int](repeating: -1, count: document.utf8.count + 1)
      var offset = 0
      var units = 0
      for (count, scalar) in text.unicodeScalars.enumerated() {
        scalarsAt[offset] = count
        unitsAt[offset] = units
        offset += scalar.utf8.count
        units += scalar.utf16.count
      }
      scalarsAt[offset] = text.unicodeScalars.count
      unitsAt[offset] = units
      var ranges = document.sentences.map(\.utf8Range)
      ranges += document.tokens.map(\.utf8Range)
      var mismatches = 0
      for range in ranges {
        for offset in [range.lowerBound, range.upperBound] {
          let scalars = scalarsAt[offset]
          let units = unitsAt[offset]
          if scalars < 0 || document.codePointOffset(offset) != scalars
            || document.utf16Offset(offset) != units
            || document.utf8Offset(codePoint: scalars) != offset
            || document.utf8Offset(utf16: units) != offset
          {
            mismatches += 1
          }
        }
      }
      #expect(mismatches == 0, "offsets off a scalar boundary or converted wrongly")
    }
  }
}
