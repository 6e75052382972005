import CSV
import Foundation
import SiteMatchGeometry

/// A council's Brownfield Land Register in the national data standard (MHCLG, 2017): one row per
/// site with a point (GeoX, GeoY) and its area (Hectares). Column names are matched ignoring case
/// and surrounding spaces, and the quirks of real registers are tolerated and said:
/// - no `CoordinateReferenceSystem` column: the values decide (eastings/northings → EPSG:27700;
///   longitudes/latitudes → ETRS89, taken as EPSG:4326);
/// - `NewDwellingsRangeTo` for the standard's `NetDwellingsRangeTo`;
/// - trailing spaces and mixed case in enumerated fields ("permissioned ", "Yes");
/// - a row whose GeoX and GeoY are swapped (far from the register's other sites, and among them
///   once swapped back): swapped back, with a warning naming the line.
/// Anything else wrong in a row is an error naming the line and the column.
public struct BrownfieldRegister: Sendable {
    public struct Entry: Sendable {
        /// The row's line (the header is line 1; a quoted field spanning lines counts once).
        public var line: Int
        public var reference: String
        public var name: String
        /// In EPSG:27700 metres.
        public var location: Coordinate
        public var hectares: Double
        /// The register's other fields, snake_case, trimmed; enumerations lower-cased.
        public var fields: [String: JSONValue]
        /// Set when the importer changed the row's coordinates (swapped back).
        public var coordinateNote: String?
    }

    public var file: String
    public var entries: [Entry]
    /// How the coordinates were read, e.g. "EPSG:27700 (no CoordinateReferenceSystem column; the values are eastings and northings)".
    public var coordinates: String
    /// What was tolerated (swapped coordinates, renamed columns), one line each.
    public var warnings: [String]
    /// Rows left out (only with `skipBadRows`), each with its reason.
    public var skipped: [String]

    /// A swapped row is one more than this from the register's median point that is within it once swapped.
    public static let swapDistance = 50_000.0

    /// The standard's columns this reader uses, and the names it also accepts.
    static let required = ["SiteReference", "SiteNameAddress", "GeoX", "GeoY", "Hectares"]
    static let optional: [(column: String, key: String, enumeration: Bool, aliases: [String])] = [
        ("OrganisationURI", "organisation_uri", false, []), ("OrganisationLabel", "organisation_label", false, []),
        ("SiteplanURL", "siteplan_url", false, []), ("OwnershipStatus", "ownership_status", true, []),
        ("PlanningStatus", "planning_status", true, []), ("PermissionType", "permission_type", true, []),
        ("PermissionDate", "permission_date", false, []), ("PlanningHistory", "planning_history", false, []),
        ("Deliverable", "deliverable", true, []), ("NetDwellingsRangeFrom", "net_dwellings_range_from", false, []),
        ("NetDwellingsRangeTo", "net_dwellings_range_to", false, ["NewDwellingsRangeTo"]),
        ("HazardousSubstances", "hazardous_substances", true, []), ("Notes", "notes", false, []),
        ("FirstAddedDate", "first_added_date", false, []), ("LastUpdatedDate", "last_updated_date", false, []),
        ("EndDate", "end_date", false, []),
    ]

    /// Reads the register at `path`. - Throws: ``SiteMatchError`` naming the file, line and column.
    public static func read(contentsOfFile path: String, skipBadRows: Bool = false) throws -> BrownfieldRegister {
        try read(text: TextFile.read(path), file: (path as NSString).lastPathComponent, skipBadRows: skipBadRows)
    }

