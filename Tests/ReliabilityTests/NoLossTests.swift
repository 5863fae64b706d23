import Foundation
import QuoteExtractionTestSupport
import Testing

/// A corpus run loses nothing: one output line per input record, in input order, whatever the
/// records hold, and an interrupted run leaves only whole lines.
@Suite(.serialized)
struct NoLossTests {
  /// One input line and what must come out for it.
  struct Record {
    var line: [UInt8]
    /// The id the output line must carry.
    var id: String
    /// Whether the output line must be an error record.
    var isError: Bool
  }

  /// Good records mixed with every kind of bad one.
  static func mixedRecords(path: String) throws -> [Record] {
    var records: [Record] = []
    func good(_ id: String, _ text: String) throws {
      let json = try JSONSerialization.data(withJSONObject: ["id": id, "text": text])
      records.append(Record(line: Array(json), id: id, isError: false))
    }
    func bad(_ bytes: [UInt8], id: String? = nil) {
      let number = records.count + 1
      records.append(Record(line: bytes, id: id ?? "\(path):\(number)", isError: true))
    }
    try good("plain", "“We are ready,” the minister said.")
    bad(Array("{\"id\": \"broken\", \"text\": \"unterminated".utf8))
    try good("empty", "")
    bad(Array("not json at all".utf8))
    try good("emoji", "“👍🏽 Great job 👨‍👩‍👧‍👦!” she said.")
    bad(Array("{\"id\": \"no-text\"}".utf8), id: "no-text")
    bad(Array("{\"id\": \"number-text\", \"text\": 42}".utf8), id: "number-text")
    bad(Array("[1, 2, 3]".utf8))
    bad([0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x20, 0x22, 0xFF, 0xFE, 0x22, 0x7D])
    // NB: extract refuses text with NUL or control bytes as binary data (the library reads it).
    let nul = try JSONSerialization.data(withJSONObject: ["id": "nul", "text": "“Stop\u{0} now.”"])
    bad(Array(nul), id: "nul")
    try good("unbalanced", String(repeating: "“word ", count: 5_000))
    try good(
      "nested", String(repeating: "“a ‘a ", count: 500) + String(repeating: "a’, a”, ", count: 500))
    bad(Array("{\"id\": \"trailing\", \"text\": \"x\"} garbage".utf8))
    try good("rtl", "قال الوزير «سنبدأ غداً» للصحفيين.")
    try good("big", String(repeating: "“The vote is on Tuesday,” she said. ", count: 3_000))
    try good("last", "“Bye,” she said.")
    return records
  }

  @Test func mixedRecordsComeOutOnePerLineInOrder() throws {
    let folder = try ExtractProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let file = folder.appendingPathComponent("mixed.jsonl")
    let records = try Self.mixedRecords(path: file.path)
    let input = records.map { Data($0.line) }.joined(separator: Data([0x0A])) + Data([0x0A])
    try Data(input).write(to: file)
    var runs: [[String]] = [[file.path]]
    if ExtractProcess.hasJobs {
      runs = [["-j", "1", file.path], ["-j", "2", file.path], ["-j", "2", file.path]]
    } else {
      print("extract has no --jobs yet: checking one sequential run")
    }
    var outputs: [Data] = []
    for arguments in runs {
      let output = try ExtractProcess.run(arguments)
      #expect(output.status == 1, "a file with bad records exits 1: \(arguments)")
      let lines = output.lines
      try #require(lines.count == records.count, "\(arguments): \(lines.count) lines")
      for (record, line) in zip(records, lines) {
        let object = try #require(ExtractProcess.object(line), "\(record.id) is not JSON")
        let error = object["error"] as? [String: Any]
        #expect((error != nil) == record.isError, "\(record.id): \(error ?? [:])")
        if record.isError, let error {
          // A broken record may have no readable id; its line number says where it was.
          let number = records.firstIndex { $0.line == record.line }.map { $0 + 1 }
          #expect(error["line"] as? Int == number, "\(record.id)")
        } else {
          #expect(object["id"] as? String == record.id, "\(arguments)")
          #expect(object["quotes"] is [Any], "\(record.id) has no quotes list")
        }
      }
      outputs.append(output.stdout)
    }
    // The same output whatever the number of workers, and on every run.
    #expect(Set(outputs).count == 1)
  }

  /// Many small records, so that a run lasts long enough to be interrupted.
  static func longInput(in folder: URL) throws -> (URL, Int) {
    let count = 3_000
    var lines: [Data] = []
    for index in 0..<count {
      let text =
        "“We are ready, number \(index),” the minister said. Officials said the plan, “which "
        + "nobody has read,” was not final. "
      lines.append(try JSONSerialization.data(withJSONObject: ["id": "r\(index)", "text": text]))
    }
    let file = folder.appendingPathComponent("long.jsonl")
    try (lines.joined(separator: Data([0x0A])) + Data([0x0A])).write(to: file)
    return (file, count)
  }

  /// How an interrupted run is cut off.
  enum Interruption: String, CaseIterable, Sendable {
    case sigint
    case closedPipe
  }

  @Test(arguments: Interruption.allCases)
  func anInterruptedRunLeavesOnlyWholeLines(_ interruption: Interruption) throws {
    let folder = try ExtractProcess.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let (file, count) = try Self.longInput(in: folder)
    let binary = try #require(ExtractProcess.binary, "extract binary not found")
    let process = Process()
    process.executableURL = binary
    process.arguments = (ExtractProcess.hasJobs ? ["-j", "2"] : []) + [file.path]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let reader = out.fileHandleForReading
    var received = Data()
    while !received.contains(UInt8(ascii: "\n")) {
      let chunk = reader.readSomeRetryingInterrupts()
      if chunk.isEmpty { break }
      received.append(chunk)
    }
    switch interruption {
    case .sigint:
      process.interrupt()
      received.append(reader.readToEndRetryingInterrupts())
    case .closedPipe:
      try reader.close()
    }
    let deadline = Date().addingTimeInterval(60)
    while process.isRunning && Date() < deadline { usleep(10_000) }
    #expect(!process.isRunning, "extract still runs 60 s after \(interruption)")
    if process.isRunning {
      process.terminate()
      return
    }
    // Whatever came out is whole lines of JSON.
    #expect(received.last == UInt8(ascii: "\n") || interruption == .closedPipe)
    let lines = received.split(separator: UInt8(ascii: "\n"))
    let whole =
      interruption == .closedPipe && received.last != UInt8(ascii: "\n")
      ? lines.dropLast() : lines[...]
    #expect(!whole.isEmpty)
    for (index, line) in whole.enumerated() {
      let object = ExtractProcess.object(Data(line))
      #expect(object?["id"] as? String == "r\(index)", "line \(index + 1) is not whole")
    }
    switch interruption {
    case .sigint:
      if ExtractProcess.hasJobs {
        #expect(process.terminationStatus == 130)
        #expect(lines.count < count, "SIGINT did not stop the run")
      }
    case .closedPipe:
      // Ends quietly (EPIPE) or by SIGPIPE; never by a crash.
      let quiet =
        process.terminationReason == .exit
        || process.terminationStatus == SIGPIPE
      #expect(quiet, "ended by signal \(process.terminationStatus)")
    }
  }
}
