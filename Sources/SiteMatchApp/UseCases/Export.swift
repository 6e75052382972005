import Foundation
import SiteMatchData
import SiteMatchExport
import SiteMatchGeometry
import SiteMatchMatching

/// `export`: map layers of the sites' scores (and optionally assets and isochrones), ready for
/// QGIS, Leaflet, geojson.io and ArcGIS Online. Each layer is a ``FeatureCollection`` to write with
/// ``GeoJSONWriter``; schema `docs/schema/export-sites.schema.json` for the site layer.
public struct ExportLayers: Sendable {
    public struct Layer: Sendable {
        /// The file this layer goes to (for a GeoPackage, the one file every layer goes to).
        public var path: String
        /// The layer's name inside a GeoPackage: sites, assets, substations, corridors, isochrones.
        public var name: String
        public var collection: FeatureCollection
    }

    /// The format, from the output's extension: `.gpkg` GeoPackage (every layer in one file, EPSG:27700,
    /// QGIS styles), `.fgb` FlatGeobuf (one file per layer), `.shp` ESRI Shapefile (one per layer, its
    /// field names cut to 10 characters and listed in NAME.fields.csv), anything else RFC 7946 GeoJSON.
    public enum Format: Sendable { case geoJSON, geoPackage, flatGeobuf, shapefile }

    public static func format(of output: String) -> Format {
        switch URL(fileURLWithPath: output).pathExtension.lowercased() {
        case "gpkg": return .geoPackage
        case "fgb": return .flatGeobuf
        case "shp": return .shapefile
        default: return .geoJSON
        }
    }

    /// The file listing a Shapefile's short field names against the full ones: `sites.shp` → `sites.fields.csv`.
    public static func fieldMap(of shapefile: String) -> String {
        URL(fileURLWithPath: shapefile).deletingPathExtension().path + ".fields.csv"
    }

    /// The site layer first, then its companions, in writing order.
    public var layers: [Layer]
    public var format: Format = .geoJSON

    /// The companion file of `output` for `suffix`: `map/sites.geojson` → `map/sites-assets.geojson`
    /// (`.fgb` for a FlatGeobuf export).
    public static func companion(of output: String, _ suffix: String) -> String {
        let url = URL(fileURLWithPath: output)
        let ext = switch format(of: output) { case .flatGeobuf: "fgb"; case .shapefile: "shp"; default: "geojson" }
        return url.deletingPathExtension().path + "-\(suffix)." + ext
    }

    /// Every path an export to `output` writes, so a front end can refuse before any work is done.
    public static func paths(output: String, withAssets: Bool, withIsochrones: Bool) -> [String] {
        if format(of: output) == .geoPackage { return [output] }
        let layers = [output] + (withAssets ? [companion(of: output, "assets")] : []) + (withIsochrones ? [companion(of: output, "isochrones")] : [])
        guard format(of: output) == .shapefile else { return layers }
        return layers.flatMap { VectorLayerWriter.shapefileParts($0) + [fieldMap(of: $0)] }
    }

    /// Every layer as RFC 7946 GeoJSON text, in order.
    public func encoded() throws -> [(path: String, data: Data)] {
        let context = GEOSContext()
        return try layers.map { ($0.path, Data(try GeoJSONWriter.encode($0.collection, context: context).utf8)) }
    }

    /// Writes every layer all or nothing (``OutputFile/writeAll(_:overwrite:)``): an existing or
    /// non-regular file is refused before anything is written; on any failure the old files stay.
    public func write(overwrite: Bool, progress: (String) -> Void = { _ in }) throws {
        switch format {
        case .geoJSON:
            let files = try encoded()
            try OutputFile.writeAll(files, overwrite: overwrite)
            for file in files { progress("wrote \(file.path)") }
        case .geoPackage:
            let path = layers[0].path
            var metadata = ["DESCRIPTION": "SiteMatch export: site scores for the Innovation Framework's 17 archetypes (see the sitematch_run_record item)"]
            if let record = layers[0].collection.foreignMembers["sitematch"] { metadata["SITEMATCH_RUN_RECORD"] = record.description }
            try VectorLayerWriter.writeGeoPackage(try layers.map(Self.outputLayer), metadata: metadata, to: path, overwrite: overwrite)
            progress("wrote \(path) (layers \(layers.map(\.name).joined(separator: ", ")); EPSG:27700; QGIS styles in layer_styles)")
        case .shapefile:
            // Every part of every layer checked first, so a refusal leaves nothing written.
            for layer in layers {
                for part in VectorLayerWriter.shapefileParts(layer.path) + [Self.fieldMap(of: layer.path)] { try OutputFile.checkReplaceable(part, overwrite: overwrite) }
            }
            for layer in layers {
                let names = try VectorLayerWriter.writeShapefile(try Self.outputLayer(layer), to: layer.path, overwrite: overwrite)
                let map = try CSVText.make(header: ["short_name", "field"], rows: names.map { [$0.short, $0.full] })
                try OutputFile.write(map, to: Self.fieldMap(of: layer.path), overwrite: overwrite)
                progress("wrote \(layer.path) (+ .shx .dbf .prj .cpg; EPSG:27700) and \(Self.fieldMap(of: layer.path)) (its 10-character field names)")
            }
        case .flatGeobuf:
            // Checked together first, so a refusal leaves nothing written.
            for layer in layers { try OutputFile.checkReplaceable(layer.path, overwrite: overwrite) }
            for layer in layers {
                try VectorLayerWriter.writeFlatGeobuf(try Self.outputLayer(layer), to: layer.path, overwrite: overwrite)
                progress("wrote \(layer.path)")
            }
        }
    }

