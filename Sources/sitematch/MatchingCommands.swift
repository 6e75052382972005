import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchData

enum MatchFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

struct MatchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "match",
        abstract: "The main job: for every archetype, the best-fitting sites with scores and a reason.",
        discussion: """
        Scores (0-100) combine the archetype's drivers, measured per site with absolute value functions \
        (GeoData/drivers.yaml), with the Framework's location-type prior (best fit / unknown / least fit). \
        Drive times and working-age catchments are MODELLED; see GeoData/PROVENANCE.md.

        Examples:
          sitematch match
          sitematch match --archetype scale_up_manufacturing --top 10
          sitematch match --prior-weight 0 --format csv -o scores.csv
          sitematch match --network oproad_gb.gpkg --archetype scale_up_manufacturing
        """
    )

    @Option(help: ArgumentHelp("Only this archetype (see GeoData/archetypes.yaml).", valueName: "id"))
    var archetype: String?

    @Option(parsing: .unconditional, help: "Sites to list per archetype.")
    var top = 5

    @Option(name: [.short, .long], help: "Output format: table, json or csv.")
    var format: MatchFormat = .table

    @OptionGroup var matching: MatchingOptions
    @OptionGroup var times: MatrixOptions
    @OptionGroup var data: GeoDataOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        let report = try data.workspace(times, ahp: matching.ahp).match(archetype: archetype, top: top, priorWeight: matching.priorWeight)
        switch format {
        case .table: try output.emit(Self.table(report))
        case .csv: try output.emit(Self.csv(report))
        case .json: try output.emit(ReportJSON.text(report))
        }
    }

    static func table(_ report: MatchReport) -> String {
        var text = "Prior weight \(fixed(report.priorWeight, 2)); drive times and catchments \(report.travelTimes).\n"
        for a in report.archetypes {
            text += "\n\(a.name) [\(a.archetypeId), Framework §\(a.frameworkSection); best fit \(a.bestFit.joined(separator: ", "))]\n"
            for s in a.sites {
                text += "  \(s.rank). \(fixed(s.score).padding(toLength: 5, withPad: " ", startingAt: 0)) \(s.siteName) (\(s.siteId)): \(s.reason)\n"
            }
        }
        return text
    }

    static func csv(_ report: MatchReport) throws -> String {
        try CSVText.make(header: ["archetype_id", "rank", "site_id", "site_name", "score", "driver_score", "fit", "prior_weight", "reason", "travel_times"], rows: report.archetypes.flatMap { a in
            a.sites.map { s in [a.archetypeId, String(s.rank), s.siteId, s.siteName, fixed(s.score, 2), fixed(s.driverScore, 2), s.fit.rawValue, fixed(s.priorWeight, 2), s.reason, report.travelTimes] }
        })
    }
}

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "A site's full score breakdown with evidence, for one or every archetype.",
        discussion: """
        For each driver: its weight, every indicator's raw value and 0-1 value, the evidence sentence, \
        its source and quality (published / measured / modelled / unknown), and the points it adds.

        Examples:
          sitematch explain cvez_chatterley_valley_west --archetype scale_up_manufacturing
          sitematch explain kusip
          sitematch explain kusip --archetype materials_rd --format json
        """
    )

    @Argument(help: ArgumentHelp("The site id (see sites.geojson).", valueName: "site"))
    var siteID: String

    @Option(help: ArgumentHelp("Only this archetype.", valueName: "id"))
    var archetype: String?

    @OptionGroup var matching: MatchingOptions
    @OptionGroup var times: MatrixOptions
    @OptionGroup var data: GeoDataOptions

    @Option(name: [.short, .long], help: "Output format: text or json.")
    var format: ReportFormat = .text

    func run() throws {
        let report = try data.workspace(times, ahp: matching.ahp).explain(site: siteID, archetype: archetype, priorWeight: matching.priorWeight)
        print(format == .json ? try ReportJSON.text(report) : Self.text(report), terminator: "")
    }

    static func text(_ report: ExplainReport) -> String {
        let site = report.site
        var out = "\(site.name) (\(site.id)): location type \(site.locationType), \(site.district); geometry \(site.geometryQuality)\n"
        for a in report.archetypes {
            out += "\n\(a.name) [\(a.archetypeId)]: \(fixed(a.score)) / 100\n"
            out += "  drivers \(fixed(a.driverScore)) × \(fixed(1 - a.priorWeight, 2)) + prior \(a.fit.rawValue) fit \(fixed(a.priorContribution)) points: \(a.priorReason)\n"
            out += "  rank \(a.stability.rank) of the sites; \(a.stability.summary); \(a.winnerChange)\n"
            for d in a.drivers {
                out += "  \(d.name) — weight \(fixed(d.weight, 0)), value \(fixed(d.value, 2)), +\(fixed(d.contribution)) points\n"
                for i in d.indicators {
                    let raw = i.value == .unknown ? "unknown" : "\(i.valueText) \(i.unit)"
                    out += "    \(i.indicatorId) = \(raw) → \(fixed(i.score, 2))\(i.unknown ? " (unknown: neutral)" : "") [\(i.quality.rawValue)]\n"
                    out += "      \(i.evidence)\n"
                }
            }
        }
        return out
    }
}

