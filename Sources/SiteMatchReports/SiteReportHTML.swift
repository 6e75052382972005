import Foundation
import SiteMatchApp
import SiteMatchData
import SiteMatchMatching

/// The site report as HTML: a self-contained document (``document(_:)``) or the sections the
/// server's site page shows (``sections(_:archetypeLink:)``).
public enum SiteReportHTML {
    /// One HTML file: inline CSS, an inline SVG map, no external request.
    public static func document(_ doc: SiteReportDocument) -> String {
        ReportPage.document(title: "Site report: \(doc.site.name)",
                            body: "<header class=\"page\"><h1>\(HTML.escape(doc.site.name))</h1>\(lede(doc))</header><main>"
                                + sections(doc, archetypeLink: nil) + "<h2>Map</h2>" + map(doc)
                                + RunRecordHTML.section(doc.run) + "</main>")
    }

    public static func lede(_ doc: SiteReportDocument) -> String {
        let s = doc.site
        let meaning = LayerSchema.locationTypeMeanings[s.locationType].map { " (\($0))" } ?? ""
        return "<p class=\"lede\">Site <code>\(HTML.escape(s.id))</code> · location type \(HTML.escape(s.locationType + meaning)) · \(HTML.escape(s.district)) · geometry \(HTML.escape(s.geometryQuality))</p>"
    }

    public static func map(_ doc: SiteReportDocument) -> String {
        "<figure>" + SVGMap.render(doc.map, caption: "Map of \(doc.site.name) (orange) with nearby sites, zones and modelled road links")
            + "<figcaption>\(HTML.escape(doc.site.name)) in orange; other portfolio sites grey; zones green; district boundaries dashed purple; grey lines are the modelled road network's links (straight lines between junctions, not road alignments). British National Grid.</figcaption></figure>"
    }

    /// The ranking, the chosen archetype's breakdown and the catchment. `archetypeLink` makes each
    /// archetype name a link (the server's page: `/sites/ID?archetype=A`).
    public static func sections(_ doc: SiteReportDocument, archetypeLink: ((String) -> String)?) -> String {
        var out = "<h2>The 17 archetypes ranked for this site</h2>"
        out += "<p>Score out of 100 (drivers weighted by the archetype, with the Framework's location-type prior); stability is the site's rank among all sites over 1,000 draws of weights and data.</p>"
        out += "<div class=\"table-wrap\"><table class=\"ranking\"><thead><tr><th class=\"num\">Rank</th><th>Archetype</th><th class=\"num\">Score</th><th>Location fit</th><th>Rank among sites</th></tr></thead><tbody>"
        for (i, a) in doc.ranking.enumerated() {
            let name = archetypeLink.map { "<a href=\"\(HTML.escape($0(a.archetypeId)))\">\(HTML.escape(a.name))</a>" } ?? HTML.escape(a.name)
            let chosen = a.archetypeId == doc.chosen.archetypeId ? " class=\"chosen\" aria-current=\"true\"" : ""
            out += "<tr\(chosen) data-archetype=\"\(HTML.escape(a.archetypeId))\"><td class=\"num\">\(i + 1)</td><td>\(name)</td>"
            out += "<td class=\"num\">\(HTML.figure(HTML.number(a.score), grade: "modelled"))</td><td>\(HTML.escape(a.fit.rawValue))</td>"
            out += "<td>\(HTML.figure("\(a.stability.rank) (\(a.stability.rank5)–\(a.stability.rank95))", grade: "modelled", showGrade: false)) \(HTML.escape(a.stability.word))</td></tr>"
        }
        out += "</tbody></table></div>"
        out += breakdown(doc.chosen, siteName: doc.site.name, sites: doc.siteCount)
        out += catchment(doc.catchment)
        return out
    }

