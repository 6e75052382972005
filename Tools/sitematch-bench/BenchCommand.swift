import ArgumentParser
import Foundation
import SiteMatchData
import SiteMatchGeometry

/// `sitematch-bench`: the portfolio-scoring benchmark of WORKLOAD.md.
@main
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitematch-bench",
        abstract: "Generate and run the portfolio-scoring benchmark (Tools/sitematch-bench/WORKLOAD.md).",
        discussion: """
        Examples:
          sitematch-bench generate --n 100000 --seed 42 -o /tmp/bench-100k
          sitematch-bench score /tmp/bench-100k -o /tmp/bench-100k-out --workers 2
          sitematch-bench stability GeoData --copies 34 --draws 1000
          sitematch-bench enquiry GeoData --enquiry GeoData/enquiries/ceramics-scale-up.yaml
        """,
        subcommands: [Generate.self, Score.self, StabilityBench.self, EnquiryBench.self]
    )

    struct Generate: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write parcels, assets, corridors, population and zones (EPSG:27700 GeoJSON).")
        @Option(help: "Number of parcels.") var n: Int
        @Option(help: "Random seed.") var seed: UInt64 = 1
        @Option(name: [.short, .long], help: "Output directory.") var output: String

        func validate() throws { if n < 1 { throw ValidationError("--n must be at least 1") } }

        func run() throws {
            try Generator.generate(n: n, seed: seed, directory: output, context: GEOSContext())
        }
    }

    struct Score: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compute the 8 drivers and 17 scores; write scores.csv and top20.csv.")
        @Argument(help: "The input directory.") var input: String
        @Option(name: [.short, .long], help: "Output directory.") var output: String
        @Option(help: "Worker threads (default: all cores).") var workers = ParallelWorkers.defaultCount
        @Flag(help: "Replace existing output files.") var overwrite = false
        @Option(help: ArgumentHelp("Read the parcels from this file instead of INPUT/parcels.geojson: a FlatGeobuf or GeoPackage made with ogr2ogr (read through GDAL, one thread); ids must still run 0..N-1 in order.", valueName: "file"))
        var parcels: String?

        func run() throws {
            let scoresPath = (output as NSString).appendingPathComponent("scores.csv")
            let topPath = (output as NSString).appendingPathComponent("top20.csv")
            // Refuse before any work rather than after it.
            for path in [scoresPath, topPath] where !overwrite && FileManager.default.fileExists(atPath: path) {
                throw OutputFile.exists(path)
            }
            let clock = ContinuousClock()
            let start = clock.now
            var inputs: Workload.Inputs? = try WorkloadInput.read(directory: input, threads: workers, parcelsFile: parcels)
            let parcelCount = inputs!.parcels.count
            let read = clock.now
            let drivers = try Workload.compute(inputs!, workers: workers)
            inputs = nil  // the parcels' coordinates are not needed to write
            let computed = clock.now
            try FileManager.default.createDirectory(atPath: output, withIntermediateDirectories: true)
            var top = TopScores()
            try OutputFile.stream(to: scoresPath, overwrite: overwrite) { write in
                top = try WorkloadOutput.streamScores(drivers, workers: workers, write: write)
            }
            try OutputFile.write(Data(WorkloadOutput.top20(top)), to: topPath, overwrite: overwrite)
            let end = clock.now
            func s(_ d: Duration) -> String { String(format: "%.3f", Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18) }
            FileHandle.standardError.write(Data("parcels \(parcelCount) workers \(workers): read \(s(read - start)) s, compute \(s(computed - read)) s, write \(s(end - computed)) s, total \(s(end - start)) s\n".utf8))
        }
    }
}

/// Reads and checks the five input files through the project's GeoJSON reader. Problems with a
/// feature are ``GeoJSONError``s naming the file, the feature (index and id) and the field.
enum WorkloadInput {
    struct Problem: Error, Equatable, CustomStringConvertible { var description: String }

    /// One reading thread's share of the parcels: their polygons, and the id of the first (ids run
    /// 0..N-1 in file order, which is checked once the stretches' places in the file are known).
    struct ParcelStretch: Sendable {
        var polygons = PolygonBuffer()
        var firstID: Int?
    }

    static func requireBNG(_ collection: FeatureCollection, _ path: String) throws {
        guard collection.crs == .britishNationalGrid else { throw Problem(description: "\(path): \(collection.crsReason); the workload's inputs are EPSG:27700") }
    }

    @Sendable static func wrongGeometry(_ f: Feature, expected type: String) -> GeoJSONReader.FeatureProblem {
        GeoJSONReader.FeatureProblem(field: "geometry", "is a \(f.geometry?.typeName ?? "null"); expected \(type)")
    }

