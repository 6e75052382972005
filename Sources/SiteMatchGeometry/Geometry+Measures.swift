import CGEOS

extension Geometry {
    /// Area in squared units of the coordinates (m² for EPSG:27700). Measure in a projected CRS.
    public func area() throws -> Double {
        var value = 0.0
        // GEOSArea_r: 0 on exception, 1 otherwise.
        guard GEOSArea_r(context.handle, handle, &value) != 0 else { throw context.error("Area") }
        return value
    }

    /// Length of lines, or perimeter of polygons, in units of the coordinates.
    public func length() throws -> Double {
        var value = 0.0
        // GEOSLength_r: 0 on exception, 1 otherwise.
        guard GEOSLength_r(context.handle, handle, &value) != 0 else { throw context.error("Length") }
        return value
    }

    /// The minimum Cartesian distance between the two geometries (0 when they intersect).
    public func distance(to other: Geometry) throws -> Double {
        var value = 0.0
        // GEOSDistance_r: 0 on exception, 1 otherwise.
        guard GEOSDistance_r(context.handle, handle, other.handle, &value) != 0 else { throw context.error("Distance") }
        return value
    }

    /// The centroid (centre of mass) as a Point geometry.
    public func centroid() throws -> Geometry {
        guard !isEmpty else { throw GeometryError.emptyGeometry(operation: "centroid") }
        return try Geometry.wrap(GEOSGetCentroid_r(context.handle, handle), in: context, operation: "Centroid")
    }

    /// A point guaranteed to lie on the geometry (inside a polygon, unlike a centroid may).
    public func pointOnSurface() throws -> Geometry {
        guard !isEmpty else { throw GeometryError.emptyGeometry(operation: "pointOnSurface") }
        return try Geometry.wrap(GEOSPointOnSurface_r(context.handle, handle), in: context, operation: "PointOnSurface")
    }

    /// The coordinate of a Point geometry.
    public func pointCoordinate() throws -> Coordinate {
        var x = 0.0, y = 0.0
        // GEOSGeomGetX_r / GetY_r: 0 on exception (not a point, or empty).
        guard GEOSGeomGetX_r(context.handle, handle, &x) != 0, GEOSGeomGetY_r(context.handle, handle, &y) != 0 else {
            throw context.error("GeomGetX/Y")
        }
        return Coordinate(x: x, y: y)
    }

    /// The bounding box.
    public func envelope() throws -> Envelope {
        if let cachedEnvelope { return cachedEnvelope }
        guard !isEmpty else { throw GeometryError.emptyGeometry(operation: "envelope") }
        var e = Envelope(minX: 0, minY: 0, maxX: 0, maxY: 0)
        let ctx = context.handle
        // GEOSGeom_getXMin_r and friends: 0 on exception, 1 otherwise.
        guard GEOSGeom_getXMin_r(ctx, handle, &e.minX) != 0, GEOSGeom_getYMin_r(ctx, handle, &e.minY) != 0,
              GEOSGeom_getXMax_r(ctx, handle, &e.maxX) != 0, GEOSGeom_getYMax_r(ctx, handle, &e.maxY) != 0
        else { throw context.error("getXMin/YMin/XMax/YMax") }
        cachedEnvelope = e
        return e
    }
}
