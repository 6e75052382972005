import Foundation
import Testing
@testable import sitematch_bench
import SiteMatchGeometry
import SiteMatchTestSupport

/// Hand-placed inputs (BNG metres) whose drivers are worked out by hand in the comments.
@Suite struct WorkloadTests {
    static let crs = #""crs":{"type":"name","properties":{"name":"urn:ogc:def:crs:EPSG::27700"}}"#

    func layer(_ features: [String]) -> String {
        #"{"type":"FeatureCollection",\#(Self.crs),"features":["# + features.joined(separator: ",") + "]}"
    }
    func point(_ x: Double, _ y: Double, _ properties: String) -> String {
        #"{"type":"Feature","properties":\#(properties),"geometry":{"type":"Point","coordinates":[\#(x),\#(y)]}}"#
    }
    func square(_ x: Double, _ y: Double, _ side: Double, _ properties: String) -> String {
        #"{"type":"Feature","properties":\#(properties),"geometry":{"type":"Polygon","coordinates":[[[\#(x),\#(y)],[\#(x + side),\#(y)],[\#(x + side),\#(y + side)],[\#(x),\#(y + side)],[\#(x),\#(y)]]]}}"#
    }

    func directory(parcels: [String]? = nil, population: [String]? = nil, skip: String? = nil) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("workload-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let files = [
            "parcels": layer(parcels ?? [square(400_000, 300_000, 100, #"{"id":0}"#), square(410_000, 300_000, 200, #"{"id":1}"#)]),
            "assets": layer([point(403_100, 300_050, #"{"category":"research"}"#), point(400_050, 304_100, #"{"category":"hospital"}"#),
                             point(400_050, 299_500, #"{"category":"motorway_junction"}"#), point(400_050, 300_050, #"{"category":"testing"}"#),
                             point(430_000, 370_000, #"{"category":"college"}"#)]),
            "corridors": layer([#"{"type":"Feature","properties":{"name":"M6"},"geometry":{"type":"LineString","coordinates":[[390000,301000],[420000,301000]]}}"#]),
            "population": layer(population ?? [point(400_050, 300_050, #"{"pop":1000}"#), point(420_000, 300_100, #"{"pop":5000}"#)]),
            "zones": layer([square(410_150, 300_150, 1_850, #"{"id":0}"#)]),
        ]
        for (name, text) in files where name != skip { try text.write(toFile: "\(dir)/\(name).geojson", atomically: true, encoding: .utf8) }
        return dir
    }

    @Test func driversMatchHandWorkedValues() throws {
        let drivers = try Workload.compute(WorkloadInput.read(directory: directory()), workers: 1)
        // Parcel 0: a 100 m square at (400000, 300000): 1 ha; research 3000 m east of its edge; hospital 4000 m north;
        // junction 500 m south; the corridor y = 301000 is 900 m north; research + testing (inside) within 5 km: 2;
        // population within 15 km of its centroid: only the 1000 at its centre; no zone.
        #expect(drivers[0] == Workload.Drivers(areaHectares: 1, research: 3_000, hospital: 4_000, motorwayJunction: 500, corridor: 900,
                                               researchOrTestingWithin5km: 2, populationWithin15km: 1_000, inZone: 0))
        // Parcel 1: a 200 m square at (410000, 300000): 4 ha; research 410000 − 403100 = 6900 m; hospital √(9950² + 3900²);
        // junction √(9950² + 500²); corridor 800 m; nothing within 5 km; both population points within 15 km of
        // (410100, 300100) (10 050.1 m and 9 900 m); the zone square overlaps its corner.
        let d1 = drivers[1]
        #expect(d1.areaHectares == 4 && d1.research == 6_900 && d1.corridor == 800)
        #expect(abs(d1.hospital - (9_950.0 * 9_950 + 3_900 * 3_900).squareRoot()) < 1e-9)
        #expect(abs(d1.motorwayJunction - (9_950.0 * 9_950 + 500 * 500).squareRoot()) < 1e-9)
        #expect((d1.researchOrTestingWithin5km, d1.populationWithin15km, d1.inZone) == (0, 6_000, 1))
    }

    @Test func weightsAndAScoreByHand() throws {
        // k = 0: raw ((3j) mod 17) + 1 = 1, 4, 7, 10, 13, 16, 2, 5 (sum 58).
        #expect(Workload.weights[0].map { $0 * 58 } == [1, 4, 7, 10, 13, 16, 2, 5])
        // k = 1, j = 2: ((5 + 6 + 2) mod 17) + 1 = 14.
        let rowOne: [Int] = (0..<8).map { j in ((5 + 3 * j + j) % 17) + 1 }
        let rowOneSum = Double(rowOne.reduce(0, +))
        #expect(rowOne[2] == 14)
        #expect(abs(Workload.weights[1][2] * rowOneSum - 14) < 1e-12)
        let drivers = try Workload.compute(WorkloadInput.read(directory: directory()), workers: 1)
        // Parcel 0: v = 0.02, 0.85, 0.8, 1 − 500/15000, 0.91, 0.2, 0.0004, 1.
        let v = [0.02, 0.85, 0.8, 1 - 500.0 / 15_000, 0.91, 0.2, 0.0004, 1]
        let raw: [Double] = [1, 4, 7, 10, 13, 16, 2, 5]
        var weighted = 0.0
        for j in 0..<8 { weighted += raw[j] * v[j] }
        let hand: Double = weighted / 58
        #expect(abs(drivers[0].scores[0] - hand) < 1e-12)
    }

    @Test func outputsAreByteIdenticalForAnyWorkerCountAndRun() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("generated-\(UUID().uuidString)").path
        try Generator.generate(n: 300, seed: 7, directory: dir, context: GEOSContext())
        let inputs = try WorkloadInput.read(directory: dir)
        let one = try Workload.compute(inputs, workers: 1), two = try Workload.compute(inputs, workers: 2), again = try Workload.compute(inputs, workers: 2)
        #expect(try WorkloadOutput.scores(one, workers: 1) == WorkloadOutput.scores(two, workers: 2))
        #expect(try WorkloadOutput.top20(one) == WorkloadOutput.top20(two))
        #expect(try WorkloadOutput.scores(two, workers: 2) == WorkloadOutput.scores(again, workers: 1))
        // The generator is deterministic from --n and --seed.
        let dir2 = dir + "-again"
        try Generator.generate(n: 300, seed: 7, directory: dir2, context: GEOSContext())
        for name in ["parcels", "assets", "corridors", "population", "zones"] {
            #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/\(name).geojson")) == Data(contentsOf: URL(fileURLWithPath: "\(dir2)/\(name).geojson")))
        }
    }

    /// `score --parcels`: the generated parcels converted by ogr2ogr to FlatGeobuf and GeoPackage read
    /// back to exactly the GeoJSON's polygons, and so to byte-identical scores.
    @Test(arguments: [("FlatGeobuf", "fgb"), ("GPKG", "gpkg")])
    func parcelsConvertedByOgr2ogrScoreLikeTheGeoJSON(driver: String, suffix: String) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("generated-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Generator.generate(n: 200, seed: 3, directory: dir, context: GEOSContext())
        let converted = "\(dir)/parcels.\(suffix)"
        try OGRFixtures.ogr2ogr(["-f", driver, "-nln", "parcels", converted, "\(dir)/parcels.geojson"])
        let fromGeoJSON = try WorkloadInput.read(directory: dir), fromOGR = try WorkloadInput.read(directory: dir, parcelsFile: converted)
        #expect(fromOGR.parcels.count == 200)
        #expect((0..<200).allSatisfy { fromOGR.parcels.shape(of: $0) == fromGeoJSON.parcels.shape(of: $0) })
        #expect(try WorkloadOutput.scores(Workload.compute(fromOGR, workers: 2), workers: 2) == WorkloadOutput.scores(Workload.compute(fromGeoJSON, workers: 2), workers: 2))
    }

    @Test func badInputIsNamed() throws {
        let missing = try directory(skip: "zones")
        #expect(throws: WorkloadInput.Problem(description: "\(missing)/zones.geojson: missing; the workload needs zones.geojson in \(missing)")) {
            try WorkloadInput.read(directory: missing)
        }
        let notPolygon = try directory(parcels: [point(400_000, 300_000, #"{"id":0}"#)])
        #expect(throws: GeoJSONError(source: "\(notPolygon)/parcels.geojson", featureIndex: 0, featureID: "0", field: "geometry", message: "is a Point; expected Polygon")) {
            try WorkloadInput.read(directory: notPolygon)
        }
        let negative = try directory(population: [point(400_000, 300_000, #"{"pop":-5}"#)])
        #expect(throws: GeoJSONError(source: "\(negative)/population.geojson", featureIndex: 0, field: "pop", message: "-5 is negative; expected a population ≥ 0")) {
            try WorkloadInput.read(directory: negative)
        }
    }
}
