import ArgumentParser
import Foundation
import SiteMatchApp
import SiteMatchData
import SiteMatchGeometry

/// `sitematch`: the command-line front end. Commands parse arguments, call a use case of the app
/// layer (SiteMatchApp) and render its report as text, CSV or JSON.
///
/// Exit codes (``SiteMatchError``): 0 success, 1 bad input data or an unknown id, 2 usage error, 3 a bug.
@main
struct SiteMatchCommand: AsyncParsableCommand {
    static let version = SiteMatchRelease.version

    static let configuration = CommandConfiguration(
        commandName: "sitematch",
        abstract: "Match sites in Stoke-on-Trent and Staffordshire to the Innovation Framework's archetypes.",
        discussion: """
        Data goes to stdout; messages go to stderr. Exit codes: 0 success, 1 bad input data, 2 usage error.

        Examples:
          sitematch match
          sitematch sites
          sitematch explain kusip --archetype materials_rd
          sitematch inspect GeoData/sites.geojson
          sitematch inspect --format json GeoData/sites.geojson
          cat my-sites.geojson | sitematch inspect -
          sitematch validate
          sitematch serve                   # the JSON API and the enquiry log (see 'sitematch serve --help')
        """,
        version: "sitematch \(version) (GEOS \(GEOSContext.geosVersion), PROJ \(CoordinateTransformer.projVersion))",
        subcommands: [SitesCommand.self, InspectCommand.self, ImportCommand.self, ValidateCommand.self, TravelTimesCommand.self, IsochroneCommand.self, CatchmentCommand.self, ScenarioDiffCommand.self, MatchCommand.self, ExplainCommand.self, MatrixCommand.self, EnquiryCommand.self, ExportCommand.self, StabilityCommand.self, AHPCommand.self, ReportCommand.self, ServeCommand.self, TokensCommand.self, EnquiriesCommand.self]
    )

    /// Runs the command, mapping errors to the documented exit codes.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asynchronous = command as? any AsyncParsableCommand {
                try await asynchronous.run()
            } else {
                try command.run()
            }
        } catch let code as ExitCode {
            // A command that has already printed its report and only sets the status (e.g. validate).
            Foundation.exit(code.rawValue)
        } catch let error as SiteMatchError {
            fail(error)
        } catch {
            let code = exitCode(for: error)
            // ArgumentParser gives every error it does not know (ours, the libraries') a plain failure.
            if code == .failure { fail(SiteMatchError.classify(error)) }
            if code == .success {
                // --help and --version.
                print(fullMessage(for: error))
                Foundation.exit(0)
            }
            // Usage errors: ArgumentParser's message already ends by pointing at --help.
            writeToStandardError(fullMessage(for: error) + "\n")
            Foundation.exit(code == .validationFailure ? 2 : code.rawValue)
        }
    }
}

/// Reports one of SiteMatch's own errors and exits with its kind's status. Usage errors point at --help.
func fail(_ error: SiteMatchError) -> Never {
    if case .usage = error {
        writeToStandardError("Error: \(error)\nUsage: see 'sitematch --help' (or 'sitematch COMMAND --help').\n")
    } else {
        writeToStandardError("sitematch: error: \(error)\n")
    }
    Foundation.exit(error.exitCode)
}

/// Writes talk (progress, errors) to stderr, keeping stdout for data.
func writeToStandardError(_ text: String) {
    FileHandle.standardError.write(Data(text.utf8))
}