    public static func read(text: String, file: String, skipBadRows: Bool = false) throws -> BrownfieldRegister {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw SiteMatchError(file: file, message: "is empty; expected a Brownfield Land Register CSV with a header line (SiteReference, SiteNameAddress, GeoX, GeoY, Hectares, …)")
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: false)
        } catch {
            throw SiteMatchError(file: file, line: 1, message: "cannot read the header: \(error)")
        }
        let header = (reader.headerRow ?? []).map { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "") }
        var index: [String: Int] = [:]
        for (i, name) in header.enumerated() where index[name.lowercased()] == nil { index[name.lowercased()] = i }
        let missing = required.filter { index[$0.lowercased()] == nil }
        guard missing.isEmpty else {
            throw SiteMatchError(file: file, line: 1, message: "has no \(missing.joined(separator: ", ")) column\(missing.count == 1 ? "" : "s") (the header is \(header.joined(separator: ","))); a Brownfield Land Register in the 2017 data standard has SiteReference, SiteNameAddress, GeoX, GeoY and Hectares")
        }
        var warnings: [String] = []
        var columns: [(column: String, key: String, enumeration: Bool, at: Int)] = []
        for o in optional {
            if let at = index[o.column.lowercased()] {
                columns.append((o.column, o.key, o.enumeration, at))
            } else if let alias = o.aliases.first(where: { index[$0.lowercased()] != nil }) {
                columns.append((o.column, o.key, o.enumeration, index[alias.lowercased()]!))
                warnings.append("column \(alias) read as the standard's \(o.column)")
            }
        }
        let crsColumn = index["coordinatereferencesystem"]

        // First pass: the rows as given, each checked on its own.
        struct Row { var line: Int; var cells: [String]; var x: Double; var y: Double; var hectares: Double; var crs: String? }
        var rows: [Row] = []
        var skipped: [String] = []
        var references: [String: Int] = [:]
        var line = 1
        func cell(_ cells: [String], _ column: String) -> String {
            guard let at = index[column.lowercased()], at < cells.count else { return "" }
            return cells[at].trimmingCharacters(in: .whitespacesAndNewlines)
        }
        while let cells = reader.next() {
            line += 1
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }  // a blank line
            do {
                guard cells.count == header.count else {
                    throw SiteMatchError(file: file, line: line, message: "has \(cells.count) fields; expected \(header.count) like the header")
                }
                func number(_ column: String, _ range: NumberRange) throws -> Double {
                    let text = cell(cells, column)
                    guard !text.isEmpty else { throw SiteMatchError(file: file, line: line, message: "column \(column) is empty; every site needs it") }
                    guard let value = Double(text.replacingOccurrences(of: ",", with: "")), value.isFinite else {
                        throw SiteMatchError(file: file, line: line, message: "column \(column): '\(text)' is not a number")
                    }
                    if let problem = range.problem(value) { throw SiteMatchError(file: file, line: line, message: "column \(column) \(problem)") }
                    return value
                }
                let reference = cell(cells, "SiteReference")
                guard !reference.isEmpty else { throw SiteMatchError(file: file, line: line, message: "column SiteReference is empty; every site needs its reference") }
                if let first = references[reference] {
                    throw SiteMatchError(file: file, line: line, message: "column SiteReference: '\(reference)' is also on line \(first); each site must appear once")
                }
                let hectares = try number("Hectares", Limits.areaHectares)
                guard hectares > 0 else { throw SiteMatchError(file: file, line: line, message: "column Hectares is 0; a site needs an area for its indicative circle") }
                let x = try number("GeoX", NumberRange(-1_000_000, 1_000_000)), y = try number("GeoY", NumberRange(-1_000_000, 2_000_000))
                let crs = crsColumn.flatMap { $0 < cells.count ? cells[$0].trimmingCharacters(in: .whitespaces) : nil }.flatMap { $0.isEmpty ? nil : $0 }
                references[reference] = line
                rows.append(Row(line: line, cells: cells, x: x, y: y, hectares: hectares, crs: crs))
            } catch let error as SiteMatchError where skipBadRows {
                skipped.append(error.description)
            }
        }
        if let error = reader.error { throw SiteMatchError(file: file, line: line + 1, message: "cannot read the row: \(error)") }
        guard !rows.isEmpty else {
            throw SiteMatchError(file: file, message: skipped.isEmpty ? "has a header but no sites" : "has no site without an error: \(skipped.count) rows skipped")
        }

        // The coordinate system: the CRS column where there is one, else what the values are.
        func isDegrees(_ r: Row) -> Bool { abs(r.x) <= 180 && abs(r.y) <= 90 }
        let coordinates: String
        var transformer: CoordinateTransformer?
        if crsColumn != nil {
            let named = Set(rows.compactMap { $0.crs?.uppercased() })
            guard named.count <= 1 else {
                throw SiteMatchError(file: file, message: "column CoordinateReferenceSystem names more than one system (\(named.sorted().joined(separator: ", "))); convert the register to one")
            }
            switch named.first {
            case "OSGB36"?, "EPSG:27700"?, "27700"?, nil:
                coordinates = "EPSG:27700 (CoordinateReferenceSystem \(named.first ?? "empty"))"
            case "ETRS89"?, "WGS84"?, "EPSG:4326"?, "4326"?, "EPSG:4258"?:
                coordinates = "ETRS89 longitude/latitude (CoordinateReferenceSystem \(named.first!)), transformed to EPSG:27700"
                transformer = try CoordinateTransformer(from: .wgs84, to: .britishNationalGrid)
            case let other?:
                let line = rows.first { $0.crs?.uppercased() == other }!.line
                throw SiteMatchError(file: file, line: line, message: "column CoordinateReferenceSystem: '\(other)' is not OSGB36 or ETRS89, the data standard's two systems")
            }
        } else if rows.allSatisfy(isDegrees) {
            coordinates = "ETRS89 longitude/latitude (no CoordinateReferenceSystem column; the values are degrees), transformed to EPSG:27700"
            transformer = try CoordinateTransformer(from: .wgs84, to: .britishNationalGrid)
        } else if let odd = rows.first(where: isDegrees) {
            throw SiteMatchError(file: file, line: odd.line, message: "columns GeoX, GeoY: (\(odd.x), \(odd.y)) look like degrees while other rows are eastings and northings; give every row in one system or add a CoordinateReferenceSystem column")
        } else {
            coordinates = "EPSG:27700 (no CoordinateReferenceSystem column; the values are eastings and northings)"
        }
        var points = try rows.map { r -> Coordinate in
            let c = Coordinate(x: r.x, y: r.y)
            return try transformer?.transform(c) ?? c
        }

        // Swapped GeoX/GeoY: far from the median, and among the others once swapped back (BNG only).
        var notes = [String?](repeating: nil, count: rows.count)
        var dropped = Set<Int>()
        if transformer == nil && rows.count >= 3 {
            let xs = points.map(\.x).sorted(), ys = points.map(\.y).sorted()
            let median = Coordinate(x: xs[xs.count / 2], y: ys[ys.count / 2])
            func distance(_ a: Coordinate) -> Double { ((a.x - median.x) * (a.x - median.x) + (a.y - median.y) * (a.y - median.y)).squareRoot() }
            for (i, p) in points.enumerated() where distance(p) > swapDistance {
                let swapped = Coordinate(x: p.y, y: p.x)
                if distance(swapped) <= swapDistance {
                    points[i] = swapped
                    notes[i] = "GeoX and GeoY were swapped in the register (\(p.x), \(p.y)); read as easting \(p.y), northing \(p.x)"
                    warnings.append("line \(rows[i].line) (SiteReference \(cell(rows[i].cells, "SiteReference"))): GeoX and GeoY swapped back: (\(p.x), \(p.y)) is \(Int(distance(p) / 1000)) km from the register's other sites, (\(p.y), \(p.x)) is among them")
                } else {
                    let message = "columns GeoX, GeoY: (\(p.x), \(p.y)) is \(Int(distance(p) / 1000)) km from the register's other sites (swapped, too); check the coordinates"
                    guard skipBadRows else { throw SiteMatchError(file: file, line: rows[i].line, message: message) }
                    skipped.append(SiteMatchError(file: file, line: rows[i].line, message: message).description)
                    dropped.insert(i)
                }
            }
        }

        var entries: [Entry] = []
        for (i, r) in rows.enumerated() where !dropped.contains(i) {
            var fields: [String: JSONValue] = [:]
            for c in columns where c.at < r.cells.count {
                var value = r.cells[c.at].trimmingCharacters(in: .whitespacesAndNewlines)
                if c.enumeration { value = value.lowercased() }
                fields[c.key] = value.isEmpty ? .null : .string(value)
            }
            entries.append(Entry(line: r.line, reference: cell(r.cells, "SiteReference"), name: cell(r.cells, "SiteNameAddress"), location: points[i],
                                 hectares: r.hectares, fields: fields, coordinateNote: notes[i]))
        }
        return BrownfieldRegister(file: file, entries: entries, coordinates: coordinates, warnings: warnings, skipped: skipped)
    }

    /// The register as a site layer in EPSG:27700: each point an indicative circle whose polygon has
    /// the register's area, with the register's fields and where the figures come from.
    public func siteLayer(context: GEOSContext) throws -> FeatureCollection {
        let features = try entries.map { e -> Feature in
            var properties: [String: JSONValue] = [
                "id": .string("bflr_" + e.reference), "name": .string(e.name), "site_reference": .string(e.reference),
                "area_ha": .number(e.hectares), "source_grade": .string("official"),
                "location_type": .null, "status": .null,
                "geometry_quality": .string("indicative"),
                "geometry_note": .string("indicative circle of the register's \(NumberRange.format(e.hectares)) ha centred on its point; the register gives no boundary"),
                "coordinate_note": e.coordinateNote.map { .string($0) } ?? .null,
                "source": .string("Brownfield Land Register, \(file) line \(e.line)"),
            ]
            for (key, value) in e.fields { properties[key] = value }
            return Feature(geometry: try IndicativeCircle.shape(centre: e.location, hectares: e.hectares, context: context), properties: properties)
        }
        return FeatureCollection(features: features, crs: .britishNationalGrid)
    }
}

/// A circle standing for a site known only by a point and an area: GEOS's buffer of the point, a
/// regular polygon of 4 × ``quadrantSegments`` vertices on the circle, with its radius chosen so the
/// polygon's area (not the circle's) is the site's: r = √(A / (n/2 · sin(2π/n))).
public enum IndicativeCircle {
    public static let quadrantSegments = 8

    public static func radius(hectares: Double) -> Double {
        let n = Double(4 * quadrantSegments)
        return (hectares * 10_000 / (n / 2 * sin(2 * Double.pi / n))).squareRoot()
    }

    public static func shape(centre: Coordinate, hectares: Double, context: GEOSContext) throws -> Shape {
        try Geometry(point: centre, context: context).buffer(radius(hectares: hectares), quadrantSegments: quadrantSegments).shape
    }
}
