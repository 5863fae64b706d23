import Foundation
import QuoteExtraction

/// One document to process, or the reason a record could not become one.
struct InputRecord {
  var id: String
  var text: [UInt8]?
  var error: (code: String, message: String)?
  var line: Int?
}

/// Reads text files and JSON Lines files into records.
enum InputReader {
  static func records(
    from inputs: [String], textField: String, idField: String, _ body: (InputRecord) throws -> Void
  ) throws {
    let paths = inputs.isEmpty ? ["-"] : inputs
    for path in paths {
      let data: Data
      if path == "-" {
        data = FileHandle.standardInput.readDataToEndOfFile()
      } else {
        guard let contents = FileManager.default.contents(atPath: path) else {
          try body(InputRecord(id: path, error: ("unreadable", "cannot read \(path)")))
          continue
        }
        data = contents
      }
      if isJSONLines(path: path, data: data) {
        var lineNumber = 0
        for line in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
          lineNumber += 1
          if line.allSatisfy({ $0 == 0x20 || $0 == 0x0D || $0 == 0x09 }) { continue }
          try body(
            record(
              line: Data(line), number: lineNumber, path: path, textField: textField,
              idField: idField))
        }
      } else {
        try body(InputRecord(id: path, text: Array(data)))
      }
    }
  }

  static func isJSONLines(path: String, data: Data) -> Bool {
    if path.hasSuffix(".jsonl") || path.hasSuffix(".ndjson") { return true }
    if path.hasSuffix(".txt") { return false }
    return data.first == UInt8(ascii: "{")
  }

  static func record(line: Data, number: Int, path: String, textField: String, idField: String)
    -> InputRecord
  {
    let fallbackID = "\(path):\(number)"
    guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any] else {
      return InputRecord(id: fallbackID, error: ("bad-json", "not a JSON object"), line: number)
    }
    let id = (object[idField] as? String) ?? (object[idField].map { "\($0)" }) ?? fallbackID
    guard let text = object[textField] as? String else {
      return InputRecord(
        id: id, error: ("missing-text", "no string field \"\(textField)\""), line: number)
    }
    return InputRecord(id: id, text: Array(text.utf8), line: number)
  }
}
