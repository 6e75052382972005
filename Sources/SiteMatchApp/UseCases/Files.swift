import Foundation
import SiteMatchData
import SiteMatchGeometry
import SiteMatchMatching

/// Use cases on files rather than a loaded workspace: inspecting one layer, validating a directory.
public enum LayerFiles {
    /// `inspect`: a summary of one GeoJSON layer (features by geometry type, CRS, bounds, area,
    /// invalid geometries, ids, warnings such as swapped axes). An empty FeatureCollection is valid
    /// RFC 7946 and is reported, not refused. `path` "-" reads `standardInput`. Report: ``LayerSummary``;
    /// schema `docs/schema/inspect.schema.json`.
    /// - Throws: `.input` naming the file, feature and field when the file cannot be read as GeoJSON.
    /// Any other file (GeoPackage, Shapefile, FlatGeobuf, KML, GML, CSV …) is read through GDAL/OGR
    /// (``VectorLayerReader``, with `read`'s layer and CRS) and summarised in British National Grid.
    public static func inspect(path: String, read: VectorReadOptions = VectorReadOptions(),
                               standardInput: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) throws -> LayerSummary {
        let collection: FeatureCollection
        let source: String
        let suffix = URL(fileURLWithPath: path).pathExtension.lowercased()
        if path != "-", !["geojson", "json"].contains(suffix) {
            let context = GEOSContext()
            let layer = try VectorLayerReader.read(path: path, options: read, context: context)
            let reason = "read by GDAL (\(layer.driver), layer \(layer.layerName)) from its CRS \(layer.sourceCRS)"
                + (read.srs != nil ? " (as given by --srs)" : "") + (layer.sourceCRS == "EPSG:27700" ? "" : ", transformed by OGR/PROJ")
            collection = FeatureCollection(features: layer.features.map { Feature(geometry: $0.geometry, properties: $0.properties) },
                                           crs: .britishNationalGrid, crsReason: reason)
            return try LayerInspector.summarize(collection, source: path, context: context)
        }
        if path == "-" {
            source = "<stdin>"
            collection = try GeoJSONReader.read(standardInput(), source: source, allowEmpty: true)
        } else {
            source = path
            collection = try GeoJSONReader.read(contentsOfFile: path, allowEmpty: true)
        }
        return try LayerInspector.summarize(collection, source: source, context: GEOSContext())
    }

    /// `validate`: everything a run on a GeoData directory (default: the shipped one) would load —
    /// every layer against its schema, and archetypes.yaml, drivers.yaml, profiles.yaml,
    /// dataset.yaml (optional) and sources.yaml (optional) through the same strict readers the run uses (the first problem in each
    /// file). Report: ``ValidationReport``; schema `docs/schema/validate.schema.json`.
    /// - Throws: `.input` "no such directory" for a missing directory (not a list of missing files).
    public static func validate(directory: String?) throws -> ValidationReport {
        let directory = try GeoDataLocation.resolve(directory)
        var report = try PortfolioValidator.validate(directory: directory, context: GEOSContext())
        func path(_ file: String) -> String { (directory as NSString).appendingPathComponent(file) }
        let checks: [(file: String, required: Bool, load: () throws -> Void)] = [
            ("archetypes.yaml", true, { _ = try CatalogueLoader.load(directory: directory, indicators: IndicatorMeasurer.ids) }),
            ("profiles.yaml", true, { _ = try SpeedProfileLoader.load(contentsOfFile: path("profiles.yaml")) }),
            ("dataset.yaml", false, { _ = try StrictYAML.decode(DataProvenance.Dataset.self, contentsOfFile: path("dataset.yaml")) }),
            (SourceGrades.file, false, { _ = try SourceGrades.load(directory: directory) }),
        ]
        for check in checks {
            // archetypes.yaml's check loads drivers.yaml too (the catalogue is the pair); name both.
            let files = check.file == "archetypes.yaml" ? ["archetypes.yaml", "drivers.yaml"] : [check.file]
            let present = files.filter { FileManager.default.fileExists(atPath: path($0)) }
            for file in files where !present.contains(file) && check.required {
                report.issues.append(ValidationIssue(.error, file: file, message: "missing: expected \(file) in \(directory)"))
            }
            report.layers += present.map { ValidationReport.Layer(file: $0, features: nil) }
            guard present.count == files.count else { continue }
            do { try check.load() } catch {
                switch SiteMatchError.classify(error) {
                case let .input(problem):
                    let location = problem.line.map { "line \($0)" + (problem.column.map { ", column \($0)" } ?? "") + ": " } ?? ""
                    report.issues.append(ValidationIssue(.error, file: (problem.source as NSString).lastPathComponent, field: problem.field, message: location + problem.message))
                case let other:
                    report.issues.append(ValidationIssue(.error, file: check.file, message: other.description))
                }
            }
        }
        return report
    }
}
