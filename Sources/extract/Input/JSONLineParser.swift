/// A strict, fast parser for one JSON Lines record: it validates the whole line (JSON grammar and
/// UTF-8) but decodes only the members the tool needs (id, text, kept fields).
///
/// NB: Foundation's JSONSerialization builds every value and is several times slower; the text
/// field is most of each line, so it is copied in runs, not byte by byte.
struct JSONLineParser {
  /// The members found in one record.
  struct Record {
    /// The id: a string's value or a number's literal text; nil when absent or of another type.
    var id: String?
    /// The decoded text (UTF-8), or nil when absent.
    var text: [UInt8]?
    /// Whether the text member was present but not a string.
    var textIsNotString = false
    /// How many lone surrogates (`\ud800` with no low half after it) the text held: each is
    /// U+FFFD in ``text``, one code point for one, so code-point offsets stay those of a
    /// reader that keeps them (Python's `json`).
    var textSurrogatesReplaced = 0
    /// The UTF-8 offset in ``text`` of the first replaced surrogate.
    var firstReplacedSurrogate: Int?
    /// Whether the text holds a byte that ``BinaryDetector`` counts (a NUL, DEL, or a control
    /// byte other than tab, newlines, form feed and escape): without one it is not binary.
    var textMayBeBinary = false
    /// The kept members, as raw JSON, in the order asked.
    var kept: [(key: String, json: [UInt8])] = []
  }

  /// A grammar or encoding error, with the code (`bad-json` or `invalid-utf8`) and a message.
  struct Failure: Error {
    var code: String
    var message: String
    /// The record's id, when it was read before the error.
    var id: String?
  }

  let textField: [UInt8]
  let idField: [UInt8]
  let keepFields: [[UInt8]]

  init(textField: String, idField: String, keepFields: [String]) {
    self.textField = Array(textField.utf8)
    self.idField = Array(idField.utf8)
    self.keepFields = keepFields.map { Array($0.utf8) }
  }

  /// Parses one line.
  func parse(_ line: [UInt8]) -> Result<Record, Failure> {
    line.withUnsafeBufferPointer { buffer in
      var cursor = Cursor(bytes: buffer)
      do throws(Failure) {
        return .success(try cursor.record(parser: self))
      } catch {
        var failure = error
        failure.id = cursor.id
        return .failure(failure)
      }
    }
  }
}

private let quote = UInt8(ascii: "\"")
private let backslash = UInt8(ascii: "\\")

private struct Cursor {
  let bytes: UnsafeBufferPointer<UInt8>
  var index = 0
  /// The id, once read (so that an error later in the line can name its record).
  var id: String?
  /// Lone surrogates replaced by U+FFFD in the string being read, and where the first went.
  var replacedSurrogates = 0
  var firstReplacedSurrogate: Int?
  /// Whether the string being read held a byte that ``BinaryDetector`` counts.
  var sawBinaryByte = false
  static let maxDepth = 256

  init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

  func fail(_ message: String, code: String = "bad-json") -> JSONLineParser.Failure {
    JSONLineParser.Failure(code: code, message: "\(message) at byte \(index + 1)")
  }

  mutating func skipSpace() {
    while index < bytes.count {
      switch bytes[index] {
      case 0x20, 0x09, 0x0A, 0x0D: index += 1
      default: return
      }
    }
  }

  mutating func expect(_ byte: UInt8) throws(JSONLineParser.Failure) {
    skipSpace()
    guard index < bytes.count, bytes[index] == byte else {
      throw fail("expected '\(Character(Unicode.Scalar(byte)))'")
    }
    index += 1
  }

