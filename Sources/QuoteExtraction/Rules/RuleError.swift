/// An error in a rule pack or lexicon, located as `file:line:column` with the offending line and
/// a caret under the column.
struct RuleError: Error, Sendable, CustomStringConvertible {
  /// An error known only by its byte offset in a file, before the file is named.
  struct Located: Error, Sendable {
    var offset: Int
    var message: String
  }

  var file: String
  var line: Int
  var column: Int
  var lineText: String
  var message: String

  /// Locates `offset` in `bytes` (lines and columns count from 1; columns in characters).
  init(file: String, bytes: [UInt8], offset: Int, message: String) {
    let offset = min(max(0, offset), bytes.count)
    var lineStart = 0
    var line = 1
    for index in 0..<offset where bytes[index] == UInt8(ascii: "\n") {
      line += 1
      lineStart = index + 1
    }
    var lineEnd = offset
    while lineEnd < bytes.count && bytes[lineEnd] != UInt8(ascii: "\n") { lineEnd += 1 }
    self.file = file
    self.line = line
    self.column = String(decoding: bytes[lineStart..<offset], as: UTF8.self).count + 1
    self.lineText = String(decoding: bytes[lineStart..<lineEnd], as: UTF8.self)
    self.message = message
  }

  init(file: String, bytes: [UInt8], _ located: Located) {
    self.init(file: file, bytes: bytes, offset: located.offset, message: located.message)
  }

  var description: String {
    let caret = String(repeating: " ", count: max(0, column - 1)) + "^"
    return "\(file):\(line):\(column): error: \(message)\n\(lineText)\n\(caret)"
  }
}
