/// The JSON type a property must have.
public enum PropertyType: String, Sendable {
    case string, number, integer, boolean
    case stringArray = "array of strings"
}

/// One property of a layer: its type, whether it may be null, and its allowed values or range.
public struct PropertyRule: Sendable {
    public var name: String
    public var type: PropertyType
    public var nullable: Bool
    public var allowed: [String]?
    public var minimum: Double?
    public var maximum: Double?

    public init(_ name: String, _ type: PropertyType, nullable: Bool = true, allowed: [String]? = nil, minimum: Double? = nil, maximum: Double? = nil) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.allowed = allowed
        self.minimum = minimum
        self.maximum = maximum
    }
}

/// The schema of one GeoData layer file. `GeoData/SCHEMA.md` documents the same rules for people.
public struct LayerSchema: Sendable {
    public var file: String
    public var geometryTypes: Set<String>
    public var properties: [PropertyRule]
    /// A directory may leave this layer out (`validate` notes it; what it adds is then not available).
    public var optional = false
    /// What `validate` notes when an optional layer is absent: what the directory goes without.
    public var absentNote: String? = nil

    /// Categories of `assets.geojson`.
    public static let assetCategories = ["university", "medical_school", "research_centre", "testing_facility", "college", "acute_hospital",
                                         "rail_station", "motorway_junction", "road_junction", "rail_freight_terminal", "airport", "energy_asset"]
    /// The Framework's location types: A university-anchored, B town/city centre, C high-spec business park,
    /// D strategic industrial, H hospital-adjacent.
    public static let locationTypes = ["A", "B", "C", "D", "H"]
    /// Each location type's meaning, for forms and reports (the web page's labels).
    public static let locationTypeMeanings = [
        "A": "university-anchored park (e.g. KUSIP)", "B": "town or city centre", "C": "high-spec business park",
        "D": "strategic industrial site or corridor (e.g. the Ceramic Valley Enterprise Zone, M6/A50/A500)", "H": "hospital-adjacent",
    ]
    public static let siteStatuses = ["available", "under_development", "fully_occupied", "proposed"]
    /// The road classes of the modelled network (network.geojson); every speed profile gives each a speed.
    public static let roadClasses = ["motorway", "trunk", "a_road"]
    /// The lesser classes an imported network (`--network`: OS Open Roads, OpenStreetMap) also has; a
    /// profile may give them speeds, and must before such a network is used.
    public static let localRoadClasses = ["b_road", "minor_road", "local_road"]

    static let provenance: [PropertyRule] = [
        PropertyRule("coordinate_confidence", .string, allowed: ["exact", "approx"]),
        PropertyRule("coordinate_source", .string),
        PropertyRule("source", .string, nullable: false),
    ]

    public static let sites = LayerSchema(file: "sites.geojson", geometryTypes: ["Polygon", "MultiPolygon"], properties: [
        PropertyRule("id", .string, nullable: false),
        PropertyRule("name", .string, nullable: false),
        PropertyRule("location_type", .string, nullable: false, allowed: locationTypes),
        PropertyRule("district", .string, nullable: false),
        PropertyRule("area_ha", .number, minimum: 0.0001, maximum: Limits.areaHectares.upper),
        PropertyRule("available_area_ha", .number, minimum: 0, maximum: Limits.areaHectares.upper),
        PropertyRule("status", .string, allowed: siteStatuses),
        PropertyRule("status_note", .string),
        PropertyRule("enterprise_zone", .boolean, nullable: false),
        PropertyRule("enterprise_zone_name", .string),
        PropertyRule("use_classes", .stringArray),
        PropertyRule("grid_headroom_mva", .number, minimum: 0, maximum: Limits.mva.upper),
        PropertyRule("power_class", .string, allowed: ["high", "standard", "constrained"]),
        PropertyRule("power_note", .string),
        PropertyRule("full_fibre", .boolean),
        PropertyRule("geometry_quality", .string, nullable: false, allowed: ["surveyed", "indicative"]),
        PropertyRule("geometry_note", .string),
        PropertyRule("notes", .string),
    ] + provenance)

    public static let assets = LayerSchema(file: "assets.geojson", geometryTypes: ["Point"], properties: [
        PropertyRule("id", .string, nullable: false),
        PropertyRule("name", .string, nullable: false),
        PropertyRule("category", .string, nullable: false, allowed: assetCategories),
        PropertyRule("district", .string, nullable: false),
        PropertyRule("district_source", .string),
        PropertyRule("district_stated", .string),
        PropertyRule("status", .string, nullable: false, allowed: ["operational", "consented", "proposed"]),
        PropertyRule("road", .string),
        PropertyRule("junction", .string),
    ] + provenance)

    public static let population = LayerSchema(file: "population.geojson", geometryTypes: ["Point"], properties: [
        PropertyRule("id", .string, nullable: false),
        PropertyRule("name", .string, nullable: false),
        PropertyRule("level", .string, nullable: false, allowed: ["local_authority", "county", "built_up_area", "town"]),
        PropertyRule("district", .string, nullable: false),
        PropertyRule("district_source", .string),
        PropertyRule("district_stated", .string),
        PropertyRule("population", .integer, minimum: 0, maximum: Limits.people.upper),
        PropertyRule("population_year", .integer, minimum: 1900, maximum: 2100),
        PropertyRule("population_basis", .string),
        PropertyRule("working_age_population", .integer, minimum: 0, maximum: Limits.people.upper),
        PropertyRule("working_age_basis", .string),
        PropertyRule("use_in_catchment", .boolean, nullable: false),
    ] + provenance)

