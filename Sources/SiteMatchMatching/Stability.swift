import Foundation
import SiteMatchData
import SiteMatchGeometry

/// How uncertain the inputs of a ranking are taken to be, for ``RankStability``.
public struct StabilityOptions: Hashable, Sendable {
    /// Monte Carlo draws (``Limits/draws``: 1 to 10^6).
    public var draws: Int
    public var seed: UInt64
    /// Dirichlet concentration κ around the catalogue's weights: a draw's weights are
    /// Dirichlet(κ · wᵢ / Σw), so each driver's share s keeps its mean and has standard deviation
    /// √(s(1 − s)/(κ + 1)) — with κ = 50, a share of 0.25 varies by about ±0.06. Nil keeps the weights fixed.
    public var concentration: Double?
    /// Modelled indicators (drive times, catchments) vary uniformly within ± this fraction of their
    /// value: ±25 % until the real-data work records a validated model error.
    public var modelledError: Double
    /// The location-type prior's weight varies uniformly over this range; nil keeps the catalogue's.
    public var priorWeightRange: ClosedRange<Double>?
    /// Unknown indicators take any 0–1 value, uniformly (true), or the neutral unknown value (false).
    public var varyUnknown: Bool

    public init(draws: Int = 1_000, seed: UInt64 = 2026, concentration: Double? = 50, modelledError: Double = 0.25,
                priorWeightRange: ClosedRange<Double>? = 0...0.5, varyUnknown: Bool = true) {
        self.draws = draws
        self.seed = seed
        self.concentration = concentration
        self.modelledError = modelledError
        self.priorWeightRange = priorWeightRange
        self.varyUnknown = varyUnknown
    }
}

/// One site's rank under the Monte Carlo draws.
public struct SiteStability: Hashable, Sendable, Codable {
    public var siteId: String
    /// Rank with the catalogue's own inputs.
    public var rank: Int
    public var pRank1: Double
    public var pTop3: Double
    /// The 5th and 95th percentiles of the rank over the draws.
    public var rank5: Int
    public var rank95: Int
    /// "robust", "moderate" or "fragile" by ``RankStability/word(rank5:rank95:)``.
    public var word: String
}

/// The smallest change to one driver's weight that lets another site take rank 1.
public struct WinnerChange: Hashable, Sendable, Codable {
    public var driverId: String
    public var driverName: String
    public var weightFrom: Double
    /// At this weight the challenger ties the winner; beyond it the challenger leads.
    public var weightTo: Double
    public var challengerId: String
    public var winnerId: String
}

/// Rank stability under uncertain weights and data, and the exact weight changes that alter the winner.
public enum RankStability {
    /// A uniform double in [0, 1) from the generator's top 53 bits: cheaper than `Double.random(in:)`
    /// in the draws' inner loop (measured: the 1,020-site workload fell from 4.6 s to 3.5 s with this and
    /// the closure-free sort).
    @inline(__always) static func unit(_ rng: inout SplitMix64) -> Double { Double(rng.next() >> 11) * 0x1p-53 }

    /// The rule behind ``SiteStability/word``.
    public static let wordRule = "robust: the 5-95 % rank interval spans at most 2 places; moderate: 3 to 6 places; fragile: more than 6"

    public static func word(rank5: Int, rank95: Int) -> String {
        switch rank95 - rank5 + 1 {
        case ...2: return "robust"
        case ...6: return "moderate"
        default: return "fragile"
        }
    }

