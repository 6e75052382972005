import Foundation
import Testing
import SiteMatchAccessibility
@testable import SiteMatchData
import SiteMatchGeometry
@testable import SiteMatchMatching

/// A one-road fixture: A (0, 0) — a_road 10 km — B (10 000, 0); car 60 km/h, access 30 km/h.
/// The site is a triangle whose apex (5 000, −200) is 200 m below the road's midpoint.
enum IndicatorFixture {
    static let car = SpeedProfile(name: "car", accessKmh: 30, speedsKmh: ["a_road": 60, "trunk": 90, "motorway": 120])

    static func asset(_ id: String, _ category: String, _ x: Double, _ y: Double, road: String? = nil) -> Asset {
        Asset(id: id, name: id, category: category, location: Coordinate(x, y), properties: road.map { ["road": .string($0)] } ?? [:])
    }

    static var portfolio: Portfolio {
        let ring = [Coordinate(4_000, -1_200), Coordinate(6_000, -1_200), Coordinate(5_000, -200), Coordinate(4_000, -1_200)]
        let site = Site(id: "s", name: "s", locationType: "D", district: "", areaHectares: 12, availableAreaHectares: nil, status: "available",
                        enterpriseZone: true, gridHeadroomMVA: nil, powerClass: nil, fullFibre: nil, geometryQuality: "indicative",
                        geometry: .polygon([ring]), properties: ["use_classes": .array([.string("B2"), .string("B8")])])
        var p = Portfolio(
            directory: "fixture", sites: [site],
            assets: [asset("uni", "university", 10_000, 300), asset("lab", "testing_facility", 0, 400), asset("far_lab", "research_centre", 30_000, 30_000),
                     asset("j1", "motorway_junction", 0, -300, road: "M6")],
            population: [PopulationPoint(id: "town", name: "town", population: 1_000, workingAgePopulation: 600, year: 2021, useInCatchment: true,
                                         location: Coordinate(10_000, -300), source: "test", properties: ["level": .string("town")])],
            edges: [RoadEdge(id: "AB", road: "A1", roadClass: "a_road", from: "A", to: "B", oneway: false, line: [Coordinate(0, 0), Coordinate(10_000, 0)])],
            nodePositions: ["A": Coordinate(0, 0), "B": Coordinate(10_000, 0)])
        p.zones = [Zone(id: "z", name: "zone", zoneType: "grid_constraint", gridConstraint: "new_connections_limited", source: "test",
                        geometry: .polygon([[Coordinate(3_000, -3_000), Coordinate(7_000, -3_000), Coordinate(7_000, 1_000), Coordinate(3_000, 1_000), Coordinate(3_000, -3_000)]]))]
        return p
    }

    static func measure() throws -> SiteIndicators {
        let geos = GEOSContext()
        let portfolio = Self.portfolio
        let model = try TravelTimeModel(portfolio: portfolio, profile: car, context: geos)
        return try IndicatorMeasurer(portfolio: portfolio, model: model, context: geos).measure(portfolio.sites[0])
    }
}

