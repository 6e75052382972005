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
    /// The boxes of each line geometry's segments, `segmentBoxes[segmentBoxRanges[i]]` for item i
    /// (empty for other types): a tighter lower bound than the envelope for long or bent lines,
    /// taken only for items whose envelope gap leaves them in contention.
    private let segmentBoxes: [Envelope]
    private let segmentBoxRanges: [Range<Int>]
    /// True when any geometry is non-empty.
    private let hasItems: Bool
    /// At or below this many items, nearest-neighbour queries rank envelope gaps in one pass
    /// instead of walking the STRtree (whose nearest search makes an exact GEOS call per visit).
    public static let linearScanLimit = 512
    /// At or below this many items, distance-within queries scan envelopes instead of the STRtree.
    /// A scan of 400 points costs fewer instructions than the tree (callgrind) but, its branches
    /// being unpredictable, took 24 % of the benchmark's time under perf against 7 % with the tree.
    public static let withinScanLimit = 64

    /// Builds the index. All geometries must belong to `context`; empty geometries are never returned.
    public init(_ geometries: [Geometry], context: GEOSContext, nodeCapacity: Int = 10) throws {
        guard let tree = GEOSSTRtree_create_r(context.handle, max(nodeCapacity, 2)) else { throw context.error("STRtree_create") }
        self.tree = tree
        self.context = context
        self.geometries = geometries
        self.envelopes = try geometries.map { $0.isEmpty ? SpatialIndex.nothing : try $0.envelope() }
        var boxes: [Envelope] = [], ranges: [Range<Int>] = []
        for geometry in geometries {
            let start = boxes.count
            // Coordinates are copied out of GEOS only for line items.
            if !geometry.isEmpty, [.lineString, .linearRing, .multiLineString].contains(geometry.type) {
                switch try geometry.shape {
                case let .lineString(points): boxes += SpatialIndex.segmentBoxes(points)
                case let .multiLineString(lines): for line in lines { boxes += SpatialIndex.segmentBoxes(line) }
                default: break
                }
            }
            ranges.append(start..<boxes.count)
        }
        self.segmentBoxes = boxes
        self.segmentBoxRanges = ranges
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
        var prepared: PreparedGeometry?
        var exactTests = 0
        /// GEOS decides.
        func isWithin(_ i: Int) throws -> Bool {
            // Preparing pays off only over many tests; for a few, plain distance-within is cheaper.
            exactTests += 1
            if prepared == nil, exactTests > 8 { prepared = try PreparedGeometry(geometry) }
            return try prepared?.isWithinDistance(distance, of: geometries[i]) ?? geometry.isWithinDistance(distance, of: geometries[i])
        }
        try envelopes.withUnsafeBufferPointer { envelopes in
            /// Every index whose envelope meets the reach box, in ascending order.
            func forEachCandidate(_ visit: (Int) throws -> Void) throws {
                if envelopes.count > SpatialIndex.withinScanLimit {
                    try forEachEnvelopeHit(of: try Geometry(envelope: reach, context: context), visit)
                } else {
                    for i in envelopes.indices where envelopes[i].intersects(reach) { try visit(i) }
                }
            }
            if box.minX == box.maxX && box.minY == box.maxY && geometry.type == .point && distance.isNormal && distance > 0 {
                // Around a point query, box tests settle most candidates without a GEOS call. (They
                // scale by 1/distance, so a zero, subnormal or infinite radius goes straight to GEOS.)
                let around = PointReach(centre: box, distance: distance)
                try forEachCandidate { i in
                    if around.certainlyWithin(envelopes[i]) {
                        try body(i)
                    } else if !around.certainlyBeyond(envelopes[i]), try isWithin(i) {
                        try body(i)
                    }
                }
            } else {
                try forEachCandidate { i in if try isWithin(i) { try body(i) } }
            }
        }
    }

    /// Conservative box tests around a query point, in units of the radius: by symmetry only the
    /// nearer axis offset `b` (≤ 1/√2) and the farther `a` matter. An envelope inside a rectangle
    /// [0, k/N] × [0, √(1 − (k/N)²)] (corners on the circle shrunk by a relative 1e-9) is certainly
    /// within reach; one above the same staircase drawn round the circle grown by 1e-9 certainly is
    /// not. Both margins are far above rounding, so the tests never contradict GEOS; a candidate
    /// between the staircases (a band about 1/N of the radius wide) goes to GEOS. These are bounds
    /// only, like envelope gaps: no distance is ever taken from them.
    private struct PointReach {
        let x: Double, y: Double
        /// 1 / the radius shrunk by a relative 1e-9 (for "within") and grown by as much (for "beyond").
        let inverseInside: Double, inverseOutside: Double

        /// Steps per radius along the nearer axis.
        static let steps = 128
        /// 1/√2: the nearer offset never exceeds it inside the circle.
        static let diagonal = 0.5.squareRoot()
        /// √(1 − (k/N)²) for k = 0 … ⌈N/√2⌉ + 1. Immortal, so read through a plain pointer.
        nonisolated(unsafe) static let heights: UnsafePointer<Double> = {
            let count = Int((Double(steps) / 2.0.squareRoot()).rounded(.up)) + 2
            let table = UnsafeMutablePointer<Double>.allocate(capacity: count)
            for k in 0..<count { table[k] = max(0, 1 - Double(k * k) / Double(steps * steps)).squareRoot() }
            return UnsafePointer(table)
        }()
        let heights = PointReach.heights
        /// `diagonal`, read once per query rather than through the lazy static on every test.
        let nearerAxisLimit = PointReach.diagonal

        init(centre: Envelope, distance: Double) {
            x = centre.minX
            y = centre.minY
            inverseInside = 1 / (distance * (1 - 1e-9))
            inverseOutside = 1 / (distance * (1 + 1e-9))
        }

        /// ⌈b·N⌉ for 0 ≤ b ≤ 1/√2 (truncation and one comparison: no call to `ceil`).
        static func stepsCovering(_ b: Double) -> Int {
            let scaled = b * Double(steps)
            let whole = Int(scaled)
            return Double(whole) < scaled ? whole + 1 : whole
        }

        func certainlyWithin(_ e: Envelope) -> Bool {
            // The farthest corner's offsets.
            let dx = max(e.maxX - x, x - e.minX) * inverseInside, dy = max(e.maxY - y, y - e.minY) * inverseInside
            let a = max(dx, dy), b = min(dx, dy)
            guard b <= nearerAxisLimit else { return false }
            // The narrowest rectangle at least b wide: k = ⌈b·N⌉.
            return a <= heights[PointReach.stepsCovering(b)]
        }

        func certainlyBeyond(_ e: Envelope) -> Bool {
            // The nearest point's offsets.
            let dx = max(0, e.minX - x, x - e.maxX) * inverseOutside, dy = max(0, e.minY - y, y - e.maxY) * inverseOutside
            let a = max(dx, dy), b = min(dx, dy)
            // Both offsets above 1/√2: a² + b² > 1 (rounding of b is far inside the 1e-9 margin).
            guard b <= nearerAxisLimit else { return true }
            // Over ((k − 1)/N, k/N] the circle stays below the height at (k − 1)/N.
            return a > heights[max(0, PointReach.stepsCovering(b) - 1)]
        }
    }

    /// The envelope of nothing: meets no envelope, infinitely far from every one.
    static let nothing = Envelope(minX: .infinity, minY: .infinity, maxX: -.infinity, maxY: -.infinity)

    /// The box of each segment of a line: together they hold every point of it.
    static func segmentBoxes(_ points: [Coordinate]) -> [Envelope] {
        zip(points, points.dropFirst()).map { a, b in
            Envelope(minX: min(a.x, b.x), minY: min(a.y, b.y), maxX: max(a.x, b.x), maxY: max(a.y, b.y))
        }
    }

    /// The squared gap between two boxes (0 when they touch or overlap): a lower bound on the squared
    /// distance between anything inside them, used only to order and skip exact GEOS distance calls.
    static func squaredGap(_ a: Envelope, _ b: Envelope) -> Double {
        let dx = max(0, max(a.minX - b.maxX, b.minX - a.maxX))
        let dy = max(0, max(a.minY - b.maxY, b.minY - a.maxY))
        return dx * dx + dy * dy
    }

    /// True when an item whose squared gap is `squaredGap` could be as near as `distance`. The
    /// relative slack of 4e-12 is far above the few ulps by which the squares and GEOS's own
    /// arithmetic can round, so an item whose exact distance equals its gap is never skipped.
    static func couldBeWithin(_ squaredGap: Double, _ distance: Double) -> Bool {
        squaredGap <= distance * distance * (1 + 4e-12)
    }

    /// The index of the geometry nearest to `geometry` and its distance, or nil when the index is
    /// empty. Ties go to the lowest index, so results never depend on tree layout.
    public func nearest(to geometry: Geometry) throws -> (index: Int, distance: Double)? {
        guard !geometry.isEmpty, hasItems else { return nil }
        if geometries.count <= SpatialIndex.linearScanLimit {
            // Envelope gaps are lower bounds. The item with the smallest is called first (a line item
            // is first bounded by the boxes of its segments, which may hand the lead to another);
            // then only items whose bound could still match or beat the best so far, smallest first,
            // each one found ruling out more. Ties go to the lowest index, whatever the call order.
            let box = try geometry.envelope()
            return try withUnsafeTemporaryAllocation(of: Double.self, capacity: envelopes.count) { squares in
                try withUnsafeTemporaryAllocation(of: Int.self, capacity: envelopes.count) { order in
                    // Squared envelope gaps; a line item's is replaced by its segments' once it is looked at.
                    var first = -1
                    for (i, e) in envelopes.enumerated() {
                        squares[i] = SpatialIndex.squaredGap(e, box)
                        if squares[i] < .infinity, first < 0 || squares[i] < squares[first] { first = i }
                    }
                    func refine(_ i: Int) -> Bool {
                        guard segmentBoxRanges[i].count > 1 else { return false }
                        var tightest = Double.infinity
                        for b in segmentBoxRanges[i] { tightest = min(tightest, SpatialIndex.squaredGap(segmentBoxes[b], box)) }
                        let raised = tightest > squares[i]
                        squares[i] = max(squares[i], tightest)
                        return raised
                    }
                    // Until the smallest bound belongs to an item already bounded as tightly as it can be.
                    while refine(first) {
                        for i in envelopes.indices where squares[i] < squares[first] { first = i }
                    }
                    var best = (index: first, distance: try geometry.distance(to: geometries[first]))
                    var count = 0
                    for i in envelopes.indices where i != first && SpatialIndex.couldBeWithin(squares[i], best.distance) {
                        var slot = count
                        while slot > 0, squares[order[slot - 1]] > squares[i] { order[slot] = order[slot - 1]; slot -= 1 }
                        order[slot] = i
                        count += 1
                    }
                    for i in order[0..<count] {
                        guard SpatialIndex.couldBeWithin(squares[i], best.distance) else { break }
                        if refine(i), !SpatialIndex.couldBeWithin(squares[i], best.distance) { continue }
                        let d = try geometry.distance(to: geometries[i])
                        if d < best.distance || (d == best.distance && i < best.index) { best = (i, d) }
                    }
                    return best
                }
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
