import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchData

/// `sitematch validate [DIR]`: checks a GeoData directory against its schema.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a GeoData directory: schema, ids, geometry, positions, areas, references and network connectivity.",
        discussion: """
        Checks sites, assets, population, corridors, zones and network layers against GeoData/SCHEMA.md, \
        and archetypes.yaml, drivers.yaml, profiles.yaml and dataset.yaml as a run would read them. \
        Prints one line per problem (file: feature #i (id=…): field: what is wrong, what was expected) and a summary. \
        Exits 1 if there is any error, 0 if there are only warnings.

        Examples:
          sitematch validate
          sitematch validate path/to/my-geodata
          sitematch validate --format json GeoData > report.json
        """
    )

    @Argument(help: ArgumentHelp("The directory holding the layer files (default: the shipped GeoData).", valueName: "dir"))
    var directory: String?

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var format: ReportFormat = .text

    func run() throws {
        let report = try LayerFiles.validate(directory: directory)
        print(format == .json ? try ReportJSON.text(report) : Self.text(report), terminator: "")
        if !report.passed { throw ExitCode.failure }
    }

    static func text(_ report: ValidationReport) -> String {
        var out = report.issues.map { "\($0)\n" }.joined()
        let features = report.layers.compactMap(\.features).reduce(0, +)
        let yaml = report.layers.filter { $0.file.hasSuffix(".yaml") }.count
        out += "\(report.directory): \(report.layers.count - yaml) layers and \(yaml) YAML files, \(features) features: \(report.errorCount) error\(report.errorCount == 1 ? "" : "s"), \(report.warningCount) warning\(report.warningCount == 1 ? "" : "s")" + (report.noteCount > 0 ? ", \(report.noteCount) note\(report.noteCount == 1 ? "" : "s")" : "") + "\n"
        return out
    }
}