  mutating func record(parser: JSONLineParser) throws(JSONLineParser.Failure)
    -> JSONLineParser
    .Record
  {
    var record = JSONLineParser.Record()
    var kept: [[UInt8]: [UInt8]] = [:]
    skipSpace()
    guard index < bytes.count, bytes[index] == UInt8(ascii: "{") else {
      throw fail("not a JSON object")
    }
    index += 1
    skipSpace()
    if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
      index += 1
    } else {
      var key: [UInt8] = []
      while true {
        skipSpace()
        guard index < bytes.count, bytes[index] == quote else { throw fail("expected a key") }
        key.removeAll(keepingCapacity: true)
        try string(into: &key)
        try expect(UInt8(ascii: ":"))
        skipSpace()
        let valueStart = index
        if key == parser.textField {
          if index < bytes.count && bytes[index] == quote {
            replacedSurrogates = 0
            firstReplacedSurrogate = nil
            sawBinaryByte = false
            record.text = try text()
            record.textMayBeBinary = sawBinaryByte
            record.textIsNotString = false
            record.textSurrogatesReplaced = replacedSurrogates
            record.firstReplacedSurrogate = firstReplacedSurrogate
          } else {
            try value(depth: 1)
            record.text = nil
            record.textIsNotString = true
          }
        } else if key == parser.idField {
          if index < bytes.count && bytes[index] == quote {
            var id: [UInt8] = []
            try string(into: &id)
            record.id = String(decoding: id, as: UTF8.self)
            self.id = record.id
          } else {
            try value(depth: 1)
            let literal = bytes[valueStart..<index]
            if let first = literal.first,
              first == UInt8(ascii: "-") || (first >= 0x30 && first <= 0x39)
            {
              record.id = String(decoding: literal, as: UTF8.self)
              self.id = record.id
            } else {
              record.id = nil
            }
          }
        } else {
          try value(depth: 1)
        }
        if parser.keepFields.contains(key) {
          kept[key] = Array(bytes[valueStart..<index])
        }
        skipSpace()
        guard index < bytes.count else { throw fail("unterminated object") }
        if bytes[index] == UInt8(ascii: ",") {
          index += 1
          continue
        }
        guard bytes[index] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
        index += 1
        break
      }
    }
    skipSpace()
    guard index == bytes.count else { throw fail("unexpected data after the object") }
    for field in parser.keepFields {
      if let json = kept[field] {
        record.kept.append((String(decoding: field, as: UTF8.self), json))
      }
    }
    return record
  }

  mutating func value(depth: Int) throws(JSONLineParser.Failure) {
    guard depth < Cursor.maxDepth else { throw fail("nested too deeply") }
    skipSpace()
    guard index < bytes.count else { throw fail("expected a value") }
    switch bytes[index] {
    case quote:
      var discard = Discard()
      try string(into: &discard)
    case UInt8(ascii: "{"):
      index += 1
      skipSpace()
      if index < bytes.count && bytes[index] == UInt8(ascii: "}") {
        index += 1
        return
      }
      while true {
        skipSpace()
        guard index < bytes.count, bytes[index] == quote else { throw fail("expected a key") }
        var discard = Discard()
        try string(into: &discard)
        try expect(UInt8(ascii: ":"))
        try value(depth: depth + 1)
        skipSpace()
        guard index < bytes.count else { throw fail("unterminated object") }
        if bytes[index] == UInt8(ascii: ",") {
          index += 1
          continue
        }
        guard bytes[index] == UInt8(ascii: "}") else { throw fail("expected ',' or '}'") }
        index += 1
        return
      }
    case UInt8(ascii: "["):
      index += 1
      skipSpace()
      if index < bytes.count && bytes[index] == UInt8(ascii: "]") {
        index += 1
        return
      }
      while true {
        try value(depth: depth + 1)
        skipSpace()
        guard index < bytes.count else { throw fail("unterminated array") }
        if bytes[index] == UInt8(ascii: ",") {
          index += 1
          continue
        }
        guard bytes[index] == UInt8(ascii: "]") else { throw fail("expected ',' or ']'") }
        index += 1
        return
      }
    case UInt8(ascii: "t"): try literal("true")
    case UInt8(ascii: "f"): try literal("false")
    case UInt8(ascii: "n"): try literal("null")
    default: try number()
    }
  }

  mutating func literal(_ word: StaticString) throws(JSONLineParser.Failure) {
    let count = word.utf8CodeUnitCount
    guard index + count <= bytes.count else { throw fail("invalid literal") }
    let expected = UnsafeBufferPointer(start: word.utf8Start, count: count)
    for offset in 0..<count where bytes[index + offset] != expected[offset] {
      throw fail("invalid literal")
    }
    index += count
  }

  mutating func digits() -> Int {
    let begin = index
    while index < bytes.count && bytes[index] >= 0x30 && bytes[index] <= 0x39 { index += 1 }
    return index - begin
  }

  mutating func number() throws(JSONLineParser.Failure) {
    if index < bytes.count && bytes[index] == UInt8(ascii: "-") { index += 1 }
    guard index < bytes.count, bytes[index] >= 0x30 && bytes[index] <= 0x39 else {
      throw fail("invalid value")
    }
    if bytes[index] == 0x30 {
      index += 1
    } else {
      _ = digits()
    }
    if index < bytes.count && bytes[index] == UInt8(ascii: ".") {
      index += 1
      guard digits() > 0 else { throw fail("invalid number") }
    }
    if index < bytes.count && (bytes[index] | 0x20) == UInt8(ascii: "e") {
      index += 1
      if index < bytes.count
        && (bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-"))
      {
        index += 1
      }
      guard digits() > 0 else { throw fail("invalid number") }
    }
  }

  /// Reads the text member's string, starting at the opening quote, into an array of its
  /// decoded UTF-8.
  ///
  /// NB: the text is most of a line: it is decoded straight into the array's storage, sized to
  /// the rest of the line (decoding never lengthens a string), not appended run by run and
  /// escape by escape, each append checking the array's uniqueness and room.
  mutating func text() throws(JSONLineParser.Failure) -> [UInt8] {
    let capacity = bytes.count - index
    var failure: JSONLineParser.Failure?
    let text = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, initialized in
      guard let base = buffer.baseAddress else { return }
      var writer = BufferWriter(base: base)
      do throws(JSONLineParser.Failure) {
        try string(into: &writer)
      } catch {
        failure = error
      }
      initialized = writer.count
    }
    if let failure { throw failure }
    return text
  }

  /// Reads a string starting at the opening quote; gives its decoded UTF-8 to `output`.
  mutating func string<Sink: StringSink>(into output: inout Sink) throws(JSONLineParser.Failure) {
    index += 1
    var runStart = index
    func flush(_ end: Int) {
      if end > runStart {
        output.append(UnsafeBufferPointer(rebasing: bytes[runStart..<end]))
      }
    }
    while index < bytes.count {
      // Fast path: skip plain ASCII bytes eight at a time (no quote, backslash, control byte,
      // DEL or UTF-8 sequence to check), and those before the first one to check.
      // NB: DEL (0x7F) stops it too, though JSON allows it raw, so that the text's check for
      // binary bytes is done here (``sawBinaryByte``) rather than in a second pass over it.
      // NB: the word is read little-endian, so its first byte found is its lowest one flagged:
      // the plain bytes before it are skipped at once, not one by one below (texts have an
      // escape, a curly quote or an accent every few words).
      if let base = bytes.baseAddress {
        // NB: first sixteen bytes at a time, tested whole with no exit inside, so that the
        // compiler makes the test a few vector compares (a byte is plain when it is 0x20 to
        // 0x7E and no quote or backslash); a block with a byte to check is searched by the
        // word loop below. Texts stop the scan every forty bytes or so (a line feed, a curly
        // quote): blocks of sixteen skip nine bytes in ten of the runs between stops, blocks of
        // 32 eight in ten; the word loop costs about three instructions a byte.
        while bytes.count &- index >= 16 {
          var stop: UInt8 = 0
          for offset in 0..<16 {
            let byte = base[index &+ offset]
            stop |=
              (byte &- 0x20 > 0x5E ? 1 : 0) | (byte == quote ? 1 : 0)
              | (byte == backslash ? 1 : 0)
          }
          if stop != 0 { break }
          index &+= 16
        }
        let raw = UnsafeRawPointer(base)
        while index + 8 <= bytes.count {
          let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: index, as: UInt64.self))
          let found =
            ByteWords.bytes(below: 0x20, in: word) | ByteWords.bytes(above: 0x7E, in: word)
            | ByteWords.bytes(quote, in: word) | ByteWords.bytes(backslash, in: word)
          if found != 0 {
            index += found.trailingZeroBitCount >> 3
            break
          }
          index += 8
        }
        guard index < bytes.count else { break }
      }
      let byte = bytes[index]
      if byte == quote {
        flush(index)
        index += 1
        return
      }
      if byte == backslash {
        flush(index)
        // NB: a line feed, most escapes in a text (fiction has one every line or so), is
        // written here rather than through the switch of `escape(into:)`; it is not binary.
        if index + 1 < bytes.count && bytes[index + 1] == UInt8(ascii: "n") {
          output.append(0x0A)
          index += 2
        } else {
          try escape(into: &output)
        }
        runStart = index
        continue
      }
      if byte < 0x20 { throw fail("control character in a string") }
      if byte < 0x80 {
        if byte == 0x7F { sawBinaryByte = true }
        index += 1
        continue
      }
      try multibyte()
    }
    throw fail("unterminated string")
  }

  mutating func string(into output: inout [UInt8]) throws(JSONLineParser.Failure) {
    // NB: the appender takes the array over while it appends (so that its storage stays
    // unique) and gives it back.
    var appender = ArrayAppender(array: output)
    output = []
    defer { output = appender.array }
    try string(into: &appender)
  }

  mutating func escape<Sink: StringSink>(into output: inout Sink) throws(JSONLineParser.Failure) {
    index += 1
    guard index < bytes.count else { throw fail("unterminated escape") }
    let code = bytes[index]
    index += 1
    let simple: UInt8?
    switch code {
    case quote: simple = quote
    case backslash: simple = backslash
    case UInt8(ascii: "/"): simple = UInt8(ascii: "/")
    case UInt8(ascii: "b"): simple = 0x08
    case UInt8(ascii: "f"): simple = 0x0C
    case UInt8(ascii: "n"): simple = 0x0A
    case UInt8(ascii: "r"): simple = 0x0D
    case UInt8(ascii: "t"): simple = 0x09
    case UInt8(ascii: "u"): simple = nil
    default: throw fail("invalid escape")
    }
    if let simple {
      if BinaryDetector.counts(simple) { sawBinaryByte = true }
      output.append(simple)
      return
    }
    var scalar = try hex4()
    // A high surrogate pairs with the low one escaped right after it. A lone one (JSON allows
    // it; Python's `json` reads it as one code point) becomes U+FFFD, also one code point.
    if scalar >= 0xD800 && scalar < 0xDC00 {
      let next = index
      var low: UInt32 = 0
      if index + 1 < bytes.count, bytes[index] == backslash, bytes[index + 1] == UInt8(ascii: "u") {
        index += 2
        low = try hex4()
      }
      if low >= 0xDC00 && low < 0xE000 {
        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
      } else {
        // NB: the escape after it, if any, is read on its own.
        index = next
        scalar = replacedSurrogate(at: output.count)
      }
    } else if scalar >= 0xDC00 && scalar < 0xE000 {
      scalar = replacedSurrogate(at: output.count)
    }
    if scalar < 0x80 && BinaryDetector.counts(UInt8(scalar)) { sawBinaryByte = true }
    guard Sink.keepsBytes else { return }
    switch scalar {
    case 0..<0x80:
      output.append(UInt8(scalar))
    case 0x80..<0x800:
      output.append(UInt8(0xC0 | scalar >> 6))
      output.append(UInt8(0x80 | scalar & 0x3F))
    case 0x800..<0x10000:
      output.append(UInt8(0xE0 | scalar >> 12))
      output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    default:
      output.append(UInt8(0xF0 | scalar >> 18))
      output.append(UInt8(0x80 | scalar >> 12 & 0x3F))
      output.append(UInt8(0x80 | scalar >> 6 & 0x3F))
      output.append(UInt8(0x80 | scalar & 0x3F))
    }
  }

  /// Counts a lone surrogate written at `offset` of the output, and returns U+FFFD.
  mutating func replacedSurrogate(at offset: Int) -> UInt32 {
    replacedSurrogates += 1
    if firstReplacedSurrogate == nil { firstReplacedSurrogate = offset }
    return 0xFFFD
  }

  mutating func hex4() throws(JSONLineParser.Failure) -> UInt32 {
    guard index + 4 <= bytes.count else { throw fail("invalid \\u escape") }
    var value: UInt32 = 0
    for _ in 0..<4 {
      let byte = bytes[index]
      let digit: UInt32
      switch byte {
      case 0x30...0x39: digit = UInt32(byte - 0x30)
      case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
      case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
      default: throw fail("invalid \\u escape")
      }
      value = value << 4 | digit
      index += 1
    }
    return value
  }

  /// Validates one multi-byte UTF-8 sequence (RFC 3629: no overlongs, no surrogates).
  mutating func multibyte() throws(JSONLineParser.Failure) {
    let lead = bytes[index]
    let count: Int
    var low: UInt8 = 0x80
    var high: UInt8 = 0xBF
    switch lead {
    case 0xC2...0xDF: count = 1
    case 0xE0:
      count = 2
      low = 0xA0
    case 0xE1...0xEC, 0xEE...0xEF: count = 2
    case 0xED:
      count = 2
      high = 0x9F
    case 0xF0:
      count = 3
      low = 0x90
    case 0xF1...0xF3: count = 3
    case 0xF4:
      count = 3
      high = 0x8F
    default: throw fail("invalid UTF-8", code: "invalid-utf8")
    }
    guard index + count < bytes.count else { throw fail("invalid UTF-8", code: "invalid-utf8") }
    let second = bytes[index + 1]
    guard second >= low && second <= high else {
      throw fail("invalid UTF-8", code: "invalid-utf8")
    }
    for offset in 2...max(count, 2) where offset <= count {
      guard bytes[index + offset] & 0xC0 == 0x80 else {
        throw fail("invalid UTF-8", code: "invalid-utf8")
      }
    }
    index += count + 1
  }
}

