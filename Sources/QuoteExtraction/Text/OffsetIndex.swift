/// Converts UTF-8 byte offsets of one text to Unicode code points and UTF-16 code units, and back.
///
/// Keeps a checkpoint every 32 bytes, so a conversion scans at most 32 bytes (constant time)
/// and the reverse direction is a binary search (logarithmic). ASCII text needs no table.
struct OffsetIndex: Sendable {
  // NB: every offset written out is converted, scanning up to a stride from its checkpoint;
  // 32 bytes keep that to four words at the cost of a quarter byte of table per text byte.
  private static let stride = 32
  /// Code points before each checkpoint; empty when the text is ASCII.
  private var scalarsBefore: [Int32] = []
  /// UTF-16 code units before each checkpoint; empty when the text is ASCII.
  private var utf16Before: [Int32] = []
  private let isASCII: Bool
  private let utf8: [UInt8]

  init(utf8: [UInt8]) {
    self.utf8 = utf8
    let ascii = utf8.withUnsafeBufferPointer { ByteScan.isASCII($0) }
    self.isASCII = ascii
    guard !ascii else { return }
    // One checkpoint at the start of each block, and one at the end when the last block is
    // full: `count / stride + 1` in all, written in place (two appends a block cost more than
    // counting the block's bytes).
    // NB: zero-filled through the growth path first: an uninitialised array is made by the
    // standard library's unspecialised allocator (see `Array(filled:count:)`).
    let checkpoints = utf8.count / Self.stride + 1
    var scalarTable = [Int32](filled: 0, count: checkpoints)
    var unitTable = [Int32](filled: 0, count: checkpoints)
    scalarTable.withUnsafeMutableBufferPointer { scalars in
      unitTable.withUnsafeMutableBufferPointer { units in
        utf8.withUnsafeBufferPointer { bytes in
          Self.fill(scalars: scalars, units: units, from: bytes)
        }
      }
    }
    scalarsBefore = scalarTable
    utf16Before = unitTable
  }

  /// Writes the code points and UTF-16 units before each checkpoint of `bytes` (all of them:
  /// the tables hold `bytes.count / stride + 1`).
  private static func fill(
    scalars: UnsafeMutableBufferPointer<Int32>, units: UnsafeMutableBufferPointer<Int32>,
    from bytes: UnsafeBufferPointer<UInt8>
  ) {
    var scalarCount: Int32 = 0
    var unitCount: Int32 = 0
    var checkpoint = 0
    var blockStart = 0
    while blockStart < bytes.count {
      scalars[checkpoint] = scalarCount
      units[checkpoint] = unitCount
      checkpoint += 1
      let blockEnd = min(blockStart + stride, bytes.count)
      // A byte starts a scalar unless it is 10xxxxxx; four-byte sequences (11110xxx) take two
      // UTF-16 units.
      var starts: Int32 = 0
      var astral: Int32 = 0
      var index = blockStart
      if let base = bytes.baseAddress {
        // Eight bytes a step (a block is four words but for the last one). Each byte's flags
        // are summed in its own lane (at most 4 a lane) and the lanes added up once a block:
        // one multiply a block rather than two a word.
        var continuationLanes: UInt64 = 0
        var astralLanes: UInt64 = 0
        var words: Int32 = 0
        while blockEnd - index >= 8 {
          let word = ByteScan.word(base, index)
          continuationLanes &+= ByteScan.continuations(word) >> 7
          astralLanes &+= ByteScan.fourByteLeads(word) >> 7
          words += 1
          index += 8
        }
        starts = 8 &* words &- Int32(truncatingIfNeeded: (continuationLanes &* ByteScan.ones) >> 56)
        astral = Int32(truncatingIfNeeded: (astralLanes &* ByteScan.ones) >> 56)
      }
      while index < blockEnd {
        let byte = bytes[index]
        starts &+= byte & 0xC0 != 0x80 ? 1 : 0
        astral &+= byte >= 0xF0 ? 1 : 0
        index += 1
      }
      scalarCount += starts
      unitCount += starts + astral
      blockStart = blockEnd
    }
    if bytes.count % stride == 0 {
      scalars[checkpoint] = scalarCount
      units[checkpoint] = unitCount
    }
  }

  /// The number of code points before a UTF-8 offset (which should be on a scalar boundary).
  func codePointOffset(utf8Offset offset: Int) -> Int {
    if isASCII { return offset }
    let checkpoint = offset / Self.stride
    let start = checkpoint * Self.stride
    let continuations = count(from: start, to: offset, ByteScan.continuations)
    return Int(scalarsBefore[checkpoint]) + (offset - start) - continuations
  }

