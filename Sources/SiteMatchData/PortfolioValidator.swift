import Foundation
import SiteMatchGeometry

/// Checks a GeoData directory against ``LayerSchema/portfolio``: required properties and types,
/// allowed values, unique ids, valid geometry (GEOS), coordinates inside Great Britain, published
/// areas against measured ones, cross-layer references and road-network connectivity.
public enum PortfolioValidator {
    /// How far outside the 1:110m Great Britain outline a feature may lie (that outline's own error).
    public static let coastTolerance = 10_000.0
    /// Every site, asset and population point must lie within this distance (m) of the road network.
    public static let maximumSnapDistance = 5_000.0
    /// Published `area_ha` against measured area: beyond this fraction surveyed geometry fails,
    /// indicative geometry is reported as a warning.
    public static let areaTolerance = 0.10
    /// A network edge must start and end within this distance (m) of its from/to features.
    public static let endpointTolerance = 100.0

    /// Validates the layers in `directory`. `context` is the caller's GEOS context.
    public static func validate(directory: String, context: GEOSContext) throws -> ValidationReport {
        try validateKeepingLayers(directory: directory, context: context).report
    }

    /// Validates and also returns the layers as read (features, and geometries in BNG metres), so
    /// ``PortfolioLoader`` builds the portfolio without reading and projecting every file again.
    static func validateKeepingLayers(directory: String, context: GEOSContext) throws -> (report: ValidationReport, layers: [String: LoadedLayer]) {
        var run = try ValidationRun(directory: directory, context: context)
        run.checkLayers()
        run.checkCrossLayerReferences()
        run.checkNetwork()
        run.checkDistricts()
        run.checkGridQueue()
        return (ValidationReport(directory: directory, layers: run.layerCounts, issues: run.issues), run.layers)
    }
}

/// A layer as loaded for validation: its features and their geometries in BNG metres.
struct LoadedLayer {
    let schema: LayerSchema
    let features: [Feature]
    let bng: [Geometry?]
}

struct ValidationRun {
    let directory: String
    let context: GEOSContext
    let toBNG: CoordinateTransformer
    let greatBritain: PreparedGeometry
    var issues: [ValidationIssue] = []
    var layers: [String: LoadedLayer] = [:]
    var layerCounts: [ValidationReport.Layer] = []

    init(directory: String, context: GEOSContext) throws {
        self.directory = directory
        self.context = context
        toBNG = try CoordinateTransformer(from: .wgs84, to: .britishNationalGrid)
        greatBritain = try PreparedGeometry(toBNG.transform(Geometry(.polygon([GreatBritainOutline.ring]), context: context)))
    }

    mutating func report(_ severity: ValidationIssue.Severity, _ file: String, _ index: Int?, _ feature: Feature?, _ field: String?, _ message: String) {
        issues.append(ValidationIssue(severity, file: file, featureIndex: index, featureID: feature?.identifier, field: field, message: message))
    }

    // MARK: - Per layer

    mutating func checkLayers() {
        for schema in LayerSchema.portfolio {
            let path = (directory as NSString).appendingPathComponent(schema.file)
            guard FileManager.default.fileExists(atPath: path) else {
                if schema.optional {
                    report(.note, schema.file, nil, nil, nil, "not in \(directory): \(schema.absentNote ?? "what it adds is not available")")
                    continue
                }
                report(.error, schema.file, nil, nil, nil, "missing: expected the layer file \(schema.file) in \(directory)")
                layerCounts.append(.init(file: schema.file, features: nil))
                continue
            }
            let collection: FeatureCollection
            do {
                collection = try GeoJSONReader.read(contentsOfFile: path)
            } catch let error as GeoJSONError {
                var message = error.message
                if let line = error.line { message = "line \(line)\(error.column.map { ", column \($0)" } ?? ""): " + message }
                issues.append(ValidationIssue(.error, file: schema.file, featureIndex: error.featureIndex, featureID: error.featureID, field: error.field, message: message))
                layerCounts.append(.init(file: schema.file, features: nil))
                continue
            } catch {
                report(.error, schema.file, nil, nil, nil, "\(error)")
                layerCounts.append(.init(file: schema.file, features: nil))
                continue
            }
            layerCounts.append(.init(file: schema.file, features: collection.features.count))
            var geometries: [Geometry?] = []
            var firstIndexOfID: [String: Int] = [:]
            for (index, feature) in collection.features.enumerated() {
                checkProperties(feature, index: index, schema: schema)
                if let id = feature.identifier {
                    if let first = firstIndexOfID[id] {
                        report(.error, schema.file, index, feature, "id", "'\(id)' is also the id of feature #\(first); ids must be unique within a layer")
                    } else {
                        firstIndexOfID[id] = index
                    }
                }
                geometries.append(checkGeometry(feature, index: index, schema: schema, crs: collection.crs))
            }
            let layer = LoadedLayer(schema: schema, features: collection.features, bng: geometries)
            layers[schema.file] = layer
            checkLayerRules(layer)
        }
    }

