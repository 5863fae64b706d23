import Foundation
import QuoteExtractionTestSupport
import Testing
import TextSegmentation

@testable import QuoteExtraction

/// Compares the sentence stage (paragraphs, ICU sentences and ``SentenceRepair``) with a bare
/// ICU sentence pass over `bench-sample.jsonl`, and prints the other stages' times.
/// Wall-clock figures only mean something in a release build, so this runs on request:
/// `QX_SEGMENTATION_SPEED=1 swift test -c release --filter SegmentationSpeed`.
@Suite(
  .enabled(
    if: ProcessInfo.processInfo.environment["QX_SEGMENTATION_SPEED"] == "1"
      && Fixtures.shared != nil,
    "set QX_SEGMENTATION_SPEED=1 (release build) with ../shared present to measure speed"))
struct SegmentationSpeedTests {
  @Test func sentenceStageRunsAtLeastHalfAsFastAsBareICUSentences() throws {
    guard let shared = Fixtures.shared else { return }
    let data = try Data(
      contentsOf: shared.appendingPathComponent("corpora/bench-sample.jsonl"))
    var texts: [[UInt8]] = []
    for line in data.split(separator: UInt8(ascii: "\n")) where !line.isEmpty {
      if let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any],
        let text = object["text"] as? String
      {
        texts.append(Array(text.utf8))
      }
    }
    let clock = ContinuousClock()
    var best = (icu: Duration.seconds(1000), full: Duration.seconds(1000))
    var sink = 0
    for _ in 0..<3 {
      let icuStart = clock.now
      var iterator = try BreakIterator(.sentence)
      for text in texts {
        sink &+= try text.withUnsafeBufferPointer { try iterator.boundaries(in: $0).count }
      }
      best.icu = min(best.icu, clock.now - icuStart)
      let fullStart = clock.now
      for text in texts {
        sink &+= try Document(utf8: text).sentences.count
      }
      best.full = min(best.full, clock.now - fullStart)
    }
    var parts: [String: Duration] = [:]
    func time(_ name: String, _ body: () throws -> Int) rethrows {
      let start = clock.now
      sink &+= try body()
      parts[name] = clock.now - start
    }
    try time("icu-words") {
      var iterator = try BreakIterator(.word)
      var count = 0
      for text in texts {
        count &+= try text.withUnsafeBufferPointer { try iterator.boundaries(in: $0).count }
      }
      return count
    }
    try time("tokenizer") {
      var count = 0
      for text in texts {
        count &+= try text.withUnsafeBufferPointer { try Tokenizer.tokens(of: $0).count }
      }
      return count
    }
    let tokenized = try texts.map { text in
      try text.withUnsafeBufferPointer { try Tokenizer.tokens(of: $0) }
    }
    for _ in 0..<3 {
      let previous = parts["paragraphs+sentences"] ?? .seconds(1000)
      try time("paragraphs+sentences") {
        var count = 0
        for (text, tokens) in zip(texts, tokenized) {
          count &+= try text.withUnsafeBufferPointer { buffer in
            let paragraphs = ParagraphSplitter.paragraphs(of: buffer, mode: .blankLine)
            return try SentenceSegmenter.sentences(
              of: buffer, paragraphs: paragraphs, tokens: tokens, lexicons: .shared
            ).count
          }
        }
        return count
      }
      parts["paragraphs+sentences"] = min(previous, parts["paragraphs+sentences"] ?? previous)
    }
    print("segmentation parts: \(parts)")
    let bytes = texts.reduce(0) { $0 + $1.count }
    print(
      "segmentation speed: \(bytes) bytes; bare ICU sentences \(best.icu), full segmentation "
        + "\(best.full) (ratio \(best.full / best.icu)); \(sink)")
    let stage = parts["paragraphs+sentences"] ?? .seconds(1000)
    #expect(stage <= best.icu * 2, "sentence stage \(stage), bare ICU \(best.icu)")
  }
}
