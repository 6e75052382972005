import Foundation

/// The positions of one GeoJSON `coordinates` value, read without building a JSON tree: every
/// position in document order, and the element count of every array above the positions in
/// pre-order. A Polygon with rings of 5 and 4 positions has `depth` 2, `counts` [2, 5, 4] and
/// 9 positions; a Point has `depth` 0, no counts and one position.
struct CoordinateNesting {
    var positions: [Coordinate] = []
    var counts: [Int] = []
    /// Array levels above the positions: 0 Point, 1 LineString/MultiPoint, 2 Polygon/MultiLineString, 3 MultiPolygon.
    var depth = -1

    mutating func reset() {
        positions.removeAll(keepingCapacity: true)
        counts.removeAll(keepingCapacity: true)
        depth = -1
    }
}

/// A Feature read by ``JSONStream/scanFeature(depth:geometry:)``: the members GeoJSON gives meaning
/// to (nil when absent; other members are checked as JSON and dropped, as the general path drops them).
struct ScannedFeature {
    var type: JSONValue?
    var id: JSONValue?
    var properties: JSONValue?
    /// The geometry member when it was not scanned (e.g. null).
    var geometry: JSONValue?
    /// The geometry's `type` when its `coordinates` were read into the scanner's nesting.
    var geometryType: String?
}

/// Raised by the GeoJSON reader when a scanned feature is not what the fast path handles; the
/// feature is then parsed again as a generic JSON value so every error is reported exactly as the
/// general path reports it.
struct FastPathDeclined: Error {}

extension JSONStream {
    /// Reads one element of the features array when it is a Feature object of the usual shape,
    /// putting its geometry's positions straight into `geometry` (no JSON array per position).
    /// Returns nil, with the read position anywhere inside the element, when the element is
    /// anything else (not an object, a GeometryCollection, NaN, an empty or ragged array, a
    /// repeated geometry member …): the caller rewinds and parses it generically.
    /// Syntax errors throw as the generic parser would throw them at the same byte.
    mutating func scanFeature(depth: Int, geometry: inout CoordinateNesting) throws -> ScannedFeature? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var feature = ScannedFeature()
        var sawGeometry = false
        skipWhitespace()
        if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return feature }
        while true {
            skipWhitespace()
            guard let key = memberName() else { return nil }
            switch key {
            case .type: feature.type = try value(depth: depth + 1)
            case .id: feature.id = try value(depth: depth + 1)
            case .properties: feature.properties = try value(depth: depth + 1)
            case .geometry:
                guard !sawGeometry, i < bytes.count else { return nil }
                sawGeometry = true
                if bytes[i] == UInt8(ascii: "{") {
                    guard let type = try scanGeometry(depth: depth + 1, into: &geometry) else { return nil }
                    feature.geometryType = type
                } else {
                    feature.geometry = try value(depth: depth + 1)
                }
            case .coordinates, .other: _ = try value(depth: depth + 1)
            case .geometries: return nil
            }
            guard let more = afterItem(closing: UInt8(ascii: "}")) else { return nil }
            if !more { return feature }
        }
    }

    /// The member names the scanner acts on; every other name is `.other`.
    enum MemberName { case type, id, properties, geometry, coordinates, geometries, other }

    /// Reads `"name" :` and leaves the position at the value. Names are matched on their bytes, no
    /// String made; nil (decline) for a name with escapes or a missing ':'.
    private mutating func memberName() -> MemberName? {
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
        let start = i + 1
        var end = start
        while end < bytes.count, bytes[end] != UInt8(ascii: "\""), bytes[end] != UInt8(ascii: "\\"), bytes[end] >= 0x20 { end += 1 }
        guard end < bytes.count, bytes[end] == UInt8(ascii: "\"") else { return nil }
        let name = UnsafeBufferPointer(rebasing: bytes[start..<end])
        func equals(_ literal: StaticString) -> Bool {
            literal.utf8CodeUnitCount == name.count && memcmp(literal.utf8Start, name.baseAddress!, name.count) == 0
        }
        let member: MemberName
        switch name.count {
        case 2 where equals("id"): member = .id
        case 4 where equals("type"): member = .type
        case 8 where equals("geometry"): member = .geometry
        case 10 where equals("properties"): member = .properties
        case 10 where equals("geometries"): member = .geometries
        case 11 where equals("coordinates"): member = .coordinates
        default: member = .other
        }
        i = end + 1
        skipWhitespace()
        guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
        i += 1
        skipWhitespace()
        return member
    }

    /// A geometry object with a string `type` and plain `coordinates`; returns its type, or nil.
    private mutating func scanGeometry(depth: Int, into nesting: inout CoordinateNesting) throws -> String? {
        i += 1  // {
        var type: String?
        var sawCoordinates = false
        while true {
            skipWhitespace()
            guard let key = memberName() else { return nil }
            switch key {
            case .type:
                guard type == nil, i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
                type = try string()
            case .coordinates:
                guard !sawCoordinates else { return nil }
                sawCoordinates = true
                nesting.reset()
                guard try coordinateArray(level: 0, into: &nesting) else { return nil }
            case .geometries:
                return nil
            case .id, .properties, .geometry, .other:
                _ = try value(depth: depth + 1)
            }
            guard let more = afterItem(closing: UInt8(ascii: "}")) else { return nil }
            if !more { return sawCoordinates ? type : nil }
        }
    }

    /// Nested arrays ending in positions of 2 or 3 finite numbers, all at the same depth (≤ 3).
    private mutating func coordinateArray(level: Int, into nesting: inout CoordinateNesting) throws -> Bool {
        guard level <= 3, i < bytes.count, bytes[i] == UInt8(ascii: "[") else { return false }
        i += 1
        skipWhitespace()
        guard i < bytes.count else { return false }
        let first = bytes[i]
        if first == UInt8(ascii: "[") {
            let slot = nesting.counts.count
            nesting.counts.append(0)
            var count = 0
            while true {
                guard try coordinateArray(level: level + 1, into: &nesting) else { return false }
                count += 1
                guard let more = afterItem(closing: UInt8(ascii: "]")) else { return false }
                if !more {
                    nesting.counts[slot] = count
                    return true
                }
            }
        }
        // A position.
        guard nesting.depth == -1 || nesting.depth == level else { return false }
        nesting.depth = level
        var x = 0.0, y = 0.0, count = 0
        while true {
            guard i < bytes.count else { return false }
            let byte = bytes[i]
            let startsNumber = (byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9"))
                || (byte == UInt8(ascii: "-") && i + 1 < bytes.count && bytes[i + 1] != UInt8(ascii: "I"))
            guard startsNumber else { return false }
            let value = try number()
            guard value.isFinite else { return false }
            if count == 0 { x = value } else if count == 1 { y = value }
            count += 1
            guard count <= 3, let more = afterItem(closing: UInt8(ascii: "]")) else { return false }
            if !more { break }
        }
        guard count >= 2 else { return false }
        nesting.positions.append(Coordinate(x: x, y: y))
        return true
    }

    /// After an array element or object member: true past a ',' (more follow), false past the
    /// `closing` bracket, nil for anything else (the scanner declines; the general parser reports it).
    private mutating func afterItem(closing: UInt8) -> Bool? {
        skipWhitespace()
        guard i < bytes.count else { return nil }
        if bytes[i] == UInt8(ascii: ",") {
            i += 1
            skipWhitespace()
            return true
        }
        guard bytes[i] == closing else { return nil }
        i += 1
        return false
    }
}
