import Foundation
import Hummingbird
import Logging
import Metrics
import SiteMatchApp
import SiteMatchData
import SiteMatchGeometry
import SiteMatchStore

/// The JSON API: each route translates the request into a use case call and its report into a
/// response. Bodies are exactly the app layer's Codable reports (``ReportJSON``), so the CLI's
/// `--format json` and the API give the same value. The OpenAPI document (`/openapi.yaml`)
/// describes every route, parameter, body and error here.
public enum APIRoutes {
    /// Request bodies over this are refused with 413.
    public static let maximumBodyBytes = 64 * 1024
    /// A request body must arrive within this.
    static let bodyDeadline: Duration = .seconds(30)

    /// The router for `state`, with error translation, metrics and (with `corsOrigin`) CORS.
    public static func router(state: ServerState) -> Router<BasicRequestContext> {
        _ = ServerMetrics.shared  // bootstrap before the metrics middleware makes its first metric
        let router = Router(context: BasicRequestContext.self)
        // Metrics outermost, so they count the status the client gets (errors already translated to
        // their 4xx/5xx responses by ErrorMiddleware, not a thrown error counted as 500).
        router.add(middleware: MetricsMiddleware())
        router.add(middleware: SecurityHeadersMiddleware(policy: state.web.contentSecurityPolicy))
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: ErrorMiddleware())
        if let origin = state.corsOrigin {
            router.add(middleware: CORSMiddleware(allowOrigin: .custom(origin), allowHeaders: [.authorization, .contentType],
                                                  allowMethods: [.get, .post, .options]))
        }
        let workspace = state.workspace

