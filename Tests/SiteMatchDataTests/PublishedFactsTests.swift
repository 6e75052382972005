import Foundation
import Testing
import SiteMatchData
import SiteMatchGeometry

/// Spot checks of the shipped GeoData against published facts. The reference values are restated
/// here from their sources (not read from any file), so the data cannot drift from them unnoticed.
@Suite struct PublishedFactsTests {
    func site(_ id: String, in layer: FeatureCollection) throws -> Feature {
        try #require(layer.features.first { $0.identifier == id }, "no site \(id)")
    }

    @Test func kusipLiesWithin500mOfItsPublishedCoordinates() throws {
        // Wikipedia, "Keele University Science & Business Park": 53.0030 N, 2.2730 W.
        let geos = GEOSContext()
        let toBNG = try CoordinateTransformer(from: .wgs84, to: .britishNationalGrid)
        let kusip = try site("kusip", in: GeoDataFixture.layer("sites.geojson"))
        let polygon = try toBNG.transform(Geometry(try #require(kusip.geometry), context: geos))
        let published = try toBNG.transform(Geometry(point: Coordinate(-2.2730, 53.0030), context: geos))
        #expect(try polygon.centroid().distance(to: published) < 500)
    }

    /// The six Ceramic Valley Enterprise Zone sites and their districts (Stoke-on-Trent & Staffordshire
    /// LEP: five in Stoke-on-Trent, Chatterley Valley West in Newcastle-under-Lyme).
    static let ceramicValleyDistricts = [
        "cvez_tunstall_arrow": "Stoke-on-Trent",
        "cvez_chatterley_valley_east": "Stoke-on-Trent",
        "cvez_chatterley_valley_west": "Newcastle-under-Lyme",
        "cvez_highgate_ravensdale": "Stoke-on-Trent",
        "cvez_st_modwen_park_stoke_central": "Stoke-on-Trent",
        "cvez_cliffe_vale": "Stoke-on-Trent",
    ]

    @Test func eachCeramicValleySiteIsInItsPublishedDistrictAndTheZone() throws {
        let sites = try GeoDataFixture.layer("sites.geojson")
        for (id, district) in Self.ceramicValleyDistricts {
            let feature = try site(id, in: sites)
            #expect(feature.properties["district"] == .string(district), "\(id)")
            #expect(feature.properties["enterprise_zone"] == .bool(true), "\(id)")
            #expect(feature.properties["enterprise_zone_name"] == .string("Ceramic Valley Enterprise Zone"), "\(id)")
        }
        let others = sites.features.filter { $0.properties["enterprise_zone_name"] == .string("Ceramic Valley Enterprise Zone") }
        #expect(Set(others.compactMap(\.identifier)) == Set(Self.ceramicValleyDistricts.keys))
    }

    @Test func ceramicValleySiteAreasAddUpToWithin15PercentOfTheZoneTotal() throws {
        // The zone's published total: 140 ha net developable (Stoke-on-Trent & Staffordshire LEP).
        let geos = GEOSContext()
        let toBNG = try CoordinateTransformer(from: .wgs84, to: .britishNationalGrid)
        let sites = try GeoDataFixture.layer("sites.geojson")
        var hectares = 0.0
        for id in Self.ceramicValleyDistricts.keys {
            hectares += try toBNG.transform(Geometry(try #require(site(id, in: sites).geometry), context: geos)).area() / 10_000
        }
        #expect(abs(hectares - 140) / 140 < 0.15, "measured \(hectares) ha")
        // The published per-site figures alone (Tunstall Arrow 28 acres, Chatterley Valley West 94 acres,
        // St Modwen Park 125 acres) must not exceed the zone's total.
        let published = try Self.ceramicValleyDistricts.keys.compactMap { try site($0, in: sites).properties["area_ha"]?.numberValue }
        #expect(published.count == 3)
        #expect(published.reduce(0, +) <= 140)
    }

    @Test func siteLayerHasThePortfolioTheFrameworkNeeds() throws {
        let sites = try GeoDataFixture.layer("sites.geojson")
        #expect(sites.features.count >= 25)
        let types = Set(sites.features.compactMap { $0.properties["location_type"]?.stringValue })
        #expect(types == ["A", "B", "C", "D", "H"])
        // Every site is indicative: no surveyed boundary was available; none may claim otherwise.
        #expect(sites.features.allSatisfy { $0.properties["geometry_quality"] == .string("indicative") })
    }
}
