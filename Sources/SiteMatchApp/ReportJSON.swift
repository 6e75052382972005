import Foundation
import SiteMatchData
import SiteMatchGeometry

/// The one JSON encoder for every report, CLI and HTTP alike: snake_case keys (from the reports'
/// camelCase properties), sorted keys, pretty-printed, with a final newline. Reports that carry
/// geometry are written through ``GeoJSONWriter`` instead (RFC 7946, 6 decimals).
public enum ReportJSON {
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// The report as JSON text ending in a newline. A non-finite number (a bug: reports hold finite
    /// figures) is an internal error, not a crash.
    public static func text(_ report: some Encodable) throws -> String {
        do {
            return String(decoding: try encoder().encode(report), as: UTF8.self) + "\n"
        } catch {
            throw SiteMatchError.internal("cannot encode the report as JSON: \(error)")
        }
    }
}
