import Foundation
import SiteMatchGeometry

/// Two small road networks for `--network`, drawn in BNG metres east and north of ``origin`` so every
/// length is a round number and every drive time can be worked by hand.
///
/// **OS Open Roads** (a GeoPackage with road_link and road_node, written by ogr2ogr):
///
///     N5 ──local 3 km── N6 ─────minor (bent: 3+3+3 km)────── N4
///     │                 │                                    │ ╲ B road 5,657 m, drawn N7→N4
///   motorway 4 km     minor 4 km                      B road 4 km   ╲
///     │                 │                                    │       ╲
///     N1 ──trunk 3 km── N2 ──A road 3 km──────────────────── N3 ─guided busway 4 km─ N7
///
/// **OpenStreetMap** (.osm XML; positions transformed to WGS84 with PROJ and written to 7 decimals):
///
///     f ◀────────── e ─────residential──── d
///     │ tertiary,   │                       │ residential
///     │ oneway=-1   │ secondary             │
///     ▼ (so a→f→e)  │                       │
///     a ──primary, oneway=yes, 30 mph──▶ b ──▶ c   (one way a→b→c)
///                   │ secondary                ╲ motorway c→g (implied one-way)
///                   g ◀─────────────────────────╯
///
/// plus a footway a–e, a service road f–e with access=no and a stream, which are left out.
public enum RoadNetworkFixtures {
    /// A point near Stoke-on-Trent (BNG metres).
    public static let origin = Coordinate(385_000, 345_000)

    public static func bng(_ dx: Double, _ dy: Double) -> Coordinate { Coordinate(origin.x + dx, origin.y + dy) }

    public static let openRoadsNodes: [String: Coordinate] = [
        "N1": bng(0, 0), "N2": bng(3_000, 0), "N3": bng(6_000, 0), "N4": bng(6_000, 4_000),
        "N5": bng(0, 4_000), "N6": bng(3_000, 4_000), "N7": bng(10_000, 0),
    ]

    /// (id, classification, trunk, form of way, number, start, end, line): the road_link rows.
    static let openRoadsLinks: [(String, String, Bool, String, String?, String, String, [Coordinate])] = {
        let n = openRoadsNodes
        return [
            ("L1", "A Road", true, "Single Carriageway", "A500", "N1", "N2", [n["N1"]!, n["N2"]!]),
            ("L2", "A Road", false, "Single Carriageway", "A50", "N2", "N3", [n["N2"]!, n["N3"]!]),
            ("L3", "B Road", false, "Single Carriageway", "B5038", "N3", "N4", [n["N3"]!, n["N4"]!]),
            ("L4", "Motorway", true, "Collapsed Dual Carriageway", "M6", "N1", "N5", [n["N1"]!, n["N5"]!]),
            ("L5", "Not Classified", false, "Single Carriageway", nil, "N5", "N6", [n["N5"]!, n["N6"]!]),
            ("L6", "Unclassified", false, "Single Carriageway", nil, "N6", "N4", [n["N6"]!, bng(3_000, 7_000), bng(6_000, 7_000), n["N4"]!]),
            ("L7", "Classified Unnumbered", false, "Single Carriageway", nil, "N6", "N2", [n["N6"]!, n["N2"]!]),
            ("L8", "Not Classified", false, "Guided Busway", nil, "N3", "N7", [n["N3"]!, n["N7"]!]),
            // Digitised from its end node: the importer turns it round.
            ("L9", "B Road", false, "Single Carriageway", "B5039", "N4", "N7", [n["N7"]!, n["N4"]!]),
        ]
    }()

    static func coordinates(_ line: [Coordinate]) -> String {
        "[" + line.map { "[\($0.x),\($0.y)]" }.joined(separator: ",") + "]"
    }

