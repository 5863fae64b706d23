/// Appends JSON to a byte buffer: fast, no intermediate objects, keys in the order written.
///
/// Methods with a key write a member of the open object; methods without one write an element
/// of the open array (or a top-level value).
public struct JSONWriter: Sendable {
  /// The JSON written so far, as UTF-8.
  public var bytes: [UInt8] = []
  /// Whether the open object or array already holds a value (so the next one needs a comma).
  private var needsComma = false
  /// ``needsComma`` of each enclosing object or array, outermost first.
  ///
  /// NB: the innermost flag lives apart from the stack, so that writing a value (the common
  /// case) touches no array.
  private var enclosingNeedsComma: [Bool] = []
  private var afterKey = false

  /// Creates an empty writer.
  public init() { bytes.reserveCapacity(4096) }

  private mutating func separate() {
    if afterKey {
      afterKey = false
      return
    }
    if needsComma { bytes.append(UInt8(ascii: ",")) }
    needsComma = true
  }

  private mutating func open(_ bracket: UInt8) {
    bytes.append(bracket)
    enclosingNeedsComma.append(needsComma)
    needsComma = false
  }

  private mutating func close(_ bracket: UInt8) {
    needsComma = enclosingNeedsComma.popLast() ?? false
    bytes.append(bracket)
  }

  private mutating func prefix(_ key: String?) {
    guard let key else {
      separate()
      return
    }
    // As `separate()`, then the key, then `separate()` again (which only clears `afterKey`).
    var comma = false
    if afterKey {
      afterKey = false
    } else {
      comma = needsComma
      needsComma = true
    }
    appendKey(key, comma: comma)
  }

  /// Appends `,"key":` (the comma when asked) in one piece when the key is short and needs no
  /// escape, as keys are: the array's bookkeeping per append costs more than a key's bytes.
  private mutating func appendKey(_ key: String, comma: Bool) {
    var key = key
    key.withUTF8 { utf8 in
      guard utf8.count <= 60, Self.firstByteToEscape(in: utf8, from: 0) == nil else {
        if comma { bytes.append(UInt8(ascii: ",")) }
        appendEscaped(utf8)
        bytes.append(UInt8(ascii: ":"))
        return
      }
      withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 64) { buffer in
        var count = 0
        if comma {
          buffer[count] = UInt8(ascii: ",")
          count += 1
        }
        buffer[count] = UInt8(ascii: "\"")
        count += 1
        for byte in utf8 {
          buffer[count] = byte
          count += 1
        }
        buffer[count] = UInt8(ascii: "\"")
        buffer[count + 1] = UInt8(ascii: ":")
        count += 2
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
      }
    }
  }

  /// Opens an object (as an element, or as the value of `key` inside an object).
  public mutating func beginObject(_ key: String? = nil) {
    prefix(key)
    open(UInt8(ascii: "{"))
  }

  /// Closes the current object.
  public mutating func endObject() {
    close(UInt8(ascii: "}"))
  }

  /// Opens an array (as an element, or as the value of `key` inside an object).
  public mutating func beginArray(_ key: String? = nil) {
    prefix(key)
    open(UInt8(ascii: "["))
  }

  /// Closes the current array.
  public mutating func endArray() {
    close(UInt8(ascii: "]"))
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
    appendDigits(value.magnitude, minimumCount: 1)
  }

  /// Appends the decimal digits of `magnitude`, with leading zeros up to `minimumCount`.
  private mutating func appendDigits(_ magnitude: UInt, minimumCount: Int) {
    var magnitude = magnitude
    // Twenty digits hold any UInt64; written from the end, then copied in order.
    withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
      var index = buffer.count
      repeat {
        index -= 1
        buffer[index] = UInt8(ascii: "0") + UInt8(magnitude % 10)
        magnitude /= 10
      } while magnitude > 0 || buffer.count - index < minimumCount
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[index...]))
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
    appendDigits(UInt(fraction), minimumCount: digits)
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
    var index = 0
    while let found = Self.firstByteToEscape(in: value, from: index) {
      let byte = value[found]
      if runStart < found {
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart..<found]))
      }
      runStart = found + 1
      index = found + 1
      bytes.append(0x5C)
      switch byte {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"): bytes.append(byte)
      case 0x0A: bytes.append(UInt8(ascii: "n"))
      case 0x0D: bytes.append(UInt8(ascii: "r"))
      case 0x09: bytes.append(UInt8(ascii: "t"))
      default:
        bytes.append(UInt8(ascii: "u"))
        bytes.append(0x30)
        bytes.append(0x30)
        bytes.append(Self.hexDigits[Int(byte >> 4)])
        bytes.append(Self.hexDigits[Int(byte & 15)])
      }
    }
    if runStart < value.count {
      bytes.append(contentsOf: UnsafeBufferPointer(rebasing: value[runStart...]))
    }
    bytes.append(UInt8(ascii: "\""))
  }

  /// The index of the first byte at or after `start` that a JSON string must escape (a control
  /// character, `"` or `\`), or nil.
  ///
  /// Eight bytes at a time: most text has no such byte, and a word without one is skipped
  /// whole (the classic tests for a zero byte and for a byte below a bound).
  @inline(__always)
  private static func firstByteToEscape(in value: UnsafeBufferPointer<UInt8>, from start: Int)
    -> Int?
  {
    guard let base = value.baseAddress else { return nil }
    let ones: UInt64 = 0x0101_0101_0101_0101
    let highs: UInt64 = 0x8080_8080_8080_8080
    var index = start
    while value.count - index >= 8 {
      let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
      let quote = word ^ (ones &* 0x22)
      let backslash = word ^ (ones &* 0x5C)
      let hasQuote = (quote &- ones) & ~quote & highs
      let hasBackslash = (backslash &- ones) & ~backslash & highs
      let hasControl = (word &- ones &* 0x20) & ~word & highs
      if hasQuote | hasBackslash | hasControl != 0 { break }
      index += 8
    }
    while index < value.count {
      let byte = value[index]
      if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
      index += 1
    }
    return nil
  }
}