@Suite struct IndicatorTests {
    /// Substations around the fixture's triangle (base y = −1 200 from x 4 000 to 6 000, apex (5 000, −200)):
    /// a primary 2 km below the base, a bulk supply point with an 11 kV side 3 km above the apex, and a
    /// grid supply point 11 km above it; the queue names the primary under that bulk supply point.
    @Test func substationIndicatorsByHand() throws {
        let geos = GEOSContext()
        var portfolio = IndicatorFixture.portfolio
        portfolio.substations = [
            Substation(id: "p", name: "Alpha Town 33/11kv", type: "primary", voltageKV: 33, lowestVoltageKV: 11, location: Coordinate(5_000, -3_200)),
            Substation(id: "b", name: "Alpha 132/11kv", type: "bulk_supply_point", voltageKV: 132, lowestVoltageKV: 11, location: Coordinate(5_000, 2_800)),
            Substation(id: "g", name: "Hilltop 132kv", type: "grid_supply_point", voltageKV: 132, lowestVoltageKV: 132, location: Coordinate(5_000, 10_800)),
        ]
        let header = "Licence,Grid Supply Point,Bulk Supply Point,Primary Substation,Connection Status,Total Demand Capacity (MW)\n"
        portfolio.gridQueue = try GridQueue.read(text: header + """
            WMIDS,Hilltop 132 kV,Alpha 132 kV S Stn,Alpha Town 33 11 kV S Stn,Connection offers accepted,2
            WMIDS,Hilltop 132 kV,Alpha 132 kV S Stn,Alpha Town 33 11 kV S Stn,Connection offers not yet accepted,3
            WMIDS,Hilltop 132 kV,Alpha 132 kV S Stn,-,Budget Estimates Provided,5
            """, file: "nged-connection-queue-2099-01.csv")
        let model = try TravelTimeModel(portfolio: portfolio, profile: IndicatorFixture.car, context: geos)
        let i = try IndicatorMeasurer(portfolio: portfolio, model: model, context: geos).measure(portfolio.sites[0]).values
        // The primary is 2.0 km from the base; the bulk supply point (3.0 km) also supplies at 11 kV but is further.
        #expect(i["km_to_primary_substation"]?.value == .number(2.0))
        #expect(i["km_to_primary_substation"]?.evidence == "Alpha Town 33/11kv (primary substation) 2.0 km (to the indicative polygon)")
        #expect(i["km_to_132kv_substation"]?.value == .number(3.0))
        #expect(i["km_to_primary_substation"]?.quality == .estimated)   // an indicative polygon
        // Queued behind Alpha: 2 accepted + 3 offered = 5 MW; the 5 MW budget estimate is apart.
        #expect(i["queued_demand_mw"]?.value == .number(5))
        #expect(i["queued_demand_mw"]?.quality == .official)
        #expect(i["queued_demand_mw"]?.evidence == "5.0 MW of demand accepted or offered behind bulk supply point Alpha 132 kV S Stn (above Alpha Town 33/11kv), 5.0 MW more at budget-estimate stage; 5.0 MW behind grid supply point Hilltop 132 kV; queue, not headroom")

        // Without the queue the figure is unknown, never guessed; without substations, all three.
        portfolio.gridQueue = nil
        let noQueue = try IndicatorMeasurer(portfolio: portfolio, model: model, context: geos).measure(portfolio.sites[0]).values
        #expect(noQueue["queued_demand_mw"]?.value == .unknown && noQueue["km_to_primary_substation"]?.value == .number(2.0))
        portfolio.substations = []
        let none = try IndicatorMeasurer(portfolio: portfolio, model: model, context: geos).measure(portfolio.sites[0]).values
        #expect(["km_to_primary_substation", "km_to_132kv_substation", "queued_demand_mw"].allSatisfy { none[$0]?.value == .unknown && none[$0]?.quality == .unknown })
    }

    /// Stops below the triangle's base (y = −1 200): 300 m, 700 m and 1 100 m away; a rail entrance
    /// 1 000 m above the apex (5 000, −200).
    @Test func publicTransportIndicatorsByHand() throws {
        let geos = GEOSContext()
        var portfolio = IndicatorFixture.portfolio
        portfolio.stops = [
            TransportStop(id: "b300", name: "Near stop", type: "bus_stop", location: Coordinate(5_000, -1_500)),
            TransportStop(id: "b700", name: "Middle stop", type: "bus_station_bay", location: Coordinate(5_000, -1_900)),
            TransportStop(id: "b1100", name: "Far stop", type: "bus_stop", location: Coordinate(5_000, -2_300)),
            TransportStop(id: "r", name: "Town Rail Station (entrance)", type: "rail_entrance", location: Coordinate(5_000, 800)),
        ]
        let model = try TravelTimeModel(portfolio: portfolio, profile: IndicatorFixture.car, context: geos)
        let i = try IndicatorMeasurer(portfolio: portfolio, model: model, context: geos).measure(portfolio.sites[0]).values
        #expect(i["bus_stops_within_400m"]?.value == .number(1))
        #expect(i["bus_stops_within_800m"]?.value == .number(2))
        #expect(i["bus_stops_within_800m"]?.evidence == "2 bus stops within 800 m of the indicative polygon: Near stop; Middle stop")
        #expect(i["metres_to_rail_entrance"]?.value == .number(1_000))
        #expect(i["metres_to_rail_entrance"]?.evidence == "Town Rail Station (entrance) 1000 m from the indicative polygon in a straight line (a walking route is longer)")
        #expect(i["metres_to_rail_entrance"]?.quality == .estimated)
        // Without the layer all three are unknown, never 0.
        portfolio.stops = []
        let none = try IndicatorMeasurer(portfolio: portfolio, model: model, context: geos).measure(portfolio.sites[0]).values
        #expect(["bus_stops_within_400m", "bus_stops_within_800m", "metres_to_rail_entrance"].allSatisfy { none[$0]?.value == .unknown })
    }