    /// Ranks of every site for `archetype` under `options.draws` perturbed draws. Each draw has its
    /// own generator, seeded from `options.seed` and the draw's index, so results are identical for
    /// any number of workers.
    public static func stability(sites: [Site], indicators: [String: SiteIndicators], archetype: Archetype, scorer: Scorer,
                                 options: StabilityOptions, workers: Int = ParallelWorkers.defaultCount) throws -> [SiteStability] {
        guard !sites.isEmpty else { return [] }
        let catalogue = scorer.catalogue
        let baseWeights = scorer.weights(for: archetype.id)
        let driverIDs = baseWeights.keys.sorted().filter { catalogue.drivers[$0] != nil }
        let total = driverIDs.map { baseWeights[$0]! }.reduce(0, +)
        // Per site and driver: the sum of the indicator values no draw varies, computed once, and the
        // few parts a draw does vary (modelled numbers, unknowns) — most indicators are fixed.
        struct Varying: Sendable {
            var raw: Double
            var function: ValueFunction
            /// A linear function's x0, v0, slope and x1, evaluated inline (the common case: drive times).
            var linear: (x0: Double, v0: Double, x1: Double, v1: Double)?
            func value(_ x: Double, unknown: Double) -> Double {
                if let l = linear {
                    let t = min(max((x - l.x0) / (l.x1 - l.x0), 0), 1)
                    return l.v0 + t * (l.v1 - l.v0)
                }
                return function.value(of: .number(x)) ?? unknown
            }
        }
        struct DriverParts: Sendable { var fixedSum: Double; var varying: [Varying]; var unknowns: Int; var count: Int }
        let parts: [[DriverParts]] = sites.map { site in
            let values = indicators[site.id]?.values ?? [:]
            return driverIDs.map { id in
                var driver = DriverParts(fixedSum: 0, varying: [], unknowns: 0, count: catalogue.drivers[id]!.indicators.count)
                for item in catalogue.drivers[id]!.indicators {
                    let indicator = values[item.indicator]
                    guard let indicator, let value = item.function.value(of: indicator.value) else {
                        if options.varyUnknown { driver.unknowns += 1 } else { driver.fixedSum += catalogue.unknownValue }
                        continue
                    }
                    if indicator.quality == .modelled, options.modelledError > 0, case let .number(raw) = indicator.value {
                        var linear: (Double, Double, Double, Double)?
                        if case let .linear(x0, v0, x1, v1) = item.function { linear = (x0, v0, x1, v1) }
                        driver.varying.append(Varying(raw: raw, function: item.function, linear: linear))
                    } else {
                        driver.fixedSum += value
                    }
                }
                return driver
            }
        }
        let priors: [Double] = sites.map { site in
            switch archetype.fit(for: site.locationType) { case .best: 1; case .unknown: 0.5; case .least: 0 }
        }
        let unknownValue = catalogue.unknownValue
        let baseline = Scorer.ranked(sites.map { scorer.score(site: $0, indicators: indicators[$0.id] ?? SiteIndicators(siteID: $0.id, values: [:]), archetype: archetype) })
        let baseRank = Dictionary(uniqueKeysWithValues: baseline.enumerated().map { ($0.element.siteID, $0.offset + 1) })
        let ids = sites.map(\.id)
        // Ties are broken by id, as in every ranking: each site's position in id order.
        let idOrder = Dictionary(uniqueKeysWithValues: ids.sorted().enumerated().map { ($0.element, $0.offset) })
        let tieBreak = ids.map { idOrder[$0]! }

        // ranks[draw][site index]
        let ranks: [[Int32]] = try ParallelWorkers.map(count: options.draws, workers: workers) { _, draw in
            var rng = SplitMix64(seed: options.seed ^ (UInt64(draw) &+ 1) &* 0x9E37_79B9_7F4A_7C15)
            var weights = driverIDs.map { baseWeights[$0]! / max(total, .leastNonzeroMagnitude) }
            if let kappa = options.concentration {
                let gammas = weights.map { $0 > 0 ? Gamma.sample(shape: kappa * $0, using: &rng) : 0 }
                let sum = gammas.reduce(0, +)
                if sum > 0 { weights = gammas.map { $0 / sum } }
            }
            let priorWeight = options.priorWeightRange.map { Double.random(in: $0, using: &rng) } ?? scorer.priorWeight
            var scores: [Double] = []
            scores.reserveCapacity(sites.count)
            for (s, siteParts) in parts.enumerated() {
                var drivers = 0.0
                for (d, driver) in siteParts.enumerated() {
                    var sum = driver.fixedSum
                    for _ in 0..<driver.unknowns { sum += RankStability.unit(&rng) }
                    for part in driver.varying {
                        let factor = 1 + (2 * RankStability.unit(&rng) - 1) * options.modelledError
                        sum += part.value(part.raw * factor, unknown: unknownValue)
                    }
                    drivers += weights[d] * sum / Double(max(driver.count, 1))
                }
                scores.append((1 - priorWeight) * drivers * 100 + priorWeight * priors[s] * 100)
            }
            // Sort (score, id rank, index) triples: no closure over the arrays, ties by id.
            var order = scores.indices.map { (score: scores[$0], tie: tieBreak[$0], index: $0) }
            order.sort { $0.score != $1.score ? $0.score > $1.score : $0.tie < $1.tie }
            var rank = [Int32](repeating: 0, count: sites.count)
            for (position, entry) in order.enumerated() { rank[entry.index] = Int32(position + 1) }
            return rank
        }
        // A rank histogram per site (one pass over the draws) instead of sorting each site's ranks.
        let n = sites.count
        var histogram = [Int32](repeating: 0, count: n * n)
        for draw in ranks { for s in 0..<n { histogram[s * n + Int(draw[s]) - 1] += 1 } }
        let low = Int((0.05 * Double(options.draws - 1)).rounded(.down)), high = Int((0.95 * Double(options.draws - 1)).rounded(.up))
        return sites.indices.map { s in
            let counts = histogram[(s * n)..<(s * n + n)]
            /// The rank at position `index` (from 0) of this site's ranks in ascending order.
            func rank(at index: Int) -> Int {
                var seen = 0
                for (k, count) in counts.enumerated() {
                    seen += Int(count)
                    if seen > index { return k + 1 }
                }
                return n
            }
            let draws = Double(options.draws)
            let first = Double(counts[s * n]), top3 = counts.prefix(3).reduce(0) { $0 + Double($1) }
            let rank5 = rank(at: low), rank95 = rank(at: high)
            return SiteStability(siteId: ids[s], rank: baseRank[ids[s]]!, pRank1: first / draws, pTop3: top3 / draws,
                                 rank5: rank5, rank95: rank95, word: word(rank5: rank5, rank95: rank95))
        }.sorted { ($0.rank, $0.siteId) < ($1.rank, $1.siteId) }
    }

