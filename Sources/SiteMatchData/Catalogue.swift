import Foundation

/// How the Framework rates a location type for an archetype.
public enum LocationFit: String, Sendable, Codable {
    case best, unknown, least
}

/// One of the Framework's 17 innovation archetypes (GeoData/archetypes.yaml).
public struct Archetype: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var cluster: String
    public var frameworkSection: String
    /// The Framework's own driver phrases.
    public var driverPhrases: [String]
    public var bestFit: [String]
    /// Nil where the Framework gives no least-fit column ("unknown").
    public var leastFit: [String]?
    /// The role of KUSIP / university-anchored sites, where the Framework states one.
    public var role: String?

    public init(id: String, name: String, cluster: String, frameworkSection: String, driverPhrases: [String], bestFit: [String], leastFit: [String]?, role: String?) {
        self.id = id
        self.name = name
        self.cluster = cluster
        self.frameworkSection = frameworkSection
        self.driverPhrases = driverPhrases
        self.bestFit = bestFit
        self.leastFit = leastFit
        self.role = role
    }

    public func fit(for locationType: String) -> LocationFit {
        if bestFit.contains(locationType) { return .best }
        if leastFit?.contains(locationType) == true { return .least }
        return .unknown
    }
}

/// A value in a site indicator: a number, a category, a yes/no, or no data.
public enum IndicatorValue: Hashable, Sendable, CustomStringConvertible {
    case number(Double)
    case text(String)
    case flag(Bool)
    case unknown

    public var description: String {
        switch self {
        case let .number(n): return n == n.rounded() && abs(n) < 1e12 ? String(Int64(n)) : String(format: "%.2f", n)
        case let .text(t): return t
        case let .flag(b): return b ? "yes" : "no"
        case .unknown: return "unknown"
        }
    }
}

extension IndicatorValue: Codable {
    /// A JSON scalar: number, string, boolean, or null for unknown.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case let .number(n): try c.encode(n)
        case let .text(t): try c.encode(t)
        case let .flag(b): try c.encode(b)
        case .unknown: try c.encodeNil()
        }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .unknown }
        else if let b = try? c.decode(Bool.self) { self = .flag(b) }
        else if let n = try? c.decode(Double.self) { self = .number(n) }
        else { self = .text(try c.decode(String.self)) }
    }
}

/// An absolute value function: maps an indicator to 0…1 without reference to other sites.
public enum ValueFunction: Hashable, Sendable {
    case linear(x0: Double, v0: Double, x1: Double, v1: Double)
    case step(below: Double, steps: [[Double]])
    case category([String: Double])
    case idealRange(min: Double, max: Double, falloff: Double)

    /// The value, or nil when the indicator has no data or no mapping.
    public func value(of indicator: IndicatorValue) -> Double? {
        switch (self, indicator) {
        case let (.linear(x0, v0, x1, v1), .number(x)):
            let t = min(max((x - x0) / (x1 - x0), 0), 1)
            return v0 + t * (v1 - v0)
        case let (.step(below, steps), .number(x)):
            return steps.last { x >= $0[0] }?[1] ?? below
        case let (.idealRange(lo, hi, falloff), .number(x)):
            if x >= lo && x <= hi { return 1 }
            return max(0, 1 - (x < lo ? lo - x : x - hi) / falloff)
        case let (.category(values), .text(key)):
            return values[key]
        case let (.category(values), .flag(flag)):
            return values[flag ? "true" : "false"]
        default:
            return nil
        }
    }
}

/// One indicator of a driver, with its value function and why its thresholds are what they are.
public struct DriverIndicator: Hashable, Sendable {
    public var indicator: String
    public var function: ValueFunction
    public var why: String
}

public struct Driver: Hashable, Sendable, Identifiable {
    public var id: String
    public var name: String
    public var phrases: [String]
    public var indicators: [DriverIndicator]
}

/// The archetype catalogue: archetypes, drivers, value functions and default weights.
public struct Catalogue: Sendable {
    public var archetypes: [Archetype]
    public var drivers: [String: Driver]
    /// Default weights: archetype id → driver id → weight (≥ 0).
    public var weights: [String: [String: Double]]
    /// The value an indicator without data scores.
    public var unknownValue: Double
    /// Default weight of the location-type prior, 0…1.
    public var priorWeight: Double

    public func archetype(_ id: String) -> Archetype? { archetypes.first { $0.id == id } }
}