    mutating func checkProperties(_ feature: Feature, index: Int, schema: LayerSchema) {
        let file = schema.file
        for rule in schema.properties {
            let expected = rule.allowed.map { "one of " + $0.joined(separator: ", ") } ?? rule.type.rawValue
            guard let value = feature.properties[rule.name] else {
                report(.error, file, index, feature, rule.name, "missing; expected \(expected)\(rule.nullable ? " (null when unknown)" : "")")
                continue
            }
            if value.isNull {
                if !rule.nullable { report(.error, file, index, feature, rule.name, "is null; expected \(expected)") }
                continue
            }
            switch rule.type {
            case .string:
                guard let text = value.stringValue else {
                    report(.error, file, index, feature, rule.name, "is \(value.kindDescription); expected \(expected)")
                    continue
                }
                if let allowed = rule.allowed, !allowed.contains(text) {
                    report(.error, file, index, feature, rule.name, "'\(text)' is not allowed; expected \(expected)")
                }
            case .number, .integer:
                guard let number = value.numberValue else {
                    report(.error, file, index, feature, rule.name, "is \(value.kindDescription); expected \(rule.type == .integer ? "an integer" : "a number")")
                    continue
                }
                if rule.type == .integer && number != number.rounded() {
                    report(.error, file, index, feature, rule.name, "\(number) is not a whole number; expected an integer")
                }
                if let minimum = rule.minimum, number < minimum {
                    report(.error, file, index, feature, rule.name, "\(NumberRange.format(number)) is below the minimum; expected at least \(minimum == 0.0001 ? "a positive number" : NumberRange.format(minimum))")
                }
                if let maximum = rule.maximum, number > maximum {
                    report(.error, file, index, feature, rule.name, "\(NumberRange.format(number)) is above the maximum; expected at most \(NumberRange.format(maximum))")
                }
            case .boolean:
                if value.boolValue == nil { report(.error, file, index, feature, rule.name, "is \(value.kindDescription); expected true or false") }
            case .stringArray:
                if value.arrayValue?.allSatisfy({ $0.stringValue != nil }) != true {
                    report(.error, file, index, feature, rule.name, "is \(value.kindDescription); expected an array of strings")
                }
            }
        }
        let known = Set(schema.properties.map(\.name))
        for key in feature.properties.keys.sorted() where !known.contains(key) {
            report(.warning, file, index, feature, key, "is not in the schema (GeoData/SCHEMA.md); check its spelling")
        }
    }

    /// Checks type, validity and position; returns the geometry in BNG metres, or nil if unusable.
    mutating func checkGeometry(_ feature: Feature, index: Int, schema: LayerSchema, crs: CRS) -> Geometry? {
        let file = schema.file
        let expected = schema.geometryTypes.sorted().joined(separator: " or ")
        guard let shape = feature.geometry else {
            report(.error, file, index, feature, "geometry", "is null; expected \(expected)")
            return nil
        }
        guard schema.geometryTypes.contains(shape.typeName) else {
            report(.error, file, index, feature, "geometry", "is a \(shape.typeName); expected \(expected)")
            return nil
        }
        do {
            let asRead = try Geometry(shape, context: context)
            if try !asRead.isValid {
                report(.error, file, index, feature, "geometry", "is invalid: \(try asRead.validityReason) (GEOS); expected a valid \(shape.typeName)")
            }
            let bng = crs == .britishNationalGrid ? asRead : try toBNG.transform(asRead)
            if try !greatBritain.isWithinDistance(PortfolioValidator.coastTolerance, of: bng) {
                let km = try greatBritain.distance(to: bng) / 1000
                report(.error, file, index, feature, "geometry", String(format: "lies %.0f km outside Great Britain (in the sea?); expected coordinates in Great Britain", km))
            }
            return bng
        } catch {
            report(.error, file, index, feature, "geometry", "cannot be used: \(error)")
            return nil
        }
    }