struct MatrixCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "matrix",
        abstract: "Sites × archetypes score table, and the archetypes no site serves well (the portfolio's gaps).",
        discussion: """
        Examples:
          sitematch matrix
          sitematch matrix --format csv -o matrix.csv
          sitematch matrix --threshold 70 --prior-weight 0
          sitematch matrix --format json -o matrix.json
        """
    )

    @Option(parsing: .unconditional, help: "A site serves an archetype well at or above this score.")
    var threshold = 65.0

    @Option(name: [.short, .long], help: "Output format: table, csv or json.")
    var format: ReportFormatMatrix = .table

    @OptionGroup var matching: MatchingOptions
    @OptionGroup var times: MatrixOptions
    @OptionGroup var data: GeoDataOptions
    @OptionGroup var output: OutputOptions

    enum ReportFormatMatrix: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

    func run() throws {
        let report = try data.workspace(times, ahp: matching.ahp).matrix(threshold: threshold, priorWeight: matching.priorWeight)
        switch format {
        case .csv: try output.emit(Self.csv(report))
        case .table: try output.emit(Self.table(report))
        case .json: try output.emit(ReportJSON.text(report))
        }
        if format == .csv && !report.gaps.isEmpty {
            data.progress("Gaps (no site ≥ \(fixed(report.threshold, 0))): " + report.gaps.map(\.archetypeId).joined(separator: ", "))
        }
    }

    static func csv(_ report: MatrixReport) throws -> String {
        try CSVText.make(header: ["site_id", "site_name"] + report.archetypes.map(\.archetypeId) + ["travel_times"],
                         rows: report.sites.map { [$0.siteId, $0.siteName] + $0.scores.map { fixed($0, 2) } + [report.travelTimes] })
    }

    static func table(_ report: MatrixReport) -> String {
        // Wide enough for the longest "id (type)", so no id is cut.
        let width = max(36, (report.sites.map { $0.siteId.count + 4 }.max() ?? 0) + 2)
        var text = "site".padding(toLength: width, withPad: " ", startingAt: 0) + report.archetypes.indices.map { String(format: "%4d", $0 + 1) }.joined() + "\n"
        for row in report.sites {
            text += (row.siteId + " (\(row.locationType))").padding(toLength: width, withPad: " ", startingAt: 0)
            text += row.scores.map { String(format: "%4.0f", $0) }.joined() + "\n"
        }
        text += "\nColumns: " + report.archetypes.enumerated().map { "\($0.offset + 1) \($0.element.archetypeId)" }.joined(separator: ", ") + "\n"
        text += "\nGaps (no site scores \(fixed(report.threshold, 0)) or more; prior weight \(fixed(report.priorWeight, 2))):\n"
        if report.gaps.isEmpty { text += "  none\n" }
        for gap in report.gaps {
            let best = gap.bestSiteId.map { "\($0) at \(fixed(gap.bestScore ?? 0))" } ?? "none"
            text += "  \(gap.name) [\(gap.archetypeId)]: best is \(best)\n"
        }
        return text
    }
}
