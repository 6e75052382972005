import Foundation
import Testing
@testable import SiteMatchData
import SiteMatchGeometry
@testable import SiteMatchMatching

enum Shipped {
    static var directory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GeoData").path
    }
    static func catalogue() throws -> Catalogue { try CatalogueLoader.load(directory: directory, indicators: IndicatorMeasurer.ids) }
}

@Suite struct ValueFunctionTests {
    @Test func linearIsClampedAndInterpolatedByHand() {
        let f = ValueFunction.linear(x0: 5, v0: 1, x1: 30, v1: 0)  // minutes to a university
        #expect(f.value(of: .number(5)) == 1)
        #expect(f.value(of: .number(17.5)) == 0.5)   // halfway
        #expect(f.value(of: .number(2)) == 1)        // clamped
        #expect(f.value(of: .number(60)) == 0)
        #expect(f.value(of: .unknown) == nil)
    }

    @Test func stepCategoryAndIdealRange() {
        let step = ValueFunction.step(below: 0, steps: [[1, 0.3], [5, 0.7], [10, 1]])
        #expect([0.5, 1, 7, 12].map { step.value(of: .number($0)) } == [0, 0.3, 0.7, 1])
        let category = ValueFunction.category(["high": 1, "true": 0.9, "false": 0.2])
        #expect(category.value(of: .text("high")) == 1)
        #expect(category.value(of: .flag(false)) == 0.2)
        #expect(category.value(of: .text("unheard-of")) == nil)
        let range = ValueFunction.idealRange(min: 5, max: 10, falloff: 5)
        #expect([7, 2.5, 12.5, 20].map { range.value(of: .number($0)) } == [1, 0.5, 0.5, 0])
    }
}

@Suite struct ScorerTests {
    /// A two-driver archetype, scored by hand.
    static let archetype = Archetype(id: "test", name: "Test", cluster: "c", frameworkSection: "0", driverPhrases: [], bestFit: ["D"], leastFit: ["A"], role: nil)
    static let catalogue = Catalogue(
        archetypes: [archetype],
        drivers: [
            "logistics": Driver(id: "logistics", name: "Logistics", phrases: [], indicators: [
                DriverIndicator(indicator: "minutes_to_m6", function: .linear(x0: 5, v0: 1, x1: 30, v1: 0), why: ""),
            ]),
            "floorplate": Driver(id: "floorplate", name: "Floorplate", phrases: [], indicators: [
                DriverIndicator(indicator: "site_area_ha", function: .linear(x0: 1, v0: 0, x1: 20, v1: 1), why: ""),
                DriverIndicator(indicator: "available_area_ha", function: .linear(x0: 1, v0: 0, x1: 20, v1: 1), why: ""),
            ]),
        ],
        weights: ["test": ["logistics": 3, "floorplate": 1]],
        unknownValue: 0.5, priorWeight: 0.25)

    static func site(_ id: String, type: String) -> Site {
        Site(id: id, name: id, locationType: type, district: "", areaHectares: nil, availableAreaHectares: nil, status: nil, enterpriseZone: false,
             gridHeadroomMVA: nil, powerClass: nil, fullFibre: nil, geometryQuality: "indicative", geometry: .point(Coordinate(0, 0)), properties: [:])
    }

    static func indicators(m6: Double, area: Double?) -> SiteIndicators {
        func indicator(_ id: String, _ value: IndicatorValue) -> Indicator { Indicator(id: id, unit: "", value: value, evidence: "", source: "", quality: .modelled) }
        return SiteIndicators(siteID: "x", values: [
            "minutes_to_m6": indicator("minutes_to_m6", .number(m6)),
            "site_area_ha": indicator("site_area_ha", area.map { .number($0) } ?? .unknown),
            "available_area_ha": indicator("available_area_ha", .unknown),
        ])
    }

    @Test func scoreIsWeightedDriversPlusPriorByHand() throws {
        // logistics: 17.5 min → 0.5. floorplate: area 10.5 ha → (10.5−1)/19 = 0.5; available unknown → 0.5; mean 0.5.
        // drivers = (3·0.5 + 1·0.5)/4 = 0.5 → 50. Best fit D: 0.75·50 + 0.25·100 = 62.5.
        let scorer = Scorer(catalogue: Self.catalogue)
        let s = scorer.score(site: Self.site("d", type: "D"), indicators: Self.indicators(m6: 17.5, area: 10.5), archetype: Self.archetype)
        #expect(s.driverScore == 50)
        #expect(s.score == 62.5)
        #expect(s.fit == .best)
        #expect(s.unknownIndicators == 1)
        #expect(s.drivers.map(\.driverID) == ["floorplate", "logistics"])
        #expect(s.drivers.map(\.contribution) == [0.75 * 0.25 * 0.5 * 100, 0.75 * 0.75 * 0.5 * 100])
        #expect(s.drivers.reduce(0) { $0 + $1.contribution } + s.priorContribution == s.score)

        // m6 5 min → 1; area 20 ha → 1, available unknown 0.5 → floorplate 0.75. drivers = (3 + 0.75)/4 = 0.9375 → 93.75.
        // Least fit A: 0.75 · 93.75 + 0 = 70.3125; unknown fit C: + 12.5 = 82.8125.
        let a = scorer.score(site: Self.site("a", type: "A"), indicators: Self.indicators(m6: 5, area: 20), archetype: Self.archetype)
        #expect(a.score == 70.3125)
        let c = scorer.score(site: Self.site("c", type: "C"), indicators: Self.indicators(m6: 5, area: 20), archetype: Self.archetype)
        #expect(c.score == 82.8125)
        #expect(c.fit == .unknown)
    }

