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
        try collect { try read(contentsOfFile: path, allowEmpty: allowEmpty, eachFeature: $0) }
    }

    /// Reads GeoJSON text. `source` names the input in errors. An empty FeatureCollection is an
    /// error unless `allowEmpty`. Features are converted as they are parsed, so memory holds the
    /// features' shapes and properties, never the whole document's JSON tree.
    public static func read(_ data: Data, source: String, allowEmpty: Bool = false) throws -> FeatureCollection {
        try collect { try read(data, source: source, allowEmpty: allowEmpty, eachFeature: $0) }
    }

    /// Streams a file's features to `eachFeature` (index from 0, feature) as they are parsed, so a
    /// caller that keeps only what it needs of each feature never holds them all. Returns the
    /// collection's CRS and foreign members with `features` empty.
    ///
    /// Checks that need the whole file (an empty collection, coordinates that contradict the
    /// CRS) run after the last feature has been handed over: on an error, discard what was received.
    public static func read(contentsOfFile path: String, allowEmpty: Bool = false, eachFeature: (Int, Feature) throws -> Void) throws -> FeatureCollection {
        try read(contents(ofFile: path), source: path, allowEmpty: allowEmpty, eachFeature: eachFeature)
    }

    /// Streams GeoJSON text's features to `eachFeature`; see ``read(contentsOfFile:allowEmpty:eachFeature:)``.
    /// A ``FeatureProblem`` thrown by `eachFeature` is reported as a ``GeoJSONError`` naming the feature.
    public static func read(_ data: Data, source: String, allowEmpty: Bool = false, eachFeature: (Int, Feature) throws -> Void) throws -> FeatureCollection {
        if data.isEmpty { throw GeoJSONError(source: source, message: "the input is empty; expected a GeoJSON object") }
        var index = 0
        return try data.withUnsafeBytes { raw in
            try readInOrder(raw.bindMemory(to: UInt8.self), source: source, allowEmpty: allowEmpty, claims: [], makePart: {}) { _, feature in
                try eachFeature(index, feature)
                index += 1
            }
        }.collection
    }

    /// A file's bytes, or an error naming it.
    static func contents(ofFile path: String) throws -> Data {
        do {
            // Read, not mapped: mapping (page faults instead of one copy) measured no faster here.
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw GeoJSONError(source: path, message: "cannot read the file: \(FileManager.default.fileExists(atPath: path) ? "permission denied or not a regular file" : "no such file")")
        }
    }

    private static func collect(_ read: ((Int, Feature) throws -> Void) throws -> FeatureCollection) throws -> FeatureCollection {
        var features: [Feature] = []
        var collection = try read { _, feature in features.append(feature) }
        collection.features = features
        return collection
    }
}

/// What the features' coordinates say about their CRS, gathered as they stream past, so the
/// check can run once the `crs` member (which may come after the features) is known.
struct CRSEvidence {
    /// The first feature with a coordinate outside longitude −180…180 / latitude −90…90, and that coordinate.
    var firstOutsideLonLat: (index: Int, id: String?, coordinate: Coordinate)?
    var sawCoordinate = false
    /// True while every coordinate seen lies in Great Britain's longitude/latitude box.
    var allLookLikeLonLatInGreatBritain = true

    mutating func add(_ feature: Feature, index: Int) {
        guard let shape = feature.geometry else { return }
        var outside: Coordinate?
        shape.forEachCoordinate { c in
            sawCoordinate = true
            if outside == nil, abs(c.x) > 180 || abs(c.y) > 90 { outside = c }
            if allLookLikeLonLatInGreatBritain, !((-9.0...2.5).contains(c.x) && (49.0...61.0).contains(c.y)) { allLookLikeLonLatInGreatBritain = false }
        }
        if firstOutsideLonLat == nil, let outside { firstOutsideLonLat = (index, feature.identifier, outside) }
    }
}

/// The walk over one parsed document, carrying where we are for error messages.
struct Parser {
    let source: String
    var featureIndex: Int?
    /// The current feature's identifier for error messages: set outright, or worked out (only when
    /// an error needs it) from the feature's `id` member and `id` property.
    var featureID: String? {
        get {
            explicitFeatureID ?? featureIdentity.flatMap { Feature.identifier(member: $0.member, property: $0.property) }
        }
        set {
            explicitFeatureID = newValue
            featureIdentity = nil
        }
    }
    private var explicitFeatureID: String?
    private var featureIdentity: (member: JSONValue?, property: JSONValue?)?
    var evidence = CRSEvidence()

    init(source: String) { self.source = source }

