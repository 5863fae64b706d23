import Benchmark
import BenchmarkSupport
import Foundation
@_spi(Benchmarks) import QuoteExtraction

// One benchmark per stage, each next to its baseline, on the sample corpus and on one long and
// one short document. Throughput is in iterations per second: one iteration reads the whole
// sample (bench-sample.jsonl), all of it joined as one long document, or the short document.
// NB: names have no spaces or slashes: package-benchmark writes threshold files under a cleaned
// name but reads them under the raw one. Allocation counts are checked
// against Thresholds/ in CI; wall-clock figures are for comparisons on one machine.
//
// QX_BENCH_CI=1 (set by .ci/run) measures allocation counts only, over a few iterations: they do
// not depend on the machine's load, so CI can check them against Thresholds/. To refresh the
// thresholds after a deliberate change, from Benchmarks/:
//   QX_BENCH_CI=1 swift package --allow-writing-to-package-directory benchmark thresholds update
let benchmarks: @Sendable () -> Void = {
  let forCI = ProcessInfo.processInfo.environment["QX_BENCH_CI"] == "1"
  let metrics: [BenchmarkMetric] =
    forCI
    ? [.mallocCountTotal]
    : [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident]
  // Allocation counts are nearly exact from run to run: 10 % of slack covers what varies (a few
  // hundred in 1.7 million) and small changes, while a new allocation per token still fails.
  // NB: no absolute slack: package-benchmark fails when either bound is crossed, either way (an
  // improvement beyond 10 % fails too, until the thresholds are updated).
  let tolerance = BenchmarkThresholds(relative: [.p90: 10.0])
  Benchmark.defaultConfiguration = .init(
    metrics: metrics, timeUnits: .milliseconds, warmupIterations: 1,
    maxDuration: .seconds(forCI ? 1 : 3), maxIterations: forCI ? 3 : 50,
    thresholds: [.mallocCountTotal: tolerance])

  let documents = BenchCorpus.documents
  let joined = BenchCorpus.joined
  let short = BenchCorpus.short
  guard let extractor = try? QuoteExtractor() else { return }
  let built = documents.compactMap { try? Stages.document($0) }
  let results = documents.compactMap { try? extractor.extract(utf8: $0) }

  func sample(_ name: String, _ body: @escaping @Sendable () throws -> Int) {
    Benchmark("\(name).Sample") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(try body()) }
    }
  }

  sample("Baseline.QuoteByteScan") { documents.reduce(0) { $0 &+ Stages.quoteByteScan($1) } }
  sample("Baseline.ICUSentencePass") {
    try documents.reduce(0) { $0 &+ (try Stages.icuSentencePass($1)) }
  }
  sample("Baseline.ICUWordPass") {
    try documents.reduce(0) { $0 &+ (try Stages.icuWordPass($1)) }
  }
  sample("Stage.UTF8Check") { documents.reduce(0) { $0 &+ Stages.validateUTF8($1) } }
  sample("Stage.Tokens") { try documents.reduce(0) { $0 &+ (try Stages.tokens($1)) } }
  let tokenized = built.map(\.tokens)
  sample("Stage.SentencesGivenTokens") {
    try zip(documents, tokenized).reduce(0) { $0 &+ (try Stages.sentences($1.0, tokens: $1.1)) }
  }
  sample("Stage.Segmentation") {
    try documents.reduce(0) { $0 &+ (try Stages.document($1)).sentences.count }
  }
  sample("Stage.QuoteScan") { built.reduce(0) { $0 &+ Stages.quotes($1) } }
  let scanned = built.map(Stages.scanned)
  sample("Stage.Attribution") {
    scanned.reduce(0) { $0 &+ Stages.attribute($1, extractor: extractor) }
  }
  sample("Stage.JSONOutput") { results.reduce(0) { $0 &+ Stages.json($1) } }
  sample("EndToEnd") {
    try documents.reduce(0) { $0 &+ Stages.json(try extractor.extract(utf8: $1)) }
  }

  Benchmark("EndToEnd.LongDocument") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(Stages.json(try extractor.extract(utf8: joined)))
    }
  }
  Benchmark(
    "EndToEnd.ShortDocument",
    configuration: .init(scalingFactor: .kilo, maxIterations: forCI ? 3 : 50)
  ) { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(Stages.json(try extractor.extract(utf8: short)))
    }
  }
}
