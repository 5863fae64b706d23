import Foundation

/// Reads a ``ByteStream`` line by line with a fixed-size buffer.
///
/// A line longer than `maxLineBytes` is skipped to its end without being kept, and reported as
/// `.tooLong`: memory stays bounded by the limit whatever the input.
final class LineReader {
  /// One line (without its `\n` or `\r\n`), or the length of a line that was too long.
  enum Line {
    case bytes([UInt8])
    case tooLong(Int)
  }

  private let stream: ByteStream
  private let maxLineBytes: Int
  private var buffer: [UInt8]
  private var start = 0
  private var end = 0
  private var eof = false
  /// The number of the last line returned, from 1.
  private(set) var lineNumber = 0

  init(stream: ByteStream, maxLineBytes: Int, chunkSize: Int = 1 << 20) {
    self.stream = stream
    self.maxLineBytes = maxLineBytes
    buffer = [UInt8](repeating: 0, count: max(chunkSize, 4096))
  }

  /// The next line, or nil at the end of the input.
  func next() throws -> Line? {
    var skipped = 0
    var skipping = false
    while true {
      if let newline = findNewline() {
        lineNumber += 1
        if skipping {
          skipped += newline - start
          start = newline + 1
          return .tooLong(skipped)
        }
        var lineEnd = newline
        if lineEnd > start && buffer[lineEnd - 1] == 0x0D { lineEnd -= 1 }
        let line = Array(buffer[start..<lineEnd])
        start = newline + 1
        return .bytes(line)
      }
      if skipping || end - start > maxLineBytes {
        skipping = true
        skipped += end - start
        start = 0
        end = 0
      }
      if eof {
        guard skipping || end > start else { return nil }
        lineNumber += 1
        if skipping {
          start = end
          return .tooLong(skipped)
        }
        let line = Array(buffer[start..<end])
        start = end
        return .bytes(line)
      }
      try fill()
    }
  }

  private func findNewline() -> Int? {
    guard end > start else { return nil }
    return buffer.withUnsafeBytes { raw -> Int? in
      guard let base = raw.baseAddress,
        let found = memchr(base.advanced(by: start), 0x0A, end - start)
      else { return nil }
      return base.distance(to: UnsafeRawPointer(found))
    }
  }

  private func fill() throws {
    if start > 0 {
      if end > start {
        buffer.withUnsafeMutableBytes { raw in
          guard let base = raw.baseAddress else { return }
          memmove(base, base.advanced(by: start), end - start)
        }
      }
      end -= start
      start = 0
    }
    if end == buffer.count {
      // NB: grows only while the line is within the limit (checked by the caller), and not
      // much past the limit, so a huge line costs about the limit in memory, not its length.
      let grown = max(min(buffer.count * 2, maxLineBytes + 4097), buffer.count + 4096)
      buffer.append(contentsOf: repeatElement(0, count: grown - buffer.count))
    }
    let range = end..<buffer.count
    let count = try buffer.withUnsafeMutableBytes { raw in
      try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: raw[range]))
    }
    if count == 0 { eof = true }
    end += count
  }
}
