import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchData

/// `sitematch sites`: the portfolio's sites with their ids.
struct SitesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sites",
        abstract: "List the portfolio's sites: id, name, location type, area, status and district.",
        discussion: """
        Areas are the published figures (blank where none is published); every site polygon in the \
        shipped GeoData is indicative (PROVENANCE.md).

        Examples:
          sitematch sites
          sitematch sites --format csv -o sites.csv
          sitematch sites --geodata my-geodata --format json
        """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    @Option(name: [.short, .long], help: "Output format: table, csv or json.")
    var format: Format = .table

    @OptionGroup var data: GeoDataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try data.workspace().sites()
        switch format {
        case .table: try output.emit(Self.table(report))
        case .csv: try output.emit(Self.csv(report))
        case .json: try output.emit(ReportJSON.text(report))
        }
    }

    static func area(_ value: Double?) -> String { value.map { fixed($0, 2) } ?? "" }

    static func table(_ report: SitesReport) -> String {
        let width = (report.sites.map(\.id.count).max() ?? 2) + 2
        var text = "id".padding(toLength: width, withPad: " ", startingAt: 0) + "type  area ha  status              name (district)\n"
        for s in report.sites {
            text += s.id.padding(toLength: width, withPad: " ", startingAt: 0) + s.locationType.padding(toLength: 4, withPad: " ", startingAt: 0)
            text += String(repeating: " ", count: max(0, 8 - area(s.areaHa).count)) + area(s.areaHa) + "  "
            text += (s.status ?? "unknown").padding(toLength: 20, withPad: " ", startingAt: 0) + "\(s.name) (\(s.district))\n"
        }
        return text + "\n\(report.sites.count) sites; areas are published figures, blank where none is published (\(report.data)).\n"
    }

    static func csv(_ report: SitesReport) throws -> String {
        try CSVText.make(header: ["id", "name", "location_type", "district", "area_ha", "available_area_ha", "status", "geometry_quality"], rows: report.sites.map {
            [$0.id, $0.name, $0.locationType, $0.district, area($0.areaHa), area($0.availableAreaHa), $0.status ?? "", $0.geometryQuality]
        })
    }
}
