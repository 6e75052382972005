import Foundation
import SiteMatchAccessibility
import SiteMatchData
import SiteMatchGeometry
import SiteMatchMatching

/// Everything a use case reads, loaded and validated once: the portfolio, the archetype catalogue,
/// the speed profiles, the baseline (car) travel-time model with every site's indicators, an optional
/// imported matrix, and the data's own provenance. Immutable and `Sendable`, so a server shares one
/// across requests; GEOS and PROJ handles are made per call, never stored here.
public struct Workspace: Sendable {
    /// The GeoData directory as given.
    public let directory: String
    /// Portfolio, catalogue, car model and indicators (the matching layer's view).
    public let session: MatchingSession
    /// Speed profiles by name (profiles.yaml).
    public let profiles: [String: SpeedProfile]
    /// The imported travel-time matrix, if one was given.
    public let importedMatrix: TravelTimeMatrix?
    /// What the data says about itself (dataset.yaml and each layer's description).
    public let provenance: DataProvenance
    /// Where the driver weights come from: "drivers.yaml", or the AHP file and the archetypes it sets.
    public let weightsSource: String
    /// What the answers were computed on, for the enquiry log: the tool's version and a SHA-256 of
    /// the contents of the files read (see ``DataVersion``).
    public let dataVersion: String
    /// Where the sites came from when not the GeoData's own sites.geojson (`--sites`), and what the
    /// import found unknown (said once by the front end, never silently).
    public let siteImport: (source: String, unknowns: [String])?
    /// The road network that replaced the modelled one (`--network`): what it is, and what the import
    /// assumed or left out (said once by the front end).
    public let networkImport: (summary: String, notes: [String])?

    public var portfolio: Portfolio { session.portfolio }
    public var catalogue: Catalogue { session.catalogue }

    /// Loads `directory` (validating every layer first), or the shipped GeoData when nil.
    /// - Throws: ``SiteMatchError`` — `.usage` when no directory can be found, `.notFound` for a
    ///   missing directory, `.input` naming the file and field of anything wrong inside it.
    /// `ahp` is an AHP judgement file (``AHPDocument``) whose weights replace drivers.yaml's for the
    /// archetypes it lists.
    /// `sites` replaces the GeoData's sites with a planner's own layer (any OGR format); `network`
    /// replaces the modelled road network with OS Open Roads or an OpenStreetMap extract.
    public static func load(directory: String? = nil, matrix: String? = nil, matrixColumns: MatrixColumns = .longForm, ahp: String? = nil,
                            sites: SiteLayerSource? = nil, network: RoadNetworkSource? = nil) throws -> Workspace {
        let directory = try GeoDataLocation.resolve(directory)
        let context = GEOSContext()
        var portfolio = try PortfolioLoader.load(directory: directory, context: context)
        var siteImport: (source: String, unknowns: [String])?
        if let sites {
            let imported = try SiteLayerImporter.load(sites, context: context)
            portfolio.sites = imported.sites
            var said = imported.unknowns
            // A planner's sites get their district from the boundaries too, where the data has them;
            // a stated district that differs is said (a note within 500 m of its boundary).
            if !portfolio.districts.isEmpty {
                for c in try DistrictLookup(portfolio.districts, context: context).assign(&portfolio.sites) {
                    let kind = (c.metres ?? .infinity) <= DistrictLookup.boundaryTolerance ? "note" : "warning"
                    said.append("\(kind): site \(portfolio.sites[c.siteIndex].id) is stated to be in \(c.stated) but lies in \(c.found)"
                                + (c.metres.map { ", \(Int($0.rounded())) m from \(c.stated)'s boundary" } ?? " (\(c.stated) is not a district in districts.geojson)")
                                + "; \(c.found) is used")
                }
            }
            siteImport = ("\(imported.layer.source) (layer \(imported.layer.layerName), \(imported.layer.driver), \(imported.layer.sourceCRS))", said)
        }
        var catalogue = try CatalogueLoader.load(directory: directory, indicators: IndicatorMeasurer.ids)
        var weightsSource = "drivers.yaml"
        if let ahp {
            let file = (ahp as NSString).lastPathComponent
            let judged = try StrictYAML.decode(AHPDocument.self, contentsOfFile: ahp).weights(catalogue: catalogue, file: file)
            for (archetype, result) in judged { catalogue.weights[archetype] = result.weights }
            weightsSource = "AHP judgements in \(file) for \(judged.keys.sorted().joined(separator: ", ")); drivers.yaml for the rest"
        }
        let profiles = try SpeedProfileLoader.load(contentsOfFile: (directory as NSString).appendingPathComponent("profiles.yaml"))
        var networkImport: (summary: String, notes: [String])?
        if let network {
            let imported = try RoadNetworkImporter.load(network, context: context)
            // Every profile must price every class the network uses, or a later --profile would fail halfway.
            for (name, profile) in profiles.sorted(by: { $0.key < $1.key }) {
                let missing = imported.roadClasses.filter { profile.speedsKmh[$0] == nil }
                if !missing.isEmpty {
                    throw SiteMatchError(file: "profiles.yaml", field: "\(name).speeds_kmh",
                                         message: "has no speed for \(missing.joined(separator: ", ")), which \(network.path) uses; add \(missing.map { "\($0): N" }.joined(separator: ", ")) (km/h)")
                }
            }
            portfolio.edges = imported.edges
            portfolio.nodePositions = imported.nodePositions
            networkImport = (imported.summary, imported.notes)
        }
        var provenance = try DataProvenance.read(directory: directory)
        if let siteImport { provenance.siteSource = siteImport.source }
        if let networkImport { provenance.networkSource = networkImport.summary }
        guard let car = profiles["car"] else { throw SiteMatchError(file: "profiles.yaml", field: "car", message: "missing; the matching drivers use the car profile") }
        let model = try TravelTimeModel(portfolio: portfolio, profile: car, context: context)
        let imported = try matrix.map {
            try TravelTimeMatrixLoader.load(contentsOfFile: $0, origins: Set(portfolio.sites.map(\.id)),
                                            destinations: Set(portfolio.assets.map(\.id) + portfolio.population.map(\.id) + portfolio.censusAreas.map(\.id) + portfolio.sites.map(\.id)),
                                            columns: matrixColumns)
        }
        let session = try MatchingSession(portfolio: portfolio, catalogue: catalogue, model: model, imported: imported, dataLabel: provenance.label, context: context)
        let dataVersion = try DataVersion.of(directory: directory, extraFiles: [matrix, ahp, sites?.path, network?.path].compactMap { $0 })
        return Workspace(directory: directory, session: session, profiles: profiles, importedMatrix: imported, provenance: provenance,
                         weightsSource: weightsSource, dataVersion: dataVersion, siteImport: siteImport, networkImport: networkImport)
    }

