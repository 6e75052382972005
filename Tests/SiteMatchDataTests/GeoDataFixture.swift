import Foundation
import SiteMatchData
import SiteMatchGeometry

/// The project's shipped GeoData directory, and broken copies of it for validator tests.
enum GeoDataFixture {
    static var shippedDirectory: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GeoData").path
    }

    /// A temporary copy of GeoData with `layer` edited as a JSON object by `edit`.
    static func brokenCopy(editing layer: String, _ edit: (inout [String: Any]) throws -> Void) throws -> String {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sitematch-geodata-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: shippedDirectory, toPath: directory.path)
        let file = directory.appendingPathComponent(layer)
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as! [String: Any]
        try edit(&json)
        try JSONSerialization.data(withJSONObject: json).write(to: file)
        return directory.path
    }

    /// Applies `edit` to feature `index` of a FeatureCollection object.
    static func editFeature(_ json: inout [String: Any], _ index: Int, _ edit: (inout [String: Any]) -> Void) {
        var features = json["features"] as! [[String: Any]]
        edit(&features[index])
        json["features"] = features
    }

    static func editProperties(_ json: inout [String: Any], _ index: Int, _ edit: (inout [String: Any]) -> Void) {
        editFeature(&json, index) { feature in
            var properties = feature["properties"] as! [String: Any]
            edit(&properties)
            feature["properties"] = properties
        }
    }

    static func validate(_ directory: String) throws -> ValidationReport {
        try PortfolioValidator.validate(directory: directory, context: GEOSContext())
    }

    /// The shipped layer read as a FeatureCollection.
    static func layer(_ name: String) throws -> FeatureCollection {
        try GeoJSONReader.read(contentsOfFile: (shippedDirectory as NSString).appendingPathComponent(name))
    }
}
