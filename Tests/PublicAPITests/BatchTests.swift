import Foundation
import QuoteExtraction
import Testing

/// The batch API: many documents on worker threads, results in input order.
@Suite struct BatchTests {
  static func documents(_ count: Int) -> [BatchDocument] {
    (0..<count).map { index in
      let text =
        index % 7 == 3
        ? "Short note \(index) with no quotation."
        : "“Point \(index) stands,” the minister said. She added that \(index) was enough."
      return BatchDocument(id: "doc-\(index)", text: text)
    }
  }

  @Test(arguments: [1, 2, 3])
  func resultsComeInInputOrderAndMatchOneByOne(concurrency: Int) async throws {
    let extractor = try QuoteExtractor()
    let documents = Self.documents(120)
    var ids: [String] = []
    var outputs: [String] = []
    for await item in extractor.results(for: documents, concurrency: concurrency) {
      ids.append(item.id)
      outputs.append(try item.result.get().json())
    }
    #expect(ids == documents.map(\.id))
    let expected = try documents.map { try extractor.extract(utf8: $0.utf8).json() }
    #expect(outputs == expected)
  }

  @Test(arguments: [1, 4, nil] as [Int?])
  func longAndShortDocumentsMixedKeepTheirOrder(window: Int?) async throws {
    let extractor = try QuoteExtractor()
    // NB: whitespace makes a document longer than a group (64 KiB) that is still quick to read.
    let long = String(repeating: " ", count: 70_000)
    let documents = (0..<60).map { index in
      index % 9 == 0
        ? BatchDocument(id: "long-\(index)", text: long + "“Done \(index),” she said.")
        : Self.documents(index + 1)[index]
    }
    var ids: [String] = []
    var outputs: [String] = []
    for await item in extractor.results(for: documents, concurrency: 2, window: window) {
      ids.append(item.id)
      outputs.append(try item.result.get().json())
    }
    #expect(ids == documents.map(\.id))
    #expect(outputs == (try documents.map { try extractor.extract(utf8: $0.utf8).json() }))
  }

  @Test func resultsKeptByTheCallerOutliveTheBatch() async throws {
    // The workers free the results the caller has moved past while they extract more: results
    // the caller keeps must stay whole. Several groups' worth, so that results are handed back.
    let extractor = try QuoteExtractor()
    let documents = Self.documents(700)
    var kept: [BatchResult] = []
    for await item in extractor.results(for: documents, concurrency: 2, window: 2) {
      kept.append(item)
    }
    #expect(kept.map(\.id) == documents.map(\.id))
    for (item, document) in zip(kept, documents) {
      #expect(try item.result.get().json() == extractor.extract(utf8: document.utf8).json())
    }
  }

  @Test func invalidUTF8InOneDocumentDoesNotStopTheBatch() async throws {
    let extractor = try QuoteExtractor()
    let documents = [
      BatchDocument(id: "good", text: "“Yes,” she said."),
      BatchDocument(id: "bad", utf8: Array("“No,” he said. ".utf8) + [0xFF, 0xFE]),
      BatchDocument(id: "empty", text: ""),
    ]
    var seen: [String: ExtractionResult] = [:]
    for await item in extractor.results(for: documents, concurrency: 2) {
      seen[item.id] = try item.result.get()
    }
    #expect(seen.count == 3)
    #expect(seen["bad"]?.diagnostics.contains { $0.code == "invalid-utf8" } == true)
    #expect(seen["empty"]?.attributions.isEmpty == true)
  }

  @Test func leavingTheLoopEarlyStopsCleanly() async throws {
    let extractor = try QuoteExtractor()
    var count = 0
    for await _ in extractor.results(for: Self.documents(500), concurrency: 2) {
      count += 1
      if count == 5 { break }
    }
    #expect(count == 5)
  }

  @Test func asyncSourcesAreReadAsTheyArrive() async throws {
    let extractor = try QuoteExtractor()
    let documents = Self.documents(40)
    let source = AsyncStream<BatchDocument> { continuation in
      for document in documents { continuation.yield(document) }
      continuation.finish()
    }
    var ids: [String] = []
    for try await item in extractor.results(for: source, concurrency: 2) {
      ids.append(item.id)
    }
    #expect(ids == documents.map(\.id))
  }
}
