// Embedding the engine in a program: one extractor made at start-up, then one call per text.
//
//   swift run EmbeddingExample [FILE]
//
// With no file, reads the AP example shipped in Fixtures/examples.
import Foundation
import QuoteExtraction

let path = CommandLine.arguments.dropFirst().first ?? "Fixtures/examples/ap-mexico-migration.txt"
guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
  FileHandle.standardError.write(Data("cannot read \(path)\n".utf8))
  exit(1)
}

do {
  // Made once: the language data is loaded and checked here. The extractor is Sendable, so a
  // server can keep it in a global or an actor and use it from every request.
  let extractor = try QuoteExtractor()
  let result = try extractor.extract(from: text)

  for attribution in result.attributions {
    // Offsets in code points, as Python and the gold corpora count them.
    let offsets = result.range(attribution.content, in: .codePoints)
    // The same content as `String.Index` bounds into the caller's own string.
    let content = String(text.unicodeScalars[result.stringRange(attribution.content)])
    let speaker = attribution.speakerName ?? attribution.speaker.map(result.text) ?? "?"
    print(
      "\(attribution.type)\t\(offsets.lowerBound)-\(offsets.upperBound)\t\(speaker)\t\(content)")
  }
  print(
    "\(result.attributions.count) attributions, \(result.quotes.count) quotations, "
      + "\(result.entities.count) speakers, \(result.diagnostics.count) diagnostics")
} catch {
  // Only a broken installation lands here (ICU missing); odd input never throws.
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
