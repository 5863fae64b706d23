import ArgumentParser
import Foundation

/// How inputs are read: by their name and first bytes (`auto`), or forced.
enum InputMode: String, ExpressibleByArgument, CaseIterable {
  case auto, text, jsonl
}

/// One input record before parsing: a JSON line, a whole text document, or a failure to read.
///
/// Parsing (JSON, UTF-8 checks) happens later, on the worker threads.
enum RawInput: Sendable {
  case jsonLine(source: String, line: Int, bytes: [UInt8])
  case document(id: String, bytes: [UInt8])
  case failure(id: String, code: String, message: String, line: Int?)
}

/// Reads the inputs one record at a time: files, folders (recursively), gzip, standard input.
///
/// Only one file is open at a time, and JSON Lines are read line by line, so memory does not
/// depend on the size of the corpus.
final class InputReader: IteratorProtocol {
  /// The suffixes of the files taken from folders.
  static let folderSuffixes = [".txt", ".jsonl", ".ndjson"]

  private let mode: InputMode
  private let maxDocumentBytes: Int
  private var paths: [String]
  private var pathIndex = 0
  private var current: (stream: ByteStream, lines: LineReader)?
  private var finishedBytes = 0
  /// The total size on disk of the inputs, when every input is a regular file.
  let totalBytes: Int?

  init(inputs: [String], mode: InputMode, maxDocumentBytes: Int) {
    self.mode = mode
    self.maxDocumentBytes = maxDocumentBytes
    var expanded: [String] = []
    for input in inputs {
      var isFolder: ObjCBool = false
      if input != "-" && FileManager.default.fileExists(atPath: input, isDirectory: &isFolder)
        && isFolder.boolValue
      {
        expanded.append(contentsOf: Self.files(in: input))
      } else {
        expanded.append(input)
      }
    }
    paths = expanded
    var total = 0
    var known = true
    for path in expanded {
      if path == "-" {
        known = false
        continue
      }
      if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int {
        total += size
      }
    }
    totalBytes = known ? total : nil
  }

  /// The `.txt`, `.jsonl` and `.ndjson` files (optionally gzipped) under a folder, sorted.
  static func files(in folder: String) -> [String] {
    guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return [] }
    var found: [String] = []
    while let relative = enumerator.nextObject() as? String {
      let name = relative.hasSuffix(".gz") ? String(relative.dropLast(3)) : relative
      guard folderSuffixes.contains(where: { name.hasSuffix($0) }) else { continue }
      let path = folder.hasSuffix("/") ? folder + relative : folder + "/" + relative
      var isFolder: ObjCBool = false
      if FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue {
        found.append(path)
      }
    }
    return found.sorted()
  }

  /// Bytes read from disk so far (compressed bytes for gzip), for progress.
  var consumedBytes: Int { finishedBytes + (current?.stream.consumed ?? 0) }

  func next() -> RawInput? {
    while true {
      if let (stream, lines) = current {
        do {
          if let line = try lines.next() {
            switch line {
            case .bytes(let bytes):
              if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
              return .jsonLine(source: stream.path, line: lines.lineNumber, bytes: bytes)
            case .tooLong(let count):
              return .failure(
                id: Self.lineID(stream.path, lines.lineNumber), code: "too-large",
                message:
                  "line of \(count) bytes is over the limit of \(maxDocumentBytes) bytes (--max-document-bytes)",
                line: lines.lineNumber)
            }
          }
        } catch {
          finish()
          let failure = InputError.from(error)
          return .failure(
            id: Self.lineID(stream.path, lines.lineNumber + 1), code: failure.code,
            message: failure.message, line: lines.lineNumber + 1)
        }
        finish()
        continue
      }
      guard pathIndex < paths.count else { return nil }
      let path = paths[pathIndex]
      pathIndex += 1
      let stream: ByteStream
      do {
        stream = try ByteStream(path: path)
        if try isJSONLines(stream) {
          current = (stream, LineReader(stream: stream, maxLineBytes: maxDocumentBytes))
          continue
        }
        let bytes = try readDocument(stream)
        finishedBytes += stream.consumed
        return bytes
      } catch {
        let failure = InputError.from(error)
        return .failure(
          id: Self.documentID(path), code: failure.code, message: failure.message, line: nil)
      }
    }
  }

  private func finish() {
    if let (stream, _) = current { finishedBytes += stream.consumed }
    current = nil
  }

  static func documentID(_ path: String) -> String { path == "-" ? "stdin" : path }

  static func lineID(_ path: String, _ line: Int) -> String { "\(documentID(path)):\(line)" }

  private func isJSONLines(_ stream: ByteStream) throws -> Bool {
    switch mode {
    case .text: return false
    case .jsonl: return true
    case .auto:
      let name = stream.path.hasSuffix(".gz") ? String(stream.path.dropLast(3)) : stream.path
      if name.hasSuffix(".jsonl") || name.hasSuffix(".ndjson") { return true }
      if name.hasSuffix(".txt") { return false }
      let head = try stream.peek()
      let first = head.first { !($0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D) }
      return first == UInt8(ascii: "{")
    }
  }

  private func readDocument(_ stream: ByteStream) throws -> RawInput {
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 1 << 16)
    while true {
      let count = try chunk.withUnsafeMutableBytes { raw in
        try stream.read(into: raw)
      }
      if count == 0 { break }
      bytes.append(contentsOf: chunk[0..<count])
      if bytes.count > maxDocumentBytes {
        return .failure(
          id: Self.documentID(stream.path), code: "too-large",
          message:
            "document is over the limit of \(maxDocumentBytes) bytes (--max-document-bytes)",
          line: nil)
      }
    }
    return .document(id: Self.documentID(stream.path), bytes: bytes)
  }
}

/// One document to process, or the reason a record could not become one (the record-by-record
/// interface of the first version, kept for the subcommands written against it).
struct InputRecord {
  var id: String
  var text: [UInt8]?
  var error: (code: String, message: String)?
  var line: Int?
}

extension InputReader {
  /// Reads every record of `inputs` in order on this thread, checked and decoded.
  /// - Throws: `ExitCode(130)` after SIGINT (see ``Signals``), or what `body` throws.
  static func records(
    from inputs: [String], textField: String, idField: String, mode: InputMode = .auto,
    maxDocumentBytes: Int = 64 << 20, _ body: (InputRecord) throws -> Void
  ) throws {
    let parser = JSONLineParser(textField: textField, idField: idField, keepFields: [])
    let reader = InputReader(
      inputs: inputs.isEmpty ? ["-"] : inputs, mode: mode, maxDocumentBytes: maxDocumentBytes)
    while let input = reader.next() {
      // NB: after SIGINT, stop between records; the callers' sinks flush whole records.
      if Signals.wasInterrupted { throw ExitCode(130) }
      switch RecordProcessor.decode(input, parser: parser) {
      case .success(let document):
        try body(InputRecord(id: document.id, text: document.text, line: document.line))
      case .failure(let failure):
        try body(
          InputRecord(
            id: failure.id, error: (failure.code, failure.message), line: failure.line))
      }
    }
  }
}
