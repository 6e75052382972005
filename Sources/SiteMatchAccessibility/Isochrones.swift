import SiteMatchData
import SiteMatchGeometry

/// The area reachable from a site within a time budget, in BNG metres.
public struct Isochrone: Sendable {
    public var siteID: String
    public var minutes: Double
    public var profile: String
    /// "modelled": built from the road-network model.
    public var source: String
    public var area: Shape
}

public enum IsochroneBuilder {
    /// Half-width (m) of the band around each reachable stretch of road: it stands for the local
    /// roads the model leaves out.
    public static let roadBand = 1_000.0
    /// Holes smaller than this (m²) are filled: they are gaps between bands, not unreachable land.
    public static let minimumHole = 1_000_000.0

    /// Nested isochrones (one per budget, ascending) for one site: the union of the reachable parts
    /// of every edge, each widened by ``roadBand``, plus the site itself. Larger budgets reach a
    /// superset of road, so the polygons nest.
    public static func isochrones(site: Site, budgets: [Double], model: TravelTimeModel, context: GEOSContext) throws -> [Isochrone] {
        try isochrones(sites: [site], budgets: budgets, model: model, context: context)
    }

    /// Isochrones of several sites (site by site, budgets ascending), building the road geometries once.
    public static func isochrones(sites: [Site], budgets: [Double], model: TravelTimeModel, context: GEOSContext,
                                  progress: (Int, Site) -> Void = { _, _ in }) throws -> [Isochrone] {
        let lines = try model.graph.edges.map { try Geometry(.lineString($0.line), context: context) }
        var result: [Isochrone] = []
        for (i, site) in sites.enumerated() {
            progress(i, site)
            result += try isochrones(site: site, budgets: budgets, model: model, lines: lines, context: context)
        }
        return result
    }

    /// The isochrones' areas as they will be written: in WGS84, every vertex on the grid of
    /// `gridDegrees` (RFC 7946 output keeps 6 decimals), and nested exactly on that grid — each
    /// site's larger budget is unioned with its smaller one in fixed precision, so a point-in-polygon
    /// test on the written file agrees with the nesting. (Rounding each polygon on its own broke it
    /// by up to ~1,900 m².) Same order as `isochrones`.
    public static func nestedWGS84(_ isochrones: [Isochrone], gridDegrees: Double = 1e-6, context: GEOSContext) throws -> [Shape] {
        let toWGS84 = try CoordinateTransformer(from: .britishNationalGrid, to: .wgs84)
        var result: [Shape] = []
        var previous: (siteID: String, minutes: Double, area: Geometry)?
        for iso in isochrones {
            var area = try Geometry(toWGS84.transform(iso.area), context: context).snappedToGrid(gridDegrees)
            if let p = previous, p.siteID == iso.siteID, p.minutes <= iso.minutes {
                area = try area.union(p.area, gridSize: gridDegrees)
                // Snap rounding may move an edge by under one grid cell, so the union can miss a sliver
                // of the smaller area. Then union with the smaller area widened by a few cells (2 cells
                // ≈ 0.2 m, nothing beside the model's 1 km road band), which no snap can undo.
                var margin = 2.0
                while try !area.covers(p.area) {
                    guard margin <= 16 else {
                        throw GeometryError.geos(operation: "nesting isochrones", message: "\(iso.siteID) \(iso.minutes) min does not cover the smaller budget on the output grid")
                    }
                    area = try area.union(p.area.buffer(margin * gridDegrees, quadrantSegments: 2), gridSize: gridDegrees)
                    margin *= 2
                }
            }
            previous = (iso.siteID, iso.minutes, area)
            result.append(try area.shape)
        }
        return result
    }

    static func isochrones(site: Site, budgets: [Double], model: TravelTimeModel, lines: [Geometry], context: GEOSContext) throws -> [Isochrone] {
        guard let times = model.nodeTimes(fromSite: site.id) else { return [] }
        let graph = model.graph
        let siteGeometry = try Geometry(site.geometry, context: context)
        return try budgets.sorted().map { budget in
            var pieces: [Geometry] = [siteGeometry]
            for (e, edge) in graph.edges.enumerated() {
                let length = graph.lengths[e], perMetre = graph.minutes[e] / max(length, 1e-9)
                let from = graph.index[edge.from]!, to = graph.index[edge.to]!
                // From the `from` end forwards; from the `to` end backwards only if two-way.
                if times[from] < budget {
                    let reach = min(length, (budget - times[from]) / perMetre)
                    pieces.append(try stretch(lines[e], from: 0, to: reach))
                }
                if !edge.oneway, times[to] < budget {
                    let reach = min(length, (budget - times[to]) / perMetre)
                    pieces.append(try stretch(lines[e], from: length - reach, to: length))
                }
            }
            let banded = try pieces.map { try $0 === siteGeometry ? $0 : $0.buffer(roadBand, quadrantSegments: 8) }
            let area = try fillSmallHoles(Geometry.union(of: banded, context: context), context: context)
            return Isochrone(siteID: site.id, minutes: budget, profile: model.profile.name, source: "modelled", area: try area.shape)
        }
    }

    /// The part of a line between two distances along it (through GEOS interpolation).
    static func stretch(_ line: Geometry, from start: Double, to end: Double) throws -> Geometry {
        let a = try line.point(atDistanceAlong: start).pointCoordinate()
        let b = try line.point(atDistanceAlong: end).pointCoordinate()
        guard case let .lineString(vertices) = try line.shape else { return try Geometry(point: a, context: line.context) }
        var points = [a]
        for vertex in vertices.dropFirst().dropLast() {
            let along = try line.distanceAlong(to: Geometry(point: vertex, context: line.context))
            if along > start && along < end { points.append(vertex) }
        }
        points.append(b)
        return a == b && points.count == 2 ? try Geometry(point: a, context: line.context) : try Geometry(.lineString(points), context: line.context)
    }

