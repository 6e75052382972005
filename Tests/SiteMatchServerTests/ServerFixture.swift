import Foundation
import Hummingbird
import HummingbirdTesting
import SiteMatchApp
import SiteMatchData
import SiteMatchServer
import SiteMatchStore

/// One loaded workspace and its precomputed answers for every server test (loading and the export's
/// stability draws take seconds in a debug build); each test gets its own fresh enquiry log.
enum ServerFixture {
    static let answers: Result<DataAnswers, any Error> = Result { try DataAnswers(workspace: try Workspace.load()) }
    static var workspace: Workspace { try! answers.get().workspace }

    /// The shipped sites layer, read straight from the file: the independent reference for ids,
    /// names, areas and location types.
    nonisolated(unsafe) static let siteFile: [[String: Any]] = {
        let path = GeoDataDirectory.shippedForTests + "/sites.geojson"
        let document = try! JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as! [String: Any]
        return (document["features"] as! [[String: Any]]).map { $0["properties"] as! [String: Any] }
    }()

    /// A fresh SQLite log in a temporary folder.
    static func scratchStore() throws -> (store: SQLiteEnquiryStore, folder: String) {
        let folder = NSTemporaryDirectory() + "sitematch-server-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        return (try SQLiteEnquiryStore(path: folder + "/log.sqlite"), folder)
    }

    /// Runs `body` against the router in process, with tokens if given.
    static func withRouter(tokens: AccessTokens? = nil, web: WebSettings? = nil, mode: TestingSetup = .router,
                           _ body: @Sendable (any TestClientProtocol, SQLiteEnquiryStore) async throws -> Void) async throws {
        let (store, folder) = try scratchStore()
        let state = ServerState(answers: try answers.get(), store: store, tokens: tokens, web: try web ?? WebSettings())
        let app = Application(router: APIRoutes.router(state: state))
        do {
            try await app.test(mode) { client in try await body(client, store) }
        } catch {
            try? await store.close()
            try? FileManager.default.removeItem(atPath: folder)
            throw error
        }
        try await store.close()
        try? FileManager.default.removeItem(atPath: folder)
    }
}

extension GeoDataDirectory {
    static var shippedForTests: String { GeoDataDirectory.shipped() ?? "GeoData" }
}

/// The body as text, and as a JSON object.
extension TestResponse {
    var text: String { String(buffer: body) }
    var object: [String: Any] { (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:] }
    var errorDetail: [String: Any] { object["error"] as? [String: Any] ?? [:] }
}

func jsonBody(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
