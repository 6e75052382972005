import Foundation
import SiteMatchAccessibility
import SiteMatchData
import SiteMatchGeometry

/// How exact an indicator's value is.
/// A figure's grade, DESIGN's one vocabulary (layers, reports, API, page).
public enum IndicatorQuality: String, Sendable, Codable, CaseIterable {
    /// Published by the body responsible for it (a site attribute whose source GeoData/sources.yaml grades official).
    case official
    /// Published by someone else: news, encyclopaedias and their mirrors, trade press (and any source sources.yaml does not list).
    case secondary
    /// Derived by SiteMatch from positions that are themselves placed from descriptions (counts and
    /// zone membership measured with GEOS on points placed to ±0.3–1.5 km and zones with indicative edges).
    case estimated
    /// From the road-network model or a modelled population figure.
    case modelled
    /// No figure.
    case unknown
}

/// One measured indicator of one site: value, unit, and a sentence a planner can check.
public struct Indicator: Hashable, Sendable {
    public var id: String
    public var unit: String
    public var value: IndicatorValue
    /// e.g. "Keele University — 0.1 km, 0.3 min by road (modelled)".
    public var evidence: String
    /// The layer or model it came from, with its date.
    public var source: String
    public var quality: IndicatorQuality
}

/// All indicators of one site, by indicator id.
public struct SiteIndicators: Hashable, Sendable {
    public var siteID: String
    public var values: [String: Indicator]

    public init(siteID: String, values: [String: Indicator]) {
        self.siteID = siteID
        self.values = values
    }
}

/// Measures every site's indicators from the portfolio layers (GEOS, BNG metres) and the
/// travel-time model. The catalogue refers to indicators by these ids.
public struct IndicatorMeasurer {
    /// Indicator ids and units this measurer provides.
    public static let units: [String: String] = [
        "site_area_ha": "ha", "available_area_ha": "ha", "minutes_to_m6": "min", "minutes_to_strategic_junction": "min",
        "minutes_to_university": "min", "minutes_to_research_centre": "min", "minutes_to_testing_facility": "min",
        "minutes_to_acute_hospital": "min", "minutes_to_town_centre": "min", "minutes_to_rail_station": "min",
        "working_age_30min": "people", "working_age_45min": "people", "rd_assets_within_10km": "count",
        "grid_headroom_mva": "MVA", "power_class": "class", "grid_zone": "zone", "full_fibre": "yes/no",
        "enterprise_zone": "yes/no", "industrial_use_class": "yes/no", "rd_use_class": "yes/no",
        "km_to_primary_substation": "km", "km_to_132kv_substation": "km", "queued_demand_mw": "MW",
        "bus_stops_within_400m": "count", "bus_stops_within_800m": "count", "metres_to_rail_entrance": "m",
    ]
    public static var ids: Set<String> { Set(units.keys) }
    /// Radius for counting R&D assets (straight line).
    public static let researchRadius = 10_000.0

    let portfolio: Portfolio
    let model: TravelTimeModel
    let context: GEOSContext
    /// The data and its date, as the data itself states it (the app layer reads it from dataset.yaml).
    let dataDate: String

    /// Imported drive times, used for every pair they cover (the model for the rest).
    let imported: TravelTimeMatrix?
    /// The bus stops and the rail entrances (stops.geojson), listed and indexed once; nil where there are none.
    let busStopList: [TransportStop]
    let railEntranceList: [TransportStop]
    let busStops: SpatialIndex?
    let railEntrances: SpatialIndex?
    /// Each substation's point, made once (not once per site).
    let substationPoints: [Geometry]
    /// Each substation's place in the connection queue (by substation id), matched once: the match
    /// depends only on the substation, and repeating it for every site was a tenth of measuring
    /// 1,020 sites (perf, release build). Empty where there is no queue.
    let queueMatches: [String: GridQueue.Match]

