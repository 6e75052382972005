import ArgumentParser
import Foundation
import SiteMatchData
import SiteMatchGeometry

/// `sitematch validate [DIR]`: checks a GeoData directory against its schema.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate",
        abstract: "Check a GeoData directory: schema, ids, geometry, positions, areas, references and network connectivity.",
        discussion: """
        Checks sites, assets, population, corridors, zones and network layers against GeoData/SCHEMA.md. \
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
        guard let directory = directory ?? GeoDataDirectory.shipped() else {
            throw ValidationError("cannot find the shipped GeoData; give the directory, or set SITEMATCH_GEODATA")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw DataError("\(directory): no such directory")
        }
        let report = try PortfolioValidator.validate(directory: directory, context: GEOSContext())
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            print(String(decoding: try encoder.encode(report), as: UTF8.self))
        case .text:
            for issue in report.issues { print(issue) }
            let features = report.layers.compactMap(\.features).reduce(0, +)
            print("\(report.directory): \(report.layers.count) layers, \(features) features: \(report.errorCount) error\(report.errorCount == 1 ? "" : "s"), \(report.warningCount) warning\(report.warningCount == 1 ? "" : "s")")
        }
        if !report.passed { throw ExitCode.failure }
    }
}

/// A problem with the user's data or files: reported as "sitematch: error: …", exit 1.
struct DataError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
