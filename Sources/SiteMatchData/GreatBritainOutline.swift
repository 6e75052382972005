import SiteMatchGeometry

/// Great Britain's outline at 1:110m, for the "coordinates inside Great Britain" check.
///
/// Source: Natural Earth 1:110m Cultural Vectors, Admin 0 – Countries (public domain,
/// naturalearthdata.com), the largest part of the "United Kingdom" feature, as shipped in geopandas
/// 0.14.4's `naturalearth_lowres` dataset. Its edge is within about 10–20 km of the real coast, so
/// ``PortfolioValidator`` accepts points up to ``PortfolioValidator/coastTolerance`` outside it.
enum GreatBritainOutline {
    /// Exterior ring, longitude/latitude (EPSG:4326), 48 positions.
    static let ring: [Coordinate] = [
        Coordinate(-3.093831, 53.404547), Coordinate(-3.092080, 53.404441), Coordinate(-2.945009, 53.985000),
        Coordinate(-3.614701, 54.600937), Coordinate(-3.630005, 54.615013), Coordinate(-4.844169, 54.790971),
        Coordinate(-5.082527, 55.061601), Coordinate(-4.719112, 55.508473), Coordinate(-5.047981, 55.783986),
        Coordinate(-5.586398, 55.311146), Coordinate(-5.644999, 56.275015), Coordinate(-6.149981, 56.785010),
        Coordinate(-5.786825, 57.818848), Coordinate(-5.009999, 58.630013), Coordinate(-4.211495, 58.550845),
        Coordinate(-3.005005, 58.635000), Coordinate(-4.073828, 57.553025), Coordinate(-3.055002, 57.690019),
        Coordinate(-1.959281, 57.684800), Coordinate(-2.219988, 56.870017), Coordinate(-3.119003, 55.973793),
        Coordinate(-2.085009, 55.909998), Coordinate(-2.005676, 55.804903), Coordinate(-1.114991, 54.624986),
        Coordinate(-0.430485, 54.464376), Coordinate(0.184981, 53.325014), Coordinate(0.469977, 52.929999),
        Coordinate(1.681531, 52.739520), Coordinate(1.559988, 52.099998), Coordinate(1.050562, 51.806761),
        Coordinate(1.449865, 51.289428), Coordinate(0.550334, 50.765739), Coordinate(-0.787517, 50.774989),
        Coordinate(-2.489998, 50.500019), Coordinate(-2.956274, 50.696880), Coordinate(-3.617448, 50.228356),
        Coordinate(-4.542508, 50.341837), Coordinate(-5.245023, 49.960000), Coordinate(-5.776567, 50.159678),
        Coordinate(-4.309990, 51.210001), Coordinate(-3.414851, 51.426009), Coordinate(-3.422719, 51.426848),
        Coordinate(-4.984367, 51.593466), Coordinate(-5.267296, 51.991400), Coordinate(-4.222347, 52.301356),
        Coordinate(-4.770013, 52.840005), Coordinate(-4.579999, 53.495004), Coordinate(-3.093831, 53.404547),
    ]
}
