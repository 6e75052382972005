import Foundation
import SiteMatchTestSupport
import Testing

/// GDAL formats end to end, checked with GDAL's own tools (ogrinfo, ogr2ogr) and SQLite as the
/// independent readers.
@Suite struct FormatsCLITests {
    func folder() throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("sitematch-formats-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    /// Runs a tool from Debian's gdal-bin (or another on the machine); its stdout.
    func tool(_ path: String, _ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = arguments
        let out = Pipe()
        process.standardOutput = out
        process.standardError = Pipe()
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(path) \(arguments)")
        return String(decoding: data, as: UTF8.self)
    }

    func features(_ geojson: String) throws -> [[String: Any]] {
        let document = try JSONSerialization.jsonObject(with: Data(geojson.utf8)) as! [String: Any]
        return (document["features"] as! [[String: Any]]).map { $0["properties"] as! [String: Any] }
    }

    /// `--network`: an OS Open Roads GeoPackage (written by ogr2ogr) replaces the modelled network —
    /// said on stderr with what the import assumed, and named in every drive time's source; a file
    /// that is neither format is exit 1 with its layers listed.
    @Test func aRoadNetworkFileReplacesTheModelledNetworkAndSaysSo() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gpkg = try RoadNetworkFixtures.writeOpenRoads(in: dir)
        let run = try CLI.run(["explain", "kusip", "--archetype", "materials_rd", "--format", "json", "--network", gpkg, "--geodata", ValidateTests.shippedGeoData])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Roads: OS Open Roads from \(gpkg): 8 links, 7 nodes"))
        #expect(run.stderr.contains("every link is driven both ways"))
        #expect(run.stdout.contains("; roads: OS Open Roads from \(gpkg): 8 links, 7 nodes)"))
        let wrong = try CLI.run(["match", "-q", "--network", ValidateTests.shippedGeoData + "/sites.geojson", "--geodata", ValidateTests.shippedGeoData])
        #expect(wrong.status == 1)
        #expect(wrong.stderr.contains("no road_link layer; its layers are: sites"))
    }

    /// The GeoPackage holds the same scores as the GeoJSON export, in EPSG:27700, with a default
    /// QGIS style for the sites and the run record in its metadata.
    @Test func aGeoPackageExportOpensInGDALWithTheGeoJSONScoresAStyleAndTheRunRecord() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let gpkg = dir + "/map.gpkg"
        let run = try CLI.run(["export", "-o", gpkg, "--with-assets", "--with-isochrones", "-q", "--geodata", ValidateTests.shippedGeoData], timeout: 300)
        #expect(run.status == 0, "\(run.stderr)")
        let geojson = try CLI.run(["export", "-o", "-", "-q", "--geodata", ValidateTests.shippedGeoData], timeout: 300)
        let expected = Dictionary(uniqueKeysWithValues: try features(geojson.stdout).map { ($0["id"] as! String, $0["best_score"] as! Double) })

