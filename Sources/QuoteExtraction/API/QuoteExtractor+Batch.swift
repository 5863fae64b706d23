import Dispatch

/// One document of a batch: an id chosen by the caller and the text as UTF-8 bytes.
public struct BatchDocument: Sendable {
  /// The caller's id, returned unchanged with the result.
  public var id: String
  /// The text as UTF-8 (invalid UTF-8 is repaired and reported in the diagnostics).
  public var utf8: [UInt8]

  /// Creates a batch document.
  public init(id: String, utf8: [UInt8]) {
    self.id = id
    self.utf8 = utf8
  }

  /// Creates a batch document from a string.
  public init(id: String, text: String) {
    self.init(id: id, utf8: Array(text.utf8))
  }
}

/// The result of one ``BatchDocument``, in input order.
public struct BatchResult: Sendable {
  /// The document's id.
  public var id: String
  /// The extraction, or the error that stopped it.
  public var result: Result<ExtractionResult, QuoteExtractionError>
}

extension QuoteExtractor {
  /// The number of worker threads used by default: the number of active processors.
  public static var defaultConcurrency: Int { max(1, activeProcessorCount()) }

  /// Extracts every document of `documents` on `concurrency` threads and yields the results in
  /// input order.
  ///
  /// With a concurrency above one, the task that iterates is one of those threads: while the
  /// result it asks for is being made, it extracts the next group of documents that no worker
  /// has taken, so `concurrency - 1` worker threads are started.
  ///
  /// The documents are read lazily, as results are consumed: at most `window` groups of
  /// documents (by default twice the concurrency, plus two) are held at once, so memory stays
  /// bounded whatever the number of documents. Short documents travel in groups of up to 64
  /// documents or 64 KiB of text, so that handing them between threads costs little; a longer
  /// document travels alone.
  ///
  /// ```swift
  /// for await item in extractor.results(for: documents, concurrency: 4) {
  ///   print(item.id, (try? item.result.get())?.attributions.count ?? -1)
  /// }
  /// ```
  public func results<Documents: Sequence & Sendable>(
    for documents: Documents, concurrency: Int = QuoteExtractor.defaultConcurrency,
    window: Int? = nil
  ) -> BatchResults<Documents> where Documents.Element == BatchDocument {
    BatchResults(
      extractor: self, documents: documents, concurrency: concurrency, window: window)
  }

  /// Extracts every document of an asynchronous sequence (a socket, a file read with async
  /// I/O) on `concurrency` worker threads, yielding results in input order; as
  /// ``results(for:concurrency:window:)``, with the errors of `documents` rethrown.
  public func results<Documents: AsyncSequence & Sendable>(
    for documents: Documents, concurrency: Int = QuoteExtractor.defaultConcurrency,
    window: Int? = nil
  ) -> AsyncBatchResults<Documents> where Documents.Element == BatchDocument {
    AsyncBatchResults(
      extractor: self, documents: documents, concurrency: concurrency, window: window)
  }

  static func extractInBatch(_ extractor: QuoteExtractor, _ document: BatchDocument)
    -> BatchResult
  {
    do throws(QuoteExtractionError) {
      return BatchResult(
        id: document.id, result: .success(try extractor.extract(utf8: document.utf8)))
    } catch {
      return BatchResult(id: document.id, result: .failure(error))
    }
  }

  /// Runs `transform` on every element of `inputs` on `concurrency` threads (the calling thread
  /// and `concurrency - 1` workers), and calls `emit` with the outputs in input order, on the
  /// calling thread.
  ///
  /// This is the mechanism under ``results(for:concurrency:window:)->BatchResults<Documents>``, for callers that do more
  /// per document than extraction (parsing the input, formatting the output) and want that work
  /// parallel too. `inputs` is read lazily on the calling thread, at most `window` elements ahead
  /// of the last emitted output. `emit` returns `false` to stop early; elements not yet emitted
  /// are then dropped.
  /// - Complexity: O(n) calls of `transform`; memory bounded by `window` inputs and outputs.
  public func forEachInOrder<Inputs: Sequence, Output: Sendable>(
    _ inputs: Inputs, concurrency: Int = QuoteExtractor.defaultConcurrency, window: Int? = nil,
    transform: @escaping @Sendable (QuoteExtractor, Inputs.Element) -> Output,
    emit: (Output) throws -> Bool
  ) rethrows where Inputs.Element: Sendable {
    if concurrency <= 1 {
      for input in inputs {
        guard try emit(transform(self, input)) else { return }
      }
      return
    }
    // NB: the calling thread runs inputs too while it waits (as the batch iterator does), so
    // one worker thread fewer is started.
    let pipeline = OrderedPipeline(
      extractor: self, concurrency: concurrency - 1, transform: transform)
    defer { pipeline.close() }
    let limit = max(window ?? (2 * concurrency + 2), 1)
    var pending = PendingSlots<Inputs.Element, Output>(limit: limit)
    var iterator = inputs.makeIterator()
    var exhausted = false
    while true {
      while !exhausted && !pending.isFull {
        if let input = iterator.next() {
          pending.append(pipeline.submit(input))
        } else {
          exhausted = true
        }
      }
      guard let slot = pending.popFirst() else { return }
      while !slot.isDone && pipeline.runQueued() {}
      guard try emit(slot.wait()) else { return }
    }
  }
}

