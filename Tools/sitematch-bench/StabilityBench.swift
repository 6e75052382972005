import ArgumentParser
import Foundation
import SiteMatchData
import SiteMatchGeometry
import SiteMatchMatching

/// `sitematch-bench stability`: issue 19's workload — 1,000 draws × 17 archetypes × ~1,000 sites —
/// timed inside the process, so loading the data and measuring indicators are not counted.
struct StabilityBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stability",
        abstract: "Time rank stability for every archetype over a GeoData directory's sites repeated --copies times.",
        discussion: """
        Each copy of a site gets a new id and the original's indicators, so the workload has the
        shipped data's mix of fixed, modelled and unknown indicators. Prints one line per phase to stderr.

        Example:
          sitematch-bench stability GeoData --copies 34 --draws 1000 --workers 2
        """
    )

    @Argument(help: "A GeoData directory.") var geodata: String
    @Option(help: "How many times to repeat the sites (34 × 30 shipped sites = 1,020).") var copies = 34
    @Option(help: "Monte Carlo draws per archetype.") var draws = 1_000
    @Option(help: "Random seed.") var seed: UInt64 = 2026
    @Option(help: "Worker threads (default: all cores).") var workers = ParallelWorkers.defaultCount

    func validate() throws {
        if copies < 1 { throw ValidationError("--copies must be at least 1") }
        if let problem = Limits.draws.problem(Double(draws)) { throw ValidationError("--draws \(problem)") }
    }

    func run() throws {
        let session = try MatchingSession(directory: geodata, context: GEOSContext())
        var sites: [Site] = []
        var indicators: [String: SiteIndicators] = [:]
        for copy in 0..<copies {
            for site in session.portfolio.sites {
                var twin = site
                twin.id = "\(site.id)#\(copy)"
                sites.append(twin)
                indicators[twin.id] = session.indicators[site.id]
            }
        }
        let scorer = Scorer(catalogue: session.catalogue)
        let archetypes = session.catalogue.archetypes
        let options = StabilityOptions(draws: draws, seed: seed)
        let clock = ContinuousClock()
        let start = clock.now
        var robust = 0
        for archetype in archetypes {
            let result = try RankStability.stability(sites: sites, indicators: indicators, archetype: archetype, scorer: scorer, options: options, workers: workers)
            robust += result.filter { $0.word == "robust" }.count
        }
        let drawn = clock.now
        for archetype in archetypes {
            _ = RankStability.winnerChange(sites: sites, indicators: indicators, archetype: archetype, scorer: scorer)
            _ = RankStability.indicatorChange(sites: sites, indicators: indicators, archetype: archetype, scorer: scorer)
        }
        let solved = clock.now
        func s(_ d: Duration) -> String { String(format: "%.3f", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) }
        FileHandle.standardError.write(Data("""
            sites \(sites.count) archetypes \(archetypes.count) draws \(draws) workers \(workers): \
            draws \(s(drawn - start)) s, winner and indicator changes \(s(solved - drawn)) s (robust site-archetype pairs: \(robust))

            """.utf8))
    }
}
