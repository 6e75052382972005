import CGEOS

extension Geometry {
    /// The closest pair of points between this geometry and `other`: (on self, on other).
    public func nearestPoints(to other: Geometry) throws -> (Coordinate, Coordinate) {
        // GEOSNearestPoints_r returns a new 2-point sequence the caller destroys; NULL on exception.
        guard let seq = GEOSNearestPoints_r(context.handle, handle, other.handle) else { throw context.error("NearestPoints") }
        defer { GEOSCoordSeq_destroy_r(context.handle, seq) }
        var xy = [Double](repeating: 0, count: 4)
        let ok = xy.withUnsafeMutableBufferPointer { GEOSCoordSeq_copyToBuffer_r(context.handle, seq, $0.baseAddress, 0, 0) }
        guard ok != 0 else { throw context.error("CoordSeq_copyToBuffer") }
        return (Coordinate(xy[0], xy[1]), Coordinate(xy[2], xy[3]))
    }

    /// For a line: the distance along it to the point on it nearest to `point`.
    public func distanceAlong(to point: Geometry) throws -> Double {
        // GEOSProject_r returns -1 on exception.
        let distance = GEOSProject_r(context.handle, handle, point.handle)
        guard distance >= 0 else { throw context.error("Project") }
        return distance
    }

    /// For a line: the point at `distance` along it (clamped to its ends).
    public func point(atDistanceAlong distance: Double) throws -> Geometry {
        try Geometry.wrap(GEOSInterpolate_r(context.handle, handle, distance), in: context, operation: "Interpolate")
    }
}
