import Foundation
import SiteMatchGeometry

/// What `sitematch inspect` reports about one GeoJSON layer.
public struct LayerSummary: Hashable, Sendable, Codable {
    /// A feature whose geometry GEOS finds invalid, with GEOS's reason (e.g. "Self-intersection[…]").
    public struct InvalidGeometry: Hashable, Sendable, Codable {
        public var featureIndex: Int
        public var id: String?
        public var reason: String
    }

    /// An `id` used by more than one feature.
    public struct DuplicateID: Hashable, Sendable, Codable {
        public var id: String
        public var featureIndices: [Int]
    }

    public var source: String
    public var featureCount: Int
    /// Feature count per geometry type; features with `"geometry": null` count under "null".
    public var geometryTypes: [String: Int]
    /// EPSG code of the CRS the coordinates were read in, and why it was chosen.
    public var crs: String
    public var crsReason: String
    /// Bounding box in longitude/latitude and in BNG metres; nil when no feature has a geometry.
    public var boundsWGS84: Envelope?
    public var boundsBNG: Envelope?
    /// Total area of valid polygonal geometries in hectares, computed in EPSG:27700 from the shapes as
    /// drawn (an indicative circle's area is what it was drawn with, not a surveyed area).
    public var totalAreaHectares: Double
    /// Polygonal features left out of the total because they are invalid.
    public var areaExcludedFeatures: Int
    public var invalidGeometries: [InvalidGeometry]
    public var duplicateIDs: [DuplicateID]
    /// Indices of features with neither an `id` member nor an `id` property.
    public var missingIDs: [Int]
    /// Things that are allowed but probably wrong, each with what to do (e.g. latitude and longitude swapped).
    public var warnings: [String]

    /// Spelled so that snake_case encoding gives `duplicate_ids` and `missing_ids`.
    enum CodingKeys: String, CodingKey {
        case source, featureCount, geometryTypes, crs, crsReason, boundsWGS84, boundsBNG, totalAreaHectares, areaExcludedFeatures, invalidGeometries
        case duplicateIDs = "duplicateIds", missingIDs = "missingIds", warnings
    }
}

/// Builds a ``LayerSummary``.
public enum LayerInspector {
    /// Summarises `collection`, measuring in British National Grid. `context` is the caller's GEOS context.
    public static func summarize(_ collection: FeatureCollection, source: String, context: GEOSContext) throws -> LayerSummary {
        let toBNG = collection.crs == .britishNationalGrid ? nil : try CoordinateTransformer(from: collection.crs, to: .britishNationalGrid)
        let toWGS84 = collection.crs == .wgs84 ? nil : try CoordinateTransformer(from: collection.crs, to: .wgs84)

        var types: [String: Int] = [:]
        var boundsWGS84: Envelope?
        var boundsBNG: Envelope?
        var areaSquareMetres = 0.0
        var excluded = 0
        var invalid: [LayerSummary.InvalidGeometry] = []
        var indicesByID: [String: [Int]] = [:]
        var missing: [Int] = []

        var warnings: [String] = []
        if collection.features.isEmpty {
            warnings.append("the FeatureCollection has no features (valid RFC 7946, but there is nothing to summarise)")
        }
        if looksSwapped(collection) {
            warnings.append("every position lies where Great Britain would be if longitude and latitude were swapped: GeoJSON positions are [longitude, latitude] (RFC 7946 §3.1.1); swap them, e.g. with ogr2ogr -s_srs '+proj=latlong +axis=neu' -t_srs EPSG:4326")
        }
        for (index, feature) in collection.features.enumerated() {
            if let id = feature.identifier { indicesByID[id, default: []].append(index) } else { missing.append(index) }
            guard let shape = feature.geometry else {
                types["null", default: 0] += 1
                continue
            }
            types[shape.typeName, default: 0] += 1
            let bngShape = try toBNG.map { try $0.transform(shape) } ?? shape
            let wgsShape = try toWGS84.map { try $0.transform(shape) } ?? shape
            if let e = bngShape.envelope { boundsBNG = boundsBNG?.union(e) ?? e }
            if let e = wgsShape.envelope { boundsWGS84 = boundsWGS84?.union(e) ?? e }

            // Validity is checked in the file's own coordinates, so GEOS's reason points where the user can look.
            let asRead = try Geometry(shape, context: context)
            let polygonal = asRead.type == .polygon || asRead.type == .multiPolygon
            if try asRead.isValid {
                if polygonal { areaSquareMetres += try Geometry(bngShape, context: context).area() }
            } else {
                invalid.append(.init(featureIndex: index, id: feature.identifier, reason: try asRead.validityReason))
                if polygonal { excluded += 1 }
            }
        }
        let duplicates = indicesByID.filter { $0.value.count > 1 }
            .map { LayerSummary.DuplicateID(id: $0.key, featureIndices: $0.value) }
            .sorted { $0.featureIndices[0] < $1.featureIndices[0] }
        return LayerSummary(
            source: source,
            featureCount: collection.features.count,
            geometryTypes: types,
            crs: collection.crs.rawValue,
            crsReason: collection.crsReason,
            boundsWGS84: boundsWGS84,
            boundsBNG: boundsBNG,
            totalAreaHectares: areaSquareMetres / 10_000,
            areaExcludedFeatures: excluded,
            invalidGeometries: invalid,
            duplicateIDs: duplicates,
            missingIDs: missing,
            warnings: warnings
        )
    }

    /// True when a WGS84 layer's every position has x in Great Britain's latitude range and y in its
    /// longitude range (and so none where Great Britain really is): the classic swapped-axis mistake.
    static func looksSwapped(_ collection: FeatureCollection) -> Bool {
        guard collection.crs == .wgs84 else { return false }
        let positions = collection.features.compactMap(\.geometry).flatMap(\.allCoordinates)
        return !positions.isEmpty && positions.allSatisfy { (49.0...61.0).contains($0.x) && (-9.0...2.5).contains($0.y) }
    }
}