    func fail(_ field: String?, _ message: String) -> GeoJSONError {
        GeoJSONError(source: source, featureIndex: featureIndex, featureID: featureID, field: field, message: message)
    }

    static let geometryTypes = ["Point", "LineString", "Polygon", "MultiPoint", "MultiLineString", "MultiPolygon", "GeometryCollection"]

    /// Interprets the document root once its features have streamed past (`streamedCount` of them,
    /// already handed to `emit`); features not streamed (a root Feature or geometry) go to `emit` here.
    mutating func collection(from root: JSONValue, streamedCount: Int, allowEmpty: Bool, emit: (Int, Feature) throws -> Void) throws -> FeatureCollection {
        guard let object = root.objectValue else {
            throw fail(nil, "the top level is \(root.kindDescription); expected a GeoJSON object such as {\"type\": \"FeatureCollection\", \"features\": [...]}")
        }
        guard let type = object["type"] else {
            throw fail(nil, "no \"type\" member; expected a GeoJSON object such as {\"type\": \"FeatureCollection\", \"features\": [...]}")
        }
        let (crs, reason) = try detectCRS(object["crs"])
        var count = streamedCount
        func add(_ feature: Feature) throws {
            evidence.add(feature, index: count)
            try emit(count, feature)
            count += 1
        }
        switch type.stringValue {
        case "FeatureCollection":
            guard let items = object["features"]?.arrayValue else {
                throw fail("features", "missing or not an array; a FeatureCollection needs \"features\": [ ... ]")
            }
            // The stream hands over the top-level features as they are parsed; any left in the tree
            // (none, for a well-formed file) are converted here.
            for item in items {
                featureIndex = count
                featureID = nil
                try add(try feature(from: item))
            }
            featureIndex = nil
            featureID = nil
        case "Feature":
            featureIndex = 0
            try add(try feature(from: root))
            featureIndex = nil
        case let name? where Parser.geometryTypes.contains(name):
            try add(Feature(geometry: try geometry(from: root, path: "geometry")))
        default:
            throw fail("type", "\(describe(type)) is not a GeoJSON type; expected FeatureCollection, Feature or one of \(Parser.geometryTypes.joined(separator: ", "))")
        }
        if count == 0 && !allowEmpty {
            throw fail(nil, "the FeatureCollection has no features; expected at least one Feature in \"features\"")
        }
        try checkCoordinates(crs: crs)
        var foreign = object
        for key in ["type", "features", "crs", "bbox"] { foreign[key] = nil }
        return FeatureCollection(features: [], crs: crs, crsReason: reason, foreignMembers: foreign)
    }

    func describe(_ value: JSONValue) -> String {
        if let s = value.stringValue { return "'\(s)'" }
        return value.kindDescription
    }

    /// One element of the streamed features array: the scanner's fast path when the feature has
    /// the usual shape, else (or when the fast path declines) the generic JSON tree, so that every
    /// error is the general path's.
    mutating func streamedFeature(_ stream: inout JSONStream, scratch: inout CoordinateNesting) throws -> Feature {
        let start = stream.i
        if let scanned = try stream.scanFeature(depth: 1, geometry: &scratch) {
            do {
                let geometry = scanned.geometryType.map { (type: $0, nesting: scratch) }
                return try feature(type: scanned.type, id: scanned.id, properties: scanned.properties, geometry: scanned.geometry, scannedGeometry: geometry)
            } catch is FastPathDeclined {
                featureID = nil
            }
        }
        stream.i = start
        return try feature(from: try stream.value(depth: 1))
    }

    mutating func feature(from value: JSONValue) throws -> Feature {
        guard let object = value.objectValue else {
            throw fail(nil, "is \(value.kindDescription); expected a Feature object {\"type\": \"Feature\", \"geometry\": ..., \"properties\": {...}}")
        }
        return try feature(type: object["type"], id: object["id"], properties: object["properties"], geometry: object["geometry"])
    }

    /// A Feature from its members (nil: absent). With `scannedGeometry`, the geometry member was
    /// read by the scanner and its positions are used instead of `geometry`.
    mutating func feature(type: JSONValue?, id: JSONValue?, properties propertiesValue: JSONValue?, geometry geometryValue: JSONValue?,
                          scannedGeometry: (type: String, nesting: CoordinateNesting)? = nil) throws -> Feature {
        var properties: [String: JSONValue] = [:]
        switch propertiesValue {
        case nil, .null?: break
        case let .object(members)?: properties = members
        case let other?: throw fail("properties", "is \(other.kindDescription); expected an object or null")
        }
        featureIdentity = (id, properties["id"])
        explicitFeatureID = nil
        guard type?.stringValue == "Feature" else {
            throw fail("type", "\(type.map(describe) ?? "missing"); expected \"Feature\"")
        }
        try rejectNonFinite(.object(properties), path: "properties")
        let shape: Shape?
        if let scannedGeometry {
            shape = try Parser.shape(type: scannedGeometry.type, scannedGeometry.nesting)
        } else {
            guard let geometryValue else {
                throw fail("geometry", "missing; expected a geometry object or null")
            }
            shape = geometryValue.isNull ? nil : try geometry(from: geometryValue, path: "geometry")
        }
        return Feature(id: id, geometry: shape, properties: properties)
    }

