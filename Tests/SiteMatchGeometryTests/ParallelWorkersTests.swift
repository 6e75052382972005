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
