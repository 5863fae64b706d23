import QuoteExtraction

let extractor = try? QuoteExtractor()

/// Raw bytes into the whole pipeline; checks the result's invariants.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  guard let extractor else { return 0 }
  let bytes = UnsafeBufferPointer(start: data, count: size)
  guard let result = try? extractor.extract(utf8: bytes) else { return 0 }
  let count = result.document.utf8Count
  func check(_ range: Range<Int>) {
    precondition(range.lowerBound >= 0 && range.upperBound <= count, "range outside the text")
    let utf8 = result.document.utf8
    for edge in [range.lowerBound, range.upperBound] where edge < count {
      precondition(utf8[edge] & 0xC0 != 0x80, "range not on a scalar boundary")
    }
  }
  for sentence in result.document.sentences { check(sentence.utf8Range) }
  for token in result.document.tokens { check(token.utf8Range) }
  for quote in result.quotes { check(quote.content) }
  for attribution in result.attributions {
    attribution.fragments.forEach(check)
    if let cue = attribution.cue { check(cue) }
    if let speaker = attribution.speaker { check(speaker) }
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
@_cdecl("fuzz_pipeline_main")
public func fuzzMain(
  _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?
) -> CInt {
  var count = argc
  var arguments = argv
  return runDriver(&count, &arguments, fuzzPipeline)
}
