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
        Adds up the census LSOAs (census-lsoa.geojson: ONS Census 2021, residents aged 16-64 from the \
        census bands) whose MODELLED drive time is within each budget, and says how many LSOAs lie \
        beyond the modelled network's reach and are never counted. The text lists the nearest 15; \
        --format json lists every one. A GeoData directory without census areas counts \
        population.geojson's use_in_catchment points instead.

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
            let census = c.countsCensusAreas
            out += "\(report.siteName) (\(report.siteId)), \(Int(c.minutes)) min by \(report.profile) (modelled): population \(c.population), "
                + (census ? "aged 16-64 \(c.workingAgePopulation) (ONS Census 2021, \(c.members.count) LSOAs)" : "working-age \(c.workingAgePopulation) (modelled)")
                + (c.membersWithoutWorkingAge > 0 ? "; \(c.membersWithoutWorkingAge) point(s) without a working-age figure" : "") + "\n"
            if let beyond = c.areasBeyondReach, beyond > 0 {
                out += "  not counted: \(beyond) LSOAs (\(c.populationBeyondReach ?? 0) residents) beyond the modelled network's reach\n"
            }
            // Census catchments hold hundreds of LSOAs: the nearest 15 here, every one in --format json.
            let shown = census ? Array(c.members.prefix(15)) : c.members
            if shown.count < c.members.count { out += "  the nearest \(shown.count) of \(c.members.count) (all with --format json):\n" }
            for m in shown {
                let name = m.name.padding(toLength: 42, withPad: " ", startingAt: 0)
                out += String(format: "  %5.1f min  ", m.minutes) + name + String(format: "%8d", m.population) + "  (" + (m.year.map(String.init) ?? "year unknown") + ")\n"
            }
        }
        return out
    }
}
