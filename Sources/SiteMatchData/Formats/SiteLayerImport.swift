import Foundation
import SiteMatchGeometry

/// Which fields of a planner's own site layer hold what SiteMatch reads (`--site-fields FILE`, YAML,
/// read through the strict reader). Every entry is optional; an attribute no field supplies is
/// unknown, and reported as such. `location_type` may instead be one letter for every site.
///
/// ```yaml
/// area_ha: SITE_HA            # site area, hectares
/// available_area_ha: NET_HA   # available (net) area, hectares
/// location_type: LOC_TYPE     # a field holding A, B, C, D or H …
/// location_type_all: D        # … or one location type for every site
/// status: STATUS              # available, under_development, fully_occupied, proposed
/// district: DISTRICT
/// geometry_quality: surveyed  # surveyed (a boundary data set) or indicative (default)
/// ```
public struct SiteFieldMapping: Hashable, Sendable, Decodable {
    public var areaHa: String?
    public var availableAreaHa: String?
    public var locationType: String?
    public var locationTypeAll: String?
    public var status: String?
    public var district: String?
    public var geometryQuality: String?

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case areaHa = "area_ha", availableAreaHa = "available_area_ha", locationType = "location_type", locationTypeAll = "location_type_all"
        case status, district, geometryQuality = "geometry_quality"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        areaHa = try c.decodeIfPresent(String.self, forKey: .areaHa)
        availableAreaHa = try c.decodeIfPresent(String.self, forKey: .availableAreaHa)
        locationType = try c.decodeIfPresent(String.self, forKey: .locationType)
        locationTypeAll = try c.decodeIfPresent(String.self, forKey: .locationTypeAll)
        status = try c.decodeIfPresent(String.self, forKey: .status)
        district = try c.decodeIfPresent(String.self, forKey: .district)
        geometryQuality = try c.decodeIfPresent(String.self, forKey: .geometryQuality)
        if let letter = locationTypeAll, !LayerSchema.locationTypes.contains(letter) {
            throw DecodingError.dataCorruptedError(forKey: .locationTypeAll, in: c, debugDescription: "'\(letter)' is not a location type; expected one of \(LayerSchema.locationTypes.joined(separator: ", "))")
        }
        if locationType != nil && locationTypeAll != nil {
            throw DecodingError.dataCorruptedError(forKey: .locationTypeAll, in: c, debugDescription: "give location_type (a field) or location_type_all (one letter), not both")
        }
        if let quality = geometryQuality, !["surveyed", "indicative"].contains(quality) {
            throw DecodingError.dataCorruptedError(forKey: .geometryQuality, in: c, debugDescription: "expected surveyed or indicative")
        }
    }
}

/// A planner's own sites (`--sites FILE`): any OGR-readable layer of polygons, with ids and names
/// from named fields and the other attributes through a ``SiteFieldMapping``.
public struct SiteLayerSource: Hashable, Sendable {
    public var path: String
    public var read: VectorReadOptions
    public var idField: String
    public var nameField: String
    public var mapping: SiteFieldMapping

    public init(path: String, read: VectorReadOptions = VectorReadOptions(), idField: String = "id", nameField: String = "name",
                mapping: SiteFieldMapping = SiteFieldMapping()) {
        self.path = path
        self.read = read
        self.idField = idField
        self.nameField = nameField
        self.mapping = mapping
    }
}

/// What an import found missing, for the front end to say (never silently).
public struct SiteLayerImport: Sendable {
    public var sites: [Site]
    public var layer: VectorLayer
    /// e.g. "location type unknown for all 12 sites (no location_type field mapped)".
    public var unknowns: [String]
}