    // MARK: Look-ups shared by every front end

    /// The site with `id`, or `.notFound` with the nearest ids.
    public func site(_ id: String) throws -> Site {
        if let site = portfolio.sites.first(where: { $0.id == id }) { return site }
        throw SiteMatchError.notFound("site", id: id, among: portfolio.sites.map(\.id))
    }

    /// The archetype with `id`, or `.notFound` with the nearest ids.
    public func archetype(_ id: String) throws -> Archetype {
        if let archetype = catalogue.archetype(id) { return archetype }
        throw SiteMatchError.notFound("archetype", id: id, among: catalogue.archetypes.map(\.id))
    }

    /// One archetype, or all of them in catalogue order.
    public func archetypes(_ id: String?) throws -> [Archetype] {
        try id.map { [try archetype($0)] } ?? catalogue.archetypes
    }

    /// The speed profile `name`, or `.notFound` naming the profiles defined.
    public func profile(_ name: String) throws -> SpeedProfile {
        if let profile = profiles[name] { return profile }
        throw SiteMatchError.notFound(.init(kind: "profile", id: name, nearest: profiles.keys.sorted()))
    }

    /// The travel-time model for `profile`, with a network scenario applied when one is given.
    /// The car model without a scenario is the workspace's own.
    public func model(profile name: String, scenario: NetworkScenario?, context: GEOSContext) throws -> TravelTimeModel {
        let speeds = try profile(name)
        if let scenario { return try TravelTimeModel(portfolio: portfolio, profile: speeds, scenario: scenario, context: context) }
        if name == session.model.profile.name { return session.model }
        return try TravelTimeModel(portfolio: portfolio, profile: speeds, context: context)
    }

    /// Where the answers' drive times come from: "modelled", or "imported:FILE where it has the pair,
    /// else modelled" when a matrix was imported.
    public var travelTimes: String {
        importedMatrix.map { "imported:\($0.source) where it has the pair, else modelled" } ?? "modelled"
    }

    /// The site's name, or its id if unknown.
    func siteName(_ id: String) -> String { portfolio.sites.first { $0.id == id }?.name ?? id }
    func locationType(_ id: String) -> String { portfolio.sites.first { $0.id == id }?.locationType ?? "" }
}

/// Finds the GeoData directory a command or server works on.
public enum GeoDataLocation {
    /// `directory` if given (it must exist), else the shipped GeoData.
    public static func resolve(_ directory: String?) throws -> String {
        guard let directory = directory ?? GeoDataDirectory.shipped() else {
            throw SiteMatchError.usage("cannot find the shipped GeoData; give --geodata DIR, or set SITEMATCH_GEODATA")
        }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SiteMatchError(file: directory, message: "no such directory")
        }
        return directory
    }
}
