import CGEOS

extension Geometry {
    /// Builds a GEOS geometry from a ``Shape`` in `context`.
    ///
    /// Throws ``GeometryError/invalidShape(_:)`` for structure GEOS cannot hold (an unclosed ring,
    /// a ring of fewer than 4 positions, a line of fewer than 2, a non-finite coordinate).
    /// Self-intersections are *not* rejected here: check ``isValid`` for those.
    public convenience init(_ shape: Shape, context: GEOSContext) throws {
        let handle = try Geometry.makeHandle(shape, context: context)
        self.init(owning: handle, in: context)
    }

    /// A single point.
    public convenience init(point: Coordinate, context: GEOSContext) throws {
        try self.init(.point(point), context: context)
    }

    /// The rectangle covering `envelope` (a Polygon, or a Point/LineString when it is degenerate).
    public convenience init(envelope: Envelope, context: GEOSContext) throws {
        let handle = GEOSGeom_createRectangle_r(context.handle, envelope.minX, envelope.minY, envelope.maxX, envelope.maxY)
        guard let handle else { throw context.error("createRectangle") }
        self.init(owning: handle, in: context)
    }

    /// The geometry's coordinates as a `Sendable` value (2-D; GEOS's Z is dropped).
    public var shape: Shape {
        get throws { try Geometry.shape(of: handle, context: context) }
    }

    // MARK: - Building

    private static func makeHandle(_ shape: Shape, context: GEOSContext) throws -> OpaquePointer {
        let ctx = context.handle
        switch shape {
        case let .point(c):
            let seq = try sequence([c], context: context)
            return try nonNil(GEOSGeom_createPoint_r(ctx, seq), context, "createPoint")
        case let .lineString(cs):
            guard cs.count >= 2 else {
                throw GeometryError.invalidShape("a LineString needs at least 2 positions, found \(cs.count)")
            }
            let seq = try sequence(cs, context: context)
            return try nonNil(GEOSGeom_createLineString_r(ctx, seq), context, "createLineString")
        case let .polygon(rings):
            return try polygonHandle(rings, context: context)
        case let .multiPoint(cs):
            return try collection(GEOS_MULTIPOINT, cs.map { try makeHandle(.point($0), context: context) }, context)
        case let .multiLineString(lines):
            return try collection(GEOS_MULTILINESTRING, lines.map { try makeHandle(.lineString($0), context: context) }, context)
        case let .multiPolygon(polygons):
            return try collection(GEOS_MULTIPOLYGON, polygons.map { try polygonHandle($0, context: context) }, context)
        case let .geometryCollection(shapes):
            return try collection(GEOS_GEOMETRYCOLLECTION, shapes.map { try makeHandle($0, context: context) }, context)
        }
    }