/// The results of ``QuoteExtractor/results(for:concurrency:window:)->BatchResults<Documents>``,
/// in input order.
public struct BatchResults<Documents: Sequence & Sendable>: AsyncSequence, Sendable
where Documents.Element == BatchDocument {
  /// Each element is one document's result.
  public typealias Element = BatchResult
  /// Errors are in each result, never thrown.
  public typealias Failure = Never

  let extractor: QuoteExtractor
  let documents: Documents
  let concurrency: Int
  let window: Int?

  /// Starts the workers and returns the iterator.
  public func makeAsyncIterator() -> Iterator {
    let workers = Swift.max(concurrency, 1)
    // NB: the caller's task extracts groups too while it waits for the next result (see
    // `Iterator.next`), so one thread fewer is started: with as many threads as cores, none of
    // them pre-empts another, and half the results are handed out on the thread that made them.
    return Iterator(
      documents: documents.makeIterator(),
      pipeline: OrderedPipeline(
        extractor: extractor, concurrency: workers > 1 ? workers - 1 : 1,
        freeingWhileWorking: { extractor, group, discarded in
          var results: [BatchResult] = []
          results.reserveCapacity(group.count)
          for document in group {
            results.append(QuoteExtractor.extractInBatch(extractor, document))
            // NB: one discarded result freed per document made, rather than a whole group at
            // once: a burst of frees overflows malloc's per-thread cache, and the next
            // documents' allocations then take its slow path.
            while let last = discarded.last, last.isEmpty { discarded.removeLast() }
            if !discarded.isEmpty { _ = discarded[discarded.count - 1].popLast() }
          }
          return results
        }),
      limit: Swift.max(window ?? (2 * workers + 2), 1), callerRuns: workers > 1)
  }

  /// Reads documents ahead, up to the window, and awaits the next result in order.
  ///
  /// Short documents travel in groups (up to 64 documents or 64 KiB of text): one hand-over
  /// between threads per group instead of per document.
  public struct Iterator: AsyncIteratorProtocol {
    /// The most documents in one group.
    static var groupCount: Int { 64 }
    /// The most text in one group, in UTF-8 bytes; a longer document travels alone.
    static var groupBytes: Int { 64 * 1024 }

    var documents: Documents.Iterator
    let owner: PipelineOwner<[BatchDocument], [BatchResult]>
    var pipeline: OrderedPipeline<[BatchDocument], [BatchResult]> { owner.pipeline }
    var pending: PendingSlots<[BatchDocument], [BatchResult]>
    var exhausted = false
    /// A document read ahead that did not fit in the last group.
    var carried: BatchDocument?
    /// The results of the group being handed out, and the position in it.
    var ready: [BatchResult] = []
    var readyIndex = 0
    var readyWorker = 0
    /// Whether the caller extracts groups itself while it waits.
    let callerRuns: Bool

    init(
      documents: Documents.Iterator, pipeline: OrderedPipeline<[BatchDocument], [BatchResult]>,
      limit: Int, callerRuns: Bool
    ) {
      self.documents = documents
      self.owner = PipelineOwner(pipeline: pipeline)
      self.pending = PendingSlots(limit: limit)
      self.callerRuns = callerRuns
    }

    /// The next group of documents, or nil after the last one.
    mutating func nextGroup() -> [BatchDocument]? {
      var group: [BatchDocument] = []
      group.reserveCapacity(Self.groupCount)
      var bytes = 0
      while group.count < Self.groupCount {
        guard let document = carried ?? documents.next() else {
          exhausted = true
          break
        }
        carried = nil
        if !group.isEmpty && bytes + document.utf8.count > Self.groupBytes {
          carried = document
          break
        }
        group.append(document)
        bytes += document.utf8.count
      }
      return group.isEmpty ? nil : group
    }

    /// The next result in input order, or nil after the last document.
    public mutating func next() async -> BatchResult? {
      await next(isolation: nil)
    }

    /// The next result in input order, or nil after the last document; runs on the caller's
    /// actor (what `for await` calls), so a result already there costs no executor hop.
    public mutating func next(isolation actor: isolated (any Actor)?) async -> BatchResult? {
      if readyIndex < ready.count {
        readyIndex += 1
        return ready[readyIndex - 1]
      }
      while !exhausted && !pending.isFull {
        guard let group = nextGroup() else { break }
        pending.append(pipeline.submit(group))
      }
      guard let slot = pending.popFirst() else {
        pipeline.close()
        return nil
      }
      // NB: the results already handed out go back to the worker that made them, to be freed
      // there: freed here, each block would go back to the worker's malloc arena under its lock,
      // which the worker holds while it allocates.
      if !ready.isEmpty {
        // NB: moved out, so that the worker holds the only reference and frees in place.
        var handedOut: [BatchResult] = []
        swap(&handedOut, &ready)
        pipeline.discard(handedOut, worker: readyWorker)
      }
      // While the group it needs is being made, the caller makes the next one nobody has taken
      // (the one it needs, if no worker has taken it yet).
      while callerRuns && !slot.isDone && pipeline.runQueued() {}
      // NB: when the consumer has to wait, it waits for the next group too, if that one is
      // being made: the workers finish their groups at about the same time, and one wake-up
      // for two groups costs the cores half the switches (each wake-up pre-empts a worker).
      if !slot.isDone, let following = pending.first, !following.isDone {
        await following.completion(isolation: actor)
      }
      ready = await slot.value(isolation: actor)
      readyWorker = slot.worker
      readyIndex = 1
      return ready.first
    }
  }
}

