import Foundation
import SiteMatchApp
import SiteMatchData
import SiteMatchReports

/// The server-rendered pages. No inline script or style (the Content-Security-Policy forbids
/// both): the scripts under /static/ read what they need from `data-` attributes and the API, and
/// build the DOM with `textContent`, so values from data or users are always text.
enum WebPages {
    /// The page shell: header navigation, the main content, the scripts.
    static func layout(title: String, web: WebSettings, signedIn: String?, tokensConfigured: Bool, main: String, scripts: [String], usesMap: Bool) -> String {
        var out = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        out += "<title>\(HTML.escape(title)) · SiteMatch</title><link rel=\"icon\" href=\"data:,\"><link rel=\"stylesheet\" href=\"/static/report.css\"><link rel=\"stylesheet\" href=\"/static/sitematch.css\">"
        if usesMap && web.leaflet != nil { out += "<link rel=\"stylesheet\" href=\"/vendor/leaflet/leaflet.css\">" }
        out += "</head><body data-tiles=\"\(HTML.escape(web.tiles ?? ""))\" data-leaflet=\"\(web.leaflet == nil ? "missing" : "present")\" data-leaflet-dir=\"\(HTML.escape(web.leafletDirectory))\">"
        out += "<a class=\"skip\" href=\"#main\">Skip to content</a><header class=\"site-header\"><nav aria-label=\"SiteMatch\"><a class=\"brand\" href=\"/\">SiteMatch</a>"
        out += "<a href=\"/\">Enquiry</a><a href=\"/api/export/sites.geojson\" download=\"sites.geojson\">Sites GeoJSON</a><a href=\"/openapi.yaml\">API</a>"
        if tokensConfigured {
            if let signedIn {
                out += "<form class=\"signout\" method=\"post\" action=\"/signout\"><span>Signed in as \(HTML.escape(signedIn))</span> <button type=\"submit\">Sign out</button></form>"
            } else {
                out += "<a href=\"/signin\">Sign in</a>"
            }
        }
        out += "</nav></header><main id=\"main\">\(main)</main>"
        out += "<footer class=\"page\">SiteMatch \(HTML.escape(SiteMatchRelease.version)). Every figure shows its grade: <em>official</em> (published by the body responsible), <em>secondary</em> (published by someone else), <em>estimated</em> (derived from placed positions), <em>modelled</em> (SiteMatch's models: drive times, catchments, scores) or <em>unknown</em> (no figure).</footer>"
        if usesMap && web.leaflet != nil { out += "<script src=\"/vendor/leaflet/leaflet.js\"></script>" }
        for script in ["sitematch.js"] + scripts { out += "<script src=\"/static/\(script)\"></script>" }
        return out + "</body></html>\n"
    }

