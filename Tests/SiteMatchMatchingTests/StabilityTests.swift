import Foundation
import SiteMatchData
import SiteMatchGeometry
@testable import SiteMatchMatching
import Testing

@Suite struct StabilityTests {
    static let catalogue = ScorerTests.catalogue
    static let archetype = ScorerTests.archetype  // best fit D, least fit A; weights logistics 3, floorplate 1

    static func indicators(m6: Double, area: Double) -> SiteIndicators {
        func indicator(_ id: String, _ value: IndicatorValue) -> Indicator { Indicator(id: id, unit: "", value: value, evidence: "", source: "", quality: .official) }
        return SiteIndicators(siteID: "x", values: ["minutes_to_m6": indicator("minutes_to_m6", .number(m6)), "site_area_ha": indicator("site_area_ha", .number(area)),
                                                    "available_area_ha": indicator("available_area_ha", .number(area))])
    }

    /// Two sites, only the prior weight p uncertain (uniform 0–0.5). Site "a" (type D, best fit) has
    /// drivers 60; "b" (type A, least fit) has drivers 80. a scores 0.6·100(1−p) + 100p, b scores
    /// 0.8·100(1−p), so a leads iff 60 + 120p > 80, i.e. p > 1/6: P(a first) = (0.5 − 1/6)/0.5 = 2/3.
    @Test func pRank1MatchesItsClosedForm() throws {
        // logistics: m6 15 min → 0.6, m6 10 → 0.8; floorplate: 12.4 ha → 0.6, 16.2 ha → 0.8 (linear 1–20 ha).
        let sites = [ScorerTests.site("a", type: "D"), ScorerTests.site("b", type: "A")]
        let indicators = ["a": Self.indicators(m6: 15, area: 12.4), "b": Self.indicators(m6: 10, area: 16.2)]
        let draws = 4_000
        let options = StabilityOptions(draws: draws, seed: 11, concentration: nil, modelledError: 0, priorWeightRange: 0...0.5, varyUnknown: false)
        let result = try RankStability.stability(sites: sites, indicators: indicators, archetype: Self.archetype, scorer: Scorer(catalogue: Self.catalogue), options: options)
        let a = try #require(result.first { $0.siteId == "a" })
        // Binomial standard error √(p(1−p)/n) = 0.0075 at n = 4,000; allow 4 of them.
        #expect(abs(a.pRank1 - 2.0 / 3) < 4 * (2.0 / 9 / Double(draws)).squareRoot(), "\(a.pRank1)")
        #expect(a.pTop3 == 1)
    }

    /// Sites "w" and "c", both type D (equal priors): the crossing worked by hand, then checked by
    /// re-scoring just either side of the reported weight.
    @Test func theWinnerChangeIsExactOnBothSides() throws {
        let sites = [ScorerTests.site("w", type: "D"), ScorerTests.site("c", type: "D")]
        // w: m6 10 → 0.8, area 4.8 → 0.2; c: m6 15 → 0.6, area 18.1 → 0.9.
        // drivers(w) = (3·0.8 + 1·0.2)/4 = 0.65; drivers(c) = (3·0.6 + 1·0.9)/4 = 0.675 → c leads at 3:1.
        // Logistics' weight x (floorplate 1): 0.8x + 0.2 = 0.6x + 0.9 at x = 3.5, a change of 0.5.
        // Floorplate's weight y (logistics 3): 2.4 + 0.2y = 1.8 + 0.9y at y = 6/7, a change of 1/7 — the smallest.
        let indicators = ["w": Self.indicators(m6: 10, area: 4.8), "c": Self.indicators(m6: 15, area: 18.1)]
        let scorer = Scorer(catalogue: Self.catalogue)
        let change = try #require(RankStability.winnerChange(sites: sites, indicators: indicators, archetype: Self.archetype, scorer: scorer))
        #expect(change.winnerId == "c" && change.challengerId == "w" && change.driverId == "floorplate")
        #expect(change.weightFrom == 1 && abs(change.weightTo - 6.0 / 7) < 1e-9)
        func leader(floorplate: Double) -> String {
            let s = Scorer(catalogue: Self.catalogue, weightOverrides: ["test": ["logistics": 3, "floorplate": floorplate]])
            return Scorer.ranked(sites.map { s.score(site: $0, indicators: indicators[$0.id]!, archetype: Self.archetype) })[0].siteID
        }
        #expect(leader(floorplate: change.weightTo + 1e-6) == "c")
        #expect(leader(floorplate: change.weightTo - 1e-6) == "w")
    }

    /// The same two sites: c leads by 75.625 to 73.75 (p = 0.25, both best fit). Minutes to the M6
    /// carry k = 0.75 × 100 × 3/4 = 56.25 points per unit of value, so 1.875 points is 1/30 of value,
    /// 25/30 min on the 5–30 min function: c's time rising from 15 to 15.83 min (or w's falling from
    /// 10 to 9.17, the same relative change, 1/30 of the span; ties go to the smaller site id, c).
    /// Area is worth 9.375 points per unit on each of two indicators: 3.8 ha, a fifth of its span.
    /// Checked by re-scoring just either side of the reported value.
    @Test func theIndicatorChangeIsExactOnBothSides() throws {
        let sites = [ScorerTests.site("w", type: "D"), ScorerTests.site("c", type: "D")]
        let indicators = ["w": Self.indicators(m6: 10, area: 4.8), "c": Self.indicators(m6: 15, area: 18.1)]
        let scorer = Scorer(catalogue: Self.catalogue)
        let change = try #require(RankStability.indicatorChange(sites: sites, indicators: indicators, archetype: Self.archetype, scorer: scorer))
        #expect(change.siteId == "c" && change.indicatorId == "minutes_to_m6" && change.winnerId == "c" && change.challengerId == "w")
        #expect(change.from == 15 && abs(change.to - (15 + 25.0 / 30)) < 1e-9)
        #expect(abs(change.relativeChange - 1.0 / 30) < 1e-9)
        func leader(cMinutes: Double) -> String {
            var changed = indicators
            changed["c"]!.values["minutes_to_m6"]!.value = .number(cMinutes)
            return Scorer.ranked(sites.map { scorer.score(site: $0, indicators: changed[$0.id]!, archetype: Self.archetype) })[0].siteID
        }
        #expect(leader(cMinutes: change.to + 1e-6) == "w")
        #expect(leader(cMinutes: change.to - 1e-6) == "c")
    }