    /// road_link as GeoJSON in EPSG:27700, with `change` applied to each row's properties first
    /// (to make a broken file).
    public static func openRoadsLinksGeoJSON(change: (inout [String: String]) -> Void = { _ in }) -> String {
        let features = openRoadsLinks.map { id, classification, trunk, form, number, start, end, line -> String in
            var p = ["id": "\"\(id)\"", "road_classification": "\"\(classification)\"", "trunk_road": trunk ? "true" : "false",
                     "form_of_way": "\"\(form)\"", "road_classification_number": number.map { "\"\($0)\"" } ?? "null",
                     "start_node": "\"\(start)\"", "end_node": "\"\(end)\"", "fictitious": "false"]
            change(&p)
            let properties = p.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",")
            return "{\"type\":\"Feature\",\"properties\":{\(properties)},\"geometry\":{\"type\":\"LineString\",\"coordinates\":\(coordinates(line))}}"
        }
        return collection(features)
    }

    public static func openRoadsNodesGeoJSON() -> String {
        collection(openRoadsNodes.sorted { $0.key < $1.key }.map { id, c in
            "{\"type\":\"Feature\",\"properties\":{\"id\":\"\(id)\",\"form_of_road_node\":\"junction\"},\"geometry\":{\"type\":\"Point\",\"coordinates\":[\(c.x),\(c.y)]}}"
        })
    }

    static func collection(_ features: [String]) -> String {
        "{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::27700\"}},\"features\":[\n"
            + features.joined(separator: ",\n") + "\n]}"
    }

    /// Writes the OS Open Roads GeoPackage (road_link and road_node layers) with ogr2ogr into `folder`.
    @discardableResult
    public static func writeOpenRoads(in folder: String, links: String = openRoadsLinksGeoJSON(), withNodes: Bool = true) throws -> String {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let path = folder + "/open-roads.gpkg"
        try OGRFixtures.write(links, to: folder + "/road_link.geojson")
        try OGRFixtures.ogr2ogr(["-f", "GPKG", "-nln", "road_link", path, folder + "/road_link.geojson"])
        if withNodes {
            try OGRFixtures.write(openRoadsNodesGeoJSON(), to: folder + "/road_node.geojson")
            try OGRFixtures.ogr2ogr(["-f", "GPKG", "-update", "-nln", "road_node", path, folder + "/road_node.geojson"])
        }
        return path
    }

    public static let osmNodes: [String: Coordinate] = [
        "a": bng(0, 0), "b": bng(2_000, 0), "c": bng(4_000, 0), "d": bng(4_000, 2_000),
        "e": bng(2_000, 2_000), "f": bng(0, 2_000), "g": bng(2_000, -2_000),
    ]

    /// (way id, node letters, tags).
    static let osmWays: [(Int, [String], [String: String])] = [
        (101, ["a", "b", "c"], ["highway": "primary", "oneway": "yes", "maxspeed": "30 mph", "ref": "A53"]),
        (102, ["c", "d", "e"], ["highway": "residential", "name": "Clay Street"]),
        (103, ["g", "b", "e"], ["highway": "secondary", "ref": "B5040"]),
        (104, ["e", "f", "a"], ["highway": "tertiary", "oneway": "-1"]),
        (105, ["a", "e"], ["highway": "footway"]),
        (106, ["c", "g"], ["highway": "motorway", "ref": "M6"]),
        (107, ["f", "e"], ["highway": "service", "access": "no"]),
        (108, ["d", "g"], ["waterway": "stream"]),
    ]

    /// The OpenStreetMap extract as OSM XML, positions transformed from ``osmNodes`` to WGS84.
    public static func osmXML() throws -> String {
        let toWGS84 = try CoordinateTransformer(from: .britishNationalGrid, to: .wgs84)
        let letters = osmNodes.keys.sorted()
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<osm version=\"0.6\" generator=\"SiteMatch tests\">\n"
        for (i, letter) in letters.enumerated() {
            let p = try toWGS84.transform(osmNodes[letter]!)
            xml += String(format: " <node id=\"%d\" lat=\"%.7f\" lon=\"%.7f\"/>\n", i + 1, p.y, p.x)
        }
        for (id, nodes, tags) in osmWays {
            xml += " <way id=\"\(id)\">"
            for node in nodes { xml += "<nd ref=\"\(letters.firstIndex(of: node)! + 1)\"/>" }
            for (k, v) in tags.sorted(by: { $0.key < $1.key }) { xml += "<tag k=\"\(k)\" v=\"\(v)\"/>" }
            xml += "</way>\n"
        }
        return xml + "</osm>\n"
    }

    @discardableResult
    public static func writeOSM(in folder: String) throws -> String {
        let path = folder + "/extract.osm"
        try OGRFixtures.write(try osmXML(), to: path)
        return path
    }
}