    static func fillSmallHoles(_ geometry: Geometry, context: GEOSContext) throws -> Geometry {
        func fill(_ rings: [[Coordinate]]) throws -> [[Coordinate]] {
            guard let shell = rings.first else { return rings }
            let holes = try rings.dropFirst().filter { try Geometry(.polygon([$0]), context: context).area() >= minimumHole }
            return [shell] + holes
        }
        switch try geometry.shape {
        case let .polygon(rings): return try Geometry(.polygon(try fill(rings)), context: context)
        case let .multiPolygon(polygons): return try Geometry(.multiPolygon(try polygons.map(fill)), context: context)
        default: return geometry
        }
    }
}

/// Population reachable from a site within a time budget.
public struct Catchment: Sendable {
    public struct Member: Hashable, Sendable, Codable {
        public var id: String
        public var name: String
        public var minutes: Double
        public var population: Int
        public var workingAgePopulation: Int?
        public var year: Int?
        /// Where the population figure came from.
        public var source: String
        /// Where the drive time came from: "modelled" or "imported:FILE".
        public var minutesSource: String = "modelled"
    }

    public var siteID: String
    public var minutes: Double
    public var profile: String
    public var members: [Member]
    /// What was counted: ``censusBasis`` or ``pointsBasis``.
    public var basis: String = Catchment.pointsBasis
    /// The two bases, as reports and the JSON schema name them.
    public static let censusBasis = "ONS Census 2021 LSOAs"
    public static let pointsBasis = "population.geojson points"
    /// True when census areas were counted.
    public var countsCensusAreas: Bool { basis == Catchment.censusBasis }
    /// Census areas of the layer that no modelled road is within reach of, so no catchment counts them
    /// (the same for every site and budget; 0 when counting population points).
    public var areasBeyondReach: Int = 0
    public var populationBeyondReach: Int = 0
    public var population: Int { members.reduce(0) { $0 + $1.population } }
    /// Sum of the members' working-age figures (modelled in the shipped data); members without one are not counted.
    public var workingAgePopulation: Int { members.reduce(0) { $0 + ($1.workingAgePopulation ?? 0) } }
    public var membersWithoutWorkingAge: Int { members.filter { $0.workingAgePopulation == nil }.count }
}

public enum CatchmentBuilder {
    /// The `use_in_catchment` population points reachable within each budget (ascending).
    public static func catchments(siteID: String, budgets: [Double], model: TravelTimeModel, portfolio: Portfolio) -> [Catchment] {
        guard let times = model.nodeTimes(fromSite: siteID) else { return [] }
        return catchments(siteID: siteID, budgets: budgets, model: model, portfolio: portfolio, times: times)
    }

    /// The same, for a caller that already has the site's node times (``TravelTimeModel/nodeTimes(fromSite:)``).
    public static func catchments(siteID: String, budgets: [Double], model: TravelTimeModel, portfolio: Portfolio, times: [Double]) -> [Catchment] {
        catchments(siteID: siteID, budgets: budgets, portfolio: portfolio, profile: model.profile.name,
                   times: SiteTimes(siteID: siteID, model: model, nodeTimes: times, imported: nil))
    }

    /// The same with drive times from `times` (an imported figure where the matrix has the pair).
    /// Where the portfolio has census areas, they are what is counted (Census 2021, working age 16–64
    /// from its bands); those beyond the network's reach are counted apart, never silently left out.
    public static func catchments(siteID: String, budgets: [Double], portfolio: Portfolio, profile: String, times: SiteTimes) -> [Catchment] {
        if !portfolio.censusAreas.isEmpty {
            let beyond = portfolio.censusAreas.filter { !times.model.reaches(censusArea: $0.id) }
            let reachable = portfolio.censusAreas.compactMap { area -> Catchment.Member? in
                guard let time = times.minutes(to: area.id) else { return nil }
                return Catchment.Member(id: area.id, name: area.name, minutes: time.minutes, population: area.population,
                                        workingAgePopulation: area.workingAgePopulation, year: area.year,
                                        source: "ONS Census 2021" + (area.placement == "centroid_2011" ? "" : " (point estimated from sibling LSOAs)"),
                                        minutesSource: time.source)
            }.sorted { ($0.minutes, $0.id) < ($1.minutes, $1.id) }
            return budgets.sorted().map { budget in
                Catchment(siteID: siteID, minutes: budget, profile: profile, members: reachable.filter { $0.minutes <= budget }, basis: Catchment.censusBasis,
                          areasBeyondReach: beyond.count, populationBeyondReach: beyond.reduce(0) { $0 + $1.population })
            }
        }
        let reachable = portfolio.population.filter(\.useInCatchment).compactMap { point -> Catchment.Member? in
            guard let people = point.population, let time = times.minutes(to: point.id) else { return nil }
            return Catchment.Member(id: point.id, name: point.name, minutes: time.minutes, population: people,
                                    workingAgePopulation: point.workingAgePopulation, year: point.year, source: point.source, minutesSource: time.source)
        }.sorted { ($0.minutes, $0.id) < ($1.minutes, $1.id) }
        return budgets.sorted().map { budget in
            Catchment(siteID: siteID, minutes: budget, profile: profile, members: reachable.filter { $0.minutes <= budget })
        }
    }
}
