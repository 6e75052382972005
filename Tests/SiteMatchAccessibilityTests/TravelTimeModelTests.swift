import Testing
@testable import SiteMatchAccessibility
import SiteMatchData
import SiteMatchGeometry

/// Every expected time below is worked out by hand from the picture in TinyNetwork.swift.
@Suite struct TravelTimeModelTests {
    let geos = GEOSContext()

    func model(_ profile: SpeedProfile = TinyNetwork.car) throws -> TravelTimeModel {
        try TravelTimeModel(portfolio: TinyNetwork.portfolio, profile: profile, context: geos)
    }

    @Test func siteSnapsFromItsPolygonNotItsCentroid() throws {
        let access = try #require(try model().siteAccess["mid_AB"])
        // The triangle's apex (5000, −200) is 200 m from AB; its centroid is ~867 m away.
        #expect(access.placePoint == Coordinate(5_000, -200))
        #expect(access.snapPoint == Coordinate(5_000, 0))
        #expect(access.snapDistanceMetres == 200)
        #expect(access.edgeID == "AB")
        #expect(access.distanceAlongEdge == 5_000)
    }

    @Test func shortestPathTakesTheFasterTrunkRoad() throws {
        // near_A: leg 0.2 km at 30 km/h = 0.4 min, joins at A. A→C by trunk: 14.1421 km at 90 = 9.42809 min;
        // A→B→C: 10 + 5 = 15 min. At C's asset: + 0.4 km at 30 = 0.8 min. Total 0.4 + 9.42809 + 0.8.
        let minutes = try #require(try model().minutes(fromSite: "near_A", to: "at_C"))
        #expect(abs(minutes - (0.4 + 14.142135623730951 / 90 * 60 + 0.8)) < 1e-9)
    }

    @Test func snapLegsAndHalfEdgesAddUp() throws {
        // mid_AB joins AB halfway: 0.4 + 5 km at 60 = 5.4 min to A and to B. C = min(B + 5, A + 9.428) = 10.4.
        // D via the one-way C→D: 10.4 + 10 = 20.4; its asset 300 m away: + 0.6 → 21.0.
        let m = try model()
        #expect(abs(try #require(m.minutes(fromSite: "mid_AB", to: "at_C")) - (10.4 + 0.8)) < 1e-9)
        #expect(abs(try #require(m.minutes(fromSite: "mid_AB", to: "at_D")) - 21.0) < 1e-9)
        // town_B is 300 m from B: 5.4 + 0.6.
        #expect(abs(try #require(m.minutes(fromSite: "mid_AB", to: "town_B")) - 6.0) < 1e-9)
    }

    @Test func oneWayEdgeCannotBeDrivenBackwards() throws {
        // near_D joins the one-way C→D at its end D: nothing leaves D, so C is unreachable.
        let m = try model()
        #expect(m.minutes(fromSite: "near_D", to: "at_C") == nil)
        #expect(abs(try #require(m.minutes(fromSite: "near_D", to: "at_D")) - (0.4 + 0.6)) < 1e-9)
    }

    @Test func detachedPartIsUnreachableNotZero() throws {
        let m = try model()
        #expect(m.minutes(fromSite: "mid_AB", to: "at_F") == nil)
        #expect(m.minutes(fromSite: "no_such_site", to: "at_C") == nil)
    }

    @Test func hgvProfileIsSlowerThanCarEverywhereReachable() throws {
        let car = try model(TinyNetwork.car), hgv = try model(TinyNetwork.hgv)
        for site in TinyNetwork.portfolio.sites {
            for destination in ["at_C", "at_D", "town_B", "town_C"] {
                guard let carMinutes = car.minutes(fromSite: site.id, to: destination) else { continue }
                let hgvMinutes = try #require(hgv.minutes(fromSite: site.id, to: destination))
                #expect(hgvMinutes > carMinutes, "\(site.id) → \(destination)")
            }
        }
        // By hand for one pair: mid_AB → at_D by HGV = 0.2 km at 15 (0.8) + 5 km at 30 (10) + 10 km motorway at 60 (10)
        // + 10 km at 30 (20) + 0.3 km at 15 (1.2) = 42.0 min.
        #expect(abs(try #require(hgv.minutes(fromSite: "mid_AB", to: "at_D")) - 42.0) < 1e-9)
    }

    /// A road through a site: the site reaches each end of the edge from its own side of the crossing,
    /// whatever order its ring is drawn in (GEOS's nearest point of a crossing depends on that order).
    @Test func aSiteCrossedByARoadJoinsItWhereverItsRingStarts() throws {
        // A 2 km square over AB from x = 2 km to 4 km: to A 2 km, to B 6 km, at 60 km/h (1 min per km).
        // (Its other join, AC's nearest point 707 m off, reaches A in 1.414 + 1.414 min: slower.) town_B: 6 + 0.6.
        let corners = [Coordinate(2_000, -1_000), Coordinate(4_000, -1_000), Coordinate(4_000, 1_000), Coordinate(2_000, 1_000)]
        for start in 0..<4 {
            for clockwise in [false, true] {
                var ring = Array(corners[start...] + corners[..<start])
                if clockwise { ring.reverse() }
                var portfolio = TinyNetwork.portfolio
                portfolio.sites = [TinyNetwork.site("straddling", apex: Coordinate(0, 0))]
                portfolio.sites[0].geometry = .polygon([ring + [ring[0]]])
                let model = try TravelTimeModel(portfolio: portfolio, profile: TinyNetwork.car, context: geos)
                let times = try #require(model.nodeTimes(fromSite: "straddling"))
                #expect(abs(times[model.graph.index["A"]!] - 2) < 1e-9, "start \(start), clockwise \(clockwise)")
                #expect(abs(times[model.graph.index["B"]!] - 6) < 1e-9, "start \(start), clockwise \(clockwise)")
                #expect(abs(try #require(model.minutes(fromSite: "straddling", to: "town_B")) - 6.6) < 1e-9, "start \(start), clockwise \(clockwise)")
            }
        }
    }
}
