import Foundation
import SiteMatchGeometry

/// A real road network in place of the shipped modelled one (`--network FILE`): OS Open Roads (a file
/// with a `road_link` layer, e.g. Ordnance Survey's GeoPackage) or an OpenStreetMap extract (`.osm`
/// or `.osm.pbf`, read through GDAL's OSM driver).
public struct RoadNetworkSource: Hashable, Sendable {
    public var path: String
    public init(path: String) { self.path = path }
}

/// A network as imported: edges in BNG metres whose road classes the speed profiles price, every
/// node's position, and what the import assumed or left out (said once by the front end).
public struct ImportedRoadNetwork: Sendable {
    public enum Kind: String, Sendable { case osOpenRoads = "OS Open Roads", openStreetMap = "OpenStreetMap" }
    public var kind: Kind
    public var path: String
    public var edges: [RoadEdge]
    public var nodePositions: [String: Coordinate]
    public var notes: [String]

    /// The road classes the edges use, sorted.
    public var roadClasses: [String] { Set(edges.map(\.roadClass)).sorted() }

    /// "OS Open Roads from roads.gpkg: 1,204 links, 1,130 nodes".
    public var summary: String { "\(kind.rawValue) from \(path): \(edges.count) links, \(nodePositions.count) nodes" }
}

/// Reads a road network for `--network`. The road classes map onto the speed profiles' classes
/// (motorway, trunk, a_road, b_road, minor_road, local_road); the snapping rules are the modelled
/// network's. Times on it are still **modelled** (profile speeds over real geometry), never measured.
public enum RoadNetworkImporter {
    /// Reads `source`, choosing the format by content (a `road_link` layer) or extension (.osm, .pbf).
    /// - Throws: ``SiteMatchError`` naming the file, layer, feature and field: a file that is neither
    ///   format (with its layers), a missing field (with the fields the layer has), an unknown road
    ///   classification, a link that is not a line, a link whose ends do not meet its nodes, no drivable road.
    public static func load(_ source: RoadNetworkSource, context: GEOSContext) throws -> ImportedRoadNetwork {
        let lower = source.path.lowercased()
        if lower.hasSuffix(".osm") || lower.hasSuffix(".pbf") { return try openStreetMap(path: source.path, context: context) }
        let layers = try VectorLayerReader.layerNames(path: source.path)
        guard layers.contains("road_link") else {
            throw SiteMatchError(file: source.path, message: "is not an OS Open Roads file (it has no road_link layer; its layers are: \(layers.isEmpty ? "none" : layers.joined(separator: ", "))) nor an OpenStreetMap extract (.osm or .osm.pbf); --network reads those two")
        }
        return try openRoads(path: source.path, layers: layers, context: context)
    }

    // MARK: OS Open Roads

    /// How far (m, along each axis) a link's end may lie from its road_node's position (Ordnance Survey's are the same point).
    static let nodeTolerance = 1.0

    /// True when a link's end is its node's position, within ``nodeTolerance`` along each axis (a box test, not a distance).
    static func sameNode(_ end: Coordinate, _ node: Coordinate) -> Bool {
        abs(end.x - node.x) <= nodeTolerance && abs(end.y - node.y) <= nodeTolerance
    }

    /// The speed-profile class of an OS Open Roads link, nil for a link no car uses (a guided busway,
    /// a track). `classification` is `road_classification`; `trunk` is `trunk_road`.
    static func openRoadsClass(classification: String, trunk: Bool, formOfWay: String?) -> String?? {
        if let form = formOfWay?.lowercased(), form == "guided busway" || form == "track" { return .some(nil) }
        switch classification.lowercased() {
        case "motorway": return "motorway"
        case "a road": return trunk ? "trunk" : "a_road"
        case "b road": return "b_road"
        case "classified unnumbered", "unclassified": return "minor_road"
        case "not classified", "unknown": return "local_road"
        default: return nil
        }
    }
    static let openRoadsClassifications = ["Motorway", "A Road", "B Road", "Classified Unnumbered", "Unclassified", "Not Classified", "Unknown"]

