/// Tells text from binary data: NUL bytes, or many control bytes, in the first 64 KiB.
enum BinaryDetector {
  static func looksBinary(_ bytes: [UInt8]) -> Bool {
    let count = min(bytes.count, 1 << 16)
    guard count > 0 else { return false }
    return bytes.withUnsafeBufferPointer { buffer in
      var control = 0
      var index = 0
      if let base = buffer.baseAddress {
        let raw = UnsafeRawPointer(base)
        while index + 8 <= count {
          let word = raw.loadUnaligned(fromByteOffset: index, as: UInt64.self)
          if ByteWords.hasByte(below: 0x20, in: word) || ByteWords.hasByte(0x7F, in: word) {
            let found = controlBytes(buffer, index..<(index + 8))
            if found < 0 { return true }
            control += found
          }
          index += 8
        }
      }
      let found = controlBytes(buffer, index..<count)
      if found < 0 { return true }
      control += found
      // NB: a few stray control bytes occur in real text (form feeds, old encodings); a tenth
      // does not.
      return control * 10 > count
    }
  }

  /// The control bytes (other than tab, newlines, form feed and escape) in `range`, or -1 when
  /// there is a NUL byte.
  private static func controlBytes(_ buffer: UnsafeBufferPointer<UInt8>, _ range: Range<Int>)
    -> Int
  {
    var control = 0
    for index in range {
      let byte = buffer[index]
      guard counts(byte) else { continue }
      if byte == 0 { return -1 }
      control += 1
    }
    return control
  }

  /// Whether the check counts `byte`: a NUL, DEL, or a control byte other than tab, newlines,
  /// form feed and escape. A text without any is not binary.
  @inline(__always)
  static func counts(_ byte: UInt8) -> Bool {
    // Fast path: most bytes are printable ASCII or UTF-8.
    if byte >= 0x20 { return byte == 0x7F }
    switch byte {
    case 0x09, 0x0A, 0x0C, 0x0D, 0x1B: return false
    default: return true
    }
  }
}
