import Foundation
import SiteMatchData
import SiteMatchGeometry

/// How a place joins the network: the point on the place nearest the network, the point on the
/// network it snaps to, and the snap leg's length (travelled at the profile's access speed).
public struct NetworkAccess: Hashable, Sendable {
    public var placeID: String
    public var placePoint: Coordinate
    public var snapPoint: Coordinate
    public var snapDistanceMetres: Double
    /// For sites: the edge snapped to, and how far along it (m) from its `from` node.
    public var edgeID: String?
    public var distanceAlongEdge: Double?
    /// For point places: the node snapped to.
    public var nodeID: String?
}

/// Modelled drive times over the road-network model for one speed profile.
///
/// A place may join the network anywhere within ``maximumAccessDistance``: a site at the point of
/// each edge nearest its polygon (not its centroid), an asset or population point at any node, the
/// off-network leg driven at the profile's access speed. The quickest join wins; the nearest join is
/// reported as the place's snap. Because the set of joins only grows when roads are added and only
/// shrinks when roads are removed, a scenario that adds a road never lengthens a trip and one that
/// removes a road never shortens one. All figures are **modelled** (GeoData/PROVENANCE.md).
public struct TravelTimeModel: Sendable {
    /// How far (m) a place may be from the road it joins: the validator's reach limit.
    public static let maximumAccessDistance = PortfolioValidator.maximumSnapDistance

    /// One way for a site to join the network: an edge, how far along it, and the leg's length.
    struct SiteJoin: Sendable {
        var edge: Int
        var distanceAlong: Double
        var legMetres: Double
    }

    public let graph: RoadGraph
    /// The nearest join of each site and each asset/population point, for showing to users.
    public let siteAccess: [String: NetworkAccess]
    public let pointAccess: [String: NetworkAccess]
    let siteJoins: [String: [SiteJoin]]
    let pointJoins: [String: [(node: Int, legMetres: Double)]]
    /// Census areas join like sites, at the point of each edge within reach nearest them (their points
    /// lie between junctions, far more often than near one); none where no edge is within reach.
    let censusJoins: [String: [SiteJoin]]

    public var profile: SpeedProfile { graph.profile }

    public init(portfolio: Portfolio, profile: SpeedProfile, edges: [RoadEdge]? = nil, speedOverrides: [String: Double] = [:], context: GEOSContext) throws {
        let edges = edges ?? portfolio.edges
        let radius = TravelTimeModel.maximumAccessDistance
        let lines = try edges.map { try Geometry(.lineString($0.line), context: context) }
        let graph = try RoadGraph(edges: edges, lengths: try lines.map { try $0.length() }, profile: profile, speedOverrides: speedOverrides)
        let edgeIndex = try SpatialIndex(lines, context: context)

        var siteAccess: [String: NetworkAccess] = [:]
        var siteJoins: [String: [SiteJoin]] = [:]
        for site in portfolio.sites {
            let polygon = try Geometry(site.geometry, context: context)
            var joins: [SiteJoin] = []
            var nearest: (join: SiteJoin, onSite: Coordinate, onNetwork: Coordinate)?
            for e in try edgeIndex.query(withinDistance: radius, of: polygon) {
                let leg = try polygon.distance(to: lines[e])
                var onSite: Coordinate, onNetwork: Coordinate
                var edgeJoins: [SiteJoin]
                if leg > 0 {
                    (onSite, onNetwork) = try polygon.nearestPoints(to: lines[e])
                    edgeJoins = [SiteJoin(edge: e, distanceAlong: try lines[e].distanceAlong(to: Geometry(point: onNetwork, context: context)), legMetres: leg)]
                } else {
                    // The road crosses the site: every point of the crossing is "nearest", and which one GEOS
                    // returns depends on the ring's vertex order (a Shapefile's clockwise rings gave other
                    // times). Join at the crossing's first and last points along the edge instead, so the
                    // site reaches each end of the edge from its own side whatever the drawing order.
                    let crossing = try polygon.intersection(lines[e]).shape.allCoordinates
                    let along = try crossing.map { (point: $0, along: try lines[e].distanceAlong(to: Geometry(point: $0, context: context))) }
                    guard let first = along.min(by: { $0.along < $1.along }), let last = along.max(by: { $0.along < $1.along }) else { continue }
                    (onSite, onNetwork) = (first.point, first.point)
                    edgeJoins = [SiteJoin(edge: e, distanceAlong: first.along, legMetres: 0), SiteJoin(edge: e, distanceAlong: last.along, legMetres: 0)]
                }
                joins += edgeJoins
                if nearest == nil || leg < nearest!.join.legMetres { nearest = (edgeJoins[0], onSite, onNetwork) }
            }
            siteJoins[site.id] = joins
            if let nearest {
                siteAccess[site.id] = NetworkAccess(placeID: site.id, placePoint: nearest.onSite, snapPoint: nearest.onNetwork,
                                                    snapDistanceMetres: nearest.join.legMetres, edgeID: edges[nearest.join.edge].id,
                                                    distanceAlongEdge: nearest.join.distanceAlong, nodeID: nil)
            }
        }

        let nodePoints = try graph.nodes.map { id -> Geometry in
            let position = portfolio.nodePositions[id] ?? edges.first { $0.from == id }?.line.first ?? edges.first { $0.to == id }!.line.last!
            return try Geometry(point: position, context: context)
        }
        let nodeIndex = try SpatialIndex(nodePoints, context: context)
        var pointAccess: [String: NetworkAccess] = [:]
        var pointJoins: [String: [(node: Int, legMetres: Double)]] = [:]
        let places = portfolio.assets.map { ($0.id, $0.location) } + portfolio.population.map { ($0.id, $0.location) }
        for (id, location) in places {
            let point = try Geometry(point: location, context: context)
            let joins = try nodeIndex.query(withinDistance: radius, of: point).map { (node: $0, legMetres: try point.distance(to: nodePoints[$0])) }
            pointJoins[id] = joins
            if let nearest = joins.min(by: { ($0.legMetres, $0.node) < ($1.legMetres, $1.node) }) {
                pointAccess[id] = NetworkAccess(placeID: id, placePoint: location, snapPoint: try nodePoints[nearest.node].pointCoordinate(),
                                                snapDistanceMetres: nearest.legMetres, edgeID: nil, distanceAlongEdge: nil, nodeID: graph.nodes[nearest.node])
            }
        }
        var censusJoins: [String: [SiteJoin]] = [:]
        for area in portfolio.censusAreas {
            let point = try Geometry(point: area.location, context: context)
            censusJoins[area.id] = try edgeIndex.query(withinDistance: radius, of: point).map { e in
                let onNetwork = try point.nearestPoints(to: lines[e]).1
                return SiteJoin(edge: e, distanceAlong: try lines[e].distanceAlong(to: Geometry(point: onNetwork, context: context)), legMetres: try point.distance(to: lines[e]))
            }
        }
        self.censusJoins = censusJoins
        self.graph = graph
        self.siteAccess = siteAccess
        self.pointAccess = pointAccess
        self.siteJoins = siteJoins
        self.pointJoins = pointJoins
    }

