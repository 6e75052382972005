import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchGeometry

struct IsochroneCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "isochrone",
        abstract: "Write the areas reachable from a site within time budgets (RFC 7946 GeoJSON).",
        discussion: """
        Nested polygons (15 ⊂ 30 ⊂ 45 …): the reachable parts of the MODELLED road network, each widened \
        by 1 km for the local roads the model omits, unioned with GEOS, plus the site itself. Every feature \
        carries site_id, minutes, profile and source.

        Examples:
          sitematch isochrone smithfield_hanley --minutes 15,30,45 -o hanley.geojson
          sitematch isochrone --all --minutes 30 --profile hgv -o all-sites-30min.geojson
        """
    )

    @Argument(help: ArgumentHelp("The site id (see sites.geojson).", valueName: "site"))
    var siteID: String?

    @Flag(help: "Every site (keeps site_id on every polygon).")
    var all = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Comma-separated budgets in minutes.", valueName: "list"))
    var minutes: MinuteBudgets = MinuteBudgets(argument: "15,30,45")!

    @OptionGroup var model: ModelOptions
    @OptionGroup var data: GeoDataOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if all == (siteID != nil) { throw ValidationError("give one site id, or --all") }
    }

    func run() throws {
        let layer = try data.workspace().isochrones(site: siteID, minutes: minutes.values, model: model.choice) { i, count, site in
            data.progress("Isochrones \(i)/\(count): \(site)")
        }
        try output.emit(try GeoJSONWriter.encode(layer, context: GEOSContext()))
    }
}

struct CatchmentCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catchment",
        abstract: "Population and working-age population reachable from a site within time budgets.",
        discussion: """
        Counts the population points marked use_in_catchment (a set that does not double count) whose \
        MODELLED drive time is within each budget, and lists them with their data year and source. \
        Working-age figures in the shipped GeoData are modelled from age shares (PROVENANCE.md).

        Examples:
          sitematch catchment smithfield_hanley --minutes 30,45
          sitematch catchment kusip --format json
        """
    )

    @Argument(help: ArgumentHelp("The site id (see sites.geojson).", valueName: "site"))
    var siteID: String

    @Option(parsing: .unconditional, help: ArgumentHelp("Comma-separated budgets in minutes.", valueName: "list"))
    var minutes: MinuteBudgets = MinuteBudgets(argument: "30,45")!

    @OptionGroup var model: ModelOptions
    @OptionGroup var times: MatrixOptions

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var format: ReportFormat = .text

    @OptionGroup var data: GeoDataOptions

    func run() throws {
        let report = try data.workspace(times).catchment(site: siteID, minutes: minutes.values, model: model.choice)
        print(format == .json ? try ReportJSON.text(report) : Self.text(report), terminator: "")
    }

    static func text(_ report: CatchmentReport) -> String {
        var out = ""
        for c in report.catchments {
            out += "\(report.siteName) (\(report.siteId)), \(Int(c.minutes)) min by \(report.profile) (modelled): population \(c.population), working-age \(c.workingAgePopulation) (modelled)" +
                (c.membersWithoutWorkingAge > 0 ? "; \(c.membersWithoutWorkingAge) point(s) without a working-age figure" : "") + "\n"
            for m in c.members {
                let name = m.name.padding(toLength: 42, withPad: " ", startingAt: 0)
                out += String(format: "  %5.1f min  ", m.minutes) + name + String(format: "%8d", m.population) + "  (" + (m.year.map(String.init) ?? "year unknown") + ")\n"
            }
        }
        return out
    }
}
