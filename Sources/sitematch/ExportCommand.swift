import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchData

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
    @OptionGroup var times: MatrixOptions
    @OptionGroup var data: GeoDataOptions

    func validate() throws {
        if output == "-" {
            if withAssets || withIsochrones { throw ValidationError("-o - writes the site layer to standard output; companion layers need a file name (e.g. -o map/sites.geojson)") }
            return
        }
        // Check every output before any work, so a refused run leaves nothing half-done.
        for path in ExportLayers.paths(output: output, withAssets: withAssets, withIsochrones: withIsochrones) {
            try validating { try OutputFile.checkReplaceable(path, overwrite: overwrite) }
        }
    }

    func run() throws {
        let layers = try data.workspace(times, ahp: matching.ahp).exportLayers(output: output, withAssets: withAssets, withIsochrones: withIsochrones,
                                                       priorWeight: matching.priorWeight, version: SiteMatchCommand.version, progress: data.progress)
        if output == "-" {
            print(String(decoding: try layers.encoded()[0].data, as: UTF8.self), terminator: "")
        } else {
            try layers.write(overwrite: overwrite, progress: data.progress)
        }
    }
}
