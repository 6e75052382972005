import SiteMatchData
import SiteMatchGeometry

/// One indicator's part in a driver: raw value, its 0…1 value, and whether it was unknown.
public struct IndicatorScore: Hashable, Sendable {
    public var indicator: Indicator
    public var value: Double
    public var isUnknown: Bool
    public var why: String
}

/// One driver's part in a score.
public struct DriverScore: Hashable, Sendable {
    public var driverID: String
    public var name: String
    public var weight: Double
    /// Mean of the indicators' values, 0…1.
    public var value: Double
    /// Points (0…100 scale) this driver adds to the final score.
    public var contribution: Double
    public var indicators: [IndicatorScore]
}

/// The score of one site for one archetype, with everything needed to explain it.
public struct SiteScore: Hashable, Sendable {
    public var siteID: String
    public var archetypeID: String
    /// 0…100: (1 − prior weight) × driver score + prior weight × prior.
    public var score: Double
    /// 0…100 from the measured drivers alone.
    public var driverScore: Double
    public var fit: LocationFit
    public var priorWeight: Double
    /// Points the prior adds.
    public var priorContribution: Double
    public var drivers: [DriverScore]

    public var unknownIndicators: Int { drivers.flatMap(\.indicators).filter(\.isUnknown).count }

    /// A one-line reason: the fit, the strongest and weakest drivers.
    public var reason: String {
        let ranked = drivers.filter { $0.weight > 0 }.sorted { ($0.value, $1.driverID) > ($1.value, $0.driverID) }
        var parts = ["\(fit.rawValue) fit"]
        if let top = ranked.first { parts.append(String(format: "strongest %@ %.2f", top.name.lowercased(), top.value)) }
        if ranked.count > 1, let low = ranked.last { parts.append(String(format: "weakest %@ %.2f", low.name.lowercased(), low.value)) }
        if unknownIndicators > 0 { parts.append("\(unknownIndicators) indicator\(unknownIndicators == 1 ? "" : "s") unknown") }
        return parts.joined(separator: "; ")
    }
}

/// Scores sites against archetypes with the catalogue's absolute value functions and weights.
public struct Scorer: Sendable {
    public let catalogue: Catalogue
    public let priorWeight: Double
    /// Weights to use instead of the catalogue's (e.g. an enquiry's custom weighting), by archetype id.
    public let weightOverrides: [String: [String: Double]]

    public init(catalogue: Catalogue, priorWeight: Double? = nil, weightOverrides: [String: [String: Double]] = [:]) {
        self.catalogue = catalogue
        self.priorWeight = priorWeight ?? catalogue.priorWeight
        self.weightOverrides = weightOverrides
    }

    public func weights(for archetypeID: String) -> [String: Double] {
        weightOverrides[archetypeID] ?? catalogue.weights[archetypeID] ?? [:]
    }

    public func score(site: Site, indicators: SiteIndicators, archetype: Archetype) -> SiteScore {
        let weights = weights(for: archetype.id)
        // Summed in key order, so non-integer (AHP) weights give the same last bits on every run.
        let total = weights.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
        var drivers: [DriverScore] = []
        for driverID in weights.keys.sorted() {
            guard let driver = catalogue.drivers[driverID], let weight = weights[driverID] else { continue }
            let parts = driver.indicators.map { item -> IndicatorScore in
                let indicator = indicators.values[item.indicator]
                    ?? Indicator(id: item.indicator, unit: "", value: .unknown, evidence: "not measured", source: "", quality: .unknown)
                let value = item.function.value(of: indicator.value)
                return IndicatorScore(indicator: indicator, value: value ?? catalogue.unknownValue, isUnknown: value == nil, why: item.why)
            }
            let value = parts.map(\.value).reduce(0, +) / Double(max(parts.count, 1))
            let contribution = total > 0 ? (1 - priorWeight) * weight / total * value * 100 : 0
            drivers.append(DriverScore(driverID: driverID, name: driver.name, weight: weight, value: value, contribution: contribution, indicators: parts))
        }
        let driverScore = total > 0 ? drivers.reduce(0) { $0 + $1.weight * $1.value } / total * 100 : 0
        let fit = archetype.fit(for: site.locationType)
        let prior: Double = fit == .best ? 1 : fit == .least ? 0 : 0.5
        let priorContribution = priorWeight * prior * 100
        return SiteScore(siteID: site.id, archetypeID: archetype.id, score: (1 - priorWeight) * driverScore + priorContribution,
                         driverScore: driverScore, fit: fit, priorWeight: priorWeight, priorContribution: priorContribution, drivers: drivers)
    }

    /// The score alone, equal bit for bit to `score(site:indicators:archetype:).score` (the same sums
    /// in the same order) but without building the reasons: the stability draws rank their baseline
    /// with it, where the full scoring of 1,000 sites was a tenth of the time.
    public func scoreValue(site: Site, indicators: SiteIndicators, archetype: Archetype) -> Double {
        let weights = weights(for: archetype.id)
        let total = weights.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
        var weighted = 0.0
        for driverID in weights.keys.sorted() {
            guard let driver = catalogue.drivers[driverID], let weight = weights[driverID] else { continue }
            var sum = 0.0
            for item in driver.indicators {
                sum += indicators.values[item.indicator].flatMap { item.function.value(of: $0.value) } ?? catalogue.unknownValue
            }
            weighted += weight * (sum / Double(max(driver.indicators.count, 1)))
        }
        let fit = archetype.fit(for: site.locationType)
        let prior: Double = fit == .best ? 1 : fit == .least ? 0 : 0.5
        return (1 - priorWeight) * (total > 0 ? weighted / total * 100 : 0) + priorWeight * prior * 100
    }

    /// Every (site, archetype) score, computed across `workers` threads; identical for any worker count.
    /// Ranked per archetype: score descending, ties by site id.
    public func scoreAll(sites: [Site], indicators: [String: SiteIndicators], archetypes: [Archetype], workers: Int = ParallelWorkers.defaultCount) throws -> [String: [SiteScore]] {
        let pairs = archetypes.flatMap { a in sites.map { (a, $0) } }
        let scores = try ParallelWorkers.map(count: pairs.count, workers: workers) { _, i in
            let (archetype, site) = pairs[i]
            return score(site: site, indicators: indicators[site.id] ?? SiteIndicators(siteID: site.id, values: [:]), archetype: archetype)
        }
        var byArchetype: [String: [SiteScore]] = [:]
        for s in scores { byArchetype[s.archetypeID, default: []].append(s) }
        return byArchetype.mapValues(Scorer.ranked)
    }

    public static func ranked(_ scores: [SiteScore]) -> [SiteScore] {
        scores.sorted { $0.score != $1.score ? $0.score > $1.score : $0.siteID < $1.siteID }
    }
}
