import Foundation
import Testing
import SiteMatchData
import SiteMatchExport
import SiteMatchGeometry
import SiteMatchMatching

@Suite struct MapExportTests {
    static var directory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GeoData").path
    }

    @Test func siteLayerIsRFC7946WithTheSameKeysEverywhereAndARunRecord() throws {
        let geos = GEOSContext()
        let session = try MatchingSession(directory: Self.directory, context: geos)
        let scorer = Scorer(catalogue: session.catalogue, priorWeight: 0.2)
        let scores = try scorer.scoreAll(sites: session.portfolio.sites, indicators: session.indicators, archetypes: session.catalogue.archetypes)
        let text = try GeoJSONWriter.encode(MapExport.sites(session: session, scores: scores, priorWeight: 0.2, runRecord: .init(version: "test", generated: "2026-12-01T00:00:00Z", priorWeight: 0.2, catalogue: "test catalogue", dataSources: ["test data"], travelTimes: "modelled")), context: geos)
        #expect(!text.contains("\"crs\""))

        let back = try GeoJSONReader.read(Data(text.utf8), source: "export")
        #expect(back.crs == .wgs84)
        #expect(back.features.count == session.portfolio.sites.count)
        let keys = Set(back.features[0].properties.keys)
        #expect(back.features.allSatisfy { Set($0.properties.keys) == keys })
        for key in ["name", "location_type", "best_archetype", "best_score", "fill", "stroke", "title", "description"] { #expect(keys.contains(key)) }
        #expect(keys.filter { $0.hasPrefix("score_") }.count == 17)

        for feature in back.features {
            let scores = feature.properties.filter { $0.key.hasPrefix("score_") }.compactMap(\.value.numberValue)
            #expect(feature.properties["best_score"]?.numberValue == scores.max())
            let best = try #require(feature.properties["best_score"]?.numberValue)
            #expect(feature.properties["fill"]?.stringValue == MapExport.colour(forScore: best))
            guard case let .polygon(rings)? = feature.geometry else { Issue.record("not a polygon"); continue }
            #expect(try Geometry.isCounterClockwiseForTest(rings[0], context: geos))
        }
        let record = try #require(back.foreignMembers["sitematch"]?.objectValue)
        #expect(record["version"] == .string("test"))
        #expect(record["prior_weight"] == .number(0.2))
        #expect(record["travel_times"]?.stringValue?.hasPrefix("modelled") == true)
        #expect(record["weights"]?.objectValue?.count == 17)
    }

    @Test func colourRampBoundaries() {
        #expect([95, 80, 79.9, 70, 65, 59.9].map(MapExport.colour(forScore:)) == ["#1a9850", "#1a9850", "#91cf60", "#91cf60", "#fee08b", "#d73027"])
    }
}

extension Geometry {
    /// Ring orientation through a GEOS polygon's signed area is not exposed; use the public Shape API.
    static func isCounterClockwiseForTest(_ ring: [Coordinate], context: GEOSContext) throws -> Bool {
        // A CCW ring stays the same when oriented for RFC 7946.
        try Shape.polygon([ring]).orientedForRFC7946(context: context) == .polygon([ring])
    }
}
