import Foundation
import Testing
@testable import SiteMatchGeometry

@Suite struct FormatTests {
    let geos = GEOSContext()

    @Test(arguments: [
        "POINT (1 2)",
        "LINESTRING (0 0, 1 1, 2 0)",
        "POLYGON ((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1))",
        "MULTIPOINT (0 0, 1 1)",
        "MULTILINESTRING ((0 0, 1 1), (2 2, 3 3))",
        "MULTIPOLYGON (((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))",
        "GEOMETRYCOLLECTION (POINT (1 1), LINESTRING (0 0, 1 1))",
    ])
    func wktWkbShapeAndGeoJSONRoundTrip(wkt: String) throws {
        let geometry = try Geometry(wkt: wkt, context: geos)
        #expect(try geometry.wkt == wkt)
        #expect(try Geometry(wkb: geometry.wkb, context: geos).wkt == wkt)
        #expect(try Geometry(geometry.shape, context: geos).wkt == wkt)
        #expect(try Geometry(geoJSON: geometry.geoJSON, context: geos).wkt == wkt)
    }

    @Test func geoJSONGeometryObjectMatchesHandWrittenText() throws {
        let geometry = try Geometry(wkt: "LINESTRING (-2.18 53.02, -2.2 53.05)", context: geos)
        #expect(try geometry.geoJSON == #"{"type":"LineString","coordinates":[[-2.18,53.02],[-2.2,53.05]]}"#)
    }
}
