import Foundation
import SiteMatchGeometry

/// SiteMatch's one error taxonomy. Every error a user can meet is one of four kinds, each with its
/// exit code (CLI) and the HTTP status it maps to (server):
///
/// | kind | meaning | exit | HTTP |
/// |---|---|---|---|
/// | ``input(_:)`` | the user's data or request is wrong; names file / feature / field | 1 | 422 (400 when the body cannot be parsed at all) |
/// | ``usage(_:)`` | the command line or request is malformed | 2 | 400 |
/// | ``notFound(_:)`` | an id that does not exist, with the nearest ids | 1 | 404 |
/// | ``internal(_:)`` | a bug in SiteMatch; never blamed on the user | 3 | 500 |
///
/// ``InputProblem`` (defined in the geometry layer, which reads files too) says where an input is
/// wrong. Lower layers (geometry) keep their own precise error types; ``classify(_:)`` maps any error into
/// this taxonomy in one place.
public enum SiteMatchError: Error, Hashable, Sendable, CustomStringConvertible {
    case input(InputProblem)
    case usage(String)
    case notFound(NotFound)
    case `internal`(String)

    /// An id that names nothing, with the ids most like it.
    public struct NotFound: Hashable, Sendable, Codable {
        /// What was looked up: "site", "archetype", "profile", "file", "directory".
        public var kind: String
        public var id: String
        public var nearest: [String]

        public init(kind: String, id: String, nearest: [String]) {
            self.kind = kind
            self.id = id
            self.nearest = nearest
        }
    }

    /// A problem in file `file` (optionally at `field`): the usual way lower layers report bad input.
    public init(file: String, field: String? = nil, message: String) {
        self = .input(InputProblem(source: file, field: field, message: message))
    }

    /// A problem on one line of a text input (CSV): `file:line: message`.
    public init(file: String, line: Int, message: String) {
        self = .input(InputProblem(source: file, line: line, message: message))
    }

    /// "no site with id 'x'; nearest matching ids: …", choosing the nearest among `candidates`.
    public static func notFound(_ kind: String, id: String, among candidates: some Collection<String>) -> SiteMatchError {
        .notFound(NotFound(kind: kind, id: id, nearest: Suggestions.closest(to: id, among: candidates)))
    }

    public var description: String {
        switch self {
        case let .input(problem): return problem.description
        case let .usage(message): return message
        case let .notFound(n):
            return "no \(n.kind) with id '\(n.id)'" + (n.nearest.isEmpty ? "" : "; nearest matching ids: \(n.nearest.joined(separator: ", "))")
        case let .internal(message): return "internal error (a bug in SiteMatch; please report it): \(message)"
        }
    }

    /// The process exit status for this kind of error.
    public var exitCode: Int32 {
        switch self {
        case .input, .notFound: return 1
        case .usage: return 2
        case .internal: return 3
        }
    }

    /// The HTTP status this kind of error maps to.
    public var httpStatus: Int {
        switch self {
        case .input: return 422
        case .usage: return 400
        case .notFound: return 404
        case .internal: return 500
        }
    }

    /// Any error, in the taxonomy. Errors from the geometry layer describe the user's files (a GeoJSON
    /// file that cannot be read, a geometry GEOS rejects, a position PROJ cannot transform) and are
    /// input errors; errors SiteMatch does not know are internal.
    public static func classify(_ error: any Error) -> SiteMatchError {
        switch error {
        case let error as SiteMatchError: return error
        case let e as InputProblem:
            return .input(e)
        case let e as GeometryError: return .input(InputProblem(source: "geometry", message: e.description))
        case let e as TransformError:
            if case .setupFailed = e { return .internal(e.description) }
            return .input(InputProblem(source: "coordinates", message: e.description))
        default: return .internal("\(type(of: error)): \(error)")
        }
    }
}
