import Foundation
import Testing
@testable import SiteMatchGeometry

/// The threaded read must give exactly what the sequential read gives — features, order, CRS and
/// every error — wherever its guessed split points fall. Small `minimumStretchBytes` make these
/// small texts split.
@Suite struct GeoJSONThreadedReadTests {
    /// A BNG FeatureCollection of `count` square parcels (ids 0..count-1); `override` replaces some features' text.
    func parcels(_ count: Int, crs: Bool = true, override: [Int: String] = [:]) -> String {
        let features = (0..<count).map { i in
            override[i] ?? #"{"type":"Feature","properties":{"id":\#(i),"note":"p\#(i)"},"geometry":{"type":"Polygon","coordinates":[[[\#(400000 + i),300000],[\#(400010 + i),300000],[\#(400010 + i),300010],[\#(400000 + i),300000]]]}}"#
        }
        let member = crs ? #""crs":{"type":"name","properties":{"name":"EPSG:27700"}},"# : ""
        return #"{"type":"FeatureCollection",\#(member)"features":[\#n"# + features.joined(separator: ",\n") + "\n]}"
    }

    /// The threaded read's features, stretch after stretch, and how many stretches there were.
    func threaded(_ text: String, threads: Int, minimum: Int = 64) throws -> (collection: FeatureCollection, features: [Feature], stretches: Int) {
        let (collection, stretches) = try GeoJSONReader.read(Data(text.utf8), source: "t.geojson", threads: threads, minimumStretchBytes: minimum,
                                                             makePart: { [Feature]() }) { part, feature in part.append(feature) }
        var next = 0
        for stretch in stretches {
            #expect(stretch.firstIndex == next && stretch.count == stretch.part.count)
            next += stretch.count
        }
        return (collection, stretches.flatMap(\.part), stretches.count)
    }

    func sequential(_ text: String) throws -> FeatureCollection {
        try GeoJSONReader.read(Data(text.utf8), source: "t.geojson")
    }

    @Test(arguments: [1, 2, 3, 4, 7])
    func featuresAndOrderMatchTheSequentialRead(threads: Int) throws {
        let text = parcels(200)
        let reference = try sequential(text)
        let result = try threaded(text, threads: threads)
        #expect(result.features == reference.features)
        #expect(result.collection.crs == reference.crs)
        #expect(result.stretches == threads)  // every guessed split held, so each thread kept its stretch
    }

    /// A split guessed inside a string, or inside a nested array of Feature-like objects (which the
    /// guessing thread parses without error), is never honoured; the result is unchanged.
    @Test(arguments: [
        #""note":"\#(String(repeating: "},{} ", count: 2000))""#,
        #""list":[\#(Array(repeating: #"{"type":"Feature","properties":{},"geometry":null}"#, count: 200).joined(separator: ","))]"#,
    ])
    func aSplitGuessedInsideAFeatureIsDiscarded(member: String) throws {
        let text = parcels(40, override: [20: #"{"type":"Feature","properties":{"id":20,\#(member)},"geometry":{"type":"Polygon","coordinates":[[[0,0],[1,0],[1,1],[0,0]]]}}"#])
        // The middle of the text lies inside feature 20's big member, so the split guessed there is a decoy.
        func offset(_ marker: String) -> Int { text.utf8.distance(from: text.utf8.startIndex, to: text.range(of: marker)!.lowerBound) }
        let middle = text.utf8.count / 2
        #expect(offset(#"{"id":20,"#) < middle && middle < offset(#"},"geometry":{"type":"Polygon","coordinates":[[[0,0]"#))
        let result = try threaded(text, threads: 2)
        #expect(result.features == (try sequential(text)).features)
        #expect(result.features.count == 40)
        #expect(result.stretches == 1)
    }

    /// An error after the split is the sequential read's error, with the feature's index in the file.
    @Test func errorsAfterTheSplitNameTheFeatureInTheFile() throws {
        let text = parcels(200, override: [150: #"{"type":"Feature","properties":{"id":150},"geometry":{"type":"Point","coordinates":[400000,300000]}}"#])
        let expected = GeoJSONError(source: "t.geojson", featureIndex: 150, featureID: "150", field: "geometry", message: "is a Point; expected Polygon")
        #expect(throws: expected) {
            _ = try GeoJSONReader.read(Data(text.utf8), source: "t.geojson", threads: 2, minimumStretchBytes: 64, makePart: { 0 }) { count, feature in
                guard case .polygon? = feature.geometry else { throw GeoJSONReader.FeatureProblem(field: "geometry", "is a Point; expected Polygon") }
                count += 1
            }
        }
        // A syntax error there: the same line and column as the sequential read.
        let broken = parcels(200, override: [170: #"{"type":"Feature","properties":{"id":170},"geometry":{"type":"Polygon","coordinates":[[[1,2],[3,4],[5,6],[1,2]]]]}}"#])
        let sequentialError = #expect(throws: GeoJSONError.self) { try sequential(broken) }
        let threadedError = #expect(throws: GeoJSONError.self) { try threaded(broken, threads: 2) }
        #expect(sequentialError != nil && sequentialError == threadedError)
        #expect(sequentialError?.line == 172)
    }

    /// Whole-file CRS checks see every stretch: BNG metres after the split in a file without a crs
    /// member are reported at their index in the file.
    @Test func crsEvidenceFromEveryStretchIsMerged() throws {
        let lonLat = (0..<200).map { i in
            #"{"type":"Feature","properties":{"id":\#(i)},"geometry":{"type":"Point","coordinates":[-2.\#(i),53.0]}}"#
        }
        var features = lonLat
        features[180] = #"{"type":"Feature","properties":{"id":180},"geometry":{"type":"Point","coordinates":[400000,300000]}}"#
        let text = #"{"type":"FeatureCollection","features":["# + features.joined(separator: ",") + "]}"
        let sequentialError = #expect(throws: GeoJSONError.self) { try sequential(text) }
        let threadedError = #expect(throws: GeoJSONError.self) { try threaded(text, threads: 2) }
        #expect(sequentialError?.featureIndex == 180 && sequentialError == threadedError)
        // And a file that claims BNG but holds only longitude/latitude is caught across stretches too.
        let claimsBNG = #"{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:27700"}},"features":["# + lonLat.joined(separator: ",") + "]}"
        #expect(throws: GeoJSONError.self) { try threaded(claimsBNG, threads: 2) }
    }

    /// Roots that are not a FeatureCollection never honour a claim.
    @Test func aRootFeatureIsReadOnce() throws {
        let text = #"{"type":"Feature","properties":{"id":1,"list":[{"a":1},{"b":2},{"c":3},{"d":4},{"e":5},{"f":6}]},"geometry":{"type":"Point","coordinates":[-2,53]}}"#
        let result = try threaded(text, threads: 4, minimum: 8)
        #expect(result.features == (try sequential(text)).features)
        #expect(result.features.count == 1)
    }
}