    public init(portfolio: Portfolio, model: TravelTimeModel, imported: TravelTimeMatrix? = nil, dataLabel: String = "GeoData", context: GEOSContext) throws {
        self.portfolio = portfolio
        self.model = model
        self.imported = imported
        self.dataDate = dataLabel
        self.context = context
        func index(_ stops: [TransportStop]) throws -> SpatialIndex? {
            stops.isEmpty ? nil : try SpatialIndex(stops.map { try Geometry(point: $0.location, context: context) }, context: context)
        }
        busStopList = portfolio.stops.filter(\.isBusStop)
        railEntranceList = portfolio.stops.filter { !$0.isBusStop }
        busStops = try index(busStopList)
        railEntrances = try index(railEntranceList)
        substationPoints = try portfolio.substations.map { try Geometry(point: $0.location, context: context) }
        queueMatches = portfolio.gridQueue.map { queue in
            Dictionary(portfolio.substations.filter(\.suppliesAsPrimary).map { ($0.id, queue.supplyPoints(of: $0, substations: portfolio.substations)) },
                       uniquingKeysWith: { first, _ in first })
        } ?? [:]
    }

    /// The indicators of every site, keyed by site id, on this measurer's thread.
    public func measureAll() throws -> [String: SiteIndicators] {
        var result: [String: SiteIndicators] = [:]
        for site in portfolio.sites { result[site.id] = try measure(site) }
        return result
    }

    /// The indicators of every site, keyed by site id, measured on `workers` threads, each with its
    /// own measurer on its own GEOS context (a measurer's indexes and geometries are never shared).
    /// Each site is measured from the same inputs alone, so the result does not depend on `workers`;
    /// the error of the first failing site (in layer order) is the one thrown, as on one thread.
    public static func measureAll(portfolio: Portfolio, model: TravelTimeModel, imported: TravelTimeMatrix? = nil, dataLabel: String = "GeoData",
                                  workers: Int = ParallelWorkers.defaultCount) throws -> [String: SiteIndicators] {
        let sites = portfolio.sites
        let measured = try ParallelWorkers.mapBlocks(count: sites.count, workers: workers, blockSize: 8, prepare: { context in
            try IndicatorMeasurer(portfolio: portfolio, model: model, imported: imported, dataLabel: dataLabel, context: context)
        }) { measurer, range in try range.map { try measurer.measure(sites[$0]) } }
        return Dictionary(zip(sites.map(\.id), measured), uniquingKeysWith: { _, last in last })  // as measureAll()
    }

