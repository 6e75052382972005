import Foundation
import SiteMatchData
import SiteMatchGeometry

/// What a GeoData directory says about itself: its `dataset.yaml` (name, build date, method, notes)
/// and each layer's own `description`. Read from the files, never from constants, so a user's
/// directory is described as what it is ("no dataset.yaml: date unknown") and not as the shipped data.
public struct DataProvenance: Hashable, Sendable, Codable {
    /// dataset.yaml, when the directory has one.
    public struct Dataset: Hashable, Sendable, Codable {
        public var name: String
        /// The date the layers were built (ISO 8601 date), as the file states it.
        public var built: String
        public var builtBy: String?
        public var provenance: String?
        public var catalogue: String?
        public var notes: [String]

        enum CodingKeys: String, CodingKey, CaseIterable { case name, built, builtBy = "built_by", provenance, catalogue, notes }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            built = try c.decode(String.self, forKey: .built)
            builtBy = try c.decodeIfPresent(String.self, forKey: .builtBy)
            provenance = try c.decodeIfPresent(String.self, forKey: .provenance)
            catalogue = try c.decodeIfPresent(String.self, forKey: .catalogue)
            notes = try c.decodeIfPresent([String].self, forKey: .notes) ?? []
        }
    }

    public struct Layer: Hashable, Sendable, Codable {
        public var file: String
        /// The layer's top-level `description` member, if it has one.
        public var description: String?
    }

    public var directory: String
    public var dataset: Dataset?
    public var layers: [Layer]
    /// The planner's own site layer that replaced sites.geojson (`--sites`), if any.
    public var siteSource: String? = nil
    /// The road network that replaced network.geojson (`--network`), if any: "OS Open Roads from FILE: N links, M nodes".
    public var networkSource: String? = nil

    /// "GeoData 2026-11-21", or "my-dir (date unknown)" for a directory without dataset.yaml, with
    /// "; sites from FILE" when the sites came from the planner's own layer and "; roads: …" when the
    /// network did: the label every indicator's source carries.
    public var label: String {
        let name = (directory as NSString).lastPathComponent
        return (dataset.map { "\(name) \($0.built)" } ?? "\(name) (date unknown)") + (siteSource.map { "; sites from \($0)" } ?? "")
            + (networkSource.map { "; roads: \($0)" } ?? "")
    }

    /// Reads dataset.yaml (optional; strict when present) and each layer file's description.
    public static func read(directory: String) throws -> DataProvenance {
        let datasetPath = (directory as NSString).appendingPathComponent("dataset.yaml")
        let dataset = FileManager.default.fileExists(atPath: datasetPath) ? try StrictYAML.decode(Dataset.self, contentsOfFile: datasetPath) : nil
        // The layers were validated already; this pass keeps only their top-level members (small files).
        let layers = try LayerSchema.portfolio.compactMap { schema -> Layer? in
            let path = (directory as NSString).appendingPathComponent(schema.file)
            if schema.optional && !FileManager.default.fileExists(atPath: path) { return nil }
            let collection = try GeoJSONReader.read(contentsOfFile: path, eachFeature: { _, _ in })
            return Layer(file: schema.file, description: collection.foreignMembers["description"]?.stringValue)
        }
        return DataProvenance(directory: directory, dataset: dataset, layers: layers)
    }
}
