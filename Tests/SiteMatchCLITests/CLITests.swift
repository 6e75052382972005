import Foundation
import Testing

/// Runs the built `sitematch` binary, as a user would.
struct SiteMatchRun {
    var status: Int32
    var stdout: String
    var stderr: String
    /// The watchdog killed the run: it hung (a failure in itself).
    var timedOut = false
}

/// A flag set from the watchdog's queue and read from the test's.
final class ManagedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}

enum CLI {
    /// The `sitematch` executable next to this test bundle's resources in the build folder.
    static var executable: URL {
        Bundle.module.bundleURL.deletingLastPathComponent().appendingPathComponent("sitematch")
    }

    static func fixture(_ name: String) -> String {
        Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures")!.path
    }

    /// Runs `sitematch` with `arguments`; a run still going after `timeout` seconds is killed and
    /// reported as `timedOut`, so a hang fails the test instead of stalling CI.
    static func run(_ arguments: [String], stdin: Data? = nil, currentDirectory: String? = nil, timeout: TimeInterval = 60) throws -> SiteMatchRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        var environment = ProcessInfo.processInfo.environment
        environment["COLUMNS"] = "80"
        process.environment = environment
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        try process.run()
        let killed = ManagedFlag()
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
            if process.isRunning { killed.set(); process.terminate() }
        }
        if let stdin { input.fileHandleForWriting.write(stdin) }
        try input.fileHandleForWriting.close()
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return SiteMatchRun(status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                            timedOut: killed.isSet)
    }
}

@Suite struct HelpAndExitCodeTests {
    /// Golden files: regenerate with `.build/debug/sitematch --help > Tests/SiteMatchCLITests/Fixtures/help.txt` (COLUMNS=80) after a deliberate change.
    @Test(arguments: [(["--help"], "help.txt"), (["inspect", "--help"], "inspect-help.txt"), (["validate", "--help"], "validate-help.txt"), (["isochrone", "--help"], "isochrone-help.txt"), (["match", "--help"], "match-help.txt")])
    func helpTextMatchesGolden(arguments: [String], golden: String) throws {
        let run = try CLI.run(arguments)
        #expect(run.status == 0)
        #expect(run.stdout == (try String(contentsOfFile: CLI.fixture(golden), encoding: .utf8)))
    }

    @Test func versionNamesGEOSAndPROJ() throws {
        let run = try CLI.run(["--version"])
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("sitematch 0.2.0 (GEOS 3."))
        #expect(run.stdout.contains("PROJ "))
    }

    @Test func usageErrorsExitTwo() throws {
        let unknownOption = try CLI.run(["inspect", "--bogus", "x"])
        #expect(unknownOption.status == 2)
        #expect(unknownOption.stderr.contains("Unknown option '--bogus'"))
        #expect(try CLI.run(["inspect"]).status == 2)
        #expect(try CLI.run(["inspect", "--format", "xml", CLI.fixture("empty.geojson")]).status == 2)
        #expect(try CLI.run(["nonsense"]).status == 2)
    }
}

@Suite struct InspectTests {
    /// Each bad input exits 1 with one message naming the file, the feature and what was expected.
    @Test(arguments: [
        ("truncated.geojson", "not valid JSON: the text ends in the middle of a value; is the file truncated?"),
        ("not-geojson-type.geojson", "type: 'Topology' is not a GeoJSON type; expected FeatureCollection, Feature or one of Point"),
        ("non-numeric.geojson", #"feature #0 (id=s1): geometry.coordinates[0]: is a string ("-2.2"); expected a number"#),
        ("missing-coordinates.geojson", "feature #0 (id=s1): geometry.coordinates: missing; a Point needs \"coordinates\""),
        ("unclosed-ring.geojson", "feature #0 (id=s1): geometry.coordinates[0]: exterior ring is not closed"),
        ("short-ring.geojson", "feature #0 (id=s1): geometry.coordinates[0]: exterior ring has 3 positions; a polygon ring needs at least 4"),
        ("bng-in-wgs84.geojson", "feature #0 (id=tunstall): geometry.coordinates: [386000, 353000] is not longitude/latitude: it looks like British National Grid metres"),
        ("nan.geojson", "feature #0 (id=s1): geometry.coordinates[0]: nan is not a finite number"),
    ])
    func badInputExitsOneWithANamedMessage(file: String, expected: String) throws {
        let path = CLI.fixture(file)
        let run = try CLI.run(["inspect", path])
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        #expect(run.stderr.hasPrefix("sitematch: error: \(path)"))
        #expect(run.stderr.contains(expected), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
    }

    /// RFC 7946 allows a FeatureCollection with no features: reported, exit 0.
    @Test func anEmptyLayerIsReportedNotRefused() throws {
        let run = try CLI.run(["inspect", CLI.fixture("empty.geojson")])
        #expect(run.status == 0)
        #expect(run.stdout.contains("  features:     0 ()\n"))
        #expect(run.stdout.contains("  warning:      the FeatureCollection has no features"))
    }

    /// [53.0, -2.1] is a point in the Indian Ocean as written; as [-2.1, 53.0] it is in Stoke-on-Trent.
    @Test func swappedLatitudeAndLongitudeIsWarnedWithTheFix() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("swapped-\(UUID().uuidString).geojson").path
        try #"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Point","coordinates":[53.0,-2.1]}}]}"#
            .write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLI.run(["inspect", path])
        #expect(run.status == 0)
        #expect(run.stdout.contains("  warning:      every position lies where Great Britain would be if longitude and latitude were swapped"))
        let unswapped = try CLI.run(["inspect", CLI.fixture("bowtie-bng.geojson")])
        #expect(!unswapped.stdout.contains("warning"))
    }

