import Foundation

/// Writes RFC 7946 GeoJSON: WGS84 longitude/latitude, exterior rings counter-clockwise and holes
/// clockwise, coordinates rounded to 6 decimals (about 0.1 m), no `crs` member.
/// One feature per line, so files diff well and stream into line-oriented tools.
public enum GeoJSONWriter {
    /// Decimal places for longitude/latitude: 1e-6° is about 0.11 m north–south.
    public static let coordinateDecimals = 6

    /// Encodes `collection`, transforming from EPSG:27700 first when that is its CRS.
    /// `context` is the calling worker's GEOS context (used to test ring orientation).
    public static func encode(_ collection: FeatureCollection, context: GEOSContext) throws -> String {
        let transformer = collection.crs == .wgs84 ? nil : try CoordinateTransformer(from: collection.crs, to: .wgs84)
        var out = "{\"type\":\"FeatureCollection\""
        for key in collection.foreignMembers.keys.sorted() {
            out += ","
            JSONText.string(key, to: &out)
            out += ":"
            JSONText.write(collection.foreignMembers[key]!, to: &out)
        }
        out += ",\"features\":["
        for (index, feature) in collection.features.enumerated() {
            out += index == 0 ? "\n" : ",\n"
            try write(feature, index: index, transformer: transformer, context: context, to: &out)
        }
        out += "\n]}\n"
        return out
    }

    /// Encodes feature `index` of `collection` alone, as an RFC 7946 Feature object (an API answering
    /// for one site), exactly as it appears in the collection's encoding.
    public static func encodeFeature(at index: Int, of collection: FeatureCollection, context: GEOSContext) throws -> String {
        let transformer = collection.crs == .wgs84 ? nil : try CoordinateTransformer(from: collection.crs, to: .wgs84)
        var out = ""
        try write(collection.features[index], index: index, transformer: transformer, context: context, to: &out)
        return out + "\n"
    }

    private static func write(_ feature: Feature, index: Int, transformer: CoordinateTransformer?, context: GEOSContext, to out: inout String) throws {
        out += "{\"type\":\"Feature\""
        if let id = feature.id {
            out += ",\"id\":"
            JSONText.write(id, to: &out)
        }
        out += ",\"properties\":"
        JSONText.write(.object(feature.properties), to: &out)
        out += ",\"geometry\":"
        if var shape = feature.geometry {
            if let transformer {
                do { shape = try transformer.transform(shape) } catch {
                    throw GeoJSONError(source: "output", featureIndex: index, featureID: feature.identifier, field: "geometry", message: "cannot convert to WGS84: \(error)")
                }
            }
            write(try shape.orientedForRFC7946(context: context), to: &out)
        } else {
            out += "null"
        }
        out += "}"
    }

    static func write(_ shape: Shape, to out: inout String) {
        func position(_ c: Coordinate) -> String {
            "[\(JSONText.coordinate(c.x, decimals: coordinateDecimals)),\(JSONText.coordinate(c.y, decimals: coordinateDecimals))]"
        }
        func list(_ cs: [Coordinate]) -> String { "[" + cs.map(position).joined(separator: ",") + "]" }
        func rings(_ rs: [[Coordinate]]) -> String { "[" + rs.map(list).joined(separator: ",") + "]" }
        let coordinates: String
        switch shape {
        case let .point(c): coordinates = position(c)
        case let .lineString(cs), let .multiPoint(cs): coordinates = list(cs)
        case let .polygon(rs), let .multiLineString(rs): coordinates = rings(rs)
        case let .multiPolygon(ps): coordinates = "[" + ps.map(rings).joined(separator: ",") + "]"
        case let .geometryCollection(shapes):
            out += "{\"type\":\"GeometryCollection\",\"geometries\":["
            for (i, s) in shapes.enumerated() {
                if i > 0 { out += "," }
                write(s, to: &out)
            }
            out += "]}"
            return
        }
        out += "{\"type\":\"\(shape.typeName)\",\"coordinates\":\(coordinates)}"
    }
}

extension Geometry {
    /// The geometry as a GeoJSON geometry object (coordinates written as they are, 6 decimals;
    /// use ``GeoJSONWriter`` for a full RFC 7946 file with CRS conversion and ring orientation).
    public var geoJSON: String {
        get throws {
            var out = ""
            GeoJSONWriter.write(try shape, to: &out)
            return out
        }
    }

    /// Reads a GeoJSON geometry object, e.g. `{"type": "Point", "coordinates": [-2.18, 53.02]}`.
    public convenience init(geoJSON text: String, context: GEOSContext) throws {
        let collection = try GeoJSONReader.read(Data(text.utf8), source: "geometry")
        guard collection.features.count == 1, let shape = collection.features[0].geometry else {
            throw GeometryError.invalidShape("expected one GeoJSON geometry object")
        }
        try self.init(shape, context: context)
    }
}