        router.get("/healthz") { _, _ in
            json("{\"status\":\"ok\",\"data_version\":\(quoted(workspace.dataVersion))}\n")
        }
        router.get("/metrics") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(string: ServerMetrics.shared.text())))
        }
        router.get("/openapi.yaml") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/yaml; charset=utf-8"],
                     body: .init(byteBuffer: ByteBuffer(bytes: PackageResources.openapi_yaml)))
        }
        router.get("/schema/{name}") { _, context in
            let name = try context.parameters.require("name")
            guard let bytes = EmbeddedSchemas.byName[name] else {
                throw RequestError(status: .notFound, kind: "not_found", message: "no schema named '\(name)'; the schemas are listed in /openapi.yaml")
            }
            return Response(status: .ok, headers: [.contentType: "application/schema+json"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
        }

        router.get("/api/archetypes") { _, _ in json(state.answers.archetypes) }
        router.get("/api/sites") { _, _ in geojson(state.answers.sitesLayer) }
        router.get("/api/export/sites.geojson") { _, _ in
            var response = geojson(state.answers.sitesLayer)
            response.headers[.contentDisposition] = "attachment; filename=\"sites.geojson\""
            return response
        }
        router.get("/api/sites/{id}") { _, context in
            let id = try context.parameters.require("id")
            guard let feature = state.answers.siteFeatures[id] else { _ = try workspace.site(id); throw SiteMatchError.internal("site \(id) has no feature") }
            return geojson(feature)
        }
        router.get("/api/sites/{id}/explain") { request, context in
            let id = try context.parameters.require("id")
            let archetype = request.uri.queryParameters.get("archetype").flatMap { $0.isEmpty ? nil : $0 }
            return json(try compactJSON(try workspace.explain(site: id, archetype: archetype, memo: state.answers.enquiryMemo)))
        }
        router.get("/api/sites/{id}/catchment") { request, context in
            let id = try context.parameters.require("id")
            let minutes = try budgets(request, default: [30, 45])
            return json(try compactJSON(try workspace.catchment(site: id, minutes: minutes)))
        }
        router.get("/api/sites/{id}/isochrones") { request, context in
            let id = try context.parameters.require("id")
            let minutes = try budgets(request, default: [15, 30, 45])
            _ = try workspace.site(id)
            return geojson(try GeoJSONText.encode(try workspace.isochrones(site: id, minutes: minutes)))
        }
        router.get("/api/matrix") { request, _ in
            let threshold = try number(request, "threshold", default: 65, in: Limits.threshold)
            return json(try compactJSON(try workspace.matrix(threshold: threshold)))
        }

        WebRoutes.add(to: router, state: state)

        router.post("/api/enquiries") { request, context in
            let who = try authorise(request, state: state, reading: false)
            let text = try await body(request)
            var enquiry = try decodeEnquiry(text)
            if enquiry.name.isEmpty { enquiry.name = "unnamed enquiry" }
            let submitted = try await workspace.submit(enquiry, requestText: text, who: who, store: state.store, memo: state.answers.enquiryMemo, layout: .compact)
            ServerMetrics.shared.enquiriesLogged.increment()
            context.logger.info("enquiry logged", metadata: ["enquiry_id": .string(submitted.report.log!.id), "who": .string(who)])
            var response = json(submitted.body, status: .created)
            response.headers[.location] = "/api/enquiries/\(submitted.report.log!.id)"
            return response
        }
        router.get("/api/enquiries") { request, _ in
            _ = try authorise(request, state: state, reading: true)
            let limit = Int(try number(request, "limit", default: 50, in: NumberRange(1, Double(SQLiteEnquiryStore.maximumPageSize)), integer: true))
            let offset = Int(try number(request, "offset", default: 0, in: NumberRange(0, 1_000_000_000), integer: true))
            return json(try compactJSON(try await EnquiryLogReader.list(limit: limit, offset: offset, store: state.store)))
        }
        router.get("/api/enquiries/{id}") { request, context in
            _ = try authorise(request, state: state, reading: true)
            let id = try context.parameters.require("id")
            return json(try compactJSON(try await EnquiryLogReader.show(id, store: state.store)))
        }
        return router
    }

    // MARK: - Translation helpers

    /// A report as the API's JSON: compact, like its GeoJSON (the CLI's `--format json` is the same
    /// value pretty-printed).
    static func compactJSON(_ report: some Encodable) throws -> String {
        try ReportJSON.text(report, layout: .compact)
    }

    static func json(_ text: String, status: HTTPResponse.Status = .ok) -> Response {
        Response(status: status, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func geojson(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "application/geo+json; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    static func quoted(_ text: String) -> String {
        String(decoding: (try? JSONEncoder().encode(text)) ?? Data("\"\"".utf8), as: UTF8.self)
    }

    /// The request body as UTF-8 text, at most ``maximumBodyBytes``, arriving within ``bodyDeadline``.
    static func body(_ request: Request) async throws -> String {
        let buffer = try await withThrowingTaskGroup(of: ByteBuffer?.self) { group in
            group.addTask { [request] in try await request.body.collect(upTo: maximumBodyBytes) }
            group.addTask {
                try await Task.sleep(for: bodyDeadline)
                return nil
            }
            defer { group.cancelAll() }
            guard let first = try await group.next(), let buffer = first else {
                throw RequestError(status: .requestTimeout, kind: "timeout", message: "the request body did not arrive within \(bodyDeadline.components.seconds) s")
            }
            return buffer
        }
        guard let text = String(validating: Array(buffer.readableBytesView), as: UTF8.self) else {
            throw RequestError(status: .badRequest, kind: "input", message: "the request body is not UTF-8 text; send the enquiry as JSON")
        }
        return text
    }

    /// The enquiry document from a JSON body, with the CLI's words for each field's problem.
    static func decodeEnquiry(_ text: String) throws -> Enquiry {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RequestError(status: .badRequest, kind: "input", message: "the request body is empty; send an enquiry document as JSON, e.g. {\"archetype\": \"scale_up_manufacturing\", \"requirements\": {\"min_area_ha\": 5}}")
        }
        do {
            try JSONSyntax.check(Data(text.utf8), source: "request body")
            return try JSONDecoder().decode(Enquiry.self, from: Data(text.utf8))
        } catch let problem as InputProblem {
            throw RequestError(status: .badRequest, kind: "input", message: "not valid JSON: " + problem.description, field: problem.field)
        } catch let error as DecodingError {
            throw RequestError.body(DecodingProblem.error(error, file: "request body", format: "JSON"))
        }
    }

    /// Who is asking: the token's name (from `Authorization: Bearer` or the web page's sign-in
    /// cookie), or "anonymous" where no tokens are configured and the call only writes to the log.
    /// Reading the log needs tokens configured (403 otherwise) and a valid token (401 otherwise).
    static func authorise(_ request: Request, state: ServerState, reading: Bool) throws -> String {
        guard let tokens = state.tokens else {
            if reading {
                throw RequestError(status: .forbidden, kind: "forbidden",
                                   message: "the enquiry log can be read only where tokens are configured: start the server with --tokens FILE (add a token with `sitematch tokens add NAME --tokens FILE`)")
            }
            return "anonymous"
        }
        let challenge: HTTPFields = [.wwwAuthenticate: "Bearer realm=\"sitematch\""]
        guard let header = request.headers[.authorization] else {
            if let name = cookieName(request, state: state) {
                // A browser sends the cookie itself: refuse a write from a page on another origin.
                if request.method == .post { try checkSameOrigin(request) }
                return name
            }
            throw RequestError(status: .unauthorized, kind: "unauthorized", message: "this call needs a token: send Authorization: Bearer TOKEN, or sign in on the web page (/signin)", headers: challenge)
        }
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else {
            throw RequestError(status: .unauthorized, kind: "unauthorized", message: "the Authorization header must be 'Bearer TOKEN'", headers: challenge)
        }
        guard let name = tokens.name(of: String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            throw RequestError(status: .unauthorized, kind: "unauthorized", message: "the token is not known to this server; ask its administrator for one", headers: challenge)
        }
        return name
    }

    /// The token name of a valid sign-in cookie whose token is still configured, or nil.
    static func cookieName(_ request: Request, state: ServerState) -> String? {
        guard let tokens = state.tokens, let header = request.headers[.cookie],
              let value = SessionCookies.value(inCookieHeader: header),
              let name = state.web.cookies.tokenName(from: value), tokens.entries.contains(where: { $0.name == name }) else { return nil }
        return name
    }

    /// Refuses (403) a request whose `Origin` header names another origin than the `Host` it was sent to.
    static func checkSameOrigin(_ request: Request) throws {
        guard let origin = request.headers[.origin] else { return }
        let host = request.head.authority ?? ""
        guard let url = URL(string: origin), let originHost = url.host, "\(originHost)\(url.port.map { ":\($0)" } ?? "")" == host else {
            throw RequestError(status: .forbidden, kind: "forbidden", message: "a page on another origin (\(origin)) may not post to this server with its sign-in")
        }
    }

    /// A number query parameter within `range` (`integer`: a whole number), or `fallback` when absent.
    static func number(_ request: Request, _ name: String, default fallback: Double, in range: NumberRange, integer: Bool = false) throws -> Double {
        guard let text = request.uri.queryParameters.get(name) else { return fallback }
        guard let value = Double(text), value.isFinite else { throw RequestError.parameter(name, "must be a number, got '\(text)'") }
        if integer, value.rounded() != value { throw RequestError.parameter(name, "must be a whole number, got '\(text)'") }
        if let problem = range.problem(value) { throw RequestError.parameter(name, problem) }
        return value
    }

    /// `minutes=30,45`: budgets in minutes, each in (0, 600].
    static func budgets(_ request: Request, default fallback: [Double]) throws -> [Double] {
        guard let text = request.uri.queryParameters.get("minutes") else { return fallback }
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !parts.isEmpty, parts.count <= 12 else { throw RequestError.parameter("minutes", "must list 1 to 12 budgets, e.g. 30,45") }
        return try parts.map { part in
            guard let value = Double(part), value.isFinite else { throw RequestError.parameter("minutes", "must be numbers separated by commas, e.g. 30,45; got '\(text)'") }
            if let problem = Limits.budget.problem(value) { throw RequestError.parameter("minutes", problem) }
            return value
        }
    }
}

/// GeoJSON text of a feature collection, through the geometry layer's RFC 7946 writer.
enum GeoJSONText {
    static func encode(_ collection: SiteMatchGeometry.FeatureCollection) throws -> String {
        try GeoJSONWriter.encode(collection, context: GEOSContext())
    }
}