        let summary = try tool("/usr/bin/ogrinfo", ["-so", gpkg, "sites"])
        #expect(summary.contains("Feature Count: 30"))
        #expect(summary.contains("ID[\"EPSG\",27700]"))
        #expect(summary.contains("SITEMATCH_RUN_RECORD={"))
        let sites = try features(try tool("/usr/bin/ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", gpkg, "sites"]))
        #expect(Dictionary(uniqueKeysWithValues: sites.map { ($0["id"] as! String, $0["best_score"] as! Double) }) == expected)
        #expect(try tool("/usr/bin/ogrinfo", ["-so", gpkg, "isochrones"]).contains("Feature Count: 60"))
        #expect(try tool("/usr/bin/ogrinfo", ["-so", gpkg, "assets"]).contains("Geometry: Point"))

        let styles = try tool("/usr/bin/ogrinfo", ["-q", "-sql", "SELECT f_table_name, useAsDefault, styleQML FROM layer_styles", gpkg])
        #expect(styles.contains("f_table_name (String) = sites"))
        #expect(styles.contains("useAsDefault (Integer(Boolean)) = 1"))
        #expect(styles.contains("<renderer-v2 type=\"graduatedSymbol\" attr=\"best_score\""))
        // No temporary file is left beside it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["map.gpkg"])
    }

    /// A Shapefile export opens in GDAL with every score under its 10-character name, the map of
    /// short names beside it, British National Grid in its .prj and UTF-8 in its .cpg.
    @Test func aShapefileExportOpensInGDALWithItsFieldNamesMapped() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let shp = dir + "/sites.shp"
        let run = try CLI.run(["export", "-o", shp, "--with-assets", "-q", "--geodata", ValidateTests.shippedGeoData], timeout: 300)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(Set(try FileManager.default.contentsOfDirectory(atPath: dir)) == Set(["sites", "sites-assets"].flatMap { stem in
            ["shp", "shx", "dbf", "prj", "cpg", "fields.csv"].map { "\(stem).\($0)" } }))
        let geojson = try CLI.run(["export", "-o", "-", "-q", "--geodata", ValidateTests.shippedGeoData], timeout: 300)
        let expected = try features(geojson.stdout)
        // The map, read as CSV by hand: short_name,field.
        let map = try String(contentsOfFile: dir + "/sites.fields.csv", encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map(String.init) }
        let short = Dictionary(uniqueKeysWithValues: map.map { ($0[1], $0[0]) })
        #expect(short.values.allSatisfy { $0.count <= 10 })
        #expect(Set(short.values).count == short.count, "short names are unique")
        #expect(short["score_materials_digital_integration"] == "scor_mdi")
        #expect(short["best_score"] == "best_score")
        let summary = try tool("/usr/bin/ogrinfo", ["-so", shp, "sites"])
        #expect(summary.contains("Feature Count: 30"))
        #expect(summary.contains("OSGB") || summary.contains("27700"))
        #expect(try String(contentsOfFile: dir + "/sites.cpg", encoding: .utf8).uppercased().contains("UTF-8"))
        let written = try features(try tool("/usr/bin/ogr2ogr", ["-f", "GeoJSON", "/vsistdout/", shp, "sites"]))
        for (file, shapefile) in zip(expected, written) {
            #expect(shapefile[short["id"]!] as? String == file["id"] as? String)
            #expect(shapefile[short["name"]!] as? String == file["name"] as? String)
            for (field, value) in file where field.hasPrefix("score_") {
                #expect(abs((shapefile[short[field]!] as? Double ?? -1) - (value as! Double)) < 1e-9, "\(field)")
            }
        }
        // Existing parts are kept without --overwrite.
        let again = try CLI.run(["export", "-o", shp, "-q", "--geodata", ValidateTests.shippedGeoData], timeout: 300)
        #expect(again.status == 2)
    }

    /// A planner's own GeoPackage (written by ogr2ogr) is scored in place of the shipped sites.
    @Test func matchScoresAPlannersOwnGeoPackage() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let source = dir + "/plots.geojson"
        try """
        {"type":"FeatureCollection","features":[
        {"type":"Feature","properties":{"REF":"P1","NAME":"Plot one","HA":12.5,"TYPE":"D"},
         "geometry":{"type":"Polygon","coordinates":[[[-2.20,53.05],[-2.19,53.05],[-2.19,53.056],[-2.20,53.056],[-2.20,53.05]]]}},
        {"type":"Feature","properties":{"REF":"P2","NAME":"Plot <two>","HA":3,"TYPE":"B"},
         "geometry":{"type":"Polygon","coordinates":[[[-2.18,53.02],[-2.17,53.02],[-2.17,53.026],[-2.18,53.026],[-2.18,53.02]]]}}]}
        """.write(toFile: source, atomically: true, encoding: .utf8)
        let gpkg = dir + "/plots.gpkg"
        _ = try tool("/usr/bin/ogr2ogr", ["-f", "GPKG", gpkg, source])
        let mapping = dir + "/fields.yaml"
        try "area_ha: HA\nlocation_type: TYPE\n".write(toFile: mapping, atomically: true, encoding: .utf8)
        let run = try CLI.run(["match", "--sites", gpkg, "--id-field", "REF", "--name-field", "NAME", "--site-fields", mapping,
                               "--archetype", "scale_up_manufacturing", "--format", "json", "--geodata", ValidateTests.shippedGeoData], timeout: 300)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("Sites: 2 from \(gpkg) (layer plots, GPKG, EPSG:4326)"))
        #expect(run.stderr.contains("status unknown for all 2 sites"))
        let report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        let archetype = (report["archetypes"] as! [[String: Any]])[0]
        let ids = Set((archetype["sites"] as! [[String: Any]]).map { $0["site_id"] as! String })
        #expect(ids == ["P1", "P2"])
        #expect((report["data"] as? String)?.contains("sites from \(gpkg)") == true)

        let missing = try CLI.run(["match", "--sites", gpkg, "--geodata", ValidateTests.shippedGeoData, "-q"], timeout: 300)
        #expect(missing.status == 1)
        #expect(missing.stderr == "sitematch: error: \(gpkg): has no field 'id' (--id-field); its fields are: REF, NAME, HA, TYPE\n")
    }

    /// The shipped sites' geometry and attributes made by ogr2ogr into a GeoJSON, a GeoPackage and a
    /// Shapefile (whose DBF cuts two field names to 10 characters) score exactly alike as `--sites`:
    /// every archetype's ranking, scores and reasons.
    @Test func theShippedSitesAsGeoJSONGeoPackageAndShapefileScoreExactlyAlike() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fields = "id,name,area_ha,available_area_ha,location_type,status,district"
        var rankings: [String: String] = [:]
        for (driver, suffix, mapping) in [("GeoJSON", "geojson", "available_area_ha: available_area_ha\nlocation_type: location_type\n"),
                                          ("GPKG", "gpkg", "available_area_ha: available_area_ha\nlocation_type: location_type\n"),
                                          ("ESRI Shapefile", "shp", "available_area_ha: available_\nlocation_type: location_t\n")] {
            let layer = "\(dir)/sites.\(suffix)"
            _ = try tool("/usr/bin/ogr2ogr", ["-f", driver, "-select", fields, layer, ValidateTests.shippedGeoData + "/sites.geojson"])
            try ("area_ha: area_ha\nstatus: status\ndistrict: district\n" + mapping).write(toFile: "\(dir)/\(suffix).yaml", atomically: true, encoding: .utf8)
            let run = try CLI.run(["match", "-q", "--top", "30", "--format", "json", "--sites", layer, "--site-fields", "\(dir)/\(suffix).yaml",
                                   "--geodata", ValidateTests.shippedGeoData], timeout: 300)
            #expect(run.status == 0, "\(suffix): \(run.stderr)")
            var report = try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
            report["data"] = nil  // names the file
            rankings[suffix] = String(decoding: try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys]), as: UTF8.self)
        }
        #expect(rankings["geojson"]!.contains("\"site_id\":\"kusip\""))
        #expect(rankings["gpkg"] == rankings["geojson"])
        #expect(rankings["shp"] == rankings["geojson"])
    }

    /// The shipped sites converted by ogr2ogr to GeoPackage inspect to the same count, area and BNG
    /// bounds as the GeoJSON itself: two read paths (the project's GeoJSON reader with PROJ; OGR's).
    @Test func inspectingAGeoPackageAgreesWithTheGeoJSONItCameFrom() throws {
        let dir = try folder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let geojson = ValidateTests.shippedGeoData + "/sites.geojson"
        let gpkg = dir + "/sites.gpkg"
        _ = try tool("/usr/bin/ogr2ogr", ["-f", "GPKG", gpkg, geojson])
        func summary(_ path: String) throws -> [String: Any] {
            let run = try CLI.run(["inspect", "--format", "json", path])
            #expect(run.status == 0, "\(run.stderr)")
            return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as! [String: Any]
        }
        let a = try summary(geojson), b = try summary(gpkg)
        #expect(a["feature_count"] as? Int == 30 && b["feature_count"] as? Int == 30)
        #expect(abs((a["total_area_hectares"] as! Double) - (b["total_area_hectares"] as! Double)) < 0.01)
        let boundsA = a["bounds_bng"] as! [String: Double], boundsB = b["bounds_bng"] as! [String: Double]
        for key in ["min_x", "min_y", "max_x", "max_y"] { #expect(abs(boundsA[key]! - boundsB[key]!) < 0.01, "\(key)") }
        #expect((b["crs_reason"] as? String)?.hasPrefix("read by GDAL (GPKG, layer sites) from its CRS EPSG:4326") == true)
    }
}
