import Foundation
import SiteMatchData
import SiteMatchGeometry

/// Use cases on files rather than a loaded workspace: inspecting one layer, validating a directory.
public enum LayerFiles {
    /// `inspect`: a summary of one GeoJSON layer (features by geometry type, CRS, bounds, area,
    /// invalid geometries, ids, warnings such as swapped axes). An empty FeatureCollection is valid
    /// RFC 7946 and is reported, not refused. `path` "-" reads `standardInput`. Report: ``LayerSummary``;
    /// schema `docs/schema/inspect.schema.json`.
    /// - Throws: `.input` naming the file, feature and field when the file cannot be read as GeoJSON.
    public static func inspect(path: String, standardInput: () -> Data = { FileHandle.standardInput.readDataToEndOfFile() }) throws -> LayerSummary {
        let collection: FeatureCollection
        let source: String
        if path == "-" {
            source = "<stdin>"
            collection = try GeoJSONReader.read(standardInput(), source: source, allowEmpty: true)
        } else {
            source = path
            collection = try GeoJSONReader.read(contentsOfFile: path, allowEmpty: true)
        }
        return try LayerInspector.summarize(collection, source: source, context: GEOSContext())
    }

    /// `validate`: every layer of a GeoData directory (default: the shipped one) checked against its
    /// schema. Report: ``ValidationReport``; schema `docs/schema/validate.schema.json`.
    /// - Throws: `.input` "no such directory" for a missing directory (not a list of missing files).
    public static func validate(directory: String?) throws -> ValidationReport {
        let directory = try GeoDataLocation.resolve(directory)
        return try PortfolioValidator.validate(directory: directory, context: GEOSContext())
    }
}