/// The results of
/// ``QuoteExtractor/results(for:concurrency:window:)->AsyncBatchResults<Documents>``, in
/// input order.
public struct AsyncBatchResults<Documents: AsyncSequence & Sendable>: AsyncSequence, Sendable
where Documents.Element == BatchDocument {
  /// Each element is one document's result.
  public typealias Element = BatchResult
  /// The errors of the documents' sequence.
  public typealias Failure = any Error

  let extractor: QuoteExtractor
  let documents: Documents
  let concurrency: Int
  let window: Int?

  /// Starts the workers and returns the iterator.
  public func makeAsyncIterator() -> Iterator {
    let workers = Swift.max(concurrency, 1)
    return Iterator(
      documents: documents.makeAsyncIterator(),
      owner: PipelineOwner(
        pipeline: OrderedPipeline(
          extractor: extractor, concurrency: workers, transform: QuoteExtractor.extractInBatch)),
      pending: PendingSlots(limit: Swift.max(window ?? (2 * workers + 2), 1)))
  }

  /// Reads documents ahead, up to the window, and awaits the next result in order.
  public struct Iterator: AsyncIteratorProtocol {
    var documents: Documents.AsyncIterator
    let owner: PipelineOwner<BatchDocument, BatchResult>
    var pending: PendingSlots<BatchDocument, BatchResult>
    var exhausted = false

    /// The next result in input order, or nil after the last document.
    public mutating func next() async throws -> BatchResult? {
      while !exhausted && !pending.isFull {
        if let document = try await documents.next() {
          pending.append(owner.pipeline.submit(document))
        } else {
          exhausted = true
        }
      }
      guard let slot = pending.popFirst() else {
        owner.pipeline.close()
        return nil
      }
      return await slot.value()
    }
  }
}

/// Worker threads that run a transform on submitted inputs; each submission returns a slot that
/// the caller waits on, so outputs can be taken in submission order.
///
/// NB: the locks are semaphores so that the library needs no Foundation. The worker closures hold
/// the pipeline, so it is not freed before `close()`: owners call it (see `PipelineOwner`).
final class OrderedPipeline<Input: Sendable, Output: Sendable>: @unchecked Sendable {
  /// The place where one input's output appears.
  final class Slot: @unchecked Sendable {
    /// The input, until a worker takes it.
    private var input: Input?
    /// The worker that produced the output (valid once it is there).
    private(set) var worker = 0
    private var output: Output?
    private var waiter: CheckedContinuation<Output, Never>?
    /// A consumer waiting for the output to be there, without taking it (see ``completion``).
    private var completionWaiter: CheckedContinuation<Void, Never>?
    /// Whether the output has been made (it may have been taken since).
    private var isFulfilled = false
    private let lock = DispatchSemaphore(value: 1)
    private let done = DispatchSemaphore(value: 0)

