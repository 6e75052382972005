import CGEOS

/// A GEOS STRtree over a fixed list of geometries, built once and queried many times.
/// Queries return indices into the list it was built from, in ascending order.
///
/// Belongs to one context (see ``GEOSContext`` for the threading rule).
public final class SpatialIndex {
    /// The indexed geometries; the tree does not own them, so the index keeps them alive.
    public let geometries: [Geometry]
    private let context: GEOSContext
    /// `GEOSSTRtree*` from `GEOSSTRtree_create_r`; destroyed once in `deinit`.
    private let tree: OpaquePointer
    /// Each geometry's envelope (nil when empty): a cheap lower bound on distances, so small indexes
    /// pick their few exact GEOS calls without walking the tree (Shapely and GEOS do the same).
    private let envelopes: [Envelope?]
    /// At or below this many items, queries scan envelopes linearly instead of walking the STRtree.
    public static let linearScanLimit = 512

    /// Builds the index. All geometries must belong to `context`; empty geometries are never returned.
    public init(_ geometries: [Geometry], context: GEOSContext, nodeCapacity: Int = 10) throws {
        guard let tree = GEOSSTRtree_create_r(context.handle, max(nodeCapacity, 2)) else { throw context.error("STRtree_create") }
        self.tree = tree
        self.context = context
        self.geometries = geometries
        self.envelopes = try geometries.map { $0.isEmpty ? nil : try $0.envelope() }
        for (index, geometry) in geometries.enumerated() where !geometry.isEmpty {
            // Items are opaque pointers; we store index + 1 so that no item is NULL.
            GEOSSTRtree_insert_r(context.handle, tree, geometry.handle, SpatialIndex.item(index))
        }
    }

    deinit {
        GEOSSTRtree_destroy_r(context.handle, tree)
    }

    public var count: Int { geometries.count }

    private static func item(_ index: Int) -> UnsafeMutableRawPointer {
        UnsafeMutableRawPointer(bitPattern: index + 1)!
    }

    private static func index(_ item: UnsafeRawPointer?) -> Int {
        Int(bitPattern: item) - 1
    }

    /// Indices of geometries whose envelopes intersect `envelope`.
    public func query(envelope: Envelope) throws -> [Int] {
        let box = try Geometry(envelope: envelope, context: context)
        return queryEnvelopes(of: box)
    }

    /// Indices of geometries whose envelopes intersect the envelope of `geometry` (a cheap first filter).
    public func queryEnvelopes(of geometry: Geometry) -> [Int] {
        final class Hits { var indices: [Int] = [] }
        let hits = Hits()
        withExtendedLifetime(hits) {
            GEOSSTRtree_query_r(context.handle, tree, geometry.handle, { item, userdata in
                Unmanaged<Hits>.fromOpaque(userdata!).takeUnretainedValue().indices.append(SpatialIndex.index(item))
            }, Unmanaged.passUnretained(hits).toOpaque())
        }
        return hits.indices.sorted()
    }

    /// Indices of geometries that intersect `geometry` exactly (envelope filter, then a prepared test).
    public func query(intersecting geometry: Geometry) throws -> [Int] {
        let candidates = queryEnvelopes(of: geometry)
        guard !candidates.isEmpty else { return [] }
        let prepared = try PreparedGeometry(geometry)
        return try candidates.filter { try prepared.intersects(geometries[$0]) }
    }

    /// Indices of geometries within `distance` of `geometry` (envelope filter, then an exact
    /// distance-within test with `geometry` prepared once).
    public func query(withinDistance distance: Double, of geometry: Geometry) throws -> [Int] {
        guard !geometry.isEmpty else { return [] }
        let box = try geometry.envelope().expanded(by: distance)
        let candidates = geometries.count <= SpatialIndex.linearScanLimit
            ? envelopes.indices.filter { envelopes[$0].map { SpatialIndex.intersect($0, box) } ?? false }
            : try query(envelope: box)
        guard !candidates.isEmpty else { return [] }
        // For a point query, a candidate whose whole envelope lies in the square inscribed in the
        // radius-`distance` circle is certainly within reach: a conservative box test that saves the
        // exact GEOS call. Every other candidate is decided by GEOS.
        var certain: [Int] = [], uncertain: [Int] = []
        if geometry.type == .point {
            let centre = try geometry.pointCoordinate(), half = distance / 2.squareRoot()
            for i in candidates {
                if let e = envelopes[i], e.minX >= centre.x - half, e.maxX <= centre.x + half, e.minY >= centre.y - half, e.maxY <= centre.y + half {
                    certain.append(i)
                } else {
                    uncertain.append(i)
                }
            }
        } else {
            uncertain = candidates
        }
        // Preparing pays off only over many tests; for a few, plain distance-within is cheaper.
        let exact: [Int]
        if uncertain.count < 8 {
            exact = try uncertain.filter { try geometry.isWithinDistance(distance, of: geometries[$0]) }
        } else {
            let prepared = try PreparedGeometry(geometry)
            exact = try uncertain.filter { try prepared.isWithinDistance(distance, of: geometries[$0]) }
        }
        return certain.isEmpty ? exact : (exact + certain).sorted()
    }

