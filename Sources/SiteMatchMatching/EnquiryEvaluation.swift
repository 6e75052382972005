import Foundation
import SiteMatchData

/// One hard requirement checked against one site.
public struct RequirementCheck: Hashable, Sendable {
    public var requirement: String
    public var passed: Bool
    /// True when the site's data cannot tell (e.g. no published grid headroom): never counted as a pass.
    public var unknown: Bool
    /// e.g. "4.6 ha of 5 ha required; −8%".
    public var detail: String
    /// How far short, as a fraction of the requirement (0 when passed; 1 when unknown).
    public var shortfall: Double
    /// The figures behind a numeric requirement (nil for location types and availability, and
    /// `actual` nil when unknown): the required value, the site's, their unit, and the margin in
    /// that unit (positive: met with room to spare; negative: missed by that much).
    public var required: Double? = nil
    public var actual: Double? = nil
    public var unit: String? = nil
    public var margin: Double? = nil
    /// The grade of the site's figure the check compares (the indicator's quality); nil where the
    /// check compares no figure (location type, status).
    public var grade: IndicatorQuality? = nil
}

public struct EnquiryMatch: Hashable, Sendable {
    public var score: SiteScore
    public var checks: [RequirementCheck]
    public var failed: [RequirementCheck] { checks.filter { !$0.passed } }
}

public struct EnquiryResult: Sendable {
    public var enquiry: Enquiry
    /// Sites meeting every requirement, ranked by score (ties by id).
    public var matches: [EnquiryMatch]
    /// Sites that meet every requirement whose figure is known, where the only thing unknown is the
    /// grid headroom a `min_mva` asks for: "meets every known requirement — power to be confirmed with
    /// the network operator". Ranked by score; never mixed into the matches or the near misses.
    public var powerToConfirm: [EnquiryMatch] = []
    /// Sites missing some requirements: fewest failures first, then smallest total shortfall, then score.
    public var nearMisses: [EnquiryMatch]
}

extension EnquiryMatch {
    /// Fails nothing but an unknown grid headroom.
    public var awaitsPowerConfirmation: Bool {
        let failed = failed
        return !failed.isEmpty && failed.allSatisfy { $0.requirement == "min_mva" && $0.unknown }
    }
}

public enum EnquiryEvaluator {
    /// What an enquiry scores by: its archetype (with its Framework prior), or a custom or equal
    /// weighting under a "custom" archetype with no location-type lists.
    public static func scoring(_ enquiry: Enquiry, catalogue: Catalogue, priorWeight: Double? = nil) throws -> (archetype: Archetype, scorer: Scorer) {
        let base: Archetype
        var overrides: [String: [String: Double]] = [:]
        if let id = enquiry.archetypeID {
            guard let a = catalogue.archetype(id) else {
                throw SiteMatchError(file: enquiry.name, field: "archetype", message: "no archetype '\(id)'; valid ids: \(catalogue.archetypes.map(\.id).joined(separator: ", "))")
            }
            base = a
        } else {
            // A custom weighting has no Framework location-type prior of its own: every type is "unknown".
            base = Archetype(id: "custom", name: "Custom weighting", cluster: "", frameworkSection: "", driverPhrases: [], bestFit: [], leastFit: nil, role: nil)
        }
        if enquiry.archetypeID == nil && enquiry.weights == nil {
            // Neither an archetype nor weights: every driver the catalogue defines, weighted equally.
            overrides[base.id] = Dictionary(uniqueKeysWithValues: catalogue.drivers.keys.map { ($0, 1.0) })
        }
        if let weights = enquiry.weights {
            for driver in weights.keys where catalogue.drivers[driver] == nil {
                throw SiteMatchError(file: enquiry.name, field: "weights.\(driver)", message: "unknown driver; expected one of \(catalogue.drivers.keys.sorted().joined(separator: ", "))")
            }
            guard weights.values.reduce(0, +) > 0 else { throw SiteMatchError(file: enquiry.name, field: "weights", message: "all zero; give at least one positive weight") }
            overrides[base.id] = weights
        }
        return (base, Scorer(catalogue: catalogue, priorWeight: priorWeight, weightOverrides: overrides))
    }

