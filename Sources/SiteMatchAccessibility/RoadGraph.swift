import HeapModule
import SiteMatchData

/// The road network as a directed graph whose edge weights are minutes for one ``SpeedProfile``.
public struct RoadGraph: Sendable {
    public struct Arc: Hashable, Sendable {
        public var to: Int
        public var minutes: Double
        /// Index into ``edges``.
        public var edge: Int
    }

    /// Node ids, in first-seen order; ``index`` maps them back.
    public let nodes: [String]
    public let index: [String: Int]
    public let edges: [RoadEdge]
    /// Length (m) and minutes of each edge, aligned with ``edges``.
    public let lengths: [Double]
    public let minutes: [Double]
    public let outgoing: [[Arc]]
    public let profile: SpeedProfile

    /// Builds the graph. `lengths` are each edge's length in metres (measured by the caller with GEOS);
    /// `speedOverrides` (km/h by edge id) come from a scenario.
    public init(edges: [RoadEdge], lengths: [Double], profile: SpeedProfile, speedOverrides: [String: Double] = [:]) throws {
        var nodes: [String] = []
        var index: [String: Int] = [:]
        func node(_ id: String) -> Int {
            if let i = index[id] { return i }
            index[id] = nodes.count
            nodes.append(id)
            return nodes.count - 1
        }
        var outgoing: [[Arc]] = []
        var minutes: [Double] = []
        for (e, edge) in edges.enumerated() {
            // A scenario's speed replaces the profile's; a signed limit only ever lowers the profile's average.
            guard let kmh = speedOverrides[edge.id] ?? profile.speedsKmh[edge.roadClass].map({ min($0, edge.maxSpeedKmh ?? .infinity) }) else {
                throw SiteMatchError(file: "profiles.yaml", field: "\(profile.name).speeds_kmh.\(edge.roadClass)",
                                     message: "no speed for road class '\(edge.roadClass)' of edge \(edge.id); add one to the profile")
            }
            let from = node(edge.from), to = node(edge.to)
            while outgoing.count < nodes.count { outgoing.append([]) }
            let time = lengths[e] / 1000 / kmh * 60
            minutes.append(time)
            outgoing[from].append(Arc(to: to, minutes: time, edge: e))
            if !edge.oneway { outgoing[to].append(Arc(to: from, minutes: time, edge: e)) }
        }
        self.nodes = nodes
        self.index = index
        self.edges = edges
        self.lengths = lengths
        self.minutes = minutes
        self.outgoing = outgoing
        self.profile = profile
    }

    /// Earliest arrival (minutes) at every node from several start nodes with start times
    /// (Dijkstra over a binary heap). Unreachable nodes are `.infinity`, never 0.
    public func shortestTimes(from starts: [(node: Int, minutes: Double)]) -> [Double] {
        struct Entry: Comparable {
            var minutes: Double
            var node: Int
            static func < (a: Entry, b: Entry) -> Bool { (a.minutes, a.node) < (b.minutes, b.node) }
        }
        var best = [Double](repeating: .infinity, count: nodes.count)
        var heap = Heap<Entry>()
        for start in starts where start.minutes < best[start.node] {
            best[start.node] = start.minutes
            heap.insert(Entry(minutes: start.minutes, node: start.node))
        }
        while let entry = heap.popMin() {
            guard entry.minutes <= best[entry.node] else { continue }  // a stale entry
            for arc in outgoing[entry.node] {
                let arrival = entry.minutes + arc.minutes
                if arrival < best[arc.to] {
                    best[arc.to] = arrival
                    heap.insert(Entry(minutes: arrival, node: arc.to))
                }
            }
        }
        return best
    }
}
