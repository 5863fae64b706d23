import FuzzSupport
import QuoteExtraction

/// Until rule packs can be loaded from outside the package, this target fuzzes what the output
/// stage does with arbitrary text: JSON string escaping and offset conversions.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let text = String(decoding: bytes, as: UTF8.self)

  // Any string survives a round trip through the writer.
  var writer = JSONWriter()
  writer.string(text)
  precondition(JSONCheck.decodeString(writer.bytes) == text, "string does not round-trip")
  var object = JSONWriter()
  object.beginObject()
  object.string(text, utf8: ArraySlice(text.utf8))
  if size >= 8 {
    let bits = bytes.prefix(8).reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
    object.double("number", Double(bitPattern: bits))
  }
  object.int("int", size &* 0x9E37_79B9 &- 0x7FFF_FFFF)
  object.endObject()
  precondition(JSONCheck.isValid(object.bytes), "invalid JSON object")

  // Offsets: every scalar boundary converts to each unit and back; arbitrary offsets in any
  // unit land inside the text on a scalar boundary.
  guard size < 4096, let document = try? Document(text: text) else { return 0 }
  let utf8 = document.utf8
  for offset in 0...utf8.count where offset == utf8.count || utf8[offset] & 0xC0 != 0x80 {
    for unit in OffsetUnit.allCases {
      let back = document.utf8Offset(document.offset(offset, in: unit), from: unit)
      precondition(back == offset, "\(offset) in \(unit.rawValue) comes back as \(back)")
    }
  }
  for (position, byte) in bytes.enumerated().prefix(64) {
    let probe = Int(Int8(bitPattern: byte)) * (position + 1)
    for unit in OffsetUnit.allCases {
      let offset = document.utf8Offset(probe, from: unit)
      precondition(offset >= 0 && offset <= utf8.count, "\(probe) maps outside the text")
      precondition(offset == utf8.count || utf8[offset] & 0xC0 != 0x80, "not on a boundary")
    }
  }
  return 0
}

@_silgen_name("LLVMFuzzerRunDriver")
func runDriver(
  _ argc: UnsafeMutablePointer<CInt>,
  _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
  _ callback: @convention(c) (UnsafePointer<UInt8>, Int) -> CInt
) -> CInt

/// SwiftPM links an executable's entry point under this name; hand control to libFuzzer.
@_cdecl("fuzz_rules_main")
public func fuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  var count = argc
  var arguments = argv
  return runDriver(&count, &arguments, fuzzRules)
}
