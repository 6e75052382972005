import GRDB

/// Reads settings of an SQLite file independently of the store.
enum SQLiteProbe {
    static func journalMode(_ path: String) async throws -> String {
        let queue = try DatabaseQueue(path: path)
        return try await queue.read { try String.fetchOne($0, sql: "PRAGMA journal_mode") ?? "" }
    }
}
