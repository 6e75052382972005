import Foundation
import SiteMatchData
import SiteMatchMatching

/// Changes to an enquiry document given on the command line (or as query parameters): each set
/// field replaces the document's. Merging lives here so every front end merges the same way.
public struct EnquiryOverrides: Hashable, Sendable {
    public var archetype: String?
    public var minimumAreaHectares: Double?
    public var minimumMVA: Double?
    public var maximumMinutesToM6: Double?
    public var maximumMinutesToUniversity: Double?
    public var maximumMinutesToHospital: Double?
    public var locationTypes: [String]?
    public var excludedLocationTypes: [String]?
    public var availableNow = false

    public init() {}

    /// `enquiry` (or a new command-line enquiry) with these overrides applied. Setting an archetype
    /// drops the document's custom weights.
    /// - Throws: `.usage` for a figure outside its range (``Limits``) or an unknown location type, naming the flag.
    public func applied(to enquiry: Enquiry?) throws -> Enquiry {
        for (flag, value, range) in [("--min-area", minimumAreaHectares, Limits.areaHectares), ("--min-mva", minimumMVA, Limits.mva),
                                     ("--max-m6-minutes", maximumMinutesToM6, Limits.minutes), ("--max-university-minutes", maximumMinutesToUniversity, Limits.minutes),
                                     ("--max-hospital-minutes", maximumMinutesToHospital, Limits.minutes)] {
            if let value, let problem = range.problem(value) { throw SiteMatchError.usage("\(flag) \(problem)") }
        }
        for letter in (locationTypes ?? []) + (excludedLocationTypes ?? []) where !LayerSchema.locationTypes.contains(letter) {
            throw SiteMatchError.usage("'\(letter)' is not a location type; expected \(LayerSchema.locationTypes.joined(separator: ", "))")
        }
        var e = enquiry ?? Enquiry(name: "command-line enquiry")
        if let archetype { e.archetypeID = archetype; e.weights = nil }
        if let minimumAreaHectares { e.minimumAreaHectares = minimumAreaHectares }
        if let minimumMVA { e.minimumMVA = minimumMVA }
        if let maximumMinutesToM6 { e.maximumMinutesToM6 = maximumMinutesToM6 }
        if let maximumMinutesToUniversity { e.maximumMinutesToUniversity = maximumMinutesToUniversity }
        if let maximumMinutesToHospital { e.maximumMinutesToHospital = maximumMinutesToHospital }
        if let locationTypes { e.locationTypes = locationTypes }
        if let excludedLocationTypes { e.excludedLocationTypes = excludedLocationTypes }
        if availableNow { e.availableNow = true }
        if let both = e.conflictingLocationTypes {
            throw SiteMatchError.usage("location type \(both) is both allowed (--location-types) and excluded (--exclude-location-types); remove it from one")
        }
        return e
    }
}

/// `enquiry`: the sites meeting every requirement of an investor's enquiry, ranked, then the near
/// misses with what each misses and by how much. Report: ``EnquiryReport``; schema
/// `docs/schema/enquiry.schema.json` (its `enquiry` member is the request document itself).
public struct EnquiryReport: Hashable, Sendable, Codable {
    public struct Check: Hashable, Sendable, Codable {
        /// The requirement's field in the enquiry document, e.g. "min_area_ha".
        public var requirement: String
        public var passed: Bool
        /// The data cannot tell (never counted as passed).
        public var unknown: Bool
        /// e.g. "4.6 ha of 5 ha required; −8%".
        public var detail: String
        /// How far short, as a fraction of the requirement (0 when passed; 1 when unknown).
        public var shortfall: Double
        /// For numeric requirements: the required and actual values, their unit, and the margin
        /// (positive: met with room to spare; negative: missed by that much). Absent otherwise;
        /// `actual` and `margin` absent when the site's figure is unknown.
        public var required: Double?
        public var actual: Double?
        public var unit: String?
        public var margin: Double?
        /// The grade of the site's figure (published, measured, modelled, unknown); absent where the
        /// check compares no figure (location type, status).
        public var grade: IndicatorQuality?
    }

