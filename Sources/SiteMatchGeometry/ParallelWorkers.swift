import Dispatch
import Foundation

/// Runs a batch across worker threads, each with its own ``GEOSContext`` — the GEOS and PROJ rule
/// that handles are never shared between threads.
///
/// Work is split into contiguous blocks, and results are joined in index order, so the output is
/// identical whatever the number of workers, provided `body` computes each element from its
/// inputs alone.
public enum ParallelWorkers {
    /// The number of workers to use by default: the number of active processor cores.
    public static var defaultCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// Runs `body(context, range)` over `0..<count` split into one contiguous chunk per worker, so a
    /// worker can build its own indexes and prepared geometries once and reuse them for the whole
    /// chunk. `body` must return one element per index of its range; chunks are joined in order.
    public static func mapChunks<T: Sendable>(
        count: Int,
        workers: Int = defaultCount,
        _ body: @Sendable (GEOSContext, Range<Int>) throws -> [T]
    ) throws -> [T] {
        let workerCount = max(1, min(workers, count))
        return try mapBlocks(count: count, workers: workerCount, blockSize: (count + workerCount - 1) / workerCount,
                             prepare: { $0 }, body)
    }

    /// Runs `body(state, range)` over `0..<count` in contiguous blocks of `blockSize` indices, handed
    /// out in order to whichever worker is free, so a worker the machine slows down does not hold
    /// the others up. `prepare(context)` runs once per worker, with that worker's own GEOS context,
    /// to build what its blocks share (indexes, prepared geometries); `State` never leaves the
    /// worker. `body` must return one element per index of its range. Blocks are joined in index
    /// order, so the result does not depend on `workers` or `blockSize`. The error of the lowest
    /// failing block is rethrown; blocks after it are not started.
    public static func mapBlocks<State, T: Sendable>(
        count: Int,
        workers: Int = defaultCount,
        blockSize: Int,
        prepare: @Sendable (GEOSContext) throws -> State,
        _ body: @Sendable (State, Range<Int>) throws -> [T]
    ) throws -> [T] {
        guard count > 0 else { return [] }
        precondition(blockSize > 0, "mapBlocks: blockSize must be positive")
        let blockCount = (count + blockSize - 1) / blockSize
        let blocks = BlockDispenser(blockCount)
        let slots = ResultSlots<T>(count: blockCount)
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, blockCount))) { _ in
            let context = GEOSContext()   // lives as long as the worker, whatever `State` keeps
            defer { withExtendedLifetime(context) {} }
            let state: State
            do {
                state = try prepare(context)
            } catch {
                // Reported as the failure of the next block: a worker that cannot start stops the rest.
                if let block = blocks.next() { slots.store(.failure(error), for: block); blocks.stop(after: block) }
                return
            }
            while let block = blocks.next() {
                let range = (block * blockSize)..<min(count, (block + 1) * blockSize)
                do {
                    let values = try body(state, range)
                    precondition(values.count == range.count, "mapBlocks: body returned \(values.count) values for \(range.count) indices")
                    slots.store(.success(values), for: block)
                } catch {
                    slots.store(.failure(error), for: block)
                    blocks.stop(after: block)
                }
            }
        }
        // Blocks are handed out in order, so every block before the first failure has run.
        var joined: [T] = []
        joined.reserveCapacity(count)
        for result in slots.results() {
            guard let result else { preconditionFailure("mapBlocks: a block before the first failure did not run") }
            joined.append(contentsOf: try result.get())
        }
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

/// Block numbers 0, 1, 2, … for workers to take in order, until all are taken or a failure stops
/// those after it.
private final class BlockDispenser: @unchecked Sendable {
    private var following = 0
    private var end: Int
    private let lock = NSLock()

    init(_ count: Int) { end = count }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard following < end else { return nil }
        following += 1
        return following - 1
    }

    func stop(after block: Int) {
        lock.lock()
        end = min(end, block + 1)
        lock.unlock()
    }
}

/// One result slot per block, each written by exactly one worker, read after all have finished
/// (nil for blocks never started).
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var slots: [Result<[T], any Error>?]
    private let lock = NSLock()

    init(count: Int) { slots = Array(repeating: nil, count: count) }

    func store(_ result: Result<[T], any Error>, for block: Int) {
        lock.lock()
        slots[block] = result
        lock.unlock()
    }

    /// Results in block order up to the first block never started.
    func results() -> [Result<[T], any Error>?] {
        lock.lock()
        defer { lock.unlock() }
        var prefix: [Result<[T], any Error>?] = []
        for slot in slots {
            prefix.append(slot)
            if case .failure? = slot { break }
        }
        return prefix
    }
}
