import Foundation

/// A JSON value for the eval figures, printed as Python's `json.dump(indent=1, sort_keys=True)`.
enum JSONValue: Equatable {
  case int(Int)
  case double(Double)
  case string(String)
  case null
  case object([String: JSONValue])

  subscript(_ key: String) -> JSONValue? {
    if case .object(let members) = self { return members[key] }
    return nil
  }

  var double: Double? {
    switch self {
    case .double(let value): value
    case .int(let value): Double(value)
    default: nil
    }
  }

  var int: Int? {
    if case .int(let value) = self { return value }
    return nil
  }

  /// The text of `json.dumps(value, indent=1, sort_keys=True)`.
  func pythonJSON(indent: Int = 0) -> String {
    switch self {
    case .int(let value): return String(value)
    case .double(let value): return Self.pythonRepr(value)
    case .string(let value): return Self.quoted(value)
    case .null: return "null"
    case .object(let members):
      guard !members.isEmpty else { return "{}" }
      let inner = String(repeating: " ", count: indent + 1)
      let lines = members.keys.sorted().map { key in
        inner + Self.quoted(key) + ": " + (members[key] ?? .null).pythonJSON(indent: indent + 1)
      }
      return "{\n" + lines.joined(separator: ",\n") + "\n" + String(repeating: " ", count: indent)
        + "}"
    }
  }

  /// Python's `repr(float)`: the shortest round-trip digits, with `.0` on whole numbers.
  static func pythonRepr(_ value: Double) -> String {
    if value.isNaN { return "NaN" }
    if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
    var text = "\(value)"
    if text.contains("e") {
      // Swift writes 1e-05 as "1e-05" like Python; Python adds "+" to positive exponents.
      if let range = text.range(of: "e"), text[range.upperBound...].first != "-",
        text[range.upperBound...].first != "+"
      {
        text.insert("+", at: range.upperBound)
      }
    }
    return text
  }

  /// A JSON string with non-ASCII escaped, as Python's `ensure_ascii` does.
  static func quoted(_ value: String) -> String {
    var out = "\""
    for unit in value.utf16 {
      switch unit {
      case 0x22: out += "\\\""
      case 0x5C: out += "\\\\"
      case 0x0A: out += "\\n"
      case 0x0D: out += "\\r"
      case 0x09: out += "\\t"
      case 0x08: out += "\\b"
      case 0x0C: out += "\\f"
      case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
      default: out += String(format: "\\u%04x", unit)
      }
    }
    return out + "\""
  }

  /// Reads a value produced by JSONSerialization (for comparing with score.py's output).
  init(foundation value: Any?) {
    switch value {
    case let members as [String: Any]:
      self = .object(members.mapValues { JSONValue(foundation: $0) })
    case let number as NSNumber:
      let double = number.doubleValue
      if let int = value as? Int, Double(int) == double, !"\(number)".contains(".") {
        self = .int(int)
      } else {
        self = .double(double)
      }
    case let string as String:
      self = .string(string)
    default:
      self = .null
    }
  }
}
