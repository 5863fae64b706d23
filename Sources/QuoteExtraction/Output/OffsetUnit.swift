/// The unit in which offsets are written out.
public enum OffsetUnit: String, Sendable, Hashable, CaseIterable {
  /// Unicode code points (Python `str` indices; what the gold corpora use). The default.
  case codePoints = "codepoints"
  /// UTF-8 bytes (what the engine uses inside).
  case utf8
  /// UTF-16 code units (JavaScript, Java, NSString).
  case utf16
}

extension Document {
  /// Converts a UTF-8 byte offset into `unit`.
  public func offset(_ utf8Offset: Int, in unit: OffsetUnit) -> Int {
    switch unit {
    case .utf8: utf8Offset
    case .codePoints: codePointOffset(utf8Offset)
    case .utf16: utf16Offset(utf8Offset)
    }
  }

  /// Converts both ends of a UTF-8 byte range into `unit` (as ``offset(_:in:)`` does each).
  func offsets(of range: Range<Int>, in unit: OffsetUnit) -> (start: Int, end: Int) {
    switch unit {
    case .utf8: (range.lowerBound, range.upperBound)
    case .codePoints: offsets.codePointOffsets(range)
    case .utf16: offsets.utf16Offsets(range)
    }
  }

  /// Converts an offset in `unit` into a UTF-8 byte offset.
  public func utf8Offset(_ offset: Int, from unit: OffsetUnit) -> Int {
    switch unit {
    case .utf8: min(max(offset, 0), utf8.count)
    case .codePoints: utf8Offset(codePoint: offset)
    case .utf16: utf8Offset(utf16: offset)
    }
  }
}
