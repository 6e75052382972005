import Foundation
import SiteMatchData
import SiteMatchGeometry
import Testing

/// Every YAML input decodes into Decodable types through one reader; a typo is an error naming the
/// file, the key's path and the keys expected there (never silently ignored).
@Suite struct StrictYAMLTests {
    /// A copy of the shipped file `name` with `from` replaced by `to`, in a new directory beside copies of
    /// the other catalogue files.
    static func edited(_ name: String, _ from: String, _ to: String) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("strict-yaml-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for file in ["archetypes.yaml", "drivers.yaml", "profiles.yaml"] {
            try FileManager.default.copyItem(atPath: GeoDataFixture.shippedDirectory + "/" + file, toPath: dir.path + "/" + file)
        }
        let source = try String(contentsOfFile: GeoDataFixture.shippedDirectory + "/" + name, encoding: .utf8)
        #expect(source.contains(from), "fixture edit '\(from)' not found in \(name)")
        try source.replacingOccurrences(of: from, with: to).write(toFile: dir.path + "/" + name, atomically: true, encoding: .utf8)
        return dir.path
    }

    static func catalogueError(_ dir: String) -> String {
        do {
            _ = try CatalogueLoader.load(directory: dir, indicators: ["minutes_to_university", "rd_assets_within_10km", "minutes_to_testing_facility", "rd_use_class",
                                                                     "grid_headroom_mva", "power_class", "grid_zone", "site_area_ha", "available_area_ha",
                                                                     "minutes_to_m6", "minutes_to_strategic_junction", "working_age_30min", "working_age_45min",
                                                                     "minutes_to_research_centre", "minutes_to_acute_hospital", "minutes_to_town_centre",
                                                                     "minutes_to_rail_station", "full_fibre", "enterprise_zone", "industrial_use_class",
                                                                     "km_to_primary_substation", "km_to_132kv_substation", "queued_demand_mw",
                                                                     "bus_stops_within_400m", "bus_stops_within_800m", "metres_to_rail_entrance"])
            return "no error"
        } catch { return "\(error)" }
    }

    @Test func aTypoInDriversYamlIsAnErrorNotIgnored() throws {
        let dir = try Self.edited("drivers.yaml", "prior_weight:", "prior_wieght:")
        #expect(Self.catalogueError(dir) == "drivers.yaml: prior_wieght: unknown key; expected one of drivers, prior_weight, unknown_value, weights")
    }

    @Test func aValueFunctionTakesOnlyItsOwnKeys() throws {
        let dir = try Self.edited("drivers.yaml", "function: {type: linear, from: [5, 1.0], to: [30, 0.0]}", "function: {type: linear, from: [5, 1.0], to: [30, 0.0], steps: []}")
        #expect(Self.catalogueError(dir) == "drivers.yaml: drivers.research_proximity.indicators[0].function.steps: not a key of a linear function; expected from, to, type")
    }

    @Test func aTypoInArchetypesYamlIsNamedByItsIndex() throws {
        let dir = try Self.edited("archetypes.yaml", "    framework_section: \"5.5\"\n    driver_phrases: [research proximity", "    framework_section: \"5.5\"\n    driver_phrase: [research proximity")
        #expect(Self.catalogueError(dir).hasPrefix("archetypes.yaml: archetypes[0].driver_phrase: unknown key; expected one of best_fit, cluster, driver_phrases,"))
    }

    @Test func aWrongTypeSaysWhatWasExpected() throws {
        let dir = try Self.edited("archetypes.yaml", "best_fit: [A]\n    least_fit: [D]", "best_fit: [A]\n    least_fit: [Z]")
        #expect(Self.catalogueError(dir) == "archetypes.yaml: archetypes[0].least_fit: 'Z' is not a location type; expected A, B, C, D, H")
    }

    @Test func profilesAndScenariosRejectUnknownKeys() throws {
        let dir = try Self.edited("profiles.yaml", "access_kmh: 30", "acess_kmh: 30")
        #expect(throws: SiteMatchError(file: "profiles.yaml", field: "car.acess_kmh", message: "unknown key; expected one of access_kmh, speeds_kmh")) {
            try SpeedProfileLoader.load(contentsOfFile: dir + "/profiles.yaml")
        }
        let scenario = FileManager.default.temporaryDirectory.appendingPathComponent("scenario-\(UUID().uuidString).yaml").path
        try "name: s\nspeed_changes:\n  - edge: a\n    kmh: 50\n    kph: 60\n".write(toFile: scenario, atomically: true, encoding: .utf8)
        #expect(throws: SiteMatchError(file: (scenario as NSString).lastPathComponent, field: "speed_changes[0].kph", message: "unknown key; expected one of edge, factor, kmh, road")) {
            try NetworkScenarioLoader.load(contentsOfFile: scenario)
        }
        try "name: s\nspeed_changes:\n  - edge: a\n    kmh: .nan\n".write(toFile: scenario, atomically: true, encoding: .utf8)
        #expect(throws: SiteMatchError.input(InputProblem(source: (scenario as NSString).lastPathComponent, line: 4, column: 10,
                                                          message: "'.nan' is not a finite number; give a plain decimal number"))) {
            try NetworkScenarioLoader.load(contentsOfFile: scenario)
        }
    }

    @Test func theShippedFilesStillDecode() throws {
        #expect(Self.catalogueError(GeoDataFixture.shippedDirectory) == "no error")
        #expect(try SpeedProfileLoader.load(contentsOfFile: GeoDataFixture.shippedDirectory + "/profiles.yaml")["car"]?.speedsKmh["motorway"] == 100)
        let keele = try NetworkScenarioLoader.load(contentsOfFile: GeoDataFixture.shippedDirectory + "/scenarios/m6-j15a-keele.yaml")
        #expect(keele.addNodes.map(\.id) == ["m6_j15a"] && keele.addEdges.count == 3)
    }

    /// A "billion laughs" bomb in values, and an alias used as a mapping key, put at the top of each
    /// catalogue file: refused at its line and column before anything is composed.
    @Test(arguments: ["archetypes.yaml", "drivers.yaml", "profiles.yaml"])
    func aliasBombsAreRefusedInEveryCatalogueFile(_ name: String) throws {
        let source = try String(contentsOfFile: GeoDataFixture.shippedDirectory + "/" + name, encoding: .utf8)
        let bombs = [("lol: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\nlol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\nlol3: [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n",
                      "\(name):1:6: anchor &a: anchors and aliases are not allowed in SiteMatch inputs; write the value out"),
                     ("key: {*k : 1}\n", "\(name):1:7: alias *k: anchors and aliases are not allowed in SiteMatch inputs; write the value out")]
        for (bomb, expected) in bombs {
            // Put the bomb after the comments, where a mapping key may start.
            let dir = try Self.edited(name, source, bomb + source)
            let message: String
            if name == "profiles.yaml" {
                do { _ = try SpeedProfileLoader.load(contentsOfFile: dir + "/" + name); message = "no error" } catch { message = "\(error)" }
            } else {
                message = Self.catalogueError(dir)
            }
            #expect(message == expected)
        }
    }

    @Test func yamlNestedTooDeepOrTooLargeIsRefused() throws {
        let deep = "a: " + String(repeating: "[", count: 40) + String(repeating: "]", count: 40) + "\n"
        #expect(throws: SiteMatchError.input(InputProblem(source: "d.yaml", line: 1, column: 35, message: "nested more than 32 levels deep"))) {
            try YAMLScreen.check(deep, file: "d.yaml")
        }
        let large = "a: \"" + String(repeating: "x", count: YAMLScreen.maximumBytes) + "\"\n"
        #expect(throws: SiteMatchError(file: "l.yaml", message: "is \(large.utf8.count) bytes; YAML inputs are limited to \(YAMLScreen.maximumBytes) bytes")) {
            try YAMLScreen.check(large, file: "l.yaml")
        }
        // Quoted scalars are text, whatever they look like.
        try YAMLScreen.check("a: \"yes\"\nb: '1:30'\nc: \".nan\"\nd: true\ne: 12.5\nf: null\n", file: "ok.yaml")
    }
}