    /// One archetype's score: its parts, the driver bar chart and every indicator.
    static func breakdown(_ a: ExplainReport.ArchetypeExplanation, siteName: String, sites: Int) -> String {
        var out = "<h2 id=\"breakdown\">Why it scores \(HTML.number(a.score)) for \(HTML.escape(a.name))</h2>"
        out += "<p>Driver score \(HTML.figure(HTML.number(a.driverScore), grade: "modelled")) with weight \(HTML.number(1 - a.priorWeight, digits: 2)); location-type prior adds \(HTML.figure(HTML.number(a.priorContribution), grade: "modelled")): \(HTML.escape(a.priorReason)).</p>"
        out += "<p class=\"stability\" data-grade=\"modelled\">Rank stability: \(HTML.escape(StabilitySentence.text(a.stability, siteName: siteName, scoredAs: a.name, sites: sites)))</p>"
        out += "<p>Winner change: \(HTML.escape(a.winnerChange))</p>"
        out += BarChart.drivers(a.drivers, caption: "Driver values for \(a.name), 0 to 1, with their weights")
        out += "<div class=\"table-wrap\"><table class=\"indicators\"><thead><tr><th>Driver</th><th>Indicator</th><th>Value</th><th class=\"num\">Score</th><th>Evidence</th><th>Source and date</th><th>Grade</th></tr></thead><tbody>"
        for d in a.drivers {
            for i in d.indicators {
                let value = i.unknown ? "unknown" : i.valueText + (i.unit.isEmpty || i.unit == "yes/no" ? "" : " " + i.unit)
                out += "<tr data-indicator=\"\(HTML.escape(i.indicatorId))\"><td>\(HTML.escape(d.name))</td><td><code>\(HTML.escape(i.indicatorId))</code></td>"
                out += "<td>\(HTML.figure(value, grade: i.quality.rawValue, showGrade: false))</td><td class=\"num\" data-grade=\"modelled\">\(HTML.number(i.score, digits: 2))</td>"
                out += "<td>\(HTML.escape(i.evidence))<br><small>\(HTML.escape(i.why))</small></td><td class=\"source\">\(HTML.escape(i.source))</td><td>\(HTML.escape(i.quality.rawValue))</td></tr>"
            }
        }
        out += "</tbody></table></div>"
        return out
    }

    static func catchment(_ c: CatchmentReport) -> String {
        let census = c.catchments.first?.countsCensusAreas ?? false
        var out = "<h2>Catchment</h2><p>People living within each drive time (\(HTML.escape(c.profile)) profile, \(HTML.escape(c.source)) travel times), "
            + (census ? "counted from ONS Census 2021 LSOAs (working age 16–64 from the census bands) of \(HTML.escape(c.data)). The people are counted by the census; which areas are within reach is modelled.</p>"
                : "counted from the population points of \(HTML.escape(c.data)).</p>")
        if let first = c.catchments.first, let beyond = first.areasBeyondReach, beyond > 0 {
            out += "<p class=\"notice\">Not counted: \(HTML.count(beyond)) LSOAs (\(HTML.count(first.populationBeyondReach ?? 0)) residents) lie beyond the modelled road network's reach.</p>"
        }
        out += "<div class=\"table-wrap\"><table class=\"catchment\"><thead><tr><th class=\"num\">Minutes</th><th class=\"num\">Population</th><th class=\"num\">Working age</th><th class=\"num\">\(census ? "LSOAs" : "Population points")</th></tr></thead><tbody>"
        for b in c.catchments {
            out += "<tr><td class=\"num\">\(HTML.number(b.minutes, digits: 0))</td><td class=\"num\">\(HTML.figure(HTML.count(b.population), grade: "modelled"))</td>"
            out += "<td class=\"num\">\(HTML.figure(HTML.count(b.workingAgePopulation), grade: "modelled"))</td><td class=\"num\" data-grade=\"modelled\">\(b.members.count)</td></tr>"
        }
        out += "</tbody></table></div>"
        return out
    }
}

/// Bar charts as inline SVG (attributes, not inline styles, so a strict Content-Security-Policy allows them).
public enum BarChart {
    public static func drivers(_ drivers: [ExplainReport.DriverPart], caption: String) -> String {
        let row = 28.0, labelWidth = 300.0, barWidth = 330.0, width = 720.0
        let height = row * Double(drivers.count) + 8
        var out = "<svg class=\"bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" role=\"img\" aria-label=\"\(HTML.escape(caption))\"><title>\(HTML.escape(caption))</title>"
        for (i, d) in drivers.enumerated() {
            let y = 4 + row * Double(i)
            let w = max(0, min(1, d.value)) * barWidth
            out += "<g class=\"bar\" data-driver=\"\(HTML.escape(d.driverId))\" data-value=\"\(d.value)\" data-weight=\"\(d.weight)\" data-grade=\"modelled\">"
            out += "<text x=\"0\" y=\"\(HTML.number(y + 18))\" font-size=\"14\" fill=\"#1d1d1b\">\(HTML.escape(d.name))</text>"
            out += "<rect x=\"\(Int(labelWidth))\" y=\"\(HTML.number(y + 4))\" width=\"\(Int(barWidth))\" height=\"18\" fill=\"#eeeee8\"/>"
            out += "<rect x=\"\(Int(labelWidth))\" y=\"\(HTML.number(y + 4))\" width=\"\(HTML.number(w))\" height=\"18\" fill=\"#b3470d\"/>"
            out += "<text x=\"\(Int(labelWidth + barWidth + 8))\" y=\"\(HTML.number(y + 18))\" font-size=\"13\" fill=\"#1d1d1b\">\(HTML.number(d.value, digits: 2)) × w \(HTML.number(d.weight, digits: 2))</text></g>"
        }
        return out + "</svg>"
    }
}

