import Foundation
import SiteMatchApp
import SiteMatchData
import SiteMatchMatching
import Testing

/// Each use case called directly (no subprocess), its report checked against values worked by hand
/// from the report's own breakdown or from the Framework's rules.
@Suite struct MatchUseCaseTests {
    let workspace = AppFixture.workspace

    @Test func everyScoreIsTheWeightedDriversPlusThePriorByHand() throws {
        let report = try workspace.match(archetype: "scale_up_manufacturing", top: 30, priorWeight: 0.25)
        let ranking = try #require(report.archetypes.first)
        #expect(ranking.sites.count == 30)
        #expect(ranking.sites.map(\.rank) == Array(1...30))
        for site in ranking.sites {
            // score = (1 − w) × drivers + w × prior, prior 100 / 50 / 0 for best / unknown / least.
            let prior = site.fit == .best ? 100.0 : site.fit == .unknown ? 50 : 0
            #expect(abs(site.score - (0.75 * site.driverScore + 0.25 * prior)) < 1e-9)
        }
        #expect(zip(ranking.sites, ranking.sites.dropFirst()).allSatisfy { $0.score >= $1.score })
    }

    @Test func locationTypeDecidesTheFitAsTheFrameworkTableSays() throws {
        // ARCHETYPES.md: Scale-up & Specialist Manufacturing is best in D (strategic industrial sites).
        let ranking = try #require(try workspace.match(archetype: "scale_up_manufacturing", top: 30).archetypes.first)
        let types = Dictionary(uniqueKeysWithValues: workspace.portfolio.sites.map { ($0.id, $0.locationType) })
        for site in ranking.sites where types[site.siteId] == "D" { #expect(site.fit == .best) }
    }

    @Test func badArgumentsAreUsageErrorsAndUnknownIDsNameTheNearest() {
        #expect(throws: SiteMatchError.usage("--top must be between 1 and 10000, got 0")) { try workspace.match(top: 0) }
        #expect(throws: SiteMatchError.usage("--prior-weight must be between 0 and 1, got 1.5")) { try workspace.match(priorWeight: 1.5) }
        do {
            _ = try workspace.explain(site: "smithfeld_hanley")
            Issue.record("expected not found")
        } catch let SiteMatchError.notFound(notFound) {
            #expect(notFound.kind == "site")
            #expect(notFound.nearest.first == "smithfield_hanley")
        } catch { Issue.record("\(error)") }
    }
}

@Suite struct ExplainUseCaseTests {
    @Test func contributionsAddUpToTheScore() throws {
        let report = try AppFixture.workspace.explain(site: "kusip", archetype: "materials_rd", priorWeight: 0.25)
        #expect(report.site.locationType == "A")
        let a = try #require(report.archetypes.first)
        #expect(a.fit == .best)  // ARCHETYPES.md: Materials R&D is best in A (university-anchored parks).
        #expect(abs(a.priorContribution - 25) < 1e-9)
        let points = a.drivers.map(\.contribution).reduce(0, +) + a.priorContribution
        #expect(abs(points - a.score) < 1e-9)
        for d in a.drivers {
            // A driver's value is the mean of its indicators' 0–1 scores.
            #expect(abs(d.value - d.indicators.map(\.score).reduce(0, +) / Double(d.indicators.count)) < 1e-12)
            for i in d.indicators where i.unknown { #expect(i.value == .unknown && i.quality == .unknown) }
        }
    }
}

@Suite struct PriorReasonTests {
    @Test func thePriorNamesTheSitesOwnTypeAndTheListItMatched() throws {
        // ARCHETYPES.md: Scale-up & Specialist Manufacturing is best in D and least in A and B; KUSIP is type A.
        let kusip = try #require(try AppFixture.workspace.explain(site: "kusip", archetype: "scale_up_manufacturing").archetypes.first)
        #expect(kusip.fit == .least && kusip.priorContribution == 0)
        #expect(kusip.priorReason == "location type A is in the Framework's least-fit list (A, B); best fit D")
        let cvw = try #require(try AppFixture.workspace.explain(site: "cvez_chatterley_valley_west", archetype: "scale_up_manufacturing").archetypes.first)
        #expect(cvw.priorReason == "location type D is in the Framework's best-fit list (D); least fit A, B")
    }
}

@Suite struct StabilityLineTests {
    @Test func explainAndStabilityAgreeAndTheExportCarriesIt() throws {
        let explained = try #require(try AppFixture.workspace.explain(site: "kusip", archetype: "materials_rd").archetypes.first)
        let report = try AppFixture.workspace.stability(archetype: "materials_rd", top: 30)
        let kusip = try #require(report.archetypes[0].sites.first { $0.siteId == "kusip" })
        #expect(explained.stability == kusip)
        #expect(explained.winnerChange == report.archetypes[0].winnerChangeText)
        #expect(report.archetypes[0].sites.map(\.pRank1).reduce(0, +) > 0.999)
        let layer = try AppFixture.workspace.exportLayers(output: "sites.geojson", version: "test").layers[0].collection
        let feature = try #require(layer.features.first { $0.identifier == "kusip" })
        #expect(feature.properties["best_stability"]?.stringValue.map { ["robust", "moderate", "fragile"].contains($0) } == true)
    }
}

@Suite struct MatrixUseCaseTests {
    @Test func gapsAreTheArchetypesWhoseBestSiteIsBelowTheThreshold() throws {
        let report = try AppFixture.workspace.matrix(threshold: 65)
        #expect(report.archetypes.count == 17 && report.sites.count == 30)
        for (column, archetype) in report.archetypes.enumerated() {
            let best = report.sites.map { $0.scores[column] }.max()!
            #expect(report.gaps.contains { $0.archetypeId == archetype.archetypeId } == (best < 65))
        }
        #expect(try AppFixture.workspace.matrix(threshold: 0).gaps.isEmpty)
        #expect(throws: SiteMatchError.self) { try AppFixture.workspace.matrix(threshold: .nan) }
    }
}

@Suite struct EnquiryUseCaseTests {
    @Test func flagsReplaceTheDocumentsFieldsAndAnArchetypeDropsCustomWeights() throws {
        var document = Enquiry(name: "file", weights: ["power": 2], minimumAreaHectares: 5, minimumMVA: 8)
        document.locationTypes = ["C"]
        var flags = EnquiryOverrides()
        flags.archetype = "materials_rd"
        flags.minimumAreaHectares = 2
        flags.availableNow = true
        let merged = try flags.applied(to: document)
        #expect(merged.archetypeID == "materials_rd" && merged.weights == nil)
        #expect(merged.minimumAreaHectares == 2 && merged.minimumMVA == 8 && merged.locationTypes == ["C"] && merged.availableNow)
        flags.maximumMinutesToM6 = -1
        #expect(throws: SiteMatchError.usage("--max-m6-minutes must be between 0 and 600 min, got -1")) { try flags.applied(to: document) }
        var conflict = EnquiryOverrides()
        conflict.locationTypes = ["C", "D"]
        conflict.excludedLocationTypes = ["D"]
        #expect(throws: SiteMatchError.usage("location type D is both allowed (--location-types) and excluded (--exclude-location-types); remove it from one")) {
            try conflict.applied(to: nil)
        }
    }

