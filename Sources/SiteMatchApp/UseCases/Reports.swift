import Foundation
import SiteMatchData
import SiteMatchGeometry
import SiteMatchMatching

/// The features a report's map draws, in British National Grid metres (EPSG:27700), and the area
/// to show. Format-neutral: the HTML report draws it as inline SVG, so a report needs no tiles.
public struct ReportMap: Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        /// Local authority district boundaries (districts.geojson), where the data has them.
        case district
        /// Enterprise and grid zones from zones.geojson.
        case zone
        /// Links of the modelled road network (straight lines between junctions, not road alignments).
        case road
        /// A portfolio site not the report's subject.
        case site
        /// The report's subject: the site reported on, or a site on the shortlist.
        case highlighted
    }

    public struct Feature: Sendable {
        public var kind: Kind
        public var id: String
        public var label: String
        public var shape: Shape
        /// A label drawn on the map (a shortlist rank), if any.
        public var marker: String?

        public init(kind: Kind, id: String, label: String, shape: Shape, marker: String? = nil) {
            self.kind = kind
            self.id = id
            self.label = label
            self.shape = shape
            self.marker = marker
        }
    }

    public var features: [Feature]
    /// The area shown, in metres.
    public var extent: Envelope

    public init(features: [Feature], extent: Envelope) {
        self.features = features
        self.extent = extent
    }
}

/// How a report was made: enough to reproduce it and to judge it.
public struct RunRecord: Sendable, Hashable, Codable {
    public var tool: String
    /// The tool version and the hash of the GeoData files' contents.
    public var dataVersion: String
    /// "GeoData 2026-11-21": the data's name and the date it was built.
    public var data: String
    public var travelTimes: String
    public var priorWeight: Double
    public var weightsSource: String
    /// The scoring's driver weights (driver id → weight), empty for equal weights.
    public var weights: [String: Double]
    /// Every distinct source behind the figures reported.
    public var sources: [String]
    /// Plain statements of which figures are modelled or estimated and how.
    public var modelled: [String]
    public var generatedAt: Date
}

/// A site report: the 17 archetypes ranked for the site, one archetype's driver breakdown with
/// every indicator, the site's catchment, a map and the run record.
public struct SiteReportDocument: Sendable {
    /// Every archetype for the site, ranked by score (highest first).
    public var ranking: [ExplainReport.ArchetypeExplanation]
    public var site: ExplainReport.SiteSummary
    /// The archetype broken down: the one asked for, else the site's best.
    public var chosen: ExplainReport.ArchetypeExplanation
    public var catchment: CatchmentReport
    public var map: ReportMap
    public var run: RunRecord
    /// How many sites the site is ranked among (its stability is its rank among these).
    public var siteCount: Int
}

/// An enquiry report: the answer (shortlist and near misses), a map and the run record.
public struct EnquiryReportDocument: Sendable {
    public var answer: EnquiryReport
    public var map: ReportMap
    public var run: RunRecord
    /// How many sites were ranked.
    public var siteCount: Int
    /// Said at the top: e.g. that a logged answer was given on other data than this map's.
    public var notices: [String] = []
}

