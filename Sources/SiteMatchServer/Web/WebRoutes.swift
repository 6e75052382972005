import Crypto
import Foundation
import Hummingbird
import SiteMatchApp
import SiteMatchData
import SiteMatchReports

/// The web page, the site pages, the reports and sign-in: HTML over the same use cases as the API.
enum WebRoutes {
    static func add(to router: Router<BasicRequestContext>, state: ServerState) {
        let workspace = state.workspace
        let web = state.web

        router.get("/") { request, _ in
            page(state, request, title: "Investor enquiry", scripts: ["enquiry.js"], usesMap: true) {
                WebPages.enquiry(archetypes: state.answers.archetypesReport, enquiryID: nil)
            }
        }
        router.get("/enquiries/{id}") { request, context in
            let id = try context.parameters.require("id")
            return page(state, request, title: "Logged enquiry", scripts: ["enquiry.js"], usesMap: true) {
                WebPages.enquiry(archetypes: state.answers.archetypesReport, enquiryID: id)
            }
        }
        router.get("/sites/{id}") { request, context in
            let id = try context.parameters.require("id")
            let archetype = request.uri.queryParameters.get("archetype").flatMap { $0.isEmpty ? nil : $0 }
            return page(state, request, title: (try? workspace.site(id).name) ?? "Site", scripts: ["site.js"], usesMap: true) {
                WebPages.site(try workspace.siteReport(site: id, archetype: archetype, memo: state.answers.enquiryMemo))
            }
        }
        router.get("/sites/{id}/report") { request, context in
            let id = try context.parameters.require("id")
            let archetype = request.uri.queryParameters.get("archetype").flatMap { $0.isEmpty ? nil : $0 }
            return try report(SiteReportHTML.document(workspace.siteReport(site: id, archetype: archetype, memo: state.answers.enquiryMemo)))
        }
        router.get("/enquiries/{id}/report") { request, context in
            _ = try APIRoutes.authorise(request, state: state, reading: true)
            let logged = try await EnquiryLogReader.show(try context.parameters.require("id"), store: state.store)
            let answer = try logged.answer()
            return report(EnquiryReportHTML.document(workspace.enquiryReport(answer)))
        }
        router.get("/api/context") { _, _ in APIRoutes.geojson(state.answers.contextLayer) }

        router.get("/static/{name}") { _, context in
            let name = try context.parameters.require("name")
            guard let file = WebAssets.files[name] else { throw RequestError(status: .notFound, kind: "not_found", message: "no static file '\(name)'") }
            return Response(status: .ok, headers: [.contentType: file.contentType, .cacheControl: "no-cache"], body: .init(byteBuffer: ByteBuffer(bytes: file.bytes)))
        }
        for name in WebSettings.leafletFiles {
            router.get(RouterPath("/vendor/leaflet/" + name)) { _, _ in
                guard let bytes = web.leaflet?[name] else {
                    throw RequestError(status: .notFound, kind: "not_found",
                                       message: "Leaflet is not installed at \(web.leafletDirectory): install Debian's libjs-leaflet (sudo apt-get install libjs-leaflet) and restart the server")
                }
                let type = name.hasSuffix(".js") ? "text/javascript; charset=utf-8" : name.hasSuffix(".css") ? "text/css; charset=utf-8" : "image/png"
                return Response(status: .ok, headers: [.contentType: type, .cacheControl: "public, max-age=86400"], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
            }
        }

        router.get("/signin") { request, _ in
            page(state, request, title: "Sign in", scripts: [], usesMap: false) {
                guard state.tokens != nil else { throw SiteMatchError.usage("this server has no access tokens, so there is nothing to sign in to; enquiries are logged as anonymous") }
                return WebPages.signIn(message: nil)
            }
        }
        router.post("/signin") { request, _ in
            guard let tokens = state.tokens else { throw SiteMatchError.usage("this server has no access tokens, so there is nothing to sign in to") }
            try APIRoutes.checkSameOrigin(request)
            let form = try await APIRoutes.body(request)
            var components = URLComponents()
            components.percentEncodedQuery = form.replacingOccurrences(of: "+", with: "%20")
            let token = components.queryItems?.first { $0.name == "token" }?.value?.trimmingCharacters(in: .whitespaces) ?? ""
            guard let name = tokens.name(of: token) else {
                var response = page(state, request, title: "Sign in", scripts: [], usesMap: false) {
                    WebPages.signIn(message: token.isEmpty ? "Paste your access token." : "That token is not known to this server; check it, or ask your administrator for one.")
                }
                response.status = .unauthorized
                return response
            }
            return Response(status: .seeOther, headers: [.location: "/", .setCookie: SessionCookies.header(web.cookies.value(for: name), secure: web.secureCookies)])
        }
        router.post("/signout") { request, _ in
            try APIRoutes.checkSameOrigin(request)
            return Response(status: .seeOther, headers: [.location: "/", .setCookie: SessionCookies.header(nil, secure: web.secureCookies)])
        }
    }

    /// A page in the layout; an error becomes an HTML page with the error's status and message.
    static func page(_ state: ServerState, _ request: Request, title: String, scripts: [String], usesMap: Bool, _ main: () throws -> String) -> Response {
        let signedIn = APIRoutes.cookieName(request, state: state)
        do {
            return html(WebPages.layout(title: title, web: state.web, signedIn: signedIn, tokensConfigured: state.tokens != nil,
                                        main: try main(), scripts: scripts, usesMap: usesMap))
        } catch {
            let classified = SiteMatchError.classify(error)
            let status = classified.httpStatus == 500 ? 500 : classified.httpStatus
            let message = status == 500 ? "internal error (a bug in SiteMatch); please report it" : classified.description
            var response = html(WebPages.layout(title: "Error", web: state.web, signedIn: signedIn, tokensConfigured: state.tokens != nil,
                                                main: WebPages.error(status: status, message: message), scripts: [], usesMap: false))
            response.status = .init(code: status)
            return response
        }
    }

    static func html(_ text: String) -> Response {
        Response(status: .ok, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// A self-contained report: its one inline style block is allowed by hash, nothing else.
    static func report(_ text: String) -> Response {
        var response = html(text)
        response.headers[.contentSecurityPolicy] = "default-src 'none'; style-src '\(reportStyleHash)'; img-src 'self' data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
        return response
    }

    /// The CSP hash of a report's `<style>` block.
    static let reportStyleHash: String = {
        "sha256-" + Data(SHA256.hash(data: Data(ReportStyle.stylesheet.utf8))).base64EncodedString()
    }()
}

/// Security headers on every response: the Content-Security-Policy (unless a route set a stricter
/// one), no MIME sniffing, no framing, no referrer to other sites.
struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
    let policy: String

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        if response.headers[.contentSecurityPolicy] == nil { response.headers[.contentSecurityPolicy] = policy }
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        return response
    }
}
