import CGEOS

extension Geometry {
    /// The area within `distance` of the geometry (negative shrinks polygons).
    /// `quadrantSegments` sets how many segments approximate a quarter circle.
    public func buffer(_ distance: Double, quadrantSegments: Int = 8) throws -> Geometry {
        try Geometry.wrap(GEOSBuffer_r(context.handle, handle, distance, Int32(quadrantSegments)), in: context, operation: "Buffer")
    }

    /// The point-set union of the two geometries.
    public func union(_ other: Geometry) throws -> Geometry {
        try Geometry.wrap(GEOSUnion_r(context.handle, handle, other.handle), in: context, operation: "Union")
    }

    /// The union computed in a fixed-precision model (GEOS's snap-rounding overlay): every output
    /// vertex lies on a grid of `gridSize`.
    public func union(_ other: Geometry, gridSize: Double) throws -> Geometry {
        try Geometry.wrap(GEOSUnionPrec_r(context.handle, handle, other.handle, gridSize), in: context, operation: "UnionPrec")
    }

    /// The geometry with every coordinate on a grid of `gridSize`, kept valid (collapsed parts removed).
    public func snappedToGrid(_ gridSize: Double) throws -> Geometry {
        try Geometry.wrap(GEOSGeom_setPrecision_r(context.handle, handle, gridSize, 0), in: context, operation: "SetPrecision")
    }

    /// The union of all parts of this (collection) geometry, dissolving shared boundaries.
    public func unaryUnion() throws -> Geometry {
        try Geometry.wrap(GEOSUnaryUnion_r(context.handle, handle), in: context, operation: "UnaryUnion")
    }

    /// The point-set intersection of the two geometries.
    public func intersection(_ other: Geometry) throws -> Geometry {
        try Geometry.wrap(GEOSIntersection_r(context.handle, handle, other.handle), in: context, operation: "Intersection")
    }

    /// The part of this geometry not in `other`.
    public func difference(_ other: Geometry) throws -> Geometry {
        try Geometry.wrap(GEOSDifference_r(context.handle, handle, other.handle), in: context, operation: "Difference")
    }

    /// Douglas–Peucker simplification with `tolerance`; with `preserveTopology` (the default)
    /// the result stays valid and rings do not collapse or cross.
    public func simplify(tolerance: Double, preserveTopology: Bool = true) throws -> Geometry {
        let result = preserveTopology
            ? GEOSTopologyPreserveSimplify_r(context.handle, handle, tolerance)
            : GEOSSimplify_r(context.handle, handle, tolerance)
        return try Geometry.wrap(result, in: context, operation: "Simplify")
    }

    /// The union of several geometries of one context (an empty GeometryCollection for none).
    public static func union(of geometries: [Geometry], context: GEOSContext) throws -> Geometry {
        var handles: [OpaquePointer?] = []
        for geometry in geometries {
            // The collection takes ownership of its parts, so give it clones.
            guard let clone = GEOSGeom_clone_r(context.handle, geometry.handle) else {
                for handle in handles { GEOSGeom_destroy_r(context.handle, handle) }
                throw context.error("clone")
            }
            handles.append(clone)
        }
        let gathered = handles.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(context.handle, Int32(GEOS_GEOMETRYCOLLECTION.rawValue), buffer.baseAddress, UInt32(buffer.count))
        }
        return try Geometry.wrap(gathered, in: context, operation: "createCollection").unaryUnion()
    }
}
