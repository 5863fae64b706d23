/// A JSON value that remembers where it was written, so rule-pack errors can point at it.
///
/// NB: Foundation's JSON parser drops positions, which the loader needs for `file:line:column`
/// messages; this small recursive-descent parser keeps them. Nesting is bounded, so a hostile
/// file cannot overflow the stack.
struct RuleJSON: Sendable {
  enum Value: Sendable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([RuleJSON])
    /// Members in file order, each with the position of its key.
    case object([(key: String, keyOffset: Int, value: RuleJSON)])
  }

  /// The value.
  let value: Value
  /// The UTF-8 byte offset of the value's first character in the file.
  let offset: Int

  var string: String? {
    if case .string(let text) = value { return text }
    return nil
  }

  var number: Double? {
    if case .number(let number) = value { return number }
    return nil
  }

  var bool: Bool? {
    if case .bool(let flag) = value { return flag }
    return nil
  }

  var array: [RuleJSON]? {
    if case .array(let items) = value { return items }
    return nil
  }

  var members: [(key: String, keyOffset: Int, value: RuleJSON)]? {
    if case .object(let members) = value { return members }
    return nil
  }

  /// Parses a whole file.
  static func parse(_ bytes: [UInt8]) throws(RuleError.Located) -> RuleJSON {
    var parser = Parser(bytes: bytes)
    parser.skipSpace()
    let value = try parser.value(depth: 0)
    parser.skipSpace()
    if parser.position < bytes.count {
      throw RuleError.Located(
        offset: parser.position, message: "unexpected text after the JSON value")
    }
    return value
  }

  private struct Parser {
    let bytes: [UInt8]
    var position = 0

    mutating func skipSpace() {
      while position < bytes.count {
        switch bytes[position] {
        case 0x20, 0x09, 0x0A, 0x0D: position += 1
        default: return
        }
      }
    }

    func fail(_ message: String) -> RuleError.Located {
      RuleError.Located(offset: position, message: message)
    }

    mutating func value(depth: Int) throws(RuleError.Located) -> RuleJSON {
      guard depth < 64 else { throw fail("JSON nested too deeply") }
      guard position < bytes.count else { throw fail("unexpected end of file") }
      let start = position
      switch bytes[position] {
      case UInt8(ascii: "{"):
        position += 1
        var members: [(key: String, keyOffset: Int, value: RuleJSON)] = []
        skipSpace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "}") {
          position += 1
          return RuleJSON(value: .object(members), offset: start)
        }
        while true {
          skipSpace()
          let keyOffset = position
          guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else {
            throw fail("expected a quoted key")
          }
          let key = try string()
          skipSpace()
          guard position < bytes.count, bytes[position] == UInt8(ascii: ":") else {
            throw fail("expected ':' after the key")
          }
          position += 1
          skipSpace()
          let item = try value(depth: depth + 1)
          members.append((key, keyOffset, item))
          skipSpace()
          guard position < bytes.count else { throw fail("unexpected end of file in an object") }
          if bytes[position] == UInt8(ascii: ",") {
            position += 1
            continue
          }
          if bytes[position] == UInt8(ascii: "}") {
            position += 1
            return RuleJSON(value: .object(members), offset: start)
          }
          throw fail("expected ',' or '}'")
        }
      case UInt8(ascii: "["):
        position += 1
        var items: [RuleJSON] = []
        skipSpace()
        if position < bytes.count && bytes[position] == UInt8(ascii: "]") {
          position += 1
          return RuleJSON(value: .array(items), offset: start)
        }
        while true {
          skipSpace()
          items.append(try value(depth: depth + 1))
          skipSpace()
          guard position < bytes.count else { throw fail("unexpected end of file in an array") }
          if bytes[position] == UInt8(ascii: ",") {
            position += 1
            continue
          }
          if bytes[position] == UInt8(ascii: "]") {
            position += 1
            return RuleJSON(value: .array(items), offset: start)
          }
          throw fail("expected ',' or ']'")
        }
      case UInt8(ascii: "\""):
        return RuleJSON(value: .string(try string()), offset: start)
      case UInt8(ascii: "t"):
        try literal("true")
        return RuleJSON(value: .bool(true), offset: start)
      case UInt8(ascii: "f"):
        try literal("false")
        return RuleJSON(value: .bool(false), offset: start)
      case UInt8(ascii: "n"):
        try literal("null")
        return RuleJSON(value: .null, offset: start)
      default:
        return RuleJSON(value: .number(try number()), offset: start)
      }
    }

    mutating func literal(_ word: String) throws(RuleError.Located) {
      let expected = Array(word.utf8)
      guard position + expected.count <= bytes.count,
        Array(bytes[position..<position + expected.count]) == expected
      else { throw fail("unknown literal (expected \(word))") }
      position += expected.count
    }

    mutating func number() throws(RuleError.Located) -> Double {
      let start = position
      while position < bytes.count && Self.isNumberByte(bytes[position]) { position += 1 }
      let text = String(decoding: bytes[start..<position], as: UTF8.self)
      guard !text.isEmpty, let number = Double(text) else {
        position = start
        throw fail("expected a JSON value")
      }
      return number
    }

    static func isNumberByte(_ byte: UInt8) -> Bool {
      switch byte {
      case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"),
        UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"):
        return true
      default: return false
      }
    }

    mutating func string() throws(RuleError.Located) -> String {
      position += 1
      var run = position
      var result = ""
      while position < bytes.count {
        let byte = bytes[position]
        if byte == UInt8(ascii: "\"") {
          result += String(decoding: bytes[run..<position], as: UTF8.self)
          position += 1
          return result
        }
        if byte == UInt8(ascii: "\\") {
          result += String(decoding: bytes[run..<position], as: UTF8.self)
          position += 1
          guard position < bytes.count else { break }
          let escaped = bytes[position]
          position += 1
          switch escaped {
          case UInt8(ascii: "n"): result += "\n"
          case UInt8(ascii: "t"): result += "\t"
          case UInt8(ascii: "r"): result += "\r"
          case UInt8(ascii: "b"): result += "\u{8}"
          case UInt8(ascii: "f"): result += "\u{C}"
          case UInt8(ascii: "u"):
            guard position + 4 <= bytes.count,
              let code = UInt32(
                String(decoding: bytes[position..<position + 4], as: UTF8.self), radix: 16)
            else { throw fail("bad \\u escape") }
            position += 4
            result.unicodeScalars.append(Unicode.Scalar(code) ?? "\u{FFFD}")
          default: result.unicodeScalars.append(Unicode.Scalar(escaped))
          }
          run = position
          continue
        }
        if byte < 0x20 { throw fail("control character in a string") }
        position += 1
      }
      throw fail("unterminated string")
    }
  }
}
