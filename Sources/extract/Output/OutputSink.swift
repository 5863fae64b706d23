import Foundation

/// Writes whole records to standard output or a file, with `write(2)`, never half a record.
///
/// Records are buffered (up to 64 KiB) and flushed whole. A closed pipe (`| head`) ends the
/// process quietly; SIGINT is noticed between records (see ``Signals``).
final class OutputSink {
  private let fd: Int32
  private var buffer: [UInt8] = []
  private let limit = 1 << 16
  /// Whether the output is a terminal (records then go out at once).
  let isTerminal: Bool

  /// Standard output, or `path` (created or truncated).
  init(path: String?) throws {
    if let path, path != "-" {
      let opened = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
      guard opened >= 0 else {
        throw OutputError(message: "cannot write \(path): \(String(cString: strerror(errno)))")
      }
      fd = opened
    } else {
      fd = 1
    }
    isTerminal = isatty(fd) == 1
    buffer.reserveCapacity(limit * 2)
  }

  deinit {
    flush()
    if fd != 1 { close(fd) }
  }

  /// Queues one whole record.
  ///
  /// A record of half the buffer or more goes out from its own bytes after what is queued,
  /// rather than copied into the buffer first (news records run to tens of KiB).
  func write(_ bytes: [UInt8]) {
    if bytes.count >= limit / 2 {
      flush()
      writeAll(bytes)
      return
    }
    buffer.append(contentsOf: bytes)
    if buffer.count >= limit || isTerminal { flush() }
  }

  /// Writes everything queued.
  func flush() {
    writeAll(buffer)
    buffer.removeAll(keepingCapacity: true)
  }

  private func writeAll(_ bytes: [UInt8]) {
    var offset = 0
    while offset < bytes.count {
      let written = bytes.withUnsafeBytes { raw in
        Foundation.write(fd, raw.baseAddress?.advanced(by: offset), raw.count - offset)
      }
      if written < 0 {
        if errno == EINTR { continue }
        if errno == EPIPE { exit(0) }
        FileHandle.standardError.write(
          Data("extract: write failed: \(String(cString: strerror(errno)))\n".utf8))
        exit(1)
      }
      offset += written
    }
  }
}

/// An output that cannot be opened.
struct OutputError: Error, CustomStringConvertible {
  var message: String
  var description: String { message }
}
