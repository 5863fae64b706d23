import FuzzSupport
import QuoteExtraction

/// A text that every rule kind can match, run through each pack that loads.
let sample = Array(
  """
  “We are ready,” she said, “and we will not wait.” According to officials, the plan is final. \
  The minister said that talks would resume. Smith told reporters the vote was “a disaster.”

  — Ven aquí —dijo él—. Siéntate.
  """.utf8)

/// Arbitrary bytes as a rule pack: loading must fail with an error that names the pack, or
/// succeed with an extractor whose results hold every invariant. Never a crash or a hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzRules(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
  let bytes = Array(UnsafeBufferPointer(start: data, count: size))
  var configuration = Configuration()
  // Odd sizes run the pack alone, even sizes after the built-in pack (duplicate ids, order).
  configuration.usesBuiltInRules = size % 2 == 0
  configuration.addRulePack(named: "fuzz.json", json: String(decoding: bytes, as: UTF8.self))
  let extractor: QuoteExtractor
  do {
    extractor = try QuoteExtractor(configuration: configuration)
  } catch {
    precondition(!error.description.isEmpty, "an error without a message")
    precondition(
      error.code != "rules" || error.description.contains("fuzz.json"),
      "a rule error that does not name its pack: \(error.description)")
    return 0
  }
  do {
    let result = try extractor.extract(utf8: sample)
    let invariants = ResultInvariants(result, input: sample)
    precondition(invariants.holds, invariants.report)
  } catch {
    preconditionFailure("a loaded pack made extract throw \(error)")
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
