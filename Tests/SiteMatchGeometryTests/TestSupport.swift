@testable import SiteMatchGeometry

/// A rectangle as WKT, for hand-drawn BNG fixtures.
func rectangleWKT(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> String {
    "POLYGON ((\(x0) \(y0), \(x1) \(y0), \(x1) \(y1), \(x0) \(y1), \(x0) \(y0)))"
}
