import FuzzSupport
import QuoteExtraction

/// The configurations the fuzzer cycles through (chosen by the input's length, so that one input
/// always runs the same way and a crash reproduces).
let extractors: [QuoteExtractor] = {
  var line = Configuration()
  line.paragraphMode = .line
  var noSingles = Configuration()
  noSingles.singleQuotes = false
  var short = Configuration()
  short.maximumQuoteLength = 20
  return [Configuration(), line, noSingles, short].compactMap {
    try? QuoteExtractor(configuration: $0)
  }
}()

/// Raw bytes into the whole pipeline; checks every invariant of the result (``ResultInvariants``)
/// and that the JSON output is valid JSON in all three offset units.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPipeline(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  precondition(extractors.count == 4, "an extractor did not build")
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  let extractor = extractors[size % extractors.count]
  let result: ExtractionResult
  do {
    result = try extractor.extract(utf8: bytes)
  } catch {
    preconditionFailure("extract threw \(error)")
  }
  let invariants = ResultInvariants(result, input: bytes)
  precondition(invariants.holds, invariants.report)
  for unit in OffsetUnit.allCases {
    var writer = JSONWriter()
    writer.beginObject()
    result.writeFields(to: &writer, offsets: unit)
    writer.endObject()
    precondition(JSONCheck.isValid(writer.bytes), "invalid JSON in \(unit.rawValue)")
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