    public struct Entry: Hashable, Sendable, Codable {
        public var rank: Int
        public var siteId: String
        public var name: String
        /// The site's location type letter (A, B, C, D or H); absent from answers logged by 0.2.0.
        public var locationType: String?
        public var score: Double
        public var reason: String
        /// How stable the site's rank among all sites is under the enquiry's scoring (1,000 draws).
        public var stability: SiteStability
        public var requirements: [Check]
        /// What the network operator's open data say about power here (nearest primary substation,
        /// nearest 132 kV substation, the connection queue behind it), each sentence with its grade:
        /// given for the sites whose power is to be confirmed. Queue data, never headroom.
        public var power: [Evidence]?
    }

    /// One indicator's evidence in words, with its grade.
    public struct Evidence: Hashable, Sendable, Codable {
        public var indicator: String
        public var text: String
        public var grade: IndicatorQuality
    }

    /// The enquiry as evaluated (file and flags merged): the same document a file or request holds.
    public var enquiry: Enquiry
    /// The archetype id scored by, "custom" for the enquiry's own weights, or "equal_weights" when it
    /// gives neither (every driver the catalogue defines, weighted equally).
    public var scoredAs: String
    /// The same in words, e.g. "scale_up_manufacturing" or "equal weights on every driver (no archetype or weights given)".
    public var scoredAsDescription: String
    public var priorWeight: Double
    public var travelTimes: String
    public var data: String
    /// The smallest single-weight change that alters the winner among all sites, in words.
    public var winnerChange: String
    /// Sites meeting every requirement, best first.
    public var matches: [Entry]
    /// Sites meeting every requirement whose figure is known, with grid headroom unknown where the
    /// enquiry asks for MVA: "meets every known requirement — power to be confirmed with the network
    /// operator", best first, each with ``Entry/power``. Absent from answers logged by 0.2.0.
    public var powerToConfirm: [Entry]?
    /// The near misses shown: fewest failed requirements first, then by score.
    public var nearMisses: [Entry]
    /// How many sites miss at least one requirement (≥ the near misses shown).
    public var nearMissesTotal: Int
    /// Where the enquiry was logged (the server's answers only; absent from the CLI's).
    public var log: LogEntry?

    /// A logged enquiry's place in the log: its id (for `GET /api/enquiries/{id}`), when it arrived,
    /// who asked, and the data version it was answered on.
    public struct LogEntry: Hashable, Sendable, Codable {
        /// Lower-case UUID text.
        public var id: String
        public var receivedAt: Date
        public var who: String
        public var dataVersion: String
    }
}