    static func openRoads(path: String, layers: [String], context: GEOSContext) throws -> ImportedRoadNetwork {
        let links = try VectorLayerReader.read(path: path, options: VectorReadOptions(layer: "road_link"), context: context)
        let label = "\(path) (layer road_link)"
        let fields = Set(links.fields)
        for field in ["start_node", "end_node", "road_classification"] where !fields.contains(field) {
            throw SiteMatchError(file: label, message: "has no field '\(field)', which OS Open Roads' road_link has; its fields are: \(links.fields.joined(separator: ", "))")
        }
        var notes: [String] = []
        // Node positions from road_node where the file has it (checked against the links' ends), else the ends themselves.
        var positions: [String: Coordinate] = [:]
        let hasNodes = layers.contains("road_node")
        if hasNodes {
            let nodes = try VectorLayerReader.read(path: path, options: VectorReadOptions(layer: "road_node"), context: context)
            guard nodes.fields.contains("id") else {
                throw SiteMatchError(file: "\(path) (layer road_node)", message: "has no field 'id'; its fields are: \(nodes.fields.joined(separator: ", "))")
            }
            for node in nodes.features {
                guard let id = try SiteLayerImporter.text(node.properties["id"]), case let .point(c)? = node.geometry else {
                    throw SiteMatchError.input(InputProblem(source: "\(path) (layer road_node)", featureIndex: node.index, field: "id", message: "a road node needs an id and a point"))
                }
                positions[id] = c
            }
        } else {
            notes.append("no road_node layer: node positions are taken from the links' ends")
        }

        var edges: [RoadEdge] = []
        var skipped: [String: Int] = [:]
        for feature in links.features {
            let p = feature.properties
            func problem(_ field: String, _ message: String) -> SiteMatchError {
                .input(InputProblem(source: label, featureIndex: feature.index, featureID: try? SiteLayerImporter.text(p["id"]), field: field, message: message))
            }
            guard let start = try SiteLayerImporter.text(p["start_node"]) else { throw problem("start_node", "is empty; every link joins two nodes") }
            guard let end = try SiteLayerImporter.text(p["end_node"]) else { throw problem("end_node", "is empty; every link joins two nodes") }
            guard let classification = try SiteLayerImporter.text(p["road_classification"]) else { throw problem("road_classification", "is empty") }
            let formOfWay = try SiteLayerImporter.text(p["form_of_way"])
            guard let mapped = openRoadsClass(classification: classification, trunk: flag(p["trunk_road"]), formOfWay: formOfWay) else {
                throw problem("road_classification", "'\(classification)' is not an OS Open Roads classification; expected one of \(openRoadsClassifications.joined(separator: ", "))")
            }
            guard let roadClass = mapped else { skipped[formOfWay ?? classification, default: 0] += 1; continue }
            var line: [Coordinate]
            switch feature.geometry {
            case let .lineString(cs)?: line = cs
            case let .multiLineString(parts)? where parts.count == 1: line = parts[0]
            case let other?: throw problem("geometry", "is a \(other.typeName); a road link is one LineString")
            case nil: throw problem("geometry", "is missing; a road link is one LineString")
            }
            guard line.count >= 2 else { throw problem("geometry", "has \(line.count) point; a road link needs two or more") }
            if hasNodes {
                guard let a = positions[start] else { throw problem("start_node", "'\(start)' is not in the road_node layer") }
                guard let b = positions[end] else { throw problem("end_node", "'\(end)' is not in the road_node layer") }
                if !sameNode(line.first!, a) || !sameNode(line.last!, b) {
                    // Ordnance Survey digitises a link from its start node; accept one drawn the other way round.
                    guard sameNode(line.last!, a), sameNode(line.first!, b) else {
                        let gap = try Geometry(.multiPoint([line.first!, line.last!]), context: context).distance(to: Geometry(point: a, context: context))
                        throw problem("geometry", "does not run between its nodes: its nearer end lies \(Int(gap.rounded())) m from start_node \(start); links must end at their road_node points")
                    }
                    line.reverse()
                }
            } else {
                positions[start] = positions[start] ?? line.first!
                positions[end] = positions[end] ?? line.last!
            }
            let id = try SiteLayerImporter.text(p["id"]) ?? "road_link-\(feature.index)"
            let number = try SiteLayerImporter.text(p["road_classification_number"]), name = try SiteLayerImporter.text(p["name_1"])
            let road = number ?? name ?? classification
            edges.append(RoadEdge(id: id, road: road, roadClass: roadClass, from: start, to: end, oneway: false, line: line))
        }
        guard !edges.isEmpty else { throw SiteMatchError(file: label, message: "has no link a car can use") }
        try requireUniqueIDs(edges, label: label)
        notes.append("OS Open Roads carries no one-way or turn restrictions: every link is driven both ways")
        for (kind, count) in skipped.sorted(by: { $0.key < $1.key }) { notes.append("\(count) \(kind) link\(count == 1 ? "" : "s") left out (no car traffic)") }
        if layers.contains("motorway_junction") { notes.append("the motorway_junction layer is not used: scenarios name nodes by their road_node id") }
        let used = Set(edges.flatMap { [$0.from, $0.to] })
        return ImportedRoadNetwork(kind: .osOpenRoads, path: path, edges: edges, nodePositions: positions.filter { used.contains($0.key) }, notes: notes)
    }

