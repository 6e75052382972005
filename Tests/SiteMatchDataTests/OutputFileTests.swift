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

    @Test func aMultiFileOutputFailingOnItsSecondFileLeavesEveryOldFile() throws {
        let dir = try scratch()
        try OutputFile.write("old sites\n", to: dir + "/sites.geojson", overwrite: false)
        // The second file's folder does not exist: writing it fails after the first was written.
        let files = [(path: dir + "/sites.geojson", data: Data("new sites\n".utf8)), (path: dir + "/missing/assets.geojson", data: Data("new assets\n".utf8))]
        #expect(throws: SiteMatchError.self) { try OutputFile.writeAll(files, overwrite: true) }
        #expect(try String(contentsOfFile: dir + "/sites.geojson", encoding: .utf8) == "old sites\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["sites.geojson"])
        // And when both can be written, both are replaced and nothing else is left.
        try FileManager.default.createDirectory(atPath: dir + "/missing", withIntermediateDirectories: false)
        try OutputFile.writeAll(files, overwrite: true)
        #expect(try String(contentsOfFile: dir + "/sites.geojson", encoding: .utf8) == "new sites\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["missing", "sites.geojson"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/missing") == ["assets.geojson"])
    }

    @Test func nonRegularFilesAreNeverReplacedEvenWithOverwrite() throws {
        let dir = try scratch()
        try "keep\n".write(toFile: dir + "/target.txt", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: dir + "/link.csv", withDestinationPath: dir + "/target.txt")
        try FileManager.default.createDirectory(atPath: dir + "/folder.csv", withIntermediateDirectories: false)
        #expect(mkfifo(dir + "/pipe.csv", 0o644) == 0)
        for (path, kind) in [(dir + "/link.csv", "a symbolic link"), (dir + "/folder.csv", "a directory"), (dir + "/pipe.csv", "a FIFO (named pipe)"), ("/dev/null", "a device")] {
            #expect(throws: SiteMatchError.usage("\(path) is \(kind); SiteMatch writes only regular files and never replaces anything else, even with --overwrite: choose another path")) {
                try OutputFile.write("new\n", to: path, overwrite: true)
            }
        }
        #expect(try String(contentsOfFile: dir + "/target.txt", encoding: .utf8) == "keep\n")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: dir + "/link.csv") == dir + "/target.txt")
    }
}
