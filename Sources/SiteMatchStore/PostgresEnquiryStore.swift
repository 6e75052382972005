import Foundation
import Logging
import PostgresNIO
import SiteMatchData

/// The enquiry log in PostgreSQL, through postgres-nio's connection pool, for a team sharing one
/// log. The same table as ``SQLiteEnquiryStore`` (the same tests run on both); migrations are
/// recorded in `sitematch_migrations`; triggers refuse UPDATE and DELETE. An INSERT returns once
/// PostgreSQL has committed it (synchronous_commit as the server is configured, `on` by default).
public final class PostgresEnquiryStore: EnquiryStore {
    private let client: PostgresClient
    private let runner: Task<Void, Never>
    private let logger: Logger
    public let location: String
    /// How long one operation may wait for the database before it fails with a clear message.
    static let timeout: Duration = .seconds(10)

    /// Connects to `url` (`postgres://user[:password]@host[:port]/database`; the password may come
    /// from `PGPASSWORD` instead) and brings the schema up to date.
    /// - Throws: `.usage` for a malformed URL; `.input` naming the server when it cannot be reached
    ///   or refuses the login.
    public init(url: DatabaseURL.Postgres, logger: Logger = Logger(label: "sitematch.store")) async throws {
        location = url.redacted
        self.logger = logger
        var configuration = PostgresClient.Configuration(host: url.host, port: url.port, username: url.user, password: url.password,
                                                         database: url.database, tls: .disable)
        configuration.options.maximumConnections = 16
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        self.client = client
        runner = Task { await client.run() }
        do {
            try await migrate()
        } catch {
            runner.cancel()
            throw error
        }
    }

    /// Applies the schema versions not yet recorded, each in its own transaction.
    private func migrate() async throws {
        try await run("migrate the enquiry log") { [client, logger] in
            try await client.query("CREATE TABLE IF NOT EXISTS sitematch_migrations (version TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())", logger: logger)
            var applied = Set<String>()
            for try await version in try await client.query("SELECT version FROM sitematch_migrations", logger: logger).decode(String.self) {
                applied.insert(version)
            }
            for (version, statements) in Self.migrations where !applied.contains(version) {
                try await client.withTransaction(logger: logger) { connection in
                    // Serialises two servers starting at once on an empty database.
                    try await connection.query("LOCK TABLE sitematch_migrations IN EXCLUSIVE MODE", logger: logger)
                    let already = try await connection.query("SELECT 1 FROM sitematch_migrations WHERE version = \(version)", logger: logger)
                    for try await _ in already { return }
                    for statement in statements { try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger) }
                    try await connection.query("INSERT INTO sitematch_migrations (version) VALUES (\(version))", logger: logger)
                }
            }
        }
    }

    static let migrations: [(String, [String])] = [
        ("v1: enquiry log", [
            """
            CREATE TABLE enquiry (
                seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                id UUID NOT NULL UNIQUE,
                received_at TEXT NOT NULL,
                who TEXT NOT NULL,
                name TEXT NOT NULL,
                matches INTEGER NOT NULL,
                request TEXT NOT NULL,
                response TEXT NOT NULL,
                data_version TEXT NOT NULL,
                duration_ms DOUBLE PRECISION NOT NULL
            )
            """,
            """
            CREATE FUNCTION enquiry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'the enquiry log is append-only'; END $$
            """,
            "CREATE TRIGGER enquiry_no_update_or_delete BEFORE UPDATE OR DELETE ON enquiry FOR EACH ROW EXECUTE FUNCTION enquiry_append_only()",
        ]),
    ]

    public func append(_ record: EnquiryRecord) async throws {
        let received = StoredTimestamp.text(record.receivedAt)
        do {
            try await run("log the enquiry") { [client, logger] in
                try await client.query("""
                    INSERT INTO enquiry (id, received_at, who, name, matches, request, response, data_version, duration_ms)
                    VALUES (\(record.id), \(received), \(record.who), \(record.name), \(record.matches), \(record.request), \(record.response),
                            \(record.dataVersion), \(record.durationMilliseconds))
                    """, logger: logger)
            }
        } catch let error as PSQLError where error.serverInfo?[.sqlState] == "23505" {
            throw SiteMatchError.usage("an enquiry with id \(record.id.uuidString.lowercased()) is already logged; the log is append-only")
        }
    }

    private typealias Columns = (UUID, String, String, String, Int, String, String, String, Double)
    private static let columns = "id, received_at, who, name, matches, request, response, data_version, duration_ms"

    private static func record(_ c: Columns) throws -> EnquiryRecord {
        EnquiryRecord(id: c.0, receivedAt: try StoredTimestamp.date(c.1), who: c.2, name: c.3, matches: c.4, request: c.5, response: c.6,
                      dataVersion: c.7, durationMilliseconds: c.8)
    }

    private func records(_ query: PostgresQuery) async throws -> [EnquiryRecord] {
        try await run("read the enquiry log") { [client, logger] in
            var result: [EnquiryRecord] = []
            for try await columns in try await client.query(query, logger: logger).decode(Columns.self) {
                result.append(try Self.record(columns))
            }
            return result
        }
    }

    public func record(id: UUID) async throws -> EnquiryRecord? {
        try await records("SELECT \(unescaped: Self.columns) FROM enquiry WHERE id = \(id)").first
    }

    public func page(limit: Int, offset: Int) async throws -> EnquiryPage {
        try Self.checkPaging(limit: limit, offset: offset)
        let items = try await records("SELECT \(unescaped: Self.columns) FROM enquiry ORDER BY seq DESC LIMIT \(limit) OFFSET \(offset)")
        let total = try await run("count the enquiry log") { [client, logger] in
            var total = 0
            for try await count in try await client.query("SELECT COUNT(*) FROM enquiry", logger: logger).decode(Int.self) { total = count }
            return total
        }
        return EnquiryPage(total: total, limit: limit, offset: offset, items: items.map(\.summary))
    }

    public func all() async throws -> [EnquiryRecord] {
        try await records("SELECT \(unescaped: Self.columns) FROM enquiry ORDER BY seq")
    }

    public func close() async throws {
        runner.cancel()
        await runner.value
    }

    /// Runs `work`, failing with a message naming the server when it takes longer than ``timeout``
    /// (postgres-nio's pool waits for a connection indefinitely while the server is down).
    private func run<T: Sendable>(_ what: String, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
        let location = location
        do {
            return try await withThrowingTaskGroup(of: T?.self) { group in
                group.addTask { try await work() }
                group.addTask {
                    try await Task.sleep(for: Self.timeout)
                    return nil
                }
                defer { group.cancelAll() }
                guard let first = try await group.next(), let value = first else {
                    throw SiteMatchError(file: location, message: "PostgreSQL did not answer within \(Self.timeout.components.seconds) s (to \(what)); check that the server is running and the URL is right")
                }
                return value
            }
        } catch let error as PSQLError {
            if error.serverInfo?[.sqlState] == "23505" { throw error }
            let detail = error.serverInfo?[.message] ?? String(describing: error.code)
            throw SiteMatchError(file: location, message: "PostgreSQL refused to \(what): \(detail)")
        }
    }
}
