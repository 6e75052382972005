import Foundation

/// Reads GeoJSON FeatureCollections: RFC 7946 (WGS84 longitude/latitude), and files whose legacy
/// `crs` member names EPSG:27700 (British National Grid metres).
///
/// Every problem is a ``GeoJSONError`` naming the file, the feature and the field. Structure that
/// cannot be a geometry (an unclosed ring, a ring of fewer than 4 positions, a non-numeric or
/// non-finite coordinate, BNG metres in a file that claims WGS84) is rejected; geometry that is
/// well-formed but invalid (a self-intersecting polygon) is accepted so it can be reported with
/// GEOS's reason.
public enum GeoJSONReader {
    /// Reads a file from disk; `source` in errors is the path as given.
    public static func read(contentsOfFile path: String, allowEmpty: Bool = false) throws -> FeatureCollection {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw GeoJSONError(source: path, message: "cannot read the file: \(FileManager.default.fileExists(atPath: path) ? "permission denied or not a regular file" : "no such file")")
        }
        return try read(data, source: path, allowEmpty: allowEmpty)
    }

    /// Reads GeoJSON text. `source` names the input in errors. An empty FeatureCollection is an
    /// error unless `allowEmpty`. Features are converted as they are parsed, so memory holds the
    /// features' shapes and properties, never the whole document's JSON tree.
    public static func read(_ data: Data, source: String, allowEmpty: Bool = false) throws -> FeatureCollection {
        if data.isEmpty { throw GeoJSONError(source: source, message: "the input is empty; expected a GeoJSON object") }
        var parser = Parser(source: source)
        var features: [Feature] = []
        let root = try JSONStream.parse(data, source: source) { index, value in
            parser.featureIndex = index
            parser.featureID = nil
            features.append(try parser.feature(from: value))
        }
        parser.featureIndex = nil
        parser.featureID = nil
        return try parser.collection(from: root, streamedFeatures: features, allowEmpty: allowEmpty)
    }
}

/// The walk over one parsed document, carrying where we are for error messages.
private struct Parser {
    let source: String
    var featureIndex: Int?
    var featureID: String?

    init(source: String) { self.source = source }

    func fail(_ field: String?, _ message: String) -> GeoJSONError {
        GeoJSONError(source: source, featureIndex: featureIndex, featureID: featureID, field: field, message: message)
    }

    static let geometryTypes = ["Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection"]

    mutating func collection(from root: JSONValue, streamedFeatures: [Feature], allowEmpty: Bool) throws -> FeatureCollection {
        guard let object = root.objectValue else {
            throw fail(nil, "the top level is \(root.kindDescription); expected a GeoJSON object such as {\"type\": \"FeatureCollection\", \"features\": [...]}")
        }
        guard let type = object["type"] else {
            throw fail(nil, "no \"type\" member; expected a GeoJSON object such as {\"type\": \"FeatureCollection\", \"features\": [...]}")
        }
        let (crs, reason) = try detectCRS(object["crs"])
        var features: [Feature] = []
        switch type.stringValue {
        case "FeatureCollection":
            guard let items = object["features"]?.arrayValue else {
                throw fail("features", "missing or not an array; a FeatureCollection needs \"features\": [ ... ]")
            }
            // The stream hands over the top-level features as they are parsed; any left in the tree
            // (none, for a well-formed file) are converted here.
            features = streamedFeatures
            for (offset, item) in items.enumerated() {
                featureIndex = streamedFeatures.count + offset
                featureID = nil
                features.append(try feature(from: item))
            }
            featureIndex = nil
            featureID = nil
        case "Feature":
            featureIndex = 0
            features = [try feature(from: root)]
            featureIndex = nil
        case let name? where Parser.geometryTypes.contains(name):
            features = [Feature(geometry: try geometry(from: root, path: "geometry"))]
        default:
            throw fail("type", "\(describe(type)) is not a GeoJSON type; expected FeatureCollection, Feature or one of \(Parser.geometryTypes.joined(separator: ", "))")
        }
        if features.isEmpty && !allowEmpty {
            throw fail(nil, "the FeatureCollection has no features; expected at least one Feature in \"features\"")
        }
        try checkCoordinates(features, crs: crs)
        var foreign = object
        for key in ["type", "features", "crs", "bbox"] { foreign[key] = nil }
        return FeatureCollection(features: features, crs: crs, crsReason: reason, foreignMembers: foreign)
    }

