/// A GeoJSON Feature: a geometry (or none) and typed properties.
public struct Feature: Hashable, Sendable {
    /// The Feature's `id` member (RFC 7946 §3.2), if it has one.
    public var id: JSONValue?
    /// The geometry's coordinates in the collection's ``FeatureCollection/crs``; nil for `"geometry": null`.
    public var geometry: Shape?
    public var properties: [String: JSONValue]

    public init(id: JSONValue? = nil, geometry: Shape?, properties: [String: JSONValue] = [:]) {
        self.id = id
        self.geometry = geometry
        self.properties = properties
    }

    /// The feature's identifier as text: its `id` member, else its `id` property; nil if neither.
    public var identifier: String? {
        Feature.identifier(member: id, property: properties["id"])
    }

    /// The identifier text of a feature whose `id` member and `id` property are these.
    static func identifier(member: JSONValue?, property: JSONValue?) -> String? {
        for value in [member, property] {
            switch value {
            case let .string(s)?: return s
            case let .number(n)?: return JSONText.number(n)
            default: continue
            }
        }
        return nil
    }
}

/// A GeoJSON FeatureCollection as read from one file.
public struct FeatureCollection: Hashable, Sendable {
    public var features: [Feature]
    /// The CRS of every geometry's coordinates.
    public var crs: CRS
    /// Why that CRS was chosen, e.g. "no crs member: RFC 7946 GeoJSON is WGS84 longitude/latitude".
    public var crsReason: String
    /// Top-level members other than type, features, crs and bbox (e.g. a `sitematch` run record).
    public var foreignMembers: [String: JSONValue]

    public init(features: [Feature], crs: CRS = .wgs84, crsReason: String = "", foreignMembers: [String: JSONValue] = [:]) {
        self.features = features
        self.crs = crs
        self.crsReason = crsReason
        self.foreignMembers = foreignMembers
    }
}

/// A problem in an input (a GeoJSON, YAML or CSV file, or a request body), naming the file, the
/// line and column, the feature (index from 0, and id) and the field, as far as each is known.
/// SiteMatch's error taxonomy (`SiteMatchError.input`) carries it for every kind of input.
public typealias GeoJSONError = InputProblem

public struct InputProblem: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file name, `<stdin>`, or "request" for an HTTP body.
    public var source: String
    /// 1-based line and column of a JSON syntax error.
    public var line: Int?
    public var column: Int?
    /// Index of the feature in `features`, from 0.
    public var featureIndex: Int?
    public var featureID: String?
    /// The member path, e.g. `geometry.coordinates[0][3]`.
    public var field: String?
    /// What is wrong and what was expected.
    public var message: String

    public init(source: String, line: Int? = nil, column: Int? = nil, featureIndex: Int? = nil, featureID: String? = nil, field: String? = nil, message: String) {
        self.source = source
        self.line = line
        self.column = column
        self.featureIndex = featureIndex
        self.featureID = featureID
        self.field = field
        self.message = message
    }

    public var description: String {
        var text = source
        if let line { text += ":\(line)" + (column.map { ":\($0)" } ?? "") }
        text += ": "
        if let featureIndex {
            text += "feature #\(featureIndex)" + (featureID.map { " (id=\($0))" } ?? "") + ": "
        }
        if let field { text += "\(field): " }
        return text + message
    }
}
