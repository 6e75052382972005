import Foundation
import Testing
@testable import SiteMatchGeometry

/// The STRtree must agree with a brute-force scan over every shape.
@Suite struct SpatialIndexTests {
    let geos = GEOSContext()

    /// A few hundred random points, segments and small squares in a 10 km box.
    func randomShapes(count: Int, seed: UInt64) throws -> [Geometry] {
        var rng = SplitMix64(seed: seed)
        return try (0..<count).map { i in
            let x = Double.random(in: 0..<10_000, using: &rng), y = Double.random(in: 0..<10_000, using: &rng)
            let size = Double.random(in: 1..<200, using: &rng)
            switch i % 3 {
            case 0: return try Geometry(wkt: "POINT (\(x) \(y))", context: geos)
            case 1: return try Geometry(wkt: "LINESTRING (\(x) \(y), \(x + size) \(y + size / 2))", context: geos)
            default: return try Geometry(wkt: rectangleWKT(x, y, x + size, y + size), context: geos)
            }
        }
    }

    @Test func nearestAgreesWithBruteForce() throws {
        let shapes = try randomShapes(count: 300, seed: 7)
        let index = try SpatialIndex(shapes, context: geos)
        let queries = try randomShapes(count: 60, seed: 99)
        for query in queries {
            let distances = try shapes.map { try query.distance(to: $0) }
            let best = distances.min()!
            let bruteIndex = distances.firstIndex(of: best)!
            let found = try #require(try index.nearest(to: query))
            #expect(found.distance == best)
            #expect(found.index == bruteIndex)
        }
    }

    /// Both ways of finding candidates: a scan of the envelopes (up to `withinScanLimit` items) and the STRtree.
    @Test func withinDistanceAgreesWithBruteForce() throws {
        let all = try randomShapes(count: SpatialIndex.withinScanLimit + 200, seed: 11)
        for shapes in [Array(all.prefix(300)), all] {
            let index = try SpatialIndex(shapes, context: geos)
            for query in try randomShapes(count: 40, seed: 5) {
                for radius in [0.0, 250, 1_000] {
                    let brute = try shapes.indices.filter { try query.distance(to: shapes[$0]) <= radius }
                    let got = try index.query(withinDistance: radius, of: query)
                    if got != brute {
                        let missing = try Set(brute).subtracting(got).map { try shapes[$0].wkt }, extra = try Set(got).subtracting(brute).map { try shapes[$0].wkt }
                        Issue.record("\(shapes.count) shapes, radius \(radius), query \(try query.wkt), missing \(missing), extra \(extra)")
                    }
                }
            }
        }
    }

    @Test func envelopeQueryAgreesWithBruteForce() throws {
        let shapes = try randomShapes(count: 300, seed: 3)
        let index = try SpatialIndex(shapes, context: geos)
        let box = Envelope(minX: 2_000, minY: 3_000, maxX: 4_500, maxY: 6_000)
        let brute = try shapes.indices.filter {
            let e = try shapes[$0].envelope()
            return e.maxX >= box.minX && e.minX <= box.maxX && e.maxY >= box.minY && e.minY <= box.maxY
        }
        #expect(try index.query(envelope: box) == brute)
        let boxGeometry = try Geometry(envelope: box, context: geos)
        #expect(try index.query(intersecting: boxGeometry) == shapes.indices.filter { try shapes[$0].intersects(boxGeometry) })
    }

    @Test func smallIndexesAgreeWithBruteForceIncludingTies() throws {
        // At most SpatialIndex.linearScanLimit items: the envelope-ordered path. Every shape appears twice,
        // so every nearest is a tie that must go to the lower index.
        let base = try randomShapes(count: 30, seed: 17)
        let shapes = try base + base.map { try $0.copy() }
        #expect(shapes.count <= SpatialIndex.linearScanLimit)
        let index = try SpatialIndex(shapes, context: geos)
        for query in try randomShapes(count: 50, seed: 23) {
            let distances = try shapes.map { try query.distance(to: $0) }
            let best = distances.min()!
            let found = try #require(try index.nearest(to: query))
            #expect(found.distance == best)
            #expect(found.index == distances.firstIndex(of: best)!)
            #expect(found.index < 30)
            for radius in [0.0, 500, 3_000] {
                #expect(try index.query(withinDistance: radius, of: query) == shapes.indices.filter { distances[$0] <= radius })
            }
        }
    }

