import SiteMatchAccessibility
import SiteMatchData
import SiteMatchGeometry

/// Everything a matching run needs, loaded once: the validated portfolio, the catalogue, the
/// travel-time model (car profile) and every site's indicators.
public struct MatchingSession: Sendable {
    public let portfolio: Portfolio
    public let catalogue: Catalogue
    public let model: TravelTimeModel
    public let indicators: [String: SiteIndicators]

    public init(directory: String, context: GEOSContext, profile: String = "car") throws {
        let portfolio = try PortfolioLoader.load(directory: directory, context: context)
        let catalogue = try CatalogueLoader.load(directory: directory, indicators: IndicatorMeasurer.ids)
        let profiles = try SpeedProfileLoader.load(contentsOfFile: (directory as NSString).appendingPathComponent("profiles.yaml"))
        guard let speeds = profiles[profile] else {
            throw InputFileError(file: "profiles.yaml", field: profile, message: "no such profile; expected one of \(profiles.keys.sorted().joined(separator: ", "))")
        }
        let model = try TravelTimeModel(portfolio: portfolio, profile: speeds, context: context)
        self.portfolio = portfolio
        self.catalogue = catalogue
        self.model = model
        self.indicators = try IndicatorMeasurer(portfolio: portfolio, model: model, context: context).measureAll()
    }

    public func site(_ id: String) -> Site? { portfolio.sites.first { $0.id == id } }
}

import Foundation
