// Times the whole pipeline on each hostile input at sizes N, 2N and 4N in one run and prints
// the ratios: doubling the input must at most a little more than double the time (≤ 2.5×).
// Run from Benchmarks/: swift run -c release linearity [--size BYTES] [--only NAME] [--huge]
// Exits 1 when a ratio is above the bound. --huge adds a 25 MB / 50 MB single paragraph.
import Foundation
import QuoteExtraction

let arguments = CommandLine.arguments
func option(_ name: String) -> String? {
  arguments.firstIndex(of: name).flatMap { $0 + 1 < arguments.count ? arguments[$0 + 1] : nil }
}
let baseSize = option("--size").flatMap(Int.init) ?? 1_000_000
let only = option("--only")
let bound = option("--bound").flatMap(Double.init) ?? 2.5
let rounds = option("--rounds").flatMap(Int.init) ?? 3

/// `unit` repeated to at least `size` bytes.
func repeated(_ unit: String, _ size: Int) -> [UInt8] {
  let bytes = Array(unit.utf8)
  var result: [UInt8] = []
  result.reserveCapacity(size + bytes.count)
  while result.count < size { result.append(contentsOf: bytes) }
  return result
}

/// Seeded bytes (a linear congruential generator), so every run times the same input.
func random(_ size: Int, seed: UInt64, _ map: (UInt64) -> [UInt8]) -> [UInt8] {
  var state = seed
  var result: [UInt8] = []
  result.reserveCapacity(size + 8)
  while result.count < size {
    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    result.append(contentsOf: map(state >> 33))
  }
  return result
}

let prose =
  "“We are ready to work with the new government,” the minister said on Tuesday, adding that "
  + "talks would resume next week. Officials in the capital said the plan was not final.\n\n"

/// Each hostile input, as a function of its size in bytes.
let generators: [(name: String, make: (Int) -> [UInt8])] = [
  ("plain prose", { repeated(prose, $0) }),
  ("one paragraph", { repeated(prose.replacingOccurrences(of: "\n\n", with: " "), $0) }),
  ("unbalanced “ before words", { repeated("“word ", $0) }),
  ("unbalanced ” after words", { repeated("word” ", $0) }),
  ("unbalanced \" before words", { repeated("\"word ", $0) }),
  ("unbalanced ' and ’", { repeated("'word ’word word’ ", $0) }),
  ("lone marks between spaces", { repeated("a “ b ” c \" d « e ", $0) }),
  ("mismatched families", { repeated("“a» «b” ‘c\" „d« ", $0) }),
  (
    "nested “ ‘ levels",
    { size in
      let levels = size / 8
      var text = ""
      for level in 0..<levels { text += level % 2 == 0 ? "“a " : "‘a " }
      for level in (0..<levels).reversed() { text += level % 2 == 0 ? "a”, " : "a’, " }
      return Array(text.utf8)
    }
  ),
  ("quotation reopened every paragraph", { repeated("“The speech goes on and on.\n\n", $0) }),
  ("one name said everywhere", { repeated("Smith said it was fine, and Smith left. ", $0) }),
  ("dash dialogue", { repeated("— Ven aquí —dijo él—. Siéntate, dijo ella.\n\n", $0) }),
  ("hyphen runs", { repeated("-- ---- a ------------------------------ ", $0) }),
  ("periods", { repeated(". ", $0) }),
  ("abbreviations", { repeated("Mr. U.S. Dr. St. e.g. ", $0) }),
  ("spaces", { repeated("“Hi,” he said.", 20) + repeated(" ", $0) }),
  ("newlines", { repeated("\n", $0) }),
  ("CRLF blank lines", { repeated("“Hi,” he said.\r\n\r\n", $0) }),
  ("words without punctuation", { repeated("word ", $0) }),
  (
    "base64 blob",
    {
      let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
      return random($0, seed: 7) { [alphabet[Int($0 & 63)]] }
    }
  ),
  ("invalid UTF-8", { random($0, seed: 11) { [UInt8(0x80 | ($0 & 0x7F))] } }),
  ("random bytes", { random($0, seed: 13) { [UInt8($0 & 0xFF)] } }),
  ("NUL and control bytes", { random($0, seed: 17) { [UInt8($0 % 32), 0x61] } }),
  ("CJK without spaces", { repeated("他说「我们明天开始工作」，然后离开了会议室。", $0) }),
  ("Thai without spaces", { repeated("เขากล่าวว่า“เราพร้อมแล้ว”และเดินจากไป", $0) }),
  ("right-to-left", { repeated("قال الوزير «سنبدأ غداً» للصحفيين. ", $0) }),
  ("emoji ZWJ sequences", { repeated("“👨‍👩‍👧‍👦👍🏽🏳️‍🌈,” ", $0) }),
  ("one letter, many combining marks", { Array("“a".utf8) + repeated("\u{301}", $0) }),
  ("combining marks after quotes", { repeated("“\u{308}a”\u{301} ", $0) }),
  (
    "HTML debris",
    { repeated("<p class=\"x\">&ldquo;Hi,&rdquo; she said &amp; left.</p><br/>\n", $0) }
  ),
]

let extractor = try QuoteExtractor()

/// The CPU time of this thread, in seconds.
/// NB: CPU time, not wall-clock time: the machine is shared, and time spent waiting for a core
/// would make any ratio noise.
func threadSeconds() -> Double {
  var time = timespec()
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
  return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

func seconds(_ bytes: [UInt8]) throws -> Double {
  var best = Double.infinity
  for _ in 0..<rounds {
    let start = threadSeconds()
    let result = try extractor.extract(utf8: bytes)
    var writer = JSONWriter()
    writer.beginObject()
    result.writeFields(to: &writer, offsets: .codePoints)
    writer.endObject()
    best = min(best, threadSeconds() - start)
  }
  return best
}

func pad(_ text: String, _ width: Int) -> String {
  text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
}

print(
  "linearity: best CPU time of \(rounds), sizes N, 2N, 4N with N = \(baseSize) bytes; bound \(bound)×"
)
print(pad("input", 36) + pad("N ms", 10) + pad("2N ms", 10) + pad("4N ms", 10) + "2N/N  4N/2N")
var failures: [String] = []
var runs = generators.filter { only == nil || $0.name.contains(only ?? "") }
if arguments.contains("--huge") {
  runs.append(
    ("one 50 MB paragraph", { repeated(prose.replacingOccurrences(of: "\n\n", with: " "), $0) }))
}
for (name, make) in runs {
  let size = name.hasPrefix("one 50 MB") ? 12_500_000 : baseSize
  let times = try [1, 2, 4].map { try seconds(make(size * $0)) }
  let ratios = [times[1] / max(times[0], 1e-6), times[2] / max(times[1], 1e-6)]
  // NB: below a millisecond the clock and the cache decide the ratio, not the algorithm.
  let judged = times[2] > 0.002
  let bad = judged && ratios.contains { $0 > bound }
  if bad { failures.append(name) }
  print(
    pad(name, 36) + times.map { pad(String(format: "%.1f", $0 * 1000), 10) }.joined()
      + ratios.map { String(format: "%.2f", $0) }.joined(separator: "  ")
      + (bad ? "  ✘ above \(bound)" : ""))
}
if failures.isEmpty {
  print("all \(runs.count) inputs scale linearly")
} else {
  print("not linear: \(failures.joined(separator: ", "))")
  exit(1)
}
