import Dispatch
import Foundation

/// Runs a batch across worker threads, each with its own ``GEOSContext`` — the GEOS and PROJ rule
/// that handles are never shared between threads.
///
/// Work is split into contiguous chunks, one per worker, and results are joined in index order,
/// so the output is identical whatever the number of workers, provided `body` computes each
/// element from its inputs alone.
public enum ParallelWorkers {
    /// The number of workers to use by default: the number of active processor cores.
    public static var defaultCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `body(context, range)` once per worker on a contiguous chunk of `0..<count`, so a worker
    /// can build its own indexes and prepared geometries once and reuse them for the whole chunk.
    /// `body` must return one element per index of its range; chunks are joined in order.
    public static func mapChunks<T: Sendable>(
        count: Int,
        workers: Int = defaultCount,
        _ body: @Sendable (GEOSContext, Range<Int>) throws -> [T]
    ) throws -> [T] {
        guard count > 0 else { return [] }
        let workerCount = max(1, min(workers, count))
        let chunk = (count + workerCount - 1) / workerCount
        let slots = ResultSlots<T>(workers: workerCount)
        DispatchQueue.concurrentPerform(iterations: workerCount) { worker in
            let range = (worker * chunk)..<min(count, (worker + 1) * chunk)
            do {
                let values = try body(GEOSContext(), range)
                precondition(values.count == range.count, "mapChunks: body returned \(values.count) values for \(range.count) indices")
                slots.store(.success(values), for: worker)
            } catch {
                slots.store(.failure(error), for: worker)
            }
        }
        var joined: [T] = []
        joined.reserveCapacity(count)
        for result in slots.results() { joined.append(contentsOf: try result.get()) }
        return joined
    }

    /// Computes `body(context, index)` for every index in `0..<count` on `workers` threads.
    /// The first error (lowest index) is rethrown after all workers finish.
    public static func map<T: Sendable>(
        count: Int,
        workers: Int = defaultCount,
        _ body: @Sendable (GEOSContext, Int) throws -> T
    ) throws -> [T] {
        try mapChunks(count: count, workers: workers) { context, range in try range.map { try body(context, $0) } }
    }
}

/// One result slot per worker, each written by exactly one worker, read after all have finished.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [Result<[T], any Error>?]
    private let lock = NSLock()

    init(workers: Int) { slots = Array(repeating: nil, count: workers) }

    func store(_ result: Result<[T], any Error>, for worker: Int) {
        lock.lock()
        slots[worker] = result
        lock.unlock()
    }

    func results() -> [Result<[T], any Error>] {
        lock.lock()
        defer { lock.unlock() }
        return slots.map { $0 ?? .success([]) }
    }
}