    /// The enquiry form: every field of the enquiry document, labelled, with an error slot beside each.
    static func enquiry(archetypes: ArchetypesReport, enquiryID: String?) -> String {
        func field(_ key: String, _ label: String, _ hint: String, unit: String) -> String {
            "<div class=\"field\"><label for=\"f-\(key)\">\(HTML.escape(label))</label>"
                + "<div class=\"with-unit\"><input id=\"f-\(key)\" name=\"\(key)\" type=\"text\" inputmode=\"decimal\" autocomplete=\"off\" aria-describedby=\"hint-\(key) err-\(key)\"><span class=\"unit\">\(HTML.escape(unit))</span></div>"
                + "<p class=\"hint\" id=\"hint-\(key)\">\(HTML.escape(hint))</p><p class=\"field-error\" id=\"err-\(key)\" role=\"alert\"></p></div>"
        }
        func types(_ key: String, _ legend: String) -> String {
            var out = "<fieldset class=\"types\" id=\"f-\(key)\" aria-describedby=\"err-\(key)\"><legend>\(HTML.escape(legend))</legend>"
            for (letter, meaning) in LayerSchema.locationTypeMeanings.sorted(by: { $0.key < $1.key }) {
                out += "<label><input type=\"checkbox\" name=\"\(key)\" value=\"\(HTML.escape(letter))\"> <strong>\(HTML.escape(letter))</strong> \(HTML.escape(meaning))</label>"
            }
            return out + "<p class=\"field-error\" id=\"err-\(key)\" role=\"alert\"></p></fieldset>"
        }
        var out = "<h1>Investor enquiry</h1><p class=\"lede\">Type the investor's requirements. SiteMatch lists the sites that meet every one, ranked and explained, then the near misses and by how much. Each enquiry is logged.</p>"
        out += "<div class=\"enquiry-layout\"><form id=\"enquiry-form\" novalidate aria-describedby=\"form-status\"><h2>Requirements</h2>"
        out += "<div class=\"field\"><label for=\"f-name\">Enquiry name</label><input id=\"f-name\" name=\"name\" type=\"text\" maxlength=\"200\" value=\"Investor enquiry\" aria-describedby=\"err-name\"><p class=\"field-error\" id=\"err-name\" role=\"alert\"></p></div>"
        out += "<div class=\"field\"><label for=\"f-archetype\">Archetype</label><select id=\"f-archetype\" name=\"archetype\" aria-describedby=\"hint-archetype err-archetype\">"
        out += "<option value=\"\">None: weight every driver equally</option>"
        for a in archetypes.archetypes {
            out += "<option value=\"\(HTML.escape(a.id))\">\(HTML.escape(a.name)) (Framework \(HTML.escape(a.frameworkSection)))</option>"
        }
        out += "</select><p class=\"hint\" id=\"hint-archetype\">Scores by the archetype's drivers and the Framework's best- and least-fit location types.</p><p class=\"field-error\" id=\"err-archetype\" role=\"alert\"></p></div>"
        out += field("min_area_ha", "Minimum area", "Available area where published, else the site's area. Leave empty for no requirement.", unit: "ha")
        out += field("min_mva", "Minimum grid headroom", "Sites with no published headroom are listed as unknown, never as meeting it.", unit: "MVA")
        out += field("max_minutes_to_m6", "Maximum drive to the M6", "To the nearest M6 junction, modelled drive time.", unit: "min")
        out += field("max_minutes_to_university", "Maximum drive to a university", "Modelled drive time.", unit: "min")
        out += field("max_minutes_to_hospital", "Maximum drive to an acute hospital", "Modelled drive time.", unit: "min")
        out += types("location_types", "Allowed location types (none ticked: any)")
        out += types("exclude_location_types", "Excluded location types")
        out += "<div class=\"field check\"><label><input type=\"checkbox\" id=\"f-available_now\" name=\"available_now\"> Available now (the site's status is \"available\")</label><p class=\"field-error\" id=\"err-available_now\" role=\"alert\"></p></div>"
        out += "<button type=\"submit\" id=\"submit\">Find sites</button><p id=\"form-status\" role=\"status\" aria-live=\"polite\"></p></form>"
        out += mapSection(label: "Map of the portfolio's sites, coloured by score", extra: "") + "</div>"
        out += "<section id=\"results\" aria-labelledby=\"results-heading\"\(enquiryID.map { " data-enquiry-id=\"\(HTML.escape($0))\"" } ?? "")><h2 id=\"results-heading\">Results</h2><p id=\"results-empty\">Submit the form to see the shortlist.</p></section>"
        return out
    }

    static func mapSection(label: String, extra: String) -> String {
        "<section class=\"map-panel\" aria-labelledby=\"map-heading\"><h2 id=\"map-heading\">Map</h2>\(extra)"
            + "<div id=\"map\" role=\"region\" aria-label=\"\(HTML.escape(label))\" tabindex=\"0\"></div><div id=\"legend\" aria-live=\"polite\"></div><p id=\"map-status\" class=\"hint\"></p></section>"
    }

    /// The site page: the 17 archetypes ranked, the chosen archetype's bars and indicators, the
    /// catchment (the report's sections, with archetype links), and a map with isochrones on demand.
    static func site(_ doc: SiteReportDocument) -> String {
        let id = doc.site.id
        let path = "/sites/" + pathSegment(id)
        var out = "<h1>\(HTML.escape(doc.site.name))</h1>" + SiteReportHTML.lede(doc)
        out += "<p class=\"actions\"><a href=\"\(path)/report?archetype=\(pathSegment(doc.chosen.archetypeId))\">Report to send (HTML)</a>"
        out += "<a href=\"/api/sites/\(pathSegment(id))\" download=\"\(HTML.escape(id)).geojson\">Site GeoJSON</a>"
        out += "<a href=\"/api/sites/\(pathSegment(id))/explain?archetype=\(pathSegment(doc.chosen.archetypeId))\">Explanation (JSON)</a></p>"
        out += "<div id=\"site\" data-site-id=\"\(HTML.escape(id))\" data-archetype=\"\(HTML.escape(doc.chosen.archetypeId))\">"
        out += SiteReportHTML.sections(doc, archetypeLink: { "\(path)?archetype=\(pathSegment($0))#breakdown" })
        out += "</div>"
        out += mapSection(label: "Map of \(doc.site.name)", extra: "<p><button type=\"button\" id=\"isochrones\">Show 15, 30 and 45-minute isochrones</button></p>")
        out += RunRecordHTML.section(doc.run)
        return out
    }

    /// The sign-in form: a token is posted once and exchanged for a cookie; it never goes in a URL.
    static func signIn(message: String?) -> String {
        "<h1>Sign in</h1><p class=\"lede\">Paste the access token your administrator gave you (made with <code>sitematch tokens add</code>). It is exchanged for a session cookie for 8 hours and never appears in a URL.</p>"
            + "<form method=\"post\" action=\"/signin\" class=\"signin\"><div class=\"field\"><label for=\"f-token\">Access token</label>"
            + "<input id=\"f-token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required aria-describedby=\"err-token\">"
            + "<p class=\"field-error\" id=\"err-token\" role=\"alert\">\(HTML.escape(message ?? ""))</p></div><button type=\"submit\">Sign in</button></form>"
    }

    static func error(status: Int, message: String) -> String {
        "<h1>\(status == 404 ? "Not found" : "Cannot show this page")</h1><p class=\"notice\">\(HTML.escape(message))</p><p><a href=\"/\">Back to the enquiry page</a></p>"
    }

    /// `text` percent-encoded for one URL path segment or query value (then HTML-escaped).
    static func pathSegment(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return HTML.escape(text.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")
    }
}
