import Foundation
import Testing

/// `sitematch import brownfield` end to end: the shipped layer is what the command makes from the
/// copied register, and GDAL's ogrinfo (an independent reader) reads it.
@Suite struct ImportCLITests {
    static var root: String { (ValidateTests.shippedGeoData as NSString).deletingLastPathComponent }
    static var register: String { root + "/Tools/geodata/stoke_brownfield_register_2024.csv" }

    @Test func theShippedRegisterLayerIsWhatTheImportMakes() throws {
        let run = try CLI.run(["import", "brownfield", Self.register])
        #expect(run.status == 0, "\(run.stderr)")
        let shipped = try String(contentsOfFile: ValidateTests.shippedGeoData + "/brownfield-stoke-2024.geojson", encoding: .utf8)
        #expect(run.stdout == shipped, "regenerate: sitematch import brownfield Tools/geodata/stoke_brownfield_register_2024.csv -o GeoData/brownfield-stoke-2024.geojson --overwrite")
        #expect(run.stderr.contains("Imported 218 sites, 214.77 ha"))
        #expect(run.stderr.contains("line 216 (SiteReference 68349): GeoX and GeoY swapped back"))
        #expect(run.stderr.contains("column NewDwellingsRangeTo read as the standard's NetDwellingsRangeTo"))
    }

    @Test func ogrinfoReadsTheLayer() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ogrinfo")
        process.arguments = ["-ro", "-so", "-al", ValidateTests.shippedGeoData + "/brownfield-stoke-2024.geojson"]
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(text.contains("Feature Count: 218"))
        #expect(text.contains("Geometry: Polygon"))
    }

    @Test func anExistingOutputIsKeptAndABadRowStopsTheImport() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitematch-import-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let output = dir + "/out.geojson"
        try "keep me".write(toFile: output, atomically: true, encoding: .utf8)
        let refused = try CLI.run(["import", "brownfield", Self.register, "-o", output])
        #expect(refused.status == 2)
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "keep me")
        let bad = dir + "/bad.csv"
        try "SiteReference,SiteNameAddress,GeoX,GeoY,Hectares\nA,B,388000,347000,1\nC,D,388100,347100,lots\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let stopped = try CLI.run(["import", "brownfield", bad, "-o", dir + "/new.geojson"])
        #expect(stopped.status == 1)
        #expect(stopped.stderr.contains("bad.csv:3: column Hectares: 'lots' is not a number"))
        #expect(!FileManager.default.fileExists(atPath: dir + "/new.geojson"))
        let skipped = try CLI.run(["import", "brownfield", bad, "-o", dir + "/new.geojson", "--skip-bad-rows"])
        #expect(skipped.status == 0)
        #expect(skipped.stderr.contains("left out 1 row"))
    }
}