    /// Bent lines (random walks, some as MultiLineStrings) whose envelopes overlap widely, so the
    /// segment boxes decide the order of the exact calls. Every line appears twice (ties go to the
    /// lower index). Queries include points on vertices and near each line's first and last segment,
    /// where a covering that missed a segment would skip the nearest line.
    @Test func nearestToBentLinesAgreesWithBruteForceIncludingTies() throws {
        var rng = SplitMix64(seed: 4242)
        func walk(_ count: Int) -> [Coordinate] {
            var x = Double.random(in: 0..<10_000, using: &rng), y = Double.random(in: 0..<10_000, using: &rng)
            return (0..<count).map { _ in
                x += Double.random(in: -1_500..<1_500, using: &rng)
                y += Double.random(in: -1_500..<1_500, using: &rng)
                return Coordinate(x: x.rounded(), y: y.rounded())
            }
        }
        let walks = (0..<24).map { _ in walk(Int.random(in: 2..<14, using: &rng)) }
        let base = try walks.enumerated().map { i, points in
            try Geometry(i % 4 == 3 ? .multiLineString([Array(points.prefix(points.count / 2 + 1)), Array(points.suffix(points.count / 2 + 1))])
                                    : .lineString(points), context: geos)
        }
        let shapes = try base + base.map { try $0.copy() }
        let index = try SpatialIndex(shapes, context: geos)
        var queries = try randomShapes(count: 60, seed: 31)
        for points in walks {
            for c in [points[0], points[1], points[points.count - 2], points[points.count - 1]] {
                queries.append(try Geometry(point: c, context: geos))
                queries.append(try Geometry(point: Coordinate(x: c.x + 3, y: c.y - 2), context: geos))
                queries.append(try Geometry(wkt: rectangleWKT(c.x + 10, c.y + 10, c.x + 60, c.y + 40), context: geos))
            }
        }
        for query in queries {
            let distances = try shapes.map { try query.distance(to: $0) }
            let best = distances.min()!
            let found = try #require(try index.nearest(to: query))
            #expect(found.distance == best)
            #expect(found.index == distances.firstIndex(of: best)!)
        }
    }

    @Test func emptyIndexHasNoNearest() throws {
        let index = try SpatialIndex([], context: geos)
        #expect(try index.nearest(to: Geometry(wkt: "POINT (0 0)", context: geos)) == nil)
    }

    @Test func preparedPredicatesAgreeWithPlainOnes() throws {
        let site = try Geometry(wkt: "POLYGON ((0 0, 100 0, 100 50, 50 50, 50 100, 0 100, 0 0))", context: geos)
        let prepared = try PreparedGeometry(site)
        for query in try randomShapes(count: 100, seed: 21) {
            #expect(try prepared.intersects(query) == site.intersects(query))
            #expect(try prepared.contains(query) == site.contains(query))
            #expect(try prepared.isWithinDistance(5_000, of: query) == site.isWithinDistance(5_000, of: query))
            #expect(try prepared.distance(to: query) == site.distance(to: query))
        }
    }

