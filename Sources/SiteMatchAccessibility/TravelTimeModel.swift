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
/// Sites join the network at the point of the nearest edge closest to their polygon (not their
/// centroid); assets and population points join at their nearest node. Every leg off the network
/// is driven at the profile's access speed. All figures are **modelled** (GeoData/PROVENANCE.md).
public struct TravelTimeModel: Sendable {
    public let graph: RoadGraph
    public let siteAccess: [String: NetworkAccess]
    public let pointAccess: [String: NetworkAccess]

    public var profile: SpeedProfile { graph.profile }

    public init(portfolio: Portfolio, profile: SpeedProfile, edges: [RoadEdge]? = nil, speedOverrides: [String: Double] = [:], context: GEOSContext) throws {
        let edges = edges ?? portfolio.edges
        let lines = try edges.map { try Geometry(.lineString($0.line), context: context) }
        let graph = try RoadGraph(edges: edges, lengths: try lines.map { try $0.length() }, profile: profile, speedOverrides: speedOverrides)
        let edgeIndex = try SpatialIndex(lines, context: context)

        var siteAccess: [String: NetworkAccess] = [:]
        for site in portfolio.sites {
            let polygon = try Geometry(site.geometry, context: context)
            guard let nearest = try edgeIndex.nearest(to: polygon) else { continue }
            let (onSite, onNetwork) = try polygon.nearestPoints(to: lines[nearest.index])
            let along = try lines[nearest.index].distanceAlong(to: Geometry(point: onNetwork, context: context))
            siteAccess[site.id] = NetworkAccess(placeID: site.id, placePoint: onSite, snapPoint: onNetwork, snapDistanceMetres: nearest.distance,
                                                edgeID: edges[nearest.index].id, distanceAlongEdge: along, nodeID: nil)
        }

        let nodeIDs = graph.nodes
        let nodePoints = try nodeIDs.map { id -> Geometry in
            let position = portfolio.nodePositions[id] ?? edges.first { $0.from == id }?.line.first ?? edges.first { $0.to == id }!.line.last!
            return try Geometry(point: position, context: context)
        }
        let nodeIndex = try SpatialIndex(nodePoints, context: context)
        var pointAccess: [String: NetworkAccess] = [:]
        let places = portfolio.assets.map { ($0.id, $0.location) } + portfolio.population.map { ($0.id, $0.location) }
        for (id, location) in places {
            let point = try Geometry(point: location, context: context)
            guard let nearest = try nodeIndex.nearest(to: point) else { continue }
            pointAccess[id] = NetworkAccess(placeID: id, placePoint: location, snapPoint: try nodePoints[nearest.index].pointCoordinate(),
                                            snapDistanceMetres: nearest.distance, edgeID: nil, distanceAlongEdge: nil, nodeID: nodeIDs[nearest.index])
        }
        self.graph = graph
        self.siteAccess = siteAccess
        self.pointAccess = pointAccess
    }

    /// Minutes of the snap leg at the access speed.
    public func accessMinutes(_ access: NetworkAccess) -> Double {
        access.snapDistanceMetres / 1000 / profile.accessKmh * 60
    }

    /// Arrival time (minutes) at every graph node from a site, including its snap leg; nil for an unknown site.
    public func nodeTimes(fromSite id: String) -> [Double]? {
        guard let access = siteAccess[id], let edgeID = access.edgeID, let e = graph.edges.firstIndex(where: { $0.id == edgeID }),
              let along = access.distanceAlongEdge else { return nil }
        let edge = graph.edges[e]
        let perMetre = graph.minutes[e] / max(graph.lengths[e], 1e-9)
        let start = accessMinutes(access)
        var starts = [(node: graph.index[edge.to]!, minutes: start + (graph.lengths[e] - along) * perMetre)]
        if !edge.oneway { starts.append((node: graph.index[edge.from]!, minutes: start + along * perMetre)) }
        return graph.shortestTimes(from: starts)
    }

    /// Minutes from a site to an asset or population point, or nil when unreachable (never 0 for "unknown").
    public func minutes(fromSite site: String, to destination: String) -> Double? {
        guard let times = nodeTimes(fromSite: site) else { return nil }
        return minutes(to: destination, given: times)
    }

    /// Minutes to a destination given a site's node times.
    public func minutes(to destination: String, given times: [Double]) -> Double? {
        guard let access = pointAccess[destination], let node = access.nodeID.flatMap({ graph.index[$0] }) else { return nil }
        let total = times[node] + accessMinutes(access)
        return total.isFinite ? total : nil
    }
}