    init(input: Input) { self.input = input }

    /// Hands the input to the worker that runs it: the slot keeps no reference, so the input is
    /// freed on that worker once the transform is done with it.
    func takeInput() -> Input? {
      lock.wait()
      defer { lock.signal() }
      return input.take()
    }

    func fulfil(_ value: Output, worker: Int) {
      lock.wait()
      self.worker = worker
      isFulfilled = true
      let waiter = self.waiter
      self.waiter = nil
      let completionWaiter = self.completionWaiter
      self.completionWaiter = nil
      // A waiting consumer gets the output directly; otherwise it waits here for `value` or
      // `wait`, which move it out.
      if waiter == nil { output = value }
      lock.signal()
      done.signal()
      waiter?.resume(returning: value)
      completionWaiter?.resume()
    }

    /// Whether the output has been made.
    var isDone: Bool {
      lock.wait()
      defer { lock.signal() }
      return isFulfilled
    }

    /// Suspends until the output is there, leaving it in the slot; resumes on `actor`.
    func completion(isolation actor: isolated (any Actor)? = #isolation) async {
      await withCheckedContinuation(isolation: actor) {
        (continuation: CheckedContinuation<Void, Never>) in
        lock.wait()
        if isFulfilled {
          lock.signal()
          continuation.resume()
        } else {
          completionWaiter = continuation
          lock.signal()
        }
      }
    }

    /// Blocks the calling thread until the output is there.
    func wait() -> Output {
      done.wait()
      lock.wait()
      defer { lock.signal() }
      // NB: `fulfil` sets the output before it signals `done`.
      guard let output = output.take() else {
        preconditionFailure("slot signalled without output")
      }
      return output
    }

    /// Suspends until the output is there, and resumes on `actor`.
    ///
    /// NB: resuming on the caller's actor directly (rather than on the global executor, which
    /// then hops to the actor) wakes one thread per result instead of two; on two cores each
    /// wake-up pre-empts a worker.
    func value(isolation actor: isolated (any Actor)? = #isolation) async -> Output {
      await withCheckedContinuation(isolation: actor) { continuation in
        lock.wait()
        // NB: the output is moved out, so the slot (freed on the consumer's thread) holds none.
        if let output = output.take() {
          lock.signal()
          continuation.resume(returning: output)
        } else {
          waiter = continuation
          lock.signal()
        }
      }
    }
  }

  private let lock = DispatchSemaphore(value: 1)
  private let available = DispatchSemaphore(value: 0)
  private var queue: [Slot?] = []
  private var queueHead = 0
  private var closed = false
  /// Outputs handed back by the consumer, by worker, freed on the thread that made them.
  private var garbage: [[Output]]
  private let workers: Int
  private let group = DispatchGroup()
  private let transform: @Sendable (QuoteExtractor, Input, inout [Output]) -> Output
  private let extractor: QuoteExtractor

  convenience init(
    extractor: QuoteExtractor, concurrency: Int,
    transform: @escaping @Sendable (QuoteExtractor, Input) -> Output
  ) {
    self.init(
      extractor: extractor, concurrency: concurrency,
      freeingWhileWorking: { extractor, input, _ in transform(extractor, input) })
  }

  /// Starts the workers; `transform` also gets the outputs handed back by the consumer (see
  /// ``discard(_:worker:)``), to free a few at a time as it works: whatever it leaves is freed
  /// when it returns.
  init(
    extractor: QuoteExtractor, concurrency: Int,
    freeingWhileWorking transform:
      @escaping @Sendable (QuoteExtractor, Input, inout [Output]) ->
      Output
  ) {
    workers = concurrency
    garbage = Array(repeating: [], count: concurrency)
    self.transform = transform
    self.extractor = extractor
    for index in 0..<concurrency {
      let thread = DispatchQueue(label: "QuoteExtractor.worker.\(index)")
      thread.async(group: group) { [self] in
        var discarded: [Output] = []
        while let slot = self.take(worker: index, discarded: &discarded) {
          guard let input = slot.takeInput() else { continue }
          let output = transform(extractor, input, &discarded)
          discarded.removeAll()
          slot.fulfil(output, worker: index)
        }
      }
    }
  }

