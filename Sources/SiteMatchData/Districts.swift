import Foundation
import SiteMatchGeometry

/// A local authority district from `districts.geojson`, in British National Grid.
public struct District: Sendable {
    public var id: String
    public var name: String
    public var geometry: Shape
}

/// Which district a feature is in, by point in polygon (GEOS): a point feature's own point, a
/// polygon's point on surface (always inside it, unlike a centroid). One per worker: it holds GEOS
/// prepared geometries.
public struct DistrictLookup {
    /// A stated district within this of the boundary data's is a note, not a warning: the generalised
    /// boundaries are good to about 100–200 m, and a site or junction may straddle a boundary.
    public static let boundaryTolerance = 500.0

    let districts: [District]
    let prepared: [PreparedGeometry]
    let context: GEOSContext

    public init(_ districts: [District], context: GEOSContext) throws {
        self.districts = districts
        self.context = context
        prepared = try districts.map { try PreparedGeometry(Geometry($0.geometry, context: context)) }
    }

    /// The point a feature's district is decided by.
    public func point(of geometry: Geometry) throws -> Geometry {
        geometry.type == .point ? geometry : try geometry.pointOnSurface()
    }

    /// The district containing `geometry`'s point, or nil outside every district.
    public func district(of geometry: Geometry) throws -> District? {
        let p = try point(of: geometry)
        for (i, candidate) in prepared.enumerated() where try candidate.covers(p) { return districts[i] }
        return nil
    }

    /// A site whose stated district the boundaries contradict: metres from its point to the stated
    /// district (nil where no district has that name).
    public struct Contradiction: Sendable {
        public var siteIndex: Int
        public var stated: String
        public var found: String
        public var metres: Double?
    }

    /// Gives each site the district its point lies in (sites outside every district keep theirs) and
    /// returns those whose stated district, where they state one, differed.
    public func assign(_ sites: inout [Site]) throws -> [Contradiction] {
        var contradictions: [Contradiction] = []
        for i in sites.indices {
            let geometry = try Geometry(sites[i].geometry, context: context)
            guard let found = try district(of: geometry) else { continue }
            let stated = sites[i].district
            if !stated.isEmpty && stated != "unknown" && stated != found.name {
                contradictions.append(Contradiction(siteIndex: i, stated: stated, found: found.name, metres: try distance(from: geometry, toDistrictNamed: stated)))
            }
            sites[i].district = found.name
        }
        return contradictions
    }

    /// Metres from `geometry`'s point to the district named `name` (0 inside it); nil when no district has that name.
    public func distance(from geometry: Geometry, toDistrictNamed name: String) throws -> Double? {
        let p = try point(of: geometry)
        guard let i = districts.firstIndex(where: { $0.name == name }) else { return nil }
        return try prepared[i].distance(to: p)
    }
}

extension ValidationRun {
    /// Compares each site's, asset's and population point's stated `district` with the district its
    /// point lies in (districts.geojson, when the directory has it).
    mutating func checkDistricts() {
        guard let layer = layers[LayerSchema.districts.file] else { return }
        let districts = zip(layer.features, layer.bng).compactMap { f, g -> District? in
            guard let g, let shape = try? g.shape else { return nil }
            return District(id: f.identifier ?? "", name: f.properties["name"]?.stringValue ?? "", geometry: shape)
        }
        guard let lookup = try? DistrictLookup(districts, context: context) else {
            return report(.warning, LayerSchema.districts.file, nil, nil, nil, "could not prepare the district polygons; districts not checked")
        }
        for file in [LayerSchema.sites.file, LayerSchema.assets.file, LayerSchema.population.file] {
            guard let checked = layers[file] else { continue }
            for (index, (feature, geometry)) in zip(checked.features, checked.bng).enumerated() {
                guard let geometry, let stated = feature.properties["district"]?.stringValue else { continue }
                // A county-level population point stands for the whole county, not a place in a district.
                if feature.properties["level"]?.stringValue == "county" { continue }
                let used = file == LayerSchema.sites.file ? " (SiteMatch uses the boundary's)" : ""
                do {
                    guard let found = try lookup.district(of: geometry) else {
                        report(.note, file, index, feature, "district", "'\(stated)': the feature lies outside every district in districts.geojson; the stated district is kept")
                        continue
                    }
                    guard found.name != stated else { continue }
                    guard let metres = try lookup.distance(from: geometry, toDistrictNamed: stated) else {
                        report(.warning, file, index, feature, "district", "'\(stated)' is not a district in districts.geojson; the feature lies in \(found.name)\(used)")
                        continue
                    }
                    let severity: ValidationIssue.Severity = metres <= DistrictLookup.boundaryTolerance ? .note : .warning
                    report(severity, file, index, feature, "district",
                           "stated '\(stated)', but the feature lies in \(found.name), \(Int(metres.rounded())) m from \(stated)'s boundary (generalised boundaries)\(used)")
                } catch {
                    report(.warning, file, index, feature, "district", "could not be checked against districts.geojson: \(error)")
                }
            }
        }
    }
}
