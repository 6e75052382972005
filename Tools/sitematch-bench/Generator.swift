import Foundation
import SiteMatchGeometry

extension SplitMix64 {
    /// Uniform in [lo, hi) from the top 53 bits (fixed here, not Swift's `random(in:using:)`, whose
    /// algorithm may change between releases).
    mutating func uniform(_ lo: Double, _ hi: Double) -> Double { lo + (hi - lo) * Double(next() >> 11) / 9_007_199_254_740_992 }
    mutating func integer(_ lo: Int, _ hi: Int) -> Int { lo + Int(next() % UInt64(hi - lo + 1)) }
}

/// Writes the five input files of WORKLOAD.md, deterministically from `n` and `seed`.
enum Generator {
    static let box = (minX: 370_000.0, maxX: 430_000.0, minY: 290_000.0, maxY: 370_000.0)

    static func generate(n: Int, seed: UInt64, directory: String, context: GEOSContext) throws {
        var rng = SplitMix64(seed: seed)
        func centre() -> Coordinate { Coordinate(rng.uniform(box.minX, box.maxX), rng.uniform(box.minY, box.maxY)) }

        // Parcels: star-shaped (so simple) 6–12-gons, scaled with GEOS's area to a uniform 0.5–50 ha.
        var parcels: [[UInt8]] = []
        parcels.reserveCapacity(n)
        for id in 0..<n {
            let c = centre()
            let k = rng.integer(6, 12)
            let angles = (0..<k).map { _ in rng.uniform(0, 2 * .pi) }.sorted()
            let unit = angles.map { a -> Coordinate in
                let r = rng.uniform(0.75, 1.25)
                return Coordinate(r * cos(a), r * sin(a))
            }
            let target = rng.uniform(0.5, 50) * 10_000
            let unitArea = try Geometry(.polygon([unit + [unit[0]]]), context: context).area()
            let scale = (target / unitArea).squareRoot()
            let ring = (unit + [unit[0]]).map { Coordinate(c.x + $0.x * scale, c.y + $0.y * scale) }
            parcels.append(feature(properties: "{\"id\":\(id)}", geometry: polygon(ring)))
        }
        var assets: [[UInt8]] = []
        for category in Workload.categories {
            for _ in 0..<10 { assets.append(feature(properties: "{\"category\":\"\(category)\"}", geometry: point(centre()))) }
        }
        var corridors: [[UInt8]] = []
        for name in ["M6", "A50", "A500"] {
            let c = centre(), length = rng.uniform(40_000, 70_000), heading = rng.uniform(0, .pi)
            let (dx, dy) = (cos(heading), sin(heading))
            let line = (0..<50).map { i -> Coordinate in
                let t = -length / 2 + length * Double(i) / 49, off = rng.uniform(-300, 300)
                return Coordinate(c.x + t * dx - off * dy, c.y + t * dy + off * dx)
            }
            corridors.append(feature(properties: "{\"name\":\"\(name)\"}", geometry: lineString(line)))
        }
        var population: [[UInt8]] = []
        for _ in 0..<400 { population.append(feature(properties: "{\"pop\":\(rng.integer(1_000, 60_000))}", geometry: point(centre()))) }
        var zones: [[UInt8]] = []
        for i in 0..<5 {
            let c = centre(), radius = rng.uniform(3_000, 8_000)
            let ring = (0..<12).map { j -> Coordinate in
                let a = 2 * Double.pi * Double(j) / 12, r = radius * rng.uniform(0.9, 1.1)
                return Coordinate(c.x + r * cos(a), c.y + r * sin(a))
            }
            zones.append(feature(properties: "{\"id\":\(i)}", geometry: polygon(ring + [ring[0]])))
        }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        for (name, features) in [("parcels", parcels), ("assets", assets), ("corridors", corridors), ("population", population), ("zones", zones)] {
            try write(features, to: (directory as NSString).appendingPathComponent("\(name).geojson"))
        }
    }

    static func write(_ features: [[UInt8]], to path: String) throws {
        var out = Array("{\"type\":\"FeatureCollection\",\"crs\":{\"type\":\"name\",\"properties\":{\"name\":\"urn:ogc:def:crs:EPSG::27700\"}},\"features\":[\n".utf8)
        for (i, f) in features.enumerated() {
            if i > 0 { out.append(contentsOf: ",\n".utf8) }
            out.append(contentsOf: f)
        }
        out.append(contentsOf: "\n]}\n".utf8)
        try Data(out).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    static func feature(properties: String, geometry: [UInt8]) -> [UInt8] {
        Array("{\"type\":\"Feature\",\"properties\":\(properties),\"geometry\":".utf8) + geometry + Array("}".utf8)
    }

    static func position(_ c: Coordinate, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        Format.fixed(c.x, decimals: 3, into: &out)
        out.append(UInt8(ascii: ","))
        Format.fixed(c.y, decimals: 3, into: &out)
        out.append(UInt8(ascii: "]"))
    }

    static func point(_ c: Coordinate) -> [UInt8] {
        var out = Array("{\"type\":\"Point\",\"coordinates\":".utf8)
        position(c, into: &out)
        return out + Array("}".utf8)
    }

    static func list(_ cs: [Coordinate]) -> [UInt8] {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (i, c) in cs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            position(c, into: &out)
        }
        out.append(UInt8(ascii: "]"))
        return out
    }

    static func lineString(_ cs: [Coordinate]) -> [UInt8] { Array("{\"type\":\"LineString\",\"coordinates\":".utf8) + list(cs) + Array("}".utf8) }
    static func polygon(_ ring: [Coordinate]) -> [UInt8] { Array("{\"type\":\"Polygon\",\"coordinates\":[".utf8) + list(ring) + Array("]}".utf8) }
}
