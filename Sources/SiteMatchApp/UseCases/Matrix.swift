import Foundation
import SiteMatchData
import SiteMatchMatching

/// `matrix`: every site's score for every archetype, and the archetypes no site serves well (gaps).
/// Report: ``MatrixReport``; schema `docs/schema/matrix.schema.json`.
public struct MatrixReport: Hashable, Sendable, Codable {
    public struct Column: Hashable, Sendable, Codable {
        public var archetypeId: String
        public var name: String
    }

    public struct Row: Hashable, Sendable, Codable {
        public var siteId: String
        public var siteName: String
        public var locationType: String
        /// 0–100, one per archetype in `archetypes` order.
        public var scores: [Double]
    }

    /// An archetype whose best site scores below the threshold.
    public struct Gap: Hashable, Sendable, Codable {
        public var archetypeId: String
        public var name: String
        public var bestSiteId: String?
        public var bestScore: Double?
    }

    /// A site serves an archetype well at or above this score.
    public var threshold: Double
    public var priorWeight: Double
    public var travelTimes: String
    public var data: String
    public var archetypes: [Column]
    public var sites: [Row]
    public var gaps: [Gap]
}

extension Workspace {
    /// Scores every site for every archetype and lists the gaps below `threshold`.
    /// - Throws: `.usage` for a threshold outside 0…100 or a prior weight outside 0…1.
    public func matrix(threshold: Double = 65, priorWeight: Double? = nil) throws -> MatrixReport {
        if let problem = Limits.threshold.problem(threshold) { throw SiteMatchError.usage("--threshold \(problem)") }
        try PriorWeight.check(priorWeight)
        let archetypes = catalogue.archetypes
        let scorer = Scorer(catalogue: catalogue, priorWeight: priorWeight)
        let ranked = try scorer.scoreAll(sites: portfolio.sites, indicators: session.indicators, archetypes: archetypes)
        var byPair: [String: [String: Double]] = [:]
        for scores in ranked.values { for s in scores { byPair[s.siteID, default: [:]][s.archetypeID] = s.score } }
        let gaps = archetypes.filter { (ranked[$0.id]?.first?.score ?? 0) < threshold }.map { a in
            MatrixReport.Gap(archetypeId: a.id, name: a.name, bestSiteId: ranked[a.id]?.first?.siteID, bestScore: ranked[a.id]?.first?.score)
        }
        return MatrixReport(
            threshold: threshold, priorWeight: scorer.priorWeight, travelTimes: travelTimes, data: provenance.label,
            archetypes: archetypes.map { .init(archetypeId: $0.id, name: $0.name) },
            sites: portfolio.sites.map { site in
                .init(siteId: site.id, siteName: site.name, locationType: site.locationType, scores: archetypes.map { byPair[site.id]?[$0.id] ?? 0 })
            },
            gaps: gaps)
    }
}