extension Workspace {
    /// The site report for `siteID`, breaking down `archetype` (default: the site's best).
    /// - Throws: `.notFound` for an unknown site or archetype.
    public func siteReport(site siteID: String, archetype: String? = nil, memo: EnquiryScoringMemo? = nil, generatedAt: Date = Date()) throws -> SiteReportDocument {
        let site = try site(siteID)
        if let archetype { _ = try self.archetype(archetype) }
        let explained = try explain(site: site.id, memo: memo)
        let ranking = explained.archetypes.sorted { $0.score != $1.score ? $0.score > $1.score : $0.archetypeId < $1.archetypeId }
        let chosen = archetype.flatMap { id in ranking.first { $0.archetypeId == id } } ?? ranking[0]
        let catchment = try catchment(site: site.id, minutes: [30, 45])
        let focus = Self.padded(site.geometry.envelope ?? Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0), toAtLeast: 16_000)
        let run = runRecord(archetype: chosen.archetypeId, indicators: chosen.drivers.flatMap(\.indicators),
                            extraModelled: ["Catchments (\(catchment.catchments.map { Self.minutes($0.minutes) }.joined(separator: " and ")) minutes) count the population points reachable on the modelled road network; working-age counts use modelled age shares."],
                            generatedAt: generatedAt)
        return SiteReportDocument(ranking: ranking, site: explained.site, chosen: chosen, catchment: catchment,
                                  map: reportMap(highlighted: [site.id: nil], extent: focus), run: run, siteCount: portfolio.sites.count)
    }

    /// The enquiry report for an answer already given (by the CLI, or from the log).
    public func enquiryReport(_ answer: EnquiryReport, generatedAt: Date = Date()) -> EnquiryReportDocument {
        var marked: [String: String?] = [:]
        for entry in answer.matches { marked[entry.siteId] = String(entry.rank) }
        let chosen = portfolio.sites.filter { marked[$0.id] != nil }
        let around = (chosen.isEmpty ? portfolio.sites : chosen).compactMap { $0.geometry.envelope }
        let extent = around.dropFirst().reduce(around.first ?? Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)) { $0.union($1) }
        let weights = answer.enquiry.weights ?? answer.enquiry.archetypeID.flatMap { catalogue.weights[$0] } ?? [:]
        var modelled: [String] = []
        if answer.enquiry.maximumMinutesToM6 != nil || answer.enquiry.maximumMinutesToUniversity != nil || answer.enquiry.maximumMinutesToHospital != nil {
            modelled.append("Drive times in the requirement checks are \(travelTimes) (SiteMatch's road-network model unless an imported matrix holds the pair).")
        }
        let run = RunRecord(tool: "sitematch \(SiteMatchRelease.version)", dataVersion: dataVersion, data: provenance.label, travelTimes: travelTimes,
                            priorWeight: answer.priorWeight, weightsSource: answer.enquiry.weights == nil ? weightsSource : "the enquiry's own weights",
                            weights: weights, sources: [provenance.label], modelled: modelled + Self.scoreStatement, generatedAt: generatedAt)
        var notices: [String] = []
        if let log = answer.log, log.dataVersion != dataVersion {
            notices.append("This enquiry was answered on data version \(log.dataVersion); the map and run record describe the data loaded now (\(dataVersion)). The shortlist is the answer as logged.")
        }
        return EnquiryReportDocument(answer: answer, map: reportMap(highlighted: marked, extent: Self.padded(extent, toAtLeast: 16_000)), run: run, siteCount: portfolio.sites.count, notices: notices)
    }

    /// Scores are model outputs whatever their inputs: said in every report.
    static let scoreStatement = [
        "Scores (0–100) and rank stability are computed by SiteMatch from the indicators, the archetype's driver weights and the Framework's location-type prior; they are modelled, not published figures.",
    ]

    func runRecord(archetype: String, indicators: [ExplainReport.IndicatorPart], extraModelled: [String], generatedAt: Date) -> RunRecord {
        let sources = Set(indicators.map(\.source).filter { !$0.isEmpty }).sorted()
        var modelled = indicators.filter { $0.quality == .modelled }.map { "\($0.indicatorId): \($0.evidence)" }
        let unknown = indicators.filter { $0.quality == .unknown }.map(\.indicatorId)
        modelled += extraModelled
        if !unknown.isEmpty { modelled.append("No figure for \(unknown.joined(separator: ", ")): scored as unknown (0.5), never as met.") }
        return RunRecord(tool: "sitematch \(SiteMatchRelease.version)", dataVersion: dataVersion, data: provenance.label, travelTimes: travelTimes,
                         priorWeight: catalogue.priorWeight, weightsSource: weightsSource, weights: catalogue.weights[archetype] ?? [:],
                         sources: sources, modelled: modelled + Self.scoreStatement, generatedAt: generatedAt)
    }

    /// Zones, road links and sites whose envelope meets `extent`; `highlighted` sites (with their
    /// marker) drawn last, on top.
    func reportMap(highlighted: [String: String?], extent: Envelope) -> ReportMap {
        func meets(_ e: Envelope?) -> Bool { e?.intersects(extent) ?? false }
        var features: [ReportMap.Feature] = []
        for district in portfolio.districts where meets(district.geometry.envelope) {
            features.append(.init(kind: .district, id: district.id, label: district.name, shape: district.geometry))
        }
        for zone in portfolio.zones where meets(zone.geometry.envelope) {
            features.append(.init(kind: .zone, id: zone.id, label: zone.name, shape: zone.geometry))
        }
        for edge in portfolio.edges where edge.line.count >= 2 && meets(Shape.lineString(edge.line).envelope) {
            features.append(.init(kind: .road, id: edge.id, label: edge.road, shape: .lineString(edge.line)))
        }
        for site in portfolio.sites where highlighted[site.id] == nil && meets(site.geometry.envelope) {
            features.append(.init(kind: .site, id: site.id, label: site.name, shape: site.geometry))
        }
        for site in portfolio.sites {
            guard let marker = highlighted[site.id] else { continue }
            features.append(.init(kind: .highlighted, id: site.id, label: site.name, shape: site.geometry, marker: marker))
        }
        return ReportMap(features: features, extent: extent)
    }

    /// `e` grown about its centre to at least `side` metres each way, with a 10 % margin.
    static func padded(_ e: Envelope, toAtLeast side: Double) -> Envelope {
        let cx = (e.minX + e.maxX) / 2, cy = (e.minY + e.maxY) / 2
        let w = max(side, (e.maxX - e.minX) * 1.1), h = max(side, (e.maxY - e.minY) * 1.1)
        return Envelope(minX: cx - w / 2, minY: cy - h / 2, maxX: cx + w / 2, maxY: cy + h / 2)
    }

    static func minutes(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(value) }
}