    public func measure(_ site: Site) throws -> SiteIndicators {
        let polygon = try Geometry(site.geometry, context: context)
        let times = SiteTimes(siteID: site.id, model: model, imported: imported)
        var values: [String: Indicator] = [:]
        func add(_ id: String, _ value: IndicatorValue, _ evidence: String, _ source: String, _ quality: IndicatorQuality) {
            values[id] = Indicator(id: id, unit: Self.units[id] ?? "", value: value, evidence: evidence, source: source, quality: value == .unknown ? .unknown : quality)
        }
        let modelSource = "road-network model, \(model.profile.name) profile (\(dataDate))"

        /// The quickest destination among `assets` (or population points), with evidence saying whether
        /// its time is modelled or imported.
        func nearest(_ id: String, _ what: String, _ places: [(id: String, name: String, location: Coordinate)]) throws {
            var best: (minutes: Double, source: String, name: String, location: Coordinate)?
            for place in places {
                guard let time = times.minutes(to: place.id) else { continue }
                if best == nil || time.minutes < best!.minutes || (time.minutes == best!.minutes && place.name < best!.name) {
                    best = (time.minutes, time.source, place.name, place.location)
                }
            }
            guard let best else { return add(id, .unknown, "no \(what) reachable on the modelled network" + (imported == nil ? "" : " or in the imported matrix"), modelSource, .unknown) }
            let km = try polygon.distance(to: Geometry(point: best.location, context: context)) / 1000
            let source = best.source == "modelled" ? modelSource : "\(best.source) (\(model.profile.name))"
            add(id, .number(best.minutes), String(format: "%@ — %.1f km, %.1f min by road (%@)", best.name, km, best.minutes, best.source), source, .modelled)
        }
        func assets(_ categories: Set<String>, road: String? = nil) -> [(id: String, name: String, location: Coordinate)] {
            portfolio.assets.filter { categories.contains($0.category) && (road == nil || $0.properties["road"]?.stringValue == road) }
                .map { ($0.id, $0.name, $0.location) }
        }

        // Published attributes, graded by their source (sources.yaml).
        let siteSource = "sites.geojson (\(dataDate)); \(site.properties["source"]?.stringValue ?? "")"
        let published: IndicatorQuality = portfolio.sourceGrades.grade(properties: site.properties) == .official ? .official : .secondary
        add("site_area_ha", site.areaHectares.map { .number($0) } ?? .unknown,
            site.areaHectares.map { String(format: "published site area %.1f ha", $0) } ?? "no published site area (the indicative polygon's size is not used)", siteSource, published)
        add("available_area_ha", site.availableAreaHectares.map { .number($0) } ?? .unknown,
            site.availableAreaHectares.map { String(format: "published available/net area %.1f ha", $0) } ?? "no published available area", siteSource, published)
        add("grid_headroom_mva", site.gridHeadroomMVA.map { .number($0) } ?? .unknown,
            site.gridHeadroomMVA.map { String(format: "grid headroom %.1f MVA", $0) } ?? "no published grid headroom", siteSource, published)
        add("power_class", site.powerClass.map { .text($0) } ?? .unknown,
            site.powerClass.map { "power class \($0): \(site.properties["power_note"]?.stringValue ?? "")" } ?? "no stated power capacity", siteSource, published)
        add("full_fibre", site.fullFibre.map { .flag($0) } ?? .unknown, site.fullFibre.map { $0 ? "full fibre on site" : "no full fibre" } ?? "full-fibre availability not known", siteSource, published)
        add("enterprise_zone", .flag(site.enterpriseZone), site.enterpriseZone ? "in the \(site.properties["enterprise_zone_name"]?.stringValue ?? "enterprise zone")" : "not in an enterprise zone", siteSource, published)
        let uses = site.properties["use_classes"]?.arrayValue?.compactMap(\.stringValue)
        add("industrial_use_class", uses.map { u in .flag(u.contains { $0 == "B2" || $0 == "B8" || $0 == "E(g)(iii)" }) } ?? .unknown,
            uses.map { "use classes \($0.joined(separator: ", "))" } ?? "use classes not known", siteSource, published)
        add("rd_use_class", uses.map { u in .flag(u.contains { $0 == "E(g)(ii)" || $0 == "B1" || $0 == "E(g)" }) } ?? .unknown,
            uses.map { "use classes \($0.joined(separator: ", "))" } ?? "use classes not known", siteSource, published)

        // Measured with GEOS on estimated positions and indicative edges: estimated.
        let research = portfolio.assets.filter { ["university", "research_centre", "testing_facility", "medical_school"].contains($0.category) }
        var within: [String] = []
        for asset in research where try polygon.isWithinDistance(Self.researchRadius, of: Geometry(point: asset.location, context: context)) { within.append(asset.name) }
        add("rd_assets_within_10km", .number(Double(within.count)),
            within.isEmpty ? "no university, research or testing centre within 10 km" : "\(within.count) within 10 km: " + within.prefix(4).joined(separator: "; ") + (within.count > 4 ? "; …" : ""),
            "assets.geojson, straight-line distance (\(dataDate))", .estimated)
        var zone: Zone?
        for z in portfolio.zones where z.zoneType == "grid_constraint" {
            if try polygon.intersects(Geometry(z.geometry, context: context)) { zone = z; break }
        }
        add("grid_zone", zone?.gridConstraint.map { .text($0) } ?? .unknown,
            zone.map { "in \($0.name) (indicative edge)" } ?? "outside the Strategy's grid zones (no statement for this area)", "zones.geojson; \(zone?.source ?? "City Strategy 2024-28")", .estimated)

        try measurePower(site, polygon: polygon, add: add)
        try measureStops(site, polygon: polygon, add: add)

        // Modelled drive times.
        try nearest("minutes_to_m6", "M6 junction", assets(["motorway_junction"], road: "M6"))
        try nearest("minutes_to_strategic_junction", "strategic junction", assets(["motorway_junction", "road_junction"]))
        try nearest("minutes_to_university", "university", assets(["university"]))
        try nearest("minutes_to_research_centre", "research centre", assets(["university", "research_centre", "medical_school"]))
        try nearest("minutes_to_testing_facility", "testing facility", assets(["testing_facility"]))
        try nearest("minutes_to_acute_hospital", "acute hospital", assets(["acute_hospital"]))
        try nearest("minutes_to_rail_station", "rail station", assets(["rail_station"]))
        try nearest("minutes_to_town_centre", "town centre", portfolio.population.filter { $0.properties["level"]?.stringValue == "town" }.map { ($0.id, $0.name, $0.location) })

        // Modelled catchments.
        let catchments = CatchmentBuilder.catchments(siteID: site.id, budgets: [30, 45], portfolio: portfolio, profile: model.profile.name, times: times)
        let timesSource = "\(imported.map { "imported:\($0.source) where it has the pair, else " } ?? "")\(modelSource)"
        for (id, c) in zip(["working_age_30min", "working_age_45min"], catchments) {
            if c.countsCensusAreas {
                add(id, .number(Double(c.workingAgePopulation)),
                    "\(c.workingAgePopulation) residents aged 16-64 (ONS Census 2021) in \(c.members.count) LSOAs within \(Int(c.minutes)) min by road (modelled)"
                        + (c.areasBeyondReach > 0 ? "; \(c.areasBeyondReach) LSOAs of the layer (\(c.populationBeyondReach) residents) lie beyond the modelled network's reach and are never counted" : ""),
                    "census-lsoa.geojson (ONS Census 2021) + \(timesSource)", .modelled)
            } else {
                add(id, .number(Double(c.workingAgePopulation)),
                    "\(c.workingAgePopulation) working-age people (modelled) in \(c.members.count) places within \(Int(c.minutes)) min by road (modelled)" +
                        (c.membersWithoutWorkingAge > 0 ? "; \(c.membersWithoutWorkingAge) place(s) without a figure" : ""),
                    "population.geojson (mixed years 2011-2022) + \(timesSource)", .modelled)
            }
        }
        return SiteIndicators(siteID: site.id, values: values)
    }
}