    func describe(_ value: JSONValue) -> String {
        if let s = value.stringValue { return "'\(s)'" }
        return value.kindDescription
    }

    mutating func feature(from value: JSONValue) throws -> Feature {
        guard let object = value.objectValue else {
            throw fail(nil, "is \(value.kindDescription); expected a Feature object {\"type\": \"Feature\", \"geometry\": ..., \"properties\": {...}}")
        }
        var properties: [String: JSONValue] = [:]
        switch object["properties"] {
        case nil, .null?: break
        case let .object(members)?: properties = members
        case let other?: throw fail("properties", "is \(other.kindDescription); expected an object or null")
        }
        let id = object["id"]
        featureID = Feature(id: id, geometry: nil, properties: properties).identifier
        guard object["type"]?.stringValue == "Feature" else {
            throw fail("type", "\(object["type"].map(describe) ?? "missing"); expected \"Feature\"")
        }
        try rejectNonFinite(.object(properties), path: "properties")
        guard let geometryValue = object["geometry"] else {
            throw fail("geometry", "missing; expected a geometry object or null")
        }
        let shape: Shape? = geometryValue.isNull ? nil : try geometry(from: geometryValue, path: "geometry")
        return Feature(id: id, geometry: shape, properties: properties)
    }

    func rejectNonFinite(_ value: JSONValue, path: String) throws {
        switch value {
        case let .number(n) where !n.isFinite:
            throw fail(path, "\(n) is not a finite number (NaN and Infinity are not valid JSON); expected a finite number")
        case let .array(items):
            for (i, item) in items.enumerated() { try rejectNonFinite(item, path: "\(path)[\(i)]") }
        case let .object(members):
            for key in members.keys.sorted() { try rejectNonFinite(members[key]!, path: "\(path).\(key)") }
        default: break
        }
    }

    func geometry(from value: JSONValue, path: String) throws -> Shape {
        guard let object = value.objectValue else {
            throw fail(path, "is \(value.kindDescription); expected a geometry object such as {\"type\": \"Point\", \"coordinates\": [x, y]} or null")
        }
        guard let type = object["type"]?.stringValue, Parser.geometryTypes.contains(type) else {
            throw fail("\(path).type", "\(object["type"].map(describe) ?? "missing") is not a GeoJSON geometry type; expected one of \(Parser.geometryTypes.joined(separator: ", "))")
        }
        if type == "GeometryCollection" {
            guard let items = object["geometries"]?.arrayValue else {
                throw fail("\(path).geometries", "missing or not an array; a GeometryCollection needs \"geometries\": [ ... ]")
            }
            return .geometryCollection(try items.enumerated().map { try geometry(from: $1, path: "\(path).geometries[\($0)]") })
        }
        let field = "\(path).coordinates"
        guard let coordinates = object["coordinates"] else {
            throw fail(field, "missing; a \(type) needs \"coordinates\"")
        }
        switch type {
        case "Point": return .point(try position(coordinates, field))
        case "LineString": return .lineString(try line(coordinates, field))
        case "Polygon": return .polygon(try polygon(coordinates, field))
        case "MultiPoint": return .multiPoint(try array(coordinates, field, of: "positions").enumerated().map { try position($1, "\(field)[\($0)]") })
        case "MultiLineString": return .multiLineString(try array(coordinates, field, of: "lines").enumerated().map { try line($1, "\(field)[\($0)]") })
        default: return .multiPolygon(try array(coordinates, field, of: "polygons").enumerated().map { try polygon($1, "\(field)[\($0)]") })
        }
    }

    func array(_ value: JSONValue, _ field: String, of what: String) throws -> [JSONValue] {
        guard let items = value.arrayValue else { throw fail(field, "is \(value.kindDescription); expected an array of \(what)") }
        return items
    }

    func position(_ value: JSONValue, _ field: String) throws -> Coordinate {
        guard let items = value.arrayValue else {
            throw fail(field, "is \(value.kindDescription); expected a position [x, y]")
        }
        guard items.count >= 2 else {
            throw fail(field, "has \(items.count) value\(items.count == 1 ? "" : "s"); expected a position [x, y] with 2 numbers (or 3 with altitude)")
        }
        var numbers: [Double] = []
        for (i, item) in items.prefix(3).enumerated() {
            guard let n = item.numberValue else {
                throw fail("\(field)[\(i)]", "is \(item.kindDescription) (\(item)); expected a number")
            }
            guard n.isFinite else {
                throw fail("\(field)[\(i)]", "\(n) is not a finite number (NaN and Infinity are not valid JSON); expected a finite coordinate")
            }
            numbers.append(n)
        }
        return Coordinate(x: numbers[0], y: numbers[1])
    }