    @Test func priorWeightZeroShowsDriversAloneAndOneShowsTheFrameworkAlone() {
        let indicators = Self.indicators(m6: 17.5, area: 10.5)
        let noPrior = Scorer(catalogue: Self.catalogue, priorWeight: 0)
        #expect(noPrior.score(site: Self.site("a", type: "A"), indicators: indicators, archetype: Self.archetype).score == 50)
        let onlyPrior = Scorer(catalogue: Self.catalogue, priorWeight: 1)
        #expect(["D", "C", "A"].map { onlyPrior.score(site: Self.site($0, type: $0), indicators: indicators, archetype: Self.archetype).score } == [100, 50, 0])
    }
}

@Suite struct ShippedMatchingTests {
    let session: MatchingSession
    init() throws { session = try MatchingSession(directory: Shipped.directory, context: GEOSContext()) }

    @Test func scoresDoNotDependOnTheOtherCandidates() throws {
        // Absolute value functions: removing sites never changes the remaining sites' scores (no rank reversal).
        let scorer = Scorer(catalogue: session.catalogue)
        let all = try scorer.scoreAll(sites: session.portfolio.sites, indicators: session.indicators, archetypes: session.catalogue.archetypes)
        let subset = Array(session.portfolio.sites.filter { !$0.id.hasPrefix("cvez_") })
        let fewer = try scorer.scoreAll(sites: subset, indicators: session.indicators, archetypes: session.catalogue.archetypes)
        for (archetype, scores) in fewer {
            let full = Dictionary(uniqueKeysWithValues: all[archetype]!.map { ($0.siteID, $0.score) })
            for s in scores { #expect(s.score == full[s.siteID]) }
            // Relative order of the survivors is unchanged.
            #expect(scores.map(\.siteID) == all[archetype]!.map(\.siteID).filter { id in subset.contains { $0.id == id } })
        }
    }

    @Test func parallelScoringEqualsSerialExactly() throws {
        let scorer = Scorer(catalogue: session.catalogue, priorWeight: 0.3)
        let serial = try scorer.scoreAll(sites: session.portfolio.sites, indicators: session.indicators, archetypes: session.catalogue.archetypes, workers: 1)
        for workers in [2, 4] {
            #expect(try scorer.scoreAll(sites: session.portfolio.sites, indicators: session.indicators, archetypes: session.catalogue.archetypes, workers: workers) == serial)
        }
    }

    /// Indicators measured on 1, 2 and 3 workers (each with its own measurer and GEOS context) equal
    /// those of one measurer on one thread, site by site.
    @Test func indicatorsDoNotDependOnTheNumberOfWorkers() throws {
        let serial = try IndicatorMeasurer(portfolio: session.portfolio, model: session.model, dataLabel: "GeoData", context: GEOSContext()).measureAll()
        for workers in [1, 2, 3] {
            let parallel = try IndicatorMeasurer.measureAll(portfolio: session.portfolio, model: session.model, dataLabel: "GeoData", workers: workers)
            #expect(parallel == serial, "\(workers) workers")
        }
        #expect(serial.count == session.portfolio.sites.count)
    }

    /// The lean score the stability draws rank their baseline by equals the full scoring bit for bit,
    /// for every shipped site and archetype, with the catalogue's prior weight and another.
    @Test func theScoreAloneEqualsTheFullScoringExactly() throws {
        for scorer in [Scorer(catalogue: session.catalogue), Scorer(catalogue: session.catalogue, priorWeight: 0.37)] {
            for archetype in session.catalogue.archetypes {
                for site in session.portfolio.sites {
                    let indicators = try #require(session.indicators[site.id])
                    let full = scorer.score(site: site, indicators: indicators, archetype: archetype).score
                    #expect(scorer.scoreValue(site: site, indicators: indicators, archetype: archetype).bitPattern == full.bitPattern, "\(site.id) \(archetype.id)")
                }
            }
        }
    }

    @Test func indicatorsCarryEvidenceSourceAndQuality() throws {
        let kusip = try #require(session.indicators["kusip"])
        let university = try #require(kusip.values["minutes_to_university"])
        #expect(university.quality == .modelled)
        // The university's point (the end node of the Newcastle–Keele link) lies inside KUSIP's polygon,
        // which that link crosses: the site joins the link where it leaves the polygon at that node, 0 min.
        #expect(university.evidence == "Keele University (main campus) — 0.0 km, 0.0 min by road (modelled)")
        #expect(university.evidence.hasSuffix("by road (modelled)"))
        // No published area: unknown, not the indicative polygon's size.
        #expect(kusip.values["site_area_ha"]?.value == .unknown)
        #expect(session.indicators["cvez_chatterley_valley_west"]?.values["site_area_ha"]?.value == .number(38.04))
        // Grid zones: Smithfield (Hanley) lies in the centre/south constrained zone.
        #expect(session.indicators["smithfield_hanley"]?.values["grid_zone"]?.value == .text("new_connections_limited"))
        #expect(session.indicators.count == session.portfolio.sites.count)
        #expect(session.indicators.values.allSatisfy { $0.values.count == IndicatorMeasurer.ids.count })
    }

    @Test func frameworkBestFitLeadsWhereTheDriversAgree() throws {
        // With the default prior, the top site carries a best-fit location type for these archetypes.
        let scorer = Scorer(catalogue: session.catalogue)
        let ranked = try scorer.scoreAll(sites: session.portfolio.sites, indicators: session.indicators, archetypes: session.catalogue.archetypes)
        for id in ["materials_rd", "scale_up_manufacturing", "software_data_cyber", "energy_intensive_manufacturing", "clinical_research_diagnostics"] {
            #expect(ranked[id]?.first?.fit == .best, "\(id): \(ranked[id]?.first?.siteID ?? "-")")
        }
        #expect(ranked["materials_rd"]?.first?.siteID == "kusip")
    }
}

@Suite struct CatalogueTests {
    /// The Framework's best and least fit, restated from its tables (§5.5, 6.4, 7.4, 8.4); nil = no least-fit column.
    static let framework: [String: ([String], [String]?)] = [
        "materials_rd": (["A"], ["D"]), "scale_up_manufacturing": (["D"], ["A", "B"]), "materials_digital_integration": (["A", "C"], ["D"]),
        "materials_consultancy": (["B", "A"], ["D"]), "software_data_cyber": (["B"], ["D"]), "applied_digital_rd": (["A", "C"], ["D"]),
        "digital_industrial_integration": (["C", "D"], ["B"]), "creative_games": (["B", "A"], ["D"]),
        "clinical_research_diagnostics": (["H", "A"], nil), "medtech_devices": (["A", "C"], nil), "digital_health_data": (["B", "A"], nil),
        "engineering_biology": (["A", "C"], nil), "life_sciences_corporate": (["B"], nil),
        "energy_intensive_manufacturing": (["D"], nil), "advanced_manufacturing_systems": (["A", "C"], nil),
        "electronics_sensors_control": (["A"], nil), "industrial_consultancy_design": (["B"], nil),
    ]

