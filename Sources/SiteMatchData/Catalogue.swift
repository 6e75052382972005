import Foundation
import Yams

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
    /// Loads `archetypes.yaml` and `drivers.yaml` from `directory`. `indicators` lists the indicator
    /// ids the measuring layer provides; anything else is an error naming the file and field.
    public static func load(directory: String, indicators: Set<String>) throws -> Catalogue {
        let archetypes = try loadArchetypes((directory as NSString).appendingPathComponent("archetypes.yaml"))
        let path = (directory as NSString).appendingPathComponent("drivers.yaml")
        let file = "drivers.yaml"
        let root = try yaml(path) as? [String: Any] ?? [:]
        guard let driverMap = root["drivers"] as? [String: Any] else { throw SiteMatchError(file: file, field: "drivers", message: "missing; expected a mapping of driver ids") }
        var drivers: [String: Driver] = [:]
        for (id, value) in driverMap {
            guard let body = value as? [String: Any] else { throw SiteMatchError(file: file, field: "drivers.\(id)", message: "expected name, phrases and indicators") }
            guard let list = body["indicators"] as? [[String: Any]], !list.isEmpty else {
                throw SiteMatchError(file: file, field: "drivers.\(id).indicators", message: "missing; expected at least one indicator")
            }
            let items = try list.enumerated().map { i, item -> DriverIndicator in
                let field = "drivers.\(id).indicators[\(i)]"
                guard let name = item["indicator"] as? String else { throw SiteMatchError(file: file, field: "\(field).indicator", message: "missing") }
                guard indicators.contains(name) else {
                    throw SiteMatchError(file: file, field: "\(field).indicator", message: "unknown indicator '\(name)'; expected one of \(indicators.sorted().joined(separator: ", "))")
                }
                return DriverIndicator(indicator: name, function: try function(item["function"], file: file, field: "\(field).function"), why: (item["why"] as? String) ?? "")
            }
            drivers[id] = Driver(id: id, name: (body["name"] as? String) ?? id, phrases: (body["phrases"] as? [String]) ?? [], indicators: items)
        }
        var weights: [String: [String: Double]] = [:]
        let weightMap = root["weights"] as? [String: Any] ?? [:]
        for (archetypeID, value) in weightMap {
            guard archetypes.contains(where: { $0.id == archetypeID }) else {
                throw SiteMatchError(file: file, field: "weights.\(archetypeID)", message: "unknown archetype; expected one of the ids in archetypes.yaml")
            }
            guard let map = value as? [String: Any] else { throw SiteMatchError(file: file, field: "weights.\(archetypeID)", message: "expected driver: weight pairs") }
            weights[archetypeID] = try map.reduce(into: [:]) { result, pair in
                let field = "weights.\(archetypeID).\(pair.key)"
                guard drivers[pair.key] != nil else { throw SiteMatchError(file: file, field: field, message: "unknown driver; expected one of \(drivers.keys.sorted().joined(separator: ", "))") }
                let weight = try number(pair.value, file: file, field: field)
                guard weight >= 0 else { throw SiteMatchError(file: file, field: field, message: "\(weight) is negative; weights must be ≥ 0") }
                result[pair.key] = weight
            }
        }
        for archetype in archetypes where (weights[archetype.id]?.values.reduce(0, +) ?? 0) <= 0 {
            throw SiteMatchError(file: file, field: "weights.\(archetype.id)", message: "missing or all zero; every archetype needs a positive weight on at least one driver")
        }
        let unknown = try root["unknown_value"].map { try number($0, file: file, field: "unknown_value") } ?? 0.5
        let prior = try root["prior_weight"].map { try number($0, file: file, field: "prior_weight") } ?? 0.25
        guard (0...1).contains(unknown) else { throw SiteMatchError(file: file, field: "unknown_value", message: "\(unknown) is outside 0…1") }
        guard (0...1).contains(prior) else { throw SiteMatchError(file: file, field: "prior_weight", message: "\(prior) is outside 0…1") }
        return Catalogue(archetypes: archetypes, drivers: drivers, weights: weights, unknownValue: unknown, priorWeight: prior)
    }

    static func loadArchetypes(_ path: String) throws -> [Archetype] {
        let file = "archetypes.yaml"
        guard let list = (try yaml(path) as? [String: Any])?["archetypes"] as? [[String: Any]] else {
            throw SiteMatchError(file: file, field: "archetypes", message: "missing; expected a list of archetypes")
        }
        var seen = Set<String>()
        return try list.enumerated().map { i, item in
            let field = "archetypes[\(i)]"
            func text(_ key: String) throws -> String {
                guard let value = item[key] as? String, !value.isEmpty else { throw SiteMatchError(file: file, field: "\(field).\(key)", message: "missing; expected text") }
                return value
            }
            func types(_ key: String) throws -> [String]? {
                if let word = item[key] as? String, word == "unknown" { return nil }
                guard let letters = item[key] as? [String], !letters.isEmpty else {
                    throw SiteMatchError(file: file, field: "\(field).\(key)", message: "expected a list of location types or unknown")
                }
                for letter in letters where !LayerSchema.locationTypes.contains(letter) {
                    throw SiteMatchError(file: file, field: "\(field).\(key)", message: "'\(letter)' is not a location type; expected \(LayerSchema.locationTypes.joined(separator: ", "))")
                }
                return letters
            }
            let id = try text("id")
            guard seen.insert(id).inserted else { throw SiteMatchError(file: file, field: "\(field).id", message: "duplicate archetype id '\(id)'") }
            guard let best = try types("best_fit") else { throw SiteMatchError(file: file, field: "\(field).best_fit", message: "every archetype has a best fit in the Framework") }
            return Archetype(id: id, name: try text("name"), cluster: try text("cluster"), frameworkSection: try text("framework_section"),
                             driverPhrases: (item["driver_phrases"] as? [String]) ?? [], bestFit: best, leastFit: try types("least_fit"),
                             role: item["role"] as? String)
        }
    }

    static func yaml(_ path: String) throws -> Any? {
        let file = (path as NSString).lastPathComponent
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw SiteMatchError(file: path, message: "cannot read the file") }
        do { return try Yams.load(yaml: text) } catch { throw SiteMatchError(file: file, message: "not valid YAML: \(error)") }
    }

    static func number(_ value: Any?, file: String, field: String) throws -> Double {
        switch value {
        case let n as Int: return Double(n)
        case let n as Double where n.isFinite: return n
        default: throw SiteMatchError(file: file, field: field, message: "missing or not a number")
        }
    }

    static func function(_ value: Any?, file: String, field: String) throws -> ValueFunction {
        guard let body = value as? [String: Any], let type = body["type"] as? String else {
            throw SiteMatchError(file: file, field: field, message: "missing; expected {type: linear|step|category|ideal_range, …}")
        }
        func pair(_ key: String) throws -> (Double, Double) {
            guard let list = body[key] as? [Any], list.count == 2 else { throw SiteMatchError(file: file, field: "\(field).\(key)", message: "expected [x, value]") }
            return (try number(list[0], file: file, field: "\(field).\(key)[0]"), try number(list[1], file: file, field: "\(field).\(key)[1]"))
        }
        switch type {
        case "linear":
            let (x0, v0) = try pair("from"), (x1, v1) = try pair("to")
            guard x0 != x1 else { throw SiteMatchError(file: file, field: field, message: "from and to need different x values") }
            guard (0...1).contains(v0), (0...1).contains(v1) else { throw SiteMatchError(file: file, field: field, message: "values must lie in 0…1") }
            return .linear(x0: x0, v0: v0, x1: x1, v1: v1)
        case "step":
            let steps = try ((body["steps"] as? [[Any]]) ?? []).map { try $0.map { try number($0, file: file, field: "\(field).steps") } }
            guard !steps.isEmpty, steps.allSatisfy({ $0.count == 2 }), zip(steps, steps.dropFirst()).allSatisfy({ $0[0] < $1[0] }) else {
                throw SiteMatchError(file: file, field: "\(field).steps", message: "expected [[x, value], …] with x ascending")
            }
            return .step(below: try number(body["below"], file: file, field: "\(field).below"), steps: steps)
        case "category":
            guard let values = body["values"] as? [AnyHashable: Any], !values.isEmpty else { throw SiteMatchError(file: file, field: "\(field).values", message: "expected {category: value, …}") }
            var map: [String: Double] = [:]
            for (key, value) in values { map["\(key)"] = try number(value, file: file, field: "\(field).values.\(key)") }
            return .category(map)
        case "ideal_range":
            let lo = try number(body["min"], file: file, field: "\(field).min"), hi = try number(body["max"], file: file, field: "\(field).max")
            let falloff = try number(body["falloff"], file: file, field: "\(field).falloff")
            guard lo <= hi, falloff > 0 else { throw SiteMatchError(file: file, field: field, message: "expected min ≤ max and falloff > 0") }
            return .idealRange(min: lo, max: hi, falloff: falloff)
        default:
            throw SiteMatchError(file: file, field: "\(field).type", message: "'\(type)' is not a value function; expected linear, step, category or ideal_range")
        }
    }
}
