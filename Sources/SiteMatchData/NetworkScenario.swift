import Foundation
import SiteMatchGeometry
import Yams

/// An infrastructure scenario: edits to the road-network model (new junctions and links, closed
/// roads, changed speeds), e.g. the proposed M6 Junction 15A near Keele.
public struct NetworkScenario: Sendable {
    public struct NewNode: Sendable { public var id: String; public var location: Coordinate }
    public struct NewEdge: Sendable { public var id, from, to, road, roadClass: String; public var oneway: Bool }
    public struct SpeedChange: Sendable { public var edge: String?; public var road: String?; public var kmh: Double }

    public var file: String
    public var name: String
    /// New nodes in WGS84 longitude/latitude.
    public var addNodes: [NewNode]
    public var addEdges: [NewEdge]
    public var removeEdges: [String]
    public var speedChanges: [SpeedChange]

    public init(file: String, name: String, addNodes: [NewNode] = [], addEdges: [NewEdge] = [], removeEdges: [String] = [], speedChanges: [SpeedChange] = []) {
        self.file = file
        self.name = name
        self.addNodes = addNodes
        self.addEdges = addEdges
        self.removeEdges = removeEdges
        self.speedChanges = speedChanges
    }

    /// The portfolio's edges with this scenario applied, and speed overrides (km/h) by edge id.
    /// Names the file and field of any edge, node or road that does not exist.
    public func apply(to portfolio: Portfolio) throws -> (edges: [RoadEdge], speedOverrides: [String: Double]) {
        let toBNG = try CoordinateTransformer(from: .wgs84, to: .britishNationalGrid)
        var positions = portfolio.nodePositions
        for (i, node) in addNodes.enumerated() {
            guard positions[node.id] == nil else {
                throw SiteMatchError(file: file, field: "add_nodes[\(i)].id", message: "'\(node.id)' is already a node; choose a new id")
            }
            positions[node.id] = try toBNG.transform(node.location)
        }
        var edges = portfolio.edges
        let existing = Set(edges.map(\.id))
        for (i, id) in removeEdges.enumerated() {
            guard existing.contains(id) else {
                throw SiteMatchError(file: file, field: "remove_edges[\(i)]", message: "no edge '\(id)'; nearest matching ids: \(Suggestions.closest(to: id, among: existing).joined(separator: ", "))")
            }
        }
        edges.removeAll { removeEdges.contains($0.id) }
        for (i, edge) in addEdges.enumerated() {
            for (field, node) in [("from", edge.from), ("to", edge.to)] where positions[node] == nil {
                throw SiteMatchError(file: file, field: "add_edges[\(i)].\(field)", message: "unknown node '\(node)'; nearest matching ids: \(Suggestions.closest(to: node, among: positions.keys).joined(separator: ", ")) (or declare it under add_nodes)")
            }
            guard LayerSchema.roadClasses.contains(edge.roadClass) else {
                throw SiteMatchError(file: file, field: "add_edges[\(i)].road_class", message: "'\(edge.roadClass)' is not one of \(LayerSchema.roadClasses.joined(separator: ", "))")
            }
            guard !existing.contains(edge.id) else {
                throw SiteMatchError(file: file, field: "add_edges[\(i)].id", message: "'\(edge.id)' is already an edge; choose a new id")
            }
            edges.append(RoadEdge(id: edge.id, road: edge.road, roadClass: edge.roadClass, from: edge.from, to: edge.to, oneway: edge.oneway,
                                  line: [positions[edge.from]!, positions[edge.to]!]))
        }
        var overrides: [String: Double] = [:]
        for (i, change) in speedChanges.enumerated() {
            let matching = edges.filter { $0.id == change.edge || (change.road != nil && $0.road == change.road) }
            guard !matching.isEmpty else {
                let what = change.edge.map { "edge '\($0)'" } ?? "road '\(change.road ?? "")'"
                let pool = change.edge != nil ? edges.map(\.id) : Array(Set(edges.map(\.road)))
                throw SiteMatchError(file: file, field: "speed_changes[\(i)]", message: "no \(what) in the network; nearest matching: \(Suggestions.closest(to: change.edge ?? change.road ?? "", among: pool).joined(separator: ", "))")
            }
            for edge in matching { overrides[edge.id] = change.kmh }
        }
        return (edges, overrides)
    }
}

