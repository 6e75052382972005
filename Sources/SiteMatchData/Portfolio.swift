import Foundation
import SiteMatchGeometry

/// A site of the portfolio, with its geometry in British National Grid metres.
public struct Site: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    /// The Framework's location type letter: A, B, C, D or H.
    public var locationType: String
    /// The district the site lies in (districts.geojson, point on surface in polygon) where the data
    /// has boundaries; else the district its layer states.
    public var district: String
    /// Published site area (ha), nil if none is published.
    public var areaHectares: Double?
    public var availableAreaHectares: Double?
    public var status: String?
    public var enterpriseZone: Bool
    public var gridHeadroomMVA: Double?
    public var powerClass: String?
    public var fullFibre: Bool?
    /// "surveyed" or "indicative".
    public var geometryQuality: String
    public var geometry: Shape
    public var properties: [String: JSONValue]
}

/// A point asset (university, hospital, junction, station …) in BNG metres.
public struct Asset: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var category: String
    public var location: Coordinate
    public var properties: [String: JSONValue]
}

/// A population point in BNG metres.
public struct PopulationPoint: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var population: Int?
    public var workingAgePopulation: Int?
    public var year: Int?
    /// True for the non-overlapping set that catchments add up.
    public var useInCatchment: Bool
    public var location: Coordinate
    public var source: String
    public var properties: [String: JSONValue]
}

/// A road-network edge in BNG metres. The network is a model (see GeoData/PROVENANCE.md).
public struct RoadEdge: Hashable, Sendable, Identifiable {
    public var id: String
    public var road: String
    /// "motorway", "trunk" or "a_road" (an imported network also "b_road", "minor_road", "local_road"):
    /// sets the speed in a ``SpeedProfile``.
    public var roadClass: String
    public var from: String
    public var to: String
    /// True when the edge may only be driven from `from` to `to`.
    public var oneway: Bool
    /// The line, from `from` to `to`.
    public var line: [Coordinate]
    /// A signed limit (km/h; OpenStreetMap's `maxspeed`) that caps the profile's speed on this edge; nil where none is known.
    public var maxSpeedKmh: Double?

    public init(id: String, road: String, roadClass: String, from: String, to: String, oneway: Bool, line: [Coordinate], maxSpeedKmh: Double? = nil) {
        self.id = id
        self.road = road
        self.roadClass = roadClass
        self.from = from
        self.to = to
        self.oneway = oneway
        self.line = line
        self.maxSpeedKmh = maxSpeedKmh
    }
}

/// A zone (enterprise zone, grid constraint) in BNG metres.
public struct Zone: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var zoneType: String
    public var gridConstraint: String?
    public var source: String
    public var geometry: Shape
}

/// A strategic road corridor (corridors.geojson): a line through its junction points, in BNG metres.
public struct Corridor: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var road: String
    /// "surveyed" or "indicative".
    public var geometryQuality: String
    public var source: String
    public var geometry: Shape
}

/// The layers SiteMatch measures, loaded from a validated GeoData directory, in BNG metres.
public struct Portfolio: Sendable {
    public var directory: String
    public var sites: [Site]
    public var assets: [Asset]
    public var population: [PopulationPoint]
    public var edges: [RoadEdge]
    public var zones: [Zone] = []
    /// Local authority districts (districts.geojson), empty where the directory has none.
    public var districts: [District] = []
    /// The network operator's substations (substations.geojson), empty where the directory has none.
    public var substations: [Substation] = []
    /// Census small areas (census-lsoa.geojson), empty where the directory has none: catchments count
    /// these when present.
    public var censusAreas: [CensusArea] = []
    /// The strategic corridors (corridors.geojson), for maps.
    public var corridors: [Corridor] = []
    /// Public-transport stops and rail entrances (stops.geojson), empty where the directory has none.
    public var stops: [TransportStop] = []
    /// The operator's connection queue (nged-connection-queue-*.csv), nil where the directory has none.
    public var gridQueue: GridQueue?
    /// The grade of each web source behind the sites' attributes (sources.yaml).
    public var sourceGrades = SourceGrades()
    /// The BNG position of every id a network edge may start or end at (sites' centroids excluded:
    /// sites join the network by snapping).
    public var nodePositions: [String: Coordinate]

