import ArgumentParser
import Foundation
import SiteMatchData
import SiteMatchExport
import SiteMatchGeometry
import SiteMatchMatching

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a map of the sites' scores (RFC 7946 GeoJSON for QGIS, Leaflet, geojson.io, ArcGIS Online).",
        discussion: """
        One feature per site: name, location_type, score_<archetype> for all 17 archetypes, best_archetype \
        and best_score, simplestyle fill/stroke/title/description; a "sitematch" member records the run \
        (version, weights, prior weight, data sources, travel-time source). Companion layers are written \
        beside the output: NAME-assets.geojson and NAME-isochrones.geojson (30 and 45 min, modelled).

        Examples:
          sitematch export -o sites.geojson
          sitematch export -o map/sites.geojson --with-assets --with-isochrones --overwrite
        """
    )

    @Option(name: [.short, .long], help: ArgumentHelp("The site layer to write.", valueName: "file"))
    var output: String

    @Flag(help: "Replace existing files.") var overwrite = false
    @Flag(help: "Also write NAME-assets.geojson.") var withAssets = false
    @Flag(help: "Also write NAME-isochrones.geojson (30 and 45 min by car, modelled).") var withIsochrones = false

    @OptionGroup var matching: MatchingOptions
    @OptionGroup var data: GeoDataOptions

    func companion(_ suffix: String) -> String {
        let url = URL(fileURLWithPath: output)
        return url.deletingPathExtension().path + "-\(suffix).geojson"
    }

    var paths: [String] { [output] + (withAssets ? [companion("assets")] : []) + (withIsochrones ? [companion("isochrones")] : []) }

    func validate() throws {
        // Check every output before writing any, so a refused run leaves nothing half-done.
        for path in paths where FileManager.default.fileExists(atPath: path) && !overwrite {
            throw ValidationError("\(path) already exists; use --overwrite to replace it")
        }
    }

    func run() throws {
        let session = try loadSession(data)
        let context = GEOSContext()
        let scorer = Scorer(catalogue: session.catalogue, priorWeight: matching.priorWeight)
        let scores = try scorer.scoreAll(sites: session.portfolio.sites, indicators: session.indicators, archetypes: session.catalogue.archetypes)
        var layers = [(output, MapExport.sites(session: session, scores: scores, priorWeight: scorer.priorWeight, version: SiteMatchCommand.version))]
        if withAssets { layers.append((companion("assets"), MapExport.assets(session: session))) }
        if withIsochrones {
            data.progress("Building 30- and 45-minute isochrones for \(session.portfolio.sites.count) sites …")
            layers.append((companion("isochrones"), try MapExport.isochrones(session: session, budgets: [30, 45], context: context)))
        }
        // Encode everything first; write only when all layers are ready.
        let texts = try layers.map { ($0.0, try GeoJSONWriter.encode($0.1, context: context)) }
        for (path, text) in texts {
            try OutputFile.write(text, to: path, overwrite: overwrite)
            data.progress("wrote \(path)")
        }
    }
}
