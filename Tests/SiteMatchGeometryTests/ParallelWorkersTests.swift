import Testing
@testable import SiteMatchGeometry

@Suite struct ParallelWorkersTests {
    /// 2 000 random segment–polygon distances, as WKB so each worker rebuilds them in its own context.
    static func batch() throws -> (segments: [[UInt8]], polygon: [UInt8]) {
        let geos = GEOSContext()
        var rng = SplitMix64(seed: 42)
        let segments = try (0..<2_000).map { _ in
            let x = Double.random(in: -5_000..<5_000, using: &rng), y = Double.random(in: -5_000..<5_000, using: &rng)
            return try Geometry(wkt: "LINESTRING (\(x) \(y), \(x + 37.5) \(y - 12.25))", context: geos).wkb
        }
        let polygon = try Geometry(wkt: "POLYGON ((0 0, 300 40, 220 310, -80 190, 0 0))", context: geos).wkb
        return (segments, polygon)
    }

    @Test func fourWorkersGiveExactlyTheSerialDistances() throws {
        let (segments, polygonWKB) = try Self.batch()
        let geos = GEOSContext()
        let polygon = try Geometry(wkb: polygonWKB, context: geos)
        let serial = try segments.map { try polygon.distance(to: Geometry(wkb: $0, context: geos)) }

        for workers in [1, 2, 4] {
            let parallel = try ParallelWorkers.map(count: segments.count, workers: workers) { context, i in
                try Geometry(wkb: polygonWKB, context: context).distance(to: Geometry(wkb: segments[i], context: context))
            }
            #expect(parallel == serial, "workers: \(workers)")
        }
    }

    @Test func firstErrorIsRethrown() throws {
        #expect(throws: GeometryError.self) {
            _ = try ParallelWorkers.map(count: 10, workers: 4) { context, i in
                try Geometry(wkt: i == 7 ? "NOT WKT" : "POINT (0 0)", context: context).area()
            }
        }
    }
}

@Suite struct ParallelChunkTests {
    @Test func chunksCoverEveryIndexOnceInOrderForAnyWorkerCount() throws {
        for workers in [1, 2, 3, 7] {
            let values = try ParallelWorkers.mapChunks(count: 100, workers: workers) { _, range in range.map { $0 * $0 } }
            #expect(values == (0..<100).map { $0 * $0 })
        }
    }
}

@Suite struct ParallelBlockTests {
    @Test func blocksCoverEveryIndexOnceInOrderForAnyWorkerCountAndBlockSize() throws {
        for workers in [1, 2, 3, 7] {
            for blockSize in [1, 7, 100, 1_000] {
                let values = try ParallelWorkers.mapBlocks(count: 100, workers: workers, blockSize: blockSize,
                                                           prepare: { _ in 3 }) { offset, range in range.map { $0 * $0 + offset } }
                #expect(values == (0..<100).map { $0 * $0 + 3 }, "workers \(workers), block size \(blockSize)")
            }
        }
    }

    /// However the blocks fall to workers, the error is the lowest failing block's, as a serial loop would report it.
    @Test func theLowestFailingBlocksErrorIsRethrown() throws {
        struct Failure: Error, Equatable { let index: Int }
        for workers in [1, 2, 4] {
            #expect(throws: Failure(index: 30)) {
                _ = try ParallelWorkers.mapBlocks(count: 100, workers: workers, blockSize: 10, prepare: { _ in () }) { _, range in
                    try range.map { i in if i == 30 || i == 75 { throw Failure(index: i) }; return i }
                }
            }
        }
    }

    @Test func aWorkerThatCannotPrepareStopsTheRun() throws {
        struct CannotPrepare: Error {}
        #expect(throws: CannotPrepare.self) {
            _ = try ParallelWorkers.mapBlocks(count: 50, workers: 2, blockSize: 5, prepare: { _ -> Int in throw CannotPrepare() }) { _, range in Array(range) }
        }
    }

    /// Each worker prepares once, with its own GEOS context, whatever the number of blocks it runs.
    @Test func prepareRunsOncePerWorker() throws {
        let contexts = try ParallelWorkers.mapBlocks(count: 64, workers: 2, blockSize: 4, prepare: { $0 }) { context, range in
            range.map { _ in ObjectIdentifier(context) }
        }
        #expect(Set(contexts).count <= 2)
    }
}
