import Testing
@testable import SiteMatchGeometry

/// Polygons kept in one flat buffer must build the same GEOS geometry as their shapes.
@Suite struct PolygonBufferTests {
    let geos = GEOSContext()

    @Test func buildsTheSameGeometryAsTheShapeIncludingHoles() throws {
        // A 10 × 10 square with a 2 × 2 hole (area 96), then a 3-4-5 right triangle (area 6).
        let square: [[Coordinate]] = [
            [Coordinate(0, 0), Coordinate(10, 0), Coordinate(10, 10), Coordinate(0, 10), Coordinate(0, 0)],
            [Coordinate(4, 4), Coordinate(4, 6), Coordinate(6, 6), Coordinate(6, 4), Coordinate(4, 4)],
        ]
        let triangle: [[Coordinate]] = [[Coordinate(0, 0), Coordinate(3, 0), Coordinate(0, 4), Coordinate(0, 0)]]
        var buffer = PolygonBuffer()
        buffer.append(square)
        buffer.append(triangle)
        #expect(buffer.count == 2)
        #expect(buffer.shape(of: 0) == .polygon(square))
        #expect(buffer.shape(of: 1) == .polygon(triangle))
        #expect(Array(buffer.exteriorRing(of: 1)) == triangle[0])
        #expect(try Geometry(polygon: 0, in: buffer, context: geos).area() == 96)
        #expect(try Geometry(polygon: 1, in: buffer, context: geos).area() == 6)
        #expect(try Geometry(polygon: 0, in: buffer, context: geos).wkt == Geometry(.polygon(square), context: geos).wkt)
    }

    @Test func refusesAnUnclosedRingAsTheShapeInitialiserDoes() throws {
        var buffer = PolygonBuffer()
        buffer.append([[Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 1)]])
        #expect(throws: GeometryError.self) { try Geometry(polygon: 0, in: buffer, context: geos) }
    }

    func square(_ x: Double, _ y: Double) -> [[Coordinate]] {
        [[Coordinate(x, y), Coordinate(x + 5, y), Coordinate(x + 5, y + 5), Coordinate(x, y + 5), Coordinate(x, y)]]
    }

    /// Worked by hand: first positions span x 10…260, y 10…160, so 100 m cells make 3 columns and 2
    /// rows. Row 0 runs left to right (cells 0, 1, 2), row 1 right to left (cells 3, 4, 5); polygons
    /// sharing a cell keep their index order.
    @Test func localityOrderWalksRowsOfCellsInAlternateDirections() {
        var buffer = PolygonBuffer()
        for (x, y) in [(250.0, 10.0), (10, 10), (10, 150), (150, 150), (120, 20), (260, 160), (30, 40)] { buffer.append(square(x, y)) }
        #expect(buffer.localityOrder(cellSize: 100) == [1, 6, 4, 0, 5, 3, 2])
        // One cell holding everything: index order.
        #expect(buffer.localityOrder(cellSize: 1_000) == Array(0..<7))
    }

    @Test func localityOrderIsAPermutationForAnyCellSize() {
        var rng = SplitMix64(seed: 8)
        var buffer = PolygonBuffer()
        for _ in 0..<2_000 { buffer.append(square(Double.random(in: 0..<50_000, using: &rng), Double.random(in: 0..<30_000, using: &rng))) }
        for cellSize in [1.0, 250, 1_000, 1e9] {
            #expect(buffer.localityOrder(cellSize: cellSize).sorted() == Array(0..<2_000), "cell size \(cellSize)")
        }
        #expect(PolygonBuffer().localityOrder(cellSize: 100) == [])
    }
}
