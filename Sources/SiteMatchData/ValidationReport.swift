/// One problem found by `sitematch validate`.
public struct ValidationIssue: Hashable, Sendable, Codable, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Codable {
        /// The data is wrong or unusable: `validate` exits 1.
        case error
        /// Worth a look, but usable (e.g. an indicative polygon whose area differs from the published one).
        case warning
        /// For information (e.g. a stated district that differs from the boundary data within 500 m of a boundary).
        case note
    }

    public var severity: Severity
    public var file: String
    /// Index in the layer's `features` array, from 0.
    public var featureIndex: Int?
    public var featureID: String?
    public var field: String?
    /// What is wrong and what was expected.
    public var message: String

    public init(_ severity: Severity, file: String, featureIndex: Int? = nil, featureID: String? = nil, field: String? = nil, message: String) {
        self.severity = severity
        self.file = file
        self.featureIndex = featureIndex
        self.featureID = featureID
        self.field = field
        self.message = message
    }

    /// `file: feature #i (id=…): field: message`, with "warning: " before the message for warnings.
    public var description: String {
        var text = "\(file): "
        if let featureIndex { text += "feature #\(featureIndex)" + (featureID.map { " (id=\($0))" } ?? "") + ": " }
        if let field { text += "\(field): " }
        return text + (severity == .warning ? "warning: " : severity == .note ? "note: " : "") + message
    }
}

/// Everything `sitematch validate` found in one directory.
public struct ValidationReport: Hashable, Sendable, Codable {
    /// A file checked: a layer (with its feature count) or a YAML file (features nil).
    public struct Layer: Hashable, Sendable, Codable {
        public var file: String
        /// Features read, or nil when the file could not be read or is not a layer.
        public var features: Int?

        public init(file: String, features: Int?) {
            self.file = file
            self.features = features
        }
    }

    public var directory: String
    public var layers: [Layer]
    public var issues: [ValidationIssue]

    public var errorCount: Int { issues.filter { $0.severity == .error }.count }
    public var warningCount: Int { issues.filter { $0.severity == .warning }.count }
    public var noteCount: Int { issues.filter { $0.severity == .note }.count }
    public var passed: Bool { errorCount == 0 }

    enum CodingKeys: String, CodingKey { case directory, layers, issues, errorCount, warningCount, noteCount, passed }

    public init(directory: String, layers: [Layer], issues: [ValidationIssue]) {
        self.directory = directory
        self.layers = layers
        self.issues = issues
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        directory = try c.decode(String.self, forKey: .directory)
        layers = try c.decode([Layer].self, forKey: .layers)
        issues = try c.decode([ValidationIssue].self, forKey: .issues)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(directory, forKey: .directory)
        try c.encode(layers, forKey: .layers)
        try c.encode(issues, forKey: .issues)
        try c.encode(errorCount, forKey: .errorCount)
        try c.encode(warningCount, forKey: .warningCount)
        try c.encode(noteCount, forKey: .noteCount)
        try c.encode(passed, forKey: .passed)
    }
}
