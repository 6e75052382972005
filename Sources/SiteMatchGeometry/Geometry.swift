import CGEOS

/// The kinds of geometry GEOS can hold.
public enum GeometryType: String, Sendable, CaseIterable {
    case point = "Point"
    case lineString = "LineString"
    case linearRing = "LinearRing"
    case polygon = "Polygon"
    case multiPoint = "MultiPoint"
    case multiLineString = "MultiLineString"
    case multiPolygon = "MultiPolygon"
    case geometryCollection = "GeometryCollection"
}

/// A geometry held by GEOS, owned by one ``GEOSContext``.
///
/// A `Geometry` is immutable: every operation returns a new one. It is freed exactly once, when the
/// last reference goes. It belongs to its context's thread (see ``GEOSContext``); to send one to
/// another worker, send its ``shape`` or ``wkb`` instead.
public final class Geometry {
    /// The context this geometry was made in; all operations on it run in that context.
    public let context: GEOSContext
    /// `GEOSGeometry*`, owned: destroyed with `GEOSGeom_destroy_r` in `deinit`.
    let handle: OpaquePointer
    /// The bounding box, once asked for (the geometry never changes); nil until then.
    var cachedEnvelope: Envelope?

    /// Takes ownership of a GEOS geometry created in `context`.
    init(owning handle: OpaquePointer, in context: GEOSContext) {
        self.handle = handle
        self.context = context
    }

    deinit {
        GEOSGeom_destroy_r(context.handle, handle)
    }

    /// Wraps the result of a GEOS call that returns a new geometry, or NULL on exception.
    static func wrap(_ result: OpaquePointer?, in context: GEOSContext, operation: String) throws -> Geometry {
        guard let result else { throw context.error(operation) }
        return Geometry(owning: result, in: context)
    }

    /// The geometry's type.
    public var type: GeometryType {
        // GEOSGeomTypeId_r: -1 on exception, else GEOS_POINT … GEOS_GEOMETRYCOLLECTION (0…7).
        switch Int(GEOSGeomTypeId_r(context.handle, handle)) {
        case Int(GEOS_POINT.rawValue): return .point
        case Int(GEOS_LINESTRING.rawValue): return .lineString
        case Int(GEOS_LINEARRING.rawValue): return .linearRing
        case Int(GEOS_POLYGON.rawValue): return .polygon
        case Int(GEOS_MULTIPOINT.rawValue): return .multiPoint
        case Int(GEOS_MULTILINESTRING.rawValue): return .multiLineString
        case Int(GEOS_MULTIPOLYGON.rawValue): return .multiPolygon
        default: return .geometryCollection
        }
    }

    /// True for a geometry with no coordinates (e.g. `POLYGON EMPTY`).
    public var isEmpty: Bool {
        // GEOSisEmpty_r: 2 on exception, 1 true, 0 false.
        GEOSisEmpty_r(context.handle, handle) == 1
    }

    /// The number of parts of a collection (1 for a single geometry).
    public var numberOfGeometries: Int {
        Int(GEOSGetNumGeometries_r(context.handle, handle))
    }

    /// An independent copy of part `index` of a collection.
    public func geometry(at index: Int) throws -> Geometry {
        guard index >= 0, index < numberOfGeometries else {
            throw GeometryError.invalidShape("part \(index) does not exist; the geometry has \(numberOfGeometries) parts")
        }
        // GEOSGetGeometryN_r returns a pointer owned by the collection: it must NOT be destroyed, so clone it.
        guard let part = GEOSGetGeometryN_r(context.handle, handle, Int32(index)) else { throw context.error("GetGeometryN") }
        return try Geometry.wrap(GEOSGeom_clone_r(context.handle, part), in: context, operation: "clone")
    }

    /// An independent copy in the same context.
    public func copy() throws -> Geometry {
        try Geometry.wrap(GEOSGeom_clone_r(context.handle, handle), in: context, operation: "clone")
    }
}