    /// The model with an infrastructure scenario's edits applied to the portfolio's network.
    public init(portfolio: Portfolio, profile: SpeedProfile, scenario: NetworkScenario, context: GEOSContext) throws {
        let (edges, overrides, _) = try scenario.apply(to: portfolio, profile: profile)
        try self.init(portfolio: portfolio, profile: profile, edges: edges, speedOverrides: overrides, context: context)
    }

    /// Minutes of an off-network leg at the access speed.
    public func accessMinutes(metres: Double) -> Double {
        metres / 1000 / profile.accessKmh * 60
    }

    /// Arrival time (minutes) at every graph node from a site, including its access leg; nil for an unknown site.
    public func nodeTimes(fromSite id: String) -> [Double]? {
        guard let joins = siteJoins[id] else { return nil }
        var starts: [(node: Int, minutes: Double)] = []
        for join in joins {
            let edge = graph.edges[join.edge]
            let perMetre = graph.minutes[join.edge] / max(graph.lengths[join.edge], 1e-9)
            let leg = accessMinutes(metres: join.legMetres)
            starts.append((node: graph.index[edge.to]!, minutes: leg + (graph.lengths[join.edge] - join.distanceAlong) * perMetre))
            if !edge.oneway { starts.append((node: graph.index[edge.from]!, minutes: leg + join.distanceAlong * perMetre)) }
        }
        return graph.shortestTimes(from: starts)
    }

    /// Minutes from a site to an asset or population point, or nil when unreachable (never 0 for "unknown").
    public func minutes(fromSite site: String, to destination: String) -> Double? {
        guard let times = nodeTimes(fromSite: site) else { return nil }
        return minutes(to: destination, given: times)
    }

    /// Minutes to a destination (an asset, population point or census area) given a site's node times:
    /// the quickest of its joins.
    public func minutes(to destination: String, given times: [Double]) -> Double? {
        if let joins = pointJoins[destination] {
            let best = joins.map { times[$0.node] + accessMinutes(metres: $0.legMetres) }.min() ?? .infinity
            return best.isFinite ? best : nil
        }
        guard let joins = censusJoins[destination] else { return nil }
        var best = Double.infinity
        for join in joins {
            // Along the edge from whichever end gives the earlier arrival (a one-way edge is entered only at its `from` node).
            let edge = graph.edges[join.edge]
            let perMetre = graph.minutes[join.edge] / max(graph.lengths[join.edge], 1e-9)
            var arrive = times[graph.index[edge.from]!] + join.distanceAlong * perMetre
            if !edge.oneway { arrive = min(arrive, times[graph.index[edge.to]!] + (graph.lengths[join.edge] - join.distanceAlong) * perMetre) }
            best = min(best, arrive + accessMinutes(metres: join.legMetres))
        }
        return best.isFinite ? best : nil
    }

    /// True when a census area is within reach of some edge (so it can be in a catchment at all).
    public func reaches(censusArea id: String) -> Bool { !(censusJoins[id]?.isEmpty ?? true) }
}
