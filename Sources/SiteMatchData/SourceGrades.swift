import Foundation
import SiteMatchGeometry

/// Whether a published figure comes from the body responsible for it or from someone else —
/// DESIGN's grades for published figures. (Figures SiteMatch derives are estimated or modelled, and
/// missing ones unknown: those grades are given where the figure is made, not here.)
public enum SourceGrade: String, Sendable, Codable, CaseIterable {
    /// Published by the body responsible for it: ONS, a council, NGED, DfT; a site's own promoter for its site.
    case official
    /// Published by someone else: news, encyclopaedias and their mirrors, trade press, agents.
    case secondary
}

/// GeoData/sources.yaml: the grade of each web source (by host) behind the sites' attributes, each
/// with the reason — a judgement written down where a planner can read and change it, not a rule in
/// code. A source it does not list is graded secondary (never presented as official by default).
///
///     official:
///       www.stokestaffslep.org.uk: the LEP that ran the Ceramic Valley Enterprise Zone
///     secondary:
///       en.wikipedia.org: an encyclopaedia
public struct SourceGrades: Hashable, Sendable {
    public var official: [String: String]
    public var secondary: [String: String]

    public init(official: [String: String] = [:], secondary: [String: String] = [:]) {
        self.official = official
        self.secondary = secondary
    }

    public static let file = "sources.yaml"

    /// The grade of a feature's attributes: its own `source_grade` where it states one, else its
    /// `source` URL's host as listed, else secondary.
    public func grade(properties: [String: JSONValue]) -> SourceGrade {
        if let stated = properties["source_grade"]?.stringValue.flatMap(SourceGrade.init(rawValue:)) { return stated }
        guard let source = properties["source"]?.stringValue, let host = URL(string: source)?.host?.lowercased() else { return .secondary }
        return official[host] != nil ? .official : .secondary
    }

    /// Reads `directory`/sources.yaml; no file: every source secondary.
    public static func load(directory: String) throws -> SourceGrades {
        let path = (directory as NSString).appendingPathComponent(file)
        guard FileManager.default.fileExists(atPath: path) else { return SourceGrades() }
        return try StrictYAML.decode(SourceGrades.self, contentsOfFile: path)
    }
}

extension SourceGrades: Decodable {
    enum CodingKeys: String, CodingKey, CaseIterable { case official, secondary }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.strictContainer(keyedBy: CodingKeys.self)
        official = try c.decodeIfPresent([String: String].self, forKey: .official) ?? [:]
        secondary = try c.decodeIfPresent([String: String].self, forKey: .secondary) ?? [:]
        if let both = Set(official.keys).intersection(secondary.keys).sorted().first {
            throw DecodingError.dataCorrupted(.init(codingPath: [CodingKeys.secondary, AnyCodingKey(both)], debugDescription: "listed as both official and secondary; keep it in one list"))
        }
        for (key, reason) in official.merging(secondary, uniquingKeysWith: { a, _ in a }) where reason.trimmingCharacters(in: .whitespaces).isEmpty {
            throw DecodingError.dataCorrupted(.init(codingPath: [AnyCodingKey(key)], debugDescription: "needs a reason: say why this source is graded so"))
        }
    }
}
