import ArgumentParser
import Foundation
import Logging
import SiteMatchApp
import SiteMatchData
import SiteMatchServer
import SiteMatchStore

/// `sitematch serve`: the HTTP API over the same use cases, with the enquiry log.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the JSON API (enquiries, sites, explanations, catchments) and log every enquiry.",
        discussion: """
        The data is loaded and validated once at start; a bad GeoData directory stops the server with \
        the same message the other commands give. Every POST /api/enquiries is logged (SQLite by \
        default, PostgreSQL with a postgres:// URL) before it is answered. Reading the log over HTTP \
        needs --tokens. SIGTERM or Ctrl-C lets requests in flight finish, then closes the log. \
        The API is described at /openapi.yaml. The web page for enquiries is at / and each site's \
        page at /sites/ID; its map uses Debian's libjs-leaflet, served by this server.

        Examples:
          sitematch serve                                   # open http://127.0.0.1:8080 in a browser; log in ./sitematch.sqlite
          sitematch serve --port 0                          # any free port; the URL is printed on stdout
          sitematch tokens add alice --tokens tokens.yaml   # once: prints alice's token
          sitematch serve --tokens tokens.yaml --database postgres://sitematch@db.internal:5432/sitematch
          curl -s -X POST localhost:8080/api/enquiries -H 'Content-Type: application/json' \\
               -d '{"archetype": "scale_up_manufacturing", "requirements": {"min_area_ha": 5}}'
        """
    )

    @Option(help: "Address to listen on (default: loopback only; 0.0.0.0 for every interface, behind a reverse proxy).")
    var host = "127.0.0.1"

    @Option(parsing: .unconditional, help: "Port to listen on; 0 picks a free one and prints it.")
    var port = 8080

    @Option(help: ArgumentHelp("Where the enquiry log is: sqlite:PATH or postgres://USER@HOST:PORT/DATABASE (password in the URL or PGPASSWORD).", valueName: "url"))
    var database = DatabaseURL.defaultURL

    @Option(help: ArgumentHelp("Access tokens (from 'sitematch tokens add'); without it POST logs 'anonymous' and the log cannot be read over HTTP.", valueName: "file"))
    var tokens: String?

    @Option(help: ArgumentHelp("Allow browsers on this origin to call the API (CORS), e.g. https://maps.example.org.", valueName: "origin"))
    var cors: String?

    @Option(help: ArgumentHelp("A tile URL template for the web page's map, e.g. https://tiles.example.org/{z}/{x}/{y}.png (default: none; the map draws the portfolio's own zones and roads, and works offline).", valueName: "url"))
    var tiles: String?

    @Option(help: ArgumentHelp("Where Leaflet's files are (Debian's libjs-leaflet).", valueName: "dir"))
    var leaflet = "/usr/share/javascript/leaflet"

    @Flag(help: "Mark the sign-in cookie Secure (when users reach the server over HTTPS, e.g. through a reverse proxy).")
    var secureCookies = false

    @OptionGroup var data: GeoDataOptions
    @OptionGroup var matrix: MatrixOptions
    @OptionGroup var matching: MatchingOptions

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535, got \(port)") }
        try validating { _ = try DatabaseURL(database) }
    }

    func run() async throws {
        if matching.priorWeight != nil { throw SiteMatchError.usage("--prior-weight is not available on serve: the API answers with the catalogue's prior weight") }
        let workspace = try data.workspace(matrix, ahp: matching.ahp)
        var configuration = SiteMatchServer.Configuration()
        configuration.host = host
        configuration.port = port
        configuration.database = database
        configuration.tokensFile = tokens
        configuration.corsOrigin = cors
        configuration.tiles = tiles
        configuration.leafletDirectory = leaflet
        configuration.secureCookies = secureCookies
        LoggingSystem.bootstrap { StreamLogHandler.standardError(label: $0) }
        var logger = Logger(label: "sitematch.serve")
        logger.logLevel = data.quiet ? .warning : .info
        let quiet = data.quiet
        try await SiteMatchServer.run(workspace: workspace, configuration: configuration, logger: logger) { url in
            FileHandle.standardOutput.write(Data((url + "\n").utf8))
            if !quiet { writeToStandardError("sitematch serve: listening on \(url) (API description: \(url)/openapi.yaml)\n") }
        }
    }
}

/// `sitematch tokens`: manage the server's access tokens.
struct TokensCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokens",
        abstract: "Add or list the server's access tokens (stored as SHA-256 hashes only).",
        subcommands: [TokensAddCommand.self, TokensListCommand.self]
    )
}

