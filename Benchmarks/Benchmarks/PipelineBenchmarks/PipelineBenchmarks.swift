import Benchmark
import BenchmarkSupport
@_spi(Benchmarks) import QuoteExtraction

// One benchmark per stage, each next to its baseline, on the sample corpus and on one long and
// one short document. Throughput is in documents per second of the named input; the bytes per
// iteration are in the benchmark's name so MB/s can be read off. Allocation counts are checked
// against Thresholds/ in CI; wall-clock figures are for comparisons on one machine.
let benchmarks: @Sendable () -> Void = {
  let metrics: [BenchmarkMetric] = [
    .wallClock, .throughput, .mallocCountTotal, .peakMemoryResident,
  ]
  Benchmark.defaultConfiguration = .init(
    metrics: metrics, timeUnits: .milliseconds, maxDuration: .seconds(3), maxIterations: 50)

  let documents = BenchCorpus.documents
  let joined = BenchCorpus.joined
  let short = BenchCorpus.short
  let sampleMB = String(format: "%.1f MB", Double(BenchCorpus.byteCount) / 1e6)
  guard let extractor = try? QuoteExtractor() else { return }
  let built = documents.compactMap { try? Stages.document($0) }
  let results = documents.compactMap { try? extractor.extract(utf8: $0) }

  func sample(_ name: String, _ body: @escaping @Sendable () throws -> Int) {
    Benchmark("\(name) (sample, \(sampleMB))") { benchmark in
      for _ in benchmark.scaledIterations { blackHole(try body()) }
    }
  }

  sample("Baseline: quote-byte scan") { documents.reduce(0) { $0 &+ Stages.quoteByteScan($1) } }
  sample("Baseline: ICU sentence pass") {
    try documents.reduce(0) { $0 &+ (try Stages.icuSentencePass($1)) }
  }
  sample("Baseline: ICU word pass") {
    try documents.reduce(0) { $0 &+ (try Stages.icuWordPass($1)) }
  }
  sample("Stage: UTF-8 check") { documents.reduce(0) { $0 &+ Stages.validateUTF8($1) } }
  sample("Stage: tokens") { try documents.reduce(0) { $0 &+ (try Stages.tokens($1)) } }
  sample("Stage: segmentation") {
    try documents.reduce(0) { $0 &+ (try Stages.document($1)).sentences.count }
  }
  sample("Stage: quote scan") { built.reduce(0) { $0 &+ Stages.quotes($1) } }
  sample("Stage: attribution") {
    built.reduce(0) { $0 &+ Stages.attribute($1, extractor: extractor) }
  }
  sample("Stage: JSON output") { results.reduce(0) { $0 &+ Stages.json($1) } }
  sample("End to end") {
    try documents.reduce(0) { $0 &+ Stages.json(try extractor.extract(utf8: $1)) }
  }

  Benchmark("End to end (one long document, \(joined.count / 1000) KB)") { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(Stages.json(try extractor.extract(utf8: joined)))
    }
  }
  Benchmark(
    "End to end (short document, \(short.count) bytes)",
    configuration: .init(scalingFactor: .kilo)
  ) { benchmark in
    for _ in benchmark.scaledIterations {
      blackHole(Stages.json(try extractor.extract(utf8: short)))
    }
  }
}