public enum SiteLayerImporter {
    /// Reads and checks `source`. - Throws: ``SiteMatchError`` naming the file, feature and field:
    /// a missing id or name field (with the fields the layer has), an empty or duplicate id, a
    /// geometry that is not a polygon or that GEOS finds invalid (with GEOS's reason), a value that is
    /// not a number, location type or status.
    public static func load(_ source: SiteLayerSource, context: GEOSContext) throws -> SiteLayerImport {
        let layer = try VectorLayerReader.read(path: source.path, options: source.read, context: context)
        let label = source.read.layer.map { "\(source.path) (layer \($0))" } ?? source.path
        let fields = Set(layer.fields)
        let available = layer.fields.joined(separator: ", ")
        for (option, field) in [("--id-field", source.idField), ("--name-field", source.nameField)] where !fields.contains(field) {
            throw SiteMatchError(file: label, message: "has no field '\(field)' (\(option)); its fields are: \(available)")
        }
        let mapping = source.mapping
        for (key, field) in [("area_ha", mapping.areaHa), ("available_area_ha", mapping.availableAreaHa), ("location_type", mapping.locationType),
                             ("status", mapping.status), ("district", mapping.district)] {
            if let field, !fields.contains(field) {
                throw SiteMatchError(file: label, message: "has no field '\(field)' (mapped to \(key) in --site-fields); its fields are: \(available)")
            }
        }
        guard !layer.features.isEmpty else { throw SiteMatchError(file: label, message: "has no features; a site layer needs at least one site") }

        var seen: [String: Int] = [:]
        var sites: [Site] = []
        for feature in layer.features {
            func problem(_ field: String?, _ message: String, id: String? = nil) -> SiteMatchError {
                .input(InputProblem(source: label, featureIndex: feature.index, featureID: id, field: field, message: message))
            }
            let id = try text(feature.properties[source.idField]) ?? ""
            guard !id.isEmpty else { throw problem(source.idField, "is empty; every site needs an id (--id-field)") }
            if let first = seen[id] { throw problem(source.idField, "'\(id)' is also the id of feature #\(first); ids must be unique", id: id) }
            seen[id] = feature.index
            guard var shape = feature.geometry else { throw problem("geometry", "is missing; a site needs a polygon", id: id) }
            func number(_ key: String, _ field: String?) throws -> Double? {
                guard let field else { return nil }
                switch feature.properties[field] {
                case nil, .null?: return nil
                case let .number(value)?:
                    if let issue = Limits.areaHectares.problem(value) { throw problem(field, "\(issue) (mapped to \(key))", id: id) }
                    return value
                case let .string(text)?:
                    guard let value = Double(text.trimmingCharacters(in: .whitespaces)), value.isFinite else {
                        throw problem(field, "'\(text)' is not a number (mapped to \(key))", id: id)
                    }
                    if let issue = Limits.areaHectares.problem(value) { throw problem(field, "\(issue) (mapped to \(key))", id: id) }
                    return value
                case let other?: throw problem(field, "\(other) is not a number (mapped to \(key))", id: id)
                }
            }
            let areaHa = try number("area_ha", mapping.areaHa)
            let availableHa = try number("available_area_ha", mapping.availableAreaHa)
            var quality = mapping.geometryQuality ?? "indicative"
            switch shape {
            case .polygon, .multiPolygon:
                let geometry = try Geometry(shape, context: context)
                guard try geometry.isValid else { throw problem("geometry", "is not a valid polygon: \(try geometry.validityReason)", id: id) }
            case .point:
                // A register of points with areas (the Brownfield Land Register): an indicative circle of
                // the site's area, as the shipped GeoData draws sites without a boundary.
                guard let hectares = areaHa ?? availableHa, hectares > 0 else {
                    throw problem("geometry", "is a point and the site's area is unknown; map area_ha in --site-fields so a circle of that area can stand for the site", id: id)
                }
                guard case let .point(centre) = shape else { break }
                shape = try IndicativeCircle.shape(centre: centre, hectares: hectares, context: context)
                quality = "indicative"
            default: throw problem("geometry", "is a \(shape.typeName); a site needs a Polygon, a MultiPolygon, or a Point with its area", id: id)
            }
            var locationType = mapping.locationTypeAll ?? "unknown"
            if let field = mapping.locationType, let letter = try text(feature.properties[field]) {
                guard LayerSchema.locationTypes.contains(letter) else {
                    throw problem(field, "'\(letter)' is not a location type; expected one of \(LayerSchema.locationTypes.joined(separator: ", "))", id: id)
                }
                locationType = letter
            }
            var status: String?
            if let field = mapping.status, let value = try text(feature.properties[field]) {
                guard LayerSchema.siteStatuses.contains(value) else {
                    throw problem(field, "'\(value)' is not a site status; expected one of \(LayerSchema.siteStatuses.joined(separator: ", "))", id: id)
                }
                status = value
            }
            var properties = feature.properties
            properties["id"] = .string(id)
            sites.append(Site(id: id, name: try text(feature.properties[source.nameField]) ?? id, locationType: locationType,
                              district: try mapping.district.flatMap { try text(feature.properties[$0]) } ?? "unknown",
                              areaHectares: areaHa, availableAreaHectares: availableHa,
                              status: status, enterpriseZone: false, gridHeadroomMVA: nil, powerClass: nil, fullFibre: nil,
                              geometryQuality: quality, geometry: shape, properties: properties))
        }
        var unknowns: [String] = []
        let n = sites.count
        if mapping.locationType == nil && mapping.locationTypeAll == nil { unknowns.append("location type unknown for all \(n) sites (map location_type or location_type_all in --site-fields)") }
        else if case let missing = sites.filter({ $0.locationType == "unknown" }).count, missing > 0 { unknowns.append("location type unknown for \(missing) of \(n) sites") }
        let noArea = sites.filter { $0.areaHectares == nil && $0.availableAreaHectares == nil }.count
        if noArea > 0 { unknowns.append("area unknown for \(noArea) of \(n) sites") }
        if mapping.status == nil { unknowns.append("status unknown for all \(n) sites") }
        unknowns.append("grid headroom and full fibre unknown (a site layer does not carry them)")
        if mapping.geometryQuality == nil { unknowns.append("geometry labelled indicative (set geometry_quality: surveyed in --site-fields for boundary data)") }
        let circles = layer.features.filter { if case .point? = $0.geometry { return true } else { return false } }.count
        if circles > 0 { unknowns.append("\(circles) of \(n) sites are points, drawn as indicative circles of their area") }
        return SiteLayerImport(sites: sites, layer: layer, unknowns: unknowns)
    }

    /// Text of a field value (numbers as written), nil for null or absent.
    static func text(_ value: JSONValue?) throws -> String? {
        switch value {
        case nil, .null?: return nil
        case let .string(s)?: return s.trimmingCharacters(in: .whitespaces).isEmpty ? nil : s.trimmingCharacters(in: .whitespaces)
        case let .number(n)?: return n.rounded() == n && abs(n) < 1e15 ? String(Int64(n)) : String(n)
        case let .bool(b)?: return b ? "true" : "false"
        case let other?: return "\(other)"
        }
    }
}
