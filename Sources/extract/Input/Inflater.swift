import CZlib

/// A zlib inflater for gzip data, including files made of several gzip members (`cat a.gz b.gz`).
final class Inflater {
  private var stream = z_stream()
  private var input = [UInt8](repeating: 0, count: 1 << 16)
  private var inputEnd = 0
  private var inMember = false
  private var inputEOF = false
  private var finished = false
  private let path: String

  init(path: String) throws {
    self.path = path
    // NB: window bits 15 + 32 accepts both zlib and gzip headers.
    let status = inflateInit2_(
      &stream, 15 + 32, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size))
    guard status == Z_OK else {
      throw InputError(code: "bad-gzip", message: "cannot start inflating \(path)")
    }
  }

  deinit { inflateEnd(&stream) }

  func inflate(
    into buffer: UnsafeMutableRawBufferPointer,
    readRaw: (UnsafeMutableRawBufferPointer) throws -> Int
  ) throws -> Int {
    guard !finished, let base = buffer.baseAddress else { return 0 }
    var produced = 0
    while produced == 0 {
      if stream.avail_in == 0 && !inputEOF {
        let count = try input.withUnsafeMutableBytes { raw in
          try readRaw(raw)
        }
        if count == 0 { inputEOF = true }
        inputEnd = count
        stream.avail_in = UInt32(count)
      }
      if stream.avail_in == 0 && inputEOF {
        finished = true
        if inMember {
          throw InputError(code: "bad-gzip", message: "\(path): truncated gzip data")
        }
        return 0
      }
      let end = inputEnd
      let status: Int32 = input.withUnsafeMutableBufferPointer { inputBuffer in
        guard let inputBase = inputBuffer.baseAddress else { return Z_STREAM_ERROR }
        stream.next_in = inputBase.advanced(by: end - Int(stream.avail_in))
        stream.next_out = base.assumingMemoryBound(to: Bytef.self)
        stream.avail_out = UInt32(buffer.count)
        let status = CZlib.inflate(&stream, Z_NO_FLUSH)
        produced = buffer.count - Int(stream.avail_out)
        return status
      }
      switch status {
      case Z_OK:
        inMember = true
      case Z_STREAM_END:
        // NB: another gzip member may follow; start over on the remaining input.
        inflateReset(&stream)
        inMember = false
      case Z_BUF_ERROR:
        if inputEOF && produced == 0 {
          throw InputError(code: "bad-gzip", message: "\(path): truncated gzip data")
        }
      default:
        throw InputError(code: "bad-gzip", message: "\(path): invalid gzip data")
      }
    }
    return produced
  }
}
