import Foundation
import QuoteExtraction
import QuoteExtractionTestSupport
import Testing

/// The gold corpora's documents, read from `../shared/corpora` (nil when it is absent).
enum SharedCorpora {
  struct Record {
    var id: String
    var text: String
  }

  static let names = ["polnear-dev", "litbank-dev", "pdnc-dev", "bench-sample"]

  /// The share of each corpus a debug build checks (an optimized one, `swift test -c release`,
  /// checks every document whole): every `stride`-th document, and the opening of each PDNC
  /// novel up to `novelPrefix` bytes, so that the debug suite stays within a minute.
  static var stride: Int { optimized ? 1 : 12 }
  static var novelPrefix: Int { optimized ? Int.max : 12_000 }
  static var optimized: Bool {
    #if DEBUG
      false
    #else
      true
    #endif
  }

  /// `text`, cut at the first blank line after `limit` bytes.
  static func opening(of text: String, limit: Int) -> String {
    let utf8 = text.utf8
    guard utf8.count > limit, limit < Int.max else { return text }
    let start = utf8.index(utf8.startIndex, offsetBy: limit)
    guard let cut = text[start...].range(of: "\n\n") else { return text }
    return String(text[..<cut.lowerBound])
  }

  /// The documents of one corpus file, or nil when `../shared` is not there.
  static func records(_ name: String) throws -> [Record]? {
    guard let shared = Fixtures.shared else { return nil }
    let url = shared.appendingPathComponent("corpora").appendingPathComponent("\(name).jsonl")
    guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
    var records: [Record] = []
    let lines = data.split(separator: UInt8(ascii: "\n")).enumerated()
    let novels = name.hasPrefix("pdnc")
    for (index, line) in lines where !line.isEmpty && (novels || index % stride == 0) {
      let object = try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
      guard let object, let text = object["text"] as? String else { continue }
      let kept = novels ? opening(of: text, limit: novelPrefix) : text
      records.append(Record(id: object["id"] as? String ?? "?", text: kept))
    }
    return records
  }
}

/// Checks one result's invariants and its JSON output: the output parses, and every span's
/// `text` is the slice of the input at its code point offsets.
func expectInvariants(
  _ result: ExtractionResult, input: [UInt8]? = nil, _ what: String,
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let invariants = ResultInvariants(result, input: input)
  #expect(invariants.holds, "\(what):\n\(invariants.report)", sourceLocation: sourceLocation)
  let problems = JSONOutputCheck.problems(in: result)
  #expect(problems.isEmpty, "\(what) JSON: \(problems)", sourceLocation: sourceLocation)
}

/// Reads a result's JSON output back as a consumer in Python or JavaScript would.
enum JSONOutputCheck {
  static func problems(in result: ExtractionResult) -> [String] {
    var problems: [String] = []
    let scalars = Array(result.text.unicodeScalars)
    var writer = JSONWriter()
    writer.beginObject()
    result.writeFields(to: &writer, offsets: .codePoints)
    writer.endObject()
    guard
      let object = try? JSONSerialization.jsonObject(with: Data(writer.bytes)) as? [String: Any]
    else { return ["output does not parse as a JSON object"] }
    func slice(_ start: Int, _ end: Int) -> String? {
      guard start >= 0, start <= end, end <= scalars.count else { return nil }
      var view = String.UnicodeScalarView()
      view.append(contentsOf: scalars[start..<end])
      return String(view)
    }
    func checkSpan(_ value: Any?, _ what: String) {
      guard let span = value as? [String: Any] else { return }
      guard let start = span["start"] as? Int, let end = span["end"] as? Int,
        let text = span["text"] as? String
      else {
        problems.append("\(what): span without start, end and text")
        return
      }
      // NB: Foundation's JSON reader drops U+FEFF inside strings (Python's keeps it).
      func scalars(_ string: String) -> [Unicode.Scalar] {
        string.unicodeScalars.filter { $0 != "\u{FEFF}" }
      }
      guard let expected = slice(start, end) else {
        problems.append("\(what) [\(start), \(end)] outside the text")
        return
      }
      if scalars(expected) != scalars(text) {
        problems.append("\(what) [\(start), \(end)] text differs: \(text.debugDescription)")
      }
    }
    for (index, attribution) in (object["attributions"] as? [[String: Any]] ?? []).enumerated() {
      for key in ["content", "cue", "speaker"] {
        checkSpan(attribution[key], "attribution \(index) \(key)")
      }
      for fragment in attribution["fragments"] as? [Any] ?? [] {
        checkSpan(fragment, "attribution \(index) fragment")
      }
    }
    for (index, quote) in (object["quotes"] as? [[String: Any]] ?? []).enumerated() {
      checkSpan(quote, "quote \(index)")
    }
    if (object["quotes"] as? [Any])?.count != result.quotes.count {
      problems.append("quotes missing from the output")
    }
    return Array(problems.prefix(10))
  }
}

@Test(arguments: SharedCorpora.names)
func everyInvariantHoldsOnEveryCorpusDocument(corpus: String) throws {
  guard let records = try SharedCorpora.records(corpus) else {
    print("skipped: ../shared/corpora/\(corpus).jsonl is absent")
    return
  }
  #expect(!records.isEmpty)
  let extractor = try QuoteExtractor()
  for record in records {
    let input = Array(record.text.utf8)
    let result = try extractor.extract(utf8: input)
    expectInvariants(result, input: input, record.id)
  }
}