  /// The number of UTF-16 code units before a UTF-8 offset.
  func utf16Offset(utf8Offset offset: Int) -> Int {
    if isASCII { return offset }
    let checkpoint = offset / Self.stride
    let start = checkpoint * Self.stride
    let continuations = count(from: start, to: offset, ByteScan.continuations)
    let fourByteLeads = count(from: start, to: offset, ByteScan.fourByteLeads)
    return Int(utf16Before[checkpoint]) + (offset - start) - continuations + fourByteLeads
  }

  /// The code points before each end of `range` (whose ends should be on scalar boundaries).
  func codePointOffsets(_ range: Range<Int>) -> (start: Int, end: Int) {
    offsets(range, codePointOffset) { start, end in
      (end - start) - count(from: start, to: end, ByteScan.continuations)
    }
  }

  /// The UTF-16 code units before each end of `range`.
  func utf16Offsets(_ range: Range<Int>) -> (start: Int, end: Int) {
    offsets(range, utf16Offset) { start, end in
      (end - start) - count(from: start, to: end, ByteScan.continuations)
        + count(from: start, to: end, ByteScan.fourByteLeads)
    }
  }

  /// Both ends of `range` converted by `offset`; when both are in one block, the end is the
  /// start's conversion and the `units` between them.
  ///
  /// NB: the output writes spans and marks as pairs, most of them short (a mark, a name, a
  /// verb): counting on from the start reads a word or so, not the end's checkpoint and up to
  /// a block of bytes before it.
  @inline(__always)
  private func offsets(
    _ range: Range<Int>, _ offset: (Int) -> Int, units: (Int, Int) -> Int
  ) -> (start: Int, end: Int) {
    let start = offset(range.lowerBound)
    if isASCII { return (start, range.upperBound) }
    guard range.count <= range.upperBound % Self.stride else {
      return (start, offset(range.upperBound))
    }
    return (start, start + units(range.lowerBound, range.upperBound))
  }

  /// The bytes of `utf8[start..<end]` that `flags` marks (continuations or four-byte leads),
  /// eight bytes at a time: a conversion is called for every offset written out.
  ///
  /// The last, partial word is loaded whole and masked when the text has eight bytes from
  /// there (all but its last few bytes), so that a conversion runs no byte loop.
  @inline(__always)
  private func count(from start: Int, to end: Int, _ flags: (UInt64) -> UInt64) -> Int {
    precondition(start >= 0 && end <= utf8.count)
    return utf8.withUnsafeBufferPointer { bytes in
      guard let base = bytes.baseAddress else { return 0 }
      var total = 0
      var index = start
      while end - index >= 8 {
        total += ByteScan.count(flags(ByteScan.word(base, index)))
        index += 8
      }
      let rest = end - index
      guard rest > 0 else { return total }
      if bytes.count - index >= 8 {
        // NB: little-endian words hold byte 0 in the low bits; keep the `rest` low bytes.
        let keep: UInt64 = (1 << UInt64(rest * 8)) &- 1
        return total + ByteScan.count(flags(ByteScan.word(base, index)) & keep)
      }
      while index < end {
        total += ByteScan.count(flags(UInt64(bytes[index])))
        index += 1
      }
      return total
    }
  }

  /// The UTF-8 offset of a code-point offset, clamped to the text.
  func utf8Offset(codePointOffset target: Int) -> Int {
    if isASCII { return min(max(target, 0), utf8.count) }
    return search(target, in: scalarsBefore) { byte in byte & 0xC0 != 0x80 ? 1 : 0 }
  }

  /// The UTF-8 offset of a UTF-16 offset, clamped to the text. A UTF-16 offset in the middle
  /// of a surrogate pair maps to the start of its scalar.
  func utf8Offset(utf16Offset target: Int) -> Int {
    if isASCII { return min(max(target, 0), utf8.count) }
    return search(target, in: utf16Before) { byte in
      byte & 0xC0 != 0x80 ? (byte >= 0xF0 ? 2 : 1) : 0
    }
  }

  private func search(_ target: Int, in table: [Int32], weight: (UInt8) -> Int) -> Int {
    if target <= 0 { return 0 }
    var low = 0
    var high = table.count - 1
    while low < high {
      let middle = (low + high + 1) / 2
      if Int(table[middle]) <= target { low = middle } else { high = middle - 1 }
    }
    var index = low * Self.stride
    var count = Int(table[low])
    while index < utf8.count {
      let step = weight(utf8[index])
      if step > 0 {
        if count + step > target { return index }
        count += step
      }
      index += 1
    }
    return utf8.count
  }
}