/// Where a string's decoded UTF-8 goes.
private protocol StringSink {
  /// Whether the bytes are kept (escapes are then decoded).
  static var keepsBytes: Bool { get }
  /// The bytes written so far.
  var count: Int { get }
  mutating func append(_ run: UnsafeBufferPointer<UInt8>)
  mutating func append(_ byte: UInt8)
}

/// Drops a string (a member the tool does not need, checked all the same).
private struct Discard: StringSink {
  static var keepsBytes: Bool { false }
  var count: Int { 0 }
  func append(_ run: UnsafeBufferPointer<UInt8>) {}
  func append(_ byte: UInt8) {}
}

/// Appends to an array (keys and ids: short).
private struct ArrayAppender: StringSink {
  var array: [UInt8]
  static var keepsBytes: Bool { true }
  var count: Int { array.count }
  mutating func append(_ run: UnsafeBufferPointer<UInt8>) { array.append(contentsOf: run) }
  mutating func append(_ byte: UInt8) { array.append(byte) }
}

/// Writes into storage that the caller sized to hold the whole string.
private struct BufferWriter: StringSink {
  let base: UnsafeMutablePointer<UInt8>
  var count = 0
  static var keepsBytes: Bool { true }

  mutating func append(_ run: UnsafeBufferPointer<UInt8>) {
    guard let start = run.baseAddress else { return }
    (base + count).update(from: start, count: run.count)
    count += run.count
  }

  mutating func append(_ byte: UInt8) {
    base[count] = byte
    count += 1
  }
}
