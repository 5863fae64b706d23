/// Tells text from binary data: NUL bytes, or many control bytes, in the first 64 KiB.
enum BinaryDetector {
  static func looksBinary(_ bytes: [UInt8]) -> Bool {
    let count = min(bytes.count, 1 << 16)
    guard count > 0 else { return false }
    return bytes.withUnsafeBufferPointer { buffer in
      var control = 0
      for index in 0..<count {
        let byte = buffer[index]
        // Fast path: most bytes are printable ASCII or UTF-8.
        if byte >= 0x20 && byte != 0x7F { continue }
        switch byte {
        case 0: return true
        case 0x09, 0x0A, 0x0C, 0x0D, 0x1B: break
        default: control += 1
        }
      }
      // NB: a few stray control bytes occur in real text (form feeds, old encodings); a tenth
      // does not.
      return control * 10 > count
    }
  }
}
