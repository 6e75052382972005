import Foundation
import Testing
import SiteMatchGeometry
import SiteMatchTestSupport
@testable import SiteMatchData

/// `--network`: OS Open Roads and OpenStreetMap read into edges whose classes the speed profiles
/// price (the drive times over them are worked by hand in SiteMatchAccessibilityTests).
@Suite struct RoadNetworkImportTests {
    let context = GEOSContext()

    func edge(_ network: ImportedRoadNetwork, _ id: String) throws -> RoadEdge {
        try #require(network.edges.first { $0.id == id }, "no edge \(id) in \(network.edges.map(\.id))")
    }

    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "no error" } catch { return "\(error)" }
    }

    @Test func openRoadsLinksTakeTheirClassesNodesAndDirectionFromTheFile() throws {
        let folder = try OGRFixtures.folder()
        let network = try RoadNetworkImporter.load(RoadNetworkSource(path: try RoadNetworkFixtures.writeOpenRoads(in: folder)), context: context)
        #expect(network.kind == .osOpenRoads)
        // Eight links a car uses; the guided busway L8 is left out and said so.
        #expect(network.edges.map(\.id).sorted() == ["L1", "L2", "L3", "L4", "L5", "L6", "L7", "L9"])
        #expect(network.notes.contains("1 Guided Busway link left out (no car traffic)"))
        let classes = Dictionary(uniqueKeysWithValues: network.edges.map { ($0.id, $0.roadClass) })
        #expect(classes == ["L1": "trunk", "L2": "a_road", "L3": "b_road", "L4": "motorway", "L5": "local_road", "L6": "minor_road", "L7": "minor_road", "L9": "b_road"])
        #expect(try edge(network, "L1").road == "A500")
        #expect(network.edges.allSatisfy { !$0.oneway })
        // Node ids are the file's, at road_node's positions; L9, drawn from N7, now runs N4 → N7.
        #expect(network.nodePositions["N4"] == RoadNetworkFixtures.openRoadsNodes["N4"])
        #expect(network.nodePositions["N7"] == RoadNetworkFixtures.openRoadsNodes["N7"])
        let l9 = try edge(network, "L9")
        #expect(l9.from == "N4" && l9.line.first == RoadNetworkFixtures.openRoadsNodes["N4"] && l9.line.last == RoadNetworkFixtures.openRoadsNodes["N7"])
        #expect(try edge(network, "L6").line.count == 4)
    }

    @Test func openRoadsWithoutRoadNodeTakesPositionsFromTheLinks() throws {
        let folder = try OGRFixtures.folder()
        let network = try RoadNetworkImporter.load(RoadNetworkSource(path: try RoadNetworkFixtures.writeOpenRoads(in: folder, withNodes: false)), context: context)
        #expect(network.notes.contains("no road_node layer: node positions are taken from the links' ends"))
        #expect(network.nodePositions["N6"] == RoadNetworkFixtures.openRoadsNodes["N6"])
        #expect(network.nodePositions.count == 7)
    }

    @Test func openStreetMapWaysAreSplitWhereTheyShareAPosition() throws {
        let folder = try OGRFixtures.folder()
        let network = try RoadNetworkImporter.load(RoadNetworkSource(path: try RoadNetworkFixtures.writeOSM(in: folder)), context: context)
        #expect(network.kind == .openStreetMap)
        // Way 101 a–b–c splits at b (shared with 103), 103 g–b–e at b; 102 c–d–e is not split at d, nor
        // 104 e–f–a at f (the stream and the access=no service road there are left out, as is the footway).
        #expect(network.edges.map(\.id).sorted() == ["way/101#1", "way/101#2", "way/102", "way/103#1", "way/103#2", "way/104", "way/106"])
        #expect(network.nodePositions.count == 5)  // a, b, c, e, g: d and f are vertices of one drivable way only
        #expect(network.notes.contains("1 way tagged access=no or motor_vehicle=no left out"))
        #expect(network.notes.contains("1 other highway left out (footway)"))
        // oneway=yes; oneway=-1 turned round (e–f–a drawn, driven a→f→e); motorway implied; residential two-way.
        let first = try edge(network, "way/101#1")
        #expect(first.oneway && first.roadClass == "a_road" && first.road == "A53")
        #expect(abs(try #require(first.maxSpeedKmh) - 30 * 1.609344) < 1e-9)
        let tertiary = try edge(network, "way/104")
        #expect(tertiary.oneway && tertiary.roadClass == "minor_road")
        let a = RoadNetworkFixtures.osmNodes["a"]!, e = RoadNetworkFixtures.osmNodes["e"]!
        #expect(abs(tertiary.line.first!.x - a.x) < 0.05 && abs(tertiary.line.first!.y - a.y) < 0.05)
        #expect(abs(tertiary.line.last!.x - e.x) < 0.05 && abs(tertiary.line.last!.y - e.y) < 0.05)
        #expect(try edge(network, "way/106").oneway)
        #expect(try !edge(network, "way/102").oneway)
        #expect(try edge(network, "way/102").road == "Clay Street")
    }

    @Test func maxspeedIsReadInKilometresOrMilesPerHourAndWordsAreIgnored() {
        #expect(RoadNetworkImporter.maxSpeedKmh("50") == 50)
        #expect(RoadNetworkImporter.maxSpeedKmh("50 km/h") == 50)
        #expect(RoadNetworkImporter.maxSpeedKmh("20 mph") == 20 * 1.609344)
        #expect(RoadNetworkImporter.maxSpeedKmh("GB:nsl_single") == nil)
        #expect(RoadNetworkImporter.maxSpeedKmh("national") == nil)
        #expect(RoadNetworkImporter.maxSpeedKmh("0") == nil)
        #expect(RoadNetworkImporter.maxSpeedKmh("1e400") == nil)
    }

    @Test func otherTagsAreReadAsGDALWritesThemAndBadTextIsNamed() throws {
        let tags = try RoadNetworkImporter.otherTags(#""oneway"=>"yes","name:cy"=>"Ffordd \"Hir\"","note"=>"a\\b""#, label: "x.osm", index: 3)
        #expect(tags == ["oneway": "yes", "name:cy": "Ffordd \"Hir\"", "note": "a\\b"])
        #expect(try RoadNetworkImporter.otherTags("", label: "x.osm", index: 0).isEmpty)
        let bad = message { _ = try RoadNetworkImporter.otherTags(#""oneway"="yes""#, label: "x.osm", index: 3) }
        #expect(bad.contains("x.osm") && bad.contains("other_tags") && bad.contains("hstore"))
    }

    @Test func aFileThatIsNeitherFormatListsItsLayers() throws {
        let folder = try OGRFixtures.folder()
        try OGRFixtures.write(OGRFixtures.sitesGeoJSON, to: folder + "/plots.geojson")
        try OGRFixtures.ogr2ogr(["-f", "GPKG", "-nln", "plots", folder + "/plots.gpkg", folder + "/plots.geojson"])
        let error = message { _ = try RoadNetworkImporter.load(RoadNetworkSource(path: folder + "/plots.gpkg"), context: context) }
        #expect(error.contains("plots.gpkg") && error.contains("no road_link layer") && error.contains("its layers are: plots"))
    }

    @Test func brokenOpenRoadsFilesAreNamedByFeatureAndField() throws {
        let folder = try OGRFixtures.folder()
        // A missing field: the fields the layer has are listed.
        let noStart = try RoadNetworkFixtures.writeOpenRoads(in: folder + "/a", links: RoadNetworkFixtures.openRoadsLinksGeoJSON { $0["start_node"] = nil })
        let missing = message { _ = try RoadNetworkImporter.load(RoadNetworkSource(path: noStart), context: context) }
        #expect(missing.contains("has no field 'start_node'") && missing.contains("its fields are:") && missing.contains("end_node"))
        // An unknown classification.
        let cRoad = try RoadNetworkFixtures.writeOpenRoads(in: folder + "/b", links: RoadNetworkFixtures.openRoadsLinksGeoJSON { p in
            if p["id"] == "\"L3\"" { p["road_classification"] = "\"C Road\"" }
        })
        let unknown = message { _ = try RoadNetworkImporter.load(RoadNetworkSource(path: cRoad), context: context) }
        #expect(unknown.contains("road_classification") && unknown.contains("'C Road'") && unknown.contains("B Road") && unknown.contains("L3"))
        // A link whose ends are not its nodes.
        let wrongNode = try RoadNetworkFixtures.writeOpenRoads(in: folder + "/c", links: RoadNetworkFixtures.openRoadsLinksGeoJSON { p in
            if p["id"] == "\"L2\"" { p["end_node"] = "\"N6\"" }
        })
        let apart = message { _ = try RoadNetworkImporter.load(RoadNetworkSource(path: wrongNode), context: context) }
        #expect(apart.contains("L2") && apart.contains("does not run between its nodes"))
    }

    @Test func anOSMFileWithoutRoadsOrThatIsCorruptIsRefused() throws {
        let folder = try OGRFixtures.folder()
        try OGRFixtures.write("""
        <?xml version="1.0" encoding="UTF-8"?>
        <osm version="0.6"><node id="1" lat="53.0" lon="-2.2"/><node id="2" lat="53.01" lon="-2.2"/>
        <way id="5"><nd ref="1"/><nd ref="2"/><tag k="highway" v="footway"/></way></osm>
        """, to: folder + "/paths.osm")
        let noRoads = message { _ = try RoadNetworkImporter.load(RoadNetworkSource(path: folder + "/paths.osm"), context: context) }
        #expect(noRoads.contains("paths.osm") && noRoads.contains("no highway a car can use"))
        try OGRFixtures.write("<osm><way id=", to: folder + "/broken.osm")
        let corrupt = message { _ = try RoadNetworkImporter.load(RoadNetworkSource(path: folder + "/broken.osm"), context: context) }
        #expect(corrupt.contains("broken.osm"))
        let absent = message { _ = try RoadNetworkImporter.load(RoadNetworkSource(path: folder + "/none.gpkg"), context: context) }
        #expect(absent.contains("none.gpkg") && absent.contains("no such file"))
    }
}
