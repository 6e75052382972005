import Foundation
import SiteMatchGeometry

/// Small vector files made at test time with GDAL's own command-line tool (ogr2ogr, Debian's
/// gdal-bin), so the reader is checked against files another program wrote. Shared by the data and
/// accessibility tests (a target of its own: test targets cannot import one another).
public enum OGRFixtures {
    /// Two polygons near Stoke in WGS84 with attributes as a planner's layer might have them.
    public static let sitesGeoJSON = """
    {"type":"FeatureCollection","features":[
    {"type":"Feature","properties":{"SITE_ID":"north_plot","SITE_NAME":"North plot","SITE_HA":12.5,"LOC":"D","STATUS":"available"},
     "geometry":{"type":"Polygon","coordinates":[[[-2.20,53.05],[-2.19,53.05],[-2.19,53.056],[-2.20,53.056],[-2.20,53.05]]]}},
    {"type":"Feature","properties":{"SITE_ID":"south_plot","SITE_NAME":"South plot","SITE_HA":null,"LOC":"C","STATUS":"proposed"},
     "geometry":{"type":"Polygon","coordinates":[[[-2.15,52.98],[-2.14,52.98],[-2.14,52.986],[-2.15,52.986],[-2.15,52.98]]]}}
    ]}
    """

    /// A fresh folder for one test's files.
    public static func folder() throws -> String {
        let path = NSTemporaryDirectory() + "sitematch-ogr-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    public static func write(_ text: String, to path: String) throws {
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    /// Runs ogr2ogr with `arguments`; its stdout as text. Throws with its stderr on failure.
    @discardableResult
    public static func ogr2ogr(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ogr2ogr")
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NSError(domain: "ogr2ogr", code: Int(process.terminationStatus), userInfo: [NSLocalizedDescriptionKey: String(decoding: errors, as: UTF8.self)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// The exterior-ring coordinates of each feature as ogr2ogr transforms them to EPSG:27700.
    public static func referenceBNGRings(of source: String) throws -> [[Coordinate]] {
        let text = try ogr2ogr(["-f", "GeoJSON", "-t_srs", "EPSG:27700", "-lco", "COORDINATE_PRECISION=6", "/vsistdout/", source])
        let document = try JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
        return (document["features"] as! [[String: Any]]).map { feature in
            let geometry = feature["geometry"] as! [String: Any]
            let rings = geometry["coordinates"] as! [[[Double]]]
            return rings[0].map { Coordinate(x: $0[0], y: $0[1]) }
        }
    }
}
