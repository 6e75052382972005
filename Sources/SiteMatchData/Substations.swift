import CSV
import Foundation
import SiteMatchGeometry

/// A network operator's substation (`substations.geojson`, NGED's published locations), in BNG metres.
public struct Substation: Hashable, Sendable, Identifiable {
    public var id: String
    /// As published, e.g. "Burslem 132/11kv".
    public var name: String
    /// One of ``LayerSchema/substationTypes``.
    public var type: String
    /// The highest and lowest voltages the name states (nil where it states none).
    public var voltageKV: Double?
    public var lowestVoltageKV: Double?
    public var location: Coordinate

    public init(id: String, name: String, type: String, voltageKV: Double?, lowestVoltageKV: Double?, location: Coordinate) {
        self.id = id
        self.name = name
        self.type = type
        self.voltageKV = voltageKV
        self.lowestVoltageKV = lowestVoltageKV
        self.location = location
    }

    /// Supplies at 11 kV (or below), as a primary does: a primary substation, or a bulk or grid supply
    /// point whose name lists an 11 kV side (e.g. "Burslem 132/11kv").
    public var suppliesAsPrimary: Bool {
        type == "primary" || (lowestVoltageKV.map { $0 <= 11 } ?? false)
    }

    /// 132 kV or above: the name's highest voltage where it states one, else the type (bulk and grid
    /// supply points and 132 kV switching stations take 132 kV in by definition). "Uttoxeter 33kv S Stn",
    /// typed a bulk supply point, is the 33 kV side of one and does not count.
    public var isAtLeast132kV: Bool {
        if let v = voltageKV { return v >= 132 }
        return type != "primary"
    }

    /// "primary substation", "bulk supply point" …, for sentences.
    public var typeDescription: String {
        switch type {
        case "primary": "primary substation"
        case "bulk_supply_point": "bulk supply point"
        case "grid_supply_point": "grid supply point"
        case "switching_132kv": "132 kV switching station"
        default: type
        }
    }
}

/// The network operator's queue of accepted and offered new connections (NGED's new-connections update,
/// `nged-connection-queue-*.csv`), by grid supply point → bulk supply point → primary. It says how much
/// demand is already asking to connect behind a supply point — a pressure signal, **not headroom**.
public struct GridQueue: Sendable {
    public enum Status: String, Sendable {
        case accepted = "Connection offers accepted"
        case offered = "Connection offers not yet accepted"
        case budgetEstimate = "Budget Estimates Provided"
    }

    /// One row: the queue behind one primary (or directly at a supply point, where `primary` is nil) at one status.
    public struct Entry: Hashable, Sendable {
        public var line: Int
        public var licence: String
        public var gridSupplyPoint: String
        /// nil where the row is "-": connections made directly at the grid supply point.
        public var bulkSupplyPoint: String?
        public var primary: String?
        public var status: Status
        public var demandMW: Double
    }

    /// The file's name, for sentences ("nged-connection-queue-2025-05.csv").
    public var file: String
    public var entries: [Entry] { didSet { primaryPlaces = Self.primaryPlaces(entries) } }
    /// Each entry's primary as ``placeName(_:)`` reduces it, worked out once: reducing all 1,080 rows'
    /// names again for every site was 44 % of measuring 1,020 sites (perf, release build).
    private var primaryPlaces: [String?]

    public init(file: String, entries: [Entry]) {
        self.file = file
        self.entries = entries
        primaryPlaces = Self.primaryPlaces(entries)
    }

    private static func primaryPlaces(_ entries: [Entry]) -> [String?] { entries.map { $0.primary.map(placeName) } }

    /// The columns read (the file has more; they are not used).
    static let columns = ["Licence", "Grid Supply Point", "Bulk Supply Point", "Primary Substation", "Connection Status", "Total Demand Capacity (MW)"]

