import Foundation
import Testing
import SiteMatchGeometry
@testable import SiteMatchData

/// Districts by point in polygon, on squares worked by hand and on the shipped boundaries.
struct DistrictTests {
    static func square(_ x0: Double, _ y0: Double, _ side: Double) -> Shape {
        .polygon([[Coordinate(x: x0, y: y0), Coordinate(x: x0 + side, y: y0), Coordinate(x: x0 + side, y: y0 + side), Coordinate(x: x0, y: y0 + side), Coordinate(x: x0, y: y0)]])
    }

    /// West: x 0–1000, East: x 1000–2000 (both y 0–1000).
    @Test func aFeatureIsInTheDistrictItsPointLiesIn() throws {
        let context = GEOSContext()
        let lookup = try DistrictLookup([District(id: "W", name: "West", geometry: Self.square(0, 0, 1000)),
                                         District(id: "E", name: "East", geometry: Self.square(1000, 0, 1000))], context: context)
        #expect(try lookup.district(of: Geometry(point: Coordinate(x: 250, y: 500), context: context))?.name == "West")
        #expect(try lookup.district(of: Geometry(point: Coordinate(x: 1750, y: 500), context: context))?.name == "East")
        #expect(try lookup.district(of: Geometry(point: Coordinate(x: 2500, y: 500), context: context)) == nil)
        // A polygon by its point on surface: a site mostly in East.
        #expect(try lookup.district(of: Geometry(Self.square(1100, 100, 300), context: context))?.name == "East")
        // From (1750, 500) to West's edge at x = 1000: 750 m, worked by hand.
        #expect(try lookup.distance(from: Geometry(point: Coordinate(x: 1750, y: 500), context: context), toDistrictNamed: "West") == 750)
        #expect(try lookup.distance(from: Geometry(point: Coordinate(x: 1750, y: 500), context: context), toDistrictNamed: "North") == nil)
    }

    /// The shipped assets' and population points' districts were written by build_geodata.py with
    /// Shapely 2.2 (GEOS 3.14, in BNG); SiteMatch's own lookup (GEOS 3.11 through the C API, on the
    /// loaded layers) must find the same district for every point but the county-level one, and the
    /// four the fact sheet typed otherwise keep that as district_stated.
    @Test func theShippedAssetsAndPopulationPointsHaveTheBoundarysDistrict() throws {
        let context = GEOSContext()
        let portfolio = try PortfolioLoader.load(directory: GeoDataFixture.shippedDirectory, context: context)
        let lookup = try DistrictLookup(portfolio.districts, context: context)
        var checked = 0
        let points = portfolio.assets.map { ($0.id, $0.location, $0.properties) } + portfolio.population.map { ($0.id, $0.location, $0.properties) }
        for (id, location, properties) in points where properties["level"]?.stringValue != "county" {
            let found = try #require(try lookup.district(of: Geometry(point: location, context: context)), "\(id)")
            #expect(properties["district"]?.stringValue == found.name, "\(id)")
            #expect(properties["district_source"]?.stringValue?.hasPrefix("districts.geojson") == true, "\(id)")
            checked += 1
        }
        #expect(checked == 66 + 30)
        let stated = points.filter { $0.2["district_stated"]?.stringValue != nil }.map(\.0)
        #expect(Set(stated) == ["m6_j13", "m6_j16", "a500_tunstall_a527", "m6toll_burntwood"])
        let report = try PortfolioValidator.validate(directory: GeoDataFixture.shippedDirectory, context: context)
        #expect(!report.issues.contains { $0.field == "district" })
    }

    /// With the fact sheet's typed districts put back (district_stated), validate flags the same
    /// four that Shapely found on the source file: m6_j13 ("Stafford/South Staffordshire boundary",
    /// not a district: a warning), and m6_j16, a500_tunstall_a527 and m6toll_burntwood, each within
    /// 500 m of its typed district's generalised boundary (notes).
    @Test func typedDistrictsTheBoundariesContradictAreFlagged() throws {
        let directory = try GeoDataFixture.brokenCopy(editing: "assets.geojson") { json in
            json["features"] = (json["features"] as! [[String: Any]]).map { feature in
                var feature = feature, properties = feature["properties"] as! [String: Any]
                if let stated = properties["district_stated"] as? String { properties["district"] = stated }
                feature["properties"] = properties
                return feature
            }
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let report = try PortfolioValidator.validate(directory: directory, context: GEOSContext())
        let flagged = report.issues.filter { $0.field == "district" }
        #expect(Set(flagged.compactMap(\.featureID)) == ["m6_j13", "m6_j16", "a500_tunstall_a527", "m6toll_burntwood"])
        #expect(flagged.first { $0.featureID == "m6_j13" }?.severity == .warning)
        #expect(flagged.filter { $0.severity == .note }.count == 3)
        #expect(!report.issues.contains { $0.file == "sites.geojson" })
    }

    /// The loader gives a site the boundary's district, not the one typed in its layer: KUSIP (Keele,
    /// in Newcastle-under-Lyme) typed as Stoke-on-Trent, several km from Stoke's boundary.
    @Test func aSitesDistrictComesFromTheBoundaries() throws {
        let directory = try GeoDataFixture.brokenCopy(editing: "sites.geojson") { json in
            var features = json["features"] as! [[String: Any]]
            var properties = features[0]["properties"] as! [String: Any]
            properties["district"] = "Stoke-on-Trent"
            features[0]["properties"] = properties
            json["features"] = features
        }
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let portfolio = try PortfolioLoader.load(directory: directory, context: GEOSContext())
        #expect(portfolio.sites[0].id == "kusip")
        #expect(portfolio.sites[0].district == "Newcastle-under-Lyme")
        let report = try PortfolioValidator.validate(directory: directory, context: GEOSContext())
        let issue = try #require(report.issues.first { $0.file == "sites.geojson" && $0.field == "district" })
        #expect(issue.severity == .warning)
        #expect(issue.message.hasPrefix("stated 'Stoke-on-Trent', but the feature lies in Newcastle-under-Lyme, "))
        #expect(issue.message.hasSuffix("(generalised boundaries) (SiteMatch uses the boundary's)"))
    }
}
