import Foundation

/// The finite range of every kind of number SiteMatch reads (flags, YAML, CSV, GeoJSON properties),
/// checked before any arithmetic or conversion, so no input can trap a conversion or overflow.
public struct NumberRange: Hashable, Sendable {
    public var lower: Double
    public var upper: Double
    /// True when `lower` itself is not allowed (minute budgets: above 0).
    public var lowerExclusive: Bool
    /// Unit for messages, e.g. "min", "ha".
    public var unit: String

    public init(_ lower: Double, _ upper: Double, lowerExclusive: Bool = false, unit: String = "") {
        self.lower = lower
        self.upper = upper
        self.lowerExclusive = lowerExclusive
        self.unit = unit
    }

    public func contains(_ value: Double) -> Bool {
        value.isFinite && (lowerExclusive ? value > lower : value >= lower) && value <= upper
    }

    /// "between 0 and 600 min", "above 0 and at most 600 min".
    public var description: String {
        let u = unit.isEmpty ? "" : " \(unit)"
        return (lowerExclusive ? "above \(Self.format(lower)) and at most \(Self.format(upper))" : "between \(Self.format(lower)) and \(Self.format(upper))") + u
    }

    /// `value` is in range, or a message naming it, e.g. "must be between 0 and 100000 ha, got 1e+19".
    public func problem(_ value: Double) -> String? {
        contains(value) ? nil : "must be \(description), got \(Self.format(value))"
    }

    /// A number as a person would write it, without any conversion that could trap (1e+19, not a crash).
    public static func format(_ value: Double) -> String {
        value.isFinite && value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}

/// The documented ranges (README, "Numbers").
public enum Limits {
    /// Drive-time budgets and maximum-minutes requirements.
    public static let minutes = NumberRange(0, 600, unit: "min")
    /// Isochrone and catchment budgets: above 0.
    public static let budget = NumberRange(0, 600, lowerExclusive: true, unit: "min")
    /// Score thresholds (scores are 0–100).
    public static let threshold = NumberRange(0, 100)
    /// Driver weights.
    public static let weight = NumberRange(0, 1000)
    /// The location-type prior's weight.
    public static let priorWeight = NumberRange(0, 1)
    /// Site areas.
    public static let areaHectares = NumberRange(0, 100_000, unit: "ha")
    /// Grid headroom.
    public static let mva = NumberRange(0, 10_000, unit: "MVA")
    /// Monte Carlo draws.
    public static let draws = NumberRange(1, 1_000_000)
    /// Counts of people.
    public static let people = NumberRange(0, 100_000_000)
    /// Modelled road speeds.
    public static let speedKmh = NumberRange(0, 200, lowerExclusive: true, unit: "km/h")
    /// Imported travel times (a day's travel at most).
    public static let matrixMinutes = NumberRange(0, 1_440, unit: "min")
    /// Lengths of network links.
    public static let linkMetres = NumberRange(0, 1_000_000, lowerExclusive: true, unit: "m")
}

extension KeyedDecodingContainer {
    /// A number within `range`, or an error at the key's path naming the range.
    public func number(_ key: Key, in range: NumberRange) throws -> Double {
        let value = try decode(Double.self, forKey: key)
        if let problem = range.problem(value) { throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: problem) }
        return value
    }

    public func numberIfPresent(_ key: Key, in range: NumberRange) throws -> Double? {
        try contains(key) && !decodeNil(forKey: key) ? number(key, in: range) : nil
    }
}