    @Test func noSingleIndicatorChangeCanOvertakeALeadThatLarge() {
        // w: every value 1 and best fit → 100; c: least fit, at most 75 even with every value 1; w with
        // its M6 time at the worst still scores 0.75 × 25 + 25 = 43.75 > c's 24.5.
        let sites = [ScorerTests.site("w", type: "D"), ScorerTests.site("c", type: "A")]
        let indicators = ["w": Self.indicators(m6: 5, area: 20), "c": Self.indicators(m6: 20, area: 3)]
        #expect(RankStability.indicatorChange(sites: sites, indicators: indicators, archetype: Self.archetype, scorer: Scorer(catalogue: Self.catalogue)) == nil)
    }

    @Test func aSiteBetterOnEveryDriverCannotBeOvertakenByOneWeight() {
        let sites = [ScorerTests.site("w", type: "D"), ScorerTests.site("c", type: "A")]
        let indicators = ["w": Self.indicators(m6: 6, area: 19), "c": Self.indicators(m6: 20, area: 3)]
        #expect(RankStability.winnerChange(sites: sites, indicators: indicators, archetype: Self.archetype, scorer: Scorer(catalogue: Self.catalogue)) == nil)
    }

    @Test func theSameSeedGivesTheSameAnswerOnOneAndTwoThreads() throws {
        let sites = (0..<12).map { ScorerTests.site("s\($0)", type: ["A", "B", "C", "D"][$0 % 4]) }
        var indicators: [String: SiteIndicators] = [:]
        for (i, site) in sites.enumerated() {
            var values = Self.indicators(m6: 5 + Double(i) * 2, area: 20 - Double(i)).values
            values["minutes_to_m6"]!.quality = .modelled
            values["available_area_ha"]!.value = .unknown
            indicators[site.id] = SiteIndicators(siteID: site.id, values: values)
        }
        let options = StabilityOptions(draws: 500, seed: 99)
        let scorer = Scorer(catalogue: Self.catalogue)
        let one = try RankStability.stability(sites: sites, indicators: indicators, archetype: Self.archetype, scorer: scorer, options: options, workers: 1)
        let two = try RankStability.stability(sites: sites, indicators: indicators, archetype: Self.archetype, scorer: scorer, options: options, workers: 2)
        #expect(one == two)
        #expect(one.map(\.pRank1).reduce(0, +) == 1)
        let other = try RankStability.stability(sites: sites, indicators: indicators, archetype: Self.archetype, scorer: scorer,
                                                options: StabilityOptions(draws: 500, seed: 100), workers: 2)
        #expect(other != one)
    }

    /// The radix ranking against the standard library's sort by (score descending, id ascending):
    /// random scores with many exact ties (a few distinct values), negatives, −0 beside +0, and scores
    /// that differ only in their low 32 bits (which the radix passes do not look at).
    @Test func theRadixRankingMatchesASortByScoreThenId() {
        var rng = SplitMix64(seed: 3)
        let near = 61.25
        for trial in 0..<40 {
            let n = 1 + Int(rng.next() % 300)
            let scores: [Double] = (0..<n).map { _ in
                switch rng.next() % 5 {
                case 0: return Double(rng.next() % 4) * 12.5            // exact ties
                case 1: return near + Double(rng.next() % 8) * near.ulp  // differ only in the last bits
                case 2: return rng.next() % 2 == 0 ? 0.0 : -0.0
                case 3: return -Double(rng.next() % 1000) / 7
                default: return Double(rng.next() % 1_000_000) / 9973
                }
            }
            // Ids in an order unrelated to the index, so ties test the id order, not the input order.
            let ids = (0..<n).map { String(format: "site-%05d", (Int($0) * 7919 + trial) % 100_003) }
            let idOrder = ids.indices.sorted { ids[$0] < ids[$1] }.map { Int32($0) }
            var sorter = RankSorter(idOrder: idOrder)
            var ranks = [Int32](repeating: 0, count: n)
            sorter.rank(scores: scores, into: &ranks)
            let expected = scores.indices.sorted { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : ids[$0] < ids[$1] }
            #expect(expected.map { Int(ranks[$0]) } == Array(1...n), "trial \(trial), n \(n)")
        }
    }

    /// Gamma(k) has mean k and variance k: checked on 20,000 draws for k = 0.5, 2 and 30.
    @Test func gammaDrawsHaveTheRightMeanAndVariance() {
        var rng = SplitMix64(seed: 5)
        for k in [0.5, 2, 30] {
            let xs = (0..<20_000).map { _ in Gamma.sample(shape: k, using: &rng) }
            let mean = xs.reduce(0, +) / Double(xs.count)
            let variance = xs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(xs.count - 1)
            #expect(abs(mean - k) < 4 * (k / 20_000).squareRoot(), "k \(k) mean \(mean)")
            #expect(abs(variance - k) / k < 0.06, "k \(k) variance \(variance)")
        }
    }
}
