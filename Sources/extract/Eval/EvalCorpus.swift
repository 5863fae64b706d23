import Foundation
import QuoteExtraction

/// Reads gold and prediction files (JSON Lines) into the scorer's documents, as score.py's
/// `load` and `native_quote` do; and turns the engine's results into predictions.
enum EvalCorpus {
  struct LoadError: Error, CustomStringConvertible {
    var description: String
  }

  /// The documents of a file by id, in order of first appearance (a later duplicate replaces
  /// an earlier one, as in a Python dict).
  static func load(_ path: String) throws -> (order: [String], objects: [String: [String: Any]]) {
    guard let data = FileManager.default.contents(atPath: path) else {
      throw LoadError(description: "cannot read \(path)")
    }
    var order: [String] = []
    var objects: [String: [String: Any]] = [:]
    var number = 0
    for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) {
      number += 1
      let trimmed = line.drop { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
      if trimmed.isEmpty || trimmed.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
        continue
      }
      guard let object = try? JSONSerialization.jsonObject(with: Data(line)) as? [String: Any]
      else {
        throw LoadError(description: "\(path):\(number): bad JSON")
      }
      let id = key(object["id"])
      if objects[id] == nil { order.append(id) }
      objects[id] = object
    }
    return (order, objects)
  }

  /// A JSON value as a dictionary key (ids, groups, character ids).
  static func key(_ value: Any?) -> String {
    switch value {
    case let string as String: return "s:" + string
    case let number as NSNumber: return "n:\(number)"
    case nil, is NSNull: return "null"
    default: return "o:\(String(describing: value))"
    }
  }

  static func id(fromKey key: String) -> String {
    key.hasPrefix("s:") || key.hasPrefix("n:") ? String(key.dropFirst(2)) : key
  }

  static func int(_ value: Any?) -> Int? {
    guard let number = value as? NSNumber else { return nil }
    return Int(truncating: number)
  }

  /// `span_of`: `[start, end]` or `{"start", "end"}`; nil for null or an empty list.
  static func span(_ value: Any?) -> Scorer.Span? {
    if let list = value as? [Any] {
      guard list.count >= 2, let start = int(list[0]), let end = int(list[1]) else { return nil }
      return Scorer.Span(start: start, end: end)
    }
    if let object = value as? [String: Any], let start = int(object["start"]),
      let end = int(object["end"])
    {
      return Scorer.Span(start: start, end: end)
    }
    return nil
  }

  static func quote(_ object: [String: Any], native: Bool) -> Scorer.Quote {
    var quote = Scorer.Quote()
    quote.type = object["type"] as? String
    quote.content = span(object["content"])
    quote.speaker = span(object["speaker"])
    if let name = object["speaker_name"] as? String {
      quote.speakerName = name
    } else if native, let name = (object["speaker_name"] as? [String: Any])?["name"] as? String {
      quote.speakerName = name
    }
    if let group = object["group"], !(group is NSNull) { quote.group = key(group) }
    quote.speakerKind = object["speaker_kind"] as? String
    let fragments =
      native
      ? ((object["fragments"] as? [Any]).flatMap { $0.isEmpty ? nil : $0 }
        ?? object["content_fragments"] as? [Any])
      : object["content_fragments"] as? [Any]
    if let fragments, !fragments.isEmpty {
      quote.fragments = fragments.compactMap { span($0) }
    }
    return quote
  }

  /// The quotes of a document: its `attributions` (engine output) or its `quotes` (gold).
  static func quotes(of object: [String: Any]) -> [Scorer.Quote] {
    if let attributions = object["attributions"] as? [[String: Any]] {
      return attributions.map { quote($0, native: true) }
    }
    if object["attributions"] != nil { return [] }
    return (object["quotes"] as? [[String: Any]] ?? []).map { quote($0, native: false) }
  }

  static func goldDocuments(_ path: String) throws -> [Scorer.Document] {
    let (order, objects) = try load(path)
    return order.compactMap { key in
      guard let object = objects[key] else { return nil }
      let text = object["text"] as? String ?? ""
      var aliases: [String?: Set<String>]?
      if let meta = object["meta"] as? [String: Any], let characters = meta["characters"] as? [Any],
        !characters.isEmpty
      {
        var table: [String?: Set<String>] = [:]
        for (index, element) in characters.enumerated() {
          guard let character = element as? [String: Any] else { continue }
          let characterKey =
            character.keys.contains("id") ? self.key(character["id"]) : "i:\(index)"
          var names = (character["aliases"] as? [Any]) ?? []
          names.append(character["name"] as Any)
          for name in names {
            guard let name = name as? String, !name.isEmpty else { continue }
            table[PythonUnicode.normName(name), default: []].insert(characterKey)
          }
        }
        aliases = table
      }
      return Scorer.Document(
        id: key, text: Array(text.unicodeScalars), quotes: quotes(of: object), aliases: aliases)
    }
  }

  /// Predictions in code points, converting UTF-8 offsets when asked (as `utf8_to_cp`).
  static func predictions(_ path: String, gold: [Scorer.Document], utf8Offsets: Bool) throws
    -> (quotes: [String: [Scorer.Quote]], ids: Set<String>)
  {
    let (order, objects) = try load(path)
    var result: [String: [Scorer.Quote]] = [:]
    let texts = Dictionary(gold.map { ($0.id, $0.text) }, uniquingKeysWith: { $1 })
    for key in order {
      guard let object = objects[key] else { continue }
      var quotes = quotes(of: object)
      if utf8Offsets, let text = texts[key] {
        quotes = try convertUTF8(quotes, text: text)
      }
      result[key] = quotes
    }
    return (result, Set(order))
  }

  static func convertUTF8(_ quotes: [Scorer.Quote], text: [Unicode.Scalar]) throws
    -> [Scorer.Quote]
  {
    var byteToScalar: [Int: Int] = [:]
    var byte = 0
    for (index, scalar) in text.enumerated() {
      byteToScalar[byte] = index
      byte += UTF8.width(scalar)
    }
    byteToScalar[byte] = text.count
    func convert(_ span: Scorer.Span?) throws -> Scorer.Span? {
      guard let span else { return nil }
      guard let start = byteToScalar[span.start], let end = byteToScalar[span.end] else {
        throw LoadError(
          description:
            "prediction span [\(span.start), \(span.end)] is not on a UTF-8 character boundary")
      }
      return Scorer.Span(start: start, end: end)
    }
    return try quotes.map { quote in
      var quote = quote
      quote.content = try convert(quote.content)
      quote.speaker = try convert(quote.speaker)
      if let fragments = quote.fragments, !fragments.isEmpty {
        quote.fragments = try fragments.map { try convert($0) ?? $0 }
      }
      return quote
    }
  }

  /// The engine's attributions as predictions, in code points (what `extract --format jsonl`
  /// writes and score.py's `native_quote` reads).
  static func quotes(of result: ExtractionResult) -> [Scorer.Quote] {
    let document = result.document
    func span(_ range: Range<Int>?) -> Scorer.Span? {
      guard let range else { return nil }
      return Scorer.Span(
        start: document.offset(range.lowerBound, in: .codePoints),
        end: document.offset(range.upperBound, in: .codePoints))
    }
    return result.attributions.map { attribution in
      var quote = Scorer.Quote()
      quote.type = attribution.type.rawValue
      quote.content = span(attribution.content)
      if attribution.fragments.count > 1 {
        quote.fragments = attribution.fragments.compactMap { span($0) }
      }
      quote.speaker = span(attribution.speaker)
      quote.speakerName = attribution.speakerName
      return quote
    }
  }
}
