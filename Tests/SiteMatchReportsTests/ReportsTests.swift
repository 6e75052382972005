import Foundation
import Testing
import SiteMatchApp
import SiteMatchData
import SiteMatchGeometry
@testable import SiteMatchMatching
@testable import SiteMatchReports

/// The shipped GeoData, loaded once (a Workspace is immutable and Sendable).
enum ReportsFixture {
    static var geoData: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("GeoData").path
    }
    static let workspace: Workspace = try! Workspace.load(directory: geoData)
    static let grades: Set<String> = ["official", "secondary", "estimated", "modelled", "unknown"]

    /// Every `data-grade="…"` value in `html`.
    static func grades(in html: String) -> [String] {
        html.components(separatedBy: "data-grade=\"").dropFirst().map { String($0.prefix { $0 != "\"" }) }
    }
}

struct HTMLTests {
    @Test func escapingMakesMarkupText() {
        #expect(HTML.escape("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(HTML.escape("a & \"b\" 'c'") == "a &amp; &quot;b&quot; &#39;c&#39;")
        #expect(HTML.escape("Hanley — 5 ha") == "Hanley — 5 ha")
    }

    @Test func aFigureCarriesItsGradeInTheMarkupAndOnScreen() {
        #expect(HTML.figure("12.4 min", grade: "modelled") == "<span class=\"figure grade-modelled\" data-grade=\"modelled\">12.4 min <small class=\"grade\">modelled</small></span>")
        #expect(HTML.figure("<b>", grade: "unknown", showGrade: false) == "<span class=\"figure grade-unknown\" data-grade=\"unknown\">&lt;b&gt;</span>")
    }

    @Test func numbersAndCounts() {
        #expect(HTML.count(259_965) == "259,965")
        #expect(HTML.count(999) == "999")
        #expect(HTML.count(-1_000) == "-1,000")
        #expect(HTML.number(-0.04) == "0.0")
        #expect(HTML.number(86.5625) == "86.6")
    }
}

struct SVGMapTests {
    /// Worked by hand: a 1,000 × 500 m extent in a 720 × 480 picture scales by min(720/1000, 480/500)
    /// = 0.72, centred vertically: (480 − 500 × 0.72)/2 = 60 px above and below. So BNG (0, 0) is at
    /// (0, 420) and (1000, 500) at (720, 60): y is flipped.
    @Test func britishNationalGridIsScaledIntoThePictureWithYFlipped() {
        let square = Shape.polygon([[Coordinate(x: 0, y: 0), Coordinate(x: 1000, y: 0), Coordinate(x: 1000, y: 500), Coordinate(x: 0, y: 500), Coordinate(x: 0, y: 0)]])
        let map = ReportMap(features: [.init(kind: .highlighted, id: "s", label: "Site <1>", shape: square, marker: "1")],
                            extent: Envelope(minX: 0, minY: 0, maxX: 1000, maxY: 500))
        let svg = SVGMap.render(map, width: 720, height: 480, caption: "test map")
        #expect(svg.contains("d=\"M0.0,420.0L720.0,420.0L720.0,60.0L0.0,60.0L0.0,420.0Z\""))
        #expect(svg.contains("<title>Site &lt;1&gt;</title>"))
        // The rank marker at the envelope's centre (500, 250) → (360, 240).
        #expect(svg.contains("<text x=\"360.0\" y=\"240.0\""))
        // Scale bar: the largest of 1, 2, 5 … km within a quarter of the width (180 px = 250 m): none fits, so 1 km.
        #expect(svg.contains(">1 km</text>"))
    }
}

