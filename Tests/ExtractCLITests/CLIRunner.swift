import Foundation
import QuoteExtractionTestSupport
import Testing

/// Runs the built `extract` binary and captures what it writes.
struct CLIRunner {
  struct Output {
    var status: Int32
    var stdout: Data
    var stderr: String
    var text: String { String(decoding: stdout, as: UTF8.self) }
    var lines: [Substring] {
      text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    }
  }

  /// The binary beside the test bundle (`swift test` builds it: the test target depends on it).
  static var binary: URL? { Fixtures.extractBinary }

  static func run(
    _ arguments: [String], stdin: Data? = nil, sourceLocation: SourceLocation = #_sourceLocation
  ) throws -> Output {
    let binary = try #require(
      Self.binary, "extract binary not found", sourceLocation: sourceLocation)
    return try shell(binary.path, arguments, stdin: stdin)
  }

  static func shell(_ path: String, _ arguments: [String], stdin: Data? = nil) throws -> Output {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.currentDirectoryURL = Fixtures.root
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    // NB: read both pipes while the process runs, or a full pipe blocks it.
    nonisolated(unsafe) var errData = Data()
    let errThread = Thread { errData = err.fileHandleForReading.readToEndRetryingInterrupts() }
    errThread.start()
    if let stdin { input.fileHandleForWriting.write(stdin) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readToEndRetryingInterrupts()
    process.waitUntilExit()
    while !errThread.isFinished { usleep(1000) }
    return Output(
      status: process.terminationStatus, stdout: outData,
      stderr: String(decoding: errData, as: UTF8.self))
  }

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "extract-cli-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Compares `actual` with `Fixtures/cli/<name>`; RECORD_GOLDENS=1 rewrites it, and a missing
  /// golden is written and the test fails.
  static func expectGolden(
    _ actual: String, _ name: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let url = Fixtures.url("cli/\(name)")
    let record = ProcessInfo.processInfo.environment["RECORD_GOLDENS"] == "1"
    guard !record, let expected = try? String(contentsOf: url, encoding: .utf8) else {
      try actual.write(to: url, atomically: true, encoding: .utf8)
      Issue.record("golden \(name) written; check it and run again", sourceLocation: sourceLocation)
      return
    }
    #expect(actual == expected, "differs from golden \(name)", sourceLocation: sourceLocation)
  }

  /// Parses JSON Lines output.
  static func records(_ output: Output) throws -> [[String: Any]] {
    try output.lines.map { line in
      try #require(JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
    }
  }
}