    public init(directory: String, sites: [Site], assets: [Asset], population: [PopulationPoint], edges: [RoadEdge], nodePositions: [String: Coordinate]) {
        self.directory = directory
        self.sites = sites
        self.assets = assets
        self.population = population
        self.edges = edges
        self.nodePositions = nodePositions
    }
}

public enum PortfolioLoader {
    /// The GeoData directory failed validation, so it was not loaded: the first errors and what to run next.
    static func loadError(_ report: ValidationReport) -> SiteMatchError {
        let errors = report.issues.filter { $0.severity == .error }
        let shown = errors.prefix(5).map { "  " + $0.description }.joined(separator: "\n")
        return SiteMatchError(file: report.directory, message: "\(errors.count) error\(errors.count == 1 ? "" : "s"); run 'sitematch validate \(report.directory)' for the full list:\n\(shown)")
    }

    /// Validates `directory` and loads it; throws a ``SiteMatchError`` naming the first errors if any layer has one.
    public static func load(directory: String, context: GEOSContext) throws -> Portfolio {
        let (report, layers) = try PortfolioValidator.validateKeepingLayers(directory: directory, context: context)
        guard report.passed else { throw loadError(report) }
        /// A validated layer's features with their BNG shapes (validation guarantees every geometry).
        func layer(_ name: String) throws -> (features: [Feature], shapes: [Shape]) {
            let loaded = layers[name]!
            return (loaded.features, try loaded.bng.map { try $0!.shape })
        }
        /// An optional layer's features with their shapes; none where the directory leaves it out.
        func optionalLayer(_ schema: LayerSchema) throws -> [(feature: Feature, shape: Shape)] {
            guard layers[schema.file] != nil else { return [] }
            let (features, shapes) = try layer(schema.file)
            return Array(zip(features, shapes))
        }
        func point(_ shape: Shape) -> Coordinate {
            if case let .point(c) = shape { return c }
            return shape.allCoordinates[0]
        }
        // Districts from the boundary layer where the directory has one (validated against the stated ones).
        let districts = try optionalLayer(.districts).map { District(id: $0.identifier!, name: $0.properties["name"]?.stringValue ?? "", geometry: $1) }
        let lookup = districts.isEmpty ? nil : try DistrictLookup(districts, context: context)
        let (siteLayer, siteShapes) = try layer("sites.geojson")
        var sites = zip(siteLayer, siteShapes).map { f, shape in
            let p = f.properties
            return Site(id: f.identifier!, name: p["name"]?.stringValue ?? "", locationType: p["location_type"]?.stringValue ?? "",
                        district: p["district"]?.stringValue ?? "", areaHectares: p["area_ha"]?.numberValue,
                        availableAreaHectares: p["available_area_ha"]?.numberValue, status: p["status"]?.stringValue,
                        enterpriseZone: p["enterprise_zone"]?.boolValue ?? false, gridHeadroomMVA: p["grid_headroom_mva"]?.numberValue,
                        powerClass: p["power_class"]?.stringValue, fullFibre: p["full_fibre"]?.boolValue,
                        geometryQuality: p["geometry_quality"]?.stringValue ?? "indicative", geometry: shape, properties: p)
        }
        // Validation has reported any contradiction already.
        _ = try lookup?.assign(&sites)
        let (assetLayer, assetShapes) = try layer("assets.geojson")
        let assets = zip(assetLayer, assetShapes).map { f, shape in
            Asset(id: f.identifier!, name: f.properties["name"]?.stringValue ?? "", category: f.properties["category"]?.stringValue ?? "",
                  location: point(shape), properties: f.properties)
        }
        let (populationLayer, populationShapes) = try layer("population.geojson")
        let population = zip(populationLayer, populationShapes).map { f, shape in
            let p = f.properties
            return PopulationPoint(id: f.identifier!, name: p["name"]?.stringValue ?? "", population: p["population"]?.numberValue.map { Int($0) },
                                   workingAgePopulation: p["working_age_population"]?.numberValue.map { Int($0) },
                                   year: p["population_year"]?.numberValue.map { Int($0) }, useInCatchment: p["use_in_catchment"]?.boolValue ?? false,
                                   location: point(shape), source: p["source"]?.stringValue ?? "", properties: p)
        }
        let (networkLayer, networkShapes) = try layer("network.geojson")
        let edges = zip(networkLayer, networkShapes).map { f, shape in
            let p = f.properties
            return RoadEdge(id: f.identifier!, road: p["road"]?.stringValue ?? "", roadClass: p["road_class"]?.stringValue ?? "",
                            from: p["from_node"]?.stringValue ?? "", to: p["to_node"]?.stringValue ?? "",
                            oneway: p["oneway"]?.boolValue ?? false, line: shape.allCoordinates)
        }
        let (zoneLayer, zoneShapes) = try layer("zones.geojson")
        let zones = zip(zoneLayer, zoneShapes).map { f, shape in
            Zone(id: f.identifier!, name: f.properties["name"]?.stringValue ?? "", zoneType: f.properties["zone_type"]?.stringValue ?? "",
                 gridConstraint: f.properties["grid_constraint"]?.stringValue, source: f.properties["source"]?.stringValue ?? "", geometry: shape)
        }
        var nodes: [String: Coordinate] = [:]
        for edge in edges {
            nodes[edge.from] = edge.line.first
            nodes[edge.to] = edge.line.last
        }
        var portfolio = Portfolio(directory: directory, sites: sites, assets: assets, population: population, edges: edges, nodePositions: nodes)
        portfolio.zones = zones
        let (corridorLayer, corridorShapes) = try layer(LayerSchema.corridors.file)
        portfolio.corridors = zip(corridorLayer, corridorShapes).map { f, shape in
            Corridor(id: f.identifier!, name: f.properties["name"]?.stringValue ?? "", road: f.properties["road"]?.stringValue ?? "",
                     geometryQuality: f.properties["geometry_quality"]?.stringValue ?? "indicative", source: f.properties["source"]?.stringValue ?? "", geometry: shape)
        }
        portfolio.districts = districts
        portfolio.substations = try optionalLayer(.substations).map { f, shape in
            let p = f.properties
            return Substation(id: f.identifier!, name: p["name"]?.stringValue ?? "", type: p["substation_type"]?.stringValue ?? "",
                              voltageKV: p["voltage_kv"]?.numberValue, lowestVoltageKV: p["lowest_voltage_kv"]?.numberValue, location: point(shape))
        }
        portfolio.stops = try optionalLayer(.stops).map { f, shape in
            TransportStop(id: f.identifier!, name: f.properties["name"]?.stringValue ?? "", type: f.properties["stop_type"]?.stringValue ?? "", location: point(shape))
        }
        portfolio.censusAreas = try optionalLayer(.census).map { f, shape in
            let p = f.properties
            return CensusArea(id: f.identifier!, name: p["name"]?.stringValue ?? "", population: Int(p["population"]?.numberValue ?? 0),
                              workingAgePopulation: Int(p["working_age_population"]?.numberValue ?? 0), year: Int(p["population_year"]?.numberValue ?? 0),
                              placement: p["placement"]?.stringValue ?? "", location: point(shape))
        }
        portfolio.gridQueue = try GridQueue.path(in: directory).map { try GridQueue.load(contentsOfFile: $0) }
        portfolio.sourceGrades = try SourceGrades.load(directory: directory)
        return portfolio
    }
}