    @Test func missingFileExitsOne() throws {
        let run = try CLI.run(["inspect", "/nonexistent/sites.geojson"])
        #expect(run.status == 1)
        #expect(run.stderr == "sitematch: error: /nonexistent/sites.geojson: cannot read the file: no such file\n")
    }

    @Test func bngLayerSummaryReportsInvalidDuplicateAndMissing() throws {
        let run = try CLI.run(["inspect", "--format", "json", CLI.fixture("bowtie-bng.geojson")])
        #expect(run.status == 0)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["crs"] as? String == "EPSG:27700")
        #expect(summary["feature_count"] as? Int == 4)
        #expect(summary["geometry_types"] as? [String: Int] == ["Polygon": 2, "Point": 1, "LineString": 1])
        // Only the valid 100 m × 100 m square counts: 1 ha. The bow-tie is excluded and reported.
        #expect(summary["total_area_hectares"] as? Double == 1.0)
        #expect(summary["area_excluded_features"] as? Int == 1)
        let invalid = try #require(summary["invalid_geometries"] as? [[String: Any]])
        #expect(invalid.count == 1)
        #expect(invalid.first?["id"] as? String == "bowtie")
        #expect(invalid.first?["reason"] as? String == "Self-intersection[386005 347005]")
        let duplicates = try #require(summary["duplicate_ids"] as? [[String: Any]])
        #expect(duplicates.first?["id"] as? String == "square")
        #expect(duplicates.first?["feature_indices"] as? [Int] == [0, 2])
        #expect(summary["missing_ids"] as? [Int] == [3])
        let bng = try #require(summary["bounds_bng"] as? [String: Double])
        #expect(bng == ["min_x": 385_000, "min_y": 347_000, "max_x": 386_010, "max_y": 347_400])
    }

    @Test func readsStandardInput() throws {
        let data = try Data(contentsOf: URL(fileURLWithPath: CLI.fixture("bowtie-bng.geojson")))
        let run = try CLI.run(["inspect", "-"], stdin: data)
        #expect(run.status == 0)
        #expect(run.stdout.hasPrefix("<stdin>\n  features:     4 (LineString 1, Point 1, Polygon 2)\n"))
        #expect(run.stdout.contains("    feature #1 (id=bowtie): Self-intersection[386005 347005]\n"))
    }
}

