import CICUShim

/// An ICU break iterator over UTF-8 text, reporting boundaries as UTF-8 byte offsets.
///
/// Owns its ICU handle and closes it when it goes away. Not `Sendable`: use one per task.
/// Opening is cheap (a clone of a process-wide prototype), so open one per document or keep
/// one per worker and rebind it with ``boundaries(in:)``.
public struct BreakIterator: ~Copyable {
  /// What the iterator splits text into.
  public enum Kind: Sendable {
    /// Word boundaries (UAX #29), with ICU's rule status for each segment.
    case word
    /// Sentence boundaries (UAX #29, with ICU's English abbreviation suppressions).
    case sentence
  }

  private let handle: OpaquePointer
  /// The kind this iterator was opened with.
  public let kind: Kind

  /// Opens an iterator of the given kind.
  /// - Throws: ``SegmentationError`` with the ICU status name when ICU cannot open one.
  public init(_ kind: Kind) throws(SegmentationError) {
    var status: Int32 = 0
    let raw = qx_breaker_open(kind == .word ? QX_BREAK_WORD : QX_BREAK_SENTENCE, &status)
    guard let raw else { throw SegmentationError(icuStatus: status, operation: "open") }
    self.handle = raw
    self.kind = kind
  }

  deinit {
    qx_breaker_close(handle)
  }

  /// Calls `body` with every boundary after offset 0, in order, ending with the text's length.
  ///
  /// The `status` passed along is ICU's rule status of the segment that ends at the boundary
  /// (for words: 0..<100 none, 100..<200 number, 200..<300 letter, 300..<400 kana,
  /// 400..<500 ideographic). Offsets are UTF-8 byte offsets.
  /// - Complexity: O(n) in the length of `utf8`.
  public mutating func forEachBoundary(
    in utf8: UnsafeBufferPointer<UInt8>,
    _ body: (_ offset: Int, _ status: Int32) -> Void
  ) throws(SegmentationError) {
    guard let base = utf8.baseAddress, utf8.count > 0 else { return }
    guard utf8.count < Int(Int32.max) else {
      throw SegmentationError(icuStatus: 1, operation: "text longer than 2 GiB")
    }
    let status = base.withMemoryRebound(to: CChar.self, capacity: utf8.count) {
      qx_breaker_set_text(handle, $0, Int64(utf8.count))
    }
    guard status <= 0 else { throw SegmentationError(icuStatus: status, operation: "setText") }
    // NB: fixed-size stack buffers, so a call allocates nothing however often it runs.
    let capacity = 256
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: 2 * capacity) { buffer in
      guard let offsets = buffer.baseAddress else { return }
      let statuses = offsets + capacity
      let wantsStatus = kind == .word
      while true {
        let count = Int(
          qx_breaker_next_boundaries(
            handle, offsets, wantsStatus ? statuses : nil, Int64(capacity)))
        for index in 0..<count {
          body(Int(offsets[index]), wantsStatus ? statuses[index] : 0)
        }
        if count < capacity { break }
      }
    }
    // NB: drop the text binding so the iterator never reads a buffer that has been freed.
    _ = qx_breaker_set_text(handle, nil, 0)
  }

  /// Returns every boundary after offset 0 as UTF-8 byte offsets.
  public mutating func boundaries(in utf8: UnsafeBufferPointer<UInt8>) throws(SegmentationError)
    -> [Int]
  {
    var result: [Int] = []
    try forEachBoundary(in: utf8) { offset, _ in result.append(offset) }
    return result
  }

  /// Returns every boundary after offset 0 as UTF-8 byte offsets, like ``boundaries(in:)``, but
  /// ICU runs over a UTF-16 copy of the text, which it iterates markedly faster.
  ///
  /// With `linesAsSpaces`, line feeds and carriage returns read as spaces (so a hard-wrapped
  /// line does not end a sentence); the offsets are still those of `utf8`. `utf8` should be
  /// valid UTF-8: an invalid byte reads as one U+FFFD.
  /// - Complexity: O(n) in the length of `utf8`.
  public mutating func boundariesOverUTF16(
    in utf8: UnsafeBufferPointer<UInt8>, linesAsSpaces: Bool = false
  ) throws(SegmentationError) -> [Int] {
    guard let base = utf8.baseAddress, utf8.count > 0 else { return [] }
    guard utf8.count < Int(Int32.max) / 2 else {
      throw SegmentationError(icuStatus: 1, operation: "text longer than 1 GiB")
    }
    let status = qx_breaker_set_text_utf16(
      handle, base, Int64(utf8.count), linesAsSpaces ? 1 : 0)
    guard status <= 0 else { throw SegmentationError(icuStatus: status, operation: "setText") }
    var result: [Int] = []
    let capacity = 256
    withUnsafeTemporaryAllocation(of: Int32.self, capacity: capacity) { buffer in
      guard let offsets = buffer.baseAddress else { return }
      while true {
        let count = Int(qx_breaker_next_boundaries_utf16(handle, offsets, Int64(capacity)))
        for index in 0..<count { result.append(Int(offsets[index])) }
        if count < capacity { break }
      }
    }
    return result
  }

  /// Binds `utf8` for ``boundary(from:)``: ICU reads a UTF-16 copy of it, as in
  /// ``boundariesOverUTF16(in:linesAsSpaces:)``, but iterates only where asked.
  ///
  /// NB: `utf8` must stay valid, unchanged, while ``boundary(from:)`` is used (it maps offsets).
  /// - Complexity: O(n) in the length of `utf8` (the copy).
  public mutating func bindOverUTF16(
    _ utf8: UnsafeBufferPointer<UInt8>, linesAsSpaces: Bool = false
  ) throws(SegmentationError) {
    guard utf8.count < Int(Int32.max) / 2 else {
      throw SegmentationError(icuStatus: 1, operation: "text longer than 1 GiB")
    }
    let lines: Int32 = linesAsSpaces ? 1 : 0
    // NB: an empty text still replaces the previous binding (its pointer is never read).
    let status =
      utf8.baseAddress.map { qx_breaker_set_text_utf16(handle, $0, Int64(utf8.count), lines) }
      ?? withUnsafePointer(to: UInt8(0)) { qx_breaker_set_text_utf16(handle, $0, 0, lines) }
    guard status <= 0 else { throw SegmentationError(icuStatus: status, operation: "setText") }
  }

  /// The first boundary at or after `offset` (a UTF-8 byte offset on a scalar boundary; 0 is
  /// never one) of the text bound by ``bindOverUTF16(_:linesAsSpaces:)``, or nil when none is.
  /// One of the boundaries ``boundariesOverUTF16(in:linesAsSpaces:)`` reports, found from a
  /// nearby safe point rather than from the start of the text.
  /// - Complexity: about the length of the sentence around `offset` (with offsets asked in
  ///   increasing order; going back maps offsets from the start again).
  public mutating func boundary(from offset: Int) -> Int? {
    let next = qx_breaker_boundary_from_utf16(handle, Int64(offset))
    return next < 0 ? nil : Int(next)
  }
}