    /// Scores every site for the enquiry and checks its requirements.
    public static func evaluate(_ enquiry: Enquiry, session: MatchingSession, priorWeight: Double? = nil) throws -> EnquiryResult {
        let (base, scorer) = try scoring(enquiry, catalogue: session.catalogue, priorWeight: priorWeight)
        return evaluate(enquiry, session: session, archetype: base, scorer: scorer)
    }

    /// The same with the scoring already decided by ``scoring(_:catalogue:priorWeight:)``. `scores`:
    /// each site's score under that scoring, worked out beforehand (a server's memo); sites it lacks
    /// are scored here.
    public static func evaluate(_ enquiry: Enquiry, session: MatchingSession, archetype base: Archetype, scorer: Scorer,
                                scores: [String: SiteScore]? = nil) -> EnquiryResult {
        var matches: [EnquiryMatch] = []
        var toConfirm: [EnquiryMatch] = []
        var misses: [EnquiryMatch] = []
        for site in session.portfolio.sites {
            let indicators = session.indicators[site.id]!
            let score = scores?[site.id] ?? scorer.score(site: site, indicators: indicators, archetype: base)
            let match = EnquiryMatch(score: score, checks: checks(enquiry, site: site, indicators: indicators))
            if match.failed.isEmpty { matches.append(match) } else if match.awaitsPowerConfirmation { toConfirm.append(match) } else { misses.append(match) }
        }
        let byScore: (EnquiryMatch, EnquiryMatch) -> Bool = { $0.score.score != $1.score.score ? $0.score.score > $1.score.score : $0.score.siteID < $1.score.siteID }
        matches.sort(by: byScore)
        toConfirm.sort(by: byScore)
        // Each miss's failure count is counted once, not in every comparison.
        let rankedMisses = misses.map { (match: $0, failed: $0.failed.count) }.sorted {
            if $0.failed != $1.failed { return $0.failed < $1.failed }
            return byScore($0.match, $1.match)
        }
        return EnquiryResult(enquiry: enquiry, matches: matches, powerToConfirm: toConfirm, nearMisses: rankedMisses.map(\.match))
    }

