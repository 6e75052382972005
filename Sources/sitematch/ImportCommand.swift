import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchData

/// `sitematch import`: public registers turned into layers SiteMatch scores.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Turn a public register into a site layer that --sites scores.",
        subcommands: [ImportBrownfieldCommand.self]
    )
}

struct ImportBrownfieldCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "brownfield",
        abstract: "A Brownfield Land Register CSV (2017 data standard) as RFC 7946 GeoJSON sites: each point an indicative circle of its hectares.",
        discussion: """
        Columns are matched ignoring case and spaces. Tolerated, and said on stderr: no \
        CoordinateReferenceSystem column (the values decide: eastings/northings or degrees), \
        NewDwellingsRangeTo for NetDwellingsRangeTo, trailing spaces, and a row whose GeoX and GeoY \
        are swapped. Any other bad row is an error naming its line and column (--skip-bad-rows \
        writes the rest and lists what it left out). The register gives no location type or status: \
        say them with --site-fields when scoring.

        Examples:
          sitematch import brownfield brownfield-register.csv -o brownfield.geojson
          sitematch match --sites brownfield.geojson --site-fields GeoData/brownfield-fields.yaml --archetype scale_up_manufacturing
        """
    )

    @Argument(help: ArgumentHelp("The register (CSV).", valueName: "file")) var file: String
    @Option(name: [.short, .long], help: ArgumentHelp("The GeoJSON to write (- for standard output).", valueName: "file")) var output = "-"
    @Flag(help: "Replace an existing output file.") var overwrite = false
    @Flag(help: "Write the rows without errors and list the others on stderr, instead of stopping at the first.") var skipBadRows = false
    @Flag(name: [.short, .long], help: "Print no summary on stderr.") var quiet = false

    func run() throws {
        let report = try LayerFiles.importBrownfield(file: file, output: output, overwrite: overwrite, skipBadRows: skipBadRows)
        guard !quiet else { return }
        var talk = "Imported \(report.sites) site\(report.sites == 1 ? "" : "s"), \(String(format: "%.2f", report.hectares)) ha, from \(report.file)"
            + (output == "-" ? "" : " to \(output)") + "\n  coordinates: \(report.coordinates)\n"
        for warning in report.warnings { talk += "  note: \(warning)\n" }
        if !report.skipped.isEmpty {
            talk += "  left out \(report.skipped.count) row\(report.skipped.count == 1 ? "" : "s"):\n" + report.skipped.map { "    \($0)\n" }.joined()
        }
        writeToStandardError(talk)
    }
}
