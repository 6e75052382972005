import Foundation
import Yams

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

public enum SpeedProfileLoader {
    /// Reads `profiles.yaml`: `{name: {access_kmh: N, speeds_kmh: {road_class: N, …}}, …}`. Every
    /// road class in `roadClasses` must have a positive speed in every profile.
    public static func load(contentsOfFile path: String, roadClasses: [String] = LayerSchema.roadClasses) throws -> [String: SpeedProfile] {
        let file = (path as NSString).lastPathComponent
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw SiteMatchError(file: path, message: "cannot read the file")
        }
        let root: Any?
        do { root = try Yams.load(yaml: text) } catch {
            throw SiteMatchError(file: file, message: "not valid YAML: \(error)")
        }
        guard let profiles = root as? [String: Any], !profiles.isEmpty else {
            throw SiteMatchError(file: file, message: "expected a mapping of profile names (e.g. car, hgv) to speeds")
        }
        var result: [String: SpeedProfile] = [:]
        for (name, value) in profiles {
            guard let body = value as? [String: Any] else {
                throw SiteMatchError(file: file, field: name, message: "expected access_kmh and speeds_kmh")
            }
            let access = try positiveNumber(body["access_kmh"], file: file, field: "\(name).access_kmh")
            guard let speeds = body["speeds_kmh"] as? [String: Any] else {
                throw SiteMatchError(file: file, field: "\(name).speeds_kmh", message: "missing; expected a speed in km/h for each of \(roadClasses.joined(separator: ", "))")
            }
            var parsed: [String: Double] = [:]
            for (roadClass, speed) in speeds {
                guard roadClasses.contains(roadClass) else {
                    throw SiteMatchError(file: file, field: "\(name).speeds_kmh.\(roadClass)", message: "unknown road class; expected one of \(roadClasses.joined(separator: ", "))")
                }
                parsed[roadClass] = try positiveNumber(speed, file: file, field: "\(name).speeds_kmh.\(roadClass)")
            }
            for roadClass in roadClasses where parsed[roadClass] == nil {
                throw SiteMatchError(file: file, field: "\(name).speeds_kmh.\(roadClass)", message: "missing; expected a speed in km/h")
            }
            result[name] = SpeedProfile(name: name, accessKmh: access, speedsKmh: parsed)
        }
        return result
    }

    static func positiveNumber(_ value: Any?, file: String, field: String) throws -> Double {
        let number: Double?
        switch value {
        case let n as Int: number = Double(n)
        case let n as Double: number = n
        default: number = nil
        }
        guard let number else { throw SiteMatchError(file: file, field: field, message: "missing or not a number; expected km/h") }
        guard number.isFinite, number > 0 else { throw SiteMatchError(file: file, field: field, message: "\(number) is not a positive speed; expected km/h > 0") }
        return number
    }
}
