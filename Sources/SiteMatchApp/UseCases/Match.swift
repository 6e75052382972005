import Foundation
import SiteMatchData
import SiteMatchMatching

/// `match`: for each archetype, the best-fitting sites with scores and a one-line reason.
/// Report: ``MatchReport``; schema `docs/schema/match.schema.json`.
public struct MatchReport: Hashable, Sendable, Codable {
    public struct RankedSite: Hashable, Sendable, Codable {
        public var rank: Int
        public var siteId: String
        public var siteName: String
        /// 0–100.
        public var score: Double
        /// 0–100 from the measured drivers alone.
        public var driverScore: Double
        /// best, unknown or least: the Framework's rating of the site's location type.
        public var fit: LocationFit
        public var priorWeight: Double
        public var reason: String
    }

    public struct ArchetypeRanking: Hashable, Sendable, Codable {
        public var archetypeId: String
        public var name: String
        public var frameworkSection: String
        public var bestFit: [String]
        /// Absent where the Framework gives no least-fit column.
        public var leastFit: [String]?
        public var sites: [RankedSite]
    }

    public var priorWeight: Double
    /// "modelled": drive times and catchments come from the road-network model.
    public var travelTimes: String
    /// The data's own label, e.g. "GeoData 2026-11-21".
    public var data: String
    public var archetypes: [ArchetypeRanking]
}

extension Workspace {
    /// Ranks every site for one archetype (or all), keeping the `top` best of each.
    /// - Throws: `.usage` for `top` < 1 or a prior weight outside 0…1; `.notFound` for an unknown archetype.
    public func match(archetype id: String? = nil, top: Int = 5, priorWeight: Double? = nil) throws -> MatchReport {
        guard (1...10_000).contains(top) else { throw SiteMatchError.usage("--top must be between 1 and 10000, got \(top)") }
        try PriorWeight.check(priorWeight)
        let archetypes = try archetypes(id)
        let scorer = Scorer(catalogue: catalogue, priorWeight: priorWeight)
        let ranked = try scorer.scoreAll(sites: portfolio.sites, indicators: session.indicators, archetypes: archetypes)
        return MatchReport(priorWeight: scorer.priorWeight, travelTimes: travelTimes, data: provenance.label, archetypes: archetypes.map { a in
            MatchReport.ArchetypeRanking(archetypeId: a.id, name: a.name, frameworkSection: a.frameworkSection, bestFit: a.bestFit, leastFit: a.leastFit,
                                         sites: (ranked[a.id] ?? []).prefix(top).enumerated().map { rank, s in
                MatchReport.RankedSite(rank: rank + 1, siteId: s.siteID, siteName: siteName(s.siteID), score: s.score, driverScore: s.driverScore,
                                       fit: s.fit, priorWeight: s.priorWeight, reason: s.reason)
            })
        })
    }
}

/// The location-type prior's weight, 0…1 (nil: the catalogue's default).
enum PriorWeight {
    static func check(_ weight: Double?) throws {
        if let weight, let problem = Limits.priorWeight.problem(weight) { throw SiteMatchError.usage("--prior-weight \(problem)") }
    }
}