struct TokensAddCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add",
        abstract: "Add a token for NAME and print it once (it is stored only as a hash; it cannot be shown again).",
        discussion: """
        The file is created if missing. To revoke a token, delete its entry from the file and restart the server.

        Examples:
          sitematch tokens add alice --tokens tokens.yaml
          sitematch tokens add invest-team --tokens /etc/sitematch/tokens.yaml
        """
    )

    @Argument(help: "Who the token is for; the enquiry log records this name.")
    var name: String

    @Option(help: ArgumentHelp("The tokens file.", valueName: "file"))
    var tokens: String

    func run() throws {
        let existing = FileManager.default.fileExists(atPath: tokens) ? try AccessTokens.load(contentsOfFile: tokens) : AccessTokens()
        let (token, updated) = try existing.adding(name: name)
        try OutputFile.write(updated.yaml, to: tokens, overwrite: true)
        print(token)
        writeToStandardError("Added token '\(name)' to \(tokens). It is shown only this once: give it to \(name) now.\n")
    }
}

struct TokensListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tokens' names and when each was added.")

    @Option(help: ArgumentHelp("The tokens file.", valueName: "file"))
    var tokens: String

    func run() throws {
        for entry in try AccessTokens.load(contentsOfFile: tokens).entries { print("\(entry.name)\t\(entry.added)") }
    }
}

/// `sitematch enquiries`: read the enquiry log.
struct EnquiriesCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enquiries",
        abstract: "Read the enquiry log the server writes: list, show one, or export all.",
        subcommands: [EnquiriesListCommand.self, EnquiriesShowCommand.self, EnquiriesExportCommand.self]
    )
}

struct DatabaseOption: ParsableArguments {
    @Option(help: ArgumentHelp("The enquiry log: sqlite:PATH or postgres://USER@HOST:PORT/DATABASE.", valueName: "url"))
    var database = DatabaseURL.defaultURL

    /// Opens the log, runs `body`, closes it on every path.
    func withStore<T>(_ body: (any EnquiryStore) async throws -> T) async throws -> T {
        let url = try DatabaseURL(database)
        if case let .sqlite(path) = url, !FileManager.default.fileExists(atPath: path) {
            throw SiteMatchError(file: path, message: "no enquiry log here; the server creates it (sitematch serve --database \(database)), or give --database")
        }
        let store = try await url.open()
        do {
            let result = try await body(store)
            try await store.close()
            return result
        } catch {
            try? await store.close()
            throw error
        }
    }
}

struct EnquiriesListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list", abstract: "The newest logged enquiries first.",
        discussion: """
        Examples:
          sitematch enquiries list
          sitematch enquiries list --limit 200 --database postgres://sitematch@db:5432/sitematch
        """)

    @Option(parsing: .unconditional, help: "How many (1–500).")
    var limit = 50
    @Option(parsing: .unconditional, help: "How many of the newest to skip.")
    var offset = 0
    @Option(name: [.short, .long], help: "Output format: table or json.")
    var format: Format = .table
    @OptionGroup var database: DatabaseOption

    enum Format: String, ExpressibleByArgument, CaseIterable { case table, json }

    func run() async throws {
        let page = try await database.withStore { try await EnquiryLogReader.list(limit: limit, offset: offset, store: $0) }
        if format == .json { print(try ReportJSON.text(page), terminator: ""); return }
        for item in page.items {
            print("\(item.id)  \(Timestamp.text(item.receivedAt))  \(item.who)  \(item.matches) matches  \(item.name)")
        }
        writeToStandardError("\(page.items.count) of \(page.total) logged enquiries (newest first, from \(page.offset + 1)).\n")
    }
}

struct EnquiriesShowCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "One logged enquiry as JSON: the request as given and the response exactly as returned.",
        discussion: "Example:\n  sitematch enquiries show 9f0c3b1e-0d7a-4c52-9a43-2f1d8e6b7c10")

    @Argument(help: "The enquiry's id (from the POST's answer or 'enquiries list').")
    var id: String
    @OptionGroup var database: DatabaseOption

    func run() async throws {
        let logged = try await database.withStore { try await EnquiryLogReader.show(id, store: $0) }
        print(try ReportJSON.text(logged), terminator: "")
    }
}

struct EnquiriesExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "The whole log, oldest first, as CSV or JSON.",
        discussion: """
        Examples:
          sitematch enquiries export --format csv -o enquiries.csv
          sitematch enquiries export --format json --database postgres://sitematch@db:5432/sitematch
        """)

    @Option(name: [.short, .long], help: "csv or json.")
    var format = "csv"
    @OptionGroup var database: DatabaseOption
    @OptionGroup var output: OutputOptions

    func run() async throws {
        let text = try await database.withStore { try await EnquiryLogReader.export(format: format, store: $0) }
        try output.emit(text)
    }
}