    /// A polygon from its rings (exterior first), each any collection of positions: arrays, or
    /// slices of one flat buffer such as ``PolygonBuffer``'s.
    static func polygonHandle<Rings: Collection>(_ rings: Rings, context: GEOSContext) throws -> OpaquePointer
    where Rings.Element: Collection, Rings.Element.Element == Coordinate {
        let ctx = context.handle
        guard !rings.isEmpty else {
            return try nonNil(GEOSGeom_createEmptyPolygon_r(ctx), context, "createEmptyPolygon")
        }
        var ringHandles: [OpaquePointer?] = []
        ringHandles.reserveCapacity(rings.count)
        do {
            for (i, ring) in rings.enumerated() {
                let name = i == 0 ? "exterior ring" : "interior ring \(i)"
                guard ring.count >= 4 else {
                    throw GeometryError.invalidShape("\(name) has \(ring.count) positions; a polygon ring needs at least 4 (a closed triangle)")
                }
                let first = ring.first!, last = ring[ring.index(ring.startIndex, offsetBy: ring.count - 1)]
                guard first == last else {
                    throw GeometryError.invalidShape("\(name) is not closed: it starts at \(first) but ends at \(last); the first and last positions must be identical")
                }
                let seq = try sequence(ring, context: context)
                // createLinearRing_r takes ownership of seq (also on failure).
                ringHandles.append(try nonNil(GEOSGeom_createLinearRing_r(ctx, seq), context, "createLinearRing"))
            }
        } catch {
            for ring in ringHandles { GEOSGeom_destroy_r(ctx, ring) }
            throw error
        }
        let shell = ringHandles[0]
        // createPolygon_r takes ownership of the shell and the holes (not of the holes array).
        let polygon = ringHandles.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createPolygon_r(ctx, shell, buffer.count > 1 ? buffer.baseAddress! + 1 : nil, UInt32(buffer.count - 1))
        }
        return try nonNil(polygon, context, "createPolygon")
    }

    private static func collection(_ type: GEOSGeomTypes, _ parts: [OpaquePointer], _ context: GEOSContext) throws -> OpaquePointer {
        var parts: [OpaquePointer?] = parts
        // createCollection_r takes ownership of the parts (not of the array).
        let result = parts.withUnsafeMutableBufferPointer { buffer in
            GEOSGeom_createCollection_r(context.handle, Int32(type.rawValue), buffer.baseAddress, UInt32(buffer.count))
        }
        return try nonNil(result, context, "createCollection")
    }

    /// `Coordinate` is two `Double`s, x then y, so a buffer of them is GEOS's interleaved xy layout.
    private static let coordinateIsInterleavedXY: Bool = MemoryLayout<Coordinate>.stride == 2 * MemoryLayout<Double>.stride
        && MemoryLayout<Coordinate>.offset(of: \Coordinate.x) == 0 && MemoryLayout<Coordinate>.offset(of: \Coordinate.y) == MemoryLayout<Double>.stride

    private static func sequence<Positions: Collection>(_ coordinates: Positions, context: GEOSContext) throws -> OpaquePointer
    where Positions.Element == Coordinate {
        if let seq = try coordinates.withContiguousStorageIfAvailable({ try sequence(buffer: $0, context: context) }) { return seq }
        return try Array(coordinates).withUnsafeBufferPointer { try sequence(buffer: $0, context: context) }
    }

    private static func sequence(buffer: UnsafeBufferPointer<Coordinate>, context: GEOSContext) throws -> OpaquePointer {
        precondition(coordinateIsInterleavedXY, "Coordinate must be laid out as two Doubles, x then y")
        for c in buffer where !c.isFinite {
            throw GeometryError.invalidShape("coordinate \(c) is not a finite number")
        }
        // copyFromBuffer_r copies an interleaved xy buffer (hasZ = 0, hasM = 0); NULL on exception.
        let seq = buffer.withMemoryRebound(to: Double.self) { xy in
            GEOSCoordSeq_copyFromBuffer_r(context.handle, xy.baseAddress, UInt32(buffer.count), 0, 0)
        }
        return try nonNil(seq, context, "CoordSeq_copyFromBuffer")
    }

    private static func nonNil(_ pointer: OpaquePointer?, _ context: GEOSContext, _ operation: String) throws -> OpaquePointer {
        guard let pointer else { throw context.error(operation) }
        return pointer
    }

    // MARK: - Reading back

    static func shape(of handle: OpaquePointer, context: GEOSContext) throws -> Shape {
        let ctx = context.handle
        switch Int(GEOSGeomTypeId_r(ctx, handle)) {
        case Int(GEOS_POINT.rawValue):
            guard GEOSisEmpty_r(ctx, handle) == 0 else { throw GeometryError.emptyGeometry(operation: "reading a Point") }
            return .point(try coordinates(of: handle, context: context)[0])
        case Int(GEOS_LINESTRING.rawValue), Int(GEOS_LINEARRING.rawValue):
            return .lineString(try coordinates(of: handle, context: context))
        case Int(GEOS_POLYGON.rawValue):
            return .polygon(try rings(of: handle, context: context))
        case Int(GEOS_MULTIPOINT.rawValue):
            return .multiPoint(try parts(of: handle, context: context).map { try coordinates(of: $0, context: context)[0] })
        case Int(GEOS_MULTILINESTRING.rawValue):
            return .multiLineString(try parts(of: handle, context: context).map { try coordinates(of: $0, context: context) })
        case Int(GEOS_MULTIPOLYGON.rawValue):
            return .multiPolygon(try parts(of: handle, context: context).map { try rings(of: $0, context: context) })
        case Int(GEOS_GEOMETRYCOLLECTION.rawValue):
            return .geometryCollection(try parts(of: handle, context: context).map { try shape(of: $0, context: context) })
        default:
            throw context.error("GeomTypeId")
        }
    }

    /// Borrowed part pointers (owned by the collection; must not be destroyed).
    private static func parts(of handle: OpaquePointer, context: GEOSContext) throws -> [OpaquePointer] {
        let count = Int(GEOSGetNumGeometries_r(context.handle, handle))
        return try (0..<count).map { i in
            guard let part = GEOSGetGeometryN_r(context.handle, handle, Int32(i)) else { throw context.error("GetGeometryN") }
            return part
        }
    }

    private static func rings(of polygon: OpaquePointer, context: GEOSContext) throws -> [[Coordinate]] {
        let ctx = context.handle
        if GEOSisEmpty_r(ctx, polygon) == 1 { return [] }
        // Exterior and interior ring pointers are owned by the polygon: do not destroy.
        guard let exterior = GEOSGetExteriorRing_r(ctx, polygon) else { throw context.error("GetExteriorRing") }
        var result = [try coordinates(of: exterior, context: context)]
        let holes = Int(GEOSGetNumInteriorRings_r(ctx, polygon))
        for i in 0..<max(holes, 0) {
            guard let ring = GEOSGetInteriorRingN_r(ctx, polygon, Int32(i)) else { throw context.error("GetInteriorRingN") }
            result.append(try coordinates(of: ring, context: context))
        }
        return result
    }

    private static func coordinates(of simple: OpaquePointer, context: GEOSContext) throws -> [Coordinate] {
        let ctx = context.handle
        // The sequence is owned by the geometry: do not destroy.
        guard let seq = GEOSGeom_getCoordSeq_r(ctx, simple) else { throw context.error("getCoordSeq") }
        var size: UInt32 = 0
        guard GEOSCoordSeq_getSize_r(ctx, seq, &size) != 0 else { throw context.error("CoordSeq_getSize") }
        if size == 0 { return [] }
        var flat = [Double](repeating: 0, count: Int(size) * 2)
        // copyToBuffer_r: 0 on exception; writes interleaved xy when hasZ = hasM = 0.
        let ok = flat.withUnsafeMutableBufferPointer { GEOSCoordSeq_copyToBuffer_r(ctx, seq, $0.baseAddress, 0, 0) }
        guard ok != 0 else { throw context.error("CoordSeq_copyToBuffer") }
        return (0..<Int(size)).map { Coordinate(x: flat[2 * $0], y: flat[2 * $0 + 1]) }
    }

    /// True when the closed ring runs counter-clockwise (GEOS's orientation test, not a hand-rolled one).
    static func isCounterClockwise(_ ring: [Coordinate], context: GEOSContext) throws -> Bool {
        let seq = try sequence(ring, context: context)
        defer { GEOSCoordSeq_destroy_r(context.handle, seq) }
        var ccw: CChar = 0
        // GEOSCoordSeq_isCCW_r: 0 on exception (e.g. fewer than 4 points), 1 on success.
        guard GEOSCoordSeq_isCCW_r(context.handle, seq, &ccw) != 0 else { throw context.error("CoordSeq_isCCW") }
        return ccw != 0
    }
}

extension Shape {
    /// The same shape with polygon exterior rings counter-clockwise and holes clockwise
    /// (RFC 7946 §3.1.6, the "right-hand rule"). Orientation is tested by GEOS.
    public func orientedForRFC7946(context: GEOSContext) throws -> Shape {
        func orient(_ rings: [[Coordinate]]) throws -> [[Coordinate]] {
            try rings.enumerated().map { index, ring in
                guard ring.count >= 4 else { return ring }
                let wantCCW = index == 0
                return try Geometry.isCounterClockwise(ring, context: context) == wantCCW ? ring : ring.reversed()
            }
        }
        switch self {
        case let .polygon(rings): return .polygon(try orient(rings))
        case let .multiPolygon(polygons): return .multiPolygon(try polygons.map(orient))
        case let .geometryCollection(shapes): return .geometryCollection(try shapes.map { try $0.orientedForRFC7946(context: context) })
        default: return self
        }
    }
}
