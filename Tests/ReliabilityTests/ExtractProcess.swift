import Foundation
import QuoteExtractionTestSupport
import Testing

/// The built `extract` binary, run as a separate process the way a corpus job runs it.
enum ExtractProcess {
  /// The binary beside the test bundle (`swift test` builds it: this target depends on it).
  static var binary: URL? { Fixtures.extractBinary }

  /// Whether this `extract` processes records in parallel (`-j N`).
  static let hasJobs: Bool = {
    guard let output = try? run(["run", "--help"]) else { return false }
    return String(decoding: output.stdout, as: UTF8.self).contains("--jobs")
  }()

  struct Output {
    var status: Int32
    var reason: Process.TerminationReason
    var stdout: Data
    var stderr: Data

    /// The lines of standard output (without the final newline).
    var lines: [Data] {
      var lines = stdout.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
      if lines.last?.isEmpty == true { lines.removeLast() }
      return lines.map { Data($0) }
    }
  }

  /// Runs `extract` with `arguments` to the end; standard input is empty.
  static func run(_ arguments: [String]) throws -> Output {
    let binary = try #require(binary, "extract binary not found")
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = FileHandle.nullDevice
    try process.run()
    // NB: drain standard error on another thread, or a full pipe blocks the child.
    nonisolated(unsafe) var errData = Data()
    let reader = Thread { errData = err.fileHandleForReading.readToEndRetryingInterrupts() }
    reader.start()
    let outData = out.fileHandleForReading.readToEndRetryingInterrupts()
    process.waitUntilExit()
    while !reader.isFinished { usleep(1_000) }
    return Output(
      status: process.terminationStatus, reason: process.terminationReason, stdout: outData,
      stderr: errData)
  }

  /// A fresh temporary folder.
  static func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "qx-reliability-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// Parses one output line as a JSON object.
  static func object(_ line: Data) -> [String: Any]? {
    (try? JSONSerialization.jsonObject(with: line)) as? [String: Any]
  }
}
