/// Appends JSON to a byte buffer: fast, no intermediate objects, keys in the order written.
///
/// Methods with a key write a member of the open object; methods without one write an element
/// of the open array (or a top-level value).
public struct JSONWriter: Sendable {
  /// The JSON written so far, as UTF-8.
  public var bytes: [UInt8] = []
  private var needsComma: [Bool] = [false]
  private var afterKey = false

  /// Creates an empty writer.
  public init() { bytes.reserveCapacity(4096) }

  private mutating func separate() {
    if afterKey {
      afterKey = false
      return
    }
    if needsComma[needsComma.count - 1] { bytes.append(UInt8(ascii: ",")) }
    needsComma[needsComma.count - 1] = true
  }

  private mutating func prefix(_ key: String?) {
    if let key {
      separate()
      appendString(key)
      bytes.append(UInt8(ascii: ":"))
      afterKey = true
    }
    separate()
  }

  /// Opens an object (as an element, or as the value of `key` inside an object).
  public mutating func beginObject(_ key: String? = nil) {
    prefix(key)
    bytes.append(UInt8(ascii: "{"))
    needsComma.append(false)
  }

  /// Closes the current object.
  public mutating func endObject() {
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "}"))
  }

  /// Opens an array (as an element, or as the value of `key` inside an object).
  public mutating func beginArray(_ key: String? = nil) {
    prefix(key)
    bytes.append(UInt8(ascii: "["))
    needsComma.append(false)
  }

  /// Closes the current array.
  public mutating func endArray() {
    needsComma.removeLast()
    bytes.append(UInt8(ascii: "]"))
  }

  /// Writes a string member.
  public mutating func string(_ key: String, _ value: String) {
    prefix(key)
    appendString(value)
  }

  /// Writes a string element.
  public mutating func string(_ value: String) {
    prefix(nil)
    appendString(value)
  }

  /// Writes a string member from UTF-8 bytes (which must be valid UTF-8).
  public mutating func string(_ key: String, utf8 value: ArraySlice<UInt8>) {
    prefix(key)
    appendEscaped(value)
  }

  /// Writes a string element from UTF-8 bytes (which must be valid UTF-8).
  public mutating func string(utf8 value: ArraySlice<UInt8>) {
    prefix(nil)
    appendEscaped(value)
  }

  /// Writes an integer member.
  public mutating func int(_ key: String, _ value: Int) {
    prefix(key)
    appendInt(value)
  }

  /// Writes an integer element.
  public mutating func int(_ value: Int) {
    prefix(nil)
    appendInt(value)
  }

  /// Writes a number member, rounded to three decimals.
  public mutating func double(_ key: String, _ value: Double) {
    prefix(key)
    appendDouble(value)
  }

  /// Writes a number element, rounded to three decimals.
  public mutating func double(_ value: Double) {
    prefix(nil)
    appendDouble(value)
  }

  /// Writes a boolean member.
  public mutating func bool(_ key: String, _ value: Bool) {
    prefix(key)
    bytes.append(contentsOf: (value ? "true" : "false").utf8)
  }

  /// Writes a null member.
  public mutating func null(_ key: String) {
    prefix(key)
    bytes.append(contentsOf: "null".utf8)
  }

  /// Writes a null element.
  public mutating func null() {
    prefix(nil)
    bytes.append(contentsOf: "null".utf8)
  }

  /// Writes a member whose value is already-encoded JSON.
  public mutating func raw(_ key: String, _ json: some Collection<UInt8>) {
    prefix(key)
    bytes.append(contentsOf: json)
  }

  private mutating func appendInt(_ value: Int) {
    if value >= 0 && value < 10 {
      bytes.append(UInt8(ascii: "0") + UInt8(value))
      return
    }
    if value < 0 { bytes.append(UInt8(ascii: "-")) }
    // NB: the magnitude of Int.min does not fit an Int; UInt holds every magnitude.
    var magnitude = value.magnitude
    // Twenty digits hold any UInt64; written from the end, then copied in order.
    var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)
    withUnsafeMutableBytes(of: &digits) { buffer in
      var index = buffer.count
      repeat {
        index -= 1
        buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude > 0
      bytes.append(contentsOf: buffer[index...])
    }
  }

  private mutating func appendDouble(_ value: Double) {
    let scaled = (value * 1000).rounded()
    guard scaled.isFinite, abs(scaled) < 1e15 else {
      bytes.append(contentsOf: "null".utf8)
      return
    }
    let thousandths = Int(scaled)
    if thousandths < 0 { bytes.append(UInt8(ascii: "-")) }
    let magnitude = abs(thousandths)
    appendInt(magnitude / 1000)
    var fraction = magnitude % 1000
    guard fraction != 0 else { return }
    bytes.append(UInt8(ascii: "."))
    var digits = 3
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    let text = String(fraction)
    for _ in 0..<(digits - text.utf8.count) { bytes.append(UInt8(ascii: "0")) }
    bytes.append(contentsOf: text.utf8)
  }

  private mutating func appendString(_ value: String) {
    var value = value
    value.withUTF8 { buffer in appendEscaped(buffer) }
  }

  private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

  private mutating func appendEscaped(_ value: some Collection<UInt8>) {
    let done: Void? = value.withContiguousStorageIfAvailable { appendEscaped($0) }
    if done == nil { appendEscaped(Array(value)) }
  }

  /// Appends a JSON string: runs of bytes that need no escape are copied whole.
  private mutating func appendEscaped(_ value: UnsafeBufferPointer<UInt8>) {
    bytes.append(UInt8(ascii: "\""))
    var runStart = 0
    for index in value.indices {
      let byte = value[index]
      guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else {
        continue
      }
      if runStart < index { bytes.append(contentsOf: value[runStart..<index]) }
      runStart = index + 1
      switch byte {
      case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
      case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
      case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
      case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
      case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
      default:
        bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30])
        bytes.append(Self.hexDigits[Int(byte >> 4)])
        bytes.append(Self.hexDigits[Int(byte & 15)])
      }
    }
    if runStart < value.count { bytes.append(contentsOf: value[runStart...]) }
    bytes.append(UInt8(ascii: "\""))
  }
}
