import Foundation
import Testing
import SiteMatchData
import SiteMatchGeometry

@Suite struct LayerInspectorTests {
    @Test func areaOfWGS84LayerIsMeasuredInBNG() throws {
        let geos = GEOSContext()
        // Two BNG squares of 200 m × 200 m (4 ha) and 100 m × 50 m (0.5 ha): 4.5 ha by hand.
        let bng = FeatureCollection(features: [
            Feature(geometry: .polygon([[Coordinate(385_000, 347_000), Coordinate(385_200, 347_000), Coordinate(385_200, 347_200), Coordinate(385_000, 347_200), Coordinate(385_000, 347_000)]]), properties: ["id": .string("a")]),
            Feature(geometry: .polygon([[Coordinate(386_000, 347_000), Coordinate(386_100, 347_000), Coordinate(386_100, 347_050), Coordinate(386_000, 347_050), Coordinate(386_000, 347_000)]]), properties: ["id": .string("b")]),
        ], crs: .britishNationalGrid)
        #expect(try LayerInspector.summarize(bng, source: "bng", context: geos).totalAreaHectares == 4.5)

        // The same layer written as RFC 7946 (6 decimals ≈ 0.1 m) and read back in WGS84 is measured in BNG again.
        let text = try GeoJSONWriter.encode(bng, context: geos)
        let wgs = try GeoJSONReader.read(Data(text.utf8), source: "wgs")
        let summary = try LayerInspector.summarize(wgs, source: "wgs", context: geos)
        #expect(summary.crs == "EPSG:4326")
        #expect(abs(summary.totalAreaHectares - 4.5) < 0.01)
        #expect(summary.invalidGeometries.isEmpty && summary.duplicateIDs.isEmpty && summary.missingIDs.isEmpty)
    }
}
