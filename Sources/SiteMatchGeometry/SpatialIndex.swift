import CGEOS
import Foundation

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
    /// Each geometry's envelope (inverted, so it meets nothing, when empty): a cheap lower bound on
    /// distances, so small indexes pick their few exact GEOS calls without walking the tree.
    private let envelopes: [Envelope]
    /// True when any geometry is non-empty.
    private let hasItems: Bool
    /// At or below this many items, nearest-neighbour queries rank envelope gaps in one pass
    /// instead of walking the STRtree (whose nearest search makes an exact GEOS call per visit).
    public static let linearScanLimit = 512
    /// At or below this many items, distance-within queries scan envelopes instead of the STRtree.
    public static let withinScanLimit = 64

    /// Builds the index. All geometries must belong to `context`; empty geometries are never returned.
    public init(_ geometries: [Geometry], context: GEOSContext, nodeCapacity: Int = 10) throws {
        guard let tree = GEOSSTRtree_create_r(context.handle, max(nodeCapacity, 2)) else { throw context.error("STRtree_create") }
        self.tree = tree
        self.context = context
        self.geometries = geometries
        self.envelopes = try geometries.map { $0.isEmpty ? SpatialIndex.nothing : try $0.envelope() }
        self.hasItems = geometries.contains { !$0.isEmpty }
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
        var indices: [Int] = []
        forEachEnvelopeHit(of: geometry) { indices.append($0) }
        return indices
    }

    /// Calls `body` with the index of every geometry whose envelope meets `geometry`'s, in ascending
    /// order: the STRtree marks hits in a bitmap, which is then read in index order (no sort).
    private func forEachEnvelopeHit(of geometry: Geometry, _ body: (Int) throws -> Void) rethrows {
        let words = (geometries.count + 63) / 64
        guard words > 0 else { return }
        try withUnsafeTemporaryAllocation(of: UInt64.self, capacity: words) { bits in
            bits.initialize(repeating: 0)
            GEOSSTRtree_query_r(context.handle, tree, geometry.handle, { item, userdata in
                let i = SpatialIndex.index(item)
                userdata!.assumingMemoryBound(to: UInt64.self)[i >> 6] |= 1 << UInt64(i & 63)
            }, UnsafeMutableRawPointer(bits.baseAddress!))
            for w in 0..<words {
                var word = bits[w]
                while word != 0 {
                    try body(w * 64 + word.trailingZeroBitCount)
                    word &= word - 1
                }
            }
        }
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
        var indices: [Int] = []
        try forEach(withinDistance: distance, of: geometry) { indices.append($0) }
        return indices
    }

    /// Calls `body` with the index of every geometry within `distance` of `geometry`, in ascending
    /// order, without collecting them: the same test as ``query(withinDistance:of:)``.
    public func forEach(withinDistance distance: Double, of geometry: Geometry, _ body: (Int) throws -> Void) throws {
        guard !geometry.isEmpty else { return }
        let box = try geometry.envelope()
        let reach = box.expanded(by: distance)
        // Around a point query, box tests settle most candidates without a GEOS call (see
        // PointReach); every other candidate is decided by GEOS.
        let around = box.minX == box.maxX && box.minY == box.maxY && geometry.type == .point ? PointReach(centre: box, distance: distance) : nil
        var prepared: PreparedGeometry?
        var exactTests = 0
        func decide(_ i: Int) throws {
            if let around {
                if around.certainlyWithin(envelopes[i]) { return try body(i) }
                if around.certainlyBeyond(envelopes[i]) { return }
            }
            // Preparing pays off only over many tests; for a few, plain distance-within is cheaper.
            exactTests += 1
            if prepared == nil, exactTests > 8 { prepared = try PreparedGeometry(geometry) }
            let within = try prepared?.isWithinDistance(distance, of: geometries[i]) ?? geometry.isWithinDistance(distance, of: geometries[i])
            if within { try body(i) }
        }
        if geometries.count > SpatialIndex.withinScanLimit {
            try forEachEnvelopeHit(of: try Geometry(envelope: reach, context: context), decide)
            return
        }
        for i in envelopes.indices where envelopes[i].intersects(reach) { try decide(i) }
    }

    /// Conservative box tests around a query point: an envelope inside a rectangle inscribed in the
    /// radius-`distance` circle is certainly within reach; one beyond a tangent line of the circle
    /// (a 16-gon around it) certainly is not. Both are shrunk or grown by a relative 1e-9, far above
    /// rounding, so they never contradict GEOS; what they cannot settle goes to GEOS. For points
    /// spread evenly they leave about 1 in 20 of the candidates in the reach box to GEOS.
    private struct PointReach {
        let x: Double, y: Double
        /// The radius shrunk (for "within") and grown (for "beyond") by a relative 1e-9.
        let inside: Double, outside: Double

        /// (cos θ, sin θ) at 11.25° steps: half-extents of rectangles with corners on the unit circle.
        static let inscribed: [(Double, Double)] = (1...7).map { k in (cos(Double(k) * .pi / 16), sin(Double(k) * .pi / 16)) }
        /// (cos φ, sin φ) of tangent lines at 22.5°, 45° and 67.5° (0° and 90° are the reach box).
        static let tangents: [(Double, Double)] = (1...3).map { k in (cos(Double(k) * .pi / 8), sin(Double(k) * .pi / 8)) }

        init(centre: Envelope, distance: Double) {
            x = centre.minX
            y = centre.minY
            inside = distance * (1 - 1e-9)
            outside = distance * (1 + 1e-9)
        }

        func certainlyWithin(_ e: Envelope) -> Bool {
            let dx = max(e.maxX - x, x - e.minX), dy = max(e.maxY - y, y - e.minY)
            for (c, s) in PointReach.inscribed where dx <= inside * c && dy <= inside * s { return true }
            return false
        }

        func certainlyBeyond(_ e: Envelope) -> Bool {
            let dx = max(0, e.minX - x, x - e.maxX), dy = max(0, e.minY - y, y - e.maxY)
            for (c, s) in PointReach.tangents where dx * c + dy * s > outside { return true }
            return false
        }
    }

    /// The envelope of nothing: meets no envelope, infinitely far from every one.
    static let nothing = Envelope(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)

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
        guard !geometry.isEmpty, hasItems else { return nil }
        if geometries.count <= SpatialIndex.linearScanLimit {
            // Envelope gaps are lower bounds: an exact GEOS distance for the smallest gap, then only
            // for items whose gap could still match or beat it. Ties go to the lowest index.
            let box = try geometry.envelope()
            return try withUnsafeTemporaryAllocation(of: Double.self, capacity: envelopes.count) { gaps in
                var first = -1
                for (i, e) in envelopes.enumerated() {
                    gaps[i] = SpatialIndex.gap(e, box)
                    if gaps[i] < .infinity, first < 0 || gaps[i] < gaps[first] { first = i }
                }
                var best = (index: first, distance: try geometry.distance(to: geometries[first]))
                for i in 0..<envelopes.count where i != first && gaps[i] <= best.distance {
                    let d = try geometry.distance(to: geometries[i])
                    if d < best.distance || (d == best.distance && i < best.index) { best = (i, d) }
                }
                return best
            }
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