    /// A yes/no field as GDAL gives it: a boolean, 0/1, or "true"/"false"; absent is false.
    static func flag(_ value: JSONValue?) -> Bool {
        switch value {
        case let .bool(b)?: return b
        case let .number(n)?: return n != 0
        case let .string(s)?: return ["true", "yes", "1", "t", "y"].contains(s.lowercased().trimmingCharacters(in: .whitespaces))
        default: return false
        }
    }

    static func requireUniqueIDs(_ edges: [RoadEdge], label: String) throws {
        var seen = Set<String>()
        for edge in edges where !seen.insert(edge.id).inserted {
            throw SiteMatchError(file: label, field: "id", message: "'\(edge.id)' is the id of two links; link ids must be unique so scenarios can name them")
        }
    }

    // MARK: OpenStreetMap

    /// The speed-profile class of an OSM `highway` value; nil for ways no car uses (footways, cycleways …).
    static let osmClasses: [String: String] = [
        "motorway": "motorway", "motorway_link": "motorway", "trunk": "trunk", "trunk_link": "trunk",
        "primary": "a_road", "primary_link": "a_road", "secondary": "b_road", "secondary_link": "b_road",
        "tertiary": "minor_road", "tertiary_link": "minor_road", "unclassified": "minor_road",
        "residential": "local_road", "living_street": "local_road", "service": "local_road", "road": "local_road",
    ]

    /// A position rounded to the millimetre: OSM ways that share a node share its coordinates exactly
    /// (the same lon/lat through the same transformation), so equal keys mean a shared node.
    struct PositionKey: Hashable {
        var x: Int64, y: Int64
        init(_ c: Coordinate) { x = Int64((c.x * 1000).rounded()); y = Int64((c.y * 1000).rounded()) }
    }

