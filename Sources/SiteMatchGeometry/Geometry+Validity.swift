import CGEOS

extension Geometry {
    /// True when the geometry is valid by the OGC rules GEOS checks (closed, non-self-intersecting rings…).
    public var isValid: Bool {
        get throws { try predicate(GEOSisValid_r(context.handle, handle), "isValid") }
    }

    /// GEOS's explanation, e.g. `Self-intersection[5 5]`, or "Valid Geometry".
    public var validityReason: String {
        get throws {
            // GEOSisValidReason_r returns a string the caller frees with GEOSFree_r; NULL on exception.
            guard let reason = GEOSisValidReason_r(context.handle, handle) else { throw context.error("isValidReason") }
            defer { GEOSFree_r(context.handle, reason) }
            return String(cString: reason)
        }
    }

    /// A valid version of the geometry that keeps every input vertex (GEOS "structure" method,
    /// keeping collapsed parts out): a bow-tie polygon becomes a MultiPolygon of its two triangles.
    public func makeValid() throws -> Geometry {
        let ctx = context.handle
        guard let params = GEOSMakeValidParams_create_r(ctx) else { throw context.error("MakeValidParams_create") }
        defer { GEOSMakeValidParams_destroy_r(ctx, params) }
        // Both setters: 0 on exception.
        _ = GEOSMakeValidParams_setMethod_r(ctx, params, GEOS_MAKE_VALID_STRUCTURE)
        _ = GEOSMakeValidParams_setKeepCollapsed_r(ctx, params, 0)
        return try Geometry.wrap(GEOSMakeValidWithParams_r(ctx, handle, params), in: context, operation: "MakeValid")
    }
}
