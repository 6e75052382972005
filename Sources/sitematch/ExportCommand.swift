import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchData

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "Write a map of the sites' scores: GeoJSON (QGIS, Leaflet, geojson.io, ArcGIS Online), GeoPackage or FlatGeobuf.",
        discussion: """
        One feature per site: name, location_type, score_<archetype> for all 17 archetypes, best_archetype \
        and best_score, simplestyle fill/stroke/title/description; a "sitematch" member records the run \
        (version, weights, prior weight, data sources, travel-time source). Companion layers are written \
        beside the output: NAME-assets.geojson and NAME-isochrones.geojson (30 and 45 min, modelled).

        The format follows the extension. A .gpkg GeoPackage holds every layer (sites, assets, \
        isochrones) in one file in British National Grid (EPSG:27700), a layer_styles table so QGIS \
        opens the sites graduated by best score, and the run record in the file's metadata. A .fgb \
        FlatGeobuf writes one file per layer (EPSG:27700). A .shp Shapefile writes one per layer \
        (with .shx, .dbf, .prj and a .cpg for UTF-8) whose field names are cut to the DBF's 10 \
        characters, listed against the full names in NAME.fields.csv; text over 254 characters is cut \
        (a DBF limit). Anything else is RFC 7946 GeoJSON (WGS84).

        Examples:
          sitematch export -o sites.geojson
          sitematch export -o map/sites.geojson --with-assets --with-isochrones --overwrite
          sitematch export -o map.gpkg --with-assets --with-isochrones          # open in QGIS, styled
          sitematch export -o arcgis/sites.shp                                  # for older GIS: a Shapefile
          sitematch export -o my-sites.gpkg --sites my-sites.shp --id-field SITE_REF --name-field NAME
        """
    )

    @Option(name: [.short, .long], help: ArgumentHelp("The site layer to write: .geojson, .gpkg, .fgb or .shp (- for GeoJSON on standard output).", valueName: "file"))
    var output: String

    @Flag(help: "Replace existing files.") var overwrite = false
    @Flag(help: "Also write NAME-assets.geojson (in a GeoPackage: the assets, NGED substations and strategic corridors layers).") var withAssets = false
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
