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
        """,
        subcommands: [Generate.self, Score.self]
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

        func run() throws {
            let scoresPath = (output as NSString).appendingPathComponent("scores.csv")
            let topPath = (output as NSString).appendingPathComponent("top20.csv")
            // Refuse before any work rather than after it.
            for path in [scoresPath, topPath] where !overwrite && FileManager.default.fileExists(atPath: path) {
                throw OutputFile.ExistsError(path: path)
            }
            let clock = ContinuousClock()
            let start = clock.now
            var inputs: Workload.Inputs? = try WorkloadInput.read(directory: input)
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

/// Reads and checks the five input files through the project's GeoJSON reader.
enum WorkloadInput {
    struct Problem: Error, Equatable, CustomStringConvertible { var description: String }

    static func read(directory: String) throws -> Workload.Inputs {
        /// Streams one layer's features to `each`, then checks its CRS.
        func stream(_ name: String, _ each: (Int, Feature) throws -> Void) throws {
            let path = (directory as NSString).appendingPathComponent(name)
            guard FileManager.default.fileExists(atPath: path) else { throw Problem(description: "\(path): missing; the workload needs \(name) in \(directory)") }
            let collection = try GeoJSONReader.read(contentsOfFile: path, eachFeature: each)
            guard collection.crs == .britishNationalGrid else { throw Problem(description: "\(path): \(collection.crsReason); the workload's inputs are EPSG:27700") }
        }
        func layer(_ name: String) throws -> [Feature] {
            var features: [Feature] = []
            try stream(name) { features.append($1) }
            return features
        }
        func problem(_ file: String, _ index: Int, _ message: String) -> Problem { Problem(description: "\(file): feature #\(index): \(message)") }
        // Parcels stream into one flat buffer: no array per parcel is ever held.
        var parcels = PolygonBuffer()
        try stream("parcels.geojson") { i, f in
            guard case let .polygon(rings)? = f.geometry else { throw problem("parcels.geojson", i, "geometry: is a \(f.geometry?.typeName ?? "null"); expected Polygon") }
            guard f.properties["id"]?.numberValue == Double(i) else { throw problem("parcels.geojson", i, "id: expected \(i) (ids run 0..N-1 in order)") }
            parcels.append(rings)
        }
        let assets = try layer("assets.geojson").enumerated().map { i, f -> (category: String, location: Coordinate) in
            guard case let .point(c)? = f.geometry else { throw problem("assets.geojson", i, "geometry: expected Point") }
            guard let category = f.properties["category"]?.stringValue, Workload.categories.contains(category) else {
                throw problem("assets.geojson", i, "category: expected one of \(Workload.categories.joined(separator: ", "))")
            }
            return (category, c)
        }
        let corridors = try layer("corridors.geojson").enumerated().map { i, f -> Shape in
            guard case .lineString? = f.geometry else { throw problem("corridors.geojson", i, "geometry: expected LineString") }
            return f.geometry!
        }
        let population = try layer("population.geojson").enumerated().map { i, f -> (location: Coordinate, pop: Int) in
            guard case let .point(c)? = f.geometry else { throw problem("population.geojson", i, "geometry: expected Point") }
            guard let pop = f.properties["pop"]?.numberValue, pop == pop.rounded() else { throw problem("population.geojson", i, "pop: expected an integer") }
            guard pop >= 0 else { throw problem("population.geojson", i, "pop: \(Int(pop)) is negative; expected a population ≥ 0") }
            return (c, Int(pop))
        }
        let zones = try layer("zones.geojson").enumerated().map { i, f -> Shape in
            guard case .polygon? = f.geometry else { throw problem("zones.geojson", i, "geometry: expected Polygon") }
            return f.geometry!
        }
        return Workload.Inputs(parcels: parcels, assets: assets, corridors: corridors, population: population, zones: zones)
    }
}
