// Many documents at once: the batch API runs them on every core and yields results in order.
//
//   swift run -c release BatchExample [COUNT]
//
// Makes COUNT short documents (10,000 by default), extracts them one by one and then through
// the batch API, checks that both give the same attributions, and prints the two timings.
import Dispatch
import Foundation
import QuoteExtraction

let count = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 10_000
let speakers = ["Ebrard", "the minister", "She", "A spokeswoman for the ministry", "Pompeo"]
let cues = ["said", "told reporters", "added", "wrote", "insisted"]
let documents = (0..<count).map { index in
  let speaker = speakers[index % speakers.count]
  let cue = cues[(index / speakers.count) % cues.count]
  let text = """
    “We will have the figures by Friday number \(index),” \(speaker) \(cue). \
    The talks in Washington went on for a third day. \
    \(speaker) \(cue) that the agreement would hold until \(2020 + index % 7).
    """
  return BatchDocument(id: "doc-\(index)", text: text)
}

func seconds(since start: DispatchTime) -> Double {
  Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
}

/// The processor time of the whole process (every thread), in seconds: on a loaded machine it
/// shows whether the batch does more work than one by one, or only waits longer for a core.
func processorSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

do {
  let extractor = try QuoteExtractor()

  var oneByOne: [Int] = []
  oneByOne.reserveCapacity(count)
  let sequentialStart = DispatchTime.now()
  let sequentialProcessorStart = processorSeconds()
  for document in documents {
    oneByOne.append(try extractor.extract(utf8: document.utf8).attributions.count)
  }
  let sequential = seconds(since: sequentialStart)
  let sequentialProcessor = processorSeconds() - sequentialProcessorStart

  var batched: [Int] = []
  batched.reserveCapacity(count)
  var ids: [String] = []
  ids.reserveCapacity(count)
  let batchStart = DispatchTime.now()
  let batchProcessorStart = processorSeconds()
  for await item in extractor.results(for: documents) {
    ids.append(item.id)
    batched.append((try? item.result.get())?.attributions.count ?? -1)
  }
  let batch = seconds(since: batchStart)
  let batchProcessor = processorSeconds() - batchProcessorStart

  let inOrder = ids == documents.map(\.id)
  print("documents: \(count)")
  print("attributions: \(batched.reduce(0, +))")
  print("same results in order: \(inOrder && batched == oneByOne)")
  print(
    "one by one: \(String(format: "%.3f", sequential)) s "
      + "(processor time \(String(format: "%.3f", sequentialProcessor)) s)")
  print(
    "batch (\(QuoteExtractor.defaultConcurrency) workers): \(String(format: "%.3f", batch)) s "
      + "(processor time \(String(format: "%.3f", batchProcessor)) s)")
  print("speed-up: \(String(format: "%.2f", sequential / max(batch, 1e-9)))x")
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
