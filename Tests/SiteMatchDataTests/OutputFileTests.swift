import Foundation
import Testing
import SiteMatchData

/// Outputs appear whole or not at all, and never replace a file unless asked.
@Suite struct OutputFileTests {
    func scratch() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("output-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func streamedPiecesArriveInOrder() throws {
        let path = try scratch() + "/scores.csv"
        try OutputFile.stream(to: path, overwrite: false) { write in
            try write(Array("id,s0\n".utf8))
            try write(Array("0,0.5\n".utf8))
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "id,s0\n0,0.5\n")
        #expect(throws: OutputFile.exists(path)) { try OutputFile.stream(to: path, overwrite: false) { _ in } }
    }

    struct Stop: Error {}

    @Test func aFailedStreamLeavesTheOldFileAndNoTemporary() throws {
        let dir = try scratch()
        let path = dir + "/scores.csv"
        try OutputFile.write("old\n", to: path, overwrite: false)
        #expect(throws: Stop.self) {
            try OutputFile.stream(to: path, overwrite: true) { write in
                try write(Array("half a fi".utf8))
                throw Stop()
            }
        }
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["scores.csv"])
    }
}
