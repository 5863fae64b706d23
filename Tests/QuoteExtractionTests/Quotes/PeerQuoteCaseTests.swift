import Foundation
import QuoteExtraction
import QuoteExtractionTestSupport
import Testing

/// Other tools' quote-span test cases (`../shared/peer-cases/`), run through the scanner.
struct PeerQuoteCaseTests {
  static let folder = Fixtures.shared?.appendingPathComponent("peer-cases")

  static func cases(_ file: String) throws -> [[String: Any]] {
    guard let folder else { return [] }
    let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
    return try text.split(separator: "\n").compactMap {
      try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
    }
  }

  /// A span in code points, trimmed of quotation marks, spaces and punctuation at both ends
  /// (how `score.py`'s `exact_norm` and `quote_eval.py` compare).
  static func trimmed(_ scalars: [Unicode.Scalar], _ start: Int, _ end: Int) -> [Int] {
    func skip(_ scalar: Unicode.Scalar) -> Bool {
      scalar.properties.isWhitespace || QuoteMarksProbe.isMark(scalar)
        || scalar.properties.generalCategory.isPunctuation
    }
    var start = max(0, start)
    var end = min(end, scalars.count)
    while start < end && skip(scalars[start]) { start += 1 }
    while end > start && skip(scalars[end - 1]) { end -= 1 }
    return [start, end]
  }

  static func spans(_ expected: Any?, _ scalars: [Unicode.Scalar]) -> [[Int]] {
    ((expected as? [[String: Any]]) ?? []).compactMap { entry in
      guard let span = entry["span"] as? [Int], span.count == 2 else { return nil }
      return trimmed(scalars, span[0], span[1])
    }.sorted { $0.lexicographicallyPrecedes($1) }
  }

  /// Whether our quotes agree with one CoreNLP quote-annotator case, under its options.
  static func passes(_ peerCase: [String: Any]) throws -> Bool {
    guard let text = peerCase["text"] as? String,
      let options = peerCase["options"] as? [String: String]
    else { return false }
    var configuration = Configuration()
    configuration.singleQuotes = options["singleQuotes"] == "true"
    configuration.maximumQuoteLength = options["maxLength"].flatMap { Int($0) }
    let result = try QuoteExtractor(configuration: configuration).extract(from: text)
    let document = result.document
    let scalars = Array(text.unicodeScalars)
    func codePoints(_ quote: QuotedSpan) -> [Int] {
      trimmed(
        scalars, document.codePointOffset(quote.content.lowerBound),
        document.codePointOffset(quote.content.upperBound))
    }
    let unclosedWanted = options["result"] == "UnclosedQuotationsAnnotation"
    let top = result.quotes.filter {
      $0.depth == 0 && $0.kind != .dashDialogue && $0.isClosed != unclosedWanted
    }
    let got = top.map(codePoints).sorted { $0.lexicographicallyPrecedes($1) }
    let expected = spans(peerCase["expected"], scalars)
    if !expected.isEmpty && got != expected { return false }
    if let count = peerCase["expected_count"] as? Int, count != top.count { return false }
    let nested = Set(result.quotes.filter { $0.depth > 0 && $0.part == nil }.map(codePoints))
    for embedded in spans(peerCase["expected_embedded"], scalars) where !nested.contains(embedded) {
      return false
    }
    return true
  }

  @Test(.enabled(if: folder != nil, "../shared/peer-cases is absent: peer cases skipped"))
  func coreNLPQuoteAnnotatorCasesPass() throws {
    let cases = try Self.cases("corenlp.jsonl").filter {
      $0["peer"] as? String == "corenlp-quote-annotator"
    }
    #expect(cases.count == 44)
    var failures: [String] = []
    for peerCase in cases where try !Self.passes(peerCase) {
      failures.append(peerCase["id"] as? String ?? "?")
    }
    let passed = cases.count - failures.count
    #expect(passed >= 42, "\(passed) of \(cases.count) pass; failing: \(failures)")
  }

  @Test(
    .enabled(if: folder != nil, "../shared/peer-cases is absent: peer cases skipped"),
    arguments: ["textacy.jsonl", "sayswho.jsonl", "statement-extractor.jsonl"])
  func everyExpectedQuoteIsAQuotedSpan(_ file: String) throws {
    for peerCase in try Self.cases(file) {
      guard let text = peerCase["text"] as? String else { continue }
      let result = try QuoteExtractor().extract(from: text)
      let scalars = Array(text.unicodeScalars)
      let found = Set(
        result.quotes.filter(\.isClosed).map {
          Self.trimmed(
            scalars, result.document.codePointOffset($0.content.lowerBound),
            result.document.codePointOffset($0.content.upperBound))
        })
      for span in Self.spans(peerCase["expected"], scalars) {
        #expect(
          found.contains(span),
          "\(peerCase["id"] ?? "?"): \(String(String.UnicodeScalarView(scalars[span[0]..<span[1]])))"
        )
      }
    }
  }
}

/// The quotation marks `quote_eval.py` trims.
enum QuoteMarksProbe {
  static let marks: Set<Unicode.Scalar> = Set("\"'`“”‘’«»„‚‹›「」『』".unicodeScalars)
  static func isMark(_ scalar: Unicode.Scalar) -> Bool { marks.contains(scalar) }
}

extension Unicode.GeneralCategory {
  var isPunctuation: Bool {
    switch self {
    case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
      .initialPunctuation, .finalPunctuation, .otherPunctuation:
      true
    default: false
    }
  }
}
