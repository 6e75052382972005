import Foundation
import Testing
@testable import SiteMatchData
import SiteMatchGeometry

@Suite struct PortfolioValidatorTests {
    /// The one issue the broken copy should produce (errors only, since the shipped data has none).
    func errors(_ directory: String) throws -> [ValidationIssue] {
        try GeoDataFixture.validate(directory).issues.filter { $0.severity == .error }
    }

    @Test func shippedGeoDataPasses() throws {
        let report = try GeoDataFixture.validate(GeoDataFixture.shippedDirectory)
        #expect(report.errorCount == 0, "\(report.issues.map(\.description).joined(separator: "\n"))")
        #expect(report.layers.map(\.file) == ["sites.geojson", "assets.geojson", "population.geojson", "corridors.geojson", "zones.geojson", "network.geojson", "districts.geojson", "substations.geojson", "stops.geojson", "census-lsoa.geojson"])
        #expect(report.layers.allSatisfy { ($0.features ?? 0) > 0 })
    }

    @Test func duplicateIDIsNamed() throws {
        let dir = try GeoDataFixture.brokenCopy(editing: "sites.geojson") { json in
            GeoDataFixture.editProperties(&json, 4) { $0["id"] = "kusip" }
        }
        #expect(try errors(dir).map(\.description) == ["sites.geojson: feature #4 (id=kusip): id: 'kusip' is also the id of feature #0; ids must be unique within a layer"])
    }

    @Test func missingLocationTypeIsNamed() throws {
        let dir = try GeoDataFixture.brokenCopy(editing: "sites.geojson") { json in
            GeoDataFixture.editProperties(&json, 2) { $0["location_type"] = nil }
        }
        #expect(try errors(dir).map(\.description) == ["sites.geojson: feature #2 (id=cvez_tunstall_arrow): location_type: missing; expected one of A, B, C, D, H"])
    }

    @Test func unknownCategoryIsNamed() throws {
        let dir = try GeoDataFixture.brokenCopy(editing: "assets.geojson") { json in
            GeoDataFixture.editProperties(&json, 0) { $0["category"] = "laboratory" }
        }
        let found = try errors(dir)
        #expect(found.count == 1)
        #expect(found.first?.description.hasPrefix("assets.geojson: feature #0 (id=keele_university): category: 'laboratory' is not allowed; expected one of university,") == true)
    }

    @Test func selfIntersectingPolygonIsNamedWithGEOSReason() throws {
        let dir = try GeoDataFixture.brokenCopy(editing: "sites.geojson") { json in
            GeoDataFixture.editFeature(&json, 3) {
                $0["geometry"] = ["type": "Polygon", "coordinates": [[[-2.23, 53.05], [-2.22, 53.06], [-2.22, 53.05], [-2.23, 53.06], [-2.23, 53.05]]]]
            }
        }
        #expect(try errors(dir).map(\.description) == ["sites.geojson: feature #3 (id=cvez_chatterley_valley_east): geometry: is invalid: Self-intersection[-2.225 53.055] (GEOS); expected a valid Polygon"])
    }