    /// The smallest change to a single driver's weight that lets any other site reach the winner's
    /// score, found exactly: with every other weight fixed, a site's score is (a + b·x)/(c + x) + prior
    /// in that weight x, with the same denominator for every site, so each crossing is a linear solve.
    /// Nil when no single weight change alters the winner.
    public static func winnerChange(sites: [Site], indicators: [String: SiteIndicators], archetype: Archetype, scorer: Scorer) -> WinnerChange? {
        let scores = sites.map { scorer.score(site: $0, indicators: indicators[$0.id] ?? SiteIndicators(siteID: $0.id, values: [:]), archetype: archetype) }
        let ranked = Scorer.ranked(scores)
        guard let winner = ranked.first, ranked.count > 1 else { return nil }
        let p = scorer.priorWeight
        let weights = scorer.weights(for: archetype.id)
        func value(_ s: SiteScore, _ d: String) -> Double { s.drivers.first { $0.driverID == d }?.value ?? 0 }
        var best: WinnerChange?
        var bestDistance = Double.infinity
        for d in weights.keys.sorted() {
            guard let name = scorer.catalogue.drivers[d]?.name, let current = weights[d] else { continue }
            let others = weights.filter { $0.key != d }
            let t = others.values.reduce(0, +)
            func a(_ s: SiteScore) -> Double { others.reduce(0) { $0 + $1.value * value(s, $1.key) } }
            for challenger in ranked.dropFirst() {
                // N(x) = (1−p)·100·(ΔA + x·Δv) − ΔP·(t + x); the challenger leads where N(x) > 0.
                let deltaA = a(challenger) - a(winner), deltaV = value(challenger, d) - value(winner, d)
                let deltaP = winner.priorContribution - challenger.priorContribution
                let alpha = (1 - p) * 100 * deltaA - deltaP * t, beta = (1 - p) * 100 * deltaV - deltaP
                guard beta != 0 else { continue }
                let x = -alpha / beta
                guard x.isFinite, x >= 0, t + x > 0, abs(x - current) > 1e-12 else { continue }
                let distance = abs(x - current)
                if distance < bestDistance {
                    bestDistance = distance
                    best = WinnerChange(driverId: d, driverName: name, weightFrom: current, weightTo: x, challengerId: challenger.siteID, winnerId: winner.siteID)
                }
            }
        }
        return best
    }
}

