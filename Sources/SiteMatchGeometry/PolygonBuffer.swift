/// Many polygons' coordinates in one flat buffer: three arrays in all, however many polygons, so a
/// layer of 10^6 parcels costs 16 bytes per position instead of an array per ring, and hands to
/// workers as one `Sendable` value. Each polygon becomes a GEOS ``Geometry`` only when a worker
/// needs it (``Geometry/init(polygon:in:context:)``).
public struct PolygonBuffer: Sendable {
    /// Every position of every ring, polygon after polygon, exterior ring first.
    public private(set) var coordinates: [Coordinate] = []
    /// Where each ring ends in `coordinates`.
    private var ringEnds: [Int] = []
    /// Where each polygon's rings end in `ringEnds`.
    private var polygonEnds: [Int] = []

    public init() {}

    /// The number of polygons.
    public var count: Int { polygonEnds.count }

    /// Adds a polygon given as rings, exterior first (a ``Shape/polygon(_:)``'s payload).
    public mutating func append(_ rings: [[Coordinate]]) {
        for ring in rings {
            coordinates.append(contentsOf: ring)
            ringEnds.append(coordinates.count)
        }
        polygonEnds.append(ringEnds.count)
    }

    /// Adds every polygon of `other`, in order.
    public mutating func append(contentsOf other: PolygonBuffer) {
        let positionOffset = coordinates.count, ringOffset = ringEnds.count
        coordinates.append(contentsOf: other.coordinates)
        ringEnds.append(contentsOf: other.ringEnds.lazy.map { $0 + positionOffset })
        polygonEnds.append(contentsOf: other.polygonEnds.lazy.map { $0 + ringOffset })
    }

    /// Reserves room for `polygons` polygons of about `positionsEach` positions.
    public mutating func reserveCapacity(polygons: Int, positionsEach: Int) {
        coordinates.reserveCapacity(polygons * positionsEach)
        ringEnds.reserveCapacity(polygons)
        polygonEnds.reserveCapacity(polygons)
    }

    /// The rings of polygon `index`, exterior first, as slices of `coordinates`.
    public func rings(of index: Int) -> LazyMapCollection<Range<Int>, ArraySlice<Coordinate>> {
        let firstRing = index == 0 ? 0 : polygonEnds[index - 1]
        return (firstRing..<polygonEnds[index]).lazy.map { ring in
            coordinates[(ring == 0 ? 0 : ringEnds[ring - 1])..<ringEnds[ring]]
        }
    }

    /// The positions of polygon `index`'s exterior ring.
    public func exteriorRing(of index: Int) -> ArraySlice<Coordinate> {
        let ring = index == 0 ? 0 : polygonEnds[index - 1]
        return coordinates[(ring == 0 ? 0 : ringEnds[ring - 1])..<ringEnds[ring]]
    }

    /// Every polygon's index, ordered so that polygons near each other come close together: by the
    /// cell of a `cellSize` grid holding the first position of the exterior ring, rows of cells
    /// walked in alternate directions, and by index within a cell. Work done in this order meets
    /// the same nearby features again and again, which caches and branch predictors reward; it
    /// changes no result, only when each is computed.
    public func localityOrder(cellSize: Double) -> [Int] {
        precondition(cellSize > 0 && cellSize.isFinite, "localityOrder: cellSize must be positive")
        guard count > 1 else { return Array(0..<count) }
        let firsts = (0..<count).map { index in coordinates[index == 0 ? 0 : ringEnds[polygonEnds[index - 1] - 1]] }
        let minX = firsts.lazy.map(\.x).min()!, minY = firsts.lazy.map(\.y).min()!
        let maxX = firsts.lazy.map(\.x).max()!, maxY = firsts.lazy.map(\.y).max()!
        // At most about one cell per polygon, so the counting sort stays linear.
        let side = max(cellSize, ((maxX - minX) * (maxY - minY) / Double(count)).squareRoot())
        let columns = Int(((maxX - minX) / side).rounded(.down)) + 1, rows = Int(((maxY - minY) / side).rounded(.down)) + 1
        let cells = firsts.map { c -> Int in
            let row = Int((c.y - minY) / side), column = Int((c.x - minX) / side)
            return row * columns + (row % 2 == 0 ? column : columns - 1 - column)
        }
        // Counting sort by cell: stable, so indices stay ascending within a cell.
        var starts = [Int](repeating: 0, count: rows * columns + 1)
        for cell in cells { starts[cell + 1] += 1 }
        for k in 1..<starts.count { starts[k] += starts[k - 1] }
        var order = [Int](repeating: 0, count: count)
        for (index, cell) in cells.enumerated() {
            order[starts[cell]] = index
            starts[cell] += 1
        }
        return order
    }

    /// Polygon `index` as a ``Shape``.
    public func shape(of index: Int) -> Shape {
        .polygon(rings(of: index).map { Array($0) })
    }
}

extension Geometry {
    /// Polygon `index` of `buffer`, built straight from the flat buffer (no intermediate arrays).
    /// Throws ``GeometryError/invalidShape(_:)`` as ``init(_:context:)`` does for a polygon.
    public convenience init(polygon index: Int, in buffer: PolygonBuffer, context: GEOSContext) throws {
        let handle = try Geometry.polygonHandle(buffer.rings(of: index), context: context)
        self.init(owning: handle, in: context)
    }
}
