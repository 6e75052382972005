import CGEOS

extension Geometry {
    /// Converts a GEOS predicate result (2 on exception, 1 true, 0 false).
    func predicate(_ result: CChar, _ operation: String) throws -> Bool {
        switch result {
        case 1: return true
        case 0: return false
        default: throw context.error(operation)
        }
    }

    /// True when the geometries share at least one point.
    public func intersects(_ other: Geometry) throws -> Bool {
        try predicate(GEOSIntersects_r(context.handle, handle, other.handle), "Intersects")
    }

    /// True when `other` lies in this geometry and their interiors meet (OGC `contains`).
    public func contains(_ other: Geometry) throws -> Bool {
        try predicate(GEOSContains_r(context.handle, handle, other.handle), "Contains")
    }

    /// True when this geometry lies within `other` (OGC `within`).
    public func within(_ other: Geometry) throws -> Bool {
        try predicate(GEOSWithin_r(context.handle, handle, other.handle), "Within")
    }

    /// True when no point of `other` lies outside this geometry (boundary allowed).
    public func covers(_ other: Geometry) throws -> Bool {
        try predicate(GEOSCovers_r(context.handle, handle, other.handle), "Covers")
    }

    /// True when the distance between the geometries is at most `distance`; faster than
    /// computing the distance because GEOS stops as soon as it knows.
    public func isWithinDistance(_ distance: Double, of other: Geometry) throws -> Bool {
        try predicate(GEOSDistanceWithin_r(context.handle, handle, other.handle, distance), "DistanceWithin")
    }
}
