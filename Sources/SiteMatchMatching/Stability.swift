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
    /// in the draws' inner loop (measured in an earlier version: with a closure-free sort, the 1,020-site
    /// workload fell from 4.6 s to 3.5 s).
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
        let table = DrawTable(sites: sites, indicators: indicators, archetype: archetype, driverIDs: driverIDs, catalogue: catalogue, options: options)
        let ids = sites.map(\.id)
        // The catalogue's own ranking (``Scorer/ranked``: score descending, ties by id), from the scores alone.
        let baseScores = sites.map { scorer.scoreValue(site: $0, indicators: indicators[$0.id] ?? SiteIndicators(siteID: $0.id, values: [:]), archetype: archetype) }
        var baseRank = [Int](repeating: 0, count: sites.count)
        for (position, s) in sites.indices.sorted(by: { baseScores[$0] != baseScores[$1] ? baseScores[$0] > baseScores[$1] : ids[$0] < ids[$1] }).enumerated() {
            baseRank[s] = position + 1
        }
        // Ties are broken by id, as in every ranking: the sites in id order.
        let sitesInIDOrder = ids.indices.sorted { ids[$0] < ids[$1] }.map { Int32($0) }
        let baseShares = driverIDs.map { baseWeights[$0]! / max(total, .leastNonzeroMagnitude) }

        // ranks[draw][site index]. Workers take blocks of 25 draws as they come free (so a core the
        // machine slows down does not hold the other up) and reuse scratch buffers within a block;
        // each draw has its own generator, so the ranks do not depend on how the draws are split.
        let ranks: [[Int32]] = try ParallelWorkers.mapBlocks(count: options.draws, workers: workers, blockSize: 25, prepare: { _ in () }) { _, draws in
            var scores = [Double](repeating: 0, count: sites.count)
            var sorter = RankSorter(idOrder: sitesInIDOrder)
            return draws.map { draw in
                var rng = SplitMix64(seed: options.seed ^ (UInt64(draw) &+ 1) &* 0x9E37_79B9_7F4A_7C15)
                var weights = baseShares
                if let kappa = options.concentration {
                    let gammas = weights.map { $0 > 0 ? Gamma.sample(shape: kappa * $0, using: &rng) : 0 }
                    let sum = gammas.reduce(0, +)
                    if sum > 0 { weights = gammas.map { $0 / sum } }
                }
                let priorWeight = options.priorWeightRange.map { Double.random(in: $0, using: &rng) } ?? scorer.priorWeight
                table.scores(weights: weights, priorWeight: priorWeight, rng: &rng, into: &scores)
                var rank = [Int32](repeating: 0, count: sites.count)
                sorter.rank(scores: scores, into: &rank)
                return rank
            }
        }
        // Each site's rank histogram, built site by site in a small reused array (a whole n × n
        // histogram filled draw by draw missed the cache on every write), on the workers.
        let n = sites.count
        let byDraw = ranks.flatMap { $0 }  // [draw × n + site]
        let low = Int((0.05 * Double(options.draws - 1)).rounded(.down)), high = Int((0.95 * Double(options.draws - 1)).rounded(.up))
        let draws = Double(options.draws)
        let summaries = try ParallelWorkers.mapChunks(count: n, workers: workers) { _, range in
            var counts = [Int32](repeating: 0, count: n)
            return range.map { s -> (first: Int32, top3: Int32, rank5: Int, rank95: Int) in
                for k in counts.indices { counts[k] = 0 }
                for draw in 0..<options.draws { counts[Int(byDraw[draw * n + s]) - 1] += 1 }
                /// The rank at position `index` (from 0) of this site's ranks in ascending order.
                func rank(at index: Int) -> Int {
                    var seen = 0
                    for (k, count) in counts.enumerated() {
                        seen += Int(count)
                        if seen > index { return k + 1 }
                    }
                    return n
                }
                return (counts[0], counts.prefix(3).reduce(0, +), rank(at: low), rank(at: high))
            }
        }
        return sites.indices.map { s in
            let summary = summaries[s]
            return SiteStability(siteId: ids[s], rank: baseRank[s], pRank1: Double(summary.first) / draws, pTop3: Double(summary.top3) / draws,
                                 rank5: summary.rank5, rank95: summary.rank95, word: word(rank5: summary.rank5, rank95: summary.rank95))
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
            // In key order: a dictionary's order changes from run to run, and so would the sums' last bits.
            let others = weights.filter { $0.key != d }.sorted { $0.key < $1.key }
            let t = others.reduce(0) { $0 + $1.value }
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

/// Ranks sites by score, best first, equal scores in id order. A stable LSD radix sort (a byte a
/// pass; a pass in which every key has the same byte is skipped) orders the high 32 bits of the
/// scores' order-preserving bit patterns, then an insertion pass orders the rare runs those bits
/// leave tied by the full 64. Written here because no package in the project's set sorts by radix,
/// and the standard library's stable merge sort through a comparison was 40 % of the stability
/// workload's CPU (perf, 1,020 sites × 1,000 draws × 17 archetypes; see BENCHMARKS.md, "Rank
/// stability"). One per worker: it keeps its buffers between draws.
struct RankSorter {
    private var keys: [UInt64], spareKeys: [UInt64]
    private var sites: [Int32], spareSites: [Int32]
    private var counts: [Int32]
    /// The site at each position of id order.
    private let idOrder: [Int32]

    init(idOrder: [Int32]) {
        self.idOrder = idOrder
        keys = Array(repeating: 0, count: idOrder.count)
        spareKeys = keys
        sites = Array(repeating: 0, count: idOrder.count)
        spareSites = sites
        counts = Array(repeating: 0, count: 4 * 256)
    }

    /// Ascending order of the key is descending order of the score (IEEE 754 bits: flip every bit of
    /// a negative number, only the sign bit of a positive one; then invert for best first). −0 is
    /// made +0 so that equal scores have equal keys.
    @inline(__always) static func key(_ score: Double) -> UInt64 {
        let bits = (score + 0).bitPattern
        return ~(bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63))
    }

    /// Writes each site's rank (1 = best) into `ranks`, indexed like `scores`.
    mutating func rank(scores: [Double], into ranks: inout [Int32]) {
        let n = idOrder.count
        guard n > 0 else { return }
        precondition(scores.count == n && ranks.count == n, "RankSorter: \(scores.count) scores and \(ranks.count) ranks for \(n) sites")
        // Unsafe buffers: the checked subscripts' bounds and uniqueness checks were most of this loop's time.
        keys.withUnsafeMutableBufferPointer { keys in
        spareKeys.withUnsafeMutableBufferPointer { spareKeys in
        sites.withUnsafeMutableBufferPointer { sites in
        spareSites.withUnsafeMutableBufferPointer { spareSites in
        counts.withUnsafeMutableBufferPointer { counts in
        idOrder.withUnsafeBufferPointer { idOrder in
        scores.withUnsafeBufferPointer { scores in
        ranks.withUnsafeMutableBufferPointer { ranks in
            counts.update(repeating: 0)
            // Keys in id order, so the stable sort leaves equal scores in id order.
            for position in 0..<n {
                let site = idOrder[position], key = Self.key(scores[Int(site)])
                keys[position] = key
                sites[position] = site
                for byte in 0..<4 { counts[byte * 256 + Int((key >> (32 + 8 * UInt64(byte))) & 0xFF)] += 1 }
            }
            var (fromKeys, fromSites, toKeys, toSites) = (keys, sites, spareKeys, spareSites)
            for byte in 0..<4 {
                let shift = 32 + 8 * UInt64(byte), base = byte * 256
                if counts[base + Int((fromKeys[0] >> shift) & 0xFF)] == n { continue }  // every key has this byte
                var offset: Int32 = 0
                for digit in base..<(base + 256) {
                    let count = counts[digit]
                    counts[digit] = offset
                    offset += count
                }
                for position in 0..<n {
                    let key = fromKeys[position], digit = base + Int((key >> shift) & 0xFF)
                    let target = Int(counts[digit])
                    counts[digit] = Int32(target + 1)
                    toKeys[target] = key
                    toSites[target] = fromSites[position]
                }
                swap(&fromKeys, &toKeys)
                swap(&fromSites, &toSites)
            }
            // Sorted on the high 32 bits; a stable insertion pass orders the runs they leave tied.
            for position in 1..<max(n, 1) where fromKeys[position] < fromKeys[position - 1] {
                let key = fromKeys[position], site = fromSites[position]
                var j = position
                while j > 0 && fromKeys[j - 1] > key {
                    fromKeys[j] = fromKeys[j - 1]
                    fromSites[j] = fromSites[j - 1]
                    j -= 1
                }
                fromKeys[j] = key
                fromSites[j] = site
            }
            for position in 0..<n { ranks[Int(fromSites[position])] = Int32(position + 1) }
        }}}}}}}}
    }
}