    static func checks(_ e: Enquiry, site: Site, indicators: SiteIndicators) -> [RequirementCheck] {
        var out: [RequirementCheck] = []
        func number(_ id: String) -> Double? { if case let .number(n)? = indicators.values[id]?.value { return n } else { return nil } }
        func grade(_ id: String) -> IndicatorQuality { indicators.values[id]?.quality ?? .unknown }
        func atLeast(_ name: String, _ have: Double?, _ need: Double, _ unit: String, _ what: String, _ indicator: String) {
            guard let have else {
                return out.append(RequirementCheck(requirement: name, passed: false, unknown: true, detail: "\(what) unknown (\(format(need)) \(unit) required)", shortfall: 1,
                                                   required: need, unit: unit, grade: .unknown))
            }
            let short = need > 0 ? max(0, (need - have) / need) : 0
            out.append(RequirementCheck(requirement: name, passed: have >= need, unknown: false,
                                        detail: "\(format(have)) \(unit) of \(format(need)) \(unit) required" + (have >= need ? "" : "; −" + percent(short)), shortfall: short,
                                        required: need, actual: have, unit: unit, margin: have - need, grade: grade(indicator)))
        }
        /// "imported:FILE" where the indicator's time came from an imported matrix, else "modelled".
        func origin(_ id: String) -> String {
            guard let source = indicators.values[id]?.source, source.hasPrefix("imported:") else { return "modelled" }
            return String(source.prefix { $0 != " " })
        }
        func atMost(_ name: String, _ have: Double?, _ limit: Double, _ what: String, _ indicator: String) {
            let origin = origin(indicator)
            guard let have else {
                return out.append(RequirementCheck(requirement: name, passed: false, unknown: true, detail: "\(what) unknown (≤ \(format(limit)) min required)", shortfall: 1,
                                                   required: limit, unit: "min", grade: .unknown))
            }
            let over = limit > 0 ? max(0, (have - limit) / limit) : (have > 0 ? 1 : 0)
            out.append(RequirementCheck(requirement: name, passed: have <= limit, unknown: false,
                                        detail: "\(format(have)) min to \(what), ≤ \(format(limit)) min required (\(origin))"
                                            + (have <= limit ? "" : "; \(have - limit >= 0.1 ? fixed(have - limit, digits: 1) : fixed(have - limit, digits: 2)) min over" + (limit > 0 ? " (+\(percent(over)))" : "")),
                                        shortfall: over, required: limit, actual: have, unit: "min", margin: limit - have, grade: grade(indicator)))
        }
        if let need = e.minimumAreaHectares {
            atLeast("min_area_ha", site.availableAreaHectares ?? site.areaHectares, need, "ha", "site area",
                    site.availableAreaHectares != nil ? "available_area_ha" : "site_area_ha")
        }
        if let need = e.minimumMVA { atLeast("min_mva", site.gridHeadroomMVA, need, "MVA", "grid headroom", "grid_headroom_mva") }
        if let limit = e.maximumMinutesToM6 { atMost("max_minutes_to_m6", number("minutes_to_m6"), limit, "the M6", "minutes_to_m6") }
        if let limit = e.maximumMinutesToUniversity { atMost("max_minutes_to_university", number("minutes_to_university"), limit, "a university", "minutes_to_university") }
        if let limit = e.maximumMinutesToHospital { atMost("max_minutes_to_hospital", number("minutes_to_acute_hospital"), limit, "an acute hospital", "minutes_to_acute_hospital") }
        if let allowed = e.locationTypes {
            let ok = allowed.contains(site.locationType)
            out.append(RequirementCheck(requirement: "location_types", passed: ok, unknown: false,
                                        detail: "location type \(site.locationType)" + (ok ? "" : "; required \(allowed.joined(separator: " or "))"), shortfall: ok ? 0 : 1))
        }
        if let excluded = e.excludedLocationTypes {
            let ok = !excluded.contains(site.locationType)
            out.append(RequirementCheck(requirement: "exclude_location_types", passed: ok, unknown: false,
                                        detail: "location type \(site.locationType)" + (ok ? "" : " is excluded"), shortfall: ok ? 0 : 1))
        }
        if e.availableNow {
            let ok = site.status == "available"
            out.append(RequirementCheck(requirement: "available_now", passed: ok, unknown: site.status == nil,
                                        detail: "status \(site.status ?? "unknown")" + (ok ? "" : "; required available"), shortfall: ok ? 0 : 1))
        }
        return out
    }

    /// A shortfall as a percentage that never reads "0%" for a miss: "5%", "0.4%", "<0.1%".
    static func percent(_ fraction: Double) -> String {
        let p = fraction * 100
        if p >= 0.95 { return fixed(p, digits: 0) + "%" }
        if p >= 0.05 { return fixed(p, digits: 1) + "%" }
        return "<0.1%"
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : fixed(value, digits: 1)
    }

    /// `value` with `digits` decimals (0…3), as `String(format: "%.Nf")` writes it, through C's
    /// `vsnprintf`: `String(format:)` goes through CoreFoundation's formatter, which was 6 % of a
    /// server's CPU answering enquiries (perf, 2026-12-02; every check's detail is formatted).
    static func fixed(_ value: Double, digits: Int) -> String {
        let format: StaticString = digits <= 0 ? "%.0f" : digits == 1 ? "%.1f" : digits == 2 ? "%.2f" : "%.3f"
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 352) { buffer in
            // 352 bytes hold any finite double in fixed notation (at most 309 digits before the point).
            // A string literal's StaticString is NUL-terminated, as vsnprintf needs.
            let written = withVaList([value]) { arguments in
                UnsafeRawPointer(format.utf8Start).withMemoryRebound(to: CChar.self, capacity: format.utf8CodeUnitCount + 1) {
                    vsnprintf(buffer.baseAddress, buffer.count, $0, arguments)
                }
            }
            guard written >= 0, written < buffer.count else { return String(format: "%.\(digits)f", value) }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(written)), as: UTF8.self)
        }
    }
}
