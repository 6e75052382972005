import CGEOS

/// A geometry prepared once for many fast predicate tests against other geometries
/// (GEOS builds an index of its segments). Prepare the geometry you test *against* repeatedly.
///
/// Belongs to its base geometry's context (see ``GEOSContext`` for the threading rule).
public final class PreparedGeometry {
    /// The geometry that was prepared; kept alive for as long as the prepared form.
    public let base: Geometry
    /// `const GEOSPreparedGeometry*` from `GEOSPrepare_r`; destroyed (before `base`) in `deinit`.
    private let handle: OpaquePointer

    public init(_ base: Geometry) throws {
        guard let handle = GEOSPrepare_r(base.context.handle, base.handle) else { throw base.context.error("Prepare") }
        self.base = base
        self.handle = handle
    }

    deinit {
        // `base` is a stored property, released only after this deinit: the prepared form goes first, as GEOS requires.
        GEOSPreparedGeom_destroy_r(base.context.handle, handle)
    }

    private var ctx: GEOSContextHandle_t { base.context.handle }

    /// True when `other` lies in the prepared geometry and their interiors meet.
    public func contains(_ other: Geometry) throws -> Bool {
        try base.predicate(GEOSPreparedContains_r(ctx, handle, other.handle), "PreparedContains")
    }

    /// True when no point of `other` lies outside the prepared geometry.
    public func covers(_ other: Geometry) throws -> Bool {
        try base.predicate(GEOSPreparedCovers_r(ctx, handle, other.handle), "PreparedCovers")
    }

    /// True when the geometries share at least one point. Disjoint envelopes settle it without
    /// GEOS, whose prepared test is not cheap even then (measured in the portfolio benchmark).
    public func intersects(_ other: Geometry) throws -> Bool {
        // envelope() throws only for an empty geometry, which GEOS then decides.
        if let a = try? base.envelope(), let b = try? other.envelope(), !a.intersects(b) { return false }
        return try base.predicate(GEOSPreparedIntersects_r(ctx, handle, other.handle), "PreparedIntersects")
    }

    /// True when `other` is within `distance` of the prepared geometry.
    public func isWithinDistance(_ distance: Double, of other: Geometry) throws -> Bool {
        try base.predicate(GEOSPreparedDistanceWithin_r(ctx, handle, other.handle, distance), "PreparedDistanceWithin")
    }

    /// The minimum distance from the prepared geometry to `other`.
    public func distance(to other: Geometry) throws -> Double {
        var value = 0.0
        // GEOSPreparedDistance_r: 0 on exception, 1 otherwise.
        guard GEOSPreparedDistance_r(ctx, handle, other.handle, &value) != 0 else { throw base.context.error("PreparedDistance") }
        return value
    }
}
