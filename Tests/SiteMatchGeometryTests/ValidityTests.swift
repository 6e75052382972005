import Testing
@testable import SiteMatchGeometry

@Suite struct ValidityTests {
    let geos = GEOSContext()

    @Test func bowTieIsInvalidWithGEOSReasonAndMakeValidKeepsItsArea() throws {
        // The bow-tie's edges (0,0)-(10,10) and (10,0)-(0,10) cross at (5,5).
        let bowTie = try Geometry(wkt: "POLYGON ((0 0, 10 10, 10 0, 0 10, 0 0))", context: geos)
        #expect(try !bowTie.isValid)
        #expect(try bowTie.validityReason == "Self-intersection[5 5]")

        let repaired = try bowTie.makeValid()
        #expect(try repaired.isValid)
        #expect(repaired.type == .multiPolygon)
        #expect(repaired.numberOfGeometries == 2)
        // Two triangles: (0,0),(5,5),(0,10) and (10,0),(5,5),(10,10), each ½ · 10 · 5 = 25 m².
        #expect(try repaired.area() == 50)
        for part in 0..<2 { #expect(try repaired.geometry(at: part).area() == 25) }
    }

    @Test func validPolygonReportsValidGeometry() throws {
        let square = try Geometry(wkt: rectangleWKT(0, 0, 1, 1), context: geos)
        #expect(try square.isValid)
        #expect(try square.validityReason == "Valid Geometry")
    }

    @Test func malformedWKTCarriesGEOSMessage() throws {
        do {
            _ = try Geometry(wkt: "POLYGON ((0 0, 1 1", context: geos)
            Issue.record("expected a parse error")
        } catch let GeometryError.geos(operation, message) {
            #expect(operation == "WKT read")
            #expect(message.contains("ParseException"))
        }
    }

    @Test func unclosedRingShapeIsRejectedWithReason() throws {
        let open: Shape = .polygon([[Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 1)]])
        #expect(throws: GeometryError.self) { try Geometry(open, context: geos) }
    }
}
