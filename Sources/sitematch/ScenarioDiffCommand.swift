import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchData

struct ScenarioDiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario-diff",
        abstract: "Per site, how a network scenario changes drive time to the M6, to a university, and 30/45-minute catchments.",
        discussion: """
        Compares the MODELLED baseline with the model after the scenario's edits (CSV to stdout or -o). \
        Times in minutes; a blank is unreachable. Imported matrices are not used: a scenario edits the \
        network. A speed change may be absolute (kmh: 90) or relative to the modelled speed (factor: 1.25); \
        any change that lowers a road's speed is warned about.

        Examples:
          sitematch scenario-diff GeoData/scenarios/m6-j15a-keele.yaml
          sitematch scenario-diff my-link-road.yaml --profile hgv -o diff.csv
        """
    )

    @Argument(help: ArgumentHelp("The scenario file (YAML).", valueName: "file"))
    var file: String

    @Option(help: "Speed profile from profiles.yaml: car or hgv.")
    var profile = "car"

    @Option(name: [.short, .long], help: "Output format: csv or json.")
    var format: TableFormat = .csv

    @OptionGroup var data: GeoDataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try data.workspace().scenarioDiff(file: file, profile: profile, progress: data.progress)
        for warning in report.warnings { writeToStandardError("sitematch: warning: \(warning)\n") }
        try output.emit(format == .json ? try ReportJSON.text(report) : try Self.csv(report))
    }

    static func csv(_ report: ScenarioDiffReport) throws -> String {
        func minutes(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "" }
        func delta(_ a: Double?, _ b: Double?) -> String { (a != nil && b != nil) ? String(format: "%+.2f", b! - a!) : "" }
        let rows = report.sites.map { c in
            [c.siteId, c.siteName, minutes(c.m6MinBefore), minutes(c.m6MinAfter), delta(c.m6MinBefore, c.m6MinAfter),
             minutes(c.universityMinBefore), minutes(c.universityMinAfter), delta(c.universityMinBefore, c.universityMinAfter),
             String(c.pop30minBefore), String(c.pop30minAfter), String(c.pop30minAfter - c.pop30minBefore),
             String(c.pop45minBefore), String(c.pop45minAfter), String(c.pop45minAfter - c.pop45minBefore), report.source]
        }
        return try CSVText.make(header: ["site_id", "site_name", "m6_min_before", "m6_min_after", "m6_change", "university_min_before", "university_min_after",
                                         "university_change", "pop_30min_before", "pop_30min_after", "pop_30min_change",
                                         "pop_45min_before", "pop_45min_after", "pop_45min_change", "travel_times"], rows: rows)
    }
}
