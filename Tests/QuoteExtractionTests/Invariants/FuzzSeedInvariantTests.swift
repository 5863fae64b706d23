import Foundation
import QuoteExtraction
import QuoteExtractionTestSupport
import Testing

/// The fuzz target's seeds (and every input a fuzzing run found worth keeping) hold the same
/// invariants in the ordinary test suite, so a fixed crash stays fixed without the fuzzer.
@Test func everyFuzzSeedHoldsEveryInvariant() throws {
  let folder = Fixtures.url("fuzz/fuzz-pipeline")
  let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
  #expect(names.count >= 6)
  var line = Configuration()
  line.paragraphMode = .line
  var noSingles = Configuration()
  noSingles.singleQuotes = false
  var short = Configuration()
  short.maximumQuoteLength = 20
  let extractors = try [Configuration(), line, noSingles, short].map {
    try QuoteExtractor(configuration: $0)
  }
  for name in names {
    let data = try #require(
      FileManager.default.contents(atPath: folder.appendingPathComponent(name).path))
    let input = Array(data)
    for (number, extractor) in extractors.enumerated() {
      expectInvariants(try extractor.extract(utf8: input), input: input, "\(name) #\(number)")
    }
  }
}
