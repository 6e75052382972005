import Foundation
import GRDB
import SiteMatchData

/// The enquiry log in an SQLite file, through GRDB: WAL journal with `synchronous = NORMAL` (a
/// committed row survives a crash of the process; the last commits before a power cut may not),
/// versioned migrations, and triggers that refuse UPDATE and DELETE so the log stays append-only
/// even for someone with the file and the sqlite3 shell.
public final class SQLiteEnquiryStore: EnquiryStore {
    private let pool: DatabasePool
    public let location: String

    /// Opens (creating if needed) the log at `path` and brings its schema up to date.
    /// - Throws: `.input` naming the file when it is not an SQLite database or its folder is missing.
    public init(path: String) throws {
        location = path
        let folder = (path as NSString).deletingLastPathComponent
        var isDirectory: ObjCBool = false
        if !folder.isEmpty, !FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory) || !isDirectory.boolValue {
            throw SiteMatchError(file: path, message: "its folder does not exist; create it (mkdir -p \(folder)) or give another --database")
        }
        var configuration = Configuration()
        configuration.label = "SiteMatch enquiry log"
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            try Self.migrator.migrate(pool)
        } catch let error as DatabaseError {
            throw SiteMatchError(file: path, message: "cannot be used as the enquiry log: \(error.message ?? error.description)")
        }
    }

    /// Schema versions, applied in order and recorded by GRDB in `grdb_migrations`.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: enquiry log") { db in
            try db.execute(sql: """
                CREATE TABLE enquiry (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    id TEXT NOT NULL UNIQUE,
                    received_at TEXT NOT NULL,
                    who TEXT NOT NULL,
                    name TEXT NOT NULL,
                    matches INTEGER NOT NULL,
                    request TEXT NOT NULL,
                    response TEXT NOT NULL,
                    data_version TEXT NOT NULL,
                    duration_ms REAL NOT NULL
                );
                CREATE TRIGGER enquiry_no_update BEFORE UPDATE ON enquiry
                BEGIN SELECT RAISE(ABORT, 'the enquiry log is append-only'); END;
                CREATE TRIGGER enquiry_no_delete BEFORE DELETE ON enquiry
                BEGIN SELECT RAISE(ABORT, 'the enquiry log is append-only'); END;
                """)
        }
        return migrator
    }

    public func append(_ record: EnquiryRecord) async throws {
        do {
            try await pool.write { db in
                try db.execute(sql: """
                    INSERT INTO enquiry (id, received_at, who, name, matches, request, response, data_version, duration_ms)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [record.id.uuidString.lowercased(), StoredTimestamp.text(record.receivedAt), record.who, record.name,
                                     record.matches, record.request, record.response, record.dataVersion, record.durationMilliseconds])
            }
        } catch let error as DatabaseError where error.resultCode == .SQLITE_CONSTRAINT {
            throw SiteMatchError.usage("an enquiry with id \(record.id.uuidString.lowercased()) is already logged; the log is append-only")
        }
    }

    public func record(id: UUID) async throws -> EnquiryRecord? {
        let row = try await pool.read { db in
            try Row.fetchOne(db, sql: "SELECT * FROM enquiry WHERE id = ?", arguments: [id.uuidString.lowercased()])
        }
        return try row.map(Self.record)
    }

    public func page(limit: Int, offset: Int) async throws -> EnquiryPage {
        try Self.checkPaging(limit: limit, offset: offset)
        let (total, rows) = try await pool.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM enquiry") ?? 0,
             try Row.fetchAll(db, sql: "SELECT * FROM enquiry ORDER BY seq DESC LIMIT ? OFFSET ?", arguments: [limit, offset]))
        }
        return EnquiryPage(total: total, limit: limit, offset: offset, items: try rows.map { try Self.record($0).summary })
    }

    public func all() async throws -> [EnquiryRecord] {
        try await pool.read { db in try Row.fetchAll(db, sql: "SELECT * FROM enquiry ORDER BY seq") }.map(Self.record)
    }

    public func close() async throws {
        try pool.close()
    }

    private static func record(_ row: Row) throws -> EnquiryRecord {
        guard let id = UUID(uuidString: row["id"]) else { throw SiteMatchError.internal("the enquiry log holds an id that is not a UUID: \(String(describing: row["id"] as String?))") }
        return EnquiryRecord(id: id, receivedAt: try StoredTimestamp.date(row["received_at"]), who: row["who"], name: row["name"], matches: row["matches"],
                             request: row["request"], response: row["response"], dataVersion: row["data_version"], durationMilliseconds: row["duration_ms"])
    }
}
