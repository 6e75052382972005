import Testing
@testable import SiteMatchAccessibility
@testable import SiteMatchData
import SiteMatchGeometry

/// Property tests on random edits of the tiny network: a new edge can only help; a closed one can only hurt.
@Suite struct ScenarioPropertyTests {
    let geos = GEOSContext()
    let destinations = ["at_C", "at_D", "at_F", "town_B", "town_C"]

    func allTimes(_ scenario: NetworkScenario) throws -> [Double?] {
        let (edges, overrides, _) = try scenario.apply(to: TinyNetwork.portfolio, profile: TinyNetwork.car)
        let model = try TravelTimeModel(portfolio: TinyNetwork.portfolio, profile: TinyNetwork.car, edges: edges, speedOverrides: overrides, context: geos)
        return TinyNetwork.portfolio.sites.flatMap { site in destinations.map { model.minutes(fromSite: site.id, to: $0) } }
    }

    @Test func addingAnEdgeNeverIncreasesATravelTime() throws {
        var rng = SplitMix64(seed: 2026)
        let baseline = try allTimes(NetworkScenario(file: "none", name: "baseline"))
        let nodes = TinyNetwork.nodes.keys.sorted()
        for trial in 0..<60 {
            let from = nodes.randomElement(using: &rng)!, to = nodes.randomElement(using: &rng)!
            guard from != to else { continue }
            let edge = NetworkScenario.NewEdge(id: "new\(trial)", from: from, to: to, road: "new", roadClass: ["motorway", "trunk", "a_road"].randomElement(using: &rng)!, oneway: Bool.random(using: &rng))
            let after = try allTimes(NetworkScenario(file: "t", name: "t", addEdges: [edge]))
            for (b, a) in zip(baseline, after) {
                if let b { #expect(a != nil && a! <= b + 1e-9, "trial \(trial): \(from)→\(to)") }
            }
        }
    }

    @Test func removingAnEdgeNeverDecreasesATravelTime() throws {
        var rng = SplitMix64(seed: 7)
        let baseline = try allTimes(NetworkScenario(file: "none", name: "baseline"))
        for trial in 0..<30 {
            let removed = Array(TinyNetwork.edges.map(\.id).shuffled(using: &rng).prefix(Int.random(in: 1...2, using: &rng)))
            // The tiny model needs an edge to snap each site to; keep the scenario meaningful.
            let after = try allTimes(NetworkScenario(file: "t", name: "t", removeEdges: removed))
            for (b, a) in zip(baseline, after) {
                if let a { #expect(b != nil && a >= b! - 1e-9, "trial \(trial): removed \(removed)") }
            }
        }
    }

    @Test func fasterSpeedNeverIncreasesATravelTime() throws {
        let baseline = try allTimes(NetworkScenario(file: "none", name: "baseline"))
        let after = try allTimes(NetworkScenario(file: "t", name: "t", speedChanges: [.init(edge: "AB", road: nil, kmh: 200)]))
        for (b, a) in zip(baseline, after) where b != nil { #expect(a! <= b!) }
    }
}

@Suite struct ScenarioFileTests {
    @Test func unknownNodeIsNamedWithNearestIDs() throws {
        let scenario = NetworkScenario(file: "s.yaml", name: "s", addEdges: [.init(id: "x", from: "A", to: "CC", road: "r", roadClass: "a_road", oneway: false)])
        #expect(throws: SiteMatchError(file: "s.yaml", field: "add_edges[0].to", message: "unknown node 'CC'; nearest matching ids: C, A, B (or declare it under add_nodes)")) {
            try scenario.apply(to: TinyNetwork.portfolio, profile: TinyNetwork.car)
        }
    }

    @Test func unknownRoadAndEdgeAreNamed() throws {
        let road = NetworkScenario(file: "s.yaml", name: "s", speedChanges: [.init(edge: nil, road: "M7", kmh: 50)])
        #expect(throws: SiteMatchError.self) { try road.apply(to: TinyNetwork.portfolio, profile: TinyNetwork.car) }
        let edge = NetworkScenario(file: "s.yaml", name: "s", removeEdges: ["ABX"])
        #expect(throws: SiteMatchError(file: "s.yaml", field: "remove_edges[0]", message: "no edge 'ABX'; nearest matching ids: AB, AC, BC")) {
            try edge.apply(to: TinyNetwork.portfolio, profile: TinyNetwork.car)
        }
    }

    @Test func shippedScenariosLoadAndApply() throws {
        let geos = GEOSContext()
        let (portfolio, profiles) = try ShippedGeoData.load(geos)
        for name in ["m6-j15a-keele.yaml", "m6-j15-improvement.yaml"] {
            let scenario = try NetworkScenarioLoader.load(contentsOfFile: ShippedGeoData.directory + "/scenarios/" + name)
            for profile in profiles.values {
                // An "improvement" never lowers a road's speed, under any shipped profile.
                let (_, _, effects) = try scenario.apply(to: portfolio, profile: profile)
                #expect(effects.allSatisfy { $0.afterKmh >= $0.beforeKmh }, "\(name), \(profile.name)")
            }
        }
    }

    /// By hand on the tiny network (car: trunk 90 km/h): factor 1.25 gives 112.5; kmh 70 gives 70,
    /// a slowdown the effects report.
    @Test func aFactorScalesTheModelledSpeedAndAnAbsoluteSpeedCanLowerIt() throws {
        let trunk = try #require(TinyNetwork.edges.first { $0.roadClass == "trunk" })
        let faster = NetworkScenario(file: "s.yaml", name: "s", speedChanges: [.init(edge: trunk.id, road: nil, kmh: nil, factor: 1.25)])
        let (_, overrides, effects) = try faster.apply(to: TinyNetwork.portfolio, profile: TinyNetwork.car)
        #expect(overrides[trunk.id] == 112.5)
        #expect(effects == [.init(change: 0, edge: trunk.id, road: trunk.road, beforeKmh: 90, afterKmh: 112.5)])
        let slower = NetworkScenario(file: "s.yaml", name: "s", speedChanges: [.init(edge: trunk.id, road: nil, kmh: 70)])
        #expect(try slower.apply(to: TinyNetwork.portfolio, profile: TinyNetwork.car).effects.first?.afterKmh == 70)
        // The same factor on the hgv profile scales hgv's own speed (trunk 60 → 75).
        #expect(try faster.apply(to: TinyNetwork.portfolio, profile: TinyNetwork.hgv).speedOverrides[trunk.id] == 75)
    }
}

@Suite struct CatchmentTests {
    @Test func catchmentCountsReachablePointsByHand() throws {
        let model = try TravelTimeModel(portfolio: TinyNetwork.portfolio, profile: TinyNetwork.car, context: GEOSContext())
        // From mid_AB: town_B at 5.4 + 0.6 = 6.0 min; town_C at C (10.4) + 0.3 km at 30 (0.6) = 11.0 min.
        let c = CatchmentBuilder.catchments(siteID: "mid_AB", budgets: [15, 10, 5], model: model, portfolio: TinyNetwork.portfolio)
        #expect(c.map(\.minutes) == [5, 10, 15])
        #expect(c.map(\.population) == [0, 10_000, 15_000])
        #expect(c.map(\.workingAgePopulation) == [0, 6_000, 6_000])
        #expect(c[2].membersWithoutWorkingAge == 1)
        #expect(c[2].members.map(\.id) == ["town_B", "town_C"])
        #expect(abs(c[2].members[1].minutes - 11.0) < 1e-9)
    }

