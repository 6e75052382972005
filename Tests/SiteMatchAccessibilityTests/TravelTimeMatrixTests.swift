import Foundation
import Testing
import SiteMatchAccessibility
import SiteMatchData
import SiteMatchGeometry

@Suite struct TravelTimeMatrixTests {
    func write(_ text: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("matrix-\(UUID().uuidString).csv").path
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    func load(_ text: String) throws -> TravelTimeMatrix {
        try TravelTimeMatrixLoader.load(contentsOfFile: write(text), origins: ["mid_AB", "near_A"], destinations: ["at_C", "at_D", "town_B"])
    }

    func problem(_ text: String) -> String? {
        do { _ = try load(text); return nil } catch let SiteMatchError.input(problem) { return "\(problem.line ?? 0): \(problem.message)" } catch { return "\(error)" }
    }

    @Test func malformedRowsAreNamedByLine() {
        #expect(problem("from,to,mode,minutes\n") == "1: header is 'from,to,mode,minutes'; missing from_id, to_id; expected from_id,to_id,mode,minutes (or r5py's from_id,to_id,travel_time with --matrix-mode, or name your columns with --matrix-columns from=…,to=…,minutes=…,mode=…)")
        #expect(problem("from_id,to_id,mode,minutes\nmid_AB,at_C,car,12\nmid_AX,at_C,car,3\n") == "3: from_id 'mid_AX' is not a site id; nearest matching ids: mid_AB, near_A")
        #expect(problem("from_id,to_id,mode,minutes\nmid_AB,at_Q,car,3\n")?.hasPrefix("2: to_id 'at_Q' is not an asset, population, census area or site id") == true)
        #expect(problem("from_id,to_id,mode,minutes\nmid_AB,at_C,car,-4\n") == "2: minutes -4 is negative; expected minutes ≥ 0")
        #expect(problem("from_id,to_id,mode,minutes\nmid_AB,at_C,car,NaN\n") == "2: minutes 'NaN' is not a finite number; expected minutes ≥ 0")
        #expect(problem("from_id,to_id,mode,minutes\nmid_AB,at_C,car,\n")?.hasPrefix("2: minutes is empty") == true)
        #expect(problem("from_id,to_id,mode,minutes\nmid_AB,at_C,car,4\nnear_A,at_C,car,5\nmid_AB,at_C,car,6\n") == "4: duplicate pair mid_AB → at_C (car): first given on line 2")
        #expect(problem("from_id,to_id,mode,minutes\nmid_AB,at_C,car\n") == "2: has 3 fields; expected 4 like the header")
    }

    @Test func importedFiguresTakePrecedenceAndUnknownPairsStayUnreachable() throws {
        let matrix = try load("from_id,to_id,mode,minutes\nmid_AB,at_C,car,25.5\nmid_AB,town_B,public_transport,40\n")
        let model = try TravelTimeModel(portfolio: TinyNetwork.portfolio, profile: TinyNetwork.car, context: GEOSContext())
        let (rows, unreachable) = TravelTimeTable.rows(model: model, portfolio: TinyNetwork.portfolio, imported: matrix)
        let atC = try #require(rows.first { $0.from == "mid_AB" && $0.to == "at_C" && $0.mode == "car" })
        #expect(atC.minutes == 25.5)
        #expect(atC.source.hasPrefix("imported:matrix-"))
        let atD = try #require(rows.first { $0.from == "mid_AB" && $0.to == "at_D" })
        #expect(atD.source == "modelled")
        // mid_AB joins AB 200 m from its apex; at_D is 300 m from node D.
        #expect(atD.fromSnapMetres == 200 && atD.toSnapMetres == 300)
        #expect(rows.contains { $0.mode == "public_transport" && $0.minutes == 40 && $0.to == "town_B" })
        // at_F lies on the detached E–F road: left out for all three sites; near_D reaches only D.
        #expect(!rows.contains { $0.to == "at_F" })
        #expect(unreachable == 3 + 3)
    }
}
