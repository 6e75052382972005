import Foundation
import Testing
import SiteMatchApp
import SiteMatchData
import SiteMatchMatching

/// DESIGN's grades on every figure of the shipped data: nothing secondary or estimated is graded
/// official, nothing modelled is graded anything else. The reference for "official" is the list in
/// GeoData/sources.yaml read here, and the site's own source URL from the layer file.
struct GradeTests {
    @Test func everyIndicatorOfEverySiteHasTheGradeOfWhereItCameFrom() throws {
        let workspace = AppFixture.workspace
        let grades = try SourceGrades.load(directory: AppFixture.geoData)
        let modelled: Set<String> = ["minutes_to_m6", "minutes_to_strategic_junction", "minutes_to_university", "minutes_to_research_centre",
                                     "minutes_to_testing_facility", "minutes_to_acute_hospital", "minutes_to_rail_station", "minutes_to_town_centre",
                                     "working_age_30min", "working_age_45min"]
        let estimated: Set<String> = ["rd_assets_within_10km", "grid_zone"]
        // Distances from NGED's published positions: official to a surveyed polygon, estimated to an
        // indicative one; the queue figure is NGED's own.
        // NaPTAN's stops likewise.
        let substationDistances: Set<String> = ["km_to_primary_substation", "km_to_132kv_substation",
                                                "bus_stops_within_400m", "bus_stops_within_800m", "metres_to_rail_entrance"]
        var counts: [IndicatorQuality: Int] = [:]
        for site in workspace.portfolio.sites {
            let host = URL(string: site.properties["source"]?.stringValue ?? "")?.host ?? ""
            for (id, indicator) in workspace.session.indicators[site.id]!.values {
                counts[indicator.quality, default: 0] += 1
                if indicator.value == .unknown { #expect(indicator.quality == .unknown); continue }
                if modelled.contains(id) {
                    #expect(indicator.quality == .modelled, "\(site.id) \(id)")
                } else if substationDistances.contains(id) {
                    #expect(indicator.quality == (site.geometryQuality == "surveyed" ? .official : .estimated), "\(site.id) \(id)")
                } else if id == "queued_demand_mw" {
                    #expect(indicator.quality == .official && indicator.source.hasPrefix("nged-connection-queue-"), "\(site.id) \(id)")
                } else if estimated.contains(id) {
                    #expect(indicator.quality == .estimated, "\(site.id) \(id)")
                } else {
                    #expect(indicator.quality == (grades.official[host] != nil ? .official : .secondary), "\(site.id) \(id) from \(host)")
                }
            }
        }
        // The shipped data has figures of every grade.
        #expect(Set(counts.keys) == Set(IndicatorQuality.allCases))
    }
}