extension IndicatorMeasurer {
    /// The network operator's substations near the site and the connection queue behind the nearest
    /// primary (NGED open data): straight-line distances with GEOS to the site polygon, and the demand
    /// already queued behind its bulk supply point — a pressure signal, never headroom.
    func measurePower(_ site: Site, polygon: Geometry, add: (String, IndicatorValue, String, String, IndicatorQuality) -> Void) throws {
        let layer = "substations.geojson, NGED open data (straight line to the site polygon)"
        guard !portfolio.substations.isEmpty else {
            for id in ["km_to_primary_substation", "km_to_132kv_substation", "queued_demand_mw"] {
                add(id, .unknown, "no substations layer in this GeoData directory", "none", .unknown)
            }
            return
        }
        // NGED's positions are official; a distance to an indicative polygon is only as good as its edge.
        let grade: IndicatorQuality = site.geometryQuality == "surveyed" ? .official : .estimated
        let edge = site.geometryQuality == "surveyed" ? "" : " (to the indicative polygon)"
        func nearest(_ keep: (Substation) -> Bool) throws -> (substation: Substation, km: Double)? {
            var best: (substation: Substation, km: Double)?
            for (s, point) in zip(portfolio.substations, substationPoints) where keep(s) {
                let km = try polygon.distance(to: point) / 1000
                if best == nil || km < best!.km || (km == best!.km && s.id < best!.substation.id) { best = (s, km) }
            }
            return best
        }
        let primary = try nearest(\.suppliesAsPrimary)
        if let primary {
            add("km_to_primary_substation", .number(primary.km),
                String(format: "%@ (%@) %.1f km%@", primary.substation.name, primary.substation.typeDescription, primary.km, edge), layer, grade)
        } else {
            add("km_to_primary_substation", .unknown, "no primary substation in the substations layer", layer, .unknown)
        }
        if let high = try nearest(\.isAtLeast132kV) {
            add("km_to_132kv_substation", .number(high.km),
                String(format: "%@ (%@, 132 kV or above) %.1f km%@", high.substation.name, high.substation.typeDescription, high.km, edge), layer, grade)
        } else {
            add("km_to_132kv_substation", .unknown, "no substation of 132 kV or above in the substations layer", layer, .unknown)
        }
        guard let primary else { return add("queued_demand_mw", .unknown, "no primary substation to look up in the connection queue", layer, .unknown) }
        guard let queue = portfolio.gridQueue else {
            return add("queued_demand_mw", .unknown, "no connection queue in this GeoData directory (nged-connection-queue-*.csv)", "none", .unknown)
        }
        let queueSource = "\(queue.file), NGED new-connections update: queue, not headroom"
        switch queueMatches[primary.substation.id] ?? queue.supplyPoints(of: primary.substation, substations: portfolio.substations) {
        case .notInQueue:
            add("queued_demand_mw", .unknown,
                "no row of the connection queue names \(primary.substation.name): nothing is queued there, or the queue spells it differently, so its supply point is not known (not guessed by distance)",
                queueSource, .unknown)
        case let .ambiguous(candidates):
            add("queued_demand_mw", .unknown,
                "the connection queue names a primary '\(GridQueue.placeName(primary.substation.name))' under \(candidates.count) supply point\(candidates.count == 1 ? "" : "s") (\(candidates.map { $0.bulkSupplyPoint ?? $0.gridSupplyPoint }.joined(separator: "; "))) and the substations layer does not confirm one of them near it, so no figure is taken",
                queueSource, .unknown)
        case let .found(points):
            let grid = queue.demand(behindGridSupplyPoint: points.gridSupplyPoint)
            let gridText = String(format: "%.1f MW behind grid supply point %@", grid.queuedMW, points.gridSupplyPoint)
            if let bsp = points.bulkSupplyPoint {
                let d = queue.demand(behindBulkSupplyPoint: bsp)
                add("queued_demand_mw", .number(d.queuedMW),
                    String(format: "%.1f MW of demand accepted or offered behind bulk supply point %@ (above %@)", d.queuedMW, bsp, primary.substation.name)
                        + (d.budgetEstimateMW > 0 ? String(format: ", %.1f MW more at budget-estimate stage", d.budgetEstimateMW) : "") + "; \(gridText); queue, not headroom",
                    queueSource, .official)
            } else {
                add("queued_demand_mw", .number(grid.queuedMW),
                    "\(primary.substation.name) connects directly at the grid supply point: \(gridText)" + (grid.budgetEstimateMW > 0 ? String(format: ", %.1f MW more at budget-estimate stage", grid.budgetEstimateMW) : "") + "; queue, not headroom",
                    queueSource, .official)
            }
        }
    }
}

