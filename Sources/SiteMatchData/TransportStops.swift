import SiteMatchGeometry

/// A public-transport stop or rail station entrance (`stops.geojson`, DfT NaPTAN), in BNG metres.
public struct TransportStop: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    /// One of ``LayerSchema/stopTypes``.
    public var type: String
    public var location: Coordinate

    public init(id: String, name: String, type: String, location: Coordinate) {
        self.id = id
        self.name = name
        self.type = type
        self.location = location
    }

    public var isBusStop: Bool { type != "rail_entrance" }
}
