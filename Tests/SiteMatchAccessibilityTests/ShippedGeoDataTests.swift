import Foundation
import Testing
import SiteMatchAccessibility
import SiteMatchData
import SiteMatchGeometry

enum ShippedGeoData {
    static var directory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GeoData").path
    }

    static func load(_ context: GEOSContext) throws -> (Portfolio, [String: SpeedProfile]) {
        let portfolio = try PortfolioLoader.load(directory: directory, context: context)
        let profiles = try SpeedProfileLoader.load(contentsOfFile: directory + "/profiles.yaml")
        return (portfolio, profiles)
    }
}

/// Checks against the City Economic Development Strategy 2024-28 ("Travel to work areas"): Stoke's
/// core travel-to-work area is roughly 30–45 minutes, so a 45-minute car isochrone from Hanley
/// contains Newcastle-under-Lyme, Kidsgrove, Leek and Stone, and a 15-minute one does not reach Stafford.
@Suite struct ShippedGeoDataTests {
    let geos = GEOSContext()

    func isochrones(_ siteID: String, _ budgets: [Double]) throws -> (Portfolio, [Geometry]) {
        let (portfolio, profiles) = try ShippedGeoData.load(geos)
        let model = try TravelTimeModel(portfolio: portfolio, profile: try #require(profiles["car"]), context: geos)
        let site = try #require(portfolio.sites.first { $0.id == siteID })
        let result = try IsochroneBuilder.isochrones(site: site, budgets: budgets, model: model, context: geos)
        return (portfolio, try result.map { try Geometry($0.area, context: geos) })
    }

    func town(_ id: String, in portfolio: Portfolio) throws -> Geometry {
        try Geometry(point: try #require(portfolio.population.first { $0.id == id }).location, context: geos)
    }

    @Test func hanley45MinuteIsochroneHoldsTheCoreTravelToWorkTowns() throws {
        let (portfolio, isochrones) = try isochrones("smithfield_hanley", [15, 45])
        for id in ["town_newcastle_town", "town_kidsgrove", "town_leek", "town_stone_town"] {
            #expect(try isochrones[1].covers(town(id, in: portfolio)), "\(id) not within 45 min")
        }
        #expect(try !isochrones[0].covers(town("town_stafford_town", in: portfolio)))
    }

    @Test(arguments: ["smithfield_hanley", "kusip", "i54_south_staffordshire"])
    func isochronesAreValidAndNested(siteID: String) throws {
        let (_, isochrones) = try isochrones(siteID, [15, 30, 45])
        for iso in isochrones {
            let reason = try iso.validityReason
            #expect(try iso.isValid, "\(reason)")
        }
        // Nested to within 1 mm: buffer caps of a shorter stretch touch the band of a longer one, so
        // GEOS's floating-point vertices can sit a hair outside it.
        #expect(try isochrones[1].buffer(0.001).covers(isochrones[0]))
        #expect(try isochrones[2].buffer(0.001).covers(isochrones[1]))
        #expect(try isochrones[0].difference(isochrones[1]).area() < 1)
        #expect(try isochrones[0].area() < isochrones[1].area())
    }

    @Test func everySiteReachesEveryDestination() throws {
        let (portfolio, profiles) = try ShippedGeoData.load(geos)
        for name in ["car", "hgv"] {
            let model = try TravelTimeModel(portfolio: portfolio, profile: try #require(profiles[name]), context: geos)
            let (rows, unreachable) = TravelTimeTable.rows(model: model, portfolio: portfolio)
            #expect(unreachable == 0)
            #expect(rows.count == portfolio.sites.count * (portfolio.assets.count + portfolio.population.count))
            // 0 is possible and right: KUSIP's polygon holds the Keele University node.
            #expect(rows.allSatisfy { $0.minutes >= 0 && $0.source == "modelled" })
        }
    }
}