    /// The shape of scanned positions when they are exactly what `type` needs (the structure, and
    /// the counts, closed rings and lengths ``geometry(from:path:)`` checks); otherwise
    /// ``FastPathDeclined`` so the general path reports the problem.
    static func shape(type: String, _ nesting: CoordinateNesting) throws -> Shape {
        var reader = NestingReader(positions: nesting.positions, counts: nesting.counts)
        switch (type, nesting.depth) {
        case ("Point", 0): return .point(nesting.positions[0])
        case ("LineString", 1): return .lineString(try reader.line())
        case ("MultiPoint", 1): return .multiPoint(reader.take(reader.count()))
        case ("Polygon", 2): return .polygon(try reader.polygon())
        case ("MultiLineString", 2): return .multiLineString(try reader.repeated { try $0.line() })
        case ("MultiPolygon", 3): return .multiPolygon(try reader.repeated { try $0.polygon() })
        default: throw FastPathDeclined()
        }
    }

    /// Walks a ``CoordinateNesting`` in document order: element counts in pre-order, positions in turn.
    /// A struct with mutating methods rather than closures over local variables, which Swift would
    /// box and check for exclusive access on every call.
    private struct NestingReader {
        let positions: [Coordinate]
        let counts: [Int]
        var next = 0, cursor = 0

        mutating func count() -> Int {
            cursor += 1
            return counts[cursor - 1]
        }

        mutating func take(_ n: Int) -> [Coordinate] {
            next += n
            return Array(positions[(next - n)..<next])
        }

        mutating func line() throws -> [Coordinate] {
            let n = count()
            guard n >= 2 else { throw FastPathDeclined() }
            return take(n)
        }

        mutating func polygon() throws -> [[Coordinate]] {
            try repeated { reader in
                let n = reader.count()
                guard n >= 4, reader.positions[reader.next] == reader.positions[reader.next + n - 1] else { throw FastPathDeclined() }
                return reader.take(n)
            }
        }

        /// `count()` elements, each read by `element`.
        mutating func repeated<T>(_ element: (inout NestingReader) throws -> T) rethrows -> [T] {
            let n = count()
            var elements: [T] = []
            elements.reserveCapacity(n)
            for _ in 0..<n { elements.append(try element(&self)) }
            return elements
        }
    }

    /// Throws, naming the first offending member in key order, when `value` holds NaN or an infinity.
    func rejectNonFinite(_ value: JSONValue, path: String) throws {
        // Most properties are finite: check without building paths or sorting keys first.
        guard !value.isFinite else { return }
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
    mutating func checkCoordinates(crs: CRS) throws {
        switch crs {
        case .wgs84:
            if let (index, id, bad) = evidence.firstOutsideLonLat {
                featureIndex = index
                featureID = id
                let looksBNG = (-10_000...800_000).contains(bad.x) && (-10_000...1_300_000).contains(bad.y)
                if looksBNG {
                    throw fail("geometry.coordinates", "[\(JSONText.number(bad.x)), \(JSONText.number(bad.y))] is not longitude/latitude: it looks like British National Grid metres (EPSG:27700). Declare it with \"crs\": {\"type\": \"name\", \"properties\": {\"name\": \"urn:ogc:def:crs:EPSG::27700\"}}, or convert the file: ogr2ogr -f GeoJSON -s_srs EPSG:27700 -t_srs EPSG:4326 out.geojson in.geojson")
                }
                throw fail("geometry.coordinates", "[\(JSONText.number(bad.x)), \(JSONText.number(bad.y))] is outside longitude −180…180 / latitude −90…90; expected WGS84 longitude, latitude")
            }
        case .britishNationalGrid:
            if evidence.sawCoordinate, evidence.allLookLikeLonLatInGreatBritain {
                throw fail("crs", "names EPSG:27700 but every coordinate looks like longitude/latitude in Great Britain; remove the crs member if the file is WGS84")
            }
        }
    }
}