public enum NetworkScenarioLoader {
    public static func load(contentsOfFile path: String) throws -> NetworkScenario {
        let file = (path as NSString).lastPathComponent
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw SiteMatchError(file: path, message: "cannot read the file") }
        let root: Any?
        do { root = try Yams.load(yaml: text) } catch { throw SiteMatchError(file: file, message: "not valid YAML: \(error)") }
        guard let map = root as? [String: Any] else { throw SiteMatchError(file: file, message: "expected a mapping with name, add_nodes, add_edges, remove_edges, speed_changes") }
        let known: Set = ["name", "description", "source", "add_nodes", "add_edges", "remove_edges", "speed_changes"]
        if let unknown = map.keys.sorted().first(where: { !known.contains($0) }) {
            throw SiteMatchError(file: file, field: unknown, message: "unknown key; expected one of \(known.sorted().joined(separator: ", "))")
        }
        func list(_ key: String) throws -> [[String: Any]] {
            guard let value = map[key] else { return [] }
            guard let items = value as? [[String: Any]] else { throw SiteMatchError(file: file, field: key, message: "expected a list of mappings") }
            return items
        }
        func string(_ item: [String: Any], _ key: String, _ field: String) throws -> String {
            guard let value = item[key] as? String, !value.isEmpty else { throw SiteMatchError(file: file, field: "\(field).\(key)", message: "missing; expected text") }
            return value
        }
        func number(_ item: [String: Any], _ key: String, _ field: String) throws -> Double {
            switch item[key] {
            case let n as Int: return Double(n)
            case let n as Double where n.isFinite: return n
            default: throw SiteMatchError(file: file, field: "\(field).\(key)", message: "missing or not a number")
            }
        }
        let nodes = try list("add_nodes").enumerated().map { i, item in
            let field = "add_nodes[\(i)]"
            let lon = try number(item, "lon", field), lat = try number(item, "lat", field)
            guard (-9...2.5).contains(lon), (49...61).contains(lat) else {
                throw SiteMatchError(file: file, field: field, message: "(\(lon), \(lat)) is not in Great Britain; expected WGS84 lon and lat")
            }
            return NetworkScenario.NewNode(id: try string(item, "id", field), location: Coordinate(lon, lat))
        }
        let edges = try list("add_edges").enumerated().map { i, item in
            let field = "add_edges[\(i)]"
            return NetworkScenario.NewEdge(id: try string(item, "id", field), from: try string(item, "from", field), to: try string(item, "to", field),
                                           road: (item["road"] as? String) ?? "scenario link", roadClass: try string(item, "road_class", field),
                                           oneway: (item["oneway"] as? Bool) ?? false)
        }
        var removals: [String] = []
        if let value = map["remove_edges"] {
            guard let ids = value as? [String] else { throw SiteMatchError(file: file, field: "remove_edges", message: "expected a list of edge ids") }
            removals = ids
        }
        let changes = try list("speed_changes").enumerated().map { i, item in
            let field = "speed_changes[\(i)]"
            let edge = item["edge"] as? String, road = item["road"] as? String
            guard (edge == nil) != (road == nil) else { throw SiteMatchError(file: file, field: field, message: "give either edge (an edge id) or road (a road name)") }
            let kmh = try number(item, "kmh", field)
            guard kmh > 0 else { throw SiteMatchError(file: file, field: "\(field).kmh", message: "\(kmh) is not a positive speed") }
            return NetworkScenario.SpeedChange(edge: edge, road: road, kmh: kmh)
        }
        return NetworkScenario(file: file, name: (map["name"] as? String) ?? file, addNodes: nodes, addEdges: edges, removeEdges: removals, speedChanges: changes)
    }
}