extension Workspace {
    /// Evaluates `enquiry`. `nearMisses` limits the near misses listed (default 5, or every site when
    /// none meets all requirements: an impossible enquiry is an answer, and then every reason is shown).
    /// - Throws: `.notFound` for an unknown archetype; `.input` (naming the field) for unknown drivers
    ///   or all-zero weights; `.usage` for a negative near-miss count or a prior weight outside 0…1.
    /// `memo`: the catalogue scorings' stability and winner change computed beforehand (a server's);
    /// used only where it holds this enquiry's scoring, so the answer is the same with or without it.
    public func answer(_ enquiry: Enquiry, nearMisses: Int? = nil, priorWeight: Double? = nil, memo: EnquiryScoringMemo? = nil) throws -> EnquiryReport {
        try PriorWeight.check(priorWeight)
        if let nearMisses, !(0...100_000).contains(nearMisses) { throw SiteMatchError.usage("--near-misses must be between 0 and 100000, got \(nearMisses)") }
        if let id = enquiry.archetypeID { _ = try archetype(id) }
        let (base, scorer) = try EnquiryEvaluator.scoring(enquiry, catalogue: catalogue, priorWeight: priorWeight)
        let memoised = enquiry.weights == nil && priorWeight == nil ? memo?.entries[enquiry.archetypeID ?? "equal_weights"] : nil
        let result = EnquiryEvaluator.evaluate(enquiry, session: session, archetype: base, scorer: scorer, scores: memoised?.scores)
        let shown = nearMisses ?? (result.matches.isEmpty ? result.nearMisses.count : 5)
        let stability = try memoised?.stabilities ?? siteStabilities(archetype: base, scorer: scorer)
        func entry(_ rank: Int, _ m: EnquiryMatch, power: Bool = false) -> EnquiryReport.Entry {
            EnquiryReport.Entry(rank: rank, siteId: m.score.siteID, name: siteName(m.score.siteID),
                                locationType: locationType(m.score.siteID), score: m.score.score, reason: memoised?.reasons[m.score.siteID] ?? m.score.reason,
                                stability: stability[m.score.siteID]!,
                                requirements: m.checks.map { .init(requirement: $0.requirement, passed: $0.passed, unknown: $0.unknown, detail: $0.detail, shortfall: $0.shortfall,
                                                                   required: $0.required, actual: $0.actual, unit: $0.unit, margin: $0.margin, grade: $0.grade) },
                                power: power ? powerEvidence(m.score.siteID) : nil)
        }
        let scoredAs = enquiry.archetypeID ?? (enquiry.weights == nil ? "equal_weights" : "custom")
        let description = enquiry.archetypeID ?? (enquiry.weights == nil ? "equal weights on every driver (no archetype or weights given)" : "a custom weighting")
        return EnquiryReport(enquiry: enquiry, scoredAs: scoredAs, scoredAsDescription: description, priorWeight: priorWeight ?? catalogue.priorWeight,
                             travelTimes: travelTimes, data: provenance.label, winnerChange: memoised?.winnerChange ?? winnerChange(archetype: base, scorer: scorer).text,
                             matches: result.matches.enumerated().map { entry($0.offset + 1, $0.element) },
                             powerToConfirm: result.powerToConfirm.enumerated().map { entry($0.offset + 1, $0.element, power: true) },
                             nearMisses: result.nearMisses.prefix(shown).enumerated().map { entry($0.offset + 1, $0.element) },
                             nearMissesTotal: result.nearMisses.count)
    }
}

extension Workspace {
    /// The power indicators' evidence for a site, in the order a connection enquiry needs them.
    func powerEvidence(_ siteID: String) -> [EnquiryReport.Evidence] {
        ["km_to_primary_substation", "km_to_132kv_substation", "queued_demand_mw"].compactMap { id in
            session.indicators[siteID]?.values[id].map { EnquiryReport.Evidence(indicator: id, text: $0.evidence, grade: $0.quality) }
        }
    }
}

/// Each catalogue scoring's rank stability and winner change (every archetype with the catalogue's
/// weights and prior, and equal weights), computed once so that answering an enquiry costs only its
/// requirement checks: the 1,000 stability draws dominate an enquiry's time otherwise. It also keeps
/// every site's score and reason under each scoring (scoring all sites and writing their reasons was
/// a fifth of a server's CPU per enquiry: perf, 2026-12-02). Immutable and `Sendable`; a server
/// builds one at start. Enquiries with their own weights or prior weight are computed in full.
public struct EnquiryScoringMemo: Sendable {
    struct Entry: Sendable {
        var stabilities: [String: SiteStability]
        var winnerChange: String
        var scores: [String: SiteScore]
        var reasons: [String: String]
    }

    let entries: [String: Entry]
}

extension Workspace {
    /// The memo for this workspace's catalogue.
    public func enquiryScoringMemo() throws -> EnquiryScoringMemo {
        var entries: [String: EnquiryScoringMemo.Entry] = [:]
        for id in catalogue.archetypes.map(\.id) + ["equal_weights"] {
            let enquiry = Enquiry(name: "memo", archetypeID: id == "equal_weights" ? nil : id)
            let (base, scorer) = try EnquiryEvaluator.scoring(enquiry, catalogue: catalogue)
            let scores = portfolio.sites.map { scorer.score(site: $0, indicators: session.indicators[$0.id] ?? SiteIndicators(siteID: $0.id, values: [:]), archetype: base) }
            entries[id] = .init(stabilities: try siteStabilities(archetype: base, scorer: scorer),
                                winnerChange: winnerChange(archetype: base, scorer: scorer).text,
                                scores: Dictionary(uniqueKeysWithValues: scores.map { ($0.siteID, $0) }),
                                reasons: Dictionary(uniqueKeysWithValues: scores.map { ($0.siteID, $0.reason) }))
        }
        return EnquiryScoringMemo(entries: entries)
    }
}
