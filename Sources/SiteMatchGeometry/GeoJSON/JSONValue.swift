import Foundation

/// A typed JSON value, as GeoJSON feature properties are kept.
public enum JSONValue: Hashable, Sendable, CustomStringConvertible {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public var stringValue: String? { if case let .string(s) = self { return s } else { return nil } }
    public var numberValue: Double? { if case let .number(n) = self { return n } else { return nil } }
    public var boolValue: Bool? { if case let .bool(b) = self { return b } else { return nil } }
    public var arrayValue: [JSONValue]? { if case let .array(a) = self { return a } else { return nil } }
    public var objectValue: [String: JSONValue]? { if case let .object(o) = self { return o } else { return nil } }
    public var isNull: Bool { self == .null }

    /// False when any number inside is NaN or infinite (which JSON text cannot hold, but a parser
    /// that overflows or a caller building values can produce).
    public var isFinite: Bool {
        switch self {
        case let .number(n): return n.isFinite
        case let .array(items): return items.allSatisfy(\.isFinite)
        case let .object(members): return members.values.allSatisfy(\.isFinite)
        case .null, .bool, .string: return true
        }
    }

    /// The JSON type's name, for error messages ("a number", "a string" …).
    public var kindDescription: String {
        switch self {
        case .null: return "null"
        case .bool: return "a boolean"
        case .number: return "a number"
        case .string: return "a string"
        case .array: return "an array"
        case .object: return "an object"
        }
    }

    /// Compact JSON text (object keys sorted, so output is deterministic).
    public var description: String {
        var out = ""
        JSONText.write(self, to: &out)
        return out
    }
}

/// Writes JSON text; numbers are written in their shortest round-trip form.
enum JSONText {
    static func write(_ value: JSONValue, to out: inout String) {
        switch value {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .number(n): out += number(n)
        case let .string(s): string(s, to: &out)
        case let .array(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                write(item, to: &out)
            }
            out += "]"
        case let .object(members):
            out += "{"
            for (i, key) in members.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                string(key, to: &out)
                out += ":"
                write(members[key]!, to: &out)
            }
            out += "}"
        }
    }

    /// Integers without a decimal point; other finite numbers in Swift's shortest exact form;
    /// non-finite numbers (not valid JSON) as null.
    static func number(_ n: Double) -> String {
        guard n.isFinite else { return "null" }
        if n == n.rounded(), abs(n) < 1e15 { return String(Int64(n)) }
        return "\(n)"
    }

    /// A coordinate rounded to `decimals` places, trailing zeros trimmed, never "-0".
    static func coordinate(_ n: Double, decimals: Int) -> String {
        var text = String(format: "%.\(decimals)f", n)
        if text.contains(".") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        return text == "-0" ? "0" : text
    }

    static func string(_ s: String, to out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                out += String(format: "\\u%04x", scalar.value)
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}

/// Codable, to carry a stored document (a logged request or response) inside a report without
/// knowing its type. Numbers are Doubles, which JSON's own numbers are.
extension JSONValue: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null }
        else if let value = try? c.decode(Bool.self) { self = .bool(value) }
        else if let value = try? c.decode(Double.self) { self = .number(value) }
        else if let value = try? c.decode(String.self) { self = .string(value) }
        else if let value = try? c.decode([JSONValue].self) { self = .array(value) }
        else { self = .object(try c.decode([String: JSONValue].self)) }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .null: try c.encodeNil()
        case let .bool(value): try c.encode(value)
        case let .number(value): try c.encode(value)
        case let .string(value): try c.encode(value)
        case let .array(value): try c.encode(value)
        case let .object(value): try c.encode(value)
        }
    }

    /// Parses JSON text with a plain decoder (keys stay exactly as written).
    public init(parsing text: String) throws {
        self = try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }
}

/// Strict JSON syntax checking with the position of the first error, which Foundation's decoder
/// does not give on Linux ("The given data was not valid JSON.").
public enum JSONSyntax {
    /// Throws an ``InputProblem`` for `source` naming the line and column of the first syntax error.
    public static func check(_ data: Data, source: String) throws {
        _ = try JSONStream.parse(data, source: source, onFeature: { (_: Int, _: JSONValue) in })
    }
}
