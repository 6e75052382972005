import Testing
import SiteMatchData
@testable import SiteMatchStore

@Suite struct DatabaseURLTests {
    @Test func sqliteURLsNameAFile() throws {
        #expect(try DatabaseURL("sqlite:sitematch.sqlite") == .sqlite(path: "sitematch.sqlite"))
        #expect(try DatabaseURL("sqlite:///var/lib/sitematch/log.sqlite") == .sqlite(path: "/var/lib/sitematch/log.sqlite"))
    }

    @Test func postgresURLsGiveHostPortUserAndDatabase() throws {
        let url = try DatabaseURL("postgres://officer:s3cret@db.internal:6543/sitematch", environment: [:])
        #expect(url == .postgres(.init(host: "db.internal", port: 6543, user: "officer", password: "s3cret", database: "sitematch")))
        guard case let .postgres(p) = url else { return }
        #expect(p.redacted == "postgres://officer:***@db.internal:6543/sitematch")
    }

    @Test func theDefaultPortIs5432AndThePasswordMayComeFromPGPASSWORD() throws {
        let url = try DatabaseURL("postgresql://officer@localhost/log", environment: ["PGPASSWORD": "pw"])
        #expect(url == .postgres(.init(host: "localhost", port: 5432, user: "officer", password: "pw", database: "log")))
    }

    @Test func malformedURLsSayWhatIsMissingWithoutShowingThePassword() {
        let forms = "expected sqlite:PATH or postgres://USER@HOST:PORT/DATABASE"
        #expect(throws: SiteMatchError.usage("--database 'mysql://x@y/z' is neither an SQLite nor a PostgreSQL URL; \(forms)")) { try DatabaseURL("mysql://x@y/z") }
        #expect(throws: SiteMatchError.usage("--database 'sqlite:' names no file; \(forms)")) { try DatabaseURL("sqlite:") }
        #expect(throws: SiteMatchError.usage("--database: 'postgres://u:***@host' names no database (the part after the last /); \(forms)")) {
            try DatabaseURL("postgres://u:hunter2@host", environment: [:])
        }
        #expect(throws: SiteMatchError.usage("--database: 'postgres://host/db' names no user; \(forms)")) { try DatabaseURL("postgres://host/db", environment: [:]) }
    }
}