    /// The queue file of a GeoData directory: `nged-connection-queue-YYYY-MM.csv`, the update's month
    /// in its name. - Returns: nil where there is none. - Throws: where there are several (keep one).
    public static func path(in directory: String) throws -> String? {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasPrefix("nged-connection-queue-") && $0.hasSuffix(".csv") }.sorted()
        guard names.count <= 1 else {
            throw SiteMatchError(file: directory, message: "has \(names.count) connection-queue files (\(names.joined(separator: ", "))); keep only the latest")
        }
        return names.first.map { (directory as NSString).appendingPathComponent($0) }
    }

    public static func load(contentsOfFile path: String) throws -> GridQueue {
        try read(text: TextFile.read(path), file: (path as NSString).lastPathComponent)
    }

    /// - Throws: ``SiteMatchError`` naming the file, line and column.
    public static func read(text: String, file: String) throws -> GridQueue {
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: false)
        } catch {
            throw SiteMatchError(file: file, line: 1, message: "cannot read the header: \(error)")
        }
        let header = (reader.headerRow ?? []).map { $0.replacingOccurrences(of: "\u{FEFF}", with: "").trimmingCharacters(in: .whitespaces) }
        let missing = columns.filter { !header.contains($0) }
        guard missing.isEmpty else {
            throw SiteMatchError(file: file, line: 1, message: "has no \(missing.joined(separator: ", ")) column\(missing.count == 1 ? "" : "s"); expected NGED's new-connections update with \(columns.joined(separator: ", "))")
        }
        let at = Dictionary(uniqueKeysWithValues: columns.map { ($0, header.firstIndex(of: $0)!) })
        var entries: [Entry] = []
        var line = 1
        while let cells = reader.next() {
            line += 1
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            guard cells.count == header.count else {
                throw SiteMatchError(file: file, line: line, message: "has \(cells.count) fields; expected \(header.count) like the header")
            }
            func cell(_ column: String) -> String { cells[at[column]!].trimmingCharacters(in: .whitespaces) }
            func name(_ column: String) throws -> String? {
                let text = cell(column)
                guard !text.isEmpty else { throw SiteMatchError(file: file, line: line, message: "column \(column) is empty; expected a substation name or '-'") }
                return text == "-" ? nil : text
            }
            guard let status = Status(rawValue: cell("Connection Status")) else {
                throw SiteMatchError(file: file, line: line, message: "column Connection Status: '\(cell("Connection Status"))' is not one of \([Status.accepted, .offered, .budgetEstimate].map { "'\($0.rawValue)'" }.joined(separator: ", "))")
            }
            let mwText = cell("Total Demand Capacity (MW)")
            guard let mw = Double(mwText), mw.isFinite else {
                throw SiteMatchError(file: file, line: line, message: "column Total Demand Capacity (MW): '\(mwText)' is not a number")
            }
            if let problem = Limits.mva.problem(mw) { throw SiteMatchError(file: file, line: line, message: "column Total Demand Capacity (MW) \(problem)") }
            guard let gsp = try name("Grid Supply Point") else {
                throw SiteMatchError(file: file, line: line, message: "column Grid Supply Point is '-'; every row sits behind a grid supply point")
            }
            entries.append(Entry(line: line, licence: cell("Licence"), gridSupplyPoint: gsp, bulkSupplyPoint: try name("Bulk Supply Point"),
                                 primary: try name("Primary Substation"), status: status, demandMW: mw))
        }
        if let error = reader.error { throw SiteMatchError(file: file, line: line + 1, message: "cannot read the row: \(error)") }
        guard !entries.isEmpty else { throw SiteMatchError(file: file, message: "has a header but no rows") }
        return GridQueue(file: file, entries: entries)
    }

    /// A substation name reduced to the words that name the place, so the queue's spelling and the
    /// location file's agree: "Leek 33 11 kV S Stn" and "Leek 33/11kv" are both "leek"; "Meaford C
    /// 132 kV S Stn" is "meaford c". Voltages, "kV", "S Stn", "BSP", bracketed notes and punctuation go.
    public static func placeName(_ name: String) -> String {
        var text = name.lowercased()
        while let open = text.firstIndex(of: "("), let close = text[open...].firstIndex(of: ")") { text.removeSubrange(open...close) }
        let dropped: Set<String> = ["kv", "s", "stn", "bsp", "gsp", "primary", "substation", "switching", "site", "grid", "national"]
        let words = text.split { !$0.isLetter && !$0.isNumber }.map(String.init).filter { word in
            !dropped.contains(word) && !(word.allSatisfy(\.isNumber)) && !(word.hasSuffix("kv") && word.dropLast(2).allSatisfy(\.isNumber))
        }
        return words.joined(separator: " ")
    }

    /// The supply points above a primary, as the queue names them.
    public struct SupplyPoints: Hashable, Sendable {
        public var bulkSupplyPoint: String?
        public var gridSupplyPoint: String
    }

    public enum Match: Hashable, Sendable {
        case found(SupplyPoints)
        /// No row names this primary: no connection is queued there, or the queue spells it differently.
        case notInQueue
        /// Rows name a primary of this name under several supply points, and their locations do not tell which.
        case ambiguous([SupplyPoints])
    }

    /// The supply points above `primary`, matched by place name (``placeName(_:)``) — never by distance
    /// alone. Where several supply points list a primary of that name (e.g. "Clifton" under Bristol,
    /// Nottingham and Warwick), only those with a supply point (bulk or grid) whose name is a substation
    /// in `substations` within `confirmRadius` metres east and north of the primary (a box: it only has
    /// to tell apart places of one name that lie far apart) are kept; a single candidate is confirmed
    /// the same way.
    /// If that leaves more or fewer than one, no match is made.
    public func supplyPoints(of primary: Substation, substations: [Substation], confirmRadius: Double = 50_000) -> Match {
        let key = Self.placeName(primary.name)
        var candidates: [SupplyPoints] = []
        for (entry, place) in zip(entries, primaryPlaces) where place == key {
            let points = SupplyPoints(bulkSupplyPoint: entry.bulkSupplyPoint, gridSupplyPoint: entry.gridSupplyPoint)
            if !candidates.contains(points) { candidates.append(points) }
        }
        guard !candidates.isEmpty else { return .notInQueue }
        let box = Envelope(minX: primary.location.x, minY: primary.location.y, maxX: primary.location.x, maxY: primary.location.y).expanded(by: confirmRadius)
        let nearby = Set(substations.filter { box.intersects(Envelope(minX: $0.location.x, minY: $0.location.y, maxX: $0.location.x, maxY: $0.location.y)) }
            .map { Self.placeName($0.name) })
        let confirmed = candidates.filter { nearby.contains(Self.placeName($0.gridSupplyPoint)) || $0.bulkSupplyPoint.map { nearby.contains(Self.placeName($0)) } == true }
        return confirmed.count == 1 ? .found(confirmed[0]) : .ambiguous(candidates)
    }

    /// Demand (MW) queued behind a supply point: offers accepted and offers made but not yet accepted
    /// count as queued; budget estimates (enquiries, not applications) are reported apart.
    public struct Demand: Hashable, Sendable {
        public var queuedMW: Double
        public var budgetEstimateMW: Double
    }

    /// Behind the bulk supply point `name` (every primary under it and connections at it).
    public func demand(behindBulkSupplyPoint name: String) -> Demand {
        sum(entries.filter { $0.bulkSupplyPoint == name })
    }

    /// Behind the grid supply point `name`: every row under it, direct connections included.
    public func demand(behindGridSupplyPoint name: String) -> Demand {
        sum(entries.filter { $0.gridSupplyPoint == name })
    }

    func sum(_ rows: [Entry]) -> Demand {
        var d = Demand(queuedMW: 0, budgetEstimateMW: 0)
        for row in rows {
            if row.status == .budgetEstimate { d.budgetEstimateMW += row.demandMW } else { d.queuedMW += row.demandMW }
        }
        return d
    }
}
