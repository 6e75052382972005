import ArgumentParser
import Foundation
import SiteMatchAccessibility
import SiteMatchData
import SiteMatchGeometry

struct ScenarioDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario-diff",
        abstract: "Per site, how a network scenario changes drive time to the M6, to a university, and 30/45-minute catchments.",
        discussion: """
        Compares the MODELLED baseline with the model after the scenario's edits (CSV to stdout or -o). \
        Times in minutes; a blank is unreachable.

        Examples:
          sitematch scenario-diff GeoData/scenarios/m6-j15a-keele.yaml
          sitematch scenario-diff my-link-road.yaml --profile hgv -o diff.csv
        """
    )

    @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "file"))
    var file: String

    @Option(help: "Speed profile from profiles.yaml: car or hgv.")
    var profile = "car"

    @OptionGroup var data: GeoDataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = GEOSContext()
        let (portfolio, speeds) = try data.loadPortfolio(context: context, profile: profile)
        let scenario = try NetworkScenarioLoader.load(contentsOfFile: file)
        data.progress("Comparing the baseline with '\(scenario.name)' (\(speeds.name), modelled) …")
        let baseline = try TravelTimeModel(portfolio: portfolio, profile: speeds, context: context)
        let changed = try TravelTimeModel(portfolio: portfolio, profile: speeds, scenario: scenario, context: context)
        let changes = ScenarioComparison.compare(portfolio: portfolio, baseline: baseline, scenario: changed)
        func minutes(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "" }
        func delta(_ a: Double?, _ b: Double?) -> String { (a != nil && b != nil) ? String(format: "%+.2f", b! - a!) : "" }
        let rows = changes.map { c in
            [c.siteID, minutes(c.m6Before), minutes(c.m6After), delta(c.m6Before, c.m6After),
             minutes(c.universityBefore), minutes(c.universityAfter), delta(c.universityBefore, c.universityAfter),
             String(c.catchment30Before), String(c.catchment30After), String(c.catchment30After - c.catchment30Before),
             String(c.catchment45Before), String(c.catchment45After), String(c.catchment45After - c.catchment45Before)]
        }
        try output.emit(try CSVText.make(header: ["site_id", "m6_min_before", "m6_min_after", "m6_change", "university_min_before", "university_min_after",
                                                  "university_change", "pop_30min_before", "pop_30min_after", "pop_30min_change",
                                                  "pop_45min_before", "pop_45min_after", "pop_45min_change"], rows: rows))
    }
}
