import Foundation

/// Totals for `--stats`: documents, attributions by type, top speakers, throughput, errors.
struct RunStatistics {
  var documents = 0
  var succeeded = 0
  var empty = 0
  var inputBytes = 0
  var typeCounts = [0, 0, 0]
  var speakers: [String: Int] = [:]
  var errors: [String: Int] = [:]
  let start = Date()

  var failed: Int { documents - succeeded }

  mutating func add(_ record: ProcessedRecord) {
    documents += 1
    inputBytes += record.inputBytes
    if let code = record.errorCode {
      errors[code, default: 0] += 1
      return
    }
    succeeded += 1
    if record.isEmpty { empty += 1 }
    for index in 0..<3 { typeCounts[index] += record.typeCounts[index] }
    for speaker in record.speakers { speakers[speaker, default: 0] += 1 }
  }

  func report() -> String {
    let seconds = max(Date().timeIntervalSince(start), 1e-6)
    let megabytes = Double(inputBytes) / 1_048_576
    var out = "documents: \(documents) (\(succeeded) ok, \(failed) failed, \(empty) empty)\n"
    let total = typeCounts.reduce(0, +)
    out +=
      "attributions: \(total) (direct \(typeCounts[0]), indirect \(typeCounts[1]), "
      + "mixed \(typeCounts[2]))\n"
    out +=
      "throughput: "
      + String(
        format: "%.1f MB in %.2f s = %.2f MB/s, %.1f documents/s", megabytes, seconds,
        megabytes / seconds, Double(documents) / seconds) + "\n"
    if !speakers.isEmpty {
      let top = speakers.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
        .prefix(10)
      out += "top speakers: " + top.map { "\($0.key) (\($0.value))" }.joined(separator: ", ") + "\n"
    }
    if errors.isEmpty {
      out += "errors: none\n"
    } else {
      out +=
        "errors: "
        + errors.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        + "\n"
    }
    return out
  }
}
