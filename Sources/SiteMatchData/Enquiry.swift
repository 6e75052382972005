import Foundation

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

extension Enquiry {
    /// Location types both allowed and excluded ("C, D"), or nil when the lists agree.
    public var conflictingLocationTypes: String? {
        let both = Set(locationTypes ?? []).intersection(excludedLocationTypes ?? [])
        return both.isEmpty ? nil : both.sorted().joined(separator: ", ")
    }
}

/// The enquiry document — the same in a YAML file and in a JSON request body:
/// `{name, archetype | weights: {driver: w} | neither (equal weights on every driver), requirements: {min_area_ha, min_mva, max_minutes_to_m6,
/// max_minutes_to_university, max_minutes_to_hospital, location_types, exclude_location_types,
/// available_now}, notes}`. Unknown keys are errors naming their path.
extension Enquiry: Codable {
    enum CodingKeys: String, CodingKey, CaseIterable { case name, archetype, weights, requirements, notes }

    enum RequirementKeys: String, CodingKey, CaseIterable {
        case minAreaHa = "min_area_ha", minMva = "min_mva", maxMinutesToM6 = "max_minutes_to_m6"
        case maxMinutesToUniversity = "max_minutes_to_university", maxMinutesToHospital = "max_minutes_to_hospital"
        case locationTypes = "location_types", excludeLocationTypes = "exclude_location_types", availableNow = "available_now"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        // An unnamed enquiry has an empty name; the loader names it after its file.
        self.init(name: try c.decodeIfPresent(String.self, forKey: .name) ?? "", archetypeID: try c.decodeIfPresent(String.self, forKey: .archetype))
        if c.contains(.weights) {
            let weights = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .weights)
            self.weights = try weights.allKeys.reduce(into: [:]) { result, key in
                result[key.stringValue] = try weights.number(key, in: Limits.weight)
            }
        }
        guard c.contains(.requirements) else { return }
        let r = try c.nestedContainer(keyedBy: AnyCodingKey.self, forKey: .requirements)
        let known = RequirementKeys.allCases.map(\.rawValue)
        if let unknown = r.allKeys.map(\.stringValue).sorted().first(where: { !known.contains($0) }) {
            throw DecodingError.dataCorrupted(.init(codingPath: r.codingPath + [AnyCodingKey(unknown)],
                                                    debugDescription: "unknown requirement; expected one of \(known.sorted().joined(separator: ", "))"))
        }
        let req = try c.nestedContainer(keyedBy: RequirementKeys.self, forKey: .requirements)
        func types(_ key: RequirementKeys) throws -> [String]? {
            guard let letters = try req.decodeIfPresent([String].self, forKey: key) else { return nil }
            for letter in letters where !LayerSchema.locationTypes.contains(letter) {
                throw DecodingError.dataCorruptedError(forKey: key, in: req, debugDescription: "'\(letter)' is not a location type; expected a list of location types from \(LayerSchema.locationTypes.joined(separator: ", "))")
            }
            return letters
        }
        minimumAreaHectares = try req.numberIfPresent(.minAreaHa, in: Limits.areaHectares)
        minimumMVA = try req.numberIfPresent(.minMva, in: Limits.mva)
        maximumMinutesToM6 = try req.numberIfPresent(.maxMinutesToM6, in: Limits.minutes)
        maximumMinutesToUniversity = try req.numberIfPresent(.maxMinutesToUniversity, in: Limits.minutes)
        maximumMinutesToHospital = try req.numberIfPresent(.maxMinutesToHospital, in: Limits.minutes)
        locationTypes = try types(.locationTypes)
        excludedLocationTypes = try types(.excludeLocationTypes)
        if let both = conflictingLocationTypes {
            throw DecodingError.dataCorruptedError(forKey: .excludeLocationTypes, in: req, debugDescription: "\(both) both allowed (location_types) and excluded; a site of that type could never qualify: remove it from one list")
        }
        availableNow = try req.decodeIfPresent(Bool.self, forKey: .availableNow) ?? false
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(name, forKey: .name)
        try c.encodeIfPresent(archetypeID, forKey: .archetype)
        try c.encodeIfPresent(weights, forKey: .weights)
        var r = c.nestedContainer(keyedBy: RequirementKeys.self, forKey: .requirements)
        try r.encodeIfPresent(minimumAreaHectares, forKey: .minAreaHa)
        try r.encodeIfPresent(minimumMVA, forKey: .minMva)
        try r.encodeIfPresent(maximumMinutesToM6, forKey: .maxMinutesToM6)
        try r.encodeIfPresent(maximumMinutesToUniversity, forKey: .maxMinutesToUniversity)
        try r.encodeIfPresent(maximumMinutesToHospital, forKey: .maxMinutesToHospital)
        try r.encodeIfPresent(locationTypes, forKey: .locationTypes)
        try r.encodeIfPresent(excludedLocationTypes, forKey: .excludeLocationTypes)
        try r.encode(availableNow, forKey: .availableNow)
    }
}

public enum EnquiryLoader {
    /// Reads an enquiry file (see ``Enquiry``'s document shape); an unnamed enquiry takes the file's name.
    public static func load(contentsOfFile path: String) throws -> Enquiry {
        let file = (path as NSString).lastPathComponent
        var enquiry = try StrictYAML.decode(Enquiry.self, contentsOfFile: path)
        if enquiry.name.isEmpty { enquiry.name = file }
        return enquiry
    }
}
