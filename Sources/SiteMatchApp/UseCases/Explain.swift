import Foundation
import SiteMatchData
import SiteMatchMatching

/// `explain`: a site's full score breakdown with evidence, for one or every archetype.
/// Report: ``ExplainReport``; schema `docs/schema/explain.schema.json`.
public struct ExplainReport: Hashable, Sendable, Codable {
    public struct SiteSummary: Hashable, Sendable, Codable {
        public var id: String
        public var name: String
        public var locationType: String
        public var district: String
        /// surveyed or indicative.
        public var geometryQuality: String
    }

    public struct IndicatorPart: Hashable, Sendable, Codable {
        public var indicatorId: String
        /// The raw value: a number, text, true/false, or null when unknown.
        public var value: IndicatorValue
        /// The raw value as the text report prints it ("12.5", "yes", "unknown").
        public var valueText: String
        public var unit: String
        /// 0–1 through the driver's value function (the neutral value when unknown).
        public var score: Double
        public var unknown: Bool
        /// published, measured, modelled or unknown.
        public var quality: IndicatorQuality
        public var evidence: String
        public var source: String
        /// Why the value function's thresholds are what they are (drivers.yaml).
        public var why: String
    }

    public struct DriverPart: Hashable, Sendable, Codable {
        public var driverId: String
        public var name: String
        public var weight: Double
        /// 0–1: the mean of its indicators' scores.
        public var value: Double
        /// Points (0–100 scale) it adds to the score.
        public var contribution: Double
        public var indicators: [IndicatorPart]
    }

    public struct ArchetypeExplanation: Hashable, Sendable, Codable {
        public var archetypeId: String
        public var name: String
        public var score: Double
        public var driverScore: Double
        public var priorWeight: Double
        /// How the Framework rates this site's location type for the archetype.
        public var fit: LocationFit
        public var bestFit: [String]
        /// Nil where the Framework gives no least-fit column.
        public var leastFit: [String]?
        public var priorContribution: Double
        /// Which of the archetype's lists the site's own location type matched, e.g. "location type A
        /// is in the Framework's best-fit list (A); least fit D".
        public var priorReason: String
        /// How stable the site's rank for this archetype is (``Workspace/stability(archetype:top:draws:seed:priorWeight:)``, 1,000 draws).
        public var stability: SiteStability
        /// The smallest single-weight change that alters this archetype's winner, in words.
        public var winnerChange: String
        public var drivers: [DriverPart]
    }

    public var site: SiteSummary
    public var priorWeight: Double
    public var travelTimes: String
    public var data: String
    public var archetypes: [ArchetypeExplanation]
}

extension Workspace {
    /// Explains `siteID`'s score for one archetype (or all).
    /// - Throws: `.notFound` for an unknown site or archetype; `.usage` for a prior weight outside 0…1.
    /// `memo` (a server's, ``EnquiryScoringMemo``) supplies each archetype's stability and winner
    /// change when the catalogue's prior weight is used; the report is the same with or without it.
    public func explain(site siteID: String, archetype id: String? = nil, priorWeight: Double? = nil, memo: EnquiryScoringMemo? = nil) throws -> ExplainReport {
        try PriorWeight.check(priorWeight)
        let site = try site(siteID)
        let archetypes = try archetypes(id)
        let scorer = Scorer(catalogue: catalogue, priorWeight: priorWeight)
        let indicators = session.indicators[site.id] ?? SiteIndicators(siteID: site.id, values: [:])
        return ExplainReport(
            site: .init(id: site.id, name: site.name, locationType: site.locationType, district: site.district, geometryQuality: site.geometryQuality),
            priorWeight: scorer.priorWeight, travelTimes: travelTimes, data: provenance.label,
            archetypes: try archetypes.map { a in
                let s = scorer.score(site: site, indicators: indicators, archetype: a)
                let memoised = priorWeight == nil ? memo?.entries[a.id] : nil
                let stability = try memoised?.stabilities ?? siteStabilities(archetype: a, scorer: scorer)
                return ExplainReport.ArchetypeExplanation(
                    archetypeId: a.id, name: a.name, score: s.score, driverScore: s.driverScore, priorWeight: s.priorWeight, fit: s.fit,
                    bestFit: a.bestFit, leastFit: a.leastFit, priorContribution: s.priorContribution,
                    priorReason: Self.priorReason(type: site.locationType, archetype: a, fit: s.fit),
                    stability: stability[site.id]!, winnerChange: memoised?.winnerChange ?? winnerChange(archetype: a, scorer: scorer).text,
                    drivers: s.drivers.map { d in
                        ExplainReport.DriverPart(driverId: d.driverID, name: d.name, weight: d.weight, value: d.value, contribution: d.contribution,
                                                 indicators: d.indicators.map { i in
                            ExplainReport.IndicatorPart(indicatorId: i.indicator.id, value: i.indicator.value, valueText: i.indicator.value.description,
                                                        unit: i.indicator.unit, score: i.value, unknown: i.isUnknown, quality: i.indicator.quality,
                                                        evidence: i.indicator.evidence, source: i.indicator.source, why: i.why)
                        })
                    })
            })
    }
}

extension Workspace {
    /// The site's own location type and which of the archetype's lists it is in.
    static func priorReason(type: String, archetype a: Archetype, fit: LocationFit) -> String {
        let best = a.bestFit.joined(separator: ", ")
        let least = a.leastFit?.joined(separator: ", ")
        switch fit {
        case .best:
            return "location type \(type) is in the Framework's best-fit list (\(best)); least fit " + (least ?? "not given")
        case .least:
            return "location type \(type) is in the Framework's least-fit list (\(least ?? "")); best fit \(best)"
        case .unknown:
            return "location type \(type) is in neither list (best fit \(best); least fit " + (least ?? "not given by the Framework") + ")"
        }
    }
}

