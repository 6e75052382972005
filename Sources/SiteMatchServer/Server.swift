import Foundation
import Hummingbird
import Logging
import NIOCore
import ServiceLifecycle
import SiteMatchApp
import SiteMatchData
import SiteMatchStore

/// `sitematch serve`: loads the workspace once, opens the enquiry log, and serves the API until
/// SIGTERM or SIGINT, which stop new connections, let requests in flight finish (their log rows
/// commit), then close the store.
public enum SiteMatchServer {
    public struct Configuration: Sendable {
        public var host = "127.0.0.1"
        /// 0 picks a free port (printed once listening).
        public var port = 8080
        public var database = DatabaseURL.defaultURL
        public var tokensFile: String?
        public var corsOrigin: String?
        /// `--tiles`: a tile URL template for the web map; nil draws the portfolio's own context.
        public var tiles: String?
        /// `--leaflet`: where Leaflet's files are (Debian's libjs-leaflet by default).
        public var leafletDirectory = WebSettings.debianLeafletDirectory
        /// `--secure-cookies`: mark the sign-in cookie Secure (the server is reached over HTTPS).
        public var secureCookies = false

        public init() {}
    }

    /// Connections idle this long (no request headers arriving, nothing written) are closed.
    static let idleTimeout: TimeAmount = .seconds(10)

    /// Serves `workspace` until a shutdown signal. `onListening` receives the bound address
    /// ("http://127.0.0.1:8080") once the server accepts connections.
    /// - Throws: ``SiteMatchError`` for a bad tokens file, database URL or database; the store is
    ///   closed on every path.
    public static func run(workspace: Workspace, configuration: Configuration, logger: Logger,
                           onListening: @escaping @Sendable (String) -> Void) async throws {
        let tokens = try configuration.tokensFile.map { try AccessTokens.load(contentsOfFile: $0) }
        let web = try WebSettings(leafletDirectory: configuration.leafletDirectory, tiles: configuration.tiles, secureCookies: configuration.secureCookies)
        if web.leaflet == nil { logger.warning("Leaflet not found in \(configuration.leafletDirectory): the web page's map is off until Debian's libjs-leaflet is installed (sudo apt-get install libjs-leaflet)") }
        let url = try DatabaseURL(configuration.database)
        let store = try await url.open(logger: logger)
        do {
            let state = try ServerState(workspace: workspace, store: store, tokens: tokens, corsOrigin: configuration.corsOrigin, web: web)
            let host = configuration.host
            let app = Application(
                router: APIRoutes.router(state: state),
                server: .http1(configuration: .init(idleTimeout: idleTimeout)),
                configuration: .init(address: .hostname(host, port: configuration.port), serverName: "SiteMatch/\(SiteMatchRelease.version)"),
                onServerRunning: { channel in
                    let port = channel.localAddress?.port ?? configuration.port
                    onListening("http://\(host.contains(":") ? "[\(host)]" : host):\(port)")
                },
                logger: logger
            )
            logger.info("enquiry log: \(store.location); tokens: \(tokens.map { "\($0.entries.count) in \(configuration.tokensFile!)" } ?? "none (the log is write-only over HTTP)")")
            try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
        } catch {
            try? await store.close()
            throw error
        }
        try await store.close()
        logger.info("stopped; the enquiry log is closed")
    }
}