/// The smallest change in one raw indicator of one site (in the indicator's own units, through its
/// value functions, thresholds included) that lets a site overtake rank 1.
public struct IndicatorChange: Hashable, Sendable, Codable {
    /// The site whose indicator changes: a challenger rising, or the winner falling.
    public var siteId: String
    public var indicatorId: String
    public var unit: String
    public var from: Double
    /// At this value the challenger ties the winner; beyond it (in the direction of the change) it leads.
    public var to: Double
    public var challengerId: String
    public var winnerId: String
    /// |to − from| over the span of the indicator's value-function breakpoints: how "smallest" is
    /// compared across indicators measured in different units.
    public var relativeChange: Double
}

extension RankStability {
    /// Solved exactly, not by search: a site's score is piecewise linear in one raw indicator (linear
    /// and ideal-range value functions are linear between their breakpoints, steps are constant
    /// between thresholds), so on each stretch between breakpoints the crossing is a linear solve,
    /// and at a step threshold the jump is checked directly. Unknown and non-numeric indicators are
    /// not changed (the Monte Carlo draws cover them). Nil when no single indicator change does it.
    public static func indicatorChange(sites: [Site], indicators: [String: SiteIndicators], archetype: Archetype, scorer: Scorer) -> IndicatorChange? {
        func siteIndicators(_ id: String) -> SiteIndicators { indicators[id] ?? SiteIndicators(siteID: id, values: [:]) }
        let scores = sites.map { scorer.score(site: $0, indicators: siteIndicators($0.id), archetype: archetype) }
        let ranked = Scorer.ranked(scores)
        guard ranked.count > 1 else { return nil }
        let winner = ranked[0], runnerUp = ranked[1]
        // Each use of a raw indicator in the archetype's drivers, with its weight in the score.
        let weights = scorer.weights(for: archetype.id)
        let total = weights.values.reduce(0, +)
        guard total > 0 else { return nil }
        var uses: [String: [(function: ValueFunction, k: Double)]] = [:]
        for (driverID, weight) in weights where weight > 0 {
            guard let driver = scorer.catalogue.drivers[driverID], !driver.indicators.isEmpty else { continue }
            for item in driver.indicators {
                uses[item.indicator, default: []].append((item.function, (1 - scorer.priorWeight) * 100 * weight / total / Double(driver.indicators.count)))
            }
        }
        var best: IndicatorChange?
        for score in ranked {
            let values = siteIndicators(score.siteID).values
            for (indicatorID, list) in uses.sorted(by: { $0.key < $1.key }) {
                guard let indicator = values[indicatorID], case let .number(x0) = indicator.value else { continue }
                let breakpoints = Set(list.flatMap { Self.breakpoints($0.function) }).sorted()
                guard let low = breakpoints.first, let high = breakpoints.last, high > low else { continue }
                let unknown = scorer.catalogue.unknownValue
                func f(_ fn: ValueFunction, _ x: Double) -> Double { fn.value(of: .number(x)) ?? unknown }
                let base = score.score - list.reduce(0) { $0 + $1.k * f($1.function, x0) }
                func scoreAt(_ x: Double) -> Double { base + list.reduce(0) { $0 + $1.k * f($1.function, x) } }
                // g(x) > 0, or = 0 with the id order favouring the newcomer, means the winner changes.
                let (g, favoured): ((Double) -> Double, Bool)
                let challengerID: String
                if score.siteID == winner.siteID {
                    g = { runnerUp.score - scoreAt($0) }
                    favoured = runnerUp.siteID < winner.siteID
                    challengerID = runnerUp.siteID
                } else {
                    g = { scoreAt($0) - winner.score }
                    favoured = score.siteID < winner.siteID
                    challengerID = score.siteID
                }
                let domainLow = x0 >= 0 ? 0.0 : -Double.infinity
                for direction in [1.0, -1.0] {
                    guard var x = Self.firstCrossing(g, from: x0, direction: direction, breakpoints: breakpoints, floor: domainLow, tieWins: favoured) else { continue }
                    if indicator.unit == "count" {
                        // A count changes in whole steps: the first whole number at or past the crossing that changes the winner.
                        x = direction > 0 ? (x.rounded(.up) == x && !(g(x) > 0 || (g(x) == 0 && favoured)) ? x + 1 : x.rounded(.up))
                                          : (x.rounded(.down) == x && !(g(x) > 0 || (g(x) == 0 && favoured)) ? x - 1 : x.rounded(.down))
                        guard x >= domainLow, g(x) > 0 || (g(x) == 0 && favoured) else { continue }
                    }
                    let relative = abs(x - x0) / (high - low)
                    // Smallest relative change; equal ones (a winner falling by what a challenger would rise) by site id, then indicator id.
                    let current = best?.relativeChange ?? .infinity
                    if relative < current - 1e-12 || (abs(relative - current) <= 1e-12 && (score.siteID, indicatorID) < (best!.siteId, best!.indicatorId)) {
                        best = IndicatorChange(siteId: score.siteID, indicatorId: indicatorID, unit: indicator.unit, from: x0, to: x,
                                               challengerId: challengerID, winnerId: winner.siteID, relativeChange: relative)
                    }
                }
            }
        }
        return best
    }

