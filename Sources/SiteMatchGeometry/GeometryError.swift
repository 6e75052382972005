/// Errors from the geometry layer, in two families: GEOS/PROJ library failures (with the
/// library's own message) and data-validation failures (coordinates that cannot make a geometry).
public enum GeometryError: Error, Equatable, CustomStringConvertible {
    /// GEOS raised an exception during `operation`; `message` is GEOS's text.
    case geos(operation: String, message: String)
    /// Coordinates or structure that cannot form the requested geometry (e.g. an unclosed ring).
    case invalidShape(String)
    /// An operation needs a non-empty geometry (e.g. the envelope or centroid of an empty one).
    case emptyGeometry(operation: String)

    public var description: String {
        switch self {
        case let .geos(operation, message): return "GEOS \(operation) failed: \(message)"
        case let .invalidShape(message): return message
        case let .emptyGeometry(operation): return "\(operation) needs a non-empty geometry"
        }
    }
}
