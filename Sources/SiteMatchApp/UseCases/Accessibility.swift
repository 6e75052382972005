import Foundation
import SiteMatchAccessibility
import SiteMatchData
import SiteMatchGeometry

/// Which model a travel-time use case runs on: a speed profile, optionally with a network scenario file.
public struct ModelChoice: Hashable, Sendable {
    public var profile: String
    /// A scenario file (YAML) to apply to the road network, or nil for the baseline.
    public var scenarioFile: String?

    public init(profile: String = "car", scenarioFile: String? = nil) {
        self.profile = profile
        self.scenarioFile = scenarioFile
    }

    /// "modelled", or "modelled (scenario: FILE)".
    var source: String { "modelled" + (scenarioFile.map { " (scenario: \($0))" } ?? "") }
}

extension Workspace {
    func model(_ choice: ModelChoice, context: GEOSContext) throws -> TravelTimeModel {
        try model(profile: choice.profile, scenario: choice.scenarioFile.map { try NetworkScenarioLoader.load(contentsOfFile: $0) }, context: context)
    }

    /// Budgets in minutes, ascending; each within ``Limits/budget`` (above 0, at most 600).
    static func checkedBudgets(_ budgets: [Double]) throws -> [Double] {
        guard !budgets.isEmpty else { throw SiteMatchError.usage("--minutes needs at least one budget, e.g. 15,30,45") }
        if let bad = budgets.first(where: { !Limits.budget.contains($0) }) {
            throw SiteMatchError.usage("--minutes: each budget \(Limits.budget.problem(bad)!)")
        }
        return budgets.sorted()
    }
}

// MARK: - catchment

/// `catchment`: population and working-age population reachable from a site within time budgets.
/// Report: ``CatchmentReport``; schema `docs/schema/catchment.schema.json`.
public struct CatchmentReport: Hashable, Sendable, Codable {
    /// A population point within the budget: id, name, minutes, population, working-age population
    /// (nil where the point has none), census or estimate year, source.
    public typealias Member = Catchment.Member

    public struct Budget: Hashable, Sendable, Codable {
        public var minutes: Double
        public var population: Int
        /// Modelled from age shares in the shipped data (PROVENANCE.md).
        public var workingAgePopulation: Int
        public var membersWithoutWorkingAge: Int
        public var members: [Member]
        /// What was counted: ``Catchment/censusBasis`` (working age 16–64 from the census bands) or
        /// "population.geojson points" (working age modelled). Absent from reports before census areas.
        public var basis: String?
        /// Census areas no modelled road is within reach of: never counted in any catchment.
        public var areasBeyondReach: Int?
        public var populationBeyondReach: Int?
        /// True when census areas were counted.
        public var countsCensusAreas: Bool { basis == Catchment.censusBasis }
    }

    public var siteId: String
    public var siteName: String
    public var profile: String
    /// "modelled", or "modelled (scenario: FILE)".
    public var source: String
    public var data: String
    public var catchments: [Budget]
}

extension Workspace {
    /// The `use_in_catchment` population points within each budget of `siteID`.
    /// - Throws: `.notFound` for an unknown site or profile; `.usage` for a budget ≤ 0; `.input` for a bad scenario file.
    public func catchment(site siteID: String, minutes budgets: [Double], model choice: ModelChoice = ModelChoice()) throws -> CatchmentReport {
        let site = try site(siteID)
        let budgets = try Self.checkedBudgets(budgets)
        let model = try model(choice, context: GEOSContext())
        // An imported matrix knows nothing of a scenario's edits, so under a scenario the model alone answers.
        let imported = choice.scenarioFile == nil ? importedMatrix : nil
        let times = SiteTimes(siteID: site.id, model: model, imported: imported)
        let catchments = CatchmentBuilder.catchments(siteID: site.id, budgets: budgets, portfolio: portfolio, profile: model.profile.name, times: times)
        let source = imported == nil ? choice.source : travelTimes
        return CatchmentReport(siteId: site.id, siteName: site.name, profile: model.profile.name, source: source, data: provenance.label,
                               catchments: catchments.map { c in
            .init(minutes: c.minutes, population: c.population, workingAgePopulation: c.workingAgePopulation, membersWithoutWorkingAge: c.membersWithoutWorkingAge,
                  members: c.members, basis: c.basis, areasBeyondReach: c.areasBeyondReach, populationBeyondReach: c.populationBeyondReach)
        })
    }
}

// MARK: - isochrones

extension Workspace {
    /// `isochrone`: nested areas reachable from one site (or every site when `siteID` is nil) within
    /// each budget, as an RFC 7946 layer (write it with ``GeoJSONWriter``) in WGS84 on the 6-decimal
    /// grid, nested exactly (``IsochroneBuilder/nestedWGS84(_:gridDegrees:context:)``). Every feature
    /// carries site_id, minutes, profile, source and area_km2 (measured in BNG before rounding). Schema `docs/schema/isochrones.schema.json`.
    /// - Throws: `.notFound` for an unknown site or profile; `.usage` for a budget ≤ 0.
    public func isochrones(site siteID: String?, minutes budgets: [Double], model choice: ModelChoice = ModelChoice(),
                           progress: (Int, Int, String) -> Void = { _, _, _ in }) throws -> FeatureCollection {
        let budgets = try Self.checkedBudgets(budgets)
        let context = GEOSContext()
        let sites = try siteID.map { [try site($0)] } ?? portfolio.sites
        let model = try model(choice, context: context)
        let isochrones = try IsochroneBuilder.isochrones(sites: sites, budgets: budgets, model: model, context: context) { i, site in
            progress(i + 1, sites.count, site.id)
        }
        let written = try IsochroneBuilder.nestedWGS84(isochrones, context: context)
        let features = try zip(isochrones, written).map { iso, area in
            let km2 = try Geometry(iso.area, context: context).area() / 1_000_000
            return Feature(geometry: area, properties: [
                "site_id": .string(iso.siteID), "minutes": .number(iso.minutes), "profile": .string(iso.profile),
                "source": .string(choice.source),
                "area_km2": .number((km2 * 100).rounded() / 100),
            ])
        }
        return FeatureCollection(features: features, crs: .wgs84)
    }
}

