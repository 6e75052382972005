import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import SiteMatchApp
import SiteMatchData
import SiteMatchStore
@testable import SiteMatchServer

/// Every endpoint and every error status, in process. Expected values come from the shipped layer
/// files read directly (``ServerFixture/siteFile``) or are worked by hand from the documented rules.
@Suite(.serialized) struct RouterTests {
    @Test func healthAndTheDataVersion() async throws {
        try await ServerFixture.withRouter { client, _ in
            try await client.execute(uri: "/healthz", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.object["status"] as? String == "ok")
                let version = try #require(r.object["data_version"] as? String)
                #expect(version.hasPrefix("sitematch \(SiteMatchRelease.version); data sha256:"))
                #expect(version.count == "sitematch \(SiteMatchRelease.version); data sha256:".count + 64)
            }
        }
    }

    @Test func theSiteLayerHasEverySiteOfTheFileWithItsAttributes() async throws {
        try await ServerFixture.withRouter { client, _ in
            try await client.execute(uri: "/api/sites", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentType] == "application/geo+json; charset=utf-8")
                #expect(r.object["type"] as? String == "FeatureCollection")
                let features = try #require(r.object["features"] as? [[String: Any]])
                let properties = features.map { $0["properties"] as! [String: Any] }
                #expect(properties.map { $0["id"] as! String } == ServerFixture.siteFile.map { $0["id"] as! String })
                for (served, file) in zip(properties, ServerFixture.siteFile) {
                    #expect(served["name"] as? String == file["name"] as? String)
                    #expect(served["location_type"] as? String == file["location_type"] as? String)
                    // A best archetype and a score for each of the 17 archetypes.
                    #expect(served["best_archetype"] is String)
                    #expect(served.keys.filter { $0.hasPrefix("score_") }.count == 17)
                }
            }
            try await client.execute(uri: "/api/export/sites.geojson", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.contentDisposition] == "attachment; filename=\"sites.geojson\"")
            }
        }
    }

    @Test func oneSiteIsItsFeatureAndAnUnknownOneNamesTheNearest() async throws {
        try await ServerFixture.withRouter { client, _ in
            try await client.execute(uri: "/api/sites/kusip", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.object["type"] as? String == "Feature")
                let p = try #require(r.object["properties"] as? [String: Any])
                let file = ServerFixture.siteFile.first { $0["id"] as? String == "kusip" }!
                #expect(p["name"] as? String == file["name"] as? String)
                #expect(p["area_ha"] as? Double == file["area_ha"] as? Double)
            }
            try await client.execute(uri: "/api/sites/kusipp", method: .get) { r in
                #expect(r.status == .notFound)
                #expect(r.errorDetail["kind"] as? String == "not_found")
                #expect((r.errorDetail["nearest"] as? [String])?.first == "kusip")
                #expect(r.errorDetail["message"] as? String == "no site with id 'kusipp'; nearest matching ids: " + (r.errorDetail["nearest"] as! [String]).joined(separator: ", "))
                #expect(r.errorDetail["request_id"] as? String == r.headers[.init("X-Request-Id")!])
            }
        }
    }

    @Test func theArchetypesAreTheSeventeenOfTheCatalogueInOrder() async throws {
        let yaml = try String(contentsOfFile: GeoDataDirectory.shippedForTests + "/archetypes.yaml", encoding: .utf8)
        let ids = yaml.split(separator: "\n").compactMap { line -> String? in
            let t = line.trimmingCharacters(in: .whitespaces)
            return t.hasPrefix("- id: ") ? String(t.dropFirst(6)) : nil
        }
        try await ServerFixture.withRouter { client, _ in
            try await client.execute(uri: "/api/archetypes", method: .get) { r in
                #expect(r.status == .ok)
                let archetypes = try #require(r.object["archetypes"] as? [[String: Any]])
                #expect(archetypes.count == 17)
                #expect(archetypes.map { $0["id"] as! String } == ids)
                #expect((r.object["location_types"] as? [String: String])?.keys.sorted() == ["A", "B", "C", "D", "H"])
            }
        }
    }

    @Test func explainCatchmentIsochronesAndMatrixAnswerAndRefuseBadParameters() async throws {
        try await ServerFixture.withRouter { client, _ in
            try await client.execute(uri: "/api/sites/kusip/explain?archetype=materials_rd", method: .get) { r in
                #expect(r.status == .ok)
                #expect((r.object["site"] as? [String: Any])?["id"] as? String == "kusip")
                #expect((r.object["archetypes"] as? [[String: Any]])?.map { $0["archetype_id"] as? String } == ["materials_rd"])
            }
            try await client.execute(uri: "/api/sites/kusip/explain?archetype=materials", method: .get) { r in
                #expect(r.status == .notFound)
                #expect((r.errorDetail["nearest"] as? [String])?.contains("materials_rd") == true)
            }
            try await client.execute(uri: "/api/sites/kusip/catchment?minutes=30,45", method: .get) { r in
                #expect(r.status == .ok)
                let budgets = (r.object["catchments"] as? [[String: Any]])?.map { $0["minutes"] as! Double }
                #expect(budgets == [30, 45])
            }
            try await client.execute(uri: "/api/sites/kusip/catchment?minutes=30,abc", method: .get) { r in
                #expect(r.status == .badRequest)
                #expect(r.errorDetail["field"] as? String == "minutes")
            }
            try await client.execute(uri: "/api/sites/kusip/catchment?minutes=0", method: .get) { r in
                #expect(r.status == .badRequest)
                #expect(r.errorDetail["field"] as? String == "minutes")
            }
            try await client.execute(uri: "/api/sites/smithfield_hanley/isochrones?minutes=15,30", method: .get) { r in
                #expect(r.status == .ok)
                let features = try #require(r.object["features"] as? [[String: Any]])
                #expect(features.map { ($0["properties"] as! [String: Any])["minutes"] as! Double } == [15, 30])
            }
            try await client.execute(uri: "/api/matrix?threshold=101", method: .get) { r in
                #expect(r.status == .badRequest)
                #expect(r.errorDetail["field"] as? String == "threshold")
            }
            try await client.execute(uri: "/api/matrix", method: .get) { r in
                #expect(r.status == .ok)
            }
            try await client.execute(uri: "/api/nothing-here", method: .get) { r in
                #expect(r.status == .notFound)
                #expect(r.errorDetail["message"] as? String == "no such endpoint; see /openapi.yaml for the API")
            }
        }
    }

    /// Worked from the rule in the enquiry document's definition: a site meets min_area_ha when its
    /// available area (else its site area) is at least that; location_types keeps only those letters.
    @Test func anEnquiryIsAnsweredLoggedAndReadBackExactly() async throws {
        let (token, tokens) = try AccessTokens().adding(name: "alice")
        let expected = Set(ServerFixture.siteFile.filter { p in
            guard p["location_type"] as? String == "D" else { return false }
            let area = (p["available_area_ha"] as? Double) ?? (p["area_ha"] as? Double)
            return (area ?? -1) >= 20
        }.map { $0["id"] as! String })
        #expect(!expected.isEmpty)
        let request = #"{"name": "big shed", "requirements": {"min_area_ha": 20, "location_types": ["D"]}}"#
        try await ServerFixture.withRouter(tokens: tokens) { client, store in
            let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
            let posted = try await client.execute(uri: "/api/enquiries", method: .post, headers: auth, body: jsonBody(request)) { r in
                #expect(r.status == .created)
                let matches = try #require(r.object["matches"] as? [[String: Any]])
                #expect(Set(matches.map { $0["site_id"] as! String }) == expected)
                let log = try #require(r.object["log"] as? [String: Any])
                #expect(log["who"] as? String == "alice")
                #expect(r.headers[.location] == "/api/enquiries/\(log["id"] as! String)")
                return (log["id"] as! String, r.text)
            }
            // The row was committed before the answer.
            #expect(try await store.page(limit: 5, offset: 0).total == 1)
            try await client.execute(uri: "/api/enquiries/\(posted.0)", method: .get, headers: auth) { r in
                #expect(r.status == .ok)
                #expect(r.object["who"] as? String == "alice")
                #expect(r.object["name"] as? String == "big shed")
                #expect(r.object["matches"] as? Int == expected.count)
                let requestBack = try JSONSerialization.jsonObject(with: Data(request.utf8)) as! NSDictionary
                #expect((r.object["request"] as? NSDictionary) == requestBack)
                let responseBack = try JSONSerialization.jsonObject(with: Data(posted.1.utf8)) as! NSDictionary
                #expect((r.object["response"] as? NSDictionary) == responseBack)
            }
            try await client.execute(uri: "/api/enquiries?limit=10", method: .get, headers: auth) { r in
                #expect(r.status == .ok)
                #expect(r.object["total"] as? Int == 1)
                #expect(((r.object["items"] as? [[String: Any]])?.first?["id"] as? String) == posted.0)
            }
        }
    }

    @Test func badEnquiryBodiesAreRefusedNamingTheField() async throws {
        try await ServerFixture.withRouter { client, store in
            let h: HTTPFields = [.contentType: "application/json"]
            func post(_ body: String) async throws -> (HTTPResponse.Status, [String: Any]) {
                try await client.execute(uri: "/api/enquiries", method: .post, headers: h, body: jsonBody(body)) { ($0.status, $0.errorDetail) }
            }
            var (status, error) = try await post(#"{"requirements": {"min_aera_ha": 5}}"#)
            #expect(status == .badRequest)
            #expect(error["field"] as? String == "requirements.min_aera_ha")
            #expect((error["message"] as? String)?.hasPrefix("unknown requirement; expected one of available_now, exclude_location_types") == true)
            (status, error) = try await post(#"{"requirements": {"min_area_ha": "five"}}"#)
            #expect(status == .badRequest)
            #expect(error["field"] as? String == "requirements.min_area_ha")
            #expect(error["message"] as? String == "expected a number")
            (status, error) = try await post(#"{"requirements": {"min_area_ha": -1}}"#)
            #expect(status == .badRequest)
            #expect(error["field"] as? String == "requirements.min_area_ha")
            (status, error) = try await post(#"{"name": "x", "#)
            #expect(status == .badRequest)
            #expect((error["message"] as? String)?.hasPrefix("not valid JSON") == true, "\(error)")
            (status, error) = try await post("")
            #expect(status == .badRequest)
            (status, error) = try await post(#"{"archetype": "scale_up"}"#)
            #expect(status == .notFound)
            #expect((error["nearest"] as? [String])?.contains("scale_up_manufacturing") == true)
            (status, error) = try await post(#"{"weights": {"no_such_driver": 1}}"#)
            #expect(status == .unprocessableContent)
            (status, error) = try await post("{\"notes\": \"" + String(repeating: "x", count: 70 * 1024) + "\"}")
            #expect(status == .contentTooLarge)
            #expect(error["kind"] as? String == "too_large")
            // Nothing refused was logged.
            #expect(try await store.page(limit: 5, offset: 0).total == 0)
        }
    }

    @Test func whoMayDoWhat() async throws {
        // Without tokens: POST logs "anonymous"; reading the log is forbidden.
        try await ServerFixture.withRouter { client, store in
            try await client.execute(uri: "/api/enquiries", method: .post, body: jsonBody(#"{"archetype": "materials_rd"}"#)) { r in
                #expect(r.status == .created)
                #expect((r.object["log"] as? [String: Any])?["who"] as? String == "anonymous")
            }
            try await client.execute(uri: "/api/enquiries", method: .get) { r in
                #expect(r.status == .forbidden)
                #expect((r.errorDetail["message"] as? String)?.contains("--tokens FILE") == true)
            }
            #expect(try await store.all().map(\.who) == ["anonymous"])
        }
        // With tokens: every log call needs a known bearer token.
        let (token, tokens) = try AccessTokens().adding(name: "bob")
        try await ServerFixture.withRouter(tokens: tokens) { client, store in
            for headers: HTTPFields in [[:], [.authorization: "Bearer wrong"], [.authorization: "Basic \(token)"]] {
                try await client.execute(uri: "/api/enquiries", method: .post, headers: headers, body: jsonBody("{}")) { r in
                    #expect(r.status == .unauthorized)
                    #expect(r.headers[.wwwAuthenticate] == "Bearer realm=\"sitematch\"")
                }
                try await client.execute(uri: "/api/enquiries", method: .get, headers: headers) { r in #expect(r.status == .unauthorized) }
            }
            try await client.execute(uri: "/api/enquiries/not-a-uuid", method: .get, headers: [.authorization: "Bearer \(token)"]) { r in
                #expect(r.status == .badRequest)
            }
            try await client.execute(uri: "/api/enquiries/\(UUID().uuidString)", method: .get, headers: [.authorization: "Bearer \(token)"]) { r in
                #expect(r.status == .notFound)
            }
            try await client.execute(uri: "/api/enquiries?limit=0", method: .get, headers: [.authorization: "Bearer \(token)"]) { r in
                #expect(r.status == .badRequest)
                #expect(r.errorDetail["field"] as? String == "limit")
            }
            #expect(try await store.all().isEmpty)
        }
    }

    /// N concurrent POSTs give N rows, and bodies equal to N sequential ones apart from the log entry.
    @Test func concurrentEnquiriesEachGetARowAndTheSameAnswer() async throws {
        let bodies = [#"{"archetype": "scale_up_manufacturing", "requirements": {"min_area_ha": 5}}"#,
                      #"{"archetype": "software_data_cyber"}"#, #"{"requirements": {"location_types": ["A", "B"]}}"#]
        /// The body without its log entry, as canonical JSON text.
        @Sendable func withoutLog(_ text: String) -> String {
            var object = try! JSONSerialization.jsonObject(with: Data(text.utf8)) as! [String: Any]
            object["log"] = nil
            return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
        }
        try await ServerFixture.withRouter { client, store in
            var sequential: [String] = []
            for body in bodies {
                sequential.append(try await client.execute(uri: "/api/enquiries", method: .post, body: jsonBody(body)) { withoutLog($0.text) })
            }
            let concurrent = try await withThrowingTaskGroup(of: (Int, String).self) { group in
                for round in 0..<4 {
                    for (i, body) in bodies.enumerated() {
                        group.addTask {
                            (i, try await client.execute(uri: "/api/enquiries", method: .post, body: jsonBody(body)) { r in
                                #expect(r.status == .created)
                                _ = round
                                return withoutLog(r.text)
                            })
                        }
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(concurrent.count == 12)
            for (i, body) in concurrent { #expect(body == sequential[i]) }
            #expect(try await store.all().count == 15)
        }
    }

    @Test func metricsCountRequestsByRouteAndTheEnquiriesLogged() async throws {
        try await ServerFixture.withRouter { client, _ in
            try await client.execute(uri: "/api/enquiries", method: .post, body: jsonBody("{}")) { #expect($0.status == .created) }
            try await client.execute(uri: "/api/sites/no_such_site", method: .get) { #expect($0.status == .notFound) }
            try await client.execute(uri: "/metrics", method: .get) { r in
                // A refused request is counted with the status the client got, not as a 500.
                let notFound = r.text.split(separator: "\n").filter { $0.hasPrefix("hb_requests{") && $0.contains("http_route=\"/api/sites/{id}\"") }
                #expect(notFound.contains { $0.contains("http_response_status_code=\"404\"") }, "\(notFound)")
                #expect(!notFound.contains { $0.contains("http_response_status_code=\"500\"") })
                #expect(r.status == .ok)
                #expect(r.text.contains("sitematch_enquiries_logged_total"))
                #expect(r.text.contains("hb_requests{"))
                #expect(r.text.contains("http_route=\"/api/enquiries\""))
                #expect(r.text.contains("http_server_request_duration_bucket"))
            }
        }
    }

    @Test func theOpenAPIDocumentAndEverySchemaItReferencesAreServed() async throws {
        try await ServerFixture.withRouter { client, _ in
            let document = try await client.execute(uri: "/openapi.yaml", method: .get) { r in
                #expect(r.status == .ok)
                return r.text
            }
            #expect(document.hasPrefix("openapi: 3.1.0"))
            let refs = Set(document.split(separator: "\n").compactMap { line -> String? in
                guard let range = line.range(of: "$ref: 'schema/") else { return nil }
                return String(line[range.upperBound...].prefix { $0 != "'" && $0 != "#" })
            })
            #expect(refs.count >= 8)
            for name in refs {
                try await client.execute(uri: "/schema/\(name)", method: .get) { r in
                    #expect(r.status == .ok, "schema/\(name)")
                    #expect(r.object["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
                }
            }
            try await client.execute(uri: "/schema/..%2FPackage.swift", method: .get) { r in #expect(r.status == .notFound) }
        }
    }

    @Test func aLiveServerOnAFreePortAnswers() async throws {
        try await ServerFixture.withRouter(mode: .live) { client, _ in
            try await client.execute(uri: "/api/sites/kusip", method: .get) { r in
                #expect(r.status == .ok)
                #expect(r.headers[.init("X-Request-Id")!] != nil)
            }
        }
    }
}