extension IndicatorMeasurer {
    /// Public transport from DfT NaPTAN: bus stops within 400 m and 800 m of the site polygon and the
    /// distance to the nearest rail station entrance, all straight line (GEOS), not walking routes.
    /// Stops present, not service frequency; the file covers Stoke-on-Trent and Staffordshire only.
    func measureStops(_ site: Site, polygon: Geometry, add: (String, IndicatorValue, String, String, IndicatorQuality) -> Void) throws {
        let ids = ["bus_stops_within_400m", "bus_stops_within_800m", "metres_to_rail_entrance"]
        guard !portfolio.stops.isEmpty else {
            for id in ids { add(id, .unknown, "no stops layer in this GeoData directory", "none", .unknown) }
            return
        }
        let layer = "stops.geojson, DfT NaPTAN (straight line to the site polygon; stops present, not service frequency; Stoke-on-Trent and Staffordshire only)"
        let grade: IndicatorQuality = site.geometryQuality == "surveyed" ? .official : .estimated
        let edge = site.geometryQuality == "surveyed" ? "" : " of the indicative polygon"
        for (id, metres) in zip(ids.prefix(2), [400.0, 800.0]) {
            guard let busStops else {
                add(id, .unknown, "no bus stops in the stops layer", layer, .unknown); continue
            }
            let near = try busStops.query(withinDistance: metres, of: polygon)
            let names = near.prefix(3).map { busStopList[$0].name }
            add(id, .number(Double(near.count)),
                "\(near.count) bus stop\(near.count == 1 ? "" : "s") within \(Int(metres)) m\(edge)" + (names.isEmpty ? "" : ": " + names.joined(separator: "; ") + (near.count > 3 ? "; …" : "")),
                layer, grade)
        }
        if let railEntrances, let nearest = try railEntrances.nearest(to: polygon) {
            add("metres_to_rail_entrance", .number(nearest.distance.rounded()),
                String(format: "%@ %.0f m from the %@ in a straight line (a walking route is longer)", railEntranceList[nearest.index].name, nearest.distance,
                       site.geometryQuality == "surveyed" ? "site" : "indicative polygon"), layer, grade)
        } else {
            add("metres_to_rail_entrance", .unknown, "no rail station entrance in the stops layer", layer, .unknown)
        }
    }
}