    @Test func allSeventeenArchetypesWithTheFrameworksFit() throws {
        let catalogue = try Shipped.catalogue()
        #expect(catalogue.archetypes.count == 17)
        for a in catalogue.archetypes {
            let expected = try #require(Self.framework[a.id], "unexpected archetype \(a.id)")
            #expect(a.bestFit == expected.0, "\(a.id)")
            #expect(a.leastFit == expected.1, "\(a.id)")
        }
    }

    @Test func defaultWeightsCountTheFrameworksDriverPhrases() throws {
        let catalogue = try Shipped.catalogue()
        for a in catalogue.archetypes {
            var expected: [String: Double] = [:]
            for phrase in a.driverPhrases {
                let drivers = catalogue.drivers.values.filter { $0.phrases.contains(phrase) }
                #expect(drivers.count == 1, "'\(phrase)' of \(a.id) maps to \(drivers.count) drivers")
                if let d = drivers.first { expected[d.id, default: 0] += 1 }
            }
            #expect(catalogue.weights[a.id] == expected, "\(a.id)")
        }
    }

    @Test func badCatalogueEntriesAreNamed() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("catalogue-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Shipped.directory + "/archetypes.yaml", toPath: dir.path + "/archetypes.yaml")
        let drivers = try String(contentsOfFile: Shipped.directory + "/drivers.yaml", encoding: .utf8)
        for (from, to, expected) in [
            ("materials_rd: {research_proximity: 2,", "materials_rd: {research_proximity: -2,", "drivers.yaml: weights.materials_rd.research_proximity: -2.0 is negative; weights must be ≥ 0"),
            ("indicator: minutes_to_university", "indicator: minutes_to_uni", "drivers.yaml: drivers.research_proximity.indicators[0].indicator: unknown indicator 'minutes_to_uni'"),
            ("electronics_sensors_control: {testing_labs: 2}", "electronics_sensors_control: {testing_labz: 2}", "drivers.yaml: weights.electronics_sensors_control.testing_labz: unknown driver"),
        ] {
            try drivers.replacingOccurrences(of: from, with: to).write(toFile: dir.path + "/drivers.yaml", atomically: true, encoding: .utf8)
            do {
                _ = try CatalogueLoader.load(directory: dir.path, indicators: IndicatorMeasurer.ids)
                Issue.record("expected an error for \(to)")
            } catch {
                #expect("\(error)".hasPrefix(expected), "\(error)")
            }
        }
    }
}
