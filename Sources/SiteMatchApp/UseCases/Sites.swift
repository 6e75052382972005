import Foundation
import SiteMatchData

/// `sites`: the portfolio's sites, so nobody needs to open the GeoJSON to find an id.
/// Report: ``SitesReport``; schema `docs/schema/sites.schema.json`.
public struct SitesReport: Hashable, Sendable, Codable {
    public struct Entry: Hashable, Sendable, Codable {
        public var id: String
        public var name: String
        /// The Framework's location type: A, B, C, D or H.
        public var locationType: String
        public var district: String
        /// Published site area (ha); absent where none is published.
        public var areaHa: Double?
        /// Published available or net area (ha); absent where none is published.
        public var availableAreaHa: Double?
        /// available, under_development, fully_occupied or proposed; absent where unknown.
        public var status: String?
        /// surveyed or indicative.
        public var geometryQuality: String
    }

    public var data: String
    public var sites: [Entry]
}

extension Workspace {
    /// Every site in portfolio order.
    public func sites() -> SitesReport {
        SitesReport(data: provenance.label, sites: portfolio.sites.map {
            .init(id: $0.id, name: $0.name, locationType: $0.locationType, district: $0.district, areaHa: $0.areaHectares,
                  availableAreaHa: $0.availableAreaHectares, status: $0.status, geometryQuality: $0.geometryQuality)
        })
    }
}
