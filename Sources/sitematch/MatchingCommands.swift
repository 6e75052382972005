import ArgumentParser
import Foundation
import SiteMatchData
import SiteMatchGeometry
import SiteMatchMatching

/// Options shared by the matching commands.
struct MatchingOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Weight of the Framework's location-type prior, 0…1 (default from drivers.yaml; 0 = measured drivers only).", valueName: "w"))
    var priorWeight: Double?

    func validate() throws {
        if let priorWeight, !(0...1).contains(priorWeight) { throw ValidationError("--prior-weight must be between 0 and 1, got \(priorWeight)") }
    }
}

enum MatchFormat: String, ExpressibleByArgument, CaseIterable { case table, json, csv }

func findArchetype(_ id: String, in catalogue: Catalogue) throws -> Archetype {
    if let a = catalogue.archetype(id) { return a }
    throw DataError("no archetype '\(id)'; valid ids: \(catalogue.archetypes.map(\.id).joined(separator: ", "))")
}

func loadSession(_ data: GeoDataOptions) throws -> MatchingSession {
    let directory = try data.directory()
    data.progress("Loading \(directory), measuring indicators (drive times are modelled) …")
    return try MatchingSession(directory: directory, context: GEOSContext())
}

func fixed(_ value: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", value) }

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
        """
    )

    @Option(help: ArgumentHelp("Only this archetype (see GeoData/archetypes.yaml).", valueName: "id"))
    var archetype: String?

    @Option(help: "Sites to list per archetype.")
    var top = 5

    @Option(name: [.short, .long], help: "Output format: table, json or csv.")
    var format: MatchFormat = .table

    @OptionGroup var matching: MatchingOptions
    @OptionGroup var data: GeoDataOptions
    @OptionGroup var output: OutputOptions

    func validate() throws {
        if top < 1 { throw ValidationError("--top must be at least 1") }
    }

    func run() throws {
        let session = try loadSession(data)
        let archetypes = try archetype.map { [try findArchetype($0, in: session.catalogue)] } ?? session.catalogue.archetypes
        let scorer = Scorer(catalogue: session.catalogue, priorWeight: matching.priorWeight)
        let ranked = try scorer.scoreAll(sites: session.portfolio.sites, indicators: session.indicators, archetypes: archetypes)
        var text = ""
        switch format {
        case .table:
            text += "Prior weight \(fixed(scorer.priorWeight, 2)); drive times and catchments modelled.\n"
            for a in archetypes {
                text += "\n\(a.name) [\(a.id), Framework §\(a.frameworkSection); best fit \(a.bestFit.joined(separator: ", "))]\n"
                for (rank, s) in (ranked[a.id] ?? []).prefix(top).enumerated() {
                    let name = session.site(s.siteID)?.name ?? s.siteID
                    text += "  \(rank + 1). \(fixed(s.score).padding(toLength: 5, withPad: " ", startingAt: 0)) \(name) (\(s.siteID)): \(s.reason)\n"
                }
            }
        case .csv:
            var rows: [[String]] = []
            for a in archetypes {
                for (rank, s) in (ranked[a.id] ?? []).prefix(top).enumerated() {
                    rows.append([a.id, String(rank + 1), s.siteID, fixed(s.score, 2), fixed(s.driverScore, 2), s.fit.rawValue, fixed(s.priorWeight, 2), s.reason])
                }
            }
            text = try CSVText.make(header: ["archetype_id", "rank", "site_id", "score", "driver_score", "fit", "prior_weight", "reason"], rows: rows)
        case .json:
            var json: [[String: Any]] = []
            for a in archetypes {
                var sites: [[String: Any]] = []
                for (rank, s) in (ranked[a.id] ?? []).prefix(top).enumerated() {
                    let entry: [String: Any] = ["rank": rank + 1, "site_id": s.siteID, "score": (s.score * 100).rounded() / 100,
                                                "driver_score": (s.driverScore * 100).rounded() / 100, "fit": s.fit.rawValue, "reason": s.reason]
                    sites.append(entry)
                }
                json.append(["archetype_id": a.id, "name": a.name, "prior_weight": scorer.priorWeight, "sites": sites])
            }
            text = String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self) + "\n"
        }
        try output.emit(text)
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
        """
    )

    @Argument(help: ArgumentHelp("The site id (see sites.geojson).", valueName: "site"))
    var siteID: String

    @Option(help: ArgumentHelp("Only this archetype.", valueName: "id"))
    var archetype: String?

    @OptionGroup var matching: MatchingOptions
    @OptionGroup var data: GeoDataOptions

    func run() throws {
        let session = try loadSession(data)
        let site = try findSite(siteID, in: session.portfolio)
        let archetypes = try archetype.map { [try findArchetype($0, in: session.catalogue)] } ?? session.catalogue.archetypes
        let scorer = Scorer(catalogue: session.catalogue, priorWeight: matching.priorWeight)
        print("\(site.name) (\(site.id)): location type \(site.locationType), \(site.district); geometry \(site.geometryQuality)")
        for a in archetypes {
            let s = scorer.score(site: site, indicators: session.indicators[site.id]!, archetype: a)
            print("\n\(a.name) [\(a.id)]: \(fixed(s.score)) / 100")
            print("  drivers \(fixed(s.driverScore)) × \(fixed(1 - s.priorWeight, 2)) + prior \(s.fit.rawValue) fit (\(a.bestFit.joined(separator: ","))) \(fixed(s.priorContribution)) points")
            for d in s.drivers {
                print("  \(d.name) — weight \(fixed(d.weight, 0)), value \(fixed(d.value, 2)), +\(fixed(d.contribution)) points")
                for i in d.indicators {
                    let raw = i.indicator.value == .unknown ? "unknown" : "\(i.indicator.value) \(i.indicator.unit)"
                    print("    \(i.indicator.id) = \(raw) → \(fixed(i.value, 2))\(i.isUnknown ? " (unknown: neutral)" : "") [\(i.indicator.quality.rawValue)]")
                    print("      \(i.indicator.evidence)")
                }
            }
        }
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
        """
    )

    @Option(help: "A site serves an archetype well at or above this score.")
    var threshold = 65.0

    @Option(name: [.short, .long], help: "Output format: table or csv.")
    var format: ReportFormatMatrix = .table

    @OptionGroup var matching: MatchingOptions
    @OptionGroup var data: GeoDataOptions
    @OptionGroup var output: OutputOptions

    enum ReportFormatMatrix: String, ExpressibleByArgument, CaseIterable { case table, csv }

    func run() throws {
        let session = try loadSession(data)
        let archetypes = session.catalogue.archetypes
        let scorer = Scorer(catalogue: session.catalogue, priorWeight: matching.priorWeight)
        let ranked = try scorer.scoreAll(sites: session.portfolio.sites, indicators: session.indicators, archetypes: archetypes)
        var byPair: [String: Double] = [:]
        for scores in ranked.values { for s in scores { byPair["\(s.siteID)|\(s.archetypeID)"] = s.score } }
        let gaps = archetypes.filter { (ranked[$0.id]?.first?.score ?? 0) < threshold }
        var text: String
        switch format {
        case .csv:
            text = try CSVText.make(header: ["site_id"] + archetypes.map(\.id), rows: session.portfolio.sites.map { site in
                [site.id] + archetypes.map { fixed(byPair["\(site.id)|\($0.id)"] ?? 0, 2) }
            })
        case .table:
            text = "site".padding(toLength: 36, withPad: " ", startingAt: 0) + archetypes.indices.map { String(format: "%4d", $0 + 1) }.joined() + "\n"
            for site in session.portfolio.sites {
                text += (site.id + " (\(site.locationType))").padding(toLength: 36, withPad: " ", startingAt: 0)
                text += archetypes.map { String(format: "%4.0f", byPair["\(site.id)|\($0.id)"] ?? 0) }.joined() + "\n"
            }
            text += "\nColumns: " + archetypes.enumerated().map { "\($0.offset + 1) \($0.element.id)" }.joined(separator: ", ") + "\n"
            text += "\nGaps (no site scores \(fixed(threshold, 0)) or more; prior weight \(fixed(scorer.priorWeight, 2))):\n"
            if gaps.isEmpty { text += "  none\n" }
            for a in gaps {
                let best = ranked[a.id]?.first.map { "\($0.siteID) at \(fixed($0.score))" } ?? "none"
                text += "  \(a.name) [\(a.id)]: best is \(best)\n"
            }
        }
        try output.emit(text)
        if format == .csv && !gaps.isEmpty {
            data.progress("Gaps (no site ≥ \(fixed(threshold, 0))): " + gaps.map(\.id).joined(separator: ", "))
        }
    }
}
