import Foundation
import SiteMatchGeometry

/// The portfolio-scoring workload of WORKLOAD.md: 8 drivers per parcel, their value functions and
/// the 17 fixed weightings. Geometry goes through SiteMatchGeometry (GEOS): STRtree indexes built
/// once per worker, prepared geometries, distance-within queries and nearest-neighbour search.
enum Workload {
    static let archetypes = 17
    static let drivers = 8
    static let categories = ["research", "hospital", "testing", "college", "rail_station", "motorway_junction"]

    /// w[k][j] = ((5k + 3j + k·j) mod 17) + 1, each row divided by its sum.
    static let weights: [[Double]] = (0..<archetypes).map { k in
        let raw = (0..<drivers).map { j in Double(((5 * k + 3 * j + k * j) % 17) + 1) }
        let sum = raw.reduce(0, +)
        return raw.map { $0 / sum }
    }

    /// The driver values d1…d8 of one parcel.
    struct Drivers: Sendable, Equatable {
        var areaHectares: Double          // d1
        var research: Double              // d2, m
        var hospital: Double              // d3, m
        var motorwayJunction: Double      // d4, m
        var corridor: Double              // d5, m
        var researchOrTestingWithin5km: Int   // d6
        var populationWithin15km: Int     // d7
        var inZone: Int                   // d8

        /// Calls `body` with v1…v8 of WORKLOAD.md in a stack buffer (no allocation per parcel).
        func withValues<R>(_ body: (UnsafeBufferPointer<Double>) throws -> R) rethrows -> R {
            try withUnsafeTemporaryAllocation(of: Double.self, capacity: Workload.drivers) { v in
                v[0] = min(areaHectares / 50, 1)
                v[1] = max(0, 1 - research / 20_000)
                v[2] = max(0, 1 - hospital / 20_000)
                v[3] = max(0, 1 - motorwayJunction / 15_000)
                v[4] = max(0, 1 - corridor / 10_000)
                v[5] = min(Double(researchOrTestingWithin5km) / 10, 1)
                v[6] = min(Double(populationWithin15km) / 2_500_000, 1)
                v[7] = Double(1 - inZone)
                return try body(UnsafeBufferPointer(v))
            }
        }

        /// s0…s16: Σ_j w[k][j]·v_j summed left to right (no fused multiply-add: Swift does not contract).
        var scores: [Double] {
            var result = [Double](repeating: 0, count: Workload.archetypes)
            result.withUnsafeMutableBufferPointer { computeScores(into: $0) }
            return result
        }

        /// s0…s16 into `scores` (17 slots).
        func computeScores(into scores: UnsafeMutableBufferPointer<Double>) {
            withValues { v in
                Workload.flatWeights.withUnsafeBufferPointer { w in
                    for k in 0..<Workload.archetypes {
                        var total = 0.0
                        for j in 0..<Workload.drivers { total = total + w[k * Workload.drivers + j] * v[j] }
                        scores[k] = total
                    }
                }
            }
        }
    }

    /// `weights` row after row, for the inner loop.
    static let flatWeights: [Double] = weights.flatMap { $0 }

    /// Segments per corridor piece in the nearest-corridor index. The distance to a piece is the
    /// minimum over its segments, computed by GEOS exactly as for single segments, so results do not
    /// depend on it; only the number and size of exact calls do. The index bounds a piece by the boxes
    /// of its segments. Measured with callgrind on 10,000 parcels (driver instructions per parcel):
    /// 2 segments 75.8 k, 3 71.6 k, 6 69.1 k (1.39 corridor calls per parcel), 8 69.8 k, 12 71.3 k.
    static let corridorPieceSegments = 6

    /// The five input layers, in BNG metres. Parcels are kept in one flat buffer (16 bytes per
    /// position), not an array per ring: at 10^6 parcels that is what keeps memory in bounds.
    struct Inputs: Sendable {
        var parcels: PolygonBuffer
        var assets: [(category: String, location: Coordinate)]
        var corridors: [Shape]
        var population: [(location: Coordinate, pop: Int)]
        var zones: [Shape]
    }