    @Test func driveTimeIndicatorsByHand() throws {
        let i = try IndicatorFixture.measure().values
        // Leg 0.2 km at 30 = 0.4 min; half the road, 5 km at 60 = 5 min; then the destination's leg at 30 km/h.
        #expect(i["minutes_to_university"]?.value == .number(0.4 + 5 + 0.6))    // 300 m from B
        #expect(i["minutes_to_testing_facility"]?.value == .number(0.4 + 5 + 0.8))   // 400 m from A
        #expect(i["minutes_to_m6"]?.value == .number(0.4 + 5 + 0.6))            // 300 m from A
        #expect(i["minutes_to_town_centre"]?.value == .number(0.4 + 5 + 0.6))
        #expect(i["minutes_to_university"]?.quality == .modelled)
        // No hospital or station in the fixture: unknown, never 0.
        #expect(i["minutes_to_acute_hospital"]?.value == .unknown)
        #expect(i["minutes_to_rail_station"]?.quality == .unknown)
    }

    @Test func measuredAndPublishedIndicatorsByHand() throws {
        let i = try IndicatorFixture.measure().values
        // uni ≈ 5.0 km and lab ≈ 5.0 km from the triangle; far_lab ≈ 39 km: 2 within 10 km.
        #expect(i["rd_assets_within_10km"]?.value == .number(2))
        #expect(i["grid_zone"]?.value == .text("new_connections_limited"))
        #expect(i["site_area_ha"]?.value == .number(12))
        #expect(i["available_area_ha"]?.value == .unknown)
        #expect(i["industrial_use_class"]?.value == .flag(true))
        #expect(i["rd_use_class"]?.value == .flag(false))
        #expect(i["enterprise_zone"]?.value == .flag(true))
        // The town (600 working-age) is 6.0 min away: inside both catchments.
        #expect(i["working_age_30min"]?.value == .number(600))
        #expect(i["working_age_45min"]?.value == .number(600))
    }
}

@Suite struct MonotonicityTests {
    /// The value of `function` at its best input.
    func best(_ function: ValueFunction) -> IndicatorValue {
        switch function {
        case let .linear(x0, v0, x1, v1): return .number(v0 >= v1 ? x0 : x1)
        case let .step(_, steps): return .number(steps.max { $0[1] < $1[1] }![0])
        case let .idealRange(lo, _, _): return .number(lo)
        case let .category(values):
            let key = values.max { $0.value < $1.value }!.key
            return key == "true" || key == "false" ? .flag(key == "true") : .text(key)
        }
    }

    @Test func raisingAnyDriverValueNeverLowersAScore() throws {
        let session = try MatchingSession(directory: Shipped.directory, context: GEOSContext())
        let scorer = Scorer(catalogue: session.catalogue)
        for site in session.portfolio.sites {
            let indicators = session.indicators[site.id]!
            for archetype in session.catalogue.archetypes {
                let before = scorer.score(site: site, indicators: indicators, archetype: archetype).score
                for driverID in scorer.weights(for: archetype.id).keys {
                    for item in session.catalogue.drivers[driverID]!.indicators {
                        var improved = indicators
                        improved.values[item.indicator]!.value = best(item.function)
                        let after = scorer.score(site: site, indicators: improved, archetype: archetype).score
                        #expect(after >= before - 1e-9, "\(site.id) \(archetype.id) \(item.indicator)")
                    }
                }
            }
        }
    }
}

@Suite struct EnquiryListingTests {
    @Test func everyFailedRequirementIsListed() throws {
        let portfolio = IndicatorFixture.portfolio
        let e = Enquiry(minimumAreaHectares: 20, minimumMVA: 8, maximumMinutesToM6: 5, locationTypes: ["A"], availableNow: true)
        let checks = EnquiryEvaluator.checks(e, site: portfolio.sites[0], indicators: try IndicatorFixture.measure())
        #expect(checks.filter { !$0.passed }.map(\.requirement) == ["min_area_ha", "min_mva", "max_minutes_to_m6", "location_types"])
        #expect(checks.first { $0.requirement == "available_now" }?.passed == true)
        #expect(checks.map(\.detail) == ["12 ha of 20 ha required; −40%", "grid headroom unknown (8 MVA required)",
                                         "6 min to the M6, ≤ 5 min required (modelled); 1.0 min over (+20%)", "location type D; required A", "status available"])
    }
}
