@testable import SiteMatchData
import SiteMatchGeometry

/// A hand-drawn network in BNG-like metres, small enough to work every time out by hand.
///
///     C (10 000, 10 000) ──one-way C→D, a_road 10 km──▶ D (20 000, 10 000)
///     │  ╲
///  motorway  trunk A–C, 14 142 m
///   10 km      ╲
///     B (10 000, 0) ── a_road 10 km ── A (0, 0)         E ── F: a detached a_road far away
///
/// Car: a_road 60, trunk 90, motorway 120 km/h, access 30 km/h. HGV: 30, 60, 60, access 15 km/h.
enum TinyNetwork {
    static let car = SpeedProfile(name: "car", accessKmh: 30, speedsKmh: ["a_road": 60, "trunk": 90, "motorway": 120])
    static let hgv = SpeedProfile(name: "hgv", accessKmh: 15, speedsKmh: ["a_road": 30, "trunk": 60, "motorway": 60])

    static let nodes: [String: Coordinate] = [
        "A": Coordinate(0, 0), "B": Coordinate(10_000, 0), "C": Coordinate(10_000, 10_000), "D": Coordinate(20_000, 10_000),
        "E": Coordinate(50_000, 50_000), "F": Coordinate(51_000, 50_000),
    ]

    static func edge(_ id: String, _ from: String, _ to: String, _ roadClass: String, oneway: Bool = false) -> RoadEdge {
        RoadEdge(id: id, road: id, roadClass: roadClass, from: from, to: to, oneway: oneway, line: [nodes[from]!, nodes[to]!])
    }

    static let edges = [
        edge("AB", "A", "B", "a_road"),
        edge("BC", "B", "C", "motorway"),
        edge("CD", "C", "D", "a_road", oneway: true),
        edge("AC", "A", "C", "trunk"),
        edge("EF", "E", "F", "a_road"),
    ]

    /// A triangle whose apex is 200 m below `apex`'s x on the line y = apex.y + 200.
    static func site(_ id: String, apex: Coordinate) -> Site {
        let ring = [Coordinate(apex.x - 1_000, apex.y - 1_000), Coordinate(apex.x + 1_000, apex.y - 1_000), apex, Coordinate(apex.x - 1_000, apex.y - 1_000)]
        return Site(id: id, name: id, locationType: "D", district: "test", areaHectares: nil, availableAreaHectares: nil, status: nil,
                    enterpriseZone: false, gridHeadroomMVA: nil, powerClass: nil, fullFibre: nil, geometryQuality: "indicative",
                    geometry: .polygon([ring]), properties: [:])
    }

    static func asset(_ id: String, _ x: Double, _ y: Double) -> Asset {
        Asset(id: id, name: id, category: "university", location: Coordinate(x, y), properties: [:])
    }

    static func population(_ id: String, _ x: Double, _ y: Double, people: Int, workingAge: Int?) -> PopulationPoint {
        PopulationPoint(id: id, name: id, population: people, workingAgePopulation: workingAge, year: 2021, useInCatchment: true,
                        location: Coordinate(x, y), source: "test", properties: [:])
    }

    static var portfolio: Portfolio { Portfolio(
        directory: "tiny",
        sites: [
            site("mid_AB", apex: Coordinate(5_000, -200)),   // snaps to AB at 5 km, 200 m leg
            site("near_A", apex: Coordinate(0, -200)),       // snaps at A (AB and AC tie: lowest index AB)
            site("near_D", apex: Coordinate(20_000, 9_800)), // snaps at the end D of the one-way CD
        ],
        assets: [asset("at_C", 10_000, 10_400), asset("at_D", 20_000, 10_300), asset("at_F", 51_000, 50_100)],
        population: [population("town_B", 10_000, -300, people: 10_000, workingAge: 6_000), population("town_C", 10_300, 10_000, people: 5_000, workingAge: nil)],
        edges: edges,
        nodePositions: nodes
    ) }
}
