import Foundation

/// Modelled average speeds for one vehicle type ("car", "hgv"): km/h per road class, plus the
/// speed of the snap leg between a place and the network.
public struct SpeedProfile: Hashable, Sendable {
    public var name: String
    public var accessKmh: Double
    public var speedsKmh: [String: Double]

    public init(name: String, accessKmh: Double, speedsKmh: [String: Double]) {
        self.name = name
        self.accessKmh = accessKmh
        self.speedsKmh = speedsKmh
    }
}

/// One profile's entry in profiles.yaml: `{access_kmh: N, speeds_kmh: {road_class: N, …}}`.
struct SpeedProfileEntry: Decodable {
    var accessKmh: Double
    var speedsKmh: [String: Double]
    enum CodingKeys: String, CodingKey, CaseIterable { case accessKmh = "access_kmh", speedsKmh = "speeds_kmh" }

    init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        accessKmh = try c.finite(.accessKmh)
        speedsKmh = try c.decode([String: Double].self, forKey: .speedsKmh)
    }
}

public enum SpeedProfileLoader {
    /// Reads `profiles.yaml`: `{name: {access_kmh: N, speeds_kmh: {road_class: N, …}}, …}` through
    /// ``StrictYAML``. Every road class in `roadClasses` must have a positive speed in every profile;
    /// those in `optionalClasses` may have one (an imported network's lesser roads).
    public static func load(contentsOfFile path: String, roadClasses: [String] = LayerSchema.roadClasses,
                            optionalClasses: [String] = LayerSchema.localRoadClasses) throws -> [String: SpeedProfile] {
        let file = (path as NSString).lastPathComponent
        let entries = try StrictYAML.decode([String: SpeedProfileEntry].self, contentsOfFile: path)
        guard !entries.isEmpty else { throw SiteMatchError(file: file, message: "expected a mapping of profile names (e.g. car, hgv) to speeds") }
        var result: [String: SpeedProfile] = [:]
        for (name, entry) in entries {
            try positive(entry.accessKmh, file: file, field: "\(name).access_kmh")
            for (roadClass, speed) in entry.speedsKmh {
                guard roadClasses.contains(roadClass) || optionalClasses.contains(roadClass) else {
                    throw SiteMatchError(file: file, field: "\(name).speeds_kmh.\(roadClass)", message: "unknown road class; expected one of \((roadClasses + optionalClasses).joined(separator: ", "))")
                }
                try positive(speed, file: file, field: "\(name).speeds_kmh.\(roadClass)")
            }
            for roadClass in roadClasses where entry.speedsKmh[roadClass] == nil {
                throw SiteMatchError(file: file, field: "\(name).speeds_kmh.\(roadClass)", message: "missing; expected a speed in km/h")
            }
            result[name] = SpeedProfile(name: name, accessKmh: entry.accessKmh, speedsKmh: entry.speedsKmh)
        }
        return result
    }

    static func positive(_ number: Double, file: String, field: String) throws {
        if let problem = Limits.speedKmh.problem(number) { throw SiteMatchError(file: file, field: field, message: "speed \(problem)") }
    }
}
