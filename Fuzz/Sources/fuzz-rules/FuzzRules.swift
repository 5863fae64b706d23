import QuoteExtraction

/// Arbitrary bytes as a rule pack: loading must fail cleanly or succeed, never crash.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  _ = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
  return 0
}
