import QuoteExtraction

/// One input record, parsed and run through the engine: what the renderers show.
struct RecordContent {
  /// What became of the record.
  enum Outcome {
    case result(ExtractionResult)
    case failure(code: String, message: String)
  }

  var id: String
  var line: Int?
  var kept: [(key: String, json: [UInt8])]
  var outcome: Outcome
}

/// One record's output, ready to write, with what `--stats` counts.
struct ProcessedRecord: Sendable {
  var id: String
  var output: [UInt8]
  var errorCode: String?
  var isEmpty = false
  var inputBytes = 0
  /// Attributions by type, in `Attribution.Kind.allCases` order.
  var typeCounts: [Int] = [0, 0, 0]
  var speakers: [String] = []
}

/// Turns a raw input into a rendered record: parse, check, extract, render. Runs on the workers.
struct RecordProcessor: Sendable {
  let parser: JSONLineParser
  let renderer: RecordRenderer
  let collectSpeakers: Bool

  func process(_ input: RawInput, with extractor: QuoteExtractor) -> ProcessedRecord {
    let content = self.content(of: input, extractor: extractor)
    var record = ProcessedRecord(id: content.id, output: renderer.render(content))
    switch input {
    case .jsonLine(_, _, let bytes), .document(_, let bytes): record.inputBytes = bytes.count
    case .failure: break
    }
    switch content.outcome {
    case .failure(let code, _):
      record.errorCode = code
    case .result(let result):
      record.isEmpty = result.document.utf8Count == 0
      // NB: through a buffer, reading each attribution's type in place: a loop over the
      // array copies every attribution (retaining and releasing its strings and arrays).
      result.attributions.withUnsafeBufferPointer { attributions in
        for index in attributions.indices {
          switch attributions[index].type {
          case .direct: record.typeCounts[0] += 1
          case .indirect: record.typeCounts[1] += 1
          case .mixed: record.typeCounts[2] += 1
          }
          if collectSpeakers, let label = result.speakerLabel(of: attributions[index]) {
            record.speakers.append(label)
          }
        }
      }
    }
    return record
  }

  func content(of input: RawInput, extractor: QuoteExtractor) -> RecordContent {
    switch Self.decode(input, parser: parser) {
    case .failure(let failure):
      return RecordContent(
        id: failure.id, line: failure.line, kept: failure.kept,
        outcome: .failure(code: failure.code, message: failure.message))
    case .success(let document):
      do throws(QuoteExtractionError) {
        var result = try extractor.extract(utf8: document.text)
        if let repair = document.repair { result.diagnostics.insert(repair, at: 0) }
        return RecordContent(
          id: document.id, line: document.line, kept: document.kept, outcome: .result(result))
      } catch {
        return RecordContent(
          id: document.id, line: document.line, kept: document.kept,
          outcome: .failure(code: error.code, message: error.description))
      }
    }
  }

  /// A record's text, checked: valid JSON with a string text field, and not binary data.
  struct Decoded {
    var id: String
    var text: [UInt8]
    var line: Int?
    var kept: [(key: String, json: [UInt8])]
    /// What was repaired while decoding the text (lone surrogates), if anything.
    var repair: Diagnostic? = nil
  }

  /// Why a record has no text to process.
  struct DecodeFailure: Error {
    var id: String
    var code: String
    var message: String
    var line: Int?
    var kept: [(key: String, json: [UInt8])] = []
  }

  static func decode(_ input: RawInput, parser: JSONLineParser) -> Result<Decoded, DecodeFailure> {
    var decoded: Decoded
    // NB: a JSON line's text is checked for binary bytes only when its decoding met one (see
    // ``JSONLineParser/Record/textMayBeBinary``): without one the check cannot fail.
    var mayBeBinary = true
    switch input {
    case .failure(let id, let code, let message, let line):
      return .failure(DecodeFailure(id: id, code: code, message: message, line: line))
    case .document(let id, let bytes):
      decoded = Decoded(id: id, text: bytes, line: nil, kept: [])
    case .jsonLine(let source, let number, let bytes):
      let fallback = InputReader.lineID(source, number)
      switch parser.parse(bytes) {
      case .failure(let failure):
        return .failure(
          DecodeFailure(
            id: failure.id ?? fallback, code: failure.code, message: failure.message, line: number))
      case .success(let record):
        let id = record.id ?? fallback
        guard let text = record.text else {
          let field = String(decoding: parser.textField, as: UTF8.self)
          return .failure(
            record.textIsNotString
              ? DecodeFailure(
                id: id, code: "text-not-string", message: "field \"\(field)\" is not a string",
                line: number, kept: record.kept)
              : DecodeFailure(
                id: id, code: "missing-text", message: "no field \"\(field)\"", line: number,
                kept: record.kept))
        }
        decoded = Decoded(id: id, text: text, line: number, kept: record.kept)
        mayBeBinary = record.textMayBeBinary
        if record.textSurrogatesReplaced > 0 {
          let count = record.textSurrogatesReplaced
          decoded.repair = Diagnostic(
            code: "invalid-utf8",
            message:
              "replaced \(count) lone surrogate escape\(count == 1 ? "" : "s") with U+FFFD",
            utf8Offset: record.firstReplacedSurrogate)
        }
      }
    }
    if mayBeBinary && BinaryDetector.looksBinary(decoded.text) {
      return .failure(
        DecodeFailure(
          id: decoded.id, code: "binary", message: "binary data, not text (NUL or control bytes)",
          line: decoded.line, kept: decoded.kept))
    }
    return .success(decoded)
  }
}

extension ExtractionResult {
  /// The speaker as people read it: the entity's name, else the mention's text.
  func speakerLabel(of attribution: Attribution) -> String? {
    if let name = attribution.speakerName, !name.isEmpty { return name }
    if let speaker = attribution.speaker { return document.text(speaker) }
    return nil
  }
}
