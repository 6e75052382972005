import ArgumentParser
import Foundation
import SiteMatchData
import SiteMatchGeometry

/// Options shared by commands that work on a GeoData directory.
struct GeoDataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The GeoData directory (default: the shipped GeoData).", valueName: "dir"))
    var geodata: String?

    @Flag(name: [.short, .long], help: "Print no progress messages on stderr.")
    var quiet = false

    func directory() throws -> String {
        guard let directory = geodata ?? GeoDataDirectory.shipped() else {
            throw ValidationError("cannot find the shipped GeoData; give --geodata DIR, or set SITEMATCH_GEODATA")
        }
        return directory
    }

    func progress(_ message: String) {
        if !quiet { writeToStandardError(message + "\n") }
    }

    /// Loads (after validating) the portfolio and its speed profiles.
    /// Loads and validates the portfolio, and the speed profile `profileName` from profiles.yaml.
    func loadPortfolio(context: GEOSContext, profile profileName: String) throws -> (Portfolio, SpeedProfile) {
        let directory = try directory()
        progress("Loading and validating \(directory) …")
        let portfolio = try PortfolioLoader.load(directory: directory, context: context)
        let profiles = try SpeedProfileLoader.load(contentsOfFile: (directory as NSString).appendingPathComponent("profiles.yaml"))
        guard let profile = profiles[profileName] else {
            throw ValidationError("unknown profile '\(profileName)'; profiles.yaml defines \(profiles.keys.sorted().joined(separator: ", "))")
        }
        return (portfolio, profile)
    }
}

/// `-o/--output` and `--overwrite` for commands that write a file (stdout without -o).
struct OutputOptions: ParsableArguments {
    @Option(name: [.short, .long], help: ArgumentHelp("Write to this file instead of standard output.", valueName: "file"))
    var output: String?

    @Flag(name: .long, help: "Replace the output file if it exists.")
    var overwrite = false

    func emit(_ text: String) throws {
        if let output {
            try OutputFile.write(text, to: output, overwrite: overwrite)
        } else {
            print(text, terminator: "")
        }
    }

    func validate() throws {
        if let output, FileManager.default.fileExists(atPath: output), !overwrite {
            throw ValidationError("\(output) already exists; use --overwrite to replace it")
        }
    }
}
