import Foundation
import Testing
import SiteMatchData
@testable import SiteMatchStore

/// The same behaviour on both stores (``Backend/available``).
@Suite struct EnquiryStoreTests {
    /// Opens a scratch log, runs `body`, closes and discards it on every path.
    func withLog(_ backend: Backend, _ body: (ScratchLog, any EnquiryStore) async throws -> Void) async throws {
        let scratch = try await ScratchLog(backend)
        let store = try await scratch.open()
        do {
            try await body(scratch, store)
            try await store.close()
        } catch {
            try? await store.close()
            try? await scratch.discard()
            throw error
        }
        try await scratch.discard()
    }

    @Test(arguments: Backend.available)
    func aRecordReadsBackExactlyAsAppended(_ backend: Backend) async throws {
        try await withLog(backend) { _, store in
            let record = sampleRecord(3)
            try await store.append(record)
            let back = try #require(try await store.record(id: record.id))
            #expect(back == record)
            #expect(back.receivedAt.timeIntervalSince1970 == 1_796_000_003.123)
            #expect(try await store.record(id: UUID()) == nil)
        }
    }

    @Test(arguments: Backend.available)
    func pagesAreNewestFirstWithTheTotal(_ backend: Backend) async throws {
        try await withLog(backend) { _, store in
            let records = (1...7).map { sampleRecord($0) }
            for r in records { try await store.append(r) }
            let first = try await store.page(limit: 3, offset: 0)
            #expect(first.total == 7)
            #expect(first.items.map(\.name) == ["enquiry 7", "enquiry 6", "enquiry 5"])
            let last = try await store.page(limit: 3, offset: 6)
            #expect(last.items.map(\.name) == ["enquiry 1"])
            #expect(try await store.page(limit: 3, offset: 100).items.isEmpty)
            #expect(try await store.all().map(\.id) == records.map(\.id))
        }
    }

    @Test(arguments: Backend.available)
    func aSecondRecordWithTheSameIdIsRefused(_ backend: Backend) async throws {
        try await withLog(backend) { _, store in
            let record = sampleRecord(1)
            try await store.append(record)
            var again = sampleRecord(2)
            again.id = record.id
            await #expect(throws: SiteMatchError.usage("an enquiry with id \(record.id.uuidString.lowercased()) is already logged; the log is append-only")) {
                try await store.append(again)
            }
            #expect(try await store.page(limit: 10, offset: 0).total == 1)
        }
    }

    @Test(arguments: Backend.available)
    func theDatabaseItselfRefusesEditsAndDeletes(_ backend: Backend) async throws {
        try await withLog(backend) { scratch, store in
            let record = sampleRecord(1)
            try await store.append(record)
            await #expect(throws: (any Error).self) { try await scratch.rawExecute("UPDATE enquiry SET who = 'mallory'") }
            await #expect(throws: (any Error).self) { try await scratch.rawExecute("DELETE FROM enquiry") }
            #expect(try await store.record(id: record.id)?.who == "alice")
        }
    }

    @Test(arguments: Backend.available)
    func recordsSurviveClosingAndReopeningAndMigrationsRunOnce(_ backend: Backend) async throws {
        let scratch = try await ScratchLog(backend)
        let record = sampleRecord(5)
        let first = try await scratch.open()
        try await first.append(record)
        try await first.close()
        let second = try await scratch.open()
        let back = try await second.record(id: record.id)
        try await second.close()
        try await scratch.discard()
        #expect(back == record)
    }

    @Test(arguments: Backend.available)
    func concurrentAppendsAllLand(_ backend: Backend) async throws {
        try await withLog(backend) { _, store in
            let records = (0..<40).map { sampleRecord($0, who: "officer \($0 % 5)") }
            try await withThrowingTaskGroup(of: Void.self) { group in
                for r in records { group.addTask { try await store.append(r) } }
                try await group.waitForAll()
            }
            let all = try await store.all()
            #expect(all.count == 40)
            #expect(Set(all.map(\.id)) == Set(records.map(\.id)))
        }
    }

    /// Among rows appended at once, a refused one (a duplicate id) fails only its own caller, and
    /// every other caller's row is readable from another connection (committed) when it returns.
    @Test(arguments: Backend.available)
    func aRefusedRowAmongConcurrentAppendsFailsOnlyItsCaller(_ backend: Backend) async throws {
        try await withLog(backend) { _, store in
            let existing = sampleRecord(100)
            try await store.append(existing)
            let fresh = (0..<30).map { sampleRecord($0) }
            let duplicates = (0..<6).map { i in
                var r = sampleRecord(200 + i)
                r.id = existing.id
                return r
            }
            let outcomes = try await withThrowingTaskGroup(of: (UUID, String, Bool).self) { group in
                for r in fresh + duplicates {
                    group.addTask {
                        do {
                            try await store.append(r)
                            return (r.id, r.name, try await store.record(id: r.id) == r)
                        } catch let error as SiteMatchError {
                            #expect(error == .usage("an enquiry with id \(existing.id.uuidString.lowercased()) is already logged; the log is append-only"))
                            return (r.id, r.name, false)
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(Set(outcomes.filter(\.2).map(\.1)) == Set(fresh.map(\.name)))
            #expect(outcomes.filter { !$0.2 }.count == duplicates.count)
            let all = try await store.all()
            #expect(all.count == 31)
            #expect(Set(all.map(\.id)) == Set([existing.id] + fresh.map(\.id)))
            #expect(try await store.record(id: existing.id) == existing)
        }
    }

    @Test(arguments: Backend.available)
    func pagingOutOfRangeIsAUsageErrorNamingTheParameter(_ backend: Backend) async throws {
        try await withLog(backend) { _, store in
            await #expect(throws: SiteMatchError.usage("limit must be between 1 and 500, got 0")) { try await store.page(limit: 0, offset: 0) }
            await #expect(throws: SiteMatchError.usage("offset must be between 0 and 1000000000, got -1")) { try await store.page(limit: 5, offset: -1) }
        }
    }
}

@Suite struct SQLiteStoreFileTests {
    @Test func aFileThatIsNotSQLiteIsNamedInTheError() throws {
        let path = NSTemporaryDirectory() + "not-a-db-\(UUID().uuidString).sqlite"
        try Data("this is a text file, not a database\n".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            _ = try SQLiteEnquiryStore(path: path)
        } throws: { error in
            guard case let .input(problem) = error as? SiteMatchError else { return false }
            return problem.source == path && problem.message.hasPrefix("cannot be used as the enquiry log")
        }
        // Left as it was.
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "this is a text file, not a database\n")
    }

    @Test func aMissingFolderSaysHowToCreateIt() {
        #expect(throws: SiteMatchError(file: "/nonexistent-sitematch/log.sqlite", message: "its folder does not exist; create it (mkdir -p /nonexistent-sitematch) or give another --database")) {
            _ = try SQLiteEnquiryStore(path: "/nonexistent-sitematch/log.sqlite")
        }
    }

    @Test func theLogIsInWALModeWithNormalSynchronous() async throws {
        let scratch = try await ScratchLog(.sqlite)
        let store = try await scratch.open()
        try await store.append(sampleRecord(1))
        try await store.close()
        let path = String(scratch.url.dropFirst("sqlite:".count))
        // The journal mode is stored in the file: read it with the sqlite3 library directly through GRDB.
        let mode = try await SQLiteProbe.journalMode(path)
        try await scratch.discard()
        #expect(mode == "wal")
    }
}
