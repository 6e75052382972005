/// A 2-D position: x/y are longitude/latitude in EPSG:4326 or easting/northing metres in EPSG:27700.
public struct Coordinate: Hashable, Sendable, CustomStringConvertible {
    public var x: Double
    public var y: Double

    public init(x: Double, y: Double) {
        self.x = x
        self.y = y
    }

    public init(_ x: Double, _ y: Double) {
        self.init(x: x, y: y)
    }

    public var isFinite: Bool { x.isFinite && y.isFinite }

    public var description: String { "(\(x), \(y))" }
}

/// An axis-aligned bounding box.
public struct Envelope: Hashable, Sendable, Codable, CustomStringConvertible {
    public var minX: Double
    public var minY: Double
    public var maxX: Double
    public var maxY: Double

    public init(minX: Double, minY: Double, maxX: Double, maxY: Double) {
        self.minX = minX
        self.minY = minY
        self.maxX = maxX
        self.maxY = maxY
    }

    /// The smallest envelope holding both.
    public func union(_ other: Envelope) -> Envelope {
        Envelope(minX: Swift.min(minX, other.minX), minY: Swift.min(minY, other.minY),
                 maxX: Swift.max(maxX, other.maxX), maxY: Swift.max(maxY, other.maxY))
    }

    /// True when the boxes share a point: a cheap first filter before an exact GEOS test.
    /// Written without short-circuits, so a scan over many boxes takes one branch per box.
    public func intersects(_ other: Envelope) -> Bool {
        (maxX >= other.minX ? 1 : 0) & (minX <= other.maxX ? 1 : 0) & (maxY >= other.minY ? 1 : 0) & (minY <= other.maxY ? 1 : 0) != 0
    }

    /// This envelope grown by `distance` on every side.
    public func expanded(by distance: Double) -> Envelope {
        Envelope(minX: minX - distance, minY: minY - distance, maxX: maxX + distance, maxY: maxY + distance)
    }

    public var description: String { "[\(minX), \(minY), \(maxX), \(maxY)]" }
}