public enum CatalogueLoader {
    /// Loads `archetypes.yaml` and `drivers.yaml` from `directory` through ``StrictYAML`` (unknown keys
    /// are errors). `indicators` lists the indicator ids the measuring layer provides; anything else
    /// is an error naming the file and field.
    public static func load(directory: String, indicators: Set<String>) throws -> Catalogue {
        let archetypes = try StrictYAML.decode(ArchetypesDocument.self, contentsOfFile: (directory as NSString).appendingPathComponent("archetypes.yaml")).archetypes
        let file = "drivers.yaml"
        let document = try StrictYAML.decode(DriversDocument.self, contentsOfFile: (directory as NSString).appendingPathComponent(file))
        var seen = Set<String>()
        for (i, archetype) in archetypes.enumerated() where !seen.insert(archetype.id).inserted {
            throw SiteMatchError(file: "archetypes.yaml", field: "archetypes[\(i)].id", message: "duplicate archetype id '\(archetype.id)'")
        }
        var drivers: [String: Driver] = [:]
        for (id, entry) in document.drivers {
            guard !entry.indicators.isEmpty else { throw SiteMatchError(file: file, field: "drivers.\(id).indicators", message: "missing; expected at least one indicator") }
            for (i, item) in entry.indicators.enumerated() where !indicators.contains(item.indicator) {
                throw SiteMatchError(file: file, field: "drivers.\(id).indicators[\(i)].indicator", message: "unknown indicator '\(item.indicator)'; expected one of \(indicators.sorted().joined(separator: ", "))")
            }
            drivers[id] = Driver(id: id, name: entry.name ?? id, phrases: entry.phrases ?? [], indicators: entry.indicators)
        }
        var weights: [String: [String: Double]] = [:]
        for (archetypeID, map) in document.weights ?? [:] {
            guard archetypes.contains(where: { $0.id == archetypeID }) else {
                throw SiteMatchError(file: file, field: "weights.\(archetypeID)", message: "unknown archetype; expected one of the ids in archetypes.yaml")
            }
            for (driver, weight) in map {
                let field = "weights.\(archetypeID).\(driver)"
                guard drivers[driver] != nil else { throw SiteMatchError(file: file, field: field, message: "unknown driver; expected one of \(drivers.keys.sorted().joined(separator: ", "))") }
                guard weight >= 0 || !weight.isFinite else { throw SiteMatchError(file: file, field: field, message: "\(weight) is negative; weights must be ≥ 0") }
                if let problem = Limits.weight.problem(weight) { throw SiteMatchError(file: file, field: field, message: problem) }
            }
            weights[archetypeID] = map
        }
        for archetype in archetypes where (weights[archetype.id]?.values.reduce(0, +) ?? 0) <= 0 {
            throw SiteMatchError(file: file, field: "weights.\(archetype.id)", message: "missing or all zero; every archetype needs a positive weight on at least one driver")
        }
        return Catalogue(archetypes: archetypes, drivers: drivers, weights: weights,
                         unknownValue: document.unknownValue ?? 0.5, priorWeight: document.priorWeight ?? 0.25)
    }
}

/// archetypes.yaml: `{archetypes: [{id, name, cluster, framework_section, driver_phrases, best_fit, least_fit, role}]}`.
struct ArchetypesDocument: Decodable {
    var archetypes: [Archetype]
    enum CodingKeys: String, CodingKey, CaseIterable { case archetypes }
    init(from decoder: any Decoder) throws {
        archetypes = try decoder.strictContainer(keyedBy: CodingKeys.self).decode([Archetype].self, forKey: .archetypes)
    }
}

extension Archetype: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable {
        case id, name, cluster, frameworkSection = "framework_section", driverPhrases = "driver_phrases", bestFit = "best_fit", leastFit = "least_fit", role
    }

    /// One archetype; `least_fit` is a list of location types or the word `unknown` (the Framework gives none).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        func text(_ key: CodingKeys) throws -> String {
            let value = try c.decode(String.self, forKey: key)
            guard !value.isEmpty else { throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "is empty; expected text") }
            return value
        }
        func types(_ key: CodingKeys) throws -> [String]? {
            if let word = try? c.decode(String.self, forKey: key), word == "unknown" { return nil }
            let letters = try c.decode([String].self, forKey: key)
            guard !letters.isEmpty else { throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected a list of location types or unknown") }
            for letter in letters where !LayerSchema.locationTypes.contains(letter) {
                throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "'\(letter)' is not a location type; expected \(LayerSchema.locationTypes.joined(separator: ", "))")
            }
            return letters
        }
        guard let best = try types(.bestFit) else {
            throw DecodingError.dataCorruptedError(forKey: .bestFit, in: c, debugDescription: "every archetype has a best fit in the Framework")
        }
        self.init(id: try text(.id), name: try text(.name), cluster: try text(.cluster), frameworkSection: try text(.frameworkSection),
                  driverPhrases: try c.decodeIfPresent([String].self, forKey: .driverPhrases) ?? [], bestFit: best, leastFit: try types(.leastFit),
                  role: try c.decodeIfPresent(String.self, forKey: .role))
    }
}