struct SiteReportTests {
    @Test func theSiteReportRanksEveryArchetypeAndBreaksDownTheBest() throws {
        let doc = try ReportsFixture.workspace.siteReport(site: "kusip")
        #expect(doc.ranking.count == ReportsFixture.workspace.catalogue.archetypes.count)
        #expect(zip(doc.ranking, doc.ranking.dropFirst()).allSatisfy { $0.score >= $1.score })
        #expect(doc.chosen.archetypeId == doc.ranking[0].archetypeId)
        // The same scores as explain gives.
        let explained = try ReportsFixture.workspace.explain(site: "kusip", archetype: doc.ranking[0].archetypeId)
        #expect(explained.archetypes[0].score == doc.chosen.score)
        let html = SiteReportHTML.document(doc)
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.contains("Run record"))
        #expect(html.contains(ReportsFixture.workspace.dataVersion))
        // Nothing that makes a request: no script, link, image source or CSS url() (sources are text).
        for request in ["<script", "<link", "src=", "url(", "@import"] {
            #expect(!html.contains(request), "the report holds \(request)")
        }
        let grades = ReportsFixture.grades(in: html)
        #expect(!grades.isEmpty)
        #expect(Set(grades).isSubset(of: ReportsFixture.grades))
        // One bar per driver of the chosen archetype, with its value.
        for driver in doc.chosen.drivers {
            #expect(html.contains("data-driver=\"\(driver.driverId)\" data-value=\"\(driver.value)\""))
        }
    }

    @Test func anArchetypeCanBeChosenAndAnUnknownOneNamesTheNearest() throws {
        let doc = try ReportsFixture.workspace.siteReport(site: "kusip", archetype: "scale_up_manufacturing")
        #expect(doc.chosen.archetypeId == "scale_up_manufacturing")
        #expect(throws: SiteMatchError.self) { try ReportsFixture.workspace.siteReport(site: "kusip", archetype: "scale_up") }
        #expect(throws: SiteMatchError.self) { try ReportsFixture.workspace.siteReport(site: "kusipp") }
    }

    @Test func modelledFiguresAreStatedPlainly() throws {
        let doc = try ReportsFixture.workspace.siteReport(site: "kusip", archetype: "engineering_biology")
        let modelledIndicators = doc.chosen.drivers.flatMap(\.indicators).filter { $0.quality == .modelled }
        #expect(!modelledIndicators.isEmpty)
        for indicator in modelledIndicators {
            #expect(doc.run.modelled.contains { $0.hasPrefix(indicator.indicatorId + ":") })
        }
        #expect(doc.run.modelled.contains { $0.hasPrefix("Catchments (30 and 45 minutes)") })
        #expect(doc.run.modelled.contains { $0.contains("Scores (0–100)") && $0.contains("modelled") })
        // The catchment figures are the catchment use case's.
        let catchment = try ReportsFixture.workspace.catchment(site: "kusip", minutes: [30, 45])
        #expect(doc.catchment.catchments.map(\.population) == catchment.catchments.map(\.population))
    }
}

struct EnquiryReportTests {
    @Test func theEnquiryReportShowsEachRequirementWithItsGrade() throws {
        let workspace = ReportsFixture.workspace
        var enquiry = Enquiry(name: "<script>alert(1)</script>", archetypeID: "scale_up_manufacturing")
        enquiry.minimumAreaHectares = 5
        enquiry.minimumMVA = 8
        enquiry.maximumMinutesToM6 = 15
        let answer = try workspace.answer(enquiry)
        let html = EnquiryReportHTML.document(workspace.enquiryReport(answer))
        #expect(html.contains("<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>"))
        #expect(!html.contains("<script>"))
        // No site publishes grid headroom, so every site is a near miss with an unknown MVA chip.
        #expect(answer.matches.isEmpty)
        #expect(html.contains("No site meets every requirement"))
        #expect(html.contains("<li class=\"unknown\" data-requirement=\"min_mva\" data-grade=\"unknown\">"))
        #expect(html.contains("data-requirement=\"max_minutes_to_m6\" data-grade=\"modelled\""))
        #expect(Set(ReportsFixture.grades(in: html)).isSubset(of: ReportsFixture.grades))
        #expect(html.contains("Drive times in the requirement checks are modelled"))
    }