    mutating func checkLayerRules(_ layer: LoadedLayer) {
        let file = layer.schema.file
        for (index, feature) in layer.features.enumerated() {
            let p = feature.properties
            switch file {
            case "sites.geojson":
                if let published = p["area_ha"]?.numberValue, Limits.areaHectares.contains(published), published > 0, let geometry = layer.bng[index], let area = try? geometry.area() {
                    let measured = area / 10_000
                    let difference = (measured - published) / published
                    if abs(difference) > PortfolioValidator.areaTolerance {
                        let surveyed = p["geometry_quality"]?.stringValue == "surveyed"
                        let text = String(format: "published %.2f ha but the polygon measures %.2f ha (%+.0f%%)", published, measured, difference * 100)
                        report(surveyed ? .error : .warning, file, index, feature, "area_ha",
                               text + (surveyed ? "; surveyed geometry must be within 10%" : "; indicative geometry, so reported only"))
                    }
                }
                if let available = p["available_area_ha"]?.numberValue, let total = p["area_ha"]?.numberValue, available > total {
                    report(.error, file, index, feature, "available_area_ha", "\(available) ha is more than the site's area_ha of \(total) ha; expected at most area_ha")
                }
            case "population.geojson":
                if let working = p["working_age_population"]?.numberValue, let total = p["population"]?.numberValue, working > total {
                    report(.error, file, index, feature, "working_age_population", "\(NumberRange.format(working)) is more than the population \(NumberRange.format(total)); expected at most population")
                }
                if p["use_in_catchment"]?.boolValue == true, p["population"]?.numberValue == nil {
                    report(.error, file, index, feature, "use_in_catchment", "is true but population is null; expected a population to count")
                }
                if p["working_age_population"]?.numberValue != nil, p["working_age_basis"]?.stringValue == nil {
                    report(.error, file, index, feature, "working_age_basis", "is null; say how working_age_population was obtained (published or modelled)")
                }
            case "zones.geojson":
                if p["zone_type"]?.stringValue == "grid_constraint", p["grid_constraint"]?.stringValue == nil {
                    report(.error, file, index, feature, "grid_constraint", "is null; a grid_constraint zone must say which constraint applies")
                }
            default:
                break
            }
        }
    }

    // MARK: - Across layers

    /// Every id of the layers a network node or corridor junction may refer to, with its geometry.
    func nodeIndex() -> [String: Geometry] {
        var index: [String: Geometry] = [:]
        for file in ["sites.geojson", "assets.geojson", "population.geojson"] {
            guard let layer = layers[file] else { continue }
            for (i, feature) in layer.features.enumerated() {
                if let id = feature.identifier, let g = layer.bng[i], index[id] == nil { index[id] = g }
            }
        }
        return index
    }

    /// Layers that could not be read, so checks that depend on them are skipped (once, with a note)
    /// rather than reporting every reference to them as broken.
    /// The connection queue, where the directory has one: readable, and useful only beside substations.
    mutating func checkGridQueue() {
        do {
            guard let path = try GridQueue.path(in: directory) else { return }
            let queue = try GridQueue.load(contentsOfFile: path)
            if layers[LayerSchema.substations.file] == nil {
                report(.note, queue.file, nil, nil, nil, "not used: without substations.geojson no site has a primary substation to look up in the queue")
            }
        } catch let SiteMatchError.input(problem) {
            report(.error, problem.source, nil, nil, nil, (problem.line.map { "line \($0): " } ?? "") + problem.message)
        } catch {
            report(.error, "connection queue", nil, nil, nil, "\(error)")
        }
    }

    mutating func skipBecauseUnreadable(_ file: String, needs dependencies: [String]) -> Bool {
        let unreadable = dependencies.filter { layers[$0] == nil }
        guard !unreadable.isEmpty else { return false }
        report(.warning, file, nil, nil, nil, "cross-layer checks skipped because \(unreadable.joined(separator: ", ")) could not be read")
        return true
    }

    mutating func checkCrossLayerReferences() {
        guard layers["corridors.geojson"] != nil, !skipBecauseUnreadable("corridors.geojson", needs: ["assets.geojson"]) else { return }
        if let corridors = layers["corridors.geojson"], let assets = layers["assets.geojson"] {
            let assetIDs = Set(assets.features.compactMap(\.identifier))
            for (index, feature) in corridors.features.enumerated() {
                for junction in feature.properties["junctions"]?.arrayValue?.compactMap(\.stringValue) ?? [] where !assetIDs.contains(junction) {
                    report(.error, "corridors.geojson", index, feature, "junctions", "'\(junction)' is not an id in assets.geojson; expected the id of a junction asset")
                }
            }
        }
    }

