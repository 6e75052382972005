import ArgumentParser
import Foundation
import SiteMatchAccessibility
import SiteMatchData
import SiteMatchGeometry

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

    @Option(help: "Speed profile from profiles.yaml: car or hgv.")
    var profile = "car"

    @Option(help: ArgumentHelp("An imported matrix (CSV: from_id,to_id,mode,minutes).", valueName: "file"))
    var matrix: String?

    @OptionGroup var scenario: ScenarioOption
    @OptionGroup var data: GeoDataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let context = GEOSContext()
        let (portfolio, speeds) = try data.loadPortfolio(context: context, profile: profile)
        let imported = try matrix.map {
            try TravelTimeMatrixLoader.load(contentsOfFile: $0, origins: Set(portfolio.sites.map(\.id)),
                                            destinations: Set(portfolio.assets.map(\.id) + portfolio.population.map(\.id) + portfolio.sites.map(\.id)))
        }
        data.progress("Modelling \(speeds.name) drive times for \(portfolio.sites.count) sites …")
        let model = try scenario.model(portfolio: portfolio, profile: speeds, context: context)
        let (rows, unreachable) = TravelTimeTable.rows(model: model, portfolio: portfolio, imported: imported)
        func metres(_ value: Double?) -> String { value.map { String(format: "%.0f", $0) } ?? "" }
        let text = try CSVText.make(header: ["from_id", "to_id", "mode", "minutes", "source", "from_snap_m", "to_snap_m"],
                                    rows: rows.map { [$0.from, $0.to, $0.mode, String(format: "%.2f", $0.minutes), $0.source, metres($0.fromSnapMetres), metres($0.toSnapMetres)] })
        try output.emit(text)
        data.progress("\(rows.count) rows\(unreachable > 0 ? "; \(unreachable) unreachable pairs left out" : "") (modelled times: see GeoData/PROVENANCE.md)")
    }
}
