import ArgumentParser
import Foundation
import SiteMatchGeometry

/// `sitematch`: the command-line front end. Commands parse arguments and print; the work is done
/// by the SiteMatchData and SiteMatchGeometry libraries.
///
/// Exit codes: 0 success, 1 bad input data, 2 usage error; anything else is a bug.
@main
struct SiteMatchCommand: ParsableCommand {
    static let version = "0.1.0"

    static let configuration = CommandConfiguration(
        commandName: "sitematch",
        abstract: "Match sites in Stoke-on-Trent and Staffordshire to the Innovation Framework's archetypes.",
        discussion: """
        Data goes to stdout; messages go to stderr. Exit codes: 0 success, 1 bad input data, 2 usage error.

        Examples:
          sitematch inspect GeoData/sites.geojson
          sitematch inspect --format json GeoData/sites.geojson
          cat my-sites.geojson | sitematch inspect -
          sitematch validate
        """,
        version: "sitematch \(version) (GEOS \(GEOSContext.geosVersion), PROJ \(CoordinateTransformer.projVersion))",
        subcommands: [InspectCommand.self, ValidateCommand.self, TravelTimesCommand.self, IsochroneCommand.self, CatchmentCommand.self, ScenarioDiffCommand.self, MatchCommand.self, ExplainCommand.self, MatrixCommand.self, EnquiryCommand.self, ExportCommand.self]
    )

    /// Runs the command, mapping errors to the documented exit codes.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let code as ExitCode {
            // A command that has already printed its report and only sets the status (e.g. validate).
            Foundation.exit(code.rawValue)
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                // --help and --version.
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            if code == .failure {
                // Our own errors: bad input data, named by file, feature and field.
                writeToStandardError("sitematch: error: \(error)\n")
                Foundation.exit(1)
            }
            // Usage errors: ArgumentParser's message already ends by pointing at --help.
            writeToStandardError(fullMessage(for: error) + "\n")
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// Writes talk (progress, errors) to stderr, keeping stdout for data.
func writeToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