    @Test func theShortlistIsTheSitesMeetingEveryRequirementWorkedFromTheLayer() throws {
        // Worked from GeoData/sites.geojson's attributes alone (available_area_ha, else area_ha; location_type;
        // status): type D, at least 20 ha, status available → Bericote Four Ashes (21.04 ha) and Meaford
        // Business Park (34.1 ha). St. Modwen Park M6 J13 (D, 20 ha) is proposed, so it misses one requirement.
        var enquiry = Enquiry(name: "hand-worked", archetypeID: "scale_up_manufacturing", minimumAreaHectares: 20, availableNow: true)
        enquiry.locationTypes = ["D"]
        let report = try AppFixture.workspace.answer(enquiry, nearMisses: 30)
        #expect(Set(report.matches.map(\.siteId)) == ["bericote_four_ashes", "meaford_business_park"])
        #expect(report.nearMissesTotal == 28)
        let j13 = try #require(report.nearMisses.first { $0.siteId == "st_modwen_m6_j13" })
        #expect(j13.requirements.filter { !$0.passed }.map(\.requirement) == ["available_now"])
        let bericote = try #require(report.matches.first { $0.siteId == "bericote_four_ashes" })
        #expect(bericote.requirements.first { $0.requirement == "min_area_ha" }?.detail == "21.0 ha of 20 ha required")
    }

