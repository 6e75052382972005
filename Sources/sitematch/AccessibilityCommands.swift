import ArgumentParser
import Foundation
import SiteMatchAccessibility
import SiteMatchData
import SiteMatchGeometry

/// Budgets in minutes, e.g. "15,30,45".
struct MinuteBudgets: ExpressibleByArgument {
    var values: [Double]
    init?(argument: String) {
        let parsed = argument.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parsed.isEmpty, parsed.allSatisfy({ $0 != nil && $0! > 0 && $0!.isFinite }) else { return nil }
        values = parsed.map { $0! }.sorted()
    }
}

/// Finds a site by id, or fails naming the nearest matching ids.
func findSite(_ id: String, in portfolio: Portfolio) throws -> Site {
    if let site = portfolio.sites.first(where: { $0.id == id }) { return site }
    let nearest = Suggestions.closest(to: id, among: portfolio.sites.map(\.id))
    throw DataError("no site with id '\(id)'; nearest matching ids: \(nearest.joined(separator: ", "))")
}

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

    @Option(help: ArgumentHelp("Comma-separated budgets in minutes.", valueName: "list"))
    var minutes: MinuteBudgets = MinuteBudgets(argument: "15,30,45")!

    @Option(help: "Speed profile from profiles.yaml: car or hgv.")
    var profile = "car"

    @OptionGroup var scenario: ScenarioOption
    @OptionGroup var data: GeoDataOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if all == (siteID != nil) { throw ValidationError("give one site id, or --all") }
    }

    func run() throws {
        let context = GEOSContext()
        let (portfolio, speeds) = try data.loadPortfolio(context: context, profile: profile)
        let model = try scenario.model(portfolio: portfolio, profile: speeds, context: context)
        let sites = try all ? portfolio.sites : [findSite(siteID!, in: portfolio)]
        let isochrones = try IsochroneBuilder.isochrones(sites: sites, budgets: minutes.values, model: model, context: context) { i, site in
            data.progress("Isochrones \(i + 1)/\(sites.count): \(site.id)")
        }
        let features = try isochrones.map { iso in
            let km2 = try Geometry(iso.area, context: context).area() / 1_000_000
            return Feature(geometry: iso.area, properties: [
                "site_id": .string(iso.siteID), "minutes": .number(iso.minutes), "profile": .string(iso.profile),
                "source": .string(iso.source + (scenario.name.map { " (scenario: \($0))" } ?? "")),
                "area_km2": .number((km2 * 100).rounded() / 100),
            ])
        }
        let collection = FeatureCollection(features: features, crs: .britishNationalGrid)
        try output.emit(try GeoJSONWriter.encode(collection, context: context))
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

    @Option(help: ArgumentHelp("Comma-separated budgets in minutes.", valueName: "list"))
    var minutes: MinuteBudgets = MinuteBudgets(argument: "30,45")!

    @Option(help: "Speed profile from profiles.yaml: car or hgv.")
    var profile = "car"

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var format: ReportFormat = .text

    @OptionGroup var scenario: ScenarioOption
    @OptionGroup var data: GeoDataOptions

    func run() throws {
        let context = GEOSContext()
        let (portfolio, speeds) = try data.loadPortfolio(context: context, profile: profile)
        let site = try findSite(siteID, in: portfolio)
        let model = try scenario.model(portfolio: portfolio, profile: speeds, context: context)
        let catchments = CatchmentBuilder.catchments(siteID: site.id, budgets: minutes.values, model: model, portfolio: portfolio)
        switch format {
        case .json:
            let json: [[String: Any]] = catchments.map { c in
                ["site_id": c.siteID, "minutes": c.minutes, "profile": c.profile, "source": "modelled",
                 "population": c.population, "working_age_population": c.workingAgePopulation,
                 "members": c.members.map { m in
                     ["id": m.id, "name": m.name, "minutes": (m.minutes * 100).rounded() / 100, "population": m.population,
                      "working_age_population": m.workingAgePopulation as Any, "year": m.year as Any, "source": m.source]
                 }]
            }
            let data = try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys])
            print(String(decoding: data, as: UTF8.self))
        case .text:
            for c in catchments {
                print("\(site.name) (\(site.id)), \(Int(c.minutes)) min by \(c.profile) (modelled): population \(c.population), working-age \(c.workingAgePopulation) (modelled)" +
                      (c.membersWithoutWorkingAge > 0 ? "; \(c.membersWithoutWorkingAge) point(s) without a working-age figure" : ""))
                for m in c.members {
                    let name = m.name.padding(toLength: 42, withPad: " ", startingAt: 0)
                    print(String(format: "  %5.1f min  ", m.minutes) + name + String(format: "%8d", m.population) + "  (" + (m.year.map(String.init) ?? "year unknown") + ")")
                }
            }
        }
    }
}