    static func openStreetMap(path: String, context: GEOSContext) throws -> ImportedRoadNetwork {
        let lines = try VectorLayerReader.read(path: path, options: VectorReadOptions(layer: "lines"), context: context)
        let label = "\(path) (layer lines)"
        guard lines.fields.contains("highway") else {
            throw SiteMatchError(file: label, message: "has no highway field (GDAL's osmconf.ini lists it by default); its fields are: \(lines.fields.joined(separator: ", "))")
        }
        struct Way { var id: String; var road: String; var roadClass: String; var oneway: Bool; var maxSpeed: Double?; var line: [Coordinate] }
        var ways: [Way] = []
        var skipped: [String: Int] = [:]
        var noAccess = 0
        for feature in lines.features {
            let p = feature.properties
            guard let highway = try SiteLayerImporter.text(p["highway"]) else { continue }
            guard let roadClass = osmClasses[highway] else { skipped[highway, default: 0] += 1; continue }
            let tags = try otherTags(try SiteLayerImporter.text(p["other_tags"]) ?? "", label: label, index: feature.index)
            if tags["access"] == "no" || tags["motor_vehicle"] == "no" || tags["motorcar"] == "no" { noAccess += 1; continue }
            guard case var .lineString(line)? = feature.geometry else { continue }
            line = line.enumerated().filter { $0.offset == 0 || PositionKey($0.element) != PositionKey(line[$0.offset - 1]) }.map(\.element)
            guard line.count >= 2 else { continue }
            var oneway = highway == "motorway" || ["roundabout", "circular"].contains(tags["junction"])
            switch tags["oneway"]?.lowercased() {
            case "yes"?, "true"?, "1"?: oneway = true
            case "-1"?, "reverse"?: oneway = true; line.reverse()
            case "no"?, "false"?, "0"?: oneway = false
            default: break
            }
            let id = try SiteLayerImporter.text(p["osm_id"]) ?? "\(feature.index)"
            let name = try SiteLayerImporter.text(p["name"])
            let road = tags["ref"] ?? name ?? highway
            ways.append(Way(id: "way/\(id)", road: road, roadClass: roadClass, oneway: oneway, maxSpeed: tags["maxspeed"].flatMap(maxSpeedKmh), line: line))
        }
        guard !ways.isEmpty else { throw SiteMatchError(file: label, message: "has no highway a car can use (motorway … residential, service)") }

        // The lines layer has no node ids: a node is where a way ends or where a position is on two ways (or twice on one).
        var uses: [PositionKey: Int] = [:]
        for way in ways { for c in way.line { uses[PositionKey(c), default: 0] += 1 } }
        var positions: [String: Coordinate] = [:]
        func nodeID(_ c: Coordinate) -> String {
            let id = String(format: "osm:%.3f,%.3f", c.x, c.y)
            positions[id] = c
            return id
        }
        var edges: [RoadEdge] = []
        for way in ways {
            var piece = [way.line[0]]
            var pieces: [[Coordinate]] = []
            for c in way.line.dropFirst() {
                piece.append(c)
                if uses[PositionKey(c)]! > 1 { pieces.append(piece); piece = [c] }
            }
            if piece.count > 1 { pieces.append(piece) }
            for (k, line) in pieces.enumerated() {
                edges.append(RoadEdge(id: pieces.count == 1 ? way.id : "\(way.id)#\(k + 1)", road: way.road, roadClass: way.roadClass,
                                      from: nodeID(line.first!), to: nodeID(line.last!), oneway: way.oneway, line: line, maxSpeedKmh: way.maxSpeed))
            }
        }
        try requireUniqueIDs(edges, label: label)
        var notes = ["the OSM lines layer has no node ids: ways are joined where they share a position (to 1 mm) and split there",
                     "one-way from oneway=yes/-1 and implied on motorways and roundabouts; a numeric maxspeed caps the profile's speed; no turn restrictions"]
        if noAccess > 0 { notes.append("\(noAccess) way\(noAccess == 1 ? "" : "s") tagged access=no or motor_vehicle=no left out") }
        let other = skipped.values.reduce(0, +)
        if other > 0 { notes.append("\(other) other highway\(other == 1 ? "" : "s") left out (\(skipped.keys.sorted().prefix(6).joined(separator: ", "))\(skipped.count > 6 ? " …" : ""))") }
        return ImportedRoadNetwork(kind: .openStreetMap, path: path, edges: edges, nodePositions: positions, notes: notes)
    }

    /// A `maxspeed` value in km/h: "50", "50 km/h" or "30 mph"; nil for words ("national", "GB:nsl_single", "signals").
    static func maxSpeedKmh(_ value: String) -> Double? {
        let text = value.trimmingCharacters(in: .whitespaces).lowercased()
        let (number, factor): (Substring, Double) = text.hasSuffix("mph") ? (text.dropLast(3), 1.609344)
            : text.hasSuffix("km/h") ? (text.dropLast(4), 1) : (Substring(text), 1)
        guard let speed = Double(number.trimmingCharacters(in: .whitespaces)), speed.isFinite, speed > 0, speed <= 200 else { return nil }
        return speed * factor
    }

    /// GDAL's `other_tags`: OSM tags not given their own field, in PostgreSQL hstore text
    /// (`"oneway"=>"yes","maxspeed"=>"30 mph"`, with `\"` and `\\` escaped). Written here because no
    /// Swift library reads hstore text and the grammar is these few lines.
    static func otherTags(_ text: String, label: String, index: Int) throws -> [String: String] {
        var tags: [String: String] = [:]
        var chars = Array(text)[...]
        func fail() -> SiteMatchError {
            .input(InputProblem(source: label, featureIndex: index, field: "other_tags", message: "is not GDAL's hstore text (\"key\"=>\"value\",…)"))
        }
        func quoted() throws -> String {
            guard chars.first == "\"" else { throw fail() }
            chars = chars.dropFirst()
            var out = ""
            while let c = chars.first {
                chars = chars.dropFirst()
                if c == "\\" { guard let next = chars.first else { throw fail() }; out.append(next); chars = chars.dropFirst() }
                else if c == "\"" { return out }
                else { out.append(c) }
            }
            throw fail()
        }
        while !chars.isEmpty {
            let key = try quoted()
            guard chars.starts(with: "=>") else { throw fail() }
            chars = chars.dropFirst(2)
            tags[key] = try quoted()
            if chars.first == "," { chars = chars.dropFirst() } else if !chars.isEmpty { throw fail() }
        }
        return tags
    }
}
