import Foundation
import SiteMatchData
import SiteMatchMatching

/// `stability`: how stable each archetype's ranking is under uncertain weights and data, and the
/// smallest single-weight change that would alter the winner. Report: ``StabilityReport``; schema
/// `docs/schema/stability.schema.json`.
public struct StabilityReport: Hashable, Sendable, Codable {
    public struct ArchetypeStability: Hashable, Sendable, Codable {
        public var archetypeId: String
        public var name: String
        /// The sites in their rank with the catalogue's own inputs (the `top` best).
        public var sites: [SiteStability]
        /// Nil where no single weight change alters the winner.
        public var winnerChange: WinnerChange?
        /// The winner change in words, or "no single weight change alters the winner".
        public var winnerChangeText: String
        /// The smallest change in one raw indicator of one site that alters the winner; nil where none does.
        public var indicatorChange: IndicatorChange?
        /// It in words, e.g. "if Meaford Business Park's minutes to m6 fell from 12.3 to 8.1 min, …".
        public var indicatorChangeText: String
    }

    public var draws: Int
    public var seed: UInt64
    /// What was varied, and how.
    public var method: String
    public var wordRule: String
    public var travelTimes: String
    public var data: String
    public var archetypes: [ArchetypeStability]
}

extension Workspace {
    /// Every site's stability for `archetype` (default options: 1,000 draws, seed 2026), by site id:
    /// the stability explain, enquiry and export show beside a score.
    func siteStabilities(archetype: Archetype, scorer: Scorer) throws -> [String: SiteStability] {
        let sites = try RankStability.stability(sites: portfolio.sites, indicators: session.indicators, archetype: archetype, scorer: scorer, options: StabilityOptions())
        return Dictionary(uniqueKeysWithValues: sites.map { ($0.siteId, $0) })
    }

    /// The smallest single-weight change that alters `archetype`'s winner, solved once, and in words.
    func winnerChange(archetype a: Archetype, scorer: Scorer) -> (change: WinnerChange?, text: String) {
        let change = RankStability.winnerChange(sites: portfolio.sites, indicators: session.indicators, archetype: a, scorer: scorer)
        let text = change.map { c in
            String(format: "if %@'s weight %@ from %@ to %.2f, %@ would overtake %@", c.driverName.lowercased(), c.weightTo < c.weightFrom ? "fell" : "rose",
                   NumberRange.format(c.weightFrom), c.weightTo, siteName(c.challengerId), siteName(c.winnerId))
        } ?? "no single weight change alters the winner"
        return (change, text)
    }

    /// The smallest single raw-indicator change that alters `archetype`'s winner, and in words.
    func indicatorChange(archetype a: Archetype, scorer: Scorer) -> (change: IndicatorChange?, text: String) {
        let change = RankStability.indicatorChange(sites: portfolio.sites, indicators: session.indicators, archetype: a, scorer: scorer)
        let text = change.map { c in
            let name = c.indicatorId.replacingOccurrences(of: "_", with: " ")
            func figure(_ x: Double) -> String { c.unit == "count" || abs(x) >= 100 ? String(format: "%.0f", x) : String(format: "%.2f", x) }
            return "if \(siteName(c.siteId))'s \(name) \(c.to < c.from ? "fell" : "rose") from \(figure(c.from)) to \(figure(c.to))"
                + (c.unit.isEmpty ? "" : " \(c.unit)") + ", \(siteName(c.challengerId)) would overtake \(siteName(c.winnerId))"
        } ?? "no change in a single known indicator alters the winner"
        return (change, text)
    }

    /// Rank stability for one archetype (or all), keeping the `top` sites of each.
    /// - Throws: `.usage` for draws outside 1…10^6, `top` < 1 or a prior weight outside 0…1; `.notFound` for an unknown archetype.
    public func stability(archetype id: String? = nil, top: Int = 5, draws: Int = 1_000, seed: UInt64 = 2026, priorWeight: Double? = nil) throws -> StabilityReport {
        if let problem = Limits.draws.problem(Double(draws)) { throw SiteMatchError.usage("--draws \(problem)") }
        guard (1...10_000).contains(top) else { throw SiteMatchError.usage("--top must be between 1 and 10000, got \(top)") }
        try PriorWeight.check(priorWeight)
        let options = StabilityOptions(draws: draws, seed: seed)
        let scorer = Scorer(catalogue: catalogue, priorWeight: priorWeight)
        let archetypes = try archetypes(id).map { a -> StabilityReport.ArchetypeStability in
            let sites = try RankStability.stability(sites: portfolio.sites, indicators: session.indicators, archetype: a, scorer: scorer, options: options)
            let (change, text) = winnerChange(archetype: a, scorer: scorer)
            let (raw, rawText) = indicatorChange(archetype: a, scorer: scorer)
            return .init(archetypeId: a.id, name: a.name, sites: Array(sites.prefix(top)), winnerChange: change, winnerChangeText: text,
                         indicatorChange: raw, indicatorChangeText: rawText)
        }
        let method = "\(draws) draws: weights Dirichlet around the catalogue's (concentration \(NumberRange.format(options.concentration ?? 0))); "
            + "modelled indicators ±\(NumberRange.format(options.modelledError * 100)) % (uniform); prior weight uniform 0-0.5; unknown indicators uniform over 0-1"
        return StabilityReport(draws: draws, seed: seed, method: method, wordRule: RankStability.wordRule, travelTimes: travelTimes,
                               data: provenance.label, archetypes: archetypes)
    }
}

extension SiteStability {
    /// "P(rank 1) 38 %, P(top 3) 71 %, ranks 1-7 over 1,000 draws (fragile)".
    public var summary: String {
        String(format: "P(rank 1) %.0f %%, P(top 3) %.0f %%, ranks %d-%d (5-95 %%) under uncertain weights and data: %@", pRank1 * 100, pTop3 * 100, rank5, rank95, word)
    }
}
