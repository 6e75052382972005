import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchData
import SiteMatchGeometry

/// `sitematch inspect FILE|-`: a summary of one GeoJSON layer.
struct InspectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inspect",
        abstract: "Summarise a layer (GeoJSON, or any format GDAL reads): features by geometry type, CRS, bounds, area, invalid geometries and ids.",
        discussion: """
        Reads RFC 7946 GeoJSON (WGS84) or GeoJSON whose legacy "crs" member names EPSG:27700. \
        Areas are computed in British National Grid from the polygons as drawn (for indicative \
        circles and sketches that is no surveyed site area). Invalid geometries, duplicate ids and missing \
        ids are reported, not rejected (exit 0), as are an empty layer and positions that look like swapped \
        latitude and longitude; a file that cannot be read as GeoJSON exits 1. Any other file \
        (GeoPackage, Shapefile, FlatGeobuf, KML, GML, CSV) is read through GDAL from its own CRS \
        (--srs for one without) and summarised in British National Grid.

        Examples:
          sitematch inspect GeoData/sites.geojson
          sitematch inspect my-sites.gpkg --layer sites
          sitematch inspect register.csv --x-field Easting --y-field Northing --srs EPSG:27700
          sitematch inspect --format json GeoData/sites.geojson > summary.json
          ogr2ogr -f GeoJSON /vsistdout/ parcels.shp | sitematch inspect -
        """
    )

    @Argument(help: ArgumentHelp("The layer to inspect (GeoJSON, or any format GDAL reads), or '-' to read GeoJSON from standard input.", valueName: "file"))
    var file: String

    @Option(help: ArgumentHelp("The layer of a file with several (a GeoPackage).", valueName: "name"))
    var layer: String?

    @Option(help: ArgumentHelp("The CRS of a layer without one, e.g. EPSG:27700 or EPSG:4326.", valueName: "crs"))
    var srs: String?

    @Option(help: ArgumentHelp("A CSV's easting or longitude column.", valueName: "field"))
    var xField: String?

    @Option(help: ArgumentHelp("A CSV's northing or latitude column.", valueName: "field"))
    var yField: String?

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var format: ReportFormat = .text

    func run() throws {
        let summary = try LayerFiles.inspect(path: file, read: VectorReadOptions(layer: layer, srs: srs, xField: xField, yField: yField))
        print(format == .json ? try ReportJSON.text(summary) : Self.text(summary), terminator: "")
    }

    static func text(_ s: LayerSummary) -> String {
        func fixed(_ value: Double, _ decimals: Int) -> String { String(format: "%.\(decimals)f", value) }
        func bounds(_ e: Envelope?, _ decimals: Int) -> String {
            guard let e else { return "none (no geometries)" }
            return "\(fixed(e.minX, decimals)), \(fixed(e.minY, decimals)) to \(fixed(e.maxX, decimals)), \(fixed(e.maxY, decimals))"
        }
        let types = s.geometryTypes.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        var out = "\(s.source)\n"
        out += "  features:     \(s.featureCount) (\(types))\n"
        out += "  CRS:          \(s.crs): \(s.crsReason)\n"
        out += "  bounds WGS84: \(bounds(s.boundsWGS84, 6)) (lon/lat)\n"
        out += "  bounds BNG:   \(bounds(s.boundsBNG, 1)) (easting/northing, m)\n"
        out += "  total area:   \(fixed(s.totalAreaHectares, 2)) ha (valid polygons as drawn, computed in EPSG:27700; indicative shapes give no surveyed area)"
        out += s.areaExcludedFeatures > 0 ? "; \(s.areaExcludedFeatures) invalid polygon(s) not counted\n" : "\n"
        if s.invalidGeometries.isEmpty {
            out += "  invalid:      none\n"
        } else {
            out += "  invalid:      \(s.invalidGeometries.count)\n"
            for g in s.invalidGeometries {
                out += "    feature #\(g.featureIndex)\(g.id.map { " (id=\($0))" } ?? ""): \(g.reason)\n"
            }
        }
        if s.duplicateIDs.isEmpty && s.missingIDs.isEmpty {
            out += "  ids:          all \(s.featureCount) present and unique\n"
        } else {
            for d in s.duplicateIDs {
                out += "  duplicate id: \(d.id) on features \(d.featureIndices.map { "#\($0)" }.joined(separator: ", "))\n"
            }
            if !s.missingIDs.isEmpty {
                out += "  missing id:   features \(s.missingIDs.map { "#\($0)" }.joined(separator: ", "))\n"
            }
        }
        for warning in s.warnings { out += "  warning:      \(warning)\n" }
        return out
    }
}
