import Foundation
import SiteMatchApp
import SiteMatchData
import SiteMatchMatching

/// The enquiry report as one self-contained HTML file: what was asked, the shortlist with a chip per
/// requirement, the near misses, a map and the run record.
public enum EnquiryReportHTML {
    public static func document(_ doc: EnquiryReportDocument) -> String {
        let a = doc.answer
        var body = "<header class=\"page\"><h1>\(HTML.escape(a.enquiry.name))</h1><p class=\"lede\">Scored as \(HTML.escape(a.scoredAsDescription))"
        if let log = a.log {
            body += " · logged as <code>\(HTML.escape(log.id))</code> at \(HTML.escape(HTML.timestamp(log.receivedAt))) by \(HTML.escape(log.who))"
        }
        body += "</p></header><main>"
        for notice in doc.notices { body += "<p class=\"notice\">\(HTML.escape(notice))</p>" }
        body += "<h2>What was asked</h2>" + requirements(a.enquiry)
        body += "<h2>Shortlist</h2>"
        if a.matches.isEmpty {
            body += "<p class=\"notice\">No site meets every requirement. The near misses below say what each misses and by how much.</p>"
        } else {
            body += "<p>\(a.matches.count) site\(a.matches.count == 1 ? "" : "s") meet every requirement, best first.</p>" + table(a.matches, caption: "Shortlist")
            let first = a.matches[0]
            body += "<p class=\"stability\" data-grade=\"modelled\">Rank stability: \(HTML.escape(StabilitySentence.text(first.stability, siteName: first.name, scoredAs: a.scoredAsDescription, sites: doc.siteCount)))</p>"
        }
        if let toConfirm = a.powerToConfirm, a.enquiry.minimumMVA != nil {
            body += "<h2>Power to be confirmed</h2>"
            body += toConfirm.isEmpty ? "<p>None: no site meets every other requirement with its grid headroom unknown.</p>"
                : "<p>\(toConfirm.count) site\(toConfirm.count == 1 ? "" : "s") meet\(toConfirm.count == 1 ? "s" : "") every known requirement — power to be confirmed with the network operator. No grid headroom is published for \(toConfirm.count == 1 ? "it" : "them"); below is what the operator's open data say: the nearest substations and the demand already queued behind them (queue, not headroom).</p>"
                    + table(toConfirm, caption: "Power to be confirmed")
        }
        body += "<h2>Near misses</h2>"
        body += a.nearMisses.isEmpty ? "<p>None: every site meets every requirement.</p>"
            : "<p>\(a.nearMisses.count) of \(a.nearMissesTotal) sites that miss a requirement, fewest misses first.</p>" + table(a.nearMisses, caption: "Near misses")
        body += "<p>Winner change: \(HTML.escape(a.winnerChange))</p>"
        body += "<h2>Map</h2><figure>" + SVGMap.render(doc.map, caption: "Map of the shortlisted sites (orange, numbered by rank) among the portfolio")
        body += "<figcaption>Shortlisted sites in orange, numbered by rank; other portfolio sites grey; zones green; district boundaries dashed purple; grey lines are the modelled road network's links. British National Grid.</figcaption></figure>"
        body += RunRecordHTML.section(doc.run) + "</main>"
        return ReportPage.document(title: "Enquiry report: \(a.enquiry.name)", body: body)
    }

    static func requirements(_ e: Enquiry) -> String {
        var items: [String] = []
        if let v = e.minimumAreaHectares { items.append("at least \(HTML.number(v)) ha") }
        if let v = e.minimumMVA { items.append("at least \(HTML.number(v)) MVA of grid headroom") }
        if let v = e.maximumMinutesToM6 { items.append("at most \(HTML.number(v)) minutes' drive to the M6") }
        if let v = e.maximumMinutesToUniversity { items.append("at most \(HTML.number(v)) minutes' drive to a university") }
        if let v = e.maximumMinutesToHospital { items.append("at most \(HTML.number(v)) minutes' drive to an acute hospital") }
        if let v = e.locationTypes { items.append("location type " + v.joined(separator: " or ")) }
        if let v = e.excludedLocationTypes { items.append("not location type " + v.joined(separator: " or ")) }
        if e.availableNow { items.append("available now") }
        return items.isEmpty ? "<p>No requirements: every site is ranked.</p>" : "<ul>" + items.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
    }

    static func table(_ entries: [EnquiryReport.Entry], caption: String) -> String {
        var out = "<div class=\"table-wrap\"><table class=\"shortlist\"><caption class=\"visually-hidden\">\(HTML.escape(caption))</caption><thead><tr><th class=\"num\">Rank</th><th>Site</th><th>Type</th><th class=\"num\">Score</th><th>Why</th><th>Requirements</th></tr></thead><tbody>"
        for e in entries {
            out += "<tr data-site=\"\(HTML.escape(e.siteId))\"><td class=\"num\">\(e.rank)</td><td>\(HTML.escape(e.name))</td><td>\(HTML.escape(e.locationType ?? "?"))</td>"
            out += "<td class=\"num\">\(HTML.figure(HTML.number(e.score), grade: "modelled"))</td><td data-grade=\"modelled\">\(HTML.escape(e.reason)); rank \(HTML.escape(e.stability.word))</td>"
            out += "<td>" + chips(e.requirements) + power(e.power) + "</td></tr>"
        }
        return out + "</tbody></table></div>"
    }

    /// The operator's open data on power at a site, one line per indicator with its grade.
    static func power(_ evidence: [EnquiryReport.Evidence]?) -> String {
        guard let evidence, !evidence.isEmpty else { return "" }
        return "<ul class=\"power\">" + evidence.map { "<li data-grade=\"\($0.grade.rawValue)\">\(HTML.escape($0.text)) <small class=\"grade\">\($0.grade.rawValue)</small></li>" }.joined() + "</ul>"
    }

    /// One chip per requirement: met, not met by how much, or unknown; a figure's grade beside it.
    public static func chips(_ checks: [EnquiryReport.Check]) -> String {
        guard !checks.isEmpty else { return "—" }
        return "<ul class=\"chips\">" + checks.map { c in
            let state = c.unknown ? "unknown" : (c.passed ? "met" : "missed")
            let grade = c.grade.map { " data-grade=\"\($0.rawValue)\"" } ?? ""
            let label = (c.unknown ? "? " : (c.passed ? "✓ " : "✗ ")) + c.detail
            return "<li class=\"\(state)\" data-requirement=\"\(HTML.escape(c.requirement))\"\(grade)>\(HTML.escape(label))"
                + (c.grade.map { " <small class=\"grade\">\($0.rawValue)</small>" } ?? "") + "</li>"
        }.joined() + "</ul>"
    }
}