/// The run record every report ends with.
public enum RunRecordHTML {
    public static func section(_ r: RunRecord) -> String {
        var out = "<h2>Run record</h2><dl class=\"record\">"
        func item(_ term: String, _ value: String) { out += "<dt>\(HTML.escape(term))</dt><dd>\(value)</dd>" }
        item("Tool", HTML.escape(r.tool))
        item("Data", HTML.escape(r.data))
        item("Data version", "<code>\(HTML.escape(r.dataVersion))</code>")
        item("Generated", HTML.escape(HTML.timestamp(r.generatedAt)))
        item("Travel times", HTML.escape(r.travelTimes))
        item("Prior weight", HTML.number(r.priorWeight, digits: 2))
        item("Weights", HTML.escape(r.weightsSource) + (r.weights.isEmpty ? " (equal on every driver)" : ": " + r.weights.sorted { $0.key < $1.key }.map { "\(HTML.escape($0.key)) \(HTML.number($0.value, digits: 2))" }.joined(separator: ", ")))
        item("Sources", "<ul>" + r.sources.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>")
        out += "</dl><h3>Modelled and estimated figures</h3><ul class=\"modelled\">" + r.modelled.map { "<li>\(HTML.escape($0))</li>" }.joined() + "</ul>"
        out += "<p>Grades: <em>official</em> is published by the body responsible for it; <em>secondary</em> by someone else (news, encyclopaedias, trade press); <em>estimated</em> is derived by SiteMatch from positions placed from descriptions; <em>modelled</em> is computed by SiteMatch's models (drive times, catchments, scores); <em>unknown</em> has no figure. Each web source's grade and its reason are in the data's sources.yaml.</p>"
        return out
    }
}

/// The HTML document shell of a report.
enum ReportPage {
    static func document(title: String, body: String) -> String {
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + "<title>\(HTML.escape(title))</title><style>\(ReportStyle.stylesheet)</style></head><body>\(body)"
            + "<footer class=\"page\">Made with SiteMatch. Every figure shows its grade; modelled figures are SiteMatch's own calculations, not published data.</footer></body></html>\n"
    }
}

/// The rank-stability sentence of the reports, with the draws' uncertainty taken from the options
/// the stability use case runs with, so the words follow the code.
public enum StabilitySentence {
    public static func text(_ s: SiteStability, siteName: String, scoredAs: String, sites: Int, options: StabilityOptions = StabilityOptions()) -> String {
        var varied: [String] = []
        if let kappa = options.concentration { varied.append("the driver weights (Dirichlet, concentration \(HTML.number(kappa, digits: 0)))") }
        varied.append("modelled figures (±\(HTML.number(options.modelledError * 100, digits: 0)) %)")
        if options.varyUnknown { varied.append("unknown figures (anywhere from 0 to 1)") }
        if let range = options.priorWeightRange { varied.append("the location-type prior's weight (\(HTML.number(range.lowerBound, digits: 2)) to \(HTML.number(range.upperBound, digits: 2)))") }
        let list = varied.count > 1 ? varied.dropLast().joined(separator: ", ") + " and " + varied.last! : varied.joined()
        return "\(siteName) ranks \(s.rank) of \(sites) sites for \(scoredAs). Over \(HTML.count(options.draws)) draws that vary \(list), it ranks "
            + "\(s.rank5)–\(s.rank95) (5–95 %), first in \(HTML.number(s.pRank1 * 100, digits: 0)) % and in the top 3 in \(HTML.number(s.pTop3 * 100, digits: 0)) % of draws: "
            + "\(s.word) (\(RankStability.wordRule))."
    }
}