/// The draws' inputs for one archetype, laid out flat in plain numbers so the inner loop reads
/// contiguous trivial values (the nested arrays of structs holding `ValueFunction`s it replaces cost
/// retain/release and an indirection per access). A site's score in a draw is
/// Σ_d k_d · F_sd + Σ_i k_d(i) · v_i, with k_d = w_d / n_d (the draw's weight share over the driver's
/// number of indicators) worked once per draw, F_sd the sum of site s's values for driver d that no
/// draw varies, and v_i each varying value: a uniform 0–1 for an unknown indicator, or a modelled
/// figure through its value function at its perturbed raw value. Random numbers are taken site by
/// site, driver by driver, unknowns before modelled figures, so a draw's scores depend only on its
/// generator.
struct DrawTable: Sendable {
    /// One indicator value a draw varies: an unknown (uniform 0–1), or a modelled raw figure through
    /// its value function, inline when linear (drive times, the common case), else by index into `functions`.
    struct Varying: Sendable {
        static let unknown: Int32 = -2, linear: Int32 = -1
        var driver: Int32
        /// ``unknown``, ``linear``, or an index into `functions`.
        var kind: Int32
        var raw: Double = 0
        var x0: Double = 0, v0: Double = 0, x1: Double = 0, v1: Double = 0
    }