    /// Where a value function's slope or value changes.
    static func breakpoints(_ function: ValueFunction) -> [Double] {
        switch function {
        case let .linear(x0, _, x1, _): return [x0, x1]
        case let .step(_, steps): return steps.compactMap(\.first)
        case let .idealRange(lo, hi, falloff): return [lo - falloff, lo, hi, hi + falloff]
        case .category: return []
        }
    }

    /// The nearest x from `start` in `direction` past which the winner changes, given that g is
    /// linear strictly between consecutive `breakpoints` (value functions may jump at a breakpoint:
    /// a step takes its new value at the threshold itself) and constant beyond the outermost. On a
    /// stretch where g climbs through 0 the answer is the linear solve (a tie there, a lead beyond);
    /// at a breakpoint where g jumps to a lead, the breakpoint. Nil if no x does it.
    static func firstCrossing(_ g: (Double) -> Double, from start: Double, direction: Double, breakpoints: [Double], floor: Double, tieWins: Bool) -> Double? {
        // Scores are sums of products: differences within 1e-9 points are ties, not leads.
        let tolerance = 1e-9
        func wins(_ value: Double) -> Bool { value > tolerance || (abs(value) <= tolerance && tieWins) }
        guard !wins(g(start)) else { return nil }  // already changed: nothing to find
        func inside(_ x: Double) -> Double { direction > 0 ? x.nextUp : x.nextDown }
        func back(_ x: Double) -> Double { direction > 0 ? x.nextDown : x.nextUp }
        var stops = direction > 0 ? breakpoints.filter { $0 > start } : breakpoints.filter { $0 < start && $0 > floor }.reversed()
        if direction < 0, floor > -Double.infinity { stops.append(floor) }
        var a = start
        for b in stops {
            let gA = g(inside(a)), gB = g(back(b))
            if gA > tolerance { return a }  // just past a it leads (a itself ties or jumped there)
            if gB > tolerance { return a + (b - a) * (0 - gA) / (gB - gA) }
            if wins(g(b)) { return b }
            a = b
        }
        // Beyond the outermost breakpoint every value function is constant, and so is g.
        return direction > 0 && g(inside(a)) > tolerance ? a : nil
    }
}

/// Gamma(shape, 1) variates by Marsaglia and Tsang's method ("A simple method for generating gamma
/// variables", ACM TOMS 26(3), 2000), with the shape < 1 boost; normals by Box–Muller. Written here
/// because no package in the project's set samples Gamma from a caller's seeded generator.
enum Gamma {
    static func sample(shape: Double, using rng: inout SplitMix64) -> Double {
        if shape < 1 {
            let u = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &rng)
            return sample(shape: shape + 1, using: &rng) * pow(u, 1 / shape)
        }
        let d = shape - 1.0 / 3, c = 1 / (9 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = normal(using: &rng)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = Double.random(in: 0..<1, using: &rng)
            if u < 1 - 0.0331 * x * x * x * x { return d * v }
            if log(u) < 0.5 * x * x + d * (1 - v + log(v)) { return d * v }
        }
    }

    static func normal(using rng: inout SplitMix64) -> Double {
        let u1 = Double.random(in: Double.leastNonzeroMagnitude..<1, using: &rng), u2 = Double.random(in: 0..<1, using: &rng)
        return (-2 * log(u1)).squareRoot() * cos(2 * .pi * u2)
    }
}
