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

    /// Builds the index. All geometries must belong to `context`; empty geometries are never returned.
    public init(_ geometries: [Geometry], context: GEOSContext, nodeCapacity: Int = 10) throws {
        guard let tree = GEOSSTRtree_create_r(context.handle, max(nodeCapacity, 2)) else { throw context.error("STRtree_create") }
        self.tree = tree
        self.context = context
        self.geometries = geometries
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
        let candidates = try query(envelope: geometry.envelope().expanded(by: distance))
        guard !candidates.isEmpty else { return [] }
        let prepared = try PreparedGeometry(geometry)
        return try candidates.filter { try prepared.isWithinDistance(distance, of: geometries[$0]) }
    }

    /// The index of the geometry nearest to `geometry` and its distance, or nil when the index is
    /// empty. Ties go to the lowest index, so results never depend on tree layout.
    public func nearest(to geometry: Geometry) throws -> (index: Int, distance: Double)? {
        guard !geometry.isEmpty, geometries.contains(where: { !$0.isEmpty }) else { return nil }
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
