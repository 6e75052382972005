import ArgumentParser
import SiteMatchAccessibility
import SiteMatchData
import SiteMatchGeometry

/// `--scenario FILE` for commands that use the road-network model.
struct ScenarioOption: ParsableArguments {
    @Option(help: ArgumentHelp("An infrastructure scenario (YAML) applied to the road-network model.", valueName: "file"))
    var scenario: String?

    var name: String? { scenario }

    func model(portfolio: Portfolio, profile: SpeedProfile, context: GEOSContext) throws -> TravelTimeModel {
        guard let scenario else { return try TravelTimeModel(portfolio: portfolio, profile: profile, context: context) }
        return try TravelTimeModel(portfolio: portfolio, profile: profile, scenario: NetworkScenarioLoader.load(contentsOfFile: scenario), context: context)
    }
}