    let siteCount: Int
    let driverCount: Int
    /// [site × driverCount + driver]: the sum of the values no draw varies.
    private(set) var fixed: [Double] = []
    /// Site s's varying values are `varying[varyingStart[s]..<varyingStart[s + 1]]`.
    private(set) var varyingStart: [Int32] = [0]
    private(set) var varying: [Varying] = []
    private(set) var functions: [ValueFunction] = []
    /// Per driver: its number of indicators (at least 1).
    let indicatorCounts: [Double]
    /// Per site: the location-type prior, 0–1.
    let priors: [Double]
    let modelledError: Double
    let unknownValue: Double

    init(sites: [Site], indicators: [String: SiteIndicators], archetype: Archetype, driverIDs: [String], catalogue: Catalogue, options: StabilityOptions) {
        siteCount = sites.count
        driverCount = driverIDs.count
        indicatorCounts = driverIDs.map { Double(max(catalogue.drivers[$0]!.indicators.count, 1)) }
        priors = sites.map { site in
            switch archetype.fit(for: site.locationType) { case .best: 1; case .unknown: 0.5; case .least: 0 }
        }
        modelledError = options.modelledError
        unknownValue = catalogue.unknownValue
        for site in sites {
            let values = indicators[site.id]?.values ?? [:]
            for (d, id) in driverIDs.enumerated() {
                var fixedSum = 0.0
                var modelled: [Varying] = []
                for item in catalogue.drivers[id]!.indicators {
                    guard let indicator = values[item.indicator], let value = item.function.value(of: indicator.value) else {
                        if options.varyUnknown { varying.append(Varying(driver: Int32(d), kind: Varying.unknown)) } else { fixedSum += catalogue.unknownValue }
                        continue
                    }
                    if indicator.quality == .modelled, options.modelledError > 0, case let .number(raw) = indicator.value {
                        if case let .linear(x0, v0, x1, v1) = item.function {
                            modelled.append(Varying(driver: Int32(d), kind: Varying.linear, raw: raw, x0: x0, v0: v0, x1: x1, v1: v1))
                        } else {
                            functions.append(item.function)
                            modelled.append(Varying(driver: Int32(d), kind: Int32(functions.count - 1), raw: raw))
                        }
                    } else {
                        fixedSum += value
                    }
                }
                varying.append(contentsOf: modelled)  // after the driver's unknowns
                fixed.append(fixedSum)
            }
            varyingStart.append(Int32(varying.count))
        }
    }

    /// Every site's score (0–100) in one draw with these weight shares, into `scores`.
    func scores(weights: [Double], priorWeight: Double, rng: inout SplitMix64, into scores: inout [Double]) {
        let error = modelledError, unknown = unknownValue, drivers = driverCount
        let k = zip(weights, indicatorCounts).map { $0 / $1 }
        // Unsafe buffers: the checked subscripts' bounds checks were a large part of this loop.
        fixed.withUnsafeBufferPointer { fixed in
        varyingStart.withUnsafeBufferPointer { starts in
        varying.withUnsafeBufferPointer { varying in
        priors.withUnsafeBufferPointer { priors in
        k.withUnsafeBufferPointer { k in
        scores.withUnsafeMutableBufferPointer { scores in
            for s in 0..<siteCount {
                var total = 0.0
                for d in 0..<drivers { total += k[d] * fixed[s * drivers + d] }
                for i in Int(starts[s])..<Int(starts[s + 1]) {
                    let part = varying[i]
                    let u = RankStability.unit(&rng)
                    let value: Double
                    switch part.kind {
                    case Varying.unknown:
                        value = u
                    case Varying.linear:
                        let x = part.raw * (1 + (2 * u - 1) * error)
                        let t = min(max((x - part.x0) / (part.x1 - part.x0), 0), 1)
                        value = part.v0 + t * (part.v1 - part.v0)
                    default:
                        value = functions[Int(part.kind)].value(of: .number(part.raw * (1 + (2 * u - 1) * error))) ?? unknown
                    }
                    total += k[Int(part.driver)] * value
                }
                scores[s] = (1 - priorWeight) * total * 100 + priorWeight * priors[s] * 100
            }
        }}}}}}
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
        let total = weights.sorted { $0.key < $1.key }.reduce(0) { $0 + $1.value }
        guard total > 0 else { return nil }
        var uses: [String: [(function: ValueFunction, k: Double)]] = [:]
        // In key order, so each indicator's uses (and their sums) come in the same order on every run.
        for (driverID, weight) in weights.sorted(by: { $0.key < $1.key }) where weight > 0 {
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