  /// Runs the oldest input no worker has taken yet on the calling thread; false when there is
  /// none.
  func runQueued() -> Bool {
    guard available.wait(timeout: .now()) == .success else { return false }
    lock.wait()
    let isEnd = queueHead < queue.count && queue[queueHead] == nil
    let slot = isEnd ? nil : nextSlot()
    lock.signal()
    guard let slot else {
      // An end marker (or nothing) is left for the worker it was meant for.
      available.signal()
      return false
    }
    guard let input = slot.takeInput() else { return true }
    var discarded: [Output] = []
    // NB: a worker index past the workers' ones: what the caller made is freed by the caller.
    slot.fulfil(transform(extractor, input, &discarded), worker: workers)
    return true
  }

  func submit(_ input: Input) -> Slot {
    let slot = Slot(input: input)
    lock.wait()
    queue.append(slot)
    lock.signal()
    available.signal()
    return slot
  }

  /// Hands an output back to be freed on the worker thread that made it (see `worker` of
  /// ``Slot``), the next time that worker takes an input.
  func discard(_ output: Output, worker: Int) {
    lock.wait()
    if worker < garbage.count { garbage[worker].append(output) }
    lock.signal()
  }

  /// The next input's slot (nil at the end), and in `discarded` the outputs handed back for
  /// this worker to free, outside the lock, on the thread that made them.
  private func take(worker: Int, discarded: inout [Output]) -> Slot? {
    available.wait()
    lock.wait()
    swap(&discarded, &garbage[worker])
    let slot = nextSlot()
    lock.signal()
    return slot
  }

  /// The next input's slot, or nil for an end marker. Called under `lock`.
  private func nextSlot() -> Slot? {
    guard queueHead < queue.count, let slot = queue[queueHead] else { return nil }
    queue[queueHead] = nil
    queueHead += 1
    if queueHead > 1024 && queueHead * 2 > queue.count {
      queue.removeFirst(queueHead)
      queueHead = 0
    }
    return slot
  }

  /// Stops the workers once the inputs already submitted are done (or dropped).
  func close() {
    lock.wait()
    let wasClosed = closed
    closed = true
    if !wasClosed {
      // NB: drop inputs nobody waits for any more, then wake every worker with an end marker.
      queue.removeAll()
      queueHead = 0
      for _ in 0..<workers { queue.append(nil) }
    }
    lock.signal()
    if !wasClosed {
      for _ in 0..<workers { available.signal() }
    }
  }
}

/// The slots submitted and not yet taken, oldest first, at most `limit` of them: the window of
/// documents read ahead of the results handed out.
struct PendingSlots<Input: Sendable, Output: Sendable> {
  typealias Slot = OrderedPipeline<Input, Output>.Slot

  let limit: Int
  private var slots: [Slot] = []
  private var head = 0

  init(limit: Int) {
    self.limit = limit
    slots.reserveCapacity(limit)
  }

  /// Whether the window is full, so no more input should be read ahead.
  var isFull: Bool { slots.count - head >= limit }

  mutating func append(_ slot: Slot) { slots.append(slot) }

  /// The oldest slot, left pending.
  var first: Slot? { head < slots.count ? slots[head] : nil }

  /// The oldest slot, or nil when none is pending.
  mutating func popFirst() -> Slot? {
    guard head < slots.count else { return nil }
    let slot = slots[head]
    head += 1
    // NB: compact now and then, so the array of slots does not grow with the corpus.
    if head >= limit {
      slots.removeFirst(head)
      head = 0
    }
    return slot
  }
}

/// Closes its pipeline when the last reference goes, so that an abandoned iterator stops its
/// workers.
final class PipelineOwner<Input: Sendable, Output: Sendable>: Sendable {
  let pipeline: OrderedPipeline<Input, Output>

  init(pipeline: OrderedPipeline<Input, Output>) { self.pipeline = pipeline }

  deinit { pipeline.close() }
}

#if canImport(Glibc)
  import Glibc
  private func activeProcessorCount() -> Int { Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))) }
#elseif canImport(Darwin)
  import Darwin
  private func activeProcessorCount() -> Int {
    var count: Int32 = 0
    var size = MemoryLayout<Int32>.size
    sysctlbyname("hw.activecpu", &count, &size, nil, 0)
    return Int(count)
  }
#else
  private func activeProcessorCount() -> Int { 1 }
#endif
