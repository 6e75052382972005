import Foundation
import Yams

/// An investor enquiry: what to score by (an archetype, or a custom weighting of drivers) and the
/// hard requirements a site must meet ("5 ha, 8 MVA, 15 min from the M6, near a university").
public struct Enquiry: Hashable, Sendable {
    public var name: String
    public var archetypeID: String?
    /// Custom driver weights; used instead of the archetype's when given.
    public var weights: [String: Double]?
    public var minimumAreaHectares: Double?
    public var minimumMVA: Double?
    public var maximumMinutesToM6: Double?
    public var maximumMinutesToUniversity: Double?
    public var maximumMinutesToHospital: Double?
    public var locationTypes: [String]?
    public var excludedLocationTypes: [String]?
    /// Only sites whose status is "available".
    public var availableNow: Bool

    public init(name: String = "enquiry", archetypeID: String? = nil, weights: [String: Double]? = nil, minimumAreaHectares: Double? = nil,
                minimumMVA: Double? = nil, maximumMinutesToM6: Double? = nil, maximumMinutesToUniversity: Double? = nil,
                maximumMinutesToHospital: Double? = nil, locationTypes: [String]? = nil, excludedLocationTypes: [String]? = nil, availableNow: Bool = false) {
        self.name = name
        self.archetypeID = archetypeID
        self.weights = weights
        self.minimumAreaHectares = minimumAreaHectares
        self.minimumMVA = minimumMVA
        self.maximumMinutesToM6 = maximumMinutesToM6
        self.maximumMinutesToUniversity = maximumMinutesToUniversity
        self.maximumMinutesToHospital = maximumMinutesToHospital
        self.locationTypes = locationTypes
        self.excludedLocationTypes = excludedLocationTypes
        self.availableNow = availableNow
    }
}

public enum EnquiryLoader {
    static let requirementKeys: Set = ["min_area_ha", "min_mva", "max_minutes_to_m6", "max_minutes_to_university", "max_minutes_to_hospital",
                                       "location_types", "exclude_location_types", "available_now"]

    /// Reads an enquiry file:
    /// `{name, archetype | weights: {driver: w}, requirements: {min_area_ha, min_mva, max_minutes_to_m6, …}}`.
    public static func load(contentsOfFile path: String) throws -> Enquiry {
        let file = (path as NSString).lastPathComponent
        let root = try CatalogueLoader.yaml(path)
        guard let map = root as? [String: Any] else { throw InputFileError(file: file, message: "expected a mapping with archetype or weights, and requirements") }
        for key in map.keys.sorted() where !["name", "archetype", "weights", "requirements", "notes"].contains(key) {
            throw InputFileError(file: file, field: key, message: "unknown key; expected name, archetype, weights, requirements, notes")
        }
        var enquiry = Enquiry(name: (map["name"] as? String) ?? file, archetypeID: map["archetype"] as? String)
        if let weights = map["weights"] {
            guard let pairs = weights as? [String: Any] else { throw InputFileError(file: file, field: "weights", message: "expected driver: weight pairs") }
            enquiry.weights = try pairs.reduce(into: [:]) { result, pair in
                let w = try CatalogueLoader.number(pair.value, file: file, field: "weights.\(pair.key)")
                guard w >= 0 else { throw InputFileError(file: file, field: "weights.\(pair.key)", message: "\(w) is negative; weights must be ≥ 0") }
                result[pair.key] = w
            }
        }
        guard enquiry.archetypeID != nil || enquiry.weights != nil else {
            throw InputFileError(file: file, field: "archetype", message: "missing; give an archetype id or a weights mapping")
        }
        let requirements = map["requirements"] as? [String: Any] ?? [:]
        for key in requirements.keys.sorted() where !requirementKeys.contains(key) {
            throw InputFileError(file: file, field: "requirements.\(key)", message: "unknown requirement; expected one of \(requirementKeys.sorted().joined(separator: ", "))")
        }
        func positive(_ key: String) throws -> Double? {
            guard let value = requirements[key] else { return nil }
            let n = try CatalogueLoader.number(value, file: file, field: "requirements.\(key)")
            guard n >= 0 else { throw InputFileError(file: file, field: "requirements.\(key)", message: "\(n) is negative; expected a value ≥ 0") }
            return n
        }
        func types(_ key: String) throws -> [String]? {
            guard let value = requirements[key] else { return nil }
            guard let letters = value as? [String], letters.allSatisfy({ LayerSchema.locationTypes.contains($0) }) else {
                throw InputFileError(file: file, field: "requirements.\(key)", message: "expected a list of location types from \(LayerSchema.locationTypes.joined(separator: ", "))")
            }
            return letters
        }
        enquiry.minimumAreaHectares = try positive("min_area_ha")
        enquiry.minimumMVA = try positive("min_mva")
        enquiry.maximumMinutesToM6 = try positive("max_minutes_to_m6")
        enquiry.maximumMinutesToUniversity = try positive("max_minutes_to_university")
        enquiry.maximumMinutesToHospital = try positive("max_minutes_to_hospital")
        enquiry.locationTypes = try types("location_types")
        enquiry.excludedLocationTypes = try types("exclude_location_types")
        enquiry.availableNow = (requirements["available_now"] as? Bool) ?? false
        return enquiry
    }
}
