@testable import SiteMatchGeometry

/// A small seeded generator (SplitMix64) so "random" test shapes are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A rectangle as WKT, for hand-drawn BNG fixtures.
func rectangleWKT(_ x0: Double, _ y0: Double, _ x1: Double, _ y1: Double) -> String {
    "POLYGON ((\(x0) \(y0), \(x1) \(y0), \(x1) \(y1), \(x0) \(y1), \(x0) \(y0)))"
}
