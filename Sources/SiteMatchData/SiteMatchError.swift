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
/// Lower layers (geometry) keep their own precise error types; ``classify(_:)`` maps any error into
/// this taxonomy in one place.
public enum SiteMatchError: Error, Hashable, Sendable, CustomStringConvertible {
    case input(InputProblem)
    case usage(String)
    case notFound(NotFound)
    case `internal`(String)

    /// A problem in the user's input: where it is (file or request, line, feature, field) and what is wrong.
    public struct InputProblem: Hashable, Sendable, Codable {
        /// The file (as the user named it, or its last path component) or "request" for an HTTP body.
        public var file: String
        /// 1-based line (and column) in a text file.
        public var line: Int?
        public var column: Int?
        /// The feature's index in its layer, from 0, and its id.
        public var featureIndex: Int?
        public var featureID: String?
        /// The field's path, e.g. `requirements.min_area_ha` or `geometry.coordinates[0]`.
        public var field: String?
        /// What is wrong and what was expected.
        public var message: String

        public init(file: String, line: Int? = nil, column: Int? = nil, featureIndex: Int? = nil, featureID: String? = nil, field: String? = nil, message: String) {
            self.file = file
            self.line = line
            self.column = column
            self.featureIndex = featureIndex
            self.featureID = featureID
            self.field = field
            self.message = message
        }

        /// `file:line:column: feature #i (id=x): field: message`, leaving out what is not known.
        public var description: String {
            var text = file
            if let line { text += ":\(line)" + (column.map { ":\($0)" } ?? "") }
            text += ": "
            if let featureIndex { text += "feature #\(featureIndex)" + (featureID.map { " (id=\($0))" } ?? "") + ": " }
            if let field { text += "\(field): " }
            return text + message
        }
    }

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
        self = .input(InputProblem(file: file, field: field, message: message))
    }

    /// A problem on one line of a text input (CSV): `file:line: message`.
    public init(file: String, line: Int, message: String) {
        self = .input(InputProblem(file: file, line: line, message: message))
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
        case let e as GeoJSONError:
            return .input(InputProblem(file: e.source, line: e.line, column: e.column, featureIndex: e.featureIndex, featureID: e.featureID, field: e.field, message: e.message))
        case let e as GeometryError: return .input(InputProblem(file: "geometry", message: e.description))
        case let e as TransformError:
            if case .setupFailed = e { return .internal(e.description) }
            return .input(InputProblem(file: "coordinates", message: e.description))
        default: return .internal("\(type(of: error)): \(error)")
        }
    }
}