@Suite struct ValidateTests {
    static var shippedGeoData: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GeoData").path
    }

    @Test func shippedGeoDataPassesWithExitZero() throws {
        let run = try CLI.run(["validate", Self.shippedGeoData])
        #expect(run.status == 0, "\(run.stdout)")
        // Clean: the assets' and population points' districts now come from the boundaries
        // (DistrictTests checks the typed ones the boundaries contradicted are still flagged).
        #expect(run.stdout.hasSuffix(": 10 layers and 5 YAML files, 10801 features: 0 errors, 0 warnings\n"))
    }

    @Test func brokenDirectoryExitsOneWithOneLinePerProblem() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitematch-cli-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Self.shippedGeoData, toPath: dir.path)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("zones.geojson"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("districts.geojson"))
        let run = try CLI.run(["validate", dir.path])
        #expect(run.status == 1)
        #expect(run.stdout == "zones.geojson: missing: expected the layer file zones.geojson in \(dir.path)\n"
            + "districts.geojson: note: not in \(dir.path): districts are as stated in each layer (add the layer to get them from boundaries)\n"
            + "\(dir.path): 9 layers and 5 YAML files, 10715 features: 1 error, 0 warnings, 1 note\n")

        let json = try CLI.run(["validate", "--format", "json", dir.path])
        #expect(json.status == 1)
        let report = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(report["error_count"] as? Int == 1)
        #expect(report["passed"] as? Bool == false)
    }

    /// validate checks what a run would load: a typo in drivers.yaml and a missing profiles.yaml are errors.
    @Test func theCatalogueAndProfilesAreValidatedToo() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitematch-cli-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Self.shippedGeoData, toPath: dir.path)
        let drivers = dir.appendingPathComponent("drivers.yaml").path
        try (try String(contentsOfFile: drivers, encoding: .utf8)).replacingOccurrences(of: "prior_weight:", with: "prior_wieght:").write(toFile: drivers, atomically: true, encoding: .utf8)
        try FileManager.default.removeItem(at: dir.appendingPathComponent("profiles.yaml"))
        try FileManager.default.removeItem(at: dir.appendingPathComponent("districts.geojson"))
        let run = try CLI.run(["validate", dir.path])
        #expect(run.status == 1)
        #expect(run.stdout == """
            districts.geojson: note: not in \(dir.path): districts are as stated in each layer (add the layer to get them from boundaries)
            drivers.yaml: prior_wieght: unknown key; expected one of drivers, prior_weight, unknown_value, weights
            profiles.yaml: missing: expected profiles.yaml in \(dir.path)
            \(dir.path): 9 layers and 4 YAML files, 10718 features: 2 errors, 0 warnings, 1 note

            """)
    }

    @Test func missingDirectoryExitsOne() throws {
        let run = try CLI.run(["validate", "/nonexistent/GeoData"])
        #expect(run.status == 1)
        #expect(run.stderr == "sitematch: error: /nonexistent/GeoData: no such directory\n")
    }
}

@Suite struct AccessibilityCommandTests {
    func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)").path
    }

    @Test func isochroneFileOpensInOgrinfoWithWGS84Extent() throws {
        let path = temporaryPath("hanley.geojson")
        let run = try CLI.run(["isochrone", "smithfield_hanley", "--minutes", "15,30", "-q", "-o", path, "--geodata", ValidateTests.shippedGeoData])
        #expect(run.status == 0, "\(run.stderr)")
        let ogrinfo = Process()
        ogrinfo.executableURL = URL(fileURLWithPath: "/usr/bin/ogrinfo")
        ogrinfo.arguments = ["-so", "-al", path]
        let pipe = Pipe()
        ogrinfo.standardOutput = pipe
        try ogrinfo.run()  // gdal-bin is installed by Tools/setup
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        ogrinfo.waitUntilExit()
        #expect(ogrinfo.terminationStatus == 0)
        #expect(text.contains("Feature Count: 2"))
        #expect(text.contains("Geometry: Polygon") || text.contains("Geometry: Multi Polygon"))
        let extent = try #require(text.firstMatch(of: /Extent: \((-?[\d.]+), (-?[\d.]+)\) - \((-?[\d.]+), (-?[\d.]+)\)/))
        let (minX, minY, maxX, maxY) = (Double(extent.1)!, Double(extent.2)!, Double(extent.3)!, Double(extent.4)!)
        #expect(minX > -3 && maxX < -1 && minY > 52 && maxY < 54, "extent \(minX) \(minY) \(maxX) \(maxY) is not WGS84 around Stoke")
        #expect(text.contains("WGS 84") || text.contains("4326"))
    }

    @Test func outputIsNeverSilentlyOverwritten() throws {
        let path = temporaryPath("times.csv")
        try "keep me".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLI.run(["travel-times", "-q", "-o", path, "--geodata", ValidateTests.shippedGeoData])
        #expect(run.status == 2)
        #expect(run.stderr.contains("\(path) already exists; use --overwrite to replace it"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep me")
        let again = try CLI.run(["travel-times", "-q", "-o", path, "--overwrite", "--geodata", ValidateTests.shippedGeoData])
        #expect(again.status == 0)
        #expect(try String(contentsOfFile: path, encoding: .utf8).hasPrefix("from_id,to_id,mode,minutes,source,from_snap_m,to_snap_m\nkusip,keele_university,car,"))
    }

    @Test func unknownSiteListsNearestMatchingIDs() throws {
        let run = try CLI.run(["catchment", "smithfeld_hanley", "-q", "--geodata", ValidateTests.shippedGeoData])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("sitematch: error: no site with id 'smithfeld_hanley'; nearest matching ids: smithfield_hanley,"))
    }

    @Test func scenarioNamingAnUnknownNodeIsNamed() throws {
        let path = temporaryPath("bad.yaml")
        try "name: bad\nadd_edges:\n  - id: x\n    from: m6_j15\n    to: m6_j99\n    road_class: motorway\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLI.run(["scenario-diff", path, "-q", "--geodata", ValidateTests.shippedGeoData])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("sitematch: error: \((path as NSString).lastPathComponent): add_edges[0].to: unknown node 'm6_j99'; nearest matching ids: m6_j19, m6_j10, m6_j11"))
    }
}

@Suite struct MatchingCommandTests {
    func ogrinfo(_ path: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/ogrinfo")  // gdal-bin, installed by Tools/setup
        process.arguments = ["-so", "-al", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        return text
    }

    @Test func exportOpensInOgrinfoWithFieldsAndWGS84Extent() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-sites.geojson").path
        let run = try CLI.run(["export", "-q", "-o", path, "--with-assets", "--geodata", ValidateTests.shippedGeoData])
        #expect(run.status == 0, "\(run.stderr)")
        let sites = try ogrinfo(path)
        #expect(sites.contains("Feature Count: 30"))
        #expect(sites.contains("Geometry: Polygon"))
        #expect(sites.contains("score_scale_up_manufacturing: Real"))
        #expect(sites.contains("best_archetype: String"))
        #expect(sites.contains("location_type: String"))
        let extent = try #require(sites.firstMatch(of: /Extent: \((-?[\d.]+), (-?[\d.]+)\) - \((-?[\d.]+), (-?[\d.]+)\)/))
        #expect(Double(extent.1)! > -2.4 && Double(extent.3)! < -1.5 && Double(extent.2)! > 52.5 && Double(extent.4)! < 53.2)
        let assets = try ogrinfo(path.replacingOccurrences(of: ".geojson", with: "-assets.geojson"))
        #expect(assets.contains("Feature Count: 66"))
    }

    @Test func unknownArchetypeNamesTheNearestIDs() throws {
        let run = try CLI.run(["match", "--archetype", "ceramics", "-q", "--geodata", ValidateTests.shippedGeoData])
        #expect(run.status == 1)
        #expect(run.stderr.hasPrefix("sitematch: error: no archetype with id 'ceramics'; nearest matching ids: materials_rd,"))
    }

    @Test func impossibleEnquiryIsAnEmptyShortlistWithEverySitesReasons() throws {
        let run = try CLI.run(["enquiry", "--archetype", "scale_up_manufacturing", "--min-area", "1000", "-q", "--format", "json", "--geodata", ValidateTests.shippedGeoData])
        #expect(run.status == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect((json["matches"] as? [Any])?.isEmpty == true)
        let misses = try #require(json["near_misses"] as? [[String: Any]])
        #expect(misses.count == 30)
        #expect(misses.allSatisfy { (($0["requirements"] as? [[String: Any]])?.contains { ($0["passed"] as? Bool) == false }) == true })
    }

    @Test func enquiryWithUnknownKeyIsNamed() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-enquiry.yaml").path
        try "archetype: materials_rd\nrequirement:\n  min_area_ha: 5\n".write(toFile: path, atomically: true, encoding: .utf8)
        let run = try CLI.run(["enquiry", path, "-q", "--geodata", ValidateTests.shippedGeoData])
        #expect(run.status == 1)
        #expect(run.stderr.contains(": requirement: unknown key; expected one of archetype, name, notes, requirements, weights"))
    }
}

@Suite struct NamingOutputTests {
    /// The longest shipped id, cvez_st_modwen_park_stoke_central (33 characters), was cut at 36 with " (D)".
    @Test func theMatrixTableShowsEveryIdWhole() throws {
        let run = try CLI.run(["matrix", "-q", "--geodata", ValidateTests.shippedGeoData])
        #expect(run.status == 0)
        #expect(run.stdout.contains("cvez_st_modwen_park_stoke_central (D) "))
    }

    @Test func csvOutputsNameTheSitesAndTheSourceOfTravelTimes() throws {
        let match = try CLI.run(["match", "--format", "csv", "--top", "1", "--archetype", "materials_rd", "-q", "--geodata", ValidateTests.shippedGeoData])
        let lines = match.stdout.split(separator: "\n")
        #expect(lines.first == "archetype_id,rank,site_id,site_name,score,driver_score,fit,prior_weight,reason,travel_times")
        #expect(lines.count == 2 && lines[1].hasPrefix("materials_rd,1,kusip,Keele University Science and Innovation Park (KUSIP),") && lines[1].hasSuffix(",modelled"))
        let matrix = try CLI.run(["matrix", "--format", "csv", "-q", "--geodata", ValidateTests.shippedGeoData])
        #expect(matrix.stdout.hasPrefix("site_id,site_name,materials_rd,"))
        let sites = try CLI.run(["sites", "--format", "csv", "-q", "--geodata", ValidateTests.shippedGeoData])
        // sites.geojson: 30 features; the first is KUSIP, type A, no published area, status available.
        let rows = sites.stdout.split(separator: "\n")
        #expect(rows.count == 31)
        #expect(rows[1] == "kusip,Keele University Science and Innovation Park (KUSIP),A,Newcastle-under-Lyme,,,available,indicative")
    }
}

