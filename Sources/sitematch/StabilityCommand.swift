import ArgumentParser
import Foundation
import SiteMatchApp

/// `sitematch stability`: how stable each ranking is, and which weight would change the winner.
struct StabilityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stability",
        abstract: "How stable each archetype's ranking is under uncertain weights and data, and which weight change would alter the winner.",
        discussion: """
        Monte Carlo draws (seeded; identical for any number of threads) perturb the weights (Dirichlet \
        around the catalogue's), modelled indicators (±25 %), the prior weight (0-0.5) and unknown \
        indicators (any 0-1 value). For each site: P(rank 1), P(top 3), the 5-95 % rank interval and a \
        word (robust / moderate / fragile). The winner change is exact, not searched for.

        Examples:
          sitematch stability --archetype scale_up_manufacturing
          sitematch stability --draws 10000 --seed 7 --format json -o stability.json
        """
    )

    @Option(help: ArgumentHelp("Only this archetype.", valueName: "id")) var archetype: String?
    @Option(parsing: .unconditional, help: "Sites to list per archetype.") var top = 5
    @Option(parsing: .unconditional, help: "Monte Carlo draws (1 to 1000000).") var draws = 1_000
    @Option(help: "Seed for the draws.") var seed: UInt64 = 2026
    @Option(name: [.short, .long], help: "Output format: text or json.") var format: ReportFormat = .text

    @OptionGroup var matching: MatchingOptions
    @OptionGroup var times: MatrixOptions
    @OptionGroup var data: GeoDataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try data.workspace(times, ahp: matching.ahp).stability(archetype: archetype, top: top, draws: draws, seed: seed, priorWeight: matching.priorWeight)
        try output.emit(format == .json ? try ReportJSON.text(report) : Self.text(report))
    }

    static func text(_ report: StabilityReport) -> String {
        var out = "\(report.method); seed \(report.seed).\nWords: \(report.wordRule).\n"
        for a in report.archetypes {
            out += "\n\(a.name) [\(a.archetypeId)]\n"
            out += "  rank  site                                 P(1)   P(top 3)  5-95 % ranks  \n"
            for s in a.sites {
                out += "  " + String(s.rank).padding(toLength: 6, withPad: " ", startingAt: 0) + s.siteId.padding(toLength: 37, withPad: " ", startingAt: 0)
                out += String(format: "%4.0f%%  %6.0f%%     ", s.pRank1 * 100, s.pTop3 * 100) + "\(s.rank5)-\(s.rank95)".padding(toLength: 9, withPad: " ", startingAt: 0) + s.word + "\n"
            }
            out += "  \(a.winnerChangeText)\n  \(a.indicatorChangeText)\n"
        }
        return out
    }
}
