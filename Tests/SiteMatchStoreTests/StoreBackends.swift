import Foundation
import GRDB
import Logging
import PostgresNIO
import Testing
@testable import SiteMatchStore

/// The stores every store test runs on: SQLite always; PostgreSQL when `SITEMATCH_TEST_POSTGRES_URL`
/// names a server (Tools/run-tests starts a throwaway cluster and sets it). When the variable is set
/// and the server is missing, the PostgreSQL cases fail; they never skip silently.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres

    var testDescription: String { rawValue }

    static var postgresURL: String? { ProcessInfo.processInfo.environment["SITEMATCH_TEST_POSTGRES_URL"].flatMap { $0.isEmpty ? nil : $0 } }

    /// The backends this run covers.
    static var available: [Backend] { postgresURL == nil ? [.sqlite] : [.sqlite, .postgres] }
}

/// A fresh, empty log on `backend`: a new SQLite file in a temporary folder, or a new PostgreSQL
/// database created for the test (and dropped by `discard`).
struct ScratchLog: Sendable {
    let backend: Backend
    let url: String
    private let folder: String?
    private let databaseName: String?

    init(_ backend: Backend) async throws {
        self.backend = backend
        switch backend {
        case .sqlite:
            let folder = NSTemporaryDirectory() + "sitematch-store-\(UUID().uuidString)"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            self.folder = folder
            databaseName = nil
            url = "sqlite:\(folder)/log.sqlite"
        case .postgres:
            guard let admin = Backend.postgresURL else { throw ScratchError.noServer }
            let name = "sitematch_test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
            try await Self.admin(admin, "CREATE DATABASE \(name)")
            folder = nil
            databaseName = name
            let base = admin[..<admin.lastIndex(of: "/")!]
            url = "\(base)/\(name)"
        }
    }

    enum ScratchError: Error { case noServer }

    func open() async throws -> any EnquiryStore { try await DatabaseURL(url).open() }

    /// Runs raw SQL against the log behind the store's back (to check the database itself refuses edits).
    func rawExecute(_ sql: String) async throws {
        switch backend {
        case .sqlite:
            let queue = try DatabaseQueue(path: String(url.dropFirst("sqlite:".count)))
            try await queue.write { try $0.execute(sql: sql) }
        case .postgres:
            try await Self.admin(url, sql)
        }
    }

    func discard() async throws {
        if let folder { try? FileManager.default.removeItem(atPath: folder) }
        if let databaseName, let admin = Backend.postgresURL { try await Self.admin(admin, "DROP DATABASE IF EXISTS \(databaseName) WITH (FORCE)") }
    }

    /// One statement on its own connection.
    static func admin(_ urlText: String, _ sql: String) async throws {
        guard case let .postgres(url) = try DatabaseURL(urlText) else { return }
        let configuration = PostgresConnection.Configuration(host: url.host, port: url.port, username: url.user, password: url.password,
                                                             database: url.database, tls: .disable)
        let connection = try await PostgresConnection.connect(configuration: configuration, id: 1, logger: Logger(label: "test"))
        do {
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test"))
            try await connection.close()
        } catch {
            try? await connection.close()
            throw error
        }
    }
}

/// A record with readable, distinct values.
func sampleRecord(_ n: Int, at date: Date = Date(timeIntervalSince1970: 1_796_000_000.123), who: String = "alice") -> EnquiryRecord {
    EnquiryRecord(id: UUID(), receivedAt: date.addingTimeInterval(Double(n)), who: who, name: "enquiry \(n)", matches: n % 4,
                  request: "{\"name\":\"enquiry \(n)\"}", response: "{\"matches\":[],\"n\":\(n)}",
                  dataVersion: "sitematch 0.2.0; data sha256:abc", durationMilliseconds: 1.25 * Double(n))
}