    @Test func bngMetresInWGS84FileAreNamed() throws {
        let dir = try GeoDataFixture.brokenCopy(editing: "assets.geojson") { json in
            GeoDataFixture.editFeature(&json, 5) { $0["geometry"] = ["type": "Point", "coordinates": [386_000, 353_000]] }
        }
        let found = try errors(dir)
        #expect(found.count == 1)
        #expect(found.first?.description.hasPrefix("assets.geojson: feature #5 (id=") == true)
        #expect(found.first?.description.contains("geometry.coordinates: [386000, 353000] is not longitude/latitude: it looks like British National Grid metres") == true)
        // Checks that need the unreadable layer are skipped with one note, not reported as broken references.
        let warnings = try GeoDataFixture.validate(dir).issues.filter { $0.severity == .warning }.map(\.description)
        #expect(warnings == ["corridors.geojson: warning: cross-layer checks skipped because assets.geojson could not be read",
                             "network.geojson: warning: cross-layer checks skipped because assets.geojson could not be read"])
    }

    @Test func pointInTheSeaIsNamed() throws {
        // The Irish Sea between Anglesey and the Isle of Man.
        let dir = try GeoDataFixture.brokenCopy(editing: "population.geojson") { json in
            GeoDataFixture.editFeature(&json, 0) { $0["geometry"] = ["type": "Point", "coordinates": [-5.0, 53.8]] }
        }
        let found = try errors(dir).map(\.description)
        #expect(found.contains { $0.hasPrefix("population.geojson: feature #0 (id=la_stoke_on_trent): geometry: lies") && $0.contains("km outside Great Britain (in the sea?)") })
        // Being in the sea also puts it out of reach of the road network.
        #expect(found.contains { $0.contains("km from the road network") })
    }

    @Test func networkEdgeThatConnectsToNothingIsNamed() throws {
        let dir = try GeoDataFixture.brokenCopy(editing: "network.geojson") { json in
            var features = json["features"] as! [[String: Any]]
            features.append(["type": "Feature",
                             "properties": ["id": "stone_uttoxeter_rail", "road": "test", "road_class": "a_road", "from_node": "rail_stone",
                                            "to_node": "rail_uttoxeter", "length_m": 20_090, "oneway": false, "geometry_quality": "modelled", "source": "test"],
                             "geometry": ["type": "LineString", "coordinates": [[-2.155, 52.9083], [-1.8573, 52.897]]]])
            json["features"] = features
        }
        let found = try errors(dir).map(\.description)
        #expect(found.count == 1)
        #expect(found.first?.contains("(id=stone_uttoxeter_rail): geometry: connects to nothing: neither 'rail_stone' nor 'rail_uttoxeter' is an end of another edge") == true)
    }

    @Test func unknownNetworkNodeIsNamed() throws {
        let dir = try GeoDataFixture.brokenCopy(editing: "network.geojson") { json in
            GeoDataFixture.editProperties(&json, 0) { $0["to_node"] = "m6_j99" }
        }
        #expect(try errors(dir).contains { $0.field == "to_node" && $0.message.hasPrefix("'m6_j99' is not an id in sites, assets or population") })
    }

    @Test func surveyedAreaOffByMoreThanTenPercentFailsIndicativeIsOnlyReported() throws {
        // Tunstall Arrow's polygon is drawn at its published 11.33 ha; claim 15 ha instead (−24%).
        let indicative = try GeoDataFixture.brokenCopy(editing: "sites.geojson") { json in
            GeoDataFixture.editProperties(&json, 2) { $0["area_ha"] = 15.0 }
        }
        let report = try GeoDataFixture.validate(indicative)
        #expect(report.errorCount == 0)
        #expect(report.issues.filter { $0.field != "district" }.map(\.description) == ["sites.geojson: feature #2 (id=cvez_tunstall_arrow): area_ha: warning: published 15.00 ha but the polygon measures 11.33 ha (-24%); indicative geometry, so reported only"])

        let surveyed = try GeoDataFixture.brokenCopy(editing: "sites.geojson") { json in
            GeoDataFixture.editProperties(&json, 2) { $0["area_ha"] = 15.0; $0["geometry_quality"] = "surveyed" }
        }
        #expect(try errors(surveyed).map(\.description) == ["sites.geojson: feature #2 (id=cvez_tunstall_arrow): area_ha: published 15.00 ha but the polygon measures 11.33 ha (-24%); surveyed geometry must be within 10%"])
    }

    @Test func negativeAreaAndWrongTypesAreNamed() throws {
        let dir = try GeoDataFixture.brokenCopy(editing: "sites.geojson") { json in
            GeoDataFixture.editProperties(&json, 0) { $0["available_area_ha"] = -2; $0["enterprise_zone"] = "yes" }
        }
        let found = try errors(dir).map(\.description)
        #expect(found.contains("sites.geojson: feature #0 (id=kusip): available_area_ha: -2 is below the minimum; expected at least 0"))
        #expect(found.contains("sites.geojson: feature #0 (id=kusip): enterprise_zone: is a string; expected true or false"))
    }

    @Test func missingLayerFileIsNamed() throws {
        let dir = try GeoDataFixture.brokenCopy(editing: "zones.geojson") { _ in }
        try FileManager.default.removeItem(atPath: (dir as NSString).appendingPathComponent("zones.geojson"))
        #expect(try errors(dir).map(\.description) == ["zones.geojson: missing: expected the layer file zones.geojson in \(dir)"])
    }
}
