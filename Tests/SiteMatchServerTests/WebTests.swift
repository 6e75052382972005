import Crypto
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SiteMatchApp
import SiteMatchData
import SiteMatchStore
@testable import SiteMatchServer

/// The web page, site pages, reports and sign-in, in process. (A real browser drives them in
/// Tests/web/check_web.py.)
@Suite(.serialized) struct WebTests {
    static let policy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

    @Test func theEnquiryPageLabelsEveryInputAndAllowsOnlyItsOwnOrigin() async throws {
        try await ServerFixture.withRouter { client, _ in
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "text/html; charset=utf-8")
                #expect(r.headers[.contentSecurityPolicy] == Self.policy)
                #expect(r.headers[.xContentTypeOptions] == "nosniff")
                let html = r.text
                #expect(!html.contains("<script>") && !html.contains("style=\""), "no inline script or style")
                // Every text input and select has a label naming it; every checkbox sits in a label.
                for id in ["f-name", "f-archetype", "f-min_area_ha", "f-min_mva", "f-max_minutes_to_m6", "f-max_minutes_to_university", "f-max_minutes_to_hospital"] {
                    #expect(html.contains("<label for=\"\(id)\">"), "no label for \(id)")
                    #expect(html.contains("id=\"err-\(id.dropFirst(2))\""), "no error slot beside \(id)")
                }
                #expect(html.components(separatedBy: "<label><input type=\"checkbox\"").count - 1 == 2 * LayerSchema.locationTypes.count + 1)
                // Every archetype by name with its Framework section.
                for a in ServerFixture.workspace.catalogue.archetypes {
                    #expect(html.contains("<option value=\"\(a.id)\">"))
                }
            }
        }
    }

    @Test func aSitePageShowsTheRankingTheBarsAndTheRunRecord() async throws {
        try await ServerFixture.withRouter { client, _ in
            try await client.execute(uri: "/sites/kusip?archetype=scale_up_manufacturing", method: .get) { r in
                #expect(r.status == .ok)
                let explained = try ServerFixture.workspace.explain(site: "kusip", archetype: "scale_up_manufacturing")
                for driver in explained.archetypes[0].drivers {
                    #expect(r.text.contains("data-driver=\"\(driver.driverId)\" data-value=\"\(driver.value)\""))
                }
                #expect(r.text.contains("href=\"/sites/kusip?archetype=materials_rd#breakdown\""))
                #expect(r.text.contains("Run record"))
            }
            try await client.execute(uri: "/sites/kusipp", method: .get) { r in
                #expect(r.status == .notFound)
                #expect(r.headers[.contentType] == "text/html; charset=utf-8")
                #expect(r.text.contains("kusip"), "names the nearest id")
            }
            try await client.execute(uri: "/sites/kusip?archetype=nope", method: .get) { r in
                #expect(r.status == .notFound)
            }
        }
    }

    /// The report's one inline style block is allowed by its SHA-256, computed here from the body.
    @Test func aReportIsSelfContainedAndItsStyleIsAllowedByHash() async throws {
        try await ServerFixture.withRouter { client, _ in
            try await client.execute(uri: "/sites/kusip/report", method: .get) { r in
                #expect(r.status == .ok)
                let html = r.text
                let style = try #require(html.components(separatedBy: "<style>").dropFirst().first?.components(separatedBy: "</style>").first)
                let hash = "sha256-" + Data(SHA256.hash(data: Data(style.utf8))).base64EncodedString()
                #expect(r.headers[.contentSecurityPolicy]?.contains("style-src '\(hash)'") == true)
                #expect(r.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
                #expect(!html.contains("<script") && !html.contains("<link"))
            }
        }
    }

    @Test func signingInExchangesATokenForAStrictCookie() async throws {
        let (token, tokens) = try AccessTokens().adding(name: "carol")
        try await ServerFixture.withRouter(tokens: tokens) { client, _ in
            var cookie = ""
            let form = "token=" + token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            try await client.execute(uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: form)) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.location] == "/")
                let set = try #require(r.headers[.setCookie])
                #expect(set.contains("HttpOnly") && set.contains("SameSite=Strict") && set.contains("Path=/"))
                #expect(!set.contains(token), "the cookie is not the token")
                cookie = String(set.prefix { $0 != ";" })
            }
            try await client.execute(uri: "/api/enquiries", method: .get, headers: [.cookie: cookie]) { r in
                #expect(r.status == .ok)
            }
            try await client.execute(uri: "/", method: .get, headers: [.cookie: cookie]) { r in
                #expect(r.text.contains("Signed in as carol"))
            }
            // The cookie's name is logged as who asked.
            try await client.execute(uri: "/api/enquiries", method: .post, headers: [.cookie: cookie, .contentType: "application/json"], body: jsonBody("{\"archetype\": \"materials_rd\"}")) { r in
                #expect(r.status == .created)
                #expect((r.object["log"] as? [String: Any])?["who"] as? String == "carol")
            }
            // A forged cookie, or a page on another origin posting with the cookie, is refused.
            let forged = cookie.dropLast(2) + (cookie.hasSuffix("AA") ? "BB" : "AA")
            try await client.execute(uri: "/api/enquiries", method: .get, headers: [.cookie: String(forged)]) { r in
                #expect(r.status == .unauthorized)
            }
            try await client.execute(uri: "/api/enquiries", method: .post, headers: [.cookie: cookie, .origin: "https://evil.example", .contentType: "application/json"],
                                     body: jsonBody("{}")) { r in
                #expect(r.status == .forbidden)
            }
            try await client.execute(uri: "/signin", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"], body: ByteBuffer(string: "token=smt_wrong")) { r in
                #expect(r.status == .unauthorized)
                #expect(r.headers[.setCookie] == nil)
                #expect(r.text.contains("not known to this server"))
            }
            try await client.execute(uri: "/signout", method: .post) { r in
                #expect(r.status == .seeOther)
                #expect(r.headers[.setCookie]?.hasPrefix("sitematch_session=; Max-Age=0") == true)
            }
        }
    }

    @Test func aLoggedEnquirysReportIsTheAnswerAsLogged() async throws {
        let (token, tokens) = try AccessTokens().adding(name: "dan")
        try await ServerFixture.withRouter(tokens: tokens) { client, _ in
            var id = ""
            try await client.execute(uri: "/api/enquiries", method: .post, headers: [.authorization: "Bearer \(token)"],
                                     body: jsonBody("{\"name\": \"<b>bold</b> plans\", \"weights\": {\"floorplate\": 2, \"logistics\": 1}, \"requirements\": {\"min_area_ha\": 20}}")) { r in
                #expect(r.status == .created)
                id = try #require((r.object["log"] as? [String: Any])?["id"] as? String)
            }
            try await client.execute(uri: "/enquiries/\(id)/report", method: .get, headers: [.authorization: "Bearer \(token)"]) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("<h1>&lt;b&gt;bold&lt;/b&gt; plans</h1>"))
                #expect(r.text.contains("logged as <code>\(id)</code>"))
                #expect(r.text.contains("floorplate 2.00, logistics 1.00"))
            }
            try await client.execute(uri: "/enquiries/\(id)/report", method: .get) { r in
                #expect(r.status == .unauthorized)
            }
        }
    }

    @Test func leafletIsServedFromItsDirectoryOrThePageSaysHowToInstallIt() async throws {
        let missing = try WebSettings(leafletDirectory: "/nonexistent/leaflet")
        #expect(missing.leaflet == nil)
        try await ServerFixture.withRouter(web: missing) { client, _ in
            try await client.execute(uri: "/vendor/leaflet/leaflet.js", method: .get) { r in
                #expect(r.status == .notFound)
                #expect((r.errorDetail["message"] as? String)?.contains("apt-get install libjs-leaflet") == true)
            }
            try await client.execute(uri: "/", method: .get) { r in
                #expect(r.text.contains("data-leaflet=\"missing\""))
                #expect(!r.text.contains("/vendor/leaflet/leaflet.js"))
            }
        }
        // A directory holding the two files Leaflet needs is served byte for byte.
        let folder = NSTemporaryDirectory() + "sitematch-leaflet-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try "window.L = {};".write(toFile: folder + "/leaflet.js", atomically: true, encoding: .utf8)
        try ".leaflet-container {}".write(toFile: folder + "/leaflet.css", atomically: true, encoding: .utf8)
        try await ServerFixture.withRouter(web: try WebSettings(leafletDirectory: folder)) { client, _ in
            try await client.execute(uri: "/vendor/leaflet/leaflet.js", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text == "window.L = {};")
                #expect(r.headers[.contentType] == "text/javascript; charset=utf-8")
            }
            try await client.execute(uri: "/vendor/leaflet/images/layers.png", method: .get) { r in
                #expect(r.status == .notFound)
            }
            try await client.execute(uri: "/static/enquiry.js", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.text.contains("/api/enquiries"))
            }
            try await client.execute(uri: "/static/../Package.swift", method: .get) { r in
                #expect(r.status == .notFound)
            }
        }
    }

    @Test func aTileURLIsCheckedAndItsOriginAllowedForImagesOnly() throws {
        let web = try WebSettings(tiles: "https://tiles.example.org:8443/{z}/{x}/{y}.png")
        #expect(web.contentSecurityPolicy.contains("img-src 'self' data: https://tiles.example.org:8443;"))
        #expect(web.contentSecurityPolicy.contains("connect-src 'self';"))
        for bad in ["ftp://tiles.example.org/{z}/{x}/{y}.png", "https://tiles.example.org/tiles.png", "not a url {z}{x}{y}"] {
            #expect(throws: SiteMatchError.self) { try WebSettings(tiles: bad) }
        }
    }

    @Test func aSessionCookieIsSignedAndExpires() {
        let cookies = SessionCookies(keyBytes: Array(repeating: 7, count: 32))
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let value = cookies.value(for: "erin", now: now)
        #expect(cookies.tokenName(from: value, now: now) == "erin")
        #expect(cookies.tokenName(from: value, now: now.addingTimeInterval(SessionCookies.lifetime + 1)) == nil)
        #expect(SessionCookies(keyBytes: Array(repeating: 8, count: 32)).tokenName(from: value, now: now) == nil, "another server's key")
        #expect(cookies.tokenName(from: "e30.AAAA", now: now) == nil)
        #expect(cookies.tokenName(from: "", now: now) == nil)
        #expect(SessionCookies.value(inCookieHeader: "a=1; sitematch_session=abc.def; b=2") == "abc.def")
    }
}