    public static let corridors = LayerSchema(file: "corridors.geojson", geometryTypes: ["LineString", "MultiLineString"], properties: [
        PropertyRule("id", .string, nullable: false),
        PropertyRule("name", .string, nullable: false),
        PropertyRule("road", .string, nullable: false),
        PropertyRule("road_class", .string, nullable: false, allowed: ["motorway", "trunk"]),
        PropertyRule("junctions", .stringArray, nullable: false),
        PropertyRule("geometry_quality", .string, nullable: false, allowed: ["surveyed", "indicative"]),
        PropertyRule("geometry_note", .string),
        PropertyRule("source", .string, nullable: false),
    ])

    public static let zones = LayerSchema(file: "zones.geojson", geometryTypes: ["Polygon", "MultiPolygon"], properties: [
        PropertyRule("id", .string, nullable: false),
        PropertyRule("name", .string, nullable: false),
        PropertyRule("zone_type", .string, nullable: false, allowed: ["enterprise_zone", "grid_constraint"]),
        PropertyRule("grid_constraint", .string, allowed: ["new_connections_limited", "local_capacity_transmission_constrained"]),
        PropertyRule("published_area_ha", .number, minimum: 0.0001, maximum: Limits.areaHectares.upper),
        PropertyRule("geometry_quality", .string, nullable: false, allowed: ["surveyed", "indicative"]),
        PropertyRule("edge_method", .string, nullable: false),
        PropertyRule("source", .string, nullable: false),
    ])

    public static let network = LayerSchema(file: "network.geojson", geometryTypes: ["LineString"], properties: [
        PropertyRule("id", .string, nullable: false),
        PropertyRule("road", .string, nullable: false),
        PropertyRule("road_class", .string, nullable: false, allowed: roadClasses),
        PropertyRule("from_node", .string, nullable: false),
        PropertyRule("to_node", .string, nullable: false),
        PropertyRule("length_m", .number, nullable: false, minimum: 0.0001, maximum: Limits.linkMetres.upper),
        PropertyRule("oneway", .boolean, nullable: false),
        PropertyRule("geometry_quality", .string, nullable: false, allowed: ["surveyed", "modelled"]),
        PropertyRule("source", .string, nullable: false),
    ])

    /// Local authority districts (optional): each site, asset and population point gets its district
    /// from these polygons (point in polygon), and `validate` compares it with the stated one.
    public static let districts = LayerSchema(file: "districts.geojson", geometryTypes: ["Polygon", "MultiPolygon"], properties: [
        PropertyRule("id", .string, nullable: false),
        PropertyRule("name", .string, nullable: false),
        PropertyRule("geometry_quality", .string, nullable: false, allowed: ["surveyed", "generalised", "indicative"]),
        PropertyRule("source", .string, nullable: false),
    ], optional: true, absentNote: "districts are as stated in each layer (add the layer to get them from boundaries)")

    /// The network operator's substations (optional): the power driver's distances to the nearest
    /// primary and 132 kV substation, and the name its connection queue is matched by.
    public static let substationTypes = ["primary", "bulk_supply_point", "grid_supply_point", "switching_132kv"]
    public static let substations = LayerSchema(file: "substations.geojson", geometryTypes: ["Point"], properties: [
        PropertyRule("id", .string, nullable: false),
        PropertyRule("name", .string, nullable: false),
        PropertyRule("substation_type", .string, nullable: false, allowed: substationTypes),
        PropertyRule("voltage_kv", .number, minimum: 0.2, maximum: 400),
        PropertyRule("lowest_voltage_kv", .number, minimum: 0.2, maximum: 400),
    ] + provenance, optional: true, absentNote: "no substations: the distances to the nearest primary and 132 kV substation are unknown for every site")

    /// Public-transport stops (optional, DfT NaPTAN): bus stops near a site and the nearest rail
    /// station entrance. Stops present, not service frequency.
    public static let stopTypes = ["bus_stop", "bus_station_bay", "bus_station_variable_bay", "rail_entrance"]
    public static let stops = LayerSchema(file: "stops.geojson", geometryTypes: ["Point"], properties: [
        PropertyRule("id", .string, nullable: false),
        PropertyRule("name", .string, nullable: false),
        PropertyRule("stop_type", .string, nullable: false, allowed: stopTypes),
        PropertyRule("locality", .string),
        PropertyRule("admin_area", .string),
        PropertyRule("modified", .string),
    ] + provenance, optional: true, absentNote: "no stops: bus stops near each site and the distance to a rail station entrance are unknown")

    /// Census small areas (optional): ONS 2021 LSOAs as points with their Census 2021 counts. When a
    /// directory has them, catchments count them (and population.geojson's points only name places).
    public static let census = LayerSchema(file: "census-lsoa.geojson", geometryTypes: ["Point"], properties: [
        PropertyRule("id", .string, nullable: false),
        PropertyRule("name", .string, nullable: false),
        PropertyRule("population", .integer, nullable: false, minimum: 0, maximum: Limits.people.upper),
        PropertyRule("working_age_population", .integer, nullable: false, minimum: 0, maximum: Limits.people.upper),
        PropertyRule("population_year", .integer, nullable: false, minimum: 1801, maximum: 2100),
        PropertyRule("placement", .string, nullable: false, allowed: ["centroid_2011", "estimated_from_siblings"]),
    ] + provenance, optional: true, absentNote: "catchments count population.geojson's use_in_catchment points (add the layer to count census LSOAs instead)")

    /// Every layer of a GeoData directory, in the order they are checked.
    public static let portfolio: [LayerSchema] = [sites, assets, population, corridors, zones, network, districts, substations, stops, census]
}
