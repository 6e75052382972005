import Foundation
import Testing
@testable import SiteMatchGeometry

@Suite struct GeoJSONReaderTests {
    func read(_ text: String) throws -> FeatureCollection {
        try GeoJSONReader.read(Data(text.utf8), source: "test.geojson")
    }

    /// The error text for `text`, or nil if it reads without error.
    func problem(_ text: String) -> String? {
        do { _ = try read(text); return nil } catch { return "\(error)" }
    }

    func collection(_ features: String...) -> String {
        #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
    }

    @Test func readsWGS84FeaturesWithTypedProperties() throws {
        let fc = try read(collection(#"{"type":"Feature","properties":{"id":"kusip","area_ha":null,"ez":true,"n":3,"tags":["a"]},"geometry":{"type":"Point","coordinates":[-2.273,53.003]}}"#))
        #expect(fc.crs == .wgs84)
        #expect(fc.crsReason.contains("RFC 7946"))
        let f = fc.features[0]
        #expect(f.identifier == "kusip")
        #expect(f.properties["area_ha"] == .null)
        #expect(f.properties["ez"] == .bool(true))
        #expect(f.properties["n"] == .number(3))
        #expect(f.properties["tags"] == .array([.string("a")]))
        #expect(f.geometry == .point(Coordinate(-2.273, 53.003)))
    }

    @Test(arguments: ["urn:ogc:def:crs:EPSG::27700", "EPSG:27700", "http://www.opengis.net/def/crs/EPSG/0/27700"])
    func readsLegacyCRSMemberNamingBNG(name: String) throws {
        let fc = try read(#"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"\#(name)"}},"features":[{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[385000,347000]}}]}"#)
        #expect(fc.crs == .britishNationalGrid)
        #expect(fc.crsReason.contains(name))
    }

    /// The scanner's fast path must give exactly what the general path gives: every geometry type,
    /// 3-D positions (Z dropped), keys in any order, whitespace, and members GeoJSON ignores.
    @Test func everyGeometryTypeReadsTheSameInAnyMemberOrder() throws {
        let fc = try read(collection(
            #"{"geometry":{"coordinates":[1.5,2.25,9],"type":"Point"},"type":"Feature","properties":null,"id":"p"}"#,
            #"{"type":"Feature","properties":{},"geometry":{"type":"LineString","bbox":[0,0,1,1],"coordinates":[ [0,0] , [1, 1e0] ]}}"#,
            #"{"type":"Feature","properties":{},"geometry":{"type":"MultiPoint","coordinates":[[0,0],[-0.5,2]]}}"#,
            #"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,0]],[[1,1],[2,1],[2,2],[1,1]]]}}"#,
            #"{"type":"Feature","properties":{},"geometry":{"type":"MultiLineString","coordinates":[[[0,0],[1,0]],[[2,2],[3,3],[4,4]]]}}"#,
            #"{"type":"Feature","properties":{},"geometry":{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[5,5],[6,5],[6,6],[5,5]],[[5.1,5.1],[5.2,5.1],[5.2,5.2],[5.1,5.1]]]]}}"#,
            #"{"type":"Feature","properties":{},"geometry":{"type":"GeometryCollection","geometries":[{"type":"Point","coordinates":[7,8]}]}}"#,
            #"{"type":"Feature","properties":{"a":1},"geometry":null,"extra":{"x":[1,2]}}"#
        ))
        let square: [Coordinate] = [Coordinate(0, 0), Coordinate(4, 0), Coordinate(4, 4), Coordinate(0, 0)]
        let hole: [Coordinate] = [Coordinate(1, 1), Coordinate(2, 1), Coordinate(2, 2), Coordinate(1, 1)]
        #expect(fc.features.map(\.geometry) == [
            .point(Coordinate(1.5, 2.25)),
            .lineString([Coordinate(0, 0), Coordinate(1, 1)]),
            .multiPoint([Coordinate(0, 0), Coordinate(-0.5, 2)]),
            .polygon([square, hole]),
            .multiLineString([[Coordinate(0, 0), Coordinate(1, 0)], [Coordinate(2, 2), Coordinate(3, 3), Coordinate(4, 4)]]),
            .multiPolygon([[[Coordinate(0, 0), Coordinate(1, 0), Coordinate(1, 1), Coordinate(0, 0)]],
                           [[Coordinate(5, 5), Coordinate(6, 5), Coordinate(6, 6), Coordinate(5, 5)],
                            [Coordinate(5.1, 5.1), Coordinate(5.2, 5.1), Coordinate(5.2, 5.2), Coordinate(5.1, 5.1)]]]),
            .geometryCollection([.point(Coordinate(7, 8))]),
            nil,
        ])
        #expect(fc.features[0].identifier == "p")
        #expect(fc.features[7].properties == ["a": .number(1)])
    }

    /// Streaming hands over each feature in order, and whole-file checks still run at the end.
    @Test func streamingHandsOverFeaturesInOrderThenChecksTheCRS() throws {
        var seen: [Int] = []
        let text = collection(#"{"type":"Feature","properties":{"id":7},"geometry":{"type":"Point","coordinates":[-2,53]}}"#,
                              #"{"type":"Feature","properties":{"id":8},"geometry":{"type":"Point","coordinates":[-2.1,53.1]}}"#)
        let fc = try GeoJSONReader.read(Data(text.utf8), source: "s.geojson") { index, feature in
            seen.append(index)
            #expect(feature.identifier == String(7 + index))
        }
        #expect(seen == [0, 1])
        #expect(fc.features.isEmpty && fc.crs == .wgs84)
        let bng = text.replacingOccurrences(of: #"{"type":"FeatureCollection","#, with: #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:27700"}},"#)
        #expect(throws: GeoJSONError.self) { try GeoJSONReader.read(Data(bng.utf8), source: "s.geojson") { _, _ in } }
    }

    @Test func truncatedJSONSaysSo() {
        #expect(problem(#"{"type":"FeatureCollection","features":[{"type":"Fea"#)?.contains("truncated") == true)
    }

    @Test func unknownTypeIsNamed() {
        #expect(problem(#"{"type":"FeatureCollectionn","features":[]}"#) == "test.geojson: type: 'FeatureCollectionn' is not a GeoJSON type; expected FeatureCollection, Feature or one of Point, LineString, Polygon, MultiPoint, MultiLineString, MultiPolygon, GeometryCollection")
    }

    @Test func nonNumericCoordinateNamesFeatureAndPosition() {
        let text = collection(#"{"type":"Feature","id":"a","properties":{},"geometry":{"type":"Point","coordinates":[-2.2,53.0]}}"#,
                              #"{"type":"Feature","properties":{"id":"b"},"geometry":{"type":"Point","coordinates":["-2.2",53.0]}}"#)
        #expect(problem(text) == #"test.geojson: feature #1 (id=b): geometry.coordinates[0]: is a string ("-2.2"); expected a number"#)
    }

    @Test func missingCoordinatesAreNamed() {
        #expect(problem(collection(#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon"}}"#)) == "test.geojson: feature #0: geometry.coordinates: missing; a Polygon needs \"coordinates\"")
    }

    @Test func unclosedRingIsNamed() {
        let text = collection(#"{"type":"Feature","properties":{"id":"x"},"geometry":{"type":"Polygon","coordinates":[[[0,50],[1,50],[1,51],[0,51]]]}}"#)
        #expect(problem(text) == "test.geojson: feature #0 (id=x): geometry.coordinates[0]: exterior ring is not closed: it starts at [0.0, 50.0] and ends at [0.0, 51.0]; expected the last position to repeat the first")
    }

    @Test func ringOfThreePositionsIsNamed() {
        let text = collection(#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,50],[1,50],[0,50]]]}}"#)
        #expect(problem(text)?.hasPrefix("test.geojson: feature #0: geometry.coordinates[0]: exterior ring has 3 positions; a polygon ring needs at least 4") == true)
    }

    @Test func bngMetresInWGS84FileSuggestTheFix() throws {
        let text = collection(#"{"type":"Feature","properties":{"id":"cvez"},"geometry":{"type":"Point","coordinates":[385000,347000]}}"#)
        let message = try #require(problem(text))
        #expect(message.hasPrefix("test.geojson: feature #0 (id=cvez): geometry.coordinates: [385000, 347000] is not longitude/latitude: it looks like British National Grid metres (EPSG:27700)."))
        #expect(message.contains("urn:ogc:def:crs:EPSG::27700"))
        #expect(message.contains("ogr2ogr"))
    }

    @Test func nanCoordinateNamesTheFeature() throws {
        let text = collection(#"{"type":"Feature","properties":{"id":"ok"},"geometry":{"type":"Point","coordinates":[-2,53]}}"#,
                              #"{"type":"Feature","properties":{"id":"bad"},"geometry":{"type":"Point","coordinates":[NaN,53]}}"#)
        #expect(problem(text) == "test.geojson: feature #1 (id=bad): geometry.coordinates[0]: nan is not a finite number (NaN and Infinity are not valid JSON); expected a finite coordinate")
        let infinite = collection(#"{"type":"Feature","properties":{},"geometry":{"type":"Point","coordinates":[-2,Infinity]}}"#)
        #expect(problem(infinite)?.contains("feature #0: geometry.coordinates[1]: inf is not a finite number") == true)
    }

    /// A non-finite property is named by its path, the first in key order at each level.
    @Test func nanPropertyNamesItsPath() throws {
        let text = collection(#"{"type":"Feature","properties":{"name":"x","tags":[1,{"b":2,"a":NaN}],"z":NaN},"geometry":{"type":"Point","coordinates":[-2,53]}}"#)
        #expect(problem(text) == "test.geojson: feature #0: properties.tags[1].a: nan is not a finite number (NaN and Infinity are not valid JSON); expected a finite number")
    }

    @Test func emptyCollectionIsAnErrorUnlessAllowed() throws {
        #expect(problem(collection()) == "test.geojson: the FeatureCollection has no features; expected at least one Feature in \"features\"")
        #expect(try GeoJSONReader.read(Data(collection().utf8), source: "x", allowEmpty: true).features.isEmpty)
    }

    @Test func selfIntersectingPolygonIsReadNotRejected() throws {
        let text = collection(#"{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":[[[0,50],[1,51],[1,50],[0,51],[0,50]]]}}"#)
        #expect(try read(text).features.count == 1)
    }

    @Test func syntaxErrorGivesLineAndColumn() {
        let message = problem("{\"type\": \"FeatureCollection\",\n \"features\": [}\n")
        #expect(message?.hasPrefix("test.geojson:2:") == true)
    }
}

@Suite struct GeoJSONWriterTests {
    let geos = GEOSContext()

    @Test func writesRFC7946FromBNGWithCounterClockwiseRingsAndSixDecimals() throws {
        // A clockwise 100 m square in BNG near KUSIP, with a clockwise hole (wrong way round for RFC 7946).
        let shell = [Coordinate(381_600, 345_500), Coordinate(381_600, 345_600), Coordinate(381_700, 345_600), Coordinate(381_700, 345_500), Coordinate(381_600, 345_500)]
        let hole = [Coordinate(381_620, 345_520), Coordinate(381_620, 345_540), Coordinate(381_640, 345_540), Coordinate(381_640, 345_520), Coordinate(381_620, 345_520)]
        let input = FeatureCollection(features: [Feature(geometry: .polygon([shell, hole]), properties: ["id": .string("sq")])], crs: .britishNationalGrid)
        let text = try GeoJSONWriter.encode(input, context: geos)
        #expect(!text.contains("\"crs\""))

        let back = try GeoJSONReader.read(Data(text.utf8), source: "out")
        #expect(back.crs == .wgs84)
        guard case let .polygon(rings)? = back.features[0].geometry else { Issue.record("not a polygon"); return }
        #expect(try Geometry.isCounterClockwise(rings[0], context: geos))
        #expect(try !Geometry.isCounterClockwise(rings[1], context: geos))
        for c in rings.flatMap({ $0 }) {
            #expect((c.x * 1e6).rounded() == c.x * 1e6 && (c.y * 1e6).rounded() == c.y * 1e6)
            #expect(c.x > -2.3 && c.x < -2.2 && c.y > 52.9 && c.y < 53.1)
        }
        // Back in BNG the area is still 100² − 20² = 9 600 m², to the 6-decimal rounding (≈ 0.1 m).
        let toBNG = try CoordinateTransformer(from: .wgs84, to: .britishNationalGrid)
        let area = try toBNG.transform(Geometry(.polygon(rings), context: geos)).area()
        #expect(abs(area - 9_600) < 30)
    }

    @Test func propertiesKeepTheirTypes() throws {
        let input = FeatureCollection(features: [Feature(id: .string("a"), geometry: .point(Coordinate(-2.5, 53)), properties: ["n": .number(2), "x": .number(0.25), "ok": .bool(false), "none": .null, "name": .string("Tunstall \"Arrow\"")])])
        let text = try GeoJSONWriter.encode(input, context: geos)
        #expect(text.contains(#""properties":{"n":2,"name":"Tunstall \"Arrow\"","none":null,"ok":false,"x":0.25}"#))
        let back = try GeoJSONReader.read(Data(text.utf8), source: "out")
        #expect(back.features == input.features)
    }
}
