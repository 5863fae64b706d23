// Times each pipeline stage against its baseline in the same run and prints MB/s and ratios.
// Run from Benchmarks/: swift run -c release stage-ratios [--rounds N] [--only PREFIX]
// Times are the thread's CPU time (one core), so that other processes on a loaded machine
// disturb them less than wall-clock time; --wall measures wall-clock time instead.
import BenchmarkSupport
import Foundation
@_spi(Benchmarks) import QuoteExtraction

let rounds =
  CommandLine.arguments.firstIndex(of: "--rounds").flatMap {
    Int(CommandLine.arguments[$0 + 1])
  } ?? 5
let documents = BenchCorpus.documents
let megabytes = Double(BenchCorpus.byteCount) / 1_000_000
guard !documents.isEmpty else { exit(1) }
let extractor = try QuoteExtractor()
let built = try documents.map { try Stages.document($0) }
let results = try documents.map { try extractor.extract(utf8: $0) }
let tokenized = built.map(\.tokens)
let scanned = built.map(Stages.scanned)

let wallClock = CommandLine.arguments.contains("--wall")
let only = CommandLine.arguments.firstIndex(of: "--only").map { CommandLine.arguments[$0 + 1] }

func now() -> Double {
  var time = timespec()
  clock_gettime(wallClock ? CLOCK_MONOTONIC : CLOCK_THREAD_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
  let start = now()
  try body()
  return now() - start
}

var sink = 0
let stages: [(String, () throws -> Void)] = [
  ("baseline: quote-byte scan", { for d in documents { sink &+= Stages.quoteByteScan(d) } }),
  (
    "baseline: ICU sentence pass", { for d in documents { sink &+= try Stages.icuSentencePass(d) } }
  ),
  ("baseline: ICU word pass", { for d in documents { sink &+= try Stages.icuWordPass(d) } }),
  ("stage: UTF-8 check", { for d in documents { sink &+= Stages.validateUTF8(d) } }),
  ("stage: tokens", { for d in documents { sink &+= try Stages.tokens(d) } }),
  (
    "stage: sentences (given tokens)",
    { for (d, t) in zip(documents, tokenized) { sink &+= try Stages.sentences(d, tokens: t) } }
  ),
  (
    "stage: document (segmentation)",
    { for d in documents { sink &+= try Stages.document(d).sentences.count } }
  ),
  ("stage: quote scan", { for d in built { sink &+= Stages.quotes(d) } }),
  (
    "stage: attribution",
    { for d in scanned { sink &+= Stages.attribute(d, extractor: extractor) } }
  ),
  ("stage: JSON output", { for r in results { sink &+= Stages.json(r) } }),
  (
    "end to end (extract + JSON)",
    {
      for d in documents { sink &+= Stages.json(try extractor.extract(utf8: d)) }
    }
  ),
]

// Interleave the stages round by round so that machine noise hits them alike; keep the best.
var best = [Double](repeating: .infinity, count: stages.count)
for _ in 0..<rounds {
  for (index, stage) in stages.enumerated() where only.map({ stage.0.hasPrefix($0) }) ?? true {
    best[index] = min(best[index], try seconds(stage.1))
  }
}
let rate = best.map { megabytes / $0 }
let name = Dictionary(uniqueKeysWithValues: stages.enumerated().map { ($1.0, $0) })
func ratio(_ a: String, _ b: String) -> String {
  guard let i = name[a], let j = name[b] else { return "?" }
  return String(format: "%.2f", rate[i] / rate[j])
}
print(
  String(
    format: "corpus: %d documents, %.1f MB; best of %d rounds", documents.count, megabytes, rounds)
    + (wallClock ? " (wall clock)" : " (thread CPU time)"))
for (index, stage) in stages.enumerated() {
  print(
    stage.0.padding(toLength: 34, withPad: " ", startingAt: 0),
    String(format: "%9.1f MB/s", rate[index]))
}
@MainActor func cost(_ stage: String) -> Double { name[stage].map { best[$0] } ?? .nan }
let segmentationCost = cost("stage: document (segmentation)")
print("")
print(
  "segmentation / bare ICU sentence pass (speed):",
  ratio("stage: document (segmentation)", "baseline: ICU sentence pass"), "(issue 2 asks ≥ 0.5)")
print(
  String(
    format: "quote scan cost / segmentation cost: %.3f (issue 3 asks ≤ 0.1)",
    cost("stage: quote scan") / segmentationCost))
print(
  String(
    format: "attribution cost / segmentation cost: %.3f (issue 4 asks ≤ 1.0)",
    cost("stage: attribution") / segmentationCost))
print(
  "end to end / bare ICU word pass (speed):",
  ratio("end to end (extract + JSON)", "baseline: ICU word pass"), "(issue 6 asks ≥ 0.6)")
if sink == 42 { print("") }
