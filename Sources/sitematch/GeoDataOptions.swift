import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchData

/// Options shared by commands that work on a GeoData directory.
struct GeoDataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The GeoData directory (default: the shipped GeoData).", valueName: "dir"))
    var geodata: String?

    @Flag(name: [.short, .long], help: "Print no progress messages on stderr.")
    var quiet = false

    @OptionGroup(title: "Your own sites") var sites: SiteLayerOptions

    @Option(help: ArgumentHelp("A real road network instead of the modelled one: OS Open Roads (a GeoPackage with road_link and road_node) or an OpenStreetMap extract (.osm, .osm.pbf).", valueName: "file"))
    var network: String?

    func progress(_ message: String) {
        if !quiet { writeToStandardError(message + "\n") }
    }

    /// Loads (after validating) the workspace: portfolio, catalogue, profiles, indicators, provenance,
    /// and the imported matrix if one is given.
    func workspace(_ matrix: MatrixOptions? = nil, ahp: String? = nil) throws -> Workspace {
        let times = matrix?.matrix.map { "imported from \($0) where it has the pair, else modelled" } ?? "modelled"
        progress("Loading \(geodata ?? GeoDataDirectory.shipped() ?? "GeoData"), measuring indicators (drive times \(times)) …")
        let workspace = try Workspace.load(directory: geodata, matrix: matrix?.matrix, matrixColumns: try matrix?.columns() ?? .longForm, ahp: ahp,
                                           sites: try sites.source(), network: network.map(RoadNetworkSource.init(path:)))
        if ahp != nil { progress("Weights: \(workspace.weightsSource)") }
        if let imported = workspace.siteImport {
            progress("Sites: \(workspace.portfolio.sites.count) from \(imported.source)")
            for unknown in imported.unknowns { progress("  \(unknown)") }
        }
        if let roads = workspace.networkImport {
            progress("Roads: \(roads.summary) (drive times modelled on it with profiles.yaml's speeds)")
            for note in roads.notes { progress("  \(note)") }
        }
        return workspace
    }
}

/// `--matrix FILE` (and how to read it) for commands whose answers use drive times.
struct MatrixOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Imported drive times (CSV) that take precedence over the model for every pair they cover: from_id,to_id,mode,minutes; r5py's from_id,to_id,travel_time; or any columns named with --matrix-columns.", valueName: "file"))
    var matrix: String?

    @Option(help: ArgumentHelp("Which columns hold what, e.g. from=origin,to=destination,minutes=time (add mode=… or give --matrix-mode).", valueName: "spec"))
    var matrixColumns: String?

    @Option(help: ArgumentHelp("The mode of every row of a matrix without a mode column (r5py's), e.g. car.", valueName: "mode"))
    var matrixMode: String?

    func columns() throws -> MatrixColumns {
        if let matrixColumns { return try MatrixColumns.parse(matrixColumns, fixedMode: matrixMode) }
        return MatrixColumns(fixedMode: matrixMode)
    }
}

/// `-o/--output` and `--overwrite` for commands that write a file (stdout without -o).
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Replace the output file if it exists.")
    var overwrite = false

    /// Writes `text` to the output file, or to stdout without -o or with `-o -`.
    func emit(_ text: String) throws {
        if let output, output != "-" {
            try OutputFile.write(text, to: output, overwrite: overwrite)
        } else {
            print(text, terminator: "")
        }
    }

    func validate() throws {
        if let output, output != "-" { try validating { try OutputFile.checkReplaceable(output, overwrite: overwrite) } }
    }
}

/// Options shared by the matching commands.
struct MatchingOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: ArgumentHelp("Weight of the Framework's location-type prior, 0…1 (default from drivers.yaml; 0 = measured drivers only).", valueName: "w"))
    var priorWeight: Double?

    @Option(help: ArgumentHelp("AHP pairwise judgements (YAML; see 'sitematch ahp --help') whose weights replace drivers.yaml's for the archetypes they list.", valueName: "file"))
    var ahp: String?
}

/// `--scenario FILE` and `--profile` for commands that use the road-network model.
struct ModelOptions: ParsableArguments {
    @Option(help: "Speed profile from profiles.yaml: car or hgv.")
    var profile = "car"

    @Option(help: ArgumentHelp("An infrastructure scenario (YAML) applied to the road-network model.", valueName: "file"))
    var scenario: String?

    var choice: ModelChoice { ModelChoice(profile: profile, scenarioFile: scenario) }
}

/// Budgets in minutes, e.g. "15,30,45": numbers here; their range is the app layer's to check.
struct MinuteBudgets: ExpressibleByArgument {
    var values: [Double]
    init?(argument: String) {
        let parsed = argument.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
        guard !parsed.isEmpty, parsed.allSatisfy({ $0 != nil }) else { return nil }
        values = parsed.map { $0! }
    }

    /// Shown in --help as a user would type it.
    var defaultValueDescription: String {
        values.map { $0 == $0.rounded() && abs($0) < 1e9 ? String(Int($0)) : String($0) }.joined(separator: ",")
    }
}

func fixed(_ value: Double, _ decimals: Int = 1) -> String { String(format: "%.\(decimals)f", value) }

/// Runs one of the libraries' checks inside ArgumentParser's `validate()`, so its refusal is reported
/// as a usage error with the command's usage line (ArgumentParser wraps other errors thrown there).
func validating(_ check: () throws -> Void) throws {
    do { try check() } catch let error as SiteMatchError { throw ValidationError(error.description) }
}

/// `--sites FILE` and how to read it: a planner's own site layer in any format GDAL reads.
struct SiteLayerOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Your own sites instead of the GeoData's: GeoPackage, Shapefile, FlatGeobuf, KML, GML, GeoJSON or CSV (polygons).", valueName: "file"))
    var sites: String?

    @Option(help: ArgumentHelp("The layer to read from a file with several (a GeoPackage).", valueName: "name"))
    var sitesLayer: String?

    @Option(help: ArgumentHelp("The CRS of a layer that has none (a CSV, a Shapefile without .prj), e.g. EPSG:27700 or EPSG:4326.", valueName: "crs"))
    var srs: String?

    @Option(help: ArgumentHelp("A CSV's easting or longitude column (sites as points with an area).", valueName: "field"))
    var xField: String?

    @Option(help: ArgumentHelp("A CSV's northing or latitude column.", valueName: "field"))
    var yField: String?

    @Option(help: ArgumentHelp("The field holding each site's id.", valueName: "field"))
    var idField = "id"

    @Option(help: ArgumentHelp("The field holding each site's name.", valueName: "field"))
    var nameField = "name"

    @Option(help: ArgumentHelp("Which fields hold area, location type, status and district (YAML; see the README).", valueName: "file"))
    var siteFields: String?

    func source() throws -> SiteLayerSource? {
        guard let sites else {
            if sitesLayer != nil || srs != nil || siteFields != nil || xField != nil || yField != nil {
                throw SiteMatchError.usage("--sites-layer, --srs, --x-field, --y-field and --site-fields describe --sites FILE; give --sites too")
            }
            return nil
        }
        let mapping = try siteFields.map { try StrictYAML.decode(SiteFieldMapping.self, contentsOfFile: $0) } ?? SiteFieldMapping()
        return SiteLayerSource(path: sites, read: VectorReadOptions(layer: sitesLayer, srs: srs, xField: xField, yField: yField), idField: idField, nameField: nameField, mapping: mapping)
    }
}
