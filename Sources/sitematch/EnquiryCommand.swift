import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchData

struct EnquiryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enquiry",
        abstract: "Answer an investor enquiry: sites meeting every requirement, ranked, then near misses and by how much.",
        discussion: """
        Give an enquiry file (YAML), flags, or both (flags override the file). Without an archetype or \
        weights, sites are scored with equal weights on every driver. A requirement the data \
        cannot confirm (e.g. no published grid headroom) is never counted as met: the site is listed as a \
        near miss with "unknown". Drive times are MODELLED.

        Examples:
          sitematch enquiry GeoData/enquiries/ceramics-scale-up.yaml
          sitematch enquiry --archetype scale_up_manufacturing --min-area 5 --min-mva 8 --max-m6-minutes 15
          sitematch enquiry --archetype materials_rd --max-university-minutes 10 --available-now --format json
          sitematch enquiry GeoData/enquiries/ceramics-scale-up.yaml --matrix r5py-car.csv --matrix-mode car
        """
    )

    @Argument(help: ArgumentHelp("An enquiry file (YAML).", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("Score by this archetype.", valueName: "id")) var archetype: String?
    @Option(parsing: .unconditional, help: ArgumentHelp("Minimum site area (ha): available area if published, else site area.", valueName: "ha")) var minArea: Double?
    @Option(parsing: .unconditional, help: ArgumentHelp("Minimum grid headroom (MVA).", valueName: "mva")) var minMva: Double?
    @Option(parsing: .unconditional, help: ArgumentHelp("Maximum drive to the nearest M6 junction (min).", valueName: "min")) var maxM6Minutes: Double?
    @Option(parsing: .unconditional, help: ArgumentHelp("Maximum drive to the nearest university (min).", valueName: "min")) var maxUniversityMinutes: Double?
    @Option(parsing: .unconditional, help: ArgumentHelp("Maximum drive to the nearest acute hospital (min).", valueName: "min")) var maxHospitalMinutes: Double?
    @Option(help: ArgumentHelp("Allowed location types, e.g. C,D.", valueName: "list")) var locationTypes: String?
    @Option(help: ArgumentHelp("Excluded location types, e.g. B.", valueName: "list")) var excludeLocationTypes: String?
    @Flag(help: "Only sites whose status is available.") var availableNow = false
    @Option(parsing: .unconditional, help: "Near misses to list (default 5; every site when none meets all requirements).") var nearMisses: Int?
    @Option(name: [.short, .long], help: "Output format: text or json.") var format: ReportFormat = .text

    @OptionGroup var matching: MatchingOptions
    @OptionGroup var times: MatrixOptions
    @OptionGroup var data: GeoDataOptions

    /// The flags that change the enquiry document.
    var overrides: EnquiryOverrides {
        var o = EnquiryOverrides()
        o.archetype = archetype
        o.minimumAreaHectares = minArea
        o.minimumMVA = minMva
        o.maximumMinutesToM6 = maxM6Minutes
        o.maximumMinutesToUniversity = maxUniversityMinutes
        o.maximumMinutesToHospital = maxHospitalMinutes
        o.locationTypes = locationTypes.map { $0.split(separator: ",").map(String.init) }
        o.excludedLocationTypes = excludeLocationTypes.map { $0.split(separator: ",").map(String.init) }
        o.availableNow = availableNow
        return o
    }

    func run() throws {
        let enquiry = try overrides.applied(to: file.map { try EnquiryLoader.load(contentsOfFile: $0) })
        let report = try data.workspace(times, ahp: matching.ahp).answer(enquiry, nearMisses: nearMisses, priorWeight: matching.priorWeight)
        print(format == .json ? try ReportJSON.text(report) : Self.text(report), terminator: "")
    }

    static func text(_ report: EnquiryReport) -> String {
        var out = "\(report.enquiry.name): scored as \(report.scoredAsDescription); drive times \(report.travelTimes)\n"
        out += "\nSites meeting every requirement: \(report.matches.count)\n"
        for m in report.matches {
            out += "  \(m.rank). \(fixed(m.score)) \(m.name) (\(m.siteId)): \(m.reason)\n"
            out += "       stability: \(m.stability.summary)\n"
            for c in m.requirements { out += "       ✓ \(c.detail)\n" }
        }
        if let toConfirm = report.powerToConfirm, report.enquiry.minimumMVA != nil {
            out += "\nMeet every known requirement — power to be confirmed with the network operator: \(toConfirm.count)\n"
            for m in toConfirm {
                out += "  \(m.rank). \(fixed(m.score)) \(m.name) (\(m.siteId)): \(m.reason)\n"
                for c in m.requirements { out += "       \(c.passed ? "✓" : "?") \(c.detail)\n" }
                for e in m.power ?? [] { out += "       ⚡ \(e.text) [\(e.grade.rawValue)]\n" }
            }
        }
        out += "\nNear misses:\n"
        if report.nearMissesTotal == 0 { out += "  none\n" }
        for m in report.nearMisses {
            let failed = m.requirements.filter { !$0.passed }
            out += "  \(fixed(m.score)) \(m.name) (\(m.siteId)): fails \(failed.count)\n"
            for c in failed { out += "       ✗ \(c.detail)\n" }
        }
        return out
    }
}
