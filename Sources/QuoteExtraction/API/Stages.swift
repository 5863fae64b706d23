import TextSegmentation

/// The pipeline's stages one at a time, and the bare ICU passes they are compared with, for
/// the benchmarks. Not part of the stable API: `@_spi(Benchmarks) import QuoteExtraction`.
@_spi(Benchmarks)
public enum Stages {
  /// Validates UTF-8 (repairing it if needed) as the document build does; returns the number
  /// of bytes.
  public static func validateUTF8(_ bytes: [UInt8]) -> Int {
    if bytes.withUnsafeBufferPointer(UTF8Repair.isValid) { return bytes.count }
    return UTF8Repair.decode(bytes).0.utf8.count
  }

  /// A bare scan for the bytes that start quotation marks: the memory-bandwidth baseline.
  public static func quoteByteScan(_ bytes: [UInt8]) -> Int {
    var count = 0
    for byte in bytes where byte == 0x22 || byte == 0x27 || byte == 0xE2 || byte == 0xC2 {
      count &+= 1
    }
    return count
  }

  /// A bare ICU word-iterator pass; returns the number of boundaries.
  public static func icuWordPass(_ bytes: [UInt8]) throws -> Int {
    var iterator = try BreakIterator(.word)
    var count = 0
    try bytes.withUnsafeBufferPointer { buffer in
      try iterator.forEachBoundary(in: buffer) { _, _ in count += 1 }
    }
    return count
  }

  /// A bare ICU sentence-iterator pass; returns the number of boundaries.
  public static func icuSentencePass(_ bytes: [UInt8]) throws -> Int {
    var iterator = try BreakIterator(.sentence)
    var count = 0
    try bytes.withUnsafeBufferPointer { buffer in
      try iterator.forEachBoundary(in: buffer) { _, _ in count += 1 }
    }
    return count
  }

  /// Our tokenizer alone; returns the number of tokens.
  public static func tokens(_ bytes: [UInt8]) throws -> Int {
    try bytes.withUnsafeBufferPointer { try Tokenizer.tokens(of: $0).count }
  }

  /// Paragraphs and sentences (ICU's sentence pass and the repair rules) over tokens already
  /// found; returns the number of sentences.
  public static func sentences(_ bytes: [UInt8], tokens: [Token]) throws -> Int {
    try bytes.withUnsafeBufferPointer { buffer in
      let paragraphs = ParagraphSplitter.paragraphs(of: buffer, mode: .blankLine)
      return try SentenceSegmenter.sentences(
        of: buffer, paragraphs: paragraphs, tokens: tokens, lexicons: .shared
      ).count
    }
  }

  /// The whole text layer (UTF-8 check, paragraphs, tokens, sentences).
  public static func document(_ bytes: [UInt8]) throws -> Document {
    try Document(utf8: bytes)
  }

  /// The quote scanner over a built document; returns the number of quoted spans.
  public static func quotes(_ document: Document) -> Int {
    QuoteScanner(document: document).scan().quotes.count
  }

  /// A built document with its quoted spans found: what the attribution stage starts from.
  public struct ScannedDocument: Sendable {
    let document: Document
    let quotes: [QuotedSpan]
  }

  /// The quote scanner's output kept for ``attribute(_:extractor:)``, so that the attribution
  /// stage is timed without the scan (a stage of its own, ``quotes(_:)``).
  public static func scanned(_ document: Document) -> ScannedDocument {
    ScannedDocument(document: document, quotes: QuoteScanner(document: document).scan().quotes)
  }

  /// The attribution passes (rules and speakers) over a scanned document, with the extractor's
  /// rule set (loaded once); returns the number of attributions.
  public static func attribute(_ scanned: ScannedDocument, extractor: QuoteExtractor) -> Int {
    var result = ExtractionResult(document: scanned.document, quotes: scanned.quotes)
    extractor.engine.attribute(&result)
    return result.attributions.count
  }

  /// JSON output of a result; returns the number of bytes written.
  public static func json(_ result: ExtractionResult) -> Int {
    var writer = JSONWriter()
    writer.beginObject()
    result.writeFields(to: &writer, offsets: .codePoints)
    writer.endObject()
    return writer.bytes.count
  }
}
