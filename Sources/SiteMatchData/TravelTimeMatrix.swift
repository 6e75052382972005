import CSV
import Foundation

/// Which columns of a matrix CSV hold what. The long form is `from_id,to_id,mode,minutes`; r5py's
/// travel-time matrix is `from_id,to_id,travel_time` with the mode given separately and an empty or
/// NaN time for an unreachable pair; anything else long-form is named column by column.
public struct MatrixColumns: Hashable, Sendable {
    public var from = "from_id"
    public var to = "to_id"
    public var mode = "mode"
    public var minutes = "minutes"
    /// The mode of every row, when the file has no mode column.
    public var fixedMode: String?
    /// An empty or NaN time is an unreachable pair (r5py), rather than an error.
    public var emptyMeansUnreachable = false

    public init(from: String = "from_id", to: String = "to_id", mode: String = "mode", minutes: String = "minutes",
                fixedMode: String? = nil, emptyMeansUnreachable: Bool = false) {
        self.from = from
        self.to = to
        self.mode = mode
        self.minutes = minutes
        self.fixedMode = fixedMode
        self.emptyMeansUnreachable = emptyMeansUnreachable
    }

    public static let longForm = MatrixColumns()

    public static func r5py(mode: String?) -> MatrixColumns {
        MatrixColumns(minutes: "travel_time", fixedMode: mode, emptyMeansUnreachable: true)
    }

    /// `from=origin,to=destination,minutes=time[,mode=mode]` (as `--matrix-columns` takes it), with
    /// `fixedMode` for files without a mode column.
    public static func parse(_ text: String, fixedMode: String?) throws -> MatrixColumns {
        var columns = MatrixColumns(fixedMode: fixedMode)
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2, !parts[1].isEmpty else {
                throw SiteMatchError.usage("--matrix-columns: '\(pair)' is not role=column; expected e.g. from=origin,to=destination,minutes=time")
            }
            switch parts[0] {
            case "from": columns.from = parts[1]
            case "to": columns.to = parts[1]
            case "minutes": columns.minutes = parts[1]
            case "mode": columns.mode = parts[1]
            default: throw SiteMatchError.usage("--matrix-columns: '\(parts[0])' is not a role; expected from, to, minutes or mode")
            }
        }
        return columns
    }

    var expectedHeader: String { ([from, to] + (fixedMode == nil ? [mode] : []) + [minutes]).joined(separator: ",") }
}

/// Imported travel times in the long form r5py, OpenTripPlanner, TravelTime and DfT journey-time
/// tables reduce to: `from_id,to_id,mode,minutes`. A pair that is not in the file is unreachable.
public struct TravelTimeMatrix: Sendable {
    public struct Key: Hashable, Sendable {
        public var from: String
        public var to: String
        public var mode: String

        public init(from: String, to: String, mode: String) {
            self.from = from
            self.to = to
            self.mode = mode
        }
    }

    /// The file the figures came from, for labelling them.
    public var source: String
    public var minutes: [Key: Double]
    /// Pairs the file states are unreachable (r5py's empty or NaN time): no figure, and no fallback.
    public var unreachable: Set<Key> = []

    public init(source: String, minutes: [Key: Double], unreachable: Set<Key> = []) {
        self.source = source
        self.minutes = minutes
        self.unreachable = unreachable
    }

    public func minutes(from: String, to: String, mode: String) -> Double? {
        minutes[Key(from: from, to: to, mode: mode)]
    }

    public var modes: Set<String> { Set(minutes.keys.map(\.mode)) }
}

public enum TravelTimeMatrixLoader {
    public static let columns = ["from_id", "to_id", "mode", "minutes"]

    /// Reads and checks a matrix: the header must name the columns (see ``MatrixColumns``); ids must be
    /// known origins and destinations; minutes must be finite and in range; a (from, to, mode) may
    /// appear once. Line numbers assume no field spans lines (none of these fields needs to).
    public static func load(contentsOfFile path: String, origins: Set<String>, destinations: Set<String>,
                            columns: MatrixColumns = .longForm) throws -> TravelTimeMatrix {
        // Read whole (matrices are small); CSV.swift reports the end of a stream as an error.
        try load(text: TextFile.read(path), file: (path as NSString).lastPathComponent, origins: origins, destinations: destinations, columns: columns)
    }