    /// A layer for GDAL: BNG shapes (WGS84 collections are transformed back), the site layer styled.
    static func outputLayer(_ layer: Layer) throws -> OutputLayer {
        let collection = layer.collection
        let transformer = collection.crs == .britishNationalGrid ? nil : try CoordinateTransformer(from: collection.crs, to: .britishNationalGrid)
        let features = try collection.features.compactMap { feature -> (properties: [String: JSONValue], geometry: Shape)? in
            guard let shape = feature.geometry else { return nil }
            return (feature.properties, try transformer?.transform(shape) ?? shape)
        }
        let kind: OutputLayer.GeometryKind = switch layer.name { case "assets", "substations": .point; case "corridors": .lineString; default: .polygon }
        let styles = ["sites": MapExport.sitesQML, "assets": MapExport.assetsQML, "isochrones": MapExport.isochronesQML,
                      "substations": MapExport.substationsQML, "corridors": MapExport.corridorsQML]
        return OutputLayer(name: layer.name, kind: kind, features: features, qml: styles[layer.name])
    }
}

extension Workspace {
    /// The map context of the web page's basemap (no tiles needed): zones and modelled road links.
    public func contextLayer() throws -> FeatureCollection { try MapExport.context(session: session, context: GEOSContext()) }

    /// The export's layers for `output` (the site layer's path; companions are named after it).
    /// Isochrones are 30 and 45 minutes by car (modelled).
    /// - Throws: `.usage` for a prior weight outside 0…1.
    public func exportLayers(output: String, withAssets: Bool = false, withIsochrones: Bool = false, priorWeight: Double? = nil,
                             version: String, memo: EnquiryScoringMemo? = nil, progress: (String) -> Void = { _ in }) throws -> ExportLayers {
        try PriorWeight.check(priorWeight)
        let scorer = Scorer(catalogue: catalogue, priorWeight: priorWeight)
        let scores = try scorer.scoreAll(sites: portfolio.sites, indicators: session.indicators, archetypes: catalogue.archetypes)
        progress("Rank stability for \(catalogue.archetypes.count) archetypes (1,000 draws each) …")
        var stability: [String: [String: SiteStability]] = [:]
        for a in catalogue.archetypes {
            // A server's start-up memo already holds these for the catalogue's prior weight.
            let known = priorWeight == nil ? memo?.entries[a.id]?.stabilities : nil
            for (site, s) in try known ?? siteStabilities(archetype: a, scorer: scorer) { stability[site, default: [:]][a.id] = s }
        }
        var layers = [ExportLayers.Layer(path: output, name: "sites", collection: MapExport.sites(session: session, scores: scores, priorWeight: scorer.priorWeight,
                                                                                  runRecord: runRecord(priorWeight: scorer.priorWeight, version: version),
                                                                                  stability: stability))]
        if withAssets {
            layers.append(.init(path: ExportLayers.companion(of: output, "assets"), name: "assets", collection: MapExport.assets(session: session)))
            // A GeoPackage holds every layer in one file, so it also takes the substations and corridors
            // (the one-file-per-layer formats keep to the layers they have always written).
            if ExportLayers.format(of: output) == .geoPackage {
                if !portfolio.substations.isEmpty { layers.append(.init(path: output, name: "substations", collection: MapExport.substations(session: session))) }
                if !portfolio.corridors.isEmpty { layers.append(.init(path: output, name: "corridors", collection: MapExport.corridors(session: session))) }
            }
        }
        if withIsochrones {
            progress("Building 30- and 45-minute isochrones for \(portfolio.sites.count) sites …")
            layers.append(.init(path: ExportLayers.companion(of: output, "isochrones"), name: "isochrones",
                                collection: try MapExport.isochrones(session: session, budgets: [30, 45], context: GEOSContext())))
        }
        return ExportLayers(layers: layers, format: ExportLayers.format(of: output))
    }

    /// How a map was made: version, time, weights, prior weight, and the data's own provenance.
    func runRecord(priorWeight: Double, version: String) -> MapExport.RunRecord {
        let dataset = provenance.dataset
        let sources = dataset.map { d in ["\(d.name), built \(d.built)" + (d.provenance.map { "; see \(provenance.directory)/\($0)" } ?? "")] + d.notes }
            ?? ["\(provenance.directory): no dataset.yaml, so the data's date and sources are unknown"]
        return MapExport.RunRecord(
            version: version, generated: ISO8601DateFormatter().string(from: Date()), priorWeight: priorWeight,
            catalogue: "\(provenance.directory)/" + (dataset?.catalogue ?? "archetypes.yaml; drivers.yaml"),
            dataSources: sources,
            travelTimes: (importedMatrix.map { "imported:\($0.source) where it has the pair; otherwise " } ?? "")
                + "modelled: road-network model (\(provenance.directory)/network.geojson), \(session.model.profile.name) profile, speeds in \(provenance.directory)/profiles.yaml; isochrones are always modelled")
    }
}
