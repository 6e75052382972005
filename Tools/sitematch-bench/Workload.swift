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

        /// v1…v8 of WORKLOAD.md.
        var values: [Double] {
            [min(areaHectares / 50, 1), max(0, 1 - research / 20_000), max(0, 1 - hospital / 20_000), max(0, 1 - motorwayJunction / 15_000),
             max(0, 1 - corridor / 10_000), min(Double(researchOrTestingWithin5km) / 10, 1), min(Double(populationWithin15km) / 2_500_000, 1),
             Double(1 - inZone)]
        }

        /// s0…s16: Σ_j w[k][j]·v_j summed left to right (no fused multiply-add: Swift does not contract).
        var scores: [Double] {
            let v = values
            return Workload.weights.map { w in
                var total = 0.0
                for j in 0..<Workload.drivers { total = total + w[j] * v[j] }
                return total
            }
        }
    }

    /// The five input layers, as Sendable shapes in BNG metres.
    struct Inputs: Sendable {
        var parcels: [Shape]
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
        /// Every corridor split into its segments: the nearest needs one or two cheap exact calls
        /// instead of a distance over all 50 vertices of every line.
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
            let segments = try inputs.corridors.flatMap { shape -> [Geometry] in
                guard case let .lineString(points) = shape else { return [] }
                return try zip(points, points.dropFirst()).map { try Geometry(.lineString([$0, $1]), context: context) }
            }
            corridorSegments = try SpatialIndex(segments, context: context)
            population = try SpatialIndex(inputs.population.map { try Geometry(point: $0.location, context: context) }, context: context)
            populationCounts = inputs.population.map(\.pop)
            zones = try inputs.zones.map { try PreparedGeometry(Geometry($0, context: context)) }
        }

        func drivers(_ parcel: Shape) throws -> Drivers {
            let polygon = try Geometry(parcel, context: context)
            let nearest = try nearestIndexes.map { try $0.nearest(to: polygon)?.distance ?? .infinity }
            let corridor = try corridorSegments.nearest(to: polygon)?.distance ?? .infinity
            let centroid = try polygon.centroid()
            let people = try population.query(withinDistance: 15_000, of: centroid).reduce(0) { $0 + populationCounts[$1] }
            var inZone = 0
            for zone in zones where try zone.intersects(polygon) { inZone = 1; break }
            return Drivers(areaHectares: try polygon.area() / 10_000, research: nearest[0], hospital: nearest[1], motorwayJunction: nearest[2],
                           corridor: corridor, researchOrTestingWithin5km: try researchOrTesting.query(withinDistance: 5_000, of: polygon).count,
                           populationWithin15km: people, inZone: inZone)
        }
    }

    /// Every parcel's drivers, on `workers` threads (each with its own GEOS context and indexes).
    static func compute(_ inputs: Inputs, workers: Int) throws -> [Drivers] {
        try ParallelWorkers.mapChunks(count: inputs.parcels.count, workers: workers) { context, range in
            let state = try WorkerState(inputs, context: context)
            return try range.map { try state.drivers(inputs.parcels[$0]) }
        }
    }
}
