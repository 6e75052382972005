import Foundation
import Yams

/// The one reader for SiteMatch's YAML inputs (catalogue, drivers, profiles, enquiries, scenarios,
/// dataset): Yams decodes the text into `Decodable` types, so a JSON request body decodes into the
/// same types and a bad field is named the same way in both. Types use ``Decoder/strictContainer(keyedBy:)``
/// so an unknown key (a typo such as `prior_wieght`) is an error naming its path and the expected keys.
public enum StrictYAML {
    /// Decodes `path` as `T`; any problem is a ``SiteMatchError`` naming the file and the field's path.
    public static func decode<T: Decodable>(_ type: T.Type, contentsOfFile path: String) throws -> T {
        try decode(type, from: TextFile.read(path), file: (path as NSString).lastPathComponent)
    }

    /// Decodes YAML `text`, naming `file` in errors, after ``YAMLScreen`` has checked it.
    public static func decode<T: Decodable>(_ type: T.Type, from text: String, file: String) throws -> T {
        try YAMLScreen.check(text, file: file)
        do {
            return try YAMLDecoder().decode(type, from: text)
        } catch let error as DecodingError {
            throw DecodingProblem.error(error, file: file, format: "YAML")
        } catch let error as SiteMatchError {
            throw error
        } catch {
            throw SiteMatchError(file: file, message: "not valid YAML: \(error)")
        }
    }
}

/// Turns a `DecodingError` (from YAML or JSON) into a ``SiteMatchError`` naming the field's path.
public enum DecodingProblem {
    /// `a.b[2].c` from a coding path.
    public static func path(_ codingPath: [any CodingKey]) -> String? {
        var text = ""
        for key in codingPath {
            if let index = key.intValue { text += "[\(index)]" } else { text += (text.isEmpty ? "" : ".") + key.stringValue }
        }
        return text.isEmpty ? nil : text
    }

    /// `format` names the syntax in a parse error ("YAML", "JSON").
    public static func error(_ error: DecodingError, file: String, format: String = "JSON") -> SiteMatchError {
        switch error {
        case let .keyNotFound(key, context):
            return SiteMatchError(file: file, field: path(context.codingPath + [key]), message: "missing; this field is required")
        case let .typeMismatch(type, context):
            return SiteMatchError(file: file, field: path(context.codingPath), message: "expected \(describe(type))" + (context.codingPath.isEmpty ? " at the top of the file" : ""))
        case let .valueNotFound(type, context):
            return SiteMatchError(file: file, field: path(context.codingPath), message: "is empty; expected \(describe(type))")
        case let .dataCorrupted(context):
            // Our own checks put their whole sentence in debugDescription; the parser's own errors
            // (YAML or JSON syntax) arrive here with an empty path and the parser's error beneath,
            // which names the line and column.
            if context.codingPath.isEmpty, let underlying = context.underlyingError {
                return SiteMatchError(file: file, message: "not valid \(format): \(underlying)")
            }
            return SiteMatchError(file: file, field: path(context.codingPath), message: context.debugDescription)
        @unknown default:
            return SiteMatchError(file: file, message: "\(error)")
        }
    }

    static func describe(_ type: Any.Type) -> String {
        switch type {
        case is Double.Type, is Int.Type, is Float.Type: return "a number"
        case is String.Type: return "text"
        case is Bool.Type: return "true or false"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") || name.contains("Sequence") || name.contains("Unkeyed") { return "a list" }
            if name.hasPrefix("Dictionary") || name.contains("Keyed") || name.contains("Mapping") { return "a mapping" }
            return name
        }
    }
}

/// A coding key for any string or index: reads keys a type does not declare.
public struct AnyCodingKey: CodingKey, Hashable, Sendable {
    public var stringValue: String
    public var intValue: Int?
    public init(stringValue: String) { self.stringValue = stringValue }
    public init(intValue: Int) { self.stringValue = String(intValue); self.intValue = intValue }
    public init(_ string: String) { self.stringValue = string }
}

extension Decoder {
    /// The keyed container for `keys`, after checking the mapping holds no other key: an unknown key
    /// is a `dataCorrupted` error at its own path, listing the expected keys.
    public func strictContainer<Key: CodingKey & CaseIterable>(keyedBy keys: Key.Type) throws -> KeyedDecodingContainer<Key> {
        let any = try container(keyedBy: AnyCodingKey.self)
        let known = Key.allCases.map(\.stringValue)
        if let unknown = any.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorrupted(.init(codingPath: codingPath + [AnyCodingKey(unknown)],
                                                    debugDescription: "unknown key; expected one of \(known.sorted().joined(separator: ", "))"))
        }
        return try container(keyedBy: keys)
    }
}

extension KeyedDecodingContainer {
    /// A number that must be finite (YAML's `.nan` and `.inf` are refused).
    public func finite(_ key: Key) throws -> Double {
        let value = try decode(Double.self, forKey: key)
        guard value.isFinite else { throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "\(value) is not a finite number") }
        return value
    }

    public func finiteIfPresent(_ key: Key) throws -> Double? {
        try contains(key) && !decodeNil(forKey: key) ? finite(key) : nil
    }

    /// Text that must not be empty.
    public func nonEmpty(_ key: Key) throws -> String {
        let value = try decode(String.self, forKey: key)
        guard !value.isEmpty else { throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "is empty; expected text") }
        return value
    }
}