    @Test func aShortlistIsNumberedOnTheMap() throws {
        let workspace = ReportsFixture.workspace
        var enquiry = Enquiry(name: "Five hectares", archetypeID: "scale_up_manufacturing")
        enquiry.minimumAreaHectares = 5
        let answer = try workspace.answer(enquiry)
        let doc = workspace.enquiryReport(answer)
        let highlighted = doc.map.features.filter { $0.kind == .highlighted }
        #expect(Set(highlighted.map(\.id)) == Set(answer.matches.map(\.siteId)))
        for entry in answer.matches {
            #expect(highlighted.first { $0.id == entry.siteId }?.marker == String(entry.rank))
        }
    }
}

struct PDFPrinterTests {
    @Test func noChromiumIsAUsageErrorSayingHowToInstallIt() {
        #expect(PDFPrinter.chromium(environment: ["PATH": "/nonexistent"]) == nil)
        #expect(PDFPrinter.chromium(environment: ["SITEMATCH_CHROMIUM": "/nonexistent/chromium"]) == nil)
        #expect(PDFPrinter.chromium(environment: ["SITEMATCH_CHROMIUM": "/bin/sh"]) == "/bin/sh")
    }

    @Test func aFailedPrintLeavesNoFileAndNamesTheOutput() throws {
        let folder = NSTemporaryDirectory() + "sitematch-pdf-test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let output = folder + "/report.pdf"
        do {
            try PDFPrinter.print(html: "<p>x</p>", to: output, overwrite: false, browser: "/bin/false")
            Issue.record("printing with /bin/false succeeded")
        } catch let error as SiteMatchError {
            #expect(error.description.contains(output))
            #expect(error.description.contains("Chromium could not print"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    }
}

struct StabilitySentenceTests {
    @Test func theSentenceSaysWhatVariedAndTheRankInterval() {
        let s = SiteStability(siteId: "a", rank: 2, pRank1: 0.25, pTop3: 0.904, rank5: 1, rank95: 4, word: "moderate")
        #expect(StabilitySentence.text(s, siteName: "Alpha park", scoredAs: "Materials R&D", sites: 30)
            == "Alpha park ranks 2 of 30 sites for Materials R&D. Over 1,000 draws that vary the driver weights (Dirichlet, concentration 50), "
            + "modelled figures (±25 %), unknown figures (anywhere from 0 to 1) and the location-type prior's weight (0.00 to 0.50), it ranks 1–4 (5–95 %), "
            + "first in 25 % and in the top 3 in 90 % of draws: moderate (robust: the 5-95 % rank interval spans at most 2 places; moderate: 3 to 6 places; fragile: more than 6).")
        let fixed = StabilityOptions(draws: 200, concentration: nil, modelledError: 0.1, priorWeightRange: nil, varyUnknown: false)
        #expect(StabilitySentence.text(s, siteName: "A", scoredAs: "B", sites: 3, options: fixed).hasPrefix("A ranks 2 of 3 sites for B. Over 200 draws that vary modelled figures (±10 %), it ranks 1–4"))
    }

    @Test func bothReportsCarryTheSentence() throws {
        let workspace = ReportsFixture.workspace
        let doc = try workspace.siteReport(site: "kusip", archetype: "materials_rd")
        #expect(SiteReportHTML.document(doc).contains("Rank stability: " + HTML.escape(StabilitySentence.text(doc.chosen.stability, siteName: doc.site.name, scoredAs: doc.chosen.name,
                                                                                                           sites: workspace.portfolio.sites.count))))
        var enquiry = Enquiry(name: "Five hectares", archetypeID: "scale_up_manufacturing")
        enquiry.minimumAreaHectares = 5
        let answer = try workspace.answer(enquiry)
        let html = EnquiryReportHTML.document(workspace.enquiryReport(answer))
        #expect(html.contains("Rank stability: " + HTML.escape(answer.matches[0].name) + " ranks \(answer.matches[0].stability.rank) of \(workspace.portfolio.sites.count) sites"))
    }
}
