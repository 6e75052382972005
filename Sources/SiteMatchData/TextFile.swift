import Foundation
import SiteMatchGeometry

/// Reads a text input (YAML, CSV): UTF-8, a byte order mark skipped, anything else named with its
/// byte and offset; a file that cannot be read says so with the system's reason.
public enum TextFile {
    public static func read(_ path: String) throws -> String {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw SiteMatchError(file: path, message: "no such file")
        }
        guard !isDirectory.boolValue else { throw SiteMatchError(file: path, message: "is a directory; expected a file") }
        // An empty file is empty text. (FileManager.contents(atPath:) leaks its 4 KiB read buffer on an
        // empty file in swift-corelibs-foundation 6.3, which LeakSanitizer reports; so it is not asked.)
        if let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int, size == 0 { return "" }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SiteMatchError(file: path, message: "cannot read the file (permission denied or unreadable)")
        }
        switch TextEncoding.decodeUTF8(data) {
        case let .success(text): return text
        case let .failure(problem): throw SiteMatchError(file: (path as NSString).lastPathComponent, message: problem.message)
        }
    }
}

/// Timestamps as SiteMatch writes them (reports, the enquiry log): ISO 8601 in UTC with exactly
/// three decimals, e.g. "2026-12-01T23:10:00.123Z". Whole milliseconds are counted as integers so
/// a time written, read and written again gives the same text.
public enum Timestamp {
    static let wholeSeconds = Date.ISO8601FormatStyle()

    /// `date` rounded to the nearest millisecond.
    public static func millisecondPrecision(_ date: Date) -> Date {
        Date(timeIntervalSince1970: Double(milliseconds(date)) / 1000)
    }

    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    public static func text(_ date: Date) -> String {
        let ms = milliseconds(date)
        let seconds = ms >= 0 ? ms / 1000 : (ms - 999) / 1000
        let whole = wholeSeconds.format(Date(timeIntervalSince1970: Double(seconds)))  // ends in "Z"
        return String(whole.dropLast()) + "." + String(format: "%03d", Int(ms - seconds * 1000)) + "Z"
    }

    /// Parses what ``text(_:)`` writes (or whole seconds); nil otherwise.
    public static func date(_ text: String) -> Date? {
        guard text.hasSuffix("Z") else { return nil }
        let body = text.dropLast()
        let parts = body.split(separator: ".", maxSplits: 1)
        guard let whole = try? wholeSeconds.parse(String(parts[0]) + "Z") else { return nil }
        var ms: Int64 = 0
        if parts.count == 2 {
            guard parts[1].count == 3, let value = Int64(parts[1]) else { return nil }
            ms = value
        }
        return Date(timeIntervalSince1970: (whole.timeIntervalSince1970 * 1000 + Double(ms)).rounded() / 1000)
    }
}
