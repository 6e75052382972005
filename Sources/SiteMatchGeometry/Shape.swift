/// The coordinates of a geometry as a plain `Sendable` value, in GeoJSON's structure.
///
/// `Shape` is how geometries travel between workers and formats: GeoJSON is read into a `Shape`,
/// a `Shape` becomes a GEOS ``Geometry`` in a worker's context, and a ``Geometry`` is written
/// back out through its `Shape`. Polygons hold their rings exterior-first.
public enum Shape: Hashable, Sendable {
    case point(Coordinate)
    case lineString([Coordinate])
    case polygon([[Coordinate]])
    case multiPoint([Coordinate])
    case multiLineString([[Coordinate]])
    case multiPolygon([[[Coordinate]]])
    case geometryCollection([Shape])

    /// The GeoJSON / OGC name of this shape's type.
    public var typeName: String {
        switch self {
        case .point: return "Point"
        case .lineString: return "LineString"
        case .polygon: return "Polygon"
        case .multiPoint: return "MultiPoint"
        case .multiLineString: return "MultiLineString"
        case .multiPolygon: return "MultiPolygon"
        case .geometryCollection: return "GeometryCollection"
        }
    }

    /// Every coordinate, in order.
    public var allCoordinates: [Coordinate] {
        switch self {
        case let .point(c): return [c]
        case let .lineString(cs), let .multiPoint(cs): return cs
        case let .polygon(rings), let .multiLineString(rings): return rings.flatMap { $0 }
        case let .multiPolygon(polygons): return polygons.flatMap { $0.flatMap { $0 } }
        case let .geometryCollection(shapes): return shapes.flatMap(\.allCoordinates)
        }
    }

    /// Calls `body` with every coordinate, in order, without collecting them.
    public func forEachCoordinate(_ body: (Coordinate) throws -> Void) rethrows {
        switch self {
        case let .point(c): try body(c)
        case let .lineString(cs), let .multiPoint(cs): for c in cs { try body(c) }
        case let .polygon(rings), let .multiLineString(rings): for ring in rings { for c in ring { try body(c) } }
        case let .multiPolygon(polygons): for rings in polygons { for ring in rings { for c in ring { try body(c) } } }
        case let .geometryCollection(shapes): for shape in shapes { try shape.forEachCoordinate(body) }
        }
    }

    /// The same structure with every coordinate passed through `transform`.
    public func mapCoordinates(_ transform: (Coordinate) throws -> Coordinate) rethrows -> Shape {
        switch self {
        case let .point(c): return .point(try transform(c))
        case let .lineString(cs): return .lineString(try cs.map(transform))
        case let .multiPoint(cs): return .multiPoint(try cs.map(transform))
        case let .polygon(rings): return .polygon(try rings.map { try $0.map(transform) })
        case let .multiLineString(lines): return .multiLineString(try lines.map { try $0.map(transform) })
        case let .multiPolygon(polygons):
            return .multiPolygon(try polygons.map { try $0.map { try $0.map(transform) } })
        case let .geometryCollection(shapes):
            return .geometryCollection(try shapes.map { try $0.mapCoordinates(transform) })
        }
    }

    /// The bounding box of all coordinates, or nil for a shape without any.
    public var envelope: Envelope? {
        var result: Envelope?
        for c in allCoordinates {
            let point = Envelope(minX: c.x, minY: c.y, maxX: c.x, maxY: c.y)
            result = result?.union(point) ?? point
        }
        return result
    }
}