    /// Reads the inputs; parcels.geojson is parsed on up to `threads` threads, or the parcels are read
    /// from `parcelsFile` (any OGR format) through GDAL.
    static func read(directory: String, threads: Int = 1, parcelsFile: String? = nil) throws -> Workload.Inputs {
        typealias FeatureProblem = GeoJSONReader.FeatureProblem
        func path(_ name: String) throws -> String {
            let path = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else { throw Problem(description: "\(path): missing; the workload needs \(name) in \(directory)") }
            return path
        }
        /// Every feature of a small layer, through `convert` (which throws a FeatureProblem for a bad one).
        func layer<T>(_ name: String, _ convert: (Feature) throws -> T) throws -> [T] {
            let path = try path(name)
            var items: [T] = []
            try requireBNG(GeoJSONReader.read(contentsOfFile: path) { _, feature in items.append(try convert(feature)) }, path)
            return items
        }
        func point(_ f: Feature) throws -> Coordinate {
            guard case let .point(c)? = f.geometry else { throw wrongGeometry(f, expected: "Point") }
            return c
        }

        let parcels = try parcelsFile.map(readParcels(ogrFile:)) ?? readParcelsGeoJSON(try path("parcels.geojson"), threads: threads)
        let assets = try layer("assets.geojson") { f -> (category: String, location: Coordinate) in
            let location = try point(f)
            guard let category = f.properties["category"]?.stringValue, Workload.categories.contains(category) else {
                throw FeatureProblem(field: "category", "expected one of \(Workload.categories.joined(separator: ", "))")
            }
            return (category, location)
        }
        let corridors = try layer("corridors.geojson") { f -> Shape in
            guard let shape = f.geometry, case .lineString = shape else { throw wrongGeometry(f, expected: "LineString") }
            return shape
        }
        let population = try layer("population.geojson") { f -> (location: Coordinate, pop: Int) in
            let location = try point(f)
            guard let pop = f.properties["pop"]?.numberValue, pop == pop.rounded(), abs(pop) < 1e15 else { throw FeatureProblem(field: "pop", "expected an integer") }
            guard pop >= 0 else { throw FeatureProblem(field: "pop", "\(Int(pop)) is negative; expected a population ≥ 0") }
            return (location, Int(pop))
        }
        let zones = try layer("zones.geojson") { f -> Shape in
            guard let shape = f.geometry, case .polygon = shape else { throw wrongGeometry(f, expected: "Polygon") }
            return shape
        }
        return Workload.Inputs(parcels: parcels, assets: assets, corridors: corridors, population: population, zones: zones)
    }

    /// The parcels from any OGR layer (FlatGeobuf, GeoPackage …) through ``VectorLayerReader``, one
    /// feature at a time: polygons in EPSG:27700 whose ids (an `id` field, else the feature id a
    /// GeoPackage keeps) are 0..N-1 in any order — ogr2ogr's FlatGeobuf is in spatial-index order —
    /// put back in id order.
    static func readParcels(ogrFile path: String) throws -> PolygonBuffer {
        var read = PolygonBuffer()
        var ids: [Int] = []
        let layer = try VectorLayerReader.read(path: path, context: GEOSContext()) { feature in
            func problem(_ field: String, _ message: String) -> Problem {
                Problem(description: "\(path): feature #\(feature.index): \(field) \(message)")
            }
            guard case let .polygon(rings)? = feature.geometry else { throw problem("geometry", "is a \(feature.geometry?.typeName ?? "null"); expected Polygon") }
            guard let id = feature.properties["id"]?.numberValue ?? feature.fid.map(Double.init), id == id.rounded(), (0..<1e15).contains(id) else {
                throw problem("id", "\(feature.properties["id"].map { "\($0)" } ?? "missing"): expected an integer id (ids run 0..N-1)")
            }
            ids.append(Int(id))
            read.append(rings)
        }
        guard layer.sourceCRS == "EPSG:27700" else { throw Problem(description: "\(path): in \(layer.sourceCRS); the workload's inputs are EPSG:27700") }
        var position = [Int](repeating: -1, count: ids.count)
        for (i, id) in ids.enumerated() {
            guard id < ids.count, position[id] < 0 else { throw Problem(description: "\(path): feature #\(i): id \(id) \(id < ids.count ? "is repeated" : "is out of range"); ids run 0..\(ids.count - 1)") }
            position[id] = i
        }
        if position.elementsEqual(0..<ids.count) { return read }
        var parcels = PolygonBuffer()
        for i in position { parcels.append(read.rings(of: i).map(Array.init)) }
        return parcels
    }

    /// parcels.geojson through the project's streaming GeoJSON reader on up to `threads` threads.
    static func readParcelsGeoJSON(_ parcelsPath: String, threads: Int) throws -> PolygonBuffer {
        typealias FeatureProblem = GeoJSONReader.FeatureProblem
        let (parcelCollection, stretches) = try GeoJSONReader.read(contentsOfFile: parcelsPath, threads: threads, makePart: { ParcelStretch() }) { part, f in
            guard case let .polygon(rings)? = f.geometry else { throw wrongGeometry(f, expected: "Polygon") }
            guard let number = f.properties["id"]?.numberValue, number == number.rounded(), (0..<1e15).contains(number) else {
                throw FeatureProblem(field: "id", "expected an integer id (ids run 0..N-1 in order)")
            }
            let id = Int(number), expected = (part.firstID ?? id) + part.polygons.count
            guard id == expected else { throw FeatureProblem(field: "id", "\(id): expected \(expected) (ids run 0..N-1 in order)") }
            if part.firstID == nil { part.firstID = id }
            part.polygons.append(rings)
        }
        try requireBNG(parcelCollection, parcelsPath)
        var parcels = PolygonBuffer()
        for stretch in stretches {
            guard stretch.part.firstID == stretch.firstIndex else {
                throw GeoJSONError(source: parcelsPath, featureIndex: stretch.firstIndex, featureID: stretch.part.firstID.map(String.init), field: "id",
                                   message: "\(stretch.part.firstID.map(String.init) ?? "missing"): expected \(stretch.firstIndex) (ids run 0..N-1 in order)")
            }
            parcels.append(contentsOf: stretch.part.polygons)
        }
        return parcels
    }
}
