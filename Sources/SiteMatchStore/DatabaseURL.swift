import Foundation
import Logging
import SiteMatchData

/// Where the enquiry log lives, from `--database`: `sqlite:PATH` (a file; relative to the working
/// directory) or `postgres://user[:password]@host[:port]/database` (also `postgresql://`).
public enum DatabaseURL: Hashable, Sendable {
    case sqlite(path: String)
    case postgres(Postgres)

    public struct Postgres: Hashable, Sendable {
        public var host: String
        public var port: Int
        public var user: String
        public var password: String?
        public var database: String

        /// The URL with its password replaced by `***`, for messages and logs.
        public var redacted: String {
            "postgres://\(user)\(password == nil ? "" : ":***")@\(host):\(port)/\(database)"
        }
    }

    /// The default log: `sitematch.sqlite` in the working directory.
    public static let defaultURL = "sqlite:sitematch.sqlite"

    /// Parses `text`. `environment` supplies `PGPASSWORD` when the URL has no password.
    /// - Throws: `.usage` naming what is wrong and the accepted forms.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let forms = "expected sqlite:PATH or postgres://USER@HOST:PORT/DATABASE"
        if text.hasPrefix("sqlite:") {
            var path = String(text.dropFirst("sqlite:".count))
            if path.hasPrefix("//") { path = String(path.dropFirst(2)) }  // sqlite:///abs/path
            guard !path.isEmpty else { throw SiteMatchError.usage("--database '\(text)' names no file; \(forms)") }
            self = .sqlite(path: path)
            return
        }
        guard text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") else {
            throw SiteMatchError.usage("--database '\(text)' is neither an SQLite nor a PostgreSQL URL; \(forms)")
        }
        guard let components = URLComponents(string: text), let host = components.host, !host.isEmpty else {
            throw SiteMatchError.usage("--database: cannot read a host from '\(Self.redact(text))'; \(forms)")
        }
        guard let user = components.user, !user.isEmpty else {
            throw SiteMatchError.usage("--database: '\(Self.redact(text))' names no user; \(forms)")
        }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else {
            throw SiteMatchError.usage("--database: '\(Self.redact(text))' names no database (the part after the last /); \(forms)")
        }
        let port = components.port ?? 5432
        guard (1...65535).contains(port) else { throw SiteMatchError.usage("--database: port \(port) is not between 1 and 65535") }
        self = .postgres(Postgres(host: host, port: port, user: user, password: components.password ?? environment["PGPASSWORD"], database: database))
    }

    /// `text` with any password between `:` and `@` hidden.
    static func redact(_ text: String) -> String {
        guard let at = text.lastIndex(of: "@"), let scheme = text.range(of: "://"),
              let colon = text[scheme.upperBound..<at].firstIndex(of: ":") else { return text }
        return text[..<text.index(after: colon)] + "***" + text[at...]
    }

    /// Opens the store this URL names.
    public func open(logger: Logger = Logger(label: "sitematch.store")) async throws -> any EnquiryStore {
        switch self {
        case let .sqlite(path): return try SQLiteEnquiryStore(path: path)
        case let .postgres(url): return try await PostgresEnquiryStore(url: url, logger: logger)
        }
    }
}