    /// The server's memo of the catalogue scorings changes nothing in an answer, whether the enquiry's
    /// scoring is in it (an archetype; equal weights) or not (custom weights, another prior weight).
    @Test func aMemoisedAnswerIsTheSameAnswer() throws {
        let workspace = AppFixture.workspace
        let memo = try workspace.enquiryScoringMemo()
        var custom = Enquiry(name: "custom", minimumAreaHectares: 5)
        custom.weights = ["power": 2, "logistics": 1]
        for enquiry in [Enquiry(name: "a", archetypeID: "scale_up_manufacturing", minimumAreaHectares: 5), Enquiry(name: "open"), custom] {
            #expect(try workspace.answer(enquiry, memo: memo) == workspace.answer(enquiry))
        }
        // explain too, for every archetype of a site.
        #expect(try workspace.explain(site: "kusip", memo: memo) == workspace.explain(site: "kusip"))
        #expect(try workspace.explain(site: "kusip", priorWeight: 0, memo: memo) == workspace.explain(site: "kusip", priorWeight: 0))
        let prior = Enquiry(name: "p", archetypeID: "materials_rd")
        #expect(try workspace.answer(prior, priorWeight: 0, memo: memo) == workspace.answer(prior, priorWeight: 0))
        #expect(try workspace.answer(prior, priorWeight: 0, memo: memo) != workspace.answer(prior, memo: memo))
    }

    @Test func withoutAnArchetypeOrWeightsEveryDriverWeighsTheSame() throws {
        let report = try AppFixture.workspace.answer(Enquiry(name: "open"))
        #expect(report.scoredAs == "equal_weights")
        #expect(report.scoredAsDescription == "equal weights on every driver (no archetype or weights given)")
        // With every weight 1 and no location-type lists, a score is 0.75 × (mean driver value × 100)
        // + 0.25 × 50. A driver's value does not depend on the archetype, so collect KUSIP's from the
        // breakdowns of all 17 archetypes (which between them use every driver).
        let kusip = try #require(report.matches.first { $0.siteId == "kusip" })
        var values: [String: Double] = [:]
        for a in try AppFixture.workspace.explain(site: "kusip", priorWeight: 0.25).archetypes { for d in a.drivers { values[d.driverId] = d.value } }
        #expect(values.count == AppFixture.workspace.catalogue.drivers.count)
        let expected = 0.75 * values.values.reduce(0, +) / Double(values.count) * 100 + 0.25 * 50
        #expect(abs(kusip.score - expected) < 1e-9)
        #expect(report.matches.count == 30)
    }

    @Test func nearMissesAreOrderedByFailuresThenScore() throws {
        let report = try AppFixture.workspace.answer(Enquiry(name: "x", archetypeID: "scale_up_manufacturing", minimumAreaHectares: 40, maximumMinutesToM6: 10), nearMisses: 30)
        let keys = report.nearMisses.map { (-$0.requirements.filter { !$0.passed }.count, $0.score) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { $0.0 > $1.0 || ($0.0 == $1.0 && $0.1 >= $1.1) })
    }

    @Test func anImpossibleEnquiryShowsEverySiteWithItsShortfall() throws {
        let report = try AppFixture.workspace.answer(Enquiry(name: "big", archetypeID: "scale_up_manufacturing", minimumAreaHectares: 1000))
        #expect(report.matches.isEmpty)
        #expect(report.nearMisses.count == 30 && report.nearMissesTotal == 30)
        for miss in report.nearMisses {
            let check = try #require(miss.requirements.first { $0.requirement == "min_area_ha" })
            #expect(!check.passed)
        }
        // With no hard requirement every site passes and the ranking is match's.
        let open = try AppFixture.workspace.answer(Enquiry(name: "open", archetypeID: "materials_rd"))
        let ranked = try AppFixture.workspace.match(archetype: "materials_rd", top: 30).archetypes[0].sites
        #expect(open.matches.map(\.siteId) == ranked.map(\.siteId))
    }
}

@Suite struct AccessibilityUseCaseTests {
    @Test func catchmentTotalsAreTheSumOfTheirMembers() throws {
        let report = try AppFixture.workspace.catchment(site: "kusip", minutes: [45, 30])
        #expect(report.catchments.map(\.minutes) == [30, 45])
        for c in report.catchments {
            #expect(c.population == c.members.map(\.population).reduce(0, +))
            #expect(c.members.allSatisfy { $0.minutes <= c.minutes })
        }
        // Larger budgets reach everything smaller ones do.
        #expect(Set(report.catchments[0].members.map(\.id)).isSubset(of: Set(report.catchments[1].members.map(\.id))))
    }

