import Foundation
import SiteMatchGeometry

/// An infrastructure scenario: edits to the road-network model (new junctions and links, closed
/// roads, changed speeds), e.g. the proposed M6 Junction 15A near Keele.
public struct NetworkScenario: Sendable {
    public struct NewNode: Sendable { public var id: String; public var location: Coordinate }
    public struct NewEdge: Sendable { public var id, from, to, road, roadClass: String; public var oneway: Bool }
    /// A new speed for an edge or every edge of a road: absolute (`kmh`) or relative to the modelled
    /// speed (`factor`, e.g. 1.25), so a later recalibration of profiles.yaml cannot turn an
    /// improvement into a slowdown.
    public struct SpeedChange: Sendable {
        public var edge: String?
        public var road: String?
        public var kmh: Double?
        public var factor: Double? = nil

        /// The new speed on an edge whose modelled speed is `current` km/h.
        public func speed(from current: Double) -> Double { kmh ?? current * (factor ?? 1) }
    }

    /// What a speed change does to one edge under a profile.
    public struct SpeedEffect: Hashable, Sendable {
        /// The change's index in `speed_changes`.
        public var change: Int
        public var edge: String
        public var road: String
        public var beforeKmh: Double
        public var afterKmh: Double
    }

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

    /// The portfolio's edges with this scenario applied, speed overrides (km/h) by edge id under
    /// `profile`, and each changed edge's speed before and after. Names the file and field of any
    /// edge, node or road that does not exist.
    public func apply(to portfolio: Portfolio, profile: SpeedProfile) throws -> (edges: [RoadEdge], speedOverrides: [String: Double], effects: [SpeedEffect]) {
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
        var effects: [SpeedEffect] = []
        for (i, change) in speedChanges.enumerated() {
            let matching = edges.filter { $0.id == change.edge || (change.road != nil && $0.road == change.road) }
            guard !matching.isEmpty else {
                let what = change.edge.map { "edge '\($0)'" } ?? "road '\(change.road ?? "")'"
                let pool = change.edge != nil ? edges.map(\.id) : Array(Set(edges.map(\.road)))
                throw SiteMatchError(file: file, field: "speed_changes[\(i)]", message: "no \(what) in the network; nearest matching: \(Suggestions.closest(to: change.edge ?? change.road ?? "", among: pool).joined(separator: ", "))")
            }
            for edge in matching {
                let before = overrides[edge.id] ?? profile.speedsKmh[edge.roadClass] ?? 0
                let after = change.speed(from: before)
                guard Limits.speedKmh.contains(after) else {
                    throw SiteMatchError(file: file, field: "speed_changes[\(i)]", message: "gives edge '\(edge.id)' a speed of \(NumberRange.format(after)) km/h; speeds \(Limits.speedKmh.problem(after)!)")
                }
                overrides[edge.id] = after
                effects.append(SpeedEffect(change: i, edge: edge.id, road: edge.road, beforeKmh: before, afterKmh: after))
            }
        }
        return (edges, overrides, effects)
    }
}

/// The scenario document: `{name, description, source, add_nodes: [{id, lon, lat}], add_edges: [{id,
/// from, to, road, road_class, oneway}], remove_edges: [id], speed_changes: [{edge | road, kmh}]}`.
struct NetworkScenarioDocument: Decodable {
    struct Node: Decodable {
        var node: NetworkScenario.NewNode
        enum CodingKeys: String, CodingKey, CaseIterable { case id, lon, lat }
        init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            let lon = try c.finite(.lon), lat = try c.finite(.lat)
            guard (-9...2.5).contains(lon), (49...61).contains(lat) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "(\(lon), \(lat)) is not in Great Britain; expected WGS84 lon and lat"))
            }
            node = .init(id: try c.nonEmpty(.id), location: Coordinate(lon, lat))
        }
    }

    struct Edge: Decodable {
        var edge: NetworkScenario.NewEdge
        enum CodingKeys: String, CodingKey, CaseIterable { case id, from, to, road, roadClass = "road_class", oneway }
        init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            edge = .init(id: try c.nonEmpty(.id), from: try c.nonEmpty(.from), to: try c.nonEmpty(.to),
                         road: try c.decodeIfPresent(String.self, forKey: .road) ?? "scenario link", roadClass: try c.nonEmpty(.roadClass),
                         oneway: try c.decodeIfPresent(Bool.self, forKey: .oneway) ?? false)
        }
    }

    struct Change: Decodable {
        var change: NetworkScenario.SpeedChange
        enum CodingKeys: String, CodingKey, CaseIterable { case edge, road, kmh, factor }
        init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            let edge = try c.decodeIfPresent(String.self, forKey: .edge), road = try c.decodeIfPresent(String.self, forKey: .road)
            guard (edge == nil) != (road == nil) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "give either edge (an edge id) or road (a road name)"))
            }
            let kmh = try c.numberIfPresent(.kmh, in: Limits.speedKmh), factor = try c.numberIfPresent(.factor, in: NumberRange(0, 10, lowerExclusive: true))
            guard (kmh == nil) != (factor == nil) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "give either kmh (a new speed) or factor (e.g. 1.25 for 25 % faster)"))
            }
            change = .init(edge: edge, road: road, kmh: kmh, factor: factor)
        }
    }

    var name: String?
    var addNodes: [Node]
    var addEdges: [Edge]
    var removeEdges: [String]
    var speedChanges: [Change]

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, source, addNodes = "add_nodes", addEdges = "add_edges", removeEdges = "remove_edges", speedChanges = "speed_changes"
    }

    init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        _ = try c.decodeIfPresent(String.self, forKey: .description)
        _ = try c.decodeIfPresent(String.self, forKey: .source)
        addNodes = try c.decodeIfPresent([Node].self, forKey: .addNodes) ?? []
        addEdges = try c.decodeIfPresent([Edge].self, forKey: .addEdges) ?? []
        removeEdges = try c.decodeIfPresent([String].self, forKey: .removeEdges) ?? []
        speedChanges = try c.decodeIfPresent([Change].self, forKey: .speedChanges) ?? []
    }
}

public enum NetworkScenarioLoader {
    /// Reads a scenario file through ``StrictYAML`` (unknown keys are errors naming their path).
    public static func load(contentsOfFile path: String) throws -> NetworkScenario {
        try decode(text: TextFile.read(path), file: (path as NSString).lastPathComponent)
    }

    /// Decodes scenario YAML `text`, naming `file` in errors.
    public static func decode(text: String, file: String) throws -> NetworkScenario {
        let document = try StrictYAML.decode(NetworkScenarioDocument.self, from: text, file: file)
        return NetworkScenario(file: file, name: document.name ?? file, addNodes: document.addNodes.map(\.node), addEdges: document.addEdges.map(\.edge),
                               removeEdges: document.removeEdges, speedChanges: document.speedChanges.map(\.change))
    }
}
