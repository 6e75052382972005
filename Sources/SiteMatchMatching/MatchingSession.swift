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

    /// Measures every site's indicators on already-loaded parts (the app layer's `Workspace` loads them).
    /// `dataLabel` names the data and its date in every indicator's source, e.g. "GeoData 2026-11-21".
    /// `imported` drive times are used for every pair they cover (the model for the rest).
    public init(portfolio: Portfolio, catalogue: Catalogue, model: TravelTimeModel, imported: TravelTimeMatrix? = nil, dataLabel: String, context: GEOSContext) throws {
        self.portfolio = portfolio
        self.catalogue = catalogue
        self.model = model
        // Measured on every core (each worker has its own GEOS context); `context` is not shared with them.
        self.indicators = try IndicatorMeasurer.measureAll(portfolio: portfolio, model: model, imported: imported, dataLabel: dataLabel)
    }

    /// Loads `directory` (car profile) and measures it: a convenience for tests and library users.
    public init(directory: String, context: GEOSContext, profile: String = "car", dataLabel: String = "GeoData") throws {
        let portfolio = try PortfolioLoader.load(directory: directory, context: context)
        let catalogue = try CatalogueLoader.load(directory: directory, indicators: IndicatorMeasurer.ids)
        let profiles = try SpeedProfileLoader.load(contentsOfFile: (directory as NSString).appendingPathComponent("profiles.yaml"))
        guard let speeds = profiles[profile] else { throw SiteMatchError.notFound("profile", id: profile, among: profiles.keys) }
        try self.init(portfolio: portfolio, catalogue: catalogue, model: TravelTimeModel(portfolio: portfolio, profile: speeds, context: context),
                      dataLabel: dataLabel, context: context)
    }

    public func site(_ id: String) -> Site? { portfolio.sites.first { $0.id == id } }
}

import Foundation
