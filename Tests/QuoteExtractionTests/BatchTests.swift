import QuoteExtraction
import Testing

@Suite struct BatchTests {
  static let texts = (0..<40).map { index in
    String(repeating: "Filler sentence number \(index). ", count: index % 7)
      + "“Quote \(index),” she said."
  }

  @Test(arguments: [1, 2, 4])
  func asyncResultsComeInInputOrder(concurrency: Int) async throws {
    let extractor = try QuoteExtractor()
    let documents = Self.texts.enumerated().map {
      BatchDocument(id: "d\($0.offset)", text: $0.element)
    }
    var ids: [String] = []
    for await item in extractor.results(for: documents, concurrency: concurrency, window: 3) {
      let result = try item.result.get()
      let expected = try extractor.extract(from: Self.texts[ids.count])
      #expect(result.attributions == expected.attributions)
      ids.append(item.id)
    }
    #expect(ids == documents.map(\.id))
  }

  /// Many groups of documents: the workers and the iterating task (which extracts groups too
  /// while it waits) share them, and the results still come in input order.
  @Test(arguments: [2, 3])
  func manyGroupsComeInInputOrder(concurrency: Int) async throws {
    let extractor = try QuoteExtractor()
    let documents = (0..<700).map { BatchDocument(id: "m\($0)", text: Self.texts[$0 % 40]) }
    let expected = try Self.texts.map { try extractor.extract(from: $0).attributions }
    var count = 0
    for await item in extractor.results(for: documents, concurrency: concurrency) {
      #expect(item.id == "m\(count)")
      #expect(try item.result.get().attributions == expected[count % 40])
      count += 1
    }
    #expect(count == documents.count)
  }

  @Test func leavingTheLoopEarlyStopsTheWorkers() async throws {
    let extractor = try QuoteExtractor()
    let documents = (0..<1000).map { BatchDocument(id: "e\($0)", text: Self.texts[$0 % 40]) }
    var seen = 0
    for await _ in extractor.results(for: documents, concurrency: 2) {
      seen += 1
      if seen == 3 { break }
    }
    #expect(seen == 3)
  }

  @Test func forEachInOrderStopsWhenAsked() throws {
    let extractor = try QuoteExtractor()
    var seen: [Int] = []
    extractor.forEachInOrder(
      Array(0..<100), concurrency: 3, transform: { _, value in value * 2 },
      emit: { value in
        seen.append(value)
        return seen.count < 10
      })
    #expect(seen == (0..<10).map { $0 * 2 })
  }

  /// Uneven work: every third input is a longer document.
  static func unevenText(_ value: Int) -> String {
    String(repeating: "“Word \(value),” he said. ", count: value % 3 == 0 ? 50 : 1)
  }

  @Test func forEachInOrderKeepsOrderWithUnevenWork() throws {
    let extractor = try QuoteExtractor()
    var seen: [Int] = []
    extractor.forEachInOrder(
      Array(0..<200), concurrency: 4, window: 5,
      transform: { extractor, value in
        (value, (try? extractor.extract(from: Self.unevenText(value)))?.attributions)
      },
      emit: { value, attributions in
        seen.append(value)
        #expect(
          attributions == (try? extractor.extract(from: Self.unevenText(value)))?.attributions)
        return true
      })
    #expect(seen == Array(0..<200))
  }
}

@Suite struct AsyncBatchTests {
  @Test func asyncInputSequenceYieldsResultsInOrder() async throws {
    let extractor = try QuoteExtractor()
    let (stream, continuation) = AsyncStream.makeStream(of: BatchDocument.self)
    for (index, text) in BatchTests.texts.enumerated() {
      continuation.yield(BatchDocument(id: "a\(index)", text: text))
    }
    continuation.finish()
    var ids: [String] = []
    for try await item in extractor.results(for: stream, concurrency: 2) {
      let expected = try extractor.extract(from: BatchTests.texts[ids.count])
      #expect(try item.result.get().attributions == expected.attributions)
      ids.append(item.id)
    }
    #expect(ids == BatchTests.texts.indices.map { "a\($0)" })
  }
}