    /// One worker's indexes and prepared geometries, built once per chunk.
    final class WorkerState {
        let context: GEOSContext
        let nearestIndexes: [SpatialIndex]   // research, hospital, motorway_junction
        let researchOrTesting: SpatialIndex
        /// Every corridor split into pieces of `corridorPieceSegments` segments: the nearest needs a
        /// few exact calls on short pieces instead of a distance over all 50 vertices of every line.
        let corridorSegments: SpatialIndex
        let population: SpatialIndex
        let populationCounts: [Int]
        let zones: [PreparedGeometry]

        init(_ inputs: Inputs, context: GEOSContext) throws {
            self.context = context
            func points(_ categories: Set<String>) throws -> [Geometry] {
                try inputs.assets.filter { categories.contains($0.category) }.map { try Geometry(point: $0.location, context: context) }
            }
            nearestIndexes = try ["research", "hospital", "motorway_junction"].map { try SpatialIndex(points([$0]), context: context) }
            researchOrTesting = try SpatialIndex(points(["research", "testing"]), context: context)
            let piece = Workload.corridorPieceSegments
            let segments = try inputs.corridors.flatMap { shape -> [Geometry] in
                guard case let .lineString(points) = shape else { return [] }
                return try stride(from: 0, to: points.count - 1, by: piece).map { start in
                    try Geometry(.lineString(Array(points[start...min(points.count - 1, start + piece)])), context: context)
                }
            }
            corridorSegments = try SpatialIndex(segments, context: context)
            population = try SpatialIndex(inputs.population.map { try Geometry(point: $0.location, context: context) }, context: context)
            populationCounts = inputs.population.map(\.pop)
            zones = try inputs.zones.map { try PreparedGeometry(Geometry($0, context: context)) }
        }

        func drivers(_ parcel: Int, of parcels: PolygonBuffer) throws -> Drivers {
            let polygon = try Geometry(polygon: parcel, in: parcels, context: context)
            func nearest(_ index: SpatialIndex) throws -> Double { try index.nearest(to: polygon)?.distance ?? .infinity }
            var people = 0
            try population.forEach(withinDistance: 15_000, of: try polygon.centroid()) { people += populationCounts[$0] }
            var researchOrTestingNearby = 0
            try researchOrTesting.forEach(withinDistance: 5_000, of: polygon) { _ in researchOrTestingNearby += 1 }
            var inZone = 0
            for zone in zones where try zone.intersects(polygon) { inZone = 1; break }
            return Drivers(areaHectares: try polygon.area() / 10_000, research: try nearest(nearestIndexes[0]), hospital: try nearest(nearestIndexes[1]),
                           motorwayJunction: try nearest(nearestIndexes[2]), corridor: try nearest(corridorSegments),
                           researchOrTestingWithin5km: researchOrTestingNearby, populationWithin15km: people, inZone: inZone)
        }
    }

    /// Parcels per block handed to a free worker: small enough that a worker the machine slows down
    /// leaves little for the other to wait on, large enough that taking a block costs nothing.
    static let parcelsPerBlock = 2_048

    /// Every parcel's drivers, on `workers` threads (each with its own GEOS context and indexes).
    /// Parcels are visited in locality order (neighbours one after another, 1 km grid cells) and
    /// the drivers put back in id order.
    static func compute(_ inputs: Inputs, workers: Int) throws -> [Drivers] {
        let order = inputs.parcels.localityOrder(cellSize: 1_000)
        let visited = try ParallelWorkers.mapBlocks(count: order.count, workers: workers, blockSize: parcelsPerBlock,
                                                    prepare: { try WorkerState(inputs, context: $0) }) { state, range in
            try range.map { try state.drivers(order[$0], of: inputs.parcels) }
        }
        return [Drivers](unsafeUninitializedCapacity: order.count) { buffer, initialized in
            for (k, parcel) in order.enumerated() { (buffer.baseAddress! + parcel).initialize(to: visited[k]) }
            initialized = order.count
        }
    }
}
