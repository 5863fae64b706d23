import Foundation
import QuoteExtractionTestSupport

/// Runs a built example program and captures what it prints.
enum ExampleRunner {
  /// The repository root, found from this file's path.
  static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  /// The AP example text shipped with the package.
  static let apExample = root.appendingPathComponent("Fixtures/examples/ap-mexico-migration.txt")

  /// The built binary `name` beside the test bundle (`swift test` builds it: this target depends
  /// on every example), or nil when it is not there.
  static func binary(_ name: String) -> URL? {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    for _ in 0..<4 {
      let candidate = folder.appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      folder = folder.deletingLastPathComponent()
    }
    let debug = root.appendingPathComponent(".build/debug/\(name)")
    return FileManager.default.isExecutableFile(atPath: debug.path) ? debug : nil
  }

  /// Runs `binary` with `arguments` from the repository root; returns its status and stdout.
  static func run(_ binary: URL, _ arguments: [String] = []) throws -> (status: Int32, out: String)
  {
    let process = Process()
    process.executableURL = binary
    process.arguments = arguments
    process.currentDirectoryURL = root
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    try process.run()
    // NB: read before waiting, or a full pipe blocks the program.
    let data = out.fileHandleForReading.readToEndRetryingInterrupts()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: data, as: UTF8.self))
  }
}
