import Foundation
import SiteMatchApp
import SiteMatchData
import Testing

/// Imported drive times reach every answer: per pair, an imported figure wins; pairs the file lacks
/// fall back to the model; each figure says which.
@Suite struct ImportedTimesTests {
    static func matrix(_ text: String, name: String = "times.csv") throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("imported-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try text.write(toFile: dir + "/" + name, atomically: true, encoding: .utf8)
        return dir + "/" + name
    }

    /// KUSIP to each M6 junction, imported: J15 is nearest at 9.5 min. drivers.yaml's logistics
    /// function is linear from 5 min (1.0) to 30 min (0.0), so 9.5 min scores 1 − 4.5 / 25 = 0.82.
    static let junctions = "from_id,to_id,mode,minutes\nkusip,m6_j12,car,30\nkusip,m6_j13,car,25\nkusip,m6_j14,car,20\nkusip,m6_j15,car,9.5\nkusip,m6_j16,car,15\nkusip,m6_j17,car,40\n"

    @Test func anImportedTimeDrivesTheIndicatorItsScoreAndTheEnquiry() throws {
        let workspace = try Workspace.load(directory: AppFixture.geoData, matrix: try Self.matrix(Self.junctions))
        let explained = try #require(try workspace.explain(site: "kusip", archetype: "scale_up_manufacturing").archetypes.first)
        let m6 = try #require(explained.drivers.flatMap(\.indicators).first { $0.indicatorId == "minutes_to_m6" })
        #expect(m6.value == .number(9.5))
        #expect(abs(m6.score - 0.82) < 1e-12)
        #expect(m6.source == "imported:times.csv (car)")
        #expect(m6.evidence.hasSuffix("9.5 min by road (imported:times.csv)"))
        // A pair the file lacks falls back to the model, and says so.
        let university = try #require(workspace.session.indicators["kusip"]?.values["minutes_to_university"])
        #expect(university.evidence.hasSuffix("(modelled)"))
        #expect(university == AppFixture.workspace.session.indicators["kusip"]?.values["minutes_to_university"])
        #expect(workspace.travelTimes == "imported:times.csv where it has the pair, else modelled")
        let answer = try workspace.answer(Enquiry(name: "x", archetypeID: "scale_up_manufacturing", maximumMinutesToM6: 5), nearMisses: 30)
        let kusip = try #require(answer.nearMisses.first { $0.siteId == "kusip" })
        #expect(kusip.requirements.first?.detail == "9.5 min to the M6, ≤ 5 min required (imported:times.csv); 4.5 min over (+90%)")
    }

    @Test func anImportedTimeBringsAPlaceIntoTheCatchment() throws {
        // East Staffordshire 011A (E01029407, in Burton upon Trent, 1,656 residents in the census file)
        // is ~50 km from KUSIP: outside 30 modelled minutes, inside at an imported 20.
        let modelled = try AppFixture.workspace.catchment(site: "kusip", minutes: [30])
        #expect(!modelled.catchments[0].members.contains { $0.id == "E01029407" })
        let workspace = try Workspace.load(directory: AppFixture.geoData, matrix: try Self.matrix("from_id,to_id,mode,minutes\nkusip,E01029407,car,20\n"))
        let report = try workspace.catchment(site: "kusip", minutes: [30])
        let burton = try #require(report.catchments[0].members.first { $0.id == "E01029407" })
        #expect(burton.minutes == 20 && burton.minutesSource == "imported:times.csv")
        #expect(report.catchments[0].population == modelled.catchments[0].population + 1_656)
        #expect(report.source == "imported:times.csv where it has the pair, else modelled")
    }

    @Test func r5pyMatricesAndNamedColumnsAreRead() throws {
        // r5py: from_id,to_id,travel_time; an empty time says the pair is unreachable, so J15 drops
        // out instead of falling back to the model (4.75 modelled min), and another junction is nearest.
        let r5 = try Self.matrix("from_id,to_id,travel_time\nkusip,m6_j15,\nkusip,m6_j16,NaN\n", name: "r5py.csv")
        // As the CLI passes it: --matrix-mode car alone, the r5py shape recognised by its header.
        let workspace = try Workspace.load(directory: AppFixture.geoData, matrix: r5, matrixColumns: MatrixColumns(fixedMode: "car"))
        let m6 = try #require(workspace.session.indicators["kusip"]?.values["minutes_to_m6"])
        #expect(!m6.evidence.contains("J15") && !m6.evidence.contains("J16") && m6.evidence.hasSuffix("(modelled)"))
        #expect(throws: SiteMatchError(file: "r5py.csv", line: 1, message: "has no mode column; give the mode with --matrix-mode (e.g. car)")) {
            try Workspace.load(directory: AppFixture.geoData, matrix: r5)
        }
        // The same junction times as `junctions`, in a file with its own column names and no mode column.
        let named = try Self.matrix(Self.junctions.replacingOccurrences(of: ",car,", with: ",").replacingOccurrences(of: "from_id,to_id,mode,minutes", with: "origin,destination,time"), name: "named.csv")
        let columns = try MatrixColumns.parse("from=origin,to=destination,minutes=time", fixedMode: "car")
        let mapped = try Workspace.load(directory: AppFixture.geoData, matrix: named, matrixColumns: columns)
        #expect(mapped.session.indicators["kusip"]?.values["minutes_to_m6"]?.value == .number(9.5))
        #expect(throws: SiteMatchError.usage("--matrix-columns: 'origin' is not role=column; expected e.g. from=origin,to=destination,minutes=time")) {
            try MatrixColumns.parse("origin", fixedMode: nil)
        }
    }
}
