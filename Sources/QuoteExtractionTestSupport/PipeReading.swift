import Foundation

#if canImport(Glibc)
  import Glibc
  private let systemRead = Glibc.read
#elseif canImport(Darwin)
  import Darwin
  private let systemRead = Darwin.read
#endif

extension FileHandle {
  /// Reads until the end of the file, retrying reads that a signal interrupts.
  ///
  /// NB: Foundation's `readDataToEndOfFile()` and `availableData` stop the process on EINTR (a
  /// `try!` inside); on a busy machine a child's SIGCHLD can interrupt a read of its pipe.
  public func readToEndRetryingInterrupts() -> Data {
    var data = Data()
    while true {
      let chunk = readSomeRetryingInterrupts()
      if chunk.isEmpty { return data }
      data.append(chunk)
    }
  }

  /// Reads what is there, waiting for at least one byte; empty at the end of the file (or on a
  /// read error). Interrupted reads are retried.
  public func readSomeRetryingInterrupts() -> Data {
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while true {
      let count = buffer.withUnsafeMutableBytes {
        systemRead(fileDescriptor, $0.baseAddress, $0.count)
      }
      if count >= 0 { return Data(buffer[0..<count]) }
      if errno != EINTR { return Data() }
    }
  }
}
