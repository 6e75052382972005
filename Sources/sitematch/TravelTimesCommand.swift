import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchData

/// `sitematch travel-times`: the sites × destinations drive-time matrix as CSV.
struct TravelTimesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "travel-times",
        abstract: "Write drive times from every site to every asset and population point (CSV).",
        discussion: """
        Times are MODELLED on the road-network model (GeoData/network.geojson, speeds in profiles.yaml) \
        unless you import a matrix: its figures replace the model's for the pairs it covers, and its \
        other modes (e.g. public transport from r5py) are added. The source column says which. \
        Unreachable pairs are left out, never written as 0. from_snap_m and to_snap_m give the \
        off-network legs (m) by which the site and the destination join the modelled network.

        Examples:
          sitematch travel-times -o car.csv
          sitematch travel-times --profile hgv
          sitematch travel-times --matrix r5py-transit.csv -o times.csv
        """
    )

    @OptionGroup var model: ModelOptions

    @OptionGroup var times: MatrixOptions

    @Option(name: [.short, .long], help: "Output format: csv or json.")
    var format: TableFormat = .csv

    @OptionGroup var data: GeoDataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let workspace = try data.workspace(times)
        data.progress("Modelling \(model.profile) drive times for \(workspace.portfolio.sites.count) sites …")
        let report = try workspace.travelTimes(model: model.choice)
        try output.emit(format == .json ? try ReportJSON.text(report) : try Self.csv(report))
        data.progress("\(report.rows.count) rows\(report.unreachable > 0 ? "; \(report.unreachable) unreachable pairs left out" : "") (modelled times: see GeoData/PROVENANCE.md)")
    }

    static func csv(_ report: TravelTimesReport) throws -> String {
        func metres(_ value: Double?) -> String { value.map { String(format: "%.0f", $0) } ?? "" }
        return try CSVText.make(header: ["from_id", "to_id", "mode", "minutes", "source", "from_snap_m", "to_snap_m"],
                                rows: report.rows.map { [$0.fromId, $0.toId, $0.mode, String(format: "%.2f", $0.minutes), $0.source, metres($0.fromSnapM), metres($0.toSnapM)] })
    }
}
