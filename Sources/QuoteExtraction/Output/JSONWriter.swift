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

  /// Creates an empty writer.
  public init() { bytes.reserveCapacity(4096) }

  /// Whether the next value needs a comma before it, and takes note that one was written.
  @inline(__always)
  private mutating func takeComma() -> Bool {
    let comma = needsComma
    needsComma = true
    return comma
  }

  private mutating func separate() {
    if takeComma() { bytes.append(UInt8(ascii: ",")) }
  }

  /// Enters an object or array whose bracket was just written.
  private mutating func open() {
    enclosingNeedsComma.append(needsComma)
    needsComma = false
  }

  private mutating func close(_ bracket: UInt8) {
    needsComma = enclosingNeedsComma.popLast() ?? false
    bytes.append(bracket)
  }

  // MARK: - Pieces

  /// The longest key written with its value in one piece (longer ones, and keys that need an
  /// escape, are written apart).
  private static let maxPieceKey = 60
  /// The longest string value written with its key in one piece.
  private static let maxPieceString = 64
  /// Room for a comma, a quoted key, a colon and a quoted string or a number.
  private static let pieceCapacity = 160

  /// A few bytes of JSON written in place at the end of ``bytes``, into room made for them.
  ///
  /// NB: every append to `bytes` checks that the array is unique and has room, which costs
  /// more than a key's or a number's bytes: a member is one piece, not four appends.
  struct Piece {
    let buffer: UnsafeMutableBufferPointer<UInt8>
    var count = 0
    /// The writer's ``JSONWriter/needsComma``, kept while the piece is written.
    var needsComma: Bool

    /// The comma before a value when the open object or array holds one already.
    @inline(__always)
    mutating func separate() {
      if needsComma { byte(UInt8(ascii: ",")) }
      needsComma = true
    }

    /// `"key":`, after a comma when the open object holds a member already (`key` is a plain
    /// name of at most 60 bytes, as the library's keys are).
    @inline(__always)
    mutating func key(_ key: StaticString) {
      precondition(key.utf8CodeUnitCount <= JSONWriter.maxPieceKey)
      separate()
      quoted(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
      byte(UInt8(ascii: ":"))
    }

    /// Bytes of JSON written as they are.
    @inline(__always)
    mutating func raw(_ json: StaticString) {
      plain(UnsafeBufferPointer(start: json.utf8Start, count: json.utf8CodeUnitCount))
    }

    /// `{"start":S,"end":E,"text":"`: a span object of a document up to its text.
    mutating func spanHead(_ start: Int, _ end: Int) {
      raw(#"{"start":"#)
      int(start)
      raw(#","end":"#)
      int(end)
      raw(#","text":""#)
    }

    /// The longest span text that ``shortSpanText(_:_:closing:)`` writes.
    static let shortSpanLimit = 32

    /// Writes the text of `range` of `text` after a ``spanHead(_:_:)``, and the quotation mark
    /// that ends it (and the brace that closes the span with `closing`), when it is at most 32
    /// bytes with 32 bytes of `text` from its start and holds nothing to escape: true then.
    /// Writes nothing and returns false otherwise (``JSONWriter/appendSpanText(_:closing:)``
    /// writes it). The piece needs room for 34 bytes.
    ///
    /// NB: the four words from the span's start are loaded, tested (masked to its length) and
    /// stored whole, whatever its length: a cue, a speaker and two contents in five are this
    /// short, and for each the general path's loops (blocks, words, the last bytes) and its
    /// copy mispredicted their exits some four times.
    @inline(__always)
    mutating func shortSpanText(
      _ text: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, closing: Bool
    ) -> Bool {
      guard range.count <= Self.shortSpanLimit,
        text.count &- range.lowerBound >= Self.shortSpanLimit, let base = text.baseAddress,
        let target = buffer.baseAddress
      else { return false }
      let source = UnsafeRawPointer(base + range.lowerBound)
      let words = (
        source.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
        source.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
        source.loadUnaligned(fromByteOffset: 16, as: UInt64.self),
        source.loadUnaligned(fromByteOffset: 24, as: UInt64.self)
      )
      /// The flags of the bytes of `word`, the `index`th, that are in the span.
      @inline(__always)
      func flags(_ word: UInt64, _ index: Int) -> UInt64 {
        let inSpan = range.count &- 8 &* index
        // NB: a smart shift: by 64 or more (a word wholly in the span) it gives 0, so that
        // all its bytes count; a word past the span's end keeps none (a shift by 0).
        return JSONWriter.escapeFlags(word) & ~(~0 << (8 &* max(inSpan, 0)))
      }
      guard flags(words.0, 0) | flags(words.1, 1) | flags(words.2, 2) | flags(words.3, 3) == 0
      else { return false }
      let destination = UnsafeMutableRawPointer(target + count)
      destination.storeBytes(of: words.0, toByteOffset: 0, as: UInt64.self)
      destination.storeBytes(of: words.1, toByteOffset: 8, as: UInt64.self)
      destination.storeBytes(of: words.2, toByteOffset: 16, as: UInt64.self)
      destination.storeBytes(of: words.3, toByteOffset: 24, as: UInt64.self)
      count &+= range.count
      byte(UInt8(ascii: "\""))
      if closing { byte(UInt8(ascii: "}")) }
      return true
    }

    /// `[first,second]`.
    @inline(__always)
    mutating func pair(_ first: Int, _ second: Int) {
      byte(UInt8(ascii: "["))
      int(first)
      byte(UInt8(ascii: ","))
      int(second)
      byte(UInt8(ascii: "]"))
    }

    /// `null`.
    mutating func null() { JSONWriter.writeNull(to: &self) }

    /// A quoted string that ``JSONWriter/isPlain(_:)`` accepts (at most 64 bytes, nothing to
    /// escape).
    mutating func plainString(_ value: String) {
      JSONWriter.withUTF8(of: value) { utf8 in
        // NB: the length alone keeps the piece in bounds; callers have checked `isPlain`
        // (or write names that are), so it is not scanned a second time here.
        precondition(utf8.count <= JSONWriter.maxPieceString)
        quoted(utf8)
      }
    }

    /// `true` or `false`.
    mutating func bool(_ value: Bool) {
      if value { raw("true") } else { raw("false") }
    }

    /// A number rounded to three decimals.
    mutating func double(_ value: Double) { JSONWriter.writeDouble(value, to: &self) }

    /// NB: `&+=`: the count stays within the piece's room, far from overflowing, and a checked
    /// add is a compare and a branch for every byte of every key and number.
    @inline(__always)
    mutating func byte(_ value: UInt8) {
      buffer[count] = value
      count &+= 1
    }

    /// Appends bytes that need no escape, with one copy (the caller made room).
    ///
    /// NB: a copy rather than a byte loop: for a literal (a key, `{"start":`) its length is a
    /// constant once inlined, and the copy a load and a store or two.
    @inline(__always)
    mutating func plain(_ utf8: UnsafeBufferPointer<UInt8>) {
      guard let source = utf8.baseAddress, let base = buffer.baseAddress else { return }
      (base + count).update(from: source, count: utf8.count)
      count &+= utf8.count
    }

    /// A byte that a JSON string must escape, escaped: `\"`, `\\`, `\n`, `\r`, `\t` or
    /// `\u00XX` (at most six bytes).
    mutating func escape(_ value: UInt8) {
      byte(0x5C)
      switch value {
      case UInt8(ascii: "\""), UInt8(ascii: "\\"): byte(value)
      case 0x0A: byte(UInt8(ascii: "n"))
      case 0x0D: byte(UInt8(ascii: "r"))
      case 0x09: byte(UInt8(ascii: "t"))
      default:
        let hex = JSONWriter.hexDigits.utf8Start
        byte(UInt8(ascii: "u"))
        byte(0x30)
        byte(0x30)
        byte(hex[Int(value >> 4)])
        byte(hex[Int(value & 15)])
      }
    }

    @inline(__always)
    mutating func quoted(_ utf8: UnsafeBufferPointer<UInt8>) {
      byte(UInt8(ascii: "\""))
      plain(utf8)
      byte(UInt8(ascii: "\""))
    }

    /// A quoted name that needs no escape (a kind's name in the output).
    @inline(__always)
    mutating func name(_ name: StaticString) {
      quoted(UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
    }

    @inline(__always)
    mutating func int(_ value: Int) {
      if value < 0 { byte(UInt8(ascii: "-")) }
      // NB: the magnitude of Int.min does not fit an Int; UInt holds every magnitude.
      digits(value.magnitude, minimumCount: 1)
    }

    /// Appends the decimal digits of `magnitude`, with leading zeros up to `minimumCount`.
    ///
    /// Writes eight bytes for a number below 10^8 (the caller's room for a number is 20).
    @inline(__always)
    mutating func digits(_ magnitude: UInt, minimumCount: Int) {
      if magnitude < 100_000_000 && minimumCount <= 8 {
        shortDigits(UInt64(magnitude), minimumCount: minimumCount)
      } else {
        longDigits(magnitude, minimumCount: minimumCount)
      }
    }

    /// The digits of a number below 10^8, all eight worked out at once in the bytes of one
    /// word, written with one store; the leading zeros are shifted out.
    ///
    /// NB: offsets and counts are below 10^8; dividing out their digits (a multiply and a
    /// subtraction each pair) and counting them first cost three times this. Each step halves
    /// the lanes: two of four digits (32 bits), four of two (16), eight of one (8). The
    /// multiply-and-shift divisions are exact for every lane value (n / 100 = n * 10486 >> 20
    /// for n < 10^4, n / 10 = n * 103 >> 10 for n < 100) and no product reaches the next lane.
    @inline(__always)
    mutating func shortDigits(_ value: UInt64, minimumCount: Int) {
      let high = value / 10_000
      // The first four digits in the low lane: the first digit ends in the lowest byte, the
      // one stored first.
      var lanes = high | ((value &- high &* 10_000) << 32)
      let hundreds = ((lanes &* 10_486) >> 20) & 0x0000_007F_0000_007F
      lanes = hundreds | ((lanes &- hundreds &* 100) << 16)
      let tens = ((lanes &* 103) >> 10) & 0x000F_000F_000F_000F
      lanes = tens | ((lanes &- tens &* 10) << 8)
      // Leading zeros are the low bytes that hold 0.
      let length = max(lanes == 0 ? 1 : 8 &- lanes.trailingZeroBitCount >> 3, minimumCount)
      let ascii = (lanes | 0x3030_3030_3030_3030) >> UInt64((8 &- length) &* 8)
      guard let base = buffer.baseAddress else { return }
      UnsafeMutableRawPointer(base + count).storeBytes(of: ascii.littleEndian, as: UInt64.self)
      count &+= length
    }

    /// ``digits(_:minimumCount:)`` of a number of any size, two digits a division.
    mutating func longDigits(_ magnitude: UInt, minimumCount: Int) {
      // NB: the length from comparisons with powers of ten (a multiply each), so that the
      // digits are divided out once; 10^19 is the last power below UInt.max.
      var length = 1
      var bound: UInt = 10
      while length < 20 && magnitude >= bound {
        length += 1
        bound = bound &* 10
      }
      length = max(length, minimumCount)
      var rest = magnitude
      var index = count + length
      count = index
      // Two digits a division (offsets run to six or seven digits), from a table of the
      // hundred pairs; a StaticString's bytes need no lazy initialisation, unlike a static array.
      let pairs = JSONWriter.digitPairs.utf8Start
      var remaining = length
      while remaining >= 2 {
        let pair = Int(rest % 100) &* 2
        rest /= 100
        index -= 2
        buffer[index] = pairs[pair]
        buffer[index + 1] = pairs[pair + 1]
        remaining -= 2
      }
      if remaining == 1 {
        buffer[index - 1] = UInt8(ascii: "0") + UInt8(rest % 10)
      }
    }
  }

  /// "00", "01", … "99": the two digits of each number below a hundred.
  fileprivate static let digitPairs: StaticString = """
    0001020304050607080910111213141516171819\
    2021222324252627282930313233343536373839\
    4041424344454647484950515253545556575859\
    6061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899
    """

  /// Makes room for `capacity` bytes at the end of ``bytes`` and lets `body` write at most
  /// that many there, in place.
  ///
  /// NB: in place rather than on the stack and appended: each `append(contentsOf:)` is an
  /// out-of-line call of about a hundred instructions and a copy, for a piece of a few bytes.
  /// The room is reserved (the array grows by doubling), not filled: only what `body` wrote
  /// is counted.
  ///
  /// The comma state goes into the piece and back (read before `bytes` is borrowed for it).
  @inline(__always)
  private mutating func appendPiece(
    capacity: Int = Self.pieceCapacity, _ body: (inout Piece) -> Void
  ) {
    var needsComma = self.needsComma
    bytes.append(addingCapacity: capacity) { span in
      span.withUnsafeMutableBufferPointer { buffer, written in
        var piece = Piece(buffer: buffer, needsComma: needsComma)
        body(&piece)
        written = piece.count
        needsComma = piece.needsComma
      }
    }
    self.needsComma = needsComma
  }

  /// The most bytes one ``appendMembers(capacity:_:)`` may write unless told otherwise.
  static let membersCapacity = 1024

  /// Writes members of the open object in one piece: `body` writes each with
  /// ``Piece/key(_:)`` and a value (numbers, `null`, booleans, pairs, plain strings, or the
  /// head of a span, whose text ``appendSpanText(_:)`` writes next).
  ///
  /// NB: a piece's bounds are not checked as it is written: `body` must write at most
  /// `capacity` bytes (a member with a number takes at most 20 bytes and its key).
  mutating func appendMembers(
    capacity: Int = Self.membersCapacity, _ body: (inout Piece) -> Void
  ) {
    appendPiece(capacity: capacity, body)
  }

  /// Writes an element of the open array in one piece: the comma when needed, and what
  /// `value` writes (at most `capacity` bytes, as for ``appendMembers(capacity:_:)``).
  mutating func appendElement(
    capacity: Int = Self.pieceCapacity, _ value: (inout Piece) -> Void
  ) {
    appendPiece(capacity: capacity) { piece in
      piece.separate()
      value(&piece)
    }
  }

  /// Writes the text of a span whose head a piece wrote (``Piece/spanHead(_:_:)``), and
  /// closes the span, or leaves it open for more members that a piece writes and closes.
  mutating func appendSpanText(_ text: UnsafeBufferPointer<UInt8>, closing: Bool = true) {
    appendEscaped(text, opened: true, closingObject: closing)
  }

  /// Writes a string member whose key is a plain name, `null` for nil: in one piece when the
  /// value is short and plain.
  mutating func stringMember(_ key: StaticString, _ value: String?) {
    guard let value else {
      appendPiece { piece in
        piece.key(key)
        piece.null()
      }
      return
    }
    string(value) { writer, value in
      writer.appendPiece { piece in
        piece.key(key)
        value(&piece)
      }
    }
  }

  /// The most `[start,end]` elements one piece of ``pairElements(count:_:)`` holds: each takes
  /// at most 44 bytes (a comma, two brackets, a comma and two numbers of 20), 880 in all.
  private static let pairsPerPiece = 20

  /// Writes `count` elements `[first,second]` into the open array, `pair(i)` giving the numbers
  /// of the `i`th: many to a piece.
  ///
  /// NB: an entity's mentions are most of a fiction record's numbers; as an array each, every
  /// one cost an append per number and bracket and a push and pop of the comma state.
  mutating func pairElements(count: Int, _ pair: (Int) -> (Int, Int)) {
    var next = 0
    while next < count {
      let end = min(next + Self.pairsPerPiece, count)
      appendPiece(capacity: Self.membersCapacity) { piece in
        for index in next..<end {
          piece.separate()
          let (first, second) = pair(index)
          piece.pair(first, second)
        }
      }
      next = end
    }
  }

  /// Writes a member: `,"key":` (the comma when needed) and what `value` writes, in one piece
  /// when the key is short and needs no escape, as keys are.
  @inline(__always)
  private mutating func member(_ key: String, _ value: (inout Piece) -> Void) {
    Self.withUTF8(of: key) { utf8 in
      guard utf8.count <= Self.maxPieceKey, Self.firstByteToEscape(in: utf8, from: 0) == nil
      else {
        separate()
        appendEscaped(utf8)
        bytes.append(UInt8(ascii: ":"))
        appendPiece(value)
        return
      }
      appendPiece { piece in
        piece.separate()
        piece.quoted(utf8)
        piece.byte(UInt8(ascii: ":"))
        value(&piece)
      }
    }
  }

  /// Calls `body` with the UTF-8 of `string`: in place for native and small strings (keys and
  /// values are), else from a copy.
  ///
  /// NB: `var copy = string; copy.withUTF8` retains and releases the string's storage for
  /// every key and value written.
  @inline(__always)
  private static func withUTF8<Result>(
    of string: String, _ body: (UnsafeBufferPointer<UInt8>) -> Result
  ) -> Result {
    if let result = string.utf8.withContiguousStorageIfAvailable(body) { return result }
    var copy = string
    return copy.withUTF8(body)
  }

  /// Whether a string can be written with ``Piece/plainString(_:)``: at most 64 bytes and
  /// nothing to escape.
  static func isPlain(_ value: String) -> Bool {
    withUTF8(of: value) { fitsPiece($0) }
  }

  /// Whether a string value goes into its member's piece: short, and nothing to escape.
  @inline(__always)
  private static func fitsPiece(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
    utf8.count <= maxPieceString && firstByteToEscape(in: utf8, from: 0) == nil
  }

  // MARK: - Values

  /// Opens an object (as an element, or as the value of `key` inside an object).
  public mutating func beginObject(_ key: String? = nil) {
    if let key {
      member(key) { $0.byte(UInt8(ascii: "{")) }
    } else {
      appendElement { $0.byte(UInt8(ascii: "{")) }
    }
    open()
  }

  /// Closes the current object.
  public mutating func endObject() {
    close(UInt8(ascii: "}"))
  }

  /// Opens an array (as an element, or as the value of `key` inside an object).
  public mutating func beginArray(_ key: String? = nil) {
    if let key {
      member(key) { $0.byte(UInt8(ascii: "[")) }
    } else {
      appendElement { $0.byte(UInt8(ascii: "[")) }
    }
    open()
  }

  /// Closes the current array.
  public mutating func endArray() {
    close(UInt8(ascii: "]"))
  }

  /// Writes a string member.
  public mutating func string(_ key: String, _ value: String) {
    string(value) { writer, value in writer.member(key, value) }
  }

  /// Writes a string element.
  public mutating func string(_ value: String) {
    string(value) { writer, value in writer.appendElement(value) }
  }

  /// Writes a string as the value that `write` puts after a key or a comma, given how to write
  /// the start of the value in that piece: the whole string when it is short and plain, else
  /// the opening mark, and the escaped text in pieces of its own.
  @inline(__always)
  private mutating func string(
    _ value: String, after write: (inout JSONWriter, (inout Piece) -> Void) -> Void
  ) {
    Self.withUTF8(of: value) { utf8 in
      if Self.fitsPiece(utf8) {
        write(&self) { $0.quoted(utf8) }
      } else {
        write(&self) { $0.byte(UInt8(ascii: "\"")) }
        appendEscaped(utf8, opened: true)
      }
    }
  }

  /// Opens an object (as an element, or as the value of `key`) with the members of a span of a
  /// document, `"start"`, `"end"` and `"text"`, and leaves it open for more: the keys and numbers
  /// in one piece.
  mutating func beginSpanObject(
    _ key: String?, start: Int, end: Int, text: ArraySlice<UInt8>
  ) {
    if let key {
      member(key) { $0.spanHead(start, end) }
    } else {
      appendElement { $0.spanHead(start, end) }
    }
    open()
    needsComma = true
    appendEscaped(text, opened: true)
  }

  /// Makes room for `count` more bytes at once (a record's buffer then grows once, not by
  /// doubling and copying what it holds each time).
  mutating func reserveCapacity(forMore count: Int) {
    bytes.reserveCapacity(bytes.count + count)
  }

  /// Writes a string member from UTF-8 bytes (which must be valid UTF-8).
  public mutating func string(_ key: String, utf8 value: ArraySlice<UInt8>) {
    member(key) { $0.byte(UInt8(ascii: "\"")) }
    appendEscaped(value, opened: true)
  }

  /// Writes a string element from UTF-8 bytes (which must be valid UTF-8).
  public mutating func string(utf8 value: ArraySlice<UInt8>) {
    separate()
    appendEscaped(value)
  }

  /// Writes an integer member.
  public mutating func int(_ key: String, _ value: Int) {
    member(key) { $0.int(value) }
  }

  /// Writes an integer element.
  public mutating func int(_ value: Int) {
    appendElement { $0.int(value) }
  }

  /// Writes a number member, rounded to three decimals.
  public mutating func double(_ key: String, _ value: Double) {
    member(key) { Self.writeDouble(value, to: &$0) }
  }

  /// Writes a number element, rounded to three decimals.
  public mutating func double(_ value: Double) {
    appendElement { Self.writeDouble(value, to: &$0) }
  }

  /// Writes a boolean member.
  public mutating func bool(_ key: String, _ value: Bool) {
    member(key) { $0.bool(value) }
  }

  /// Writes a null member.
  public mutating func null(_ key: String) {
    member(key) { Self.writeNull(to: &$0) }
  }

  /// Writes a null element.
  public mutating func null() {
    appendElement { Self.writeNull(to: &$0) }
  }

  /// Writes a member whose value is already-encoded JSON.
  public mutating func raw(_ key: String, _ json: some Collection<UInt8>) {
    member(key) { _ in }
    bytes.append(contentsOf: json)
  }

  private static func writeNull(to piece: inout Piece) {
    piece.raw("null")
  }

  private static func writeDouble(_ value: Double, to piece: inout Piece) {
    let scaled = (value * 1000).rounded()
    guard scaled.isFinite, abs(scaled) < 1e15 else {
      writeNull(to: &piece)
      return
    }
    let thousandths = Int(scaled)
    if thousandths < 0 { piece.byte(UInt8(ascii: "-")) }
    let magnitude = abs(thousandths)
    piece.int(magnitude / 1000)
    var fraction = magnitude % 1000
    guard fraction != 0 else { return }
    piece.byte(UInt8(ascii: "."))
    var digits = 3
    while fraction % 10 == 0 {
      fraction /= 10
      digits -= 1
    }
    piece.digits(UInt(fraction), minimumCount: digits)
  }

  /// The hexadecimal digits, for `\u00XX` (a StaticString: no lazy initialisation).
  fileprivate static let hexDigits: StaticString = "0123456789abcdef"

  private mutating func appendEscaped(_ value: some Collection<UInt8>, opened: Bool = false) {
    let done: Void? = value.withContiguousStorageIfAvailable { appendEscaped($0, opened: opened) }
    if done == nil { appendEscaped(Array(value), opened: opened) }
  }

  /// The most escapes written in one piece of ``appendEscaped(_:opened:closingObject:)``.
  private static let escapesPerPiece = 8

  /// Appends a JSON string: runs of bytes that need no escape are copied whole. With `opened`,
  /// the opening quotation mark is already written; with `closingObject`, a `}` follows the
  /// closing one.
  ///
  /// NB: up to eight escapes go into a piece (fiction escapes a line feed every line or so):
  /// its room is the rest of the text, five more bytes for each escape and the marks.
  private mutating func appendEscaped(
    _ value: UnsafeBufferPointer<UInt8>, opened: Bool = false, closingObject: Bool = false
  ) {
    var quote = !opened
    var runStart = 0
    var done = false
    repeat {
      appendPiece(capacity: value.count &- runStart &+ 5 &* Self.escapesPerPiece &+ 3) { piece in
        if quote { piece.byte(UInt8(ascii: "\"")) }
        for _ in 0..<Self.escapesPerPiece {
          let found = Self.firstByteToEscape(in: value, from: runStart)
          piece.plain(UnsafeBufferPointer(rebasing: value[runStart..<(found ?? value.count)]))
          guard let found else {
            piece.byte(UInt8(ascii: "\""))
            if closingObject { piece.byte(UInt8(ascii: "}")) }
            done = true
            return
          }
          piece.escape(value[found])
          runStart = found &+ 1
        }
      }
      quote = false
    } while !done
  }

  /// Bit 7 of each byte of `word` (read little-endian) that a JSON string must escape: a byte
  /// below 0x20, or one that is 0 once `"` or `\` is taken away, wrongly only above a byte
  /// rightly flagged (the borrow runs upwards): the lowest flag is the first byte to escape. A
  /// byte with bit 7 set is none of them, and a clean byte below the lowest flag lends nothing.
  @inline(__always)
  private static func escapeFlags(_ word: UInt64) -> UInt64 {
    let ones = ByteScan.ones
    let below = word &- ones &* 0x20
    let quote = (word ^ ones &* 0x22) &- ones
    let backslash = (word ^ ones &* 0x5C) &- ones
    return (below | quote | backslash) & ~word & ByteScan.highs
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
    var index = start
    // NB: a block of 32 bytes is tested whole, with no exit inside, so that the compiler makes
    // it a few vector compares (byte loops with an exit are not vectorised, nor are the
    // standard library's SIMD types here); a block that holds a byte to escape is searched by
    // the word and byte loops below.
    while value.count &- index >= 32 {
      var found: UInt8 = 0
      for offset in 0..<32 {
        let byte = base[index &+ offset]
        found |= (byte < 0x20 ? 1 : 0) | (byte == 0x22 ? 1 : 0) | (byte == 0x5C ? 1 : 0)
      }
      if found != 0 { break }
      index &+= 32
    }
    while value.count &- index >= 8 {
      let flags = escapeFlags(UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
      if flags != 0 { return index &+ flags.trailingZeroBitCount >> 3 }
      index &+= 8
    }
    // NB: the last one to seven bytes of a string of eight or more are tested in one word, the
    // one that ends the string, shifted so that the first byte left is its lowest and filled
    // above with 0xFF bytes (never escaped, and they lend nothing): a byte loop of zero to seven
    // turns mispredicted its exit for most strings (a span's length is anything).
    if value.count >= 8 {
      guard index < value.count else { return nil }
      let before = UInt64(truncatingIfNeeded: index &- (value.count &- 8)) &* 8
      let word = UnsafeRawPointer(base + (value.count &- 8)).loadUnaligned(as: UInt64.self)
      let flags = escapeFlags(word >> before | ~0 << (64 &- before))
      return flags == 0 ? nil : index &+ flags.trailingZeroBitCount >> 3
    }
    while index < value.count {
      let byte = value[index]
      if byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { return index }
      index += 1
    }
    return nil
  }
}
