import Foundation
import QuoteExtractionTestSupport
import Testing

/// Texts written for these tests (no corpus text may be committed).
enum Sample {
  static let sentences = [
    "“We will finish the bridge by spring,” the mayor said on Tuesday.",
    "Critics said the plan was too costly. “It is a waste of money,” said Ana Ruiz.",
    "The river rose overnight, and the ferry stopped running before dawn.",
    "According to the harbour office, “no ship will leave before Friday.”",
    "“Nobody told us,” a fisherman said. “We found out from the radio.”",
  ]

  static func text(_ index: Int) -> String {
    (0..<3).map { sentences[(index + $0) % sentences.count] }.joined(separator: "\n\n")
  }

  static func jsonLine(id: String, text: String, extra: String = "") -> String {
    let data = (try? JSONSerialization.data(withJSONObject: ["text": text])) ?? Data()
    let encoded = String(decoding: data, as: UTF8.self)
    return "{\"id\": \"\(id)\"\(extra), " + encoded.dropFirst()
  }
}

@Suite struct RunCommandTests {
  @Test func malformedLinesYieldOneRecordEachInOrderWithJobs() throws {
    let folder = try CLIRunner.temporaryFolder()
    var lines: [Data] = []
    var expected: [String: String] = [:]
    for index in 0..<500 {
      let id = "doc-\(index)"
      switch index {
      case 99:
        lines.append(Data("{\"id\": \"\(id)\", \"text\": \"unterminated".utf8))
        expected[id] = "bad-json"
      case 199:
        lines.append(Data("{\"id\": \"\(id)\", \"body\": \"no text\"}".utf8))
        expected[id] = "missing-text"
      case 299:
        lines.append(Data("{\"id\": \"\(id)\", \"text\": 42}".utf8))
        expected[id] = "text-not-string"
      case 399:
        lines.append(
          Data("{\"id\": \"\(id)\", \"text\": \"caf".utf8) + Data([0xC3, 0x20, 0xFF])
            + Data("\"}".utf8))
        expected[id] = "invalid-utf8"
      case 499:
        lines.append(Data("{\"id\": \"\(id)\", \"text\": \"\"}".utf8))
      default:
        lines.append(Data(Sample.jsonLine(id: id, text: Sample.text(index)).utf8))
      }
    }
    let input = lines.reduce(into: Data()) { $0 += $1 + Data([0x0A]) }
    let output = try CLIRunner.run(["-j", "2", "--stats", "-"], stdin: input)
    #expect(output.status == 1)
    let records = try CLIRunner.records(output)
    #expect(records.count == 500)
    for (index, record) in records.enumerated() {
      let id = try #require(record["id"] as? String)
      if let code = expected[id] {
        #expect((record["error"] as? [String: Any])?["code"] as? String == code, "\(id)")
        #expect((record["error"] as? [String: Any])?["line"] as? Int == index + 1)
      } else {
        #expect(id == "doc-\(index)")
        #expect(record["attributions"] is [Any], "\(id)")
      }
    }
    #expect(output.stderr.contains("documents: 500 (496 ok, 4 failed, 1 empty)"))
    #expect(
      output.stderr.contains("errors: bad-json=1 invalid-utf8=1 missing-text=1 text-not-string=1"))
    try? FileManager.default.removeItem(at: folder)
  }

  @Test func parallelOutputEqualsSequentialOutput() throws {
    let input = (0..<60).map { Sample.jsonLine(id: "d\($0)", text: Sample.text($0)) }
      .joined(separator: "\n")
    let one = try CLIRunner.run(["-j", "1", "-"], stdin: Data(input.utf8))
    let three = try CLIRunner.run(["-j", "3", "-"], stdin: Data(input.utf8))
    #expect(one.status == 0)
    #expect(one.lines.count == 60)
    #expect(one.stdout == three.stdout)
  }

  @Test func overlongLineIsRefusedWithoutStoppingTheRun() throws {
    let long = Sample.jsonLine(id: "long", text: String(repeating: "word ", count: 2000))
    let input = [
      Sample.jsonLine(id: "a", text: "Short."), long, Sample.jsonLine(id: "b", text: "Fine."),
    ]
    .joined(separator: "\n")
    let output = try CLIRunner.run(["--max-document-bytes", "1000", "-"], stdin: Data(input.utf8))
    let records = try CLIRunner.records(output)
    #expect(records.map { $0["id"] as? String } == ["a", "stdin:2", "b"])
    #expect((records[1]["error"] as? [String: Any])?["code"] as? String == "too-large")
    #expect(output.status == 1)
  }

  /// JSON allows an escaped surrogate without its other half; Python's `json` keeps it as one
  /// code point. The record is kept, with U+FFFD in its place and a diagnostic, so the offsets
  /// after it are the ones a Python reader of the same line computes.
  @Test func aLoneSurrogateEscapeIsRepairedAndOffsetsStayPythons() throws {
    let line = #"{"id":"s","text":"Odd \ud800 byte. \u201cWe are ready,\u201d Ruiz said."}"#
    let output = try CLIRunner.run(["-"], stdin: Data(line.utf8))
    #expect(output.status == 0)
    let record = try #require(try CLIRunner.records(output).first)
    let diagnostics = try #require(record["diagnostics"] as? [[String: Any]])
    #expect(diagnostics.first?["code"] as? String == "invalid-utf8")
    #expect(diagnostics.first?["offset"] as? Int == 4)
    let attribution = try #require((record["attributions"] as? [[String: Any]])?.first)
    let content = try #require(attribution["content"] as? [String: Any])
    // "Odd ", one code point for the surrogate, " byte. ", the opening mark: 13.
    #expect(content["start"] as? Int == 13)
    #expect(content["text"] as? String == "We are ready,")
  }

  @Test func binaryInputIsAnErrorRecord() throws {
    let folder = try CLIRunner.temporaryFolder()
    let file = folder.appendingPathComponent("image.txt")
    try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01, 0x02, 0x03]).write(to: file)
    let output = try CLIRunner.run([file.path])
    let records = try CLIRunner.records(output)
    #expect((records.first?["error"] as? [String: Any])?["code"] as? String == "binary")
    #expect(output.status == 1)
    try? FileManager.default.removeItem(at: folder)
  }

  @Test func missingFileIsAnErrorRecordAndTheRunGoesOn() throws {
    let output = try CLIRunner.run([
      "Fixtures/cli/does-not-exist.txt", "Fixtures/cli/no-quotes.txt",
    ])
    #expect(output.status == 1)
    try CLIRunner.expectGolden(output.text, "missing-file.stdout")
  }

  @Test(arguments: [
    ("unknown-option", ["--bogus", "Fixtures/cli/no-quotes.txt"]),
    ("zero-jobs", ["--jobs", "0", "Fixtures/cli/no-quotes.txt"]),
    (
      "keep-fields-csv",
      ["--format", "csv", "--keep-fields", "source", "Fixtures/cli/no-quotes.txt"]
    ),
    ("unknown-format", ["--format", "yaml", "Fixtures/cli/no-quotes.txt"]),
  ])
  func usageErrorsExitWithStatusTwo(name: String, arguments: [String]) throws {
    let output = try CLIRunner.run(arguments)
    #expect(output.status == 2)
    #expect(output.stdout.isEmpty)
    #expect(output.stderr.hasPrefix("Error: "))
    #expect(output.stderr.contains("Usage: extract"))
    try CLIRunner.expectGolden(output.stderr, "usage-\(name).stderr")
  }

  @Test func gzipInputGivesTheSameRecordsAsPlainInput() throws {
    let plain = try CLIRunner.run(["Fixtures/cli/small.jsonl"])
    let gzip = try CLIRunner.run(["Fixtures/cli/small.jsonl.gz"])
    #expect(plain.status == 0)
    #expect(plain.lines.count == 3)
    #expect(gzip.stdout == plain.stdout)
    let stdin = try CLIRunner.run(
      ["-"], stdin: try Data(contentsOf: Fixtures.url("cli/small.jsonl.gz")))
    #expect(stdin.stdout == plain.stdout)
  }

  @Test func truncatedGzipIsAnErrorRecord() throws {
    let folder = try CLIRunner.temporaryFolder()
    let data = try Data(contentsOf: Fixtures.url("cli/small.jsonl.gz"))
    let file = folder.appendingPathComponent("cut.jsonl.gz")
    try data.prefix(data.count / 2).write(to: file)
    let output = try CLIRunner.run([file.path])
    let codes = try CLIRunner.records(output).compactMap {
      ($0["error"] as? [String: Any])?["code"] as? String
    }
    #expect(codes.contains("bad-gzip"))
    #expect(output.status == 1)
    try? FileManager.default.removeItem(at: folder)
  }

  @Test func foldersAreReadRecursivelyInPathOrder() throws {
    let folder = try CLIRunner.temporaryFolder()
    let nested = folder.appendingPathComponent("b/c")
    try FileManager.default.createDirectory(at: nested, withIntermediateDirectories: true)
    try Sample.text(0).write(
      to: folder.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
    try Sample.text(1).write(
      to: nested.appendingPathComponent("d.txt"), atomically: true, encoding: .utf8)
    try (Sample.jsonLine(id: "j1", text: "One.") + "\n" + Sample.jsonLine(id: "j2", text: "Two."))
      .write(to: folder.appendingPathComponent("b/e.jsonl"), atomically: true, encoding: .utf8)
    try "ignored".write(
      to: folder.appendingPathComponent("notes.md"), atomically: true, encoding: .utf8)
    let output = try CLIRunner.run([folder.path])
    let ids = try CLIRunner.records(output).compactMap { $0["id"] as? String }
    #expect(ids == [folder.path + "/a.txt", folder.path + "/b/c/d.txt", "j1", "j2"])
    try? FileManager.default.removeItem(at: folder)
  }

  @Test func keptFieldsArePassedThrough() throws {
    let line = Sample.jsonLine(
      id: "k", text: Sample.text(2), extra: ", \"source\": \"test\", \"meta\": {\"n\": [1, 2]}")
    let output = try CLIRunner.run(["--keep-fields", "meta,source", "-"], stdin: Data(line.utf8))
    let record = try #require(try CLIRunner.records(output).first)
    #expect(record["source"] as? String == "test")
    #expect((record["meta"] as? [String: Any])?["n"] as? [Int] == [1, 2])
  }

  @Test func formatsReportTheSameAttributions() throws {
    let input = Data(
      (0..<5).map { Sample.jsonLine(id: "f\($0)", text: Sample.text($0)) }
        .joined(separator: "\n").utf8)
    let jsonl = try CLIRunner.records(try CLIRunner.run(["--format", "jsonl", "-"], stdin: input))
    let count = jsonl.reduce(0) { $0 + (($1["attributions"] as? [Any])?.count ?? 0) }
    let json = try CLIRunner.run(["--format", "json", "-"], stdin: input)
    let array = try #require(
      try JSONSerialization.jsonObject(with: json.stdout) as? [[String: Any]])
    #expect(array.count == 5)
    #expect(array.map { $0["id"] as? String } == jsonl.map { $0["id"] as? String })
    let csv = try CLIRunner.run(["--format", "csv", "-"], stdin: input)
    let rows = csv.lines.dropFirst()
    #expect(
      csv.lines.first
        == "id,type,speaker_name,speaker,cue,content,content_start,content_end,rule,confidence")
    #expect(rows.count == count)
    let table = try CLIRunner.run(["--format", "table", "-"], stdin: input)
    #expect(table.text.contains("f0: \(jsonlCount(jsonl[0])) attribution"))
    let html = try CLIRunner.run(["--format", "html", "-"], stdin: input)
    #expect(html.text.hasPrefix("<!DOCTYPE html>"))
    #expect(html.text.hasSuffix("</body></html>\n"))
    #expect(html.text.components(separatedBy: "<mark ").count - 1 >= count)
  }

  private func jsonlCount(_ record: [String: Any]) -> Int {
    (record["attributions"] as? [Any])?.count ?? 0
  }

  @Test(arguments: [("codepoints", 3, 4), ("utf8", 7, 10), ("utf16", 4, 5)])
  func offsetsFollowTheChosenUnit(unit: String, start: Int, end: Int) throws {
    let line = Sample.jsonLine(id: "u", text: "é😀 “Hello,” she said.")
    let output = try CLIRunner.run(["--offsets", unit, "-"], stdin: Data(line.utf8))
    let record = try #require(try CLIRunner.records(output).first)
    let quotes = try #require(record["quotes"] as? [[String: Any]])
    #expect(quotes.first?["open"] as? [Int] == [start, end])
  }

  @Test func closedPipeEndsQuietly() throws {
    let folder = try CLIRunner.temporaryFolder()
    let input = folder.appendingPathComponent("many.jsonl")
    try (0..<3000).map { Sample.jsonLine(id: "p\($0)", text: Sample.text($0)) }
      .joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
    let binary = try #require(CLIRunner.binary)
    let errors = folder.appendingPathComponent("stderr.txt")
    let output = try CLIRunner.shell(
      "/bin/sh", ["-c", "'\(binary.path)' -j 2 '\(input.path)' 2>'\(errors.path)' | head -n 2"])
    #expect(output.lines.count == 2)
    #expect(try String(contentsOf: errors, encoding: .utf8) == "")
    try? FileManager.default.removeItem(at: folder)
  }

  @Test func helpShowsExamplesAndVersionAndCompletionsWork() throws {
    let help = try CLIRunner.run(["--help"])
    #expect(help.status == 0)
    #expect(help.text.contains("Examples:"))
    #expect(help.text.contains("eval"))
    let version = try CLIRunner.run(["--version"])
    #expect(version.text == "0.1.0\n")
    let completion = try CLIRunner.run(["--generate-completion-script", "bash"])
    #expect(completion.status == 0)
    #expect(completion.text.contains("_extract"))
  }

  @Test func explainAndSegmentReadTheSameInputs() throws {
    let explain = try CLIRunner.run(["explain", "Fixtures/cli/small.jsonl"])
    #expect(explain.status == 0)
    #expect(explain.text.contains("s1: "))
    let segment = try CLIRunner.run(["segment", "Fixtures/cli/small.jsonl.gz"])
    #expect(segment.status == 0)
    #expect(segment.lines.count == 3)
  }
}

