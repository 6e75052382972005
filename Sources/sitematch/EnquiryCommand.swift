import ArgumentParser
import Foundation
import SiteMatchData
import SiteMatchGeometry
import SiteMatchMatching

struct EnquiryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "enquiry",
        abstract: "Answer an investor enquiry: sites meeting every requirement, ranked, then near misses and by how much.",
        discussion: """
        Give an enquiry file (YAML), flags, or both (flags override the file). A requirement the data \
        cannot confirm (e.g. no published grid headroom) is never counted as met: the site is listed as a \
        near miss with "unknown". Drive times are MODELLED.

        Examples:
          sitematch enquiry GeoData/enquiries/ceramics-scale-up.yaml
          sitematch enquiry --archetype scale_up_manufacturing --min-area 5 --min-mva 8 --max-m6-minutes 15
          sitematch enquiry --archetype materials_rd --max-university-minutes 10 --available-now --format json
        """
    )

    @Argument(help: ArgumentHelp("An enquiry file (YAML).", valueName: "file"))
    var file: String?

    @Option(help: ArgumentHelp("Score by this archetype.", valueName: "id")) var archetype: String?
    @Option(help: ArgumentHelp("Minimum site area (ha): available area if published, else site area.", valueName: "ha")) var minArea: Double?
    @Option(help: ArgumentHelp("Minimum grid headroom (MVA).", valueName: "mva")) var minMva: Double?
    @Option(help: ArgumentHelp("Maximum drive to the nearest M6 junction (min).", valueName: "min")) var maxM6Minutes: Double?
    @Option(help: ArgumentHelp("Maximum drive to the nearest university (min).", valueName: "min")) var maxUniversityMinutes: Double?
    @Option(help: ArgumentHelp("Maximum drive to the nearest acute hospital (min).", valueName: "min")) var maxHospitalMinutes: Double?
    @Option(help: ArgumentHelp("Allowed location types, e.g. C,D.", valueName: "list")) var locationTypes: String?
    @Option(help: ArgumentHelp("Excluded location types, e.g. B.", valueName: "list")) var excludeLocationTypes: String?
    @Flag(help: "Only sites whose status is available.") var availableNow = false
    @Option(help: "Near misses to list (default 5; every site when none meets all requirements).") var nearMisses: Int?
    @Option(name: [.short, .long], help: "Output format: text or json.") var format: ReportFormat = .text

    @OptionGroup var matching: MatchingOptions
    @OptionGroup var data: GeoDataOptions

    func validate() throws {
        if file == nil && archetype == nil { throw ValidationError("give an enquiry file or --archetype") }
        for (name, value) in [("--min-area", minArea), ("--min-mva", minMva), ("--max-m6-minutes", maxM6Minutes),
                              ("--max-university-minutes", maxUniversityMinutes), ("--max-hospital-minutes", maxHospitalMinutes)] {
            if let value, value < 0 || !value.isFinite { throw ValidationError("\(name) must be a number ≥ 0, got \(value)") }
        }
        for list in [locationTypes, excludeLocationTypes].compactMap({ $0 }) {
            for letter in list.split(separator: ",") where !LayerSchema.locationTypes.contains(String(letter)) {
                throw ValidationError("'\(letter)' is not a location type; expected \(LayerSchema.locationTypes.joined(separator: ", "))")
            }
        }
    }

    func run() throws {
        var enquiry = try file.map { try EnquiryLoader.load(contentsOfFile: $0) } ?? Enquiry(name: "command-line enquiry")
        if let archetype { enquiry.archetypeID = archetype; enquiry.weights = enquiry.weights.flatMap { _ in nil } }
        if let minArea { enquiry.minimumAreaHectares = minArea }
        if let minMva { enquiry.minimumMVA = minMva }
        if let maxM6Minutes { enquiry.maximumMinutesToM6 = maxM6Minutes }
        if let maxUniversityMinutes { enquiry.maximumMinutesToUniversity = maxUniversityMinutes }
        if let maxHospitalMinutes { enquiry.maximumMinutesToHospital = maxHospitalMinutes }
        if let locationTypes { enquiry.locationTypes = locationTypes.split(separator: ",").map(String.init) }
        if let excludeLocationTypes { enquiry.excludedLocationTypes = excludeLocationTypes.split(separator: ",").map(String.init) }
        if availableNow { enquiry.availableNow = true }

        let session = try loadSession(data)
        let result = try EnquiryEvaluator.evaluate(enquiry, session: session, priorWeight: matching.priorWeight)
        func name(_ id: String) -> String { session.site(id)?.name ?? id }
        // An impossible enquiry is an answer, not an error: then every site's reasons are shown.
        let shown = nearMisses ?? (result.matches.isEmpty ? result.nearMisses.count : 5)
        switch format {
        case .json:
            func entry(_ m: EnquiryMatch) -> [String: Any] {
                ["site_id": m.score.siteID, "name": name(m.score.siteID), "score": (m.score.score * 100).rounded() / 100, "reason": m.score.reason,
                 "requirements": m.checks.map { ["requirement": $0.requirement, "passed": $0.passed, "unknown": $0.unknown, "detail": $0.detail] as [String: Any] }]
            }
            let json: [String: Any] = ["enquiry": enquiry.name, "archetype": enquiry.archetypeID as Any, "matches": result.matches.map(entry),
                                       "near_misses": result.nearMisses.prefix(shown).map(entry), "travel_times": "modelled"]
            print(String(decoding: try JSONSerialization.data(withJSONObject: json, options: [.prettyPrinted, .sortedKeys]), as: UTF8.self))
        case .text:
            print("\(enquiry.name): scored as \(enquiry.archetypeID ?? "a custom weighting"); drive times modelled")
            print("\nSites meeting every requirement: \(result.matches.count)")
            for (i, m) in result.matches.enumerated() {
                print("  \(i + 1). \(fixed(m.score.score)) \(name(m.score.siteID)) (\(m.score.siteID)): \(m.score.reason)")
                for c in m.checks { print("       ✓ \(c.detail)") }
            }
            print("\nNear misses:")
            if result.nearMisses.isEmpty { print("  none") }
            for m in result.nearMisses.prefix(shown) {
                print("  \(fixed(m.score.score)) \(name(m.score.siteID)) (\(m.score.siteID)): fails \(m.failed.count)")
                for c in m.failed { print("       ✗ \(c.detail)") }
            }
        }
    }
}
