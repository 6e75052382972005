import CSV
import Foundation

/// Imported travel times in the long form r5py, OpenTripPlanner, TravelTime and DfT journey-time
/// tables reduce to: `from_id,to_id,mode,minutes`. A pair that is not in the file is unreachable.
public struct TravelTimeMatrix: Sendable {
    public struct Key: Hashable, Sendable {
        public var from: String
        public var to: String
        public var mode: String
    }

    /// The file the figures came from, for labelling them.
    public var source: String
    public var minutes: [Key: Double]

    public func minutes(from: String, to: String, mode: String) -> Double? {
        minutes[Key(from: from, to: to, mode: mode)]
    }

    public var modes: Set<String> { Set(minutes.keys.map(\.mode)) }
}

public enum TravelTimeMatrixLoader {
    public static let columns = ["from_id", "to_id", "mode", "minutes"]

    /// Reads and checks a matrix: the header must name the four columns; ids must be known origins
    /// and destinations; minutes must be finite and ≥ 0; a (from, to, mode) may appear once.
    /// Line numbers assume no field spans lines (none of these fields needs to).
    public static func load(contentsOfFile path: String, origins: Set<String>, destinations: Set<String>) throws -> TravelTimeMatrix {
        // Read whole (matrices are small); CSV.swift reports the end of a stream as an error.
        try load(text: TextFile.read(path), file: (path as NSString).lastPathComponent, origins: origins, destinations: destinations)
    }

    /// Reads and checks matrix `text`, naming `file` in errors (see ``load(contentsOfFile:origins:destinations:)``).
    public static func load(text: String, file: String, origins: Set<String>, destinations: Set<String>) throws -> TravelTimeMatrix {
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw SiteMatchError(file: file, message: "is empty; expected a header line from_id,to_id,mode,minutes and one row per pair")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: true)
        } catch {
            throw SiteMatchError(file: file, line: 1, message: "cannot read the header: \(error)")
        }
        let header = reader.headerRow ?? []
        let missing = columns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw SiteMatchError(file: file, line: 1, message: "header is '\(header.joined(separator: ","))'; missing \(missing.joined(separator: ", ")); expected from_id,to_id,mode,minutes")
        }
        let position = Dictionary(uniqueKeysWithValues: columns.map { ($0, header.firstIndex(of: $0)!) })
        var minutes: [TravelTimeMatrix.Key: Double] = [:]
        var firstLine: [TravelTimeMatrix.Key: Int] = [:]
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.count == 1 && row[0].isEmpty { continue }  // a blank line
            guard row.count == header.count else {
                throw SiteMatchError(file: file, line: line, message: "has \(row.count) fields; expected \(header.count) like the header")
            }
            let from = row[position["from_id"]!], to = row[position["to_id"]!], mode = row[position["mode"]!], text = row[position["minutes"]!]
            guard origins.contains(from) else {
                throw SiteMatchError(file: file, line: line, message: "from_id '\(from)' is not a site id\(Suggestions.text(for: from, among: origins))")
            }
            guard destinations.contains(to) else {
                throw SiteMatchError(file: file, line: line, message: "to_id '\(to)' is not an asset, population or site id\(Suggestions.text(for: to, among: destinations))")
            }
            guard !mode.isEmpty else { throw SiteMatchError(file: file, line: line, message: "mode is empty; expected e.g. car, hgv, public_transport") }
            guard !text.isEmpty else {
                throw SiteMatchError(file: file, line: line, message: "minutes is empty; leave an unreachable pair out of the file rather than writing it empty or 0")
            }
            guard let value = Double(text), value.isFinite else {
                throw SiteMatchError(file: file, line: line, message: "minutes '\(text)' is not a finite number; expected minutes ≥ 0")
            }
            guard value >= 0 else { throw SiteMatchError(file: file, line: line, message: "minutes \(text) is negative; expected minutes ≥ 0") }
            if let problem = Limits.matrixMinutes.problem(value) { throw SiteMatchError(file: file, line: line, message: "minutes \(problem)") }
            let key = TravelTimeMatrix.Key(from: from, to: to, mode: mode)
            if let first = firstLine[key] {
                throw SiteMatchError(file: file, line: line, message: "duplicate pair \(from) → \(to) (\(mode)): first given on line \(first)")
            }
            firstLine[key] = line
            minutes[key] = value
        }
        if let error = reader.error { throw SiteMatchError(file: file, line: line + 1, message: "cannot read the row: \(error)") }
        guard !minutes.isEmpty else { throw SiteMatchError(file: file, message: "has a header but no rows; expected one row per pair (from_id,to_id,mode,minutes)") }
        return TravelTimeMatrix(source: file, minutes: minutes)
    }
}

/// "Did you mean …" for mistyped ids: the closest few by edit distance.
public enum Suggestions {
    public static func closest(to query: String, among candidates: some Collection<String>, limit: Int = 3) -> [String] {
        candidates.map { ($0, editDistance(query.lowercased(), $0.lowercased())) }
            .sorted { ($0.1, $0.0) < ($1.1, $1.0) }
            .prefix(limit).map(\.0)
    }

    static func text(for query: String, among candidates: some Collection<String>) -> String {
        let best = closest(to: query, among: candidates)
        return best.isEmpty ? "" : "; nearest matching ids: " + best.joined(separator: ", ")
    }

    /// Levenshtein distance (insert, delete, substitute: cost 1 each).
    static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        var previous = Array(0...b.count)
        for i in 1...a.count {
            var current = [i] + Array(repeating: 0, count: b.count)
            for j in stride(from: 1, through: b.count, by: 1) {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            previous = current
        }
        return previous[b.count]
    }
}
