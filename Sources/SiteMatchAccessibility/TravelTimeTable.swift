import SiteMatchData

/// One row of the sites × destinations travel-time table.
public struct TravelTimeRow: Hashable, Sendable {
    public var from: String
    public var to: String
    public var mode: String
    public var minutes: Double
    /// "modelled" (the road-network model) or "imported:FILE" (a user's matrix).
    public var source: String
    /// For modelled rows: the off-network legs (m) at each end — the site's nearest join to the
    /// network and the destination's — so a user can see how each place was attached.
    public var fromSnapMetres: Double? = nil
    public var toSnapMetres: Double? = nil
}

public enum TravelTimeTable {
    /// Every site × destination (assets, then population points) for the model's profile; a user's
    /// imported figures replace the modelled ones for the pairs they cover, and imported rows of other
    /// modes (e.g. public transport) are added. Unreachable pairs are left out, never written as 0;
    /// the second value counts them.
    public static func rows(model: TravelTimeModel, portfolio: Portfolio, imported: TravelTimeMatrix? = nil) -> (rows: [TravelTimeRow], unreachable: Int) {
        let mode = model.profile.name
        let destinations = portfolio.assets.map(\.id) + portfolio.population.map(\.id)
        var rows: [TravelTimeRow] = []
        var unreachable = 0
        for site in portfolio.sites {
            let times = model.nodeTimes(fromSite: site.id)
            for destination in destinations {
                if let value = imported?.minutes(from: site.id, to: destination, mode: mode) {
                    rows.append(TravelTimeRow(from: site.id, to: destination, mode: mode, minutes: value, source: "imported:\(imported!.source)"))
                } else if let times, let value = model.minutes(to: destination, given: times) {
                    rows.append(TravelTimeRow(from: site.id, to: destination, mode: mode, minutes: value, source: "modelled",
                                              fromSnapMetres: model.siteAccess[site.id]?.snapDistanceMetres,
                                              toSnapMetres: model.pointAccess[destination]?.snapDistanceMetres))
                } else {
                    unreachable += 1
                }
            }
        }
        if let imported {
            let others = imported.minutes.filter { $0.key.mode != mode }
                .sorted { ($0.key.from, $0.key.to, $0.key.mode) < ($1.key.from, $1.key.to, $1.key.mode) }
            rows += others.map { TravelTimeRow(from: $0.key.from, to: $0.key.to, mode: $0.key.mode, minutes: $0.value, source: "imported:\(imported.source)") }
        }
        return (rows, unreachable)
    }
}

/// Drive times from one site under one profile: the imported matrix's figure for a pair it has (or
/// nothing, where it states the pair unreachable), else the road-network model's. Each answer says
/// which ("imported:FILE" or "modelled").
public struct SiteTimes: Sendable {
    public let siteID: String
    let model: TravelTimeModel
    let nodeTimes: [Double]?
    let imported: TravelTimeMatrix?

    public init(siteID: String, model: TravelTimeModel, imported: TravelTimeMatrix?) {
        self.init(siteID: siteID, model: model, nodeTimes: model.nodeTimes(fromSite: siteID), imported: imported)
    }

    init(siteID: String, model: TravelTimeModel, nodeTimes: [Double]?, imported: TravelTimeMatrix?) {
        self.siteID = siteID
        self.model = model
        self.nodeTimes = nodeTimes
        self.imported = imported
    }

    public func minutes(to destination: String) -> (minutes: Double, source: String)? {
        if let imported {
            let key = TravelTimeMatrix.Key(from: siteID, to: destination, mode: model.profile.name)
            if let minutes = imported.minutes[key] { return (minutes, "imported:\(imported.source)") }
            if imported.unreachable.contains(key) { return nil }
        }
        guard let nodeTimes, let minutes = model.minutes(to: destination, given: nodeTimes) else { return nil }
        return (minutes, "modelled")
    }
}