    static func intersect(_ a: Envelope, _ b: Envelope) -> Bool {
        a.maxX >= b.minX && a.minX <= b.maxX && a.maxY >= b.minY && a.minY <= b.maxY
    }

    /// The gap between two boxes (0 when they touch or overlap): a lower bound on the distance
    /// between anything inside them, used only to order and skip exact GEOS distance calls.
    static func gap(_ a: Envelope, _ b: Envelope) -> Double {
        let dx = max(0, max(a.minX - b.maxX, b.minX - a.maxX))
        let dy = max(0, max(a.minY - b.maxY, b.minY - a.maxY))
        return (dx * dx + dy * dy).squareRoot()
    }

    /// The index of the geometry nearest to `geometry` and its distance, or nil when the index is
    /// empty. Ties go to the lowest index, so results never depend on tree layout.
    public func nearest(to geometry: Geometry) throws -> (index: Int, distance: Double)? {
        guard !geometry.isEmpty, envelopes.contains(where: { $0 != nil }) else { return nil }
        if geometries.count <= SpatialIndex.linearScanLimit {
            // One pass of envelope gaps (lower bounds); an exact GEOS distance for the smallest gap, then
            // only for items whose gap could still match or beat it. Ties go to the lowest index.
            let box = try geometry.envelope()
            var gaps = [Double](repeating: .infinity, count: envelopes.count)
            var first = -1
            for (i, e) in envelopes.enumerated() {
                guard let e else { continue }
                gaps[i] = SpatialIndex.gap(e, box)
                if first < 0 || gaps[i] < gaps[first] { first = i }
            }
            var best = (index: first, distance: try geometry.distance(to: geometries[first]))
            for i in gaps.indices where i != first && gaps[i] <= best.distance {
                let d = try geometry.distance(to: geometries[i])
                if d < best.distance || (d == best.distance && i < best.index) { best = (i, d) }
            }
            return best
        }
        final class Search {
            let query: Geometry
            let geometries: [Geometry]
            var failed = false
            init(query: Geometry, geometries: [Geometry]) { self.query = query; self.geometries = geometries }
            func geometry(_ item: UnsafeRawPointer?) -> Geometry {
                item == nil ? query : geometries[SpatialIndex.index(item)]
            }
        }
        let search = Search(query: geometry, geometries: geometries)
        let found: UnsafeRawPointer? = withExtendedLifetime(search) {
            // nearest_generic_r calls back with (query item, tree item); our query item is NULL.
            // The callback returns 1 on success, 0 on failure. The result is the nearest item, or NULL on exception.
            GEOSSTRtree_nearest_generic_r(context.handle, tree, nil, geometry.handle, { a, b, distance, userdata in
                let search = Unmanaged<Search>.fromOpaque(userdata!).takeUnretainedValue()
                let ga = search.geometry(a), gb = search.geometry(b)
                var d = 0.0
                guard GEOSDistance_r(ga.context.handle, ga.handle, gb.handle, &d) != 0 else {
                    search.failed = true
                    return 0
                }
                distance!.pointee = d
                return 1
            }, Unmanaged.passUnretained(search).toOpaque())
        }
        guard let found, !search.failed else { throw context.error("STRtree_nearest_generic") }
        let best = SpatialIndex.index(found)
        let bestDistance = try geometry.distance(to: geometries[best])
        // Deterministic tie-break: the lowest index at exactly the same distance.
        let tied = try query(withinDistance: bestDistance, of: geometry).filter { try geometry.distance(to: geometries[$0]) == bestDistance }
        return (tied.first ?? best, bestDistance)
    }
}