    /// Reads and checks matrix `text`, naming `file` in errors (see ``load(contentsOfFile:origins:destinations:columns:)``).
    public static func load(text: String, file: String, origins: Set<String>, destinations: Set<String>,
                            columns mapping: MatrixColumns = .longForm) throws -> TravelTimeMatrix {
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
        // r5py's travel-time matrix (from_id,to_id,travel_time) is recognised by its header.
        let namedByDefault = mapping.from == "from_id" && mapping.to == "to_id" && mapping.minutes == "minutes"
        let shape = namedByDefault && Set(["from_id", "to_id", "travel_time"]).isSubset(of: header) && !header.contains("minutes")
            ? MatrixColumns.r5py(mode: mapping.fixedMode) : mapping
        var wanted = [shape.from, shape.to, shape.minutes]
        let missing = wanted.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw SiteMatchError(file: file, line: 1, message: "header is '\(header.joined(separator: ","))'; missing \(missing.joined(separator: ", ")); expected \(shape.expectedHeader)"
                                 + (namedByDefault ? " (or r5py's from_id,to_id,travel_time with --matrix-mode, or name your columns with --matrix-columns from=…,to=…,minutes=…,mode=…)" : ""))
        }
        guard shape.fixedMode != nil || header.contains(shape.mode) else {
            throw SiteMatchError(file: file, line: 1, message: "has no \(shape.mode) column; give the mode with --matrix-mode (e.g. car)")
        }
        if shape.fixedMode == nil { wanted.append(shape.mode) }
        let position = Dictionary(uniqueKeysWithValues: wanted.map { ($0, header.firstIndex(of: $0)!) })

        var minutes: [TravelTimeMatrix.Key: Double] = [:]
        var unreachable: Set<TravelTimeMatrix.Key> = []
        var firstLine: [TravelTimeMatrix.Key: Int] = [:]
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.count == 1 && row[0].isEmpty { continue }  // a blank line
            guard row.count == header.count else {
                throw SiteMatchError(file: file, line: line, message: "has \(row.count) fields; expected \(header.count) like the header")
            }
            let from = row[position[shape.from]!], to = row[position[shape.to]!], text = row[position[shape.minutes]!]
            let mode = shape.fixedMode ?? row[position[shape.mode]!]
            // r5py writes an unreachable pair as an empty or NaN time: no figure, so the pair is left out.
            if shape.emptyMeansUnreachable && (text.isEmpty || text.lowercased() == "nan") {
                unreachable.insert(TravelTimeMatrix.Key(from: from, to: to, mode: mode))
                continue
            }
            guard origins.contains(from) else {
                throw SiteMatchError(file: file, line: line, message: "from_id '\(from)' is not a site id\(Suggestions.text(for: from, among: origins))")
            }
            guard destinations.contains(to) else {
                throw SiteMatchError(file: file, line: line, message: "to_id '\(to)' is not an asset, population, census area or site id\(Suggestions.text(for: to, among: destinations))")
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
        guard !minutes.isEmpty || !unreachable.isEmpty else { throw SiteMatchError(file: file, message: "has a header but no rows; expected one row per pair (from_id,to_id,mode,minutes)") }
        return TravelTimeMatrix(source: file, minutes: minutes, unreachable: unreachable)
    }
}

/// "Did you mean …" for mistyped ids: the closest few by edit distance.
public enum Suggestions {
    /// Ids containing the query first (a shortened id such as "scale_up" finds
    /// "scale_up_manufacturing"), shortest first; then the rest by edit distance.
    public static func closest(to query: String, among candidates: some Collection<String>, limit: Int = 3) -> [String] {
        let q = query.lowercased()
        return candidates.map { c -> (String, Int, Int) in
            let lower = c.lowercased()
            return q.count >= 3 && lower.contains(q) ? (c, 0, lower.count) : (c, 1, editDistance(q, lower))
        }
        .sorted { ($0.1, $0.2, $0.0) < ($1.1, $1.2, $1.0) }
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
