import Foundation
import Testing

/// Hostile and odd input, class by class (issue: numbers, YAML, output paths, encodings): each case
/// gives the exact message and exit code a user sees, under a watchdog so a hang fails the test.
@Suite struct BadInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        /// Files to create in the case's own folder (name → bytes).
        var files: [String: [UInt8]] = [:]
        var arguments: [String]
        var status: Int32
        /// The whole of stderr ($DIR stands for the case's folder); nil: only the status is checked.
        var stderr: String?
        var testDescription: String { name }
    }

    static func text(_ s: String) -> [UInt8] { Array(s.utf8) }
    static let usage = "Usage: see 'sitematch --help' (or 'sitematch COMMAND --help').\n"
    static let anchors = "anchors and aliases are not allowed in SiteMatch inputs; write the value out"

    static let cases: [Case] = [
        // Numbers: huge, non-finite, negative — flags and files.
        Case(name: "huge --min-area", arguments: ["enquiry", "--archetype", "materials_rd", "--min-area", "1e19"], status: 2,
             stderr: "Error: --min-area must be between 0 and 100000 ha, got 1e+19\n" + usage),
        Case(name: "huge area in a file", files: ["e.yaml": text("archetype: materials_rd\nrequirements:\n  min_area_ha: 1e19\n")], arguments: ["enquiry", "$DIR/e.yaml"],
             status: 1, stderr: "sitematch: error: e.yaml: requirements.min_area_ha: must be between 0 and 100000 ha, got 1e+19\n"),
        Case(name: "huge --minutes", arguments: ["catchment", "kusip", "--minutes", "1e19"], status: 2,
             stderr: "Error: --minutes: each budget must be above 0 and at most 600 min, got 1e+19\n" + usage),
        Case(name: "nan --minutes", arguments: ["isochrone", "kusip", "--minutes", "nan"], status: 2,
             stderr: "Error: --minutes: each budget must be above 0 and at most 600 min, got nan\n" + usage),
        Case(name: "infinite --threshold", arguments: ["matrix", "--threshold", "inf"], status: 2,
             stderr: "Error: --threshold must be between 0 and 100, got inf\n" + usage),
        Case(name: "negative --min-mva names the value", arguments: ["enquiry", "--archetype", "materials_rd", "--min-mva", "-8"], status: 2,
             stderr: "Error: --min-mva must be between 0 and 10000 MVA, got -8\n" + usage),
        Case(name: "negative --prior-weight", arguments: ["match", "--prior-weight", "-0.5"], status: 2,
             stderr: "Error: --prior-weight must be between 0 and 1, got -0.5\n" + usage),
        Case(name: "huge minutes in a matrix", files: ["m.csv": text("from_id,to_id,mode,minutes\nkusip,keele_university,car,1e19\n")],
             arguments: ["travel-times", "--matrix", "$DIR/m.csv"], status: 1, stderr: "sitematch: error: m.csv:2: minutes must be between 0 and 1440 min, got 1e+19\n"),
        // YAML: bombs in values and in keys, in every kind of YAML input; scalars YAML 1.1 would misread.
        Case(name: "alias bomb in an enquiry's values", files: ["e.yaml": text("a: &a [1,1,1,1,1,1,1,1,1]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: [*b,*b,*b,*b,*b,*b,*b,*b,*b]\narchetype: materials_rd\n")],
             arguments: ["enquiry", "$DIR/e.yaml"], status: 1, stderr: "sitematch: error: e.yaml:1:4: anchor &a: \(anchors)\n"),
        Case(name: "alias bomb in a scenario's keys", files: ["s.yaml": text("name: s\nspeed_changes:\n  - {*k : 1}\n")],
             arguments: ["scenario-diff", "$DIR/s.yaml"], status: 1, stderr: "sitematch: error: s.yaml:3:6: alias *k: \(anchors)\n"),
        Case(name: "'yes please' is not read as false", files: ["e.yaml": text("archetype: materials_rd\nrequirements:\n  available_now: \"yes please\"\n")],
             arguments: ["enquiry", "$DIR/e.yaml"], status: 1, stderr: "sitematch: error: e.yaml: requirements.available_now: expected true or false\n"),
        Case(name: "yes is not a boolean", files: ["e.yaml": text("archetype: materials_rd\nrequirements:\n  available_now: yes\n")],
             arguments: ["enquiry", "$DIR/e.yaml"], status: 1,
             stderr: "sitematch: error: e.yaml:3:18: 'yes' is not a boolean here: write true or false (or quote it, \"yes\", if you mean text)\n"),
        Case(name: "base-60 minutes", files: ["e.yaml": text("archetype: materials_rd\nrequirements:\n  max_minutes_to_m6: 1:30\n")],
             arguments: ["enquiry", "$DIR/e.yaml"], status: 1,
             stderr: "sitematch: error: e.yaml:3:22: '1:30' would be read as a base-60 number; give a plain decimal number (or quote it if you mean text)\n"),
        Case(name: ".inf weight", files: ["e.yaml": text("archetype: materials_rd\nweights: {power: .inf}\n")],
             arguments: ["enquiry", "$DIR/e.yaml"], status: 1, stderr: "sitematch: error: e.yaml:2:18: '.inf' is not a finite number; give a plain decimal number\n"),
        // Outputs: stdout by '-', never through a symlink, device or directory; several files need names.
        Case(name: "-o - writes to stdout", arguments: ["match", "--top", "1", "-o", "-"], status: 0, stderr: ""),
        Case(name: "--overwrite refuses a symlink", files: ["target.csv": text("keep\n")],
             arguments: ["travel-times", "-o", "$DIR/link.csv", "--overwrite"], status: 2, stderr: nil),
        Case(name: "--overwrite refuses a device", arguments: ["travel-times", "-o", "/dev/null", "--overwrite"], status: 2, stderr: nil),
        Case(name: "--overwrite refuses a directory", arguments: ["export", "-o", "$DIR", "--overwrite"], status: 2, stderr: nil),
        Case(name: "-o - with companion layers", arguments: ["export", "-o", "-", "--with-assets"], status: 2, stderr: nil),
        Case(name: "an output folder that does not exist", arguments: ["export", "-o", "$DIR/map/sites.geojson"], status: 1,
             stderr: "sitematch: error: $DIR/map/sites.geojson: cannot write: the folder $DIR/map does not exist; create it (mkdir -p $DIR/map) or choose another path\n"),
        // Encodings: a BOM is skipped; Latin-1 is named; empty and header-only matrices say so.
        Case(name: "BOM in YAML", files: ["e.yaml": [0xEF, 0xBB, 0xBF] + text("archetype: materials_rd\n")], arguments: ["enquiry", "$DIR/e.yaml"], status: 0, stderr: ""),
        Case(name: "Latin-1 YAML", files: ["e.yaml": text("archetype: materials_rd\nname: Caf") + [0xE9] + text("\n")], arguments: ["enquiry", "$DIR/e.yaml"], status: 1,
             stderr: "sitematch: error: e.yaml: not UTF-8 text: byte 0xE9 at offset 33 (looks like Latin-1 or Windows-1252?); save it as UTF-8\n"),
        Case(name: "Latin-1 GeoJSON", files: ["l.geojson": text(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"Caf"#) + [0xE9] + text(#""},"geometry":{"type":"Point","coordinates":[-2.1,53.0]}}]}"#)],
             arguments: ["inspect", "$DIR/l.geojson"], status: 1,
             stderr: "sitematch: error: $DIR/l.geojson:1:82: not UTF-8 text: byte 0xE9 at offset 81 (looks like Latin-1 or Windows-1252?); save it as UTF-8\n"),
        Case(name: "BOM in GeoJSON", files: ["b.geojson": [0xEF, 0xBB, 0xBF] + text(#"{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"id":"a"},"geometry":{"type":"Point","coordinates":[-2.1,53.0]}}]}"#)],
             arguments: ["inspect", "$DIR/b.geojson"], status: 0, stderr: ""),
        Case(name: "empty matrix", files: ["m.csv": []], arguments: ["travel-times", "--matrix", "$DIR/m.csv"], status: 1,
             stderr: "sitematch: error: m.csv: is empty; expected a header line from_id,to_id,mode,minutes and one row per pair\n"),
        Case(name: "header-only matrix", files: ["m.csv": text("from_id,to_id,mode,minutes\n")], arguments: ["travel-times", "--matrix", "$DIR/m.csv"], status: 1,
             stderr: "sitematch: error: m.csv: has a header but no rows; expected one row per pair (from_id,to_id,mode,minutes)\n"),
    ]

    @Test(arguments: cases)
    func badInputGetsItsMessageAndExitCode(_ c: Case) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bad-input-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        for (name, bytes) in c.files { try Data(bytes).write(to: URL(fileURLWithPath: dir + "/" + name)) }
        if c.name.contains("symlink") { try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: dir + "/target.csv") }
        let quiet = c.arguments.first == "inspect" ? [] : ["-q", "--geodata", ValidateTests.shippedGeoData]
        let run = try CLI.run(c.arguments.map { $0.replacingOccurrences(of: "$DIR", with: dir) } + quiet, timeout: 60)
        #expect(!run.timedOut, "hung")
        #expect(run.status == c.status, "\(run.stderr)")
        if let stderr = c.stderr { #expect(run.stderr == stderr.replacingOccurrences(of: "$DIR", with: dir)) }
        if c.name.contains("symlink") { #expect(try String(contentsOfFile: dir + "/target.csv", encoding: .utf8) == "keep\n") }
        if c.name == "-o - writes to stdout" { #expect(run.stdout.hasPrefix("Prior weight")) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.hasPrefix(".") }, "a temporary file was left behind")
    }

    /// Huge numbers in GeoJSON properties: named as out of range, never converted (1e19 people trapped
    /// an Int conversion before).
    @Test func hugeNumbersInLayerPropertiesAreErrorsNotCrashes() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("bad-layers-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: ValidateTests.shippedGeoData, toPath: dir)
        let path = dir + "/population.geojson"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: #""population":259965"#, with: #""population":1e19"#).write(toFile: path, atomically: true, encoding: .utf8)
        #expect(text.contains(#""population":259965"#), "fixture edit not applied")
        let run = try CLI.run(["validate", dir], timeout: 60)
        #expect(!run.timedOut && run.status == 1)
        #expect(run.stdout.contains("population: 1e+19 is above the maximum; expected at most 100000000"))
        let match = try CLI.run(["match", "-q", "--geodata", dir], timeout: 60)
        #expect(match.status == 1 && match.stderr.hasPrefix("sitematch: error: \(dir): "))
    }
}
