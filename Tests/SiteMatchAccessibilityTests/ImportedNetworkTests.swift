import Foundation
import Testing
import SiteMatchGeometry
import SiteMatchTestSupport
@testable import SiteMatchAccessibility
@testable import SiteMatchData

/// Drive times over an imported network (`--network`), worked by hand on RoadNetworkFixtures' two
/// small networks with the shipped car speeds per class.
@Suite struct ImportedNetworkTests {
    /// GeoData/profiles.yaml's car speeds (km/h), restated so a change there does not silently change these sums.
    static let car = SpeedProfile(name: "car", accessKmh: 30, speedsKmh: ["motorway": 100, "trunk": 80, "a_road": 50, "b_road": 35, "minor_road": 30, "local_road": 25])

    /// Minutes for `metres` at `kmh`.
    static func minutes(_ metres: Double, _ kmh: Double) -> Double { metres / 1000 / kmh * 60 }

    let context = GEOSContext()

    func graph(_ network: ImportedRoadNetwork) throws -> RoadGraph {
        let lengths = try network.edges.map { try Geometry(.lineString($0.line), context: context).length() }
        return try RoadGraph(edges: network.edges, lengths: lengths, profile: Self.car)
    }

    /// Arrival minutes at every node from node `start`.
    func times(_ graph: RoadGraph, from start: String) throws -> [String: Double] {
        let times = graph.shortestTimes(from: [(node: try #require(graph.index[start]), minutes: 0)])
        return Dictionary(uniqueKeysWithValues: zip(graph.nodes, times))
    }

    @Test func openRoadsTimesAreTheQuickestSumOfLinkTimes() throws {
        let folder = try OGRFixtures.folder()
        let network = try RoadNetworkImporter.load(RoadNetworkSource(path: try RoadNetworkFixtures.writeOpenRoads(in: folder)), context: context)
        let t = try times(try graph(network), from: "N1")
        let m = Self.minutes
        // N1→N2 trunk 3 km (2.25), →N3 A road 3 km (3.6), →N4 B road 4 km (6.857): 12.707 min, quicker than
        // N1→N5 motorway 4 km (2.4) →N6 local 3 km (7.2) →N4 minor, bent, 9 km (18): 27.6.
        let n4 = m(3_000, 80) + m(3_000, 50) + m(4_000, 35)
        #expect(abs(t["N4"]! - n4) < 1e-9)
        // N7: the guided busway from N3 is left out, so via N4 and L9 (a B road, 5,656.85 m) — after turning L9 round.
        #expect(abs(t["N7"]! - (n4 + m(4_000 * 2.squareRoot(), 35))) < 1e-6)
        // N6: N1→N5→N6 is 9.6; N1→N2→N6 (minor, 4 km: 8) is 10.25.
        #expect(abs(t["N6"]! - (m(4_000, 100) + m(3_000, 25))) < 1e-9)
        // Every link is two-way in OS Open Roads: back from N4 to N1 takes as long.
        #expect(abs(try times(try graph(network), from: "N4")["N1"]! - n4) < 1e-9)
    }

    @Test func openStreetMapTimesRespectOneWayStreetsAndSignedLimits() throws {
        let folder = try OGRFixtures.folder()
        let network = try RoadNetworkImporter.load(RoadNetworkSource(path: try RoadNetworkFixtures.writeOSM(in: folder)), context: context)
        let graph = try graph(network)
        /// The node at a fixture letter's position (positions went through WGS84 at 7 decimals: within a few cm).
        func node(_ letter: String) throws -> String {
            let p = RoadNetworkFixtures.osmNodes[letter]!
            return try #require(network.nodePositions.first { abs($0.value.x - p.x) < 0.05 && abs($0.value.y - p.y) < 0.05 }?.key)
        }
        let m = Self.minutes
        let limit = 30 * 1.609344  // maxspeed "30 mph" caps the A road's 50 km/h
        let fromA = try times(graph, from: try node("a"))
        let tolerance = 1e-3  // a few cm of round trip through WGS84
        #expect(abs(fromA[try node("b")]! - m(2_000, limit)) < tolerance)
        #expect(abs(fromA[try node("c")]! - m(4_000, limit)) < tolerance)
        // e: via b and the B road (2.485 + 3.429 = 5.914) beats the tertiary a→f→e (4 km at 30: 8).
        #expect(abs(fromA[try node("e")]! - (m(2_000, limit) + m(2_000, 35))) < tolerance)
        // g: via b and the B road (5.914) beats c and the motorway (4.971 + 1.697 = 6.668).
        #expect(abs(fromA[try node("g")]! - (m(2_000, limit) + m(2_000, 35))) < tolerance)
        // Nothing leads into a: both its ways leave it one way (101 a→b; 104, oneway=-1, a→f→e).
        let fromE = try times(graph, from: try node("e"))
        #expect(fromE[try node("a")]! == .infinity)
        // The motorway is one-way c→g (implied): from g, c is reached through b (3.429 + 2.485), not the 1.697 back.
        let fromG = try times(graph, from: try node("g"))
        #expect(abs(fromG[try node("c")]! - (m(2_000, 35) + m(2_000, limit))) < tolerance)
        #expect(abs(try times(graph, from: try node("c"))[try node("g")]! - m(2_000 * 2.squareRoot(), 100)) < tolerance)
    }
}