    mutating func checkNetwork() {
        guard let network = layers["network.geojson"],
              !skipBecauseUnreadable("network.geojson", needs: ["sites.geojson", "assets.geojson", "population.geojson"]) else { return }
        let file = network.schema.file
        let nodes = nodeIndex()
        var components = UnionFind()
        var edgeEnds: [(Int, String, String)] = []

        for (index, feature) in network.features.enumerated() {
            guard let from = feature.properties["from_node"]?.stringValue, let to = feature.properties["to_node"]?.stringValue else { continue }
            edgeEnds.append((index, from, to))
            components.union(from, to)
            guard let line = network.bng[index], case let .lineString(points)? = try? line.shape, let first = points.first, let last = points.last else { continue }
            for (field, id, end) in [("from_node", from, first), ("to_node", to, last)] {
                guard let node = nodes[id] else {
                    report(.error, file, index, feature, field, "'\(id)' is not an id in sites, assets or population; expected the feature this edge \(field == "from_node" ? "starts" : "ends") at")
                    continue
                }
                if let endPoint = try? Geometry(point: end, context: context), let gap = try? node.distance(to: endPoint), gap > PortfolioValidator.endpointTolerance {
                    report(.error, file, index, feature, field, String(format: "the line %@ %.0f m from '%@'; expected it within %.0f m", field == "from_node" ? "starts" : "ends", gap, id, PortfolioValidator.endpointTolerance))
                }
            }
            if let stated = feature.properties["length_m"]?.numberValue, let measured = try? line.length(), abs(measured - stated) > max(1, measured * 0.01) {
                report(.warning, file, index, feature, "length_m", String(format: "states %.0f m but the line measures %.0f m", stated, measured))
            }
        }

        // Connectivity: the largest connected part is the network; every edge must belong to it.
        var edgesPerComponent: [String: Int] = [:]
        for (_, from, _) in edgeEnds { edgesPerComponent[components.find(from), default: 0] += 1 }
        let main = edgesPerComponent.max { $0.value != $1.value ? $0.value < $1.value : $0.key > $1.key }?.key
        for (index, from, to) in edgeEnds where components.find(from) != main {
            let size = edgesPerComponent[components.find(from)] ?? 1
            let message = size == 1
                ? "connects to nothing: neither '\(from)' nor '\(to)' is an end of another edge; expected it to join the network"
                : "is in a part of the network (\(size) edges) not connected to the rest; expected one connected network"
            report(.error, file, index, network.features[index], "geometry", message)
        }

        // Reach: every site, asset and population point must be near an edge of the connected network.
        let mainEdges = network.bng.indices.filter { i in
            network.bng[i] != nil && edgeEnds.first(where: { $0.0 == i }).map { components.find($0.1) == main } == true
        }
        guard !mainEdges.isEmpty, let index = try? SpatialIndex(mainEdges.map { network.bng[$0]! }, context: context) else { return }
        for file in ["sites.geojson", "assets.geojson", "population.geojson"] {
            guard let layer = layers[file] else { continue }
            for (i, feature) in layer.features.enumerated() {
                guard let geometry = layer.bng[i], let nearest = try? index.nearest(to: geometry) else { continue }
                if nearest.distance > PortfolioValidator.maximumSnapDistance {
                    let edge = network.features[mainEdges[nearest.index]].identifier ?? "?"
                    report(.error, file, i, feature, "geometry", String(format: "is %.1f km from the road network (nearest edge %@); expected within %.0f km so that it reaches every other site, asset and population point", nearest.distance / 1000, edge, PortfolioValidator.maximumSnapDistance / 1000))
                }
            }
        }
    }
}

/// Disjoint sets over node ids, for network connectivity.
struct UnionFind {
    private var parent: [String: String] = [:]

    mutating func find(_ x: String) -> String {
        var root = x
        while let p = parent[root], p != root { root = p }
        var node = x
        while let p = parent[node], p != root { parent[node] = root; node = p }
        if parent[x] == nil { parent[x] = x }
        return root
    }

    mutating func union(_ a: String, _ b: String) {
        let ra = find(a), rb = find(b)
        if ra != rb { parent[max(ra, rb)] = min(ra, rb) }
    }
}