    /// Census areas join the nearest point of every edge within reach, like sites. From mid_AB (A and
    /// B at 5.4 min, C at 10.4): L1 (2 000, 1 000) is 707.1 m from AC, 2 121.3 m along it: 5.4 + 2.1213 km
    /// at 90 + 0.7071 km at 30 = 5.4 + 2√2 = 8.228 min (via AB: 5.4 + 2 + 2 = 9.4). L2 (15 000, 10 500)
    /// is 500 m off the one-way CD, 5 km along it, and no other edge is within 5 km: 10.4 + 5 + 1 =
    /// 16.4 min. L3 (30 000, 30 000) is beyond every edge's reach: reported, never counted.
    @Test func censusAreasJoinEdgesAndThoseBeyondReachAreReported() throws {
        var portfolio = TinyNetwork.portfolio
        portfolio.censusAreas = [
            CensusArea(id: "L1", name: "L1", population: 1_000, workingAgePopulation: 600, year: 2021, placement: "centroid_2011", location: Coordinate(2_000, 1_000)),
            CensusArea(id: "L2", name: "L2", population: 2_000, workingAgePopulation: 1_500, year: 2021, placement: "estimated_from_siblings", location: Coordinate(15_000, 10_500)),
            CensusArea(id: "L3", name: "L3", population: 500, workingAgePopulation: 300, year: 2021, placement: "centroid_2011", location: Coordinate(30_000, 30_000)),
        ]
        let model = try TravelTimeModel(portfolio: portfolio, profile: TinyNetwork.car, context: GEOSContext())
        let c = CatchmentBuilder.catchments(siteID: "mid_AB", budgets: [20, 10], model: model, portfolio: portfolio)
        #expect(c.map(\.members).map { $0.map(\.id) } == [["L1"], ["L1", "L2"]])
        #expect(abs(c[1].members[0].minutes - (5.4 + 2 * 2.0.squareRoot())) < 1e-9)
        #expect(abs(c[1].members[1].minutes - 16.4) < 1e-9)
        #expect(c.map(\.population) == [1_000, 3_000] && c.map(\.workingAgePopulation) == [600, 2_100])
        // The town points are not counted once census areas are there.
        #expect(!c[1].members.contains { $0.id == "town_B" })
        #expect(c.allSatisfy { $0.basis == "ONS Census 2021 LSOAs" && $0.areasBeyondReach == 1 && $0.populationBeyondReach == 500 })
        #expect(!model.reaches(censusArea: "L3") && model.reaches(censusArea: "L2"))
    }
}