@Suite struct SignalTests {
  @Test func interruptStopsBetweenRecordsAndLeavesWholeLines() throws {
    let folder = try CLIRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    let input = folder.appendingPathComponent("many.jsonl")
    try (0..<20_000).map { Sample.jsonLine(id: "i\($0)", text: Sample.text($0)) }
      .joined(separator: "\n").write(to: input, atomically: true, encoding: .utf8)
    let output = folder.appendingPathComponent("out.jsonl")
    let binary = try #require(CLIRunner.binary)
    let process = Process()
    process.executableURL = binary
    process.arguments = ["-j", "2", input.path, "--output", output.path]
    process.standardError = FileHandle.nullDevice
    try process.run()
    // Interrupt once the run is under way (the first records are written).
    for _ in 0..<1000 {
      let size = (try? FileManager.default.attributesOfItem(atPath: output.path))?[.size] as? Int
      if (size ?? 0) > 0 { break }
      usleep(10_000)
    }
    process.interrupt()
    process.waitUntilExit()
    #expect(process.terminationStatus == 130)
    let data = try Data(contentsOf: output)
    #expect(data.isEmpty || data.last == 0x0A)
    let lines = data.split(separator: 0x0A)
    #expect(lines.count < 20_000)
    for (index, line) in lines.enumerated() {
      let record = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
      #expect(record?["id"] as? String == "i\(index)")
    }
  }

  @Test func progressBarShowsDocumentsAndThroughputWhenAsked() throws {
    let output = try CLIRunner.run(["--progress", "Fixtures/cli/small.jsonl"])
    #expect(output.status == 0)
    #expect(output.stderr.contains("3 docs"))
    #expect(output.stderr.contains("MB/s"))
    let quiet = try CLIRunner.run(["Fixtures/cli/small.jsonl"])
    #expect(quiet.stderr.isEmpty)
  }
}
