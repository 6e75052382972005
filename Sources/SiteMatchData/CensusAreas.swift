import SiteMatchGeometry

/// A census small area (`census-lsoa.geojson`: an ONS 2021 LSOA) as a point with its Census 2021
/// counts, in BNG metres. Catchments add these up when the directory has them.
public struct CensusArea: Hashable, Sendable, Identifiable {
    /// The ONS code, e.g. "E01014000".
    public var id: String
    public var name: String
    public var population: Int
    /// Usual residents aged 16–64 (the census bands 16–24, 25–34, 35–49 and 50–64).
    public var workingAgePopulation: Int
    public var year: Int
    /// "centroid_2011" (the 2011 LSOA's geometric centroid) or "estimated_from_siblings" (a new 2021
    /// code placed at the mean of its MSOA's other LSOAs).
    public var placement: String
    public var location: Coordinate

    public init(id: String, name: String, population: Int, workingAgePopulation: Int, year: Int, placement: String, location: Coordinate) {
        self.id = id
        self.name = name
        self.population = population
        self.workingAgePopulation = workingAgePopulation
        self.year = year
        self.placement = placement
        self.location = location
    }
}
