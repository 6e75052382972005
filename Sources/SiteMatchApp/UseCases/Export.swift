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
        /// The file this layer goes to.
        public var path: String
        public var collection: FeatureCollection
    }

    /// The site layer first, then its companions, in writing order.
    public var layers: [Layer]

    /// The companion file of `output` for `suffix`: `map/sites.geojson` → `map/sites-assets.geojson`.
    public static func companion(of output: String, _ suffix: String) -> String {
        URL(fileURLWithPath: output).deletingPathExtension().path + "-\(suffix).geojson"
    }

    /// Every path an export to `output` writes, so a front end can refuse before any work is done.
    public static func paths(output: String, withAssets: Bool, withIsochrones: Bool) -> [String] {
        [output] + (withAssets ? [companion(of: output, "assets")] : []) + (withIsochrones ? [companion(of: output, "isochrones")] : [])
    }

    /// Every layer as RFC 7946 GeoJSON text, in order.
    public func encoded() throws -> [(path: String, data: Data)] {
        let context = GEOSContext()
        return try layers.map { ($0.path, Data(try GeoJSONWriter.encode($0.collection, context: context).utf8)) }
    }

    /// Writes every layer all or nothing (``OutputFile/writeAll(_:overwrite:)``): an existing or
    /// non-regular file is refused before anything is written; on any failure the old files stay.
    public func write(overwrite: Bool, progress: (String) -> Void = { _ in }) throws {
        let files = try encoded()
        try OutputFile.writeAll(files, overwrite: overwrite)
        for file in files { progress("wrote \(file.path)") }
    }
}

extension Workspace {
    /// The export's layers for `output` (the site layer's path; companions are named after it).
    /// Isochrones are 30 and 45 minutes by car (modelled).
    /// - Throws: `.usage` for a prior weight outside 0…1.
    public func exportLayers(output: String, withAssets: Bool = false, withIsochrones: Bool = false, priorWeight: Double? = nil,
                             version: String, progress: (String) -> Void = { _ in }) throws -> ExportLayers {
        try PriorWeight.check(priorWeight)
        let scorer = Scorer(catalogue: catalogue, priorWeight: priorWeight)
        let scores = try scorer.scoreAll(sites: portfolio.sites, indicators: session.indicators, archetypes: catalogue.archetypes)
        progress("Rank stability for \(catalogue.archetypes.count) archetypes (1,000 draws each) …")
        var stability: [String: [String: SiteStability]] = [:]
        for a in catalogue.archetypes {
            for (site, s) in try siteStabilities(archetype: a, scorer: scorer) { stability[site, default: [:]][a.id] = s }
        }
        var layers = [ExportLayers.Layer(path: output, collection: MapExport.sites(session: session, scores: scores, priorWeight: scorer.priorWeight,
                                                                                  runRecord: runRecord(priorWeight: scorer.priorWeight, version: version),
                                                                                  stability: stability))]
        if withAssets { layers.append(.init(path: ExportLayers.companion(of: output, "assets"), collection: MapExport.assets(session: session))) }
        if withIsochrones {
            progress("Building 30- and 45-minute isochrones for \(portfolio.sites.count) sites …")
            layers.append(.init(path: ExportLayers.companion(of: output, "isochrones"),
                                collection: try MapExport.isochrones(session: session, budgets: [30, 45], context: GEOSContext())))
        }
        return ExportLayers(layers: layers)
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
