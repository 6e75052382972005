import Foundation
import SiteMatchData
import SiteMatchGeometry

/// How a report's JSON is laid out: the same keys, values and order either way.
public enum JSONLayout: Sendable {
    /// Two-space indents, one member per line: the CLI's `--format json`, for people reading it.
    case pretty
    /// No whitespace between tokens: the server's bodies and its logged responses (a third smaller
    /// than pretty for the README's enquiry: 37 KB against 57 KB), like its GeoJSON.
    case compact
}

/// The one JSON encoder for every report, CLI and HTTP alike: snake_case keys (from the reports'
/// camelCase properties), sorted keys, pretty-printed (the CLI) or compact (the server), with a
/// final newline. Reports that carry geometry are written through ``GeoJSONWriter`` instead
/// (RFC 7946, 6 decimals).
public enum ReportJSON {
    public static func encoder(layout: JSONLayout = .pretty) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = layout == .pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamp.text(date))
        }
        return encoder
    }

    /// A decoder for request bodies and reports read back: snake_case keys and the encoder's
    /// millisecond timestamps, like the reports.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = Timestamp.date(text) else {
                throw DecodingError.dataCorruptedError(in: container, debugDescription: "expected an ISO 8601 UTC timestamp such as 2026-12-02T10:00:00.000Z, got '\(text)'")
            }
            return date
        }
        return decoder
    }

    /// The report as JSON text ending in a newline: the bytes ``encoder(layout:)`` writes, written by
    /// ``ReportJSONWriter`` (several times faster; it hands anything it does not handle back to
    /// `JSONEncoder`). A non-finite number (a bug: reports hold finite figures) is an internal
    /// error, not a crash.
    public static func text(_ report: some Encodable, layout: JSONLayout = .pretty) throws -> String {
        if var bytes = try? ReportJSONWriter.encode(report, layout: layout) {
            bytes.append(0x0A)
            return String(decoding: bytes, as: UTF8.self)
        }
        return try foundationText(report, layout: layout)
    }

    /// The same text written by Foundation's `JSONEncoder` alone: the reference the tests compare
    /// ``text(_:)`` with, and its fallback.
    public static func foundationText(_ report: some Encodable, layout: JSONLayout = .pretty) throws -> String {
        do {
            return String(decoding: try encoder(layout: layout).encode(report), as: UTF8.self) + "\n"
        } catch {
            throw SiteMatchError.internal("cannot encode the report as JSON: \(error)")
        }
    }
}
