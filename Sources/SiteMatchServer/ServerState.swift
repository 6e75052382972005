import Foundation
import SiteMatchApp
import SiteMatchData
import SiteMatchGeometry
import SiteMatchStore

/// Everything the server shares across requests: immutable and `Sendable`.
public struct ServerState: Sendable {
    public let workspace: Workspace
    public let store: any EnquiryStore
    /// Nil: no `--tokens`, so POST /api/enquiries logs "anonymous" and the log cannot be read over HTTP.
    public let tokens: AccessTokens?
    /// `--cors ORIGIN`: the one origin allowed to call the API from a browser; nil sends no CORS headers.
    public let corsOrigin: String?
    /// The web page's Leaflet files, tile URL and sign-in cookie key.
    public let web: WebSettings
    let answers: DataAnswers

    /// Precomputes the data-only answers. - Throws: what the export use case throws.
    public init(workspace: Workspace, store: any EnquiryStore, tokens: AccessTokens?, corsOrigin: String? = nil, web: WebSettings? = nil) throws {
        self.init(answers: try DataAnswers(workspace: workspace), store: store, tokens: tokens, corsOrigin: corsOrigin, web: try web ?? WebSettings())
    }

    /// A state over answers already computed (a second store or token set over the same data).
    public init(answers: DataAnswers, store: any EnquiryStore, tokens: AccessTokens?, corsOrigin: String? = nil, web: WebSettings) {
        workspace = answers.workspace
        self.answers = answers
        self.store = store
        self.tokens = tokens
        self.corsOrigin = corsOrigin
        self.web = web
    }
}

/// Answers that depend only on the data (the site layer, the catalogue), encoded once at start so
/// every request serves the same bytes.
public struct DataAnswers: Sendable {
    public let workspace: Workspace
    /// The export's site layer (RFC 7946, every archetype's score, the best archetype, stability).
    let sitesLayer: String
    /// Each site's feature from that layer, by id.
    let siteFeatures: [String: String]
    let archetypes: String
    let archetypesReport: ArchetypesReport
    /// The basemap context (zones, modelled road links) as RFC 7946 GeoJSON.
    let contextLayer: String
    /// The catalogue scorings' stability and winner change, so an enquiry costs only its checks.
    let enquiryMemo: EnquiryScoringMemo

    public init(workspace: Workspace) throws {
        self.workspace = workspace
        enquiryMemo = try workspace.enquiryScoringMemo()
        // The memo's stabilities serve the site layer too: each archetype's draws run once at start.
        let layers = try workspace.exportLayers(output: "sites.geojson", version: SiteMatchRelease.version, memo: enquiryMemo)
        let collection = layers.layers[0].collection
        let context = GEOSContext()
        sitesLayer = try GeoJSONWriter.encode(collection, context: context)
        var features: [String: String] = [:]
        for (index, feature) in collection.features.enumerated() {
            guard let id = feature.properties["id"]?.stringValue else { continue }
            features[id] = try GeoJSONWriter.encodeFeature(at: index, of: collection, context: context)
        }
        siteFeatures = features
        archetypesReport = workspace.archetypesReport()
        archetypes = try APIRoutes.compactJSON(archetypesReport)
        contextLayer = try GeoJSONWriter.encode(try workspace.contextLayer(), context: context)
    }
}
