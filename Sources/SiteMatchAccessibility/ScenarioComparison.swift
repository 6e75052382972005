import SiteMatchData

/// How one site's accessibility changes under a scenario.
public struct ScenarioSiteChange: Hashable, Sendable {
    public var siteID: String
    /// Minutes to the nearest M6 junction, before and after (nil: unreachable).
    public var m6Before: Double?, m6After: Double?
    /// Minutes to the nearest university, before and after.
    public var universityBefore: Double?, universityAfter: Double?
    /// Population within 30 and 45 minutes, before and after.
    public var catchment30Before: Int, catchment30After: Int
    public var catchment45Before: Int, catchment45After: Int
}

public enum ScenarioComparison {
    /// Minutes to the nearest destination among `ids`, given a site's node times.
    static func nearest(_ ids: [String], model: TravelTimeModel, times: [Double]?) -> Double? {
        guard let times else { return nil }
        return ids.compactMap { model.minutes(to: $0, given: times) }.min()
    }

    /// Per site: drive time to the M6 and to the nearest university, and 30/45-minute catchments,
    /// under the baseline and the scenario model (same profile).
    public static func compare(portfolio: Portfolio, baseline: TravelTimeModel, scenario: TravelTimeModel) -> [ScenarioSiteChange] {
        let m6 = portfolio.assets.filter { $0.category == "motorway_junction" && $0.properties["road"]?.stringValue == "M6" }.map(\.id)
        let universities = portfolio.assets.filter { $0.category == "university" }.map(\.id)
        return portfolio.sites.map { site in
            let before = baseline.nodeTimes(fromSite: site.id), after = scenario.nodeTimes(fromSite: site.id)
            let c0 = before.map { CatchmentBuilder.catchments(siteID: site.id, budgets: [30, 45], model: baseline, portfolio: portfolio, times: $0) } ?? []
            let c1 = after.map { CatchmentBuilder.catchments(siteID: site.id, budgets: [30, 45], model: scenario, portfolio: portfolio, times: $0) } ?? []
            return ScenarioSiteChange(
                siteID: site.id,
                m6Before: nearest(m6, model: baseline, times: before), m6After: nearest(m6, model: scenario, times: after),
                universityBefore: nearest(universities, model: baseline, times: before), universityAfter: nearest(universities, model: scenario, times: after),
                catchment30Before: c0.first?.population ?? 0, catchment30After: c1.first?.population ?? 0,
                catchment45Before: c0.last?.population ?? 0, catchment45After: c1.last?.population ?? 0)
        }
    }
}
