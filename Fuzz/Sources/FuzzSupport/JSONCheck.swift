/// A strict JSON reader that only says whether bytes are one JSON value (RFC 8259), and
/// decodes strings, to check what the writer produced without Foundation (slow under ASan).
public struct JSONCheck {
  private let bytes: [UInt8]
  private var index = 0
  private var depth = 0

  /// Whether `bytes` hold exactly one JSON value, with optional whitespace around it.
  public static func isValid(_ bytes: [UInt8]) -> Bool {
    var reader = JSONCheck(bytes: bytes)
    guard reader.value() else { return false }
    reader.skipSpace()
    return reader.index == bytes.count
  }

  /// The string of a JSON string literal that makes up all of `bytes`, or nil.
  public static func decodeString(_ bytes: [UInt8]) -> String? {
    var reader = JSONCheck(bytes: bytes)
    var scalars = String.UnicodeScalarView()
    guard reader.string(into: &scalars), reader.index == bytes.count else { return nil }
    return String(scalars)
  }

  private init(bytes: [UInt8]) { self.bytes = bytes }

  private var current: UInt8? { index < bytes.count ? bytes[index] : nil }

  private mutating func skipSpace() {
    while let byte = current, byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 {
      index += 1
    }
  }

  private mutating func literal(_ word: String) -> Bool {
    for byte in word.utf8 {
      guard current == byte else { return false }
      index += 1
    }
    return true
  }

  private mutating func value() -> Bool {
    skipSpace()
    guard let byte = current else { return false }
    switch byte {
    case UInt8(ascii: "{"): return container(close: UInt8(ascii: "}"), members: true)
    case UInt8(ascii: "["): return container(close: UInt8(ascii: "]"), members: false)
    case UInt8(ascii: "\""):
      var ignored = String.UnicodeScalarView()
      return string(into: &ignored)
    case UInt8(ascii: "t"): return literal("true")
    case UInt8(ascii: "f"): return literal("false")
    case UInt8(ascii: "n"): return literal("null")
    default: return number()
    }
  }

  private mutating func container(close: UInt8, members: Bool) -> Bool {
    depth += 1
    defer { depth -= 1 }
    guard depth < 64 else { return false }
    index += 1
    skipSpace()
    if current == close {
      index += 1
      return true
    }
    while true {
      if members {
        skipSpace()
        var ignored = String.UnicodeScalarView()
        guard current == UInt8(ascii: "\""), string(into: &ignored) else { return false }
        skipSpace()
        guard current == UInt8(ascii: ":") else { return false }
        index += 1
      }
      guard value() else { return false }
      skipSpace()
      if current == UInt8(ascii: ",") {
        index += 1
        continue
      }
      guard current == close else { return false }
      index += 1
      return true
    }
  }

  private mutating func digits() -> Int {
    var count = 0
    while let byte = current, byte >= 0x30 && byte <= 0x39 {
      index += 1
      count += 1
    }
    return count
  }

  private mutating func number() -> Bool {
    if current == UInt8(ascii: "-") { index += 1 }
    if current == UInt8(ascii: "0") {
      index += 1
    } else if digits() == 0 {
      return false
    }
    if current == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { return false }
    }
    if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
      index += 1
      if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { index += 1 }
      guard digits() > 0 else { return false }
    }
    return true
  }

  private mutating func hex4() -> UInt32? {
    guard index + 4 <= bytes.count else { return nil }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt8
      switch byte {
      case 0x30...0x39: digit = byte - 0x30
      case 0x61...0x66: digit = byte - 0x61 + 10
      case 0x41...0x46: digit = byte - 0x41 + 10
      default: return nil
      }
      value = value << 4 | UInt32(digit)
      index += 1
    }
    return value
  }

  private mutating func string(into scalars: inout String.UnicodeScalarView) -> Bool {
    guard current == UInt8(ascii: "\"") else { return false }
    index += 1
    var raw: [UInt8] = []
    func flush(_ scalars: inout String.UnicodeScalarView) -> Bool {
      guard let text = String(validating: raw, as: UTF8.self) else { return false }
      scalars.append(contentsOf: text.unicodeScalars)
      raw.removeAll(keepingCapacity: true)
      return true
    }
    while let byte = current {
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        return flush(&scalars)
      case 0..<0x20:
        return false
      case UInt8(ascii: "\\"):
        guard flush(&scalars), let escape = current else { return false }
        index += 1
        switch escape {
        case UInt8(ascii: "\""): scalars.append("\"")
        case UInt8(ascii: "\\"): scalars.append("\\")
        case UInt8(ascii: "/"): scalars.append("/")
        case UInt8(ascii: "b"): scalars.append("\u{8}")
        case UInt8(ascii: "f"): scalars.append("\u{C}")
        case UInt8(ascii: "n"): scalars.append("\n")
        case UInt8(ascii: "r"): scalars.append("\r")
        case UInt8(ascii: "t"): scalars.append("\t")
        case UInt8(ascii: "u"):
          guard let unit = hex4(), let scalar = Unicode.Scalar(unit) else { return false }
          scalars.append(scalar)
        default: return false
        }
      default:
        raw.append(byte)
      }
    }
    return false
  }
}