/// drivers.yaml: `{unknown_value, prior_weight, drivers: {id: {name, phrases, indicators}}, weights: {archetype: {driver: w}}}`.
struct DriversDocument: Decodable {
    struct Entry: Decodable {
        var name: String?
        var phrases: [String]?
        var indicators: [DriverIndicator]
        enum CodingKeys: String, CodingKey, CaseIterable { case name, phrases, indicators }
        init(from decoder: any Decoder) throws {
            let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
            name = try c.decodeIfPresent(String.self, forKey: .name)
            phrases = try c.decodeIfPresent([String].self, forKey: .phrases)
            indicators = try c.decode([DriverIndicator].self, forKey: .indicators)
        }
    }

    var drivers: [String: Entry]
    var weights: [String: [String: Double]]?
    var unknownValue: Double?
    var priorWeight: Double?

    enum CodingKeys: String, CodingKey, CaseIterable { case drivers, weights, unknownValue = "unknown_value", priorWeight = "prior_weight" }

    init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        drivers = try c.decode([String: Entry].self, forKey: .drivers)
        weights = try c.decodeIfPresent([String: [String: Double]].self, forKey: .weights)
        unknownValue = try c.numberIfPresent(.unknownValue, in: NumberRange(0, 1))
        priorWeight = try c.numberIfPresent(.priorWeight, in: Limits.priorWeight)
    }
}

extension DriverIndicator: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case indicator, function, why }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        self.init(indicator: try c.decode(String.self, forKey: .indicator), function: try c.decode(ValueFunction.self, forKey: .function),
                  why: try c.decodeIfPresent(String.self, forKey: .why) ?? "")
    }
}

extension ValueFunction: Decodable {
    enum Keys: String, CodingKey, CaseIterable { case type, from, to, below, steps, values, min, max, falloff }

    /// `{type: linear, from: [x, v], to: [x, v]}`, `{type: step, below: v, steps: [[x, v], …]}`,
    /// `{type: category, values: {key: v}}` or `{type: ideal_range, min, max, falloff}`; only the
    /// type's own keys are allowed.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: Keys.self)
        let type = try c.decode(String.self, forKey: .type)
        let allowed: [String: Set<Keys>] = ["linear": [.type, .from, .to], "step": [.type, .below, .steps], "category": [.type, .values],
                                            "ideal_range": [.type, .min, .max, .falloff]]
        guard let keys = allowed[type] else {
            throw DecodingError.dataCorruptedError(forKey: .type, in: c, debugDescription: "'\(type)' is not a value function; expected linear, step, category or ideal_range")
        }
        if let extra = c.allKeys.first(where: { !keys.contains($0) }) {
            throw DecodingError.dataCorruptedError(forKey: extra, in: c, debugDescription: "not a key of a \(type) function; expected \(keys.map(\.rawValue).sorted().joined(separator: ", "))")
        }
        func finite(_ values: [Double], _ key: Keys) throws -> [Double] {
            guard values.allSatisfy(\.isFinite) else { throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected finite numbers") }
            return values
        }
        func pair(_ key: Keys) throws -> (Double, Double) {
            let list = try finite(c.decode([Double].self, forKey: key), key)
            guard list.count == 2 else { throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: "expected [x, value]") }
            return (list[0], list[1])
        }
        switch type {
        case "linear":
            let (x0, v0) = try pair(.from), (x1, v1) = try pair(.to)
            guard x0 != x1 else { throw DecodingError.dataCorruptedError(forKey: .to, in: c, debugDescription: "from and to need different x values") }
            guard (0...1).contains(v0), (0...1).contains(v1) else { throw DecodingError.dataCorruptedError(forKey: .to, in: c, debugDescription: "values must lie in 0…1") }
            self = .linear(x0: x0, v0: v0, x1: x1, v1: v1)
        case "step":
            let steps = try c.decode([[Double]].self, forKey: .steps).map { try finite($0, .steps) }
            guard !steps.isEmpty, steps.allSatisfy({ $0.count == 2 }), zip(steps, steps.dropFirst()).allSatisfy({ $0[0] < $1[0] }) else {
                throw DecodingError.dataCorruptedError(forKey: .steps, in: c, debugDescription: "expected [[x, value], …] with x ascending")
            }
            self = .step(below: try c.finite(.below), steps: steps)
        case "category":
            let values = try c.decode([String: Double].self, forKey: .values)
            guard !values.isEmpty else { throw DecodingError.dataCorruptedError(forKey: .values, in: c, debugDescription: "expected {category: value, …}") }
            self = .category(values)
        default:
            let lo = try c.finite(.min), hi = try c.finite(.max), falloff = try c.finite(.falloff)
            guard lo <= hi, falloff > 0 else { throw DecodingError.dataCorruptedError(forKey: .falloff, in: c, debugDescription: "expected min ≤ max and falloff > 0") }
            self = .idealRange(min: lo, max: hi, falloff: falloff)
        }
    }
}
