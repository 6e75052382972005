import Foundation
import Testing
@testable import sitematch_bench
import SiteMatchGeometry

/// The byte formatter must write exactly what the C library's printf writes.
@Suite struct FormatTests {
    func fast(_ value: Double, _ decimals: Int) -> String {
        var out: [UInt8] = []
        Format.fixed(value, decimals: decimals, into: &out)
        return String(decoding: out, as: UTF8.self)
    }
    func printf(_ value: Double, _ decimals: Int) -> String {
        var out: [UInt8] = []
        Format.fixedThroughC(value, decimals: decimals, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func fixedMatchesPrintfOnRandomValuesAndExactTies() {
        var rng = SplitMix64(seed: 6)
        var values: [Double] = [0, -0.0, 1, 0.5, 1.5, 2.5, 0.0000005, 0.0000015, 999_999.999_999_5, 1e-7, 123_456_789_012.5, 0.1, 0.7, .leastNonzeroMagnitude]
        // Odd multiples of 2^-7 are exact ties at the 7th decimal: printf rounds them to even.
        values += (0..<2_000).map { Double(2 * $0 + 1) / 128 }
        for _ in 0..<40_000 {
            let magnitude = [1.0, 100, 20_000, 1e6, 1e11][Int(rng.next() % 5)]
            values.append(rng.uniform(-magnitude, magnitude))
            values.append(Double(bitPattern: rng.next() >> 2))   // any double below 2^1022, many tiny or huge
        }
        var mismatches: [String] = []
        for value in values where value.isFinite {
            for decimals in [6, 3, 0] where fast(value, decimals) != printf(value, decimals) {
                mismatches.append("\(value) %.\(decimals)f: \(fast(value, decimals)) vs \(printf(value, decimals))")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
        #expect(fast(0.0078125, 6) == "0.007812")   // a tie, by hand: ...125 → even 2
        #expect(fast(0.0234375, 6) == "0.023438")   // ...375 → even 8
    }

    @Test func integersAsPrintf() {
        for value in [0, 7, -7, 10, 1_269_160, Int.max, Int.min + 1] {
            var out: [UInt8] = []
            Format.integer(value, into: &out)
            #expect(String(decoding: out, as: UTF8.self) == String(value))
        }
    }
}

/// A row whose values printf writes at length (an infinite distance when a category has no asset,
/// a huge one) goes through the C library without losing what the row buffer already holds.
@Suite struct RowFormatTests {
    @Test func rowsWithInfiniteAndHugeValuesMatchPrintf() throws {
        let drivers = [
            Workload.Drivers(areaHectares: 1.5, research: .infinity, hospital: 2e15, motorwayJunction: 12.25, corridor: 0,
                             researchOrTestingWithin5km: 3, populationWithin15km: 1_200_000, inZone: 1),
            Workload.Drivers(areaHectares: 50, research: 10, hospital: 20, motorwayJunction: 30, corridor: 40,
                             researchOrTestingWithin5km: 0, populationWithin15km: 0, inZone: 0),
        ]
        let text = String(decoding: WorkloadOutput.rows(drivers, from: 0, to: 2).text, as: UTF8.self)
        let expected = drivers.enumerated().map { id, d in
            let scores: [String] = d.scores.map { String(format: "%.6f", $0) }
            let figures: [Double] = [d.areaHectares, d.research, d.hospital, d.motorwayJunction, d.corridor]
            let counts: [String] = ["\(d.researchOrTestingWithin5km)", "\(d.populationWithin15km)", "\(d.inZone)"]
            let fields: [String] = [String(id)] + figures.map { String(format: "%.6f", $0) } + counts + scores
            return fields.joined(separator: ",") + "\n"
        }.joined()
        #expect(text == expected)
        #expect(text.hasPrefix("0,1.500000,inf,2000000000000000.000000,12.250000,0.000000,3,1200000,1,"))
    }
}
