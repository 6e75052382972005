import Foundation
import Testing
import SiteMatchData
import SiteMatchMatching
@testable import SiteMatchApp

/// The raw-indicator winner change on the shipped data, checked for every archetype by re-scoring:
/// just past the reported value (a whole step for counts) the challenger leads; just short of it
/// (continuous indicators) the winner still does.
@Suite struct IndicatorChangeTests {
    @Test func everyReportedIndicatorChangeFlipsTheWinnerExactlyThere() throws {
        let workspace = AppFixture.workspace
        let scorer = Scorer(catalogue: workspace.catalogue)
        var checked = 0
        for archetype in workspace.catalogue.archetypes {
            guard let change = RankStability.indicatorChange(sites: workspace.portfolio.sites, indicators: workspace.session.indicators,
                                                             archetype: archetype, scorer: scorer) else { continue }
            func leader(_ value: Double) -> String {
                var indicators = workspace.session.indicators
                indicators[change.siteId]!.values[change.indicatorId]!.value = .number(value)
                let scores = workspace.portfolio.sites.map { scorer.score(site: $0, indicators: indicators[$0.id]!, archetype: archetype) }
                return Scorer.ranked(scores)[0].siteID
            }
            let direction: Double = change.to > change.from ? 1 : -1
            if change.unit == "count" {
                #expect(leader(change.to) == change.challengerId, "\(archetype.id): \(change)")
            } else {
                let epsilon = 1e-6 * max(1, abs(change.to))
                #expect(leader(change.to + direction * epsilon) == change.challengerId, "\(archetype.id): \(change)")
                #expect(leader(change.to - direction * epsilon) == change.winnerId, "\(archetype.id): \(change)")
            }
            checked += 1
        }
        #expect(checked >= 10)
    }
}