    /// Point queries against many points (the box tests around a point) and against a few (the scan):
    /// every radius, including points placed exactly on the circle, agrees with GEOS distance by brute force.
    @Test func pointQueriesAgreeWithBruteForceOnAndAroundTheCircle() throws {
        var rng = SplitMix64(seed: 2026)
        let centre = Coordinate(5_000, 5_000)
        // 3-4-5 triangles put points exactly 500 m from the centre; the rest are random.
        var points = [Coordinate(5_300, 5_400), Coordinate(4_600, 5_300), Coordinate(5_500, 5_000), Coordinate(5_000, 4_500)]
        for _ in 0..<600 { points.append(Coordinate(Double.random(in: 0..<10_000, using: &rng), Double.random(in: 0..<10_000, using: &rng))) }
        let query = try Geometry(point: centre, context: geos)
        for count in [40, points.count] {
            let shapes = try points.prefix(count).map { try Geometry(point: $0, context: geos) }
            let index = try SpatialIndex(shapes, context: geos)
            for radius in [0.0, 500, 499.999_999, 2_000, 7_500, 20_000] {
                let expected = try shapes.indices.filter { try query.distance(to: shapes[$0]) <= radius }
                #expect(try index.query(withinDistance: radius, of: query) == expected, "\(count) points, radius \(radius)")
            }
        }
    }

    /// A radius of 0 asks which shapes the point touches; a negative one finds nothing. Neither may
    /// go through the box tests around a point, which scale by 1/radius.
    @Test func pointQueriesWithAZeroOrNegativeRadius() throws {
        let inside = try Geometry(wkt: rectangleWKT(0, 0, 100, 100), context: geos)
        let onEdge = try Geometry(wkt: rectangleWKT(50, 50, 80, 90), context: geos)
        let beside = try Geometry(wkt: rectangleWKT(51, 0, 60, 10), context: geos)
        let far = try (0..<SpatialIndex.withinScanLimit).map { try Geometry(point: Coordinate(Double(1_000 + $0), 1_000), context: geos) }
        let query = try Geometry(point: Coordinate(50, 60), context: geos)
        for shapes in [[inside, onEdge, beside], [inside, onEdge, beside] + far] {
            let index = try SpatialIndex(shapes, context: geos)
            #expect(try index.query(withinDistance: 0, of: query) == [0, 1], "\(shapes.count) shapes")
            #expect(try index.query(withinDistance: -1, of: query) == [], "\(shapes.count) shapes")
        }
    }

    /// The box tests around a point are tightest at the corners of their staircases, k/N along the
    /// nearer axis, and on the diagonal; points a hair inside and outside the circle there, and at
    /// random angles, must still agree with GEOS distances by brute force.
    @Test func pointQueriesAgreeWithBruteForceAtTheStaircaseCorners() throws {
        var rng = SplitMix64(seed: 77)
        let centre = Coordinate(400_000, 300_000), radius = 15_000.0
        var offsets: [(Double, Double)] = (0...128).map { k in
            let b = Double(k) / 128
            return (b, (1 - b * b).squareRoot())
        }
        // The diagonal, where the nearer and farther axes swap (offsets of 1/√2 each).
        offsets.append((0.5.squareRoot(), 0.5.squareRoot()))
        for _ in 0..<300 {
            let angle = Double.random(in: 0..<(2 * .pi), using: &rng)
            offsets.append((cos(angle), sin(angle)))
        }
        var points: [Coordinate] = []
        for (u, v) in offsets {
            let scales: [Double] = [1 - 1e-3, 1 - 1e-7, 1 - 1e-12, 1, 1 + 1e-12, 1 + 1e-7, 1 + 1e-3]
            for scale in scales {
                let du: Double = u * radius * scale, dv: Double = v * radius * scale
                // Both octants, in opposite quadrants.
                points.append(Coordinate(centre.x + du, centre.y + dv))
                points.append(Coordinate(centre.x - dv, centre.y - du))
            }
        }
        let shapes = try points.map { try Geometry(point: $0, context: geos) }
        let index = try SpatialIndex(shapes, context: geos)
        let query = try Geometry(point: centre, context: geos)
        let expected = try shapes.indices.filter { try query.distance(to: shapes[$0]) <= radius }
        #expect(try index.query(withinDistance: radius, of: query) == expected)
        #expect(expected.count > points.count / 3 && expected.count < points.count * 2 / 3)
    }
}
