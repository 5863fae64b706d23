import Foundation

/// Bytes from a file descriptor, inflated on the fly when they are gzip data.
///
/// The first bytes are read ahead so that gzip data (magic `1f 8b`) and JSON Lines can be told
/// apart on any input, standard input included.
final class ByteStream {
  /// The path as given (`-` for standard input).
  let path: String
  /// The file's size on disk, when it is a regular file.
  let size: Int?
  /// Bytes read from the descriptor so far (compressed bytes for gzip input).
  private(set) var consumed = 0
  private let fd: Int32
  private let ownsDescriptor: Bool
  private var prefix: [UInt8] = []
  private var prefixOffset = 0
  private var inflater: Inflater?
  private var rawEOF = false

  /// Opens `path` (`-` is standard input).
  init(path: String) throws {
    self.path = path
    if path == "-" {
      fd = 0
      ownsDescriptor = false
    } else {
      let opened = open(path, O_RDONLY)
      guard opened >= 0 else {
        let reason = String(cString: strerror(errno))
        throw InputError(
          code: errno == ENOENT ? "not-found" : "unreadable",
          message: "cannot open \(path): \(reason)")
      }
      fd = opened
      ownsDescriptor = true
    }
    var info = stat()
    if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG {
      size = Int(info.st_size)
    } else if fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFDIR {
      if ownsDescriptor { close(fd) }
      throw InputError(code: "unreadable", message: "\(path) is a folder")
    } else {
      size = nil
    }
    prefix = [UInt8](repeating: 0, count: 4096)
    let count = prefix.withUnsafeMutableBytes { rawRead(into: $0) }
    guard count >= 0 else {
      if ownsDescriptor { close(fd) }
      throw InputError(code: "unreadable", message: "cannot read \(path)")
    }
    prefix.removeSubrange(count...)
    if prefix.count >= 2 && prefix[0] == 0x1F && prefix[1] == 0x8B {
      inflater = try Inflater(path: path)
    }
  }

  deinit {
    if ownsDescriptor { close(fd) }
  }

  /// Whether the input is gzip data.
  var isGzip: Bool { inflater != nil }

  /// The first plain bytes (after inflating), for sniffing; consumed later by `read(into:)`.
  func peek() throws -> [UInt8] {
    if inflater == nil { return Array(prefix[prefixOffset...]) }
    var head = [UInt8](repeating: 0, count: 4096)
    let count = try head.withUnsafeMutableBytes { buffer in
      try read(into: buffer)
    }
    head.removeSubrange(count...)
    pushedBack = head + pushedBack
    return head
  }

  private var pushedBack: [UInt8] = []

  /// Reads plain bytes into `buffer`; returns 0 at the end of the input.
  func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    if !pushedBack.isEmpty {
      let count = min(buffer.count, pushedBack.count)
      pushedBack.withUnsafeBytes { source in
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[0..<count]))
      }
      pushedBack.removeFirst(count)
      return count
    }
    guard let inflater else { return try readRaw(into: buffer) }
    return try inflater.inflate(into: buffer) { raw in
      try readRaw(into: raw)
    }
  }

  private func readRaw(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
    if prefixOffset < prefix.count {
      let count = min(buffer.count, prefix.count - prefixOffset)
      let range = prefixOffset..<(prefixOffset + count)
      prefix.withUnsafeBytes { source in
        buffer.copyMemory(from: UnsafeRawBufferPointer(rebasing: source[range]))
      }
      prefixOffset += count
      return count
    }
    if rawEOF { return 0 }
    let count = rawRead(into: buffer)
    guard count >= 0 else {
      throw InputError(
        code: "unreadable", message: "cannot read \(path): \(String(cString: strerror(errno)))")
    }
    if count == 0 { rawEOF = true }
    return count
  }

  private func rawRead(into buffer: UnsafeMutableRawBufferPointer) -> Int {
    while true {
      let count = Foundation.read(fd, buffer.baseAddress, buffer.count)
      if count < 0 && errno == EINTR {
        if Signals.wasInterrupted { return 0 }
        continue
      }
      if count > 0 { consumed += count }
      return count
    }
  }
}