// MARK: - travel times

/// `travel-times`: drive times from every site to every asset and population point.
/// Report: ``TravelTimesReport``; schema `docs/schema/travel-times.schema.json`.
public struct TravelTimesReport: Hashable, Sendable, Codable {
    public struct Row: Hashable, Sendable, Codable {
        public var fromId: String
        public var toId: String
        public var mode: String
        public var minutes: Double
        /// "modelled" or "imported:FILE".
        public var source: String
        /// The off-network legs (m) joining each end to the modelled network (modelled rows only).
        public var fromSnapM: Double?
        public var toSnapM: Double?
    }

    public var profile: String
    public var data: String
    public var rows: [Row]
    /// Pairs with no route, left out (never written as 0).
    public var unreachable: Int
}

extension Workspace {
    /// Every site × destination for the profile; the workspace's imported matrix replaces the
    /// model's figures for the pairs it covers.
    /// - Throws: `.notFound` for an unknown profile; `.input` for a bad scenario file.
    public func travelTimes(model choice: ModelChoice = ModelChoice()) throws -> TravelTimesReport {
        let model = try model(choice, context: GEOSContext())
        let (rows, unreachable) = TravelTimeTable.rows(model: model, portfolio: portfolio, imported: importedMatrix)
        return TravelTimesReport(profile: model.profile.name, data: provenance.label, rows: rows.map {
            .init(fromId: $0.from, toId: $0.to, mode: $0.mode, minutes: $0.minutes, source: $0.source, fromSnapM: $0.fromSnapMetres, toSnapM: $0.toSnapMetres)
        }, unreachable: unreachable)
    }
}

// MARK: - scenario diff

/// `scenario-diff`: per site, how a network scenario changes drive time to the M6 and to a
/// university, and the 30/45-minute catchments. Model only: a scenario edits the network.
/// Report: ``ScenarioDiffReport``; schema `docs/schema/scenario-diff.schema.json`.
public struct ScenarioDiffReport: Hashable, Sendable, Codable {
    public struct SiteChange: Hashable, Sendable, Codable {
        public var siteId: String
        public var siteName: String
        /// Minutes; nil where unreachable.
        public var m6MinBefore: Double?
        public var m6MinAfter: Double?
        public var universityMinBefore: Double?
        public var universityMinAfter: Double?
        public var pop30minBefore: Int
        public var pop30minAfter: Int
        public var pop45minBefore: Int
        public var pop45minAfter: Int
    }

    public var scenario: String
    public var file: String
    public var profile: String
    /// Always "modelled": both sides come from the road-network model (an imported matrix is not
    /// used: a scenario edits the network, which imported times know nothing of).
    public var source: String
    /// Speed changes that lower a road's modelled speed (an "improvement" that slows traffic is
    /// usually a mistake in the scenario file).
    public var warnings: [String]
    public var data: String
    public var sites: [SiteChange]
}

extension Workspace {
    /// Compares the modelled baseline with the model after the scenario file's edits.
    /// - Throws: `.notFound` for an unknown profile; `.input` naming the scenario file's field.
    public func scenarioDiff(file: String, profile name: String = "car", progress: (String) -> Void = { _ in }) throws -> ScenarioDiffReport {
        let context = GEOSContext()
        let speeds = try profile(name)
        let scenario = try NetworkScenarioLoader.load(contentsOfFile: file)
        progress("Comparing the baseline with '\(scenario.name)' (\(speeds.name), modelled) …")
        let baseline = try model(profile: name, scenario: nil, context: context)
        let changed = try model(profile: name, scenario: scenario, context: context)
        let changes = ScenarioComparison.compare(portfolio: portfolio, baseline: baseline, scenario: changed)
        let effects = try scenario.apply(to: portfolio, profile: speeds).effects
        let warnings = effects.filter { $0.afterKmh < $0.beforeKmh }.map { e in
            "speed_changes[\(e.change)] lowers edge \(e.edge) (\(e.road)) from \(NumberRange.format(e.beforeKmh)) to \(NumberRange.format(e.afterKmh)) km/h (\(speeds.name)); use factor: above 1 for an improvement"
        }
        return ScenarioDiffReport(scenario: scenario.name, file: file, profile: speeds.name, source: "modelled", warnings: warnings, data: provenance.label, sites: changes.map { c in
            .init(siteId: c.siteID, siteName: siteName(c.siteID), m6MinBefore: c.m6Before, m6MinAfter: c.m6After, universityMinBefore: c.universityBefore, universityMinAfter: c.universityAfter,
                  pop30minBefore: c.catchment30Before, pop30minAfter: c.catchment30After, pop45minBefore: c.catchment45Before, pop45minAfter: c.catchment45After)
        })
    }
}