    @Test func hugeOrNonFiniteBudgetsAreUsageErrorsNotCrashes() {
        for budgets in [[1e19], [Double.infinity], [0], []] {
            #expect(throws: SiteMatchError.self) { try AppFixture.workspace.catchment(site: "kusip", minutes: budgets) }
        }
        #expect(throws: SiteMatchError.notFound(.init(kind: "profile", id: "bike", nearest: ["car", "hgv"]))) {
            try AppFixture.workspace.catchment(site: "kusip", minutes: [30], model: ModelChoice(profile: "bike"))
        }
    }

    @Test func everyTravelTimeRowSaysItsSourceAndNoneIsUnreachable() throws {
        let report = try AppFixture.workspace.travelTimes()
        let portfolio = AppFixture.workspace.portfolio
        #expect(report.rows.count + report.unreachable == portfolio.sites.count * (portfolio.assets.count + portfolio.population.count))
        #expect(report.rows.allSatisfy { $0.source == "modelled" && $0.minutes >= 0 && $0.minutes.isFinite })
    }
}

@Suite struct ScenarioDiffUseCaseTests {
    @Test func theShippedImprovementSlowsNoSiteAndASlowdownIsWarned() throws {
        let improvement = try AppFixture.workspace.scenarioDiff(file: AppFixture.geoData + "/scenarios/m6-j15-improvement.yaml")
        #expect(improvement.warnings.isEmpty)
        for site in improvement.sites {
            if let before = site.m6MinBefore, let after = site.m6MinAfter { #expect(after <= before + 1e-9, "\(site.siteId)") }
            #expect(site.pop30minAfter >= site.pop30minBefore)
        }
        #expect(improvement.sites.contains { ($0.m6MinAfter ?? 0) < ($0.m6MinBefore ?? 0) - 1e-9 }, "the improvement should help some site")
        let slow = FileManager.default.temporaryDirectory.appendingPathComponent("slow-\(UUID().uuidString).yaml").path
        try "name: slow\nspeed_changes:\n  - edge: m6_j15__a500_hanford\n    kmh: 70\n".write(toFile: slow, atomically: true, encoding: .utf8)
        // profiles.yaml: the A500 link is trunk, 80 km/h by car.
        #expect(try AppFixture.workspace.scenarioDiff(file: slow).warnings
                == ["speed_changes[0] lowers edge m6_j15__a500_hanford (A500) from 80 to 70 km/h (car); use factor: above 1 for an improvement"])
    }
}

@Suite struct ExportUseCaseTests {
    @Test func companionsAreNamedAfterTheSiteLayer() {
        #expect(ExportLayers.paths(output: "map/sites.geojson", withAssets: true, withIsochrones: true)
                .map { URL(fileURLWithPath: $0).lastPathComponent } == ["sites.geojson", "sites-assets.geojson", "sites-isochrones.geojson"])
    }

    @Test func theRunRecordStatesTheDataItsOwnFilesDescribe() throws {
        let layers = try AppFixture.workspace.exportLayers(output: "sites.geojson", version: "test")
        guard case let .object(record)? = layers.layers[0].collection.foreignMembers["sitematch"],
              case let .array(sources)? = record["data_sources"] else { Issue.record("no run record"); return }
        // dataset.yaml says the shipped layers were built on 2026-11-21.
        #expect(sources.first?.stringValue?.contains("built 2026-11-21") == true)
    }

    @Test func anExistingFileIsRefusedBeforeAnythingIsWritten() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitematch-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let output = directory.appendingPathComponent("sites.geojson").path
        try "keep".write(toFile: ExportLayers.companion(of: output, "assets"), atomically: true, encoding: .utf8)
        let layers = try AppFixture.workspace.exportLayers(output: output, withAssets: true, version: "test")
        #expect(throws: OutputFile.exists(ExportLayers.companion(of: output, "assets"))) { try layers.write(overwrite: false) }
        #expect(!FileManager.default.fileExists(atPath: output))
    }
}
