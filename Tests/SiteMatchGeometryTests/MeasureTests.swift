import Testing
@testable import SiteMatchGeometry

/// Areas, lengths and distances of small hand-drawn shapes in BNG metres, checked against
/// values worked out by hand in the comments.
@Suite struct MeasureTests {
    let geos = GEOSContext()

    @Test func squareHectareHasAreaTenThousandSquareMetres() throws {
        // 100 m × 100 m = 10 000 m² = 1 ha.
        let square = try Geometry(wkt: rectangleWKT(385_000, 347_000, 385_100, 347_100), context: geos)
        #expect(try square.area() == 10_000)
        #expect(try square.length() == 400)
    }

    @Test func lShapedSiteAreaIsSumOfItsRectangles() throws {
        // L of a 200×100 rectangle plus a 100×100 square on top of its left half: 20 000 + 10 000 = 30 000 m².
        let wkt = "POLYGON ((0 0, 200 0, 200 100, 100 100, 100 200, 0 200, 0 0))"
        let site = try Geometry(wkt: wkt, context: geos)
        #expect(try site.area() == 30_000)
        // Perimeter: 200 + 100 + 100 + 100 + 100 + 200 = 800 m.
        #expect(try site.length() == 800)
    }

    @Test func polygonWithHoleSubtractsTheHole() throws {
        // 100×100 outer minus 20×30 hole = 10 000 − 600 = 9 400 m².
        let wkt = "POLYGON ((0 0, 100 0, 100 100, 0 100, 0 0), (10 10, 30 10, 30 40, 10 40, 10 10))"
        #expect(try Geometry(wkt: wkt, context: geos).area() == 9_400)
    }

    @Test func lineLengthFollowsPythagoras() throws {
        // A 3-4-5 triangle's hypotenuse, scaled by 100, then a 50 m straight: 500 + 50 = 550 m.
        let road = try Geometry(wkt: "LINESTRING (0 0, 300 400, 350 400)", context: geos)
        #expect(try road.length() == 550)
    }

    @Test func distanceFromPointToLineIsPerpendicular() throws {
        // Point (50, 30) above the segment (0 0)-(100 0): 30 m. Point (130, 40) beyond its end: √(30²+40²) = 50 m.
        let line = try Geometry(wkt: "LINESTRING (0 0, 100 0)", context: geos)
        #expect(try Geometry(wkt: "POINT (50 30)", context: geos).distance(to: line) == 30)
        #expect(try Geometry(wkt: "POINT (130 40)", context: geos).distance(to: line) == 50)
    }

    @Test func distanceBetweenSeparateSquaresIsTheGap() throws {
        // Squares [0,10]² and [13,23]×[14,24]: gap is (3, 4) → 5 m.
        let a = try Geometry(wkt: rectangleWKT(0, 0, 10, 10), context: geos)
        let b = try Geometry(wkt: rectangleWKT(13, 14, 23, 24), context: geos)
        #expect(try a.distance(to: b) == 5)
        #expect(try a.isWithinDistance(5, of: b))
        #expect(try !a.isWithinDistance(4.99, of: b))
    }

    @Test func centroidAndEnvelopeOfRectangle() throws {
        let rect = try Geometry(wkt: rectangleWKT(10, 20, 50, 40), context: geos)
        #expect(try rect.centroid().pointCoordinate() == Coordinate(30, 30))
        #expect(try rect.envelope() == Envelope(minX: 10, minY: 20, maxX: 50, maxY: 40))
    }

    @Test func predicatesOnNestedSquares() throws {
        let outer = try Geometry(wkt: rectangleWKT(0, 0, 10, 10), context: geos)
        let inner = try Geometry(wkt: rectangleWKT(2, 2, 4, 4), context: geos)
        let apart = try Geometry(wkt: rectangleWKT(20, 20, 30, 30), context: geos)
        #expect(try outer.contains(inner))
        #expect(try inner.within(outer))
        #expect(try !outer.within(inner))
        #expect(try outer.intersects(inner))
        #expect(try !outer.intersects(apart))
    }

    @Test func bufferOfPointIsInscribedPolygonArea() throws {
        // With 8 segments per quadrant the circle becomes a regular 32-gon of circumradius r:
        // area = ½·n·r²·sin(2π/n) = 16 · 100 · sin(11.25°) = 312.1445… m² for r = 10 m.
        let disc = try Geometry(wkt: "POINT (0 0)", context: geos).buffer(10, quadrantSegments: 8)
        #expect(abs(try disc.area() - 312.14451522580526) < 1e-9)
    }

    @Test func unionOfOverlappingSquaresCountsOverlapOnce() throws {
        // Two 10×10 squares overlapping in a 5×10 strip: 100 + 100 − 50 = 150 m².
        let a = try Geometry(wkt: rectangleWKT(0, 0, 10, 10), context: geos)
        let b = try Geometry(wkt: rectangleWKT(5, 0, 15, 10), context: geos)
        #expect(try a.union(b).area() == 150)
        #expect(try Geometry.union(of: [a, b], context: geos).area() == 150)
        #expect(try a.intersection(b).area() == 50)
    }

    @Test func simplifyDropsVertexWithinTolerance() throws {
        // The middle vertex is 0.1 m off the straight line: a 1 m tolerance removes it.
        let line = try Geometry(wkt: "LINESTRING (0 0, 5 0.1, 10 0)", context: geos)
        #expect(try line.simplify(tolerance: 1).wkt == "LINESTRING (0 0, 10 0)")
    }

    @Test func emptyGeometryEnvelopeIsAnError() throws {
        let empty = try Geometry(wkt: "POLYGON EMPTY", context: geos)
        #expect(empty.isEmpty)
        #expect(throws: GeometryError.emptyGeometry(operation: "envelope")) { try empty.envelope() }
    }
}