    func line(_ value: JSONValue, _ field: String) throws -> [Coordinate] {
        let positions = try array(value, field, of: "positions").enumerated().map { try position($1, "\(field)[\($0)]") }
        guard positions.count >= 2 else {
            throw fail(field, "a LineString has \(positions.count) position\(positions.count == 1 ? "" : "s"); expected at least 2")
        }
        return positions
    }

    func polygon(_ value: JSONValue, _ field: String) throws -> [[Coordinate]] {
        try array(value, field, of: "linear rings").enumerated().map { index, ringValue in
            let ringField = "\(field)[\(index)]"
            let ring = try array(ringValue, ringField, of: "positions").enumerated().map { try position($1, "\(ringField)[\($0)]") }
            let name = index == 0 ? "exterior ring" : "interior ring \(index)"
            guard ring.count >= 4 else {
                throw fail(ringField, "\(name) has \(ring.count) position\(ring.count == 1 ? "" : "s"); a polygon ring needs at least 4 (a closed triangle: first position repeated at the end)")
            }
            guard ring.first == ring.last else {
                throw fail(ringField, "\(name) is not closed: it starts at [\(ring.first!.x), \(ring.first!.y)] and ends at [\(ring.last!.x), \(ring.last!.y)]; expected the last position to repeat the first")
            }
            return ring
        }
    }

    /// Interprets the legacy (2008 GeoJSON) `crs` member.
    func detectCRS(_ value: JSONValue?) throws -> (CRS, String) {
        guard let value, !value.isNull else {
            return (.wgs84, "no crs member: RFC 7946 GeoJSON is WGS84 longitude/latitude")
        }
        guard let name = value.objectValue?["properties"]?.objectValue?["name"]?.stringValue else {
            throw fail("crs", "is not a named CRS; expected {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::27700\"}} or no crs member (WGS84)")
        }
        let upper = name.uppercased()
        let code = upper.firstMatch(of: /(?:EPSG:+|EPSG\/\d+\/)(\d+)$/).flatMap { Int($0.1) }
        if code == 27700 { return (.britishNationalGrid, "crs member names \(name)") }
        if code == 4326 || upper.hasSuffix("CRS84") { return (.wgs84, "crs member names \(name)") }
        throw fail("crs", "names '\(name)', which SiteMatch does not read; expected EPSG:27700 or WGS84. Reproject first, e.g. ogr2ogr -f GeoJSON -t_srs EPSG:4326 out.geojson in.geojson")
    }

    /// Catches coordinates that plainly belong to the other CRS.
    mutating func checkCoordinates(_ features: [Feature], crs: CRS) throws {
        switch crs {
        case .wgs84:
            for (index, feature) in features.enumerated() {
                guard let bad = feature.geometry?.allCoordinates.first(where: { abs($0.x) > 180 || abs($0.y) > 90 }) else { continue }
                featureIndex = index
                featureID = feature.identifier
                let looksBNG = (-10_000...800_000).contains(bad.x) && (-10_000...1_300_000).contains(bad.y)
                if looksBNG {
                    throw fail("geometry.coordinates", "[\(JSONText.number(bad.x)), \(JSONText.number(bad.y))] is not longitude/latitude: it looks like British National Grid metres (EPSG:27700). Declare it with \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::27700\"}}, or convert the file: ogr2ogr -f GeoJSON -s_srs EPSG:27700 -t_srs EPSG:4326 out.geojson in.geojson")
                }
                throw fail("geometry.coordinates", "[\(JSONText.number(bad.x)), \(JSONText.number(bad.y))] is outside longitude −180…180 / latitude −90…90; expected WGS84 longitude, latitude")
            }
        case .britishNationalGrid:
            let all = features.compactMap(\.geometry).flatMap(\.allCoordinates)
            if !all.isEmpty, all.allSatisfy({ (-9.0...2.5).contains($0.x) && (49.0...61.0).contains($0.y) }) {
                throw fail("crs", "names EPSG:27700 but every coordinate looks like longitude/latitude in Great Britain; remove the crs member if the file is WGS84")
            }
        }
    }
}
