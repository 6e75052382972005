import Foundation
import SiteMatchGeometry

/// printf's `%.Nf` and `%d`, written straight into a byte buffer, so every implementation of the
/// workload writes the same bytes without a `vsnprintf` call (and its boxed arguments) per number.
///
/// `%.Nf` is exact: the double's binary value m·2^e is multiplied by 10^N in 128-bit integers and
/// rounded to nearest with ties to even, which is what glibc's printf does in the default rounding
/// mode. Values of 10^12 or more and non-finite values go to `vsnprintf` itself. The tests compare
/// both on millions of values, including the exact ties (odd multiples of 2^-7).
enum Format {
    /// Bytes the pointer writers may use for one number: a sign, 12 integer digits, the point and 9
    /// decimals for `fixed`; a sign and 19 digits for `integer`.
    static let capacity = 24

    /// True when `fixed(_:decimals:at:)` can write `value`; others go through the C library.
    static func isFast(_ value: Double) -> Bool { value.isFinite && value.magnitude < 1e12 }

    static func fixed(_ value: Double, decimals: Int, into out: inout [UInt8]) {
        guard isFast(value) else { return fixedThroughC(value, decimals: decimals, into: &out) }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            let count = fixed(value, decimals: decimals, at: buffer.baseAddress!)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// `%.Nf` of a value `isFast` accepts, written at `p` (room for `capacity` bytes); returns the
    /// number of bytes written. Inlined, so a constant `decimals` makes the scale a constant and its
    /// divisions multiplications.
    @inline(__always)
    static func fixed(_ value: Double, decimals: Int, at p: UnsafeMutablePointer<UInt8>) -> Int {
        precondition((0...9).contains(decimals), "Format.fixed handles 0–9 decimals")
        precondition(isFast(value), "Format.fixed(at:) needs a finite value below 1e12")
        var written = 0
        if value.sign == .minus { p.pointee = UInt8(ascii: "-"); written = 1 }
        let magnitude = value.magnitude
        var scale: UInt64 = 1
        for _ in 0..<decimals { scale *= 10 }
        var scaled: UInt64 = 0
        if magnitude != 0 {
            // magnitude = significand · 2^-shift exactly; shift > 0 because magnitude < 2^40.
            let biased = Int(magnitude.exponentBitPattern)
            let significand = biased == 0 ? magnitude.significandBitPattern : magnitude.significandBitPattern | (1 << 52)
            let shift = biased == 0 ? 1074 : 1075 - biased
            let product = UInt128(significand) * UInt128(scale)   // < 2^83
            if shift < 84 {
                scaled = UInt64(product >> shift)
                let remainder = product & ((UInt128(1) << shift) - 1)
                let half = UInt128(1) << (shift - 1)
                if remainder > half || (remainder == half && scaled & 1 == 1) { scaled += 1 }
            }
            // else: product < 2^83 ≤ half of 2^shift, so the value rounds to 0.
        }
        written += digits(scaled / scale, minimumCount: 1, at: p + written)
        guard decimals > 0 else { return written }
        p[written] = UInt8(ascii: ".")
        return written + 1 + digits(scaled % scale, minimumCount: decimals, at: p + written + 1)
    }

    /// `%d`.
    static func integer(_ value: Int, into out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            let count = integer(value, at: buffer.baseAddress!)
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// `%d` written at `p` (room for `capacity` bytes); returns the number of bytes written.
    static func integer(_ value: Int, at p: UnsafeMutablePointer<UInt8>) -> Int {
        guard value < 0 else { return digits(UInt64(value), minimumCount: 1, at: p) }
        p.pointee = UInt8(ascii: "-")
        return 1 + digits(UInt64(value.magnitude), minimumCount: 1, at: p + 1)
    }

    /// Decimal digits of `value`, zero-padded on the left to `minimumCount`, written at `p`; returns
    /// how many.
    private static func digits(_ value: UInt64, minimumCount: Int, at p: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 1, threshold: UInt64 = 10
        while count < 20, value >= threshold { count += 1; threshold = threshold &* 10 }
        count = max(count, minimumCount)
        var rest = value, position = count
        while position > 0 {
            position -= 1
            p[position] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        }
        return count
    }

    /// The C library's own `%.Nf`: the reference the fast path is tested against, and its fallback.
    static func fixedThroughC(_ value: Double, decimals: Int, into out: inout [UInt8]) {
        var buffer = [CChar](repeating: 0, count: 512)
        let n = buffer.withUnsafeMutableBufferPointer { b in withVaList([value]) { vsnprintf(b.baseAddress, 512, "%.\(decimals)f", $0) } }
        out.append(contentsOf: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) })
    }
}

/// Each archetype's 20 best parcels by exact score descending, then lower id. The order is total,
/// so lists kept per block and merged give the same result however the parcels were split.
struct TopScores: Sendable {
    static let size = 20
    private(set) var best: [[(score: Double, id: Int)]] = Array(repeating: [], count: Workload.archetypes)

    private static func before(_ a: (score: Double, id: Int), _ b: (score: Double, id: Int)) -> Bool {
        a.score > b.score || (a.score == b.score && a.id < b.id)
    }

    mutating func offer(archetype k: Int, score: Double, id: Int) {
        let candidate = (score: score, id: id)
        if best[k].count == TopScores.size, let last = best[k].last, !TopScores.before(candidate, last) { return }
        let position = best[k].firstIndex { TopScores.before(candidate, $0) } ?? best[k].count
        best[k].insert(candidate, at: position)
        if best[k].count > TopScores.size { best[k].removeLast() }
    }

    mutating func merge(_ other: TopScores) {
        for k in 0..<Workload.archetypes { for entry in other.best[k] { offer(archetype: k, score: entry.score, id: entry.id) } }
    }
}

enum WorkloadOutput {
    static let scoresHeader = Array(("id,d1,d2,d3,d4,d5,d6,d7,d8," + (0..<Workload.archetypes).map { "s\($0)" }.joined(separator: ",") + "\n").utf8)

    /// Rows per worker per block: blocks are formatted on all workers and handed to `write` in
    /// order, so memory holds one block of text, never the whole file.
    static let blockRows = 32_768

    /// Streams `scores.csv` (header, then id,d1…d8,s0…s16 in id order) to `write` and returns the
    /// top scores, computing each parcel's scores once. The bytes do not depend on `workers`.
    static func streamScores(_ drivers: [Workload.Drivers], workers: Int, write: ([UInt8]) throws -> Void) throws -> TopScores {
        try write(scoresHeader)
        var top = TopScores()
        let workers = max(1, workers)
        var start = 0
        while start < drivers.count {
            let end = min(drivers.count, start + blockRows * workers)
            let size = (end - start + workers - 1) / workers, blockStart = start
            let parts = try ParallelWorkers.map(count: workers, workers: workers) { _, worker in
                rows(drivers, from: min(end, blockStart + worker * size), to: min(end, blockStart + (worker + 1) * size))
            }
            for part in parts {
                try write(part.text)
                top.merge(part.top)
            }
            start = end
        }
        return top
    }

    /// `scores.csv` in memory (small N and tests).
    static func scores(_ drivers: [Workload.Drivers], workers: Int = 1) throws -> [UInt8] {
        var out: [UInt8] = []
        _ = try streamScores(drivers, workers: workers) { out.append(contentsOf: $0) }
        return out
    }

    /// Rows `from..<to` and their top scores.
    static func rows(_ drivers: [Workload.Drivers], from: Int, to: Int) -> (text: [UInt8], top: TopScores) {
        var out: [UInt8] = []
        out.reserveCapacity(max(0, to - from) * 240)
        var top = TopScores()
        withUnsafeTemporaryAllocation(of: Double.self, capacity: Workload.archetypes) { scores in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: RowBuffer.capacity) { bytes in
                var row = RowBuffer(base: bytes.baseAddress!)
                for id in from..<max(from, to) {
                    let d = drivers[id]
                    row.integer(id)
                    for value in [d.areaHectares, d.research, d.hospital, d.motorwayJunction, d.corridor] { row.comma(); row.fixed(value, spillingInto: &out) }
                    for value in [d.researchOrTestingWithin5km, d.populationWithin15km, d.inZone] { row.comma(); row.integer(value) }
                    d.computeScores(into: scores)
                    for k in 0..<Workload.archetypes {
                        row.comma()
                        row.fixed(scores[k], spillingInto: &out)
                        top.offer(archetype: k, score: scores[k], id: id)
                    }
                    row.newline()
                    row.flush(into: &out)
                }
            }
        }
        return (out, top)
    }

    /// One CSV row built in a stack buffer and appended to the block's text once: a value printf
    /// would write in more than `Format.capacity` bytes goes through the C library, straight to the
    /// text (after what the buffer holds).
    private struct RowBuffer {
        /// A row of 26 fields of at most `Format.capacity` bytes, their separators and the newline.
        static let capacity = 26 * (Format.capacity + 1) + 1
        let base: UnsafeMutablePointer<UInt8>
        var count = 0

        mutating func comma() { base[count] = UInt8(ascii: ","); count += 1 }
        mutating func newline() { base[count] = UInt8(ascii: "\n"); count += 1 }
        mutating func integer(_ value: Int) { count += Format.integer(value, at: base + count) }

        /// `%.6f`.
        mutating func fixed(_ value: Double, spillingInto out: inout [UInt8]) {
            if Format.isFast(value) {
                count += Format.fixed(value, decimals: 6, at: base + count)
            } else {
                flush(into: &out)
                Format.fixedThroughC(value, decimals: 6, into: &out)
            }
        }

        mutating func flush(into out: inout [UInt8]) {
            out.append(contentsOf: UnsafeBufferPointer(start: base, count: count))
            count = 0
        }
    }

    /// `top20.csv`: per archetype the 20 best parcels by exact score descending, then lower id.
    static func top20(_ top: TopScores) -> [UInt8] {
        var out = Array("archetype,rank,id,score\n".utf8)
        for k in 0..<Workload.archetypes {
            for (rank, entry) in top.best[k].enumerated() {
                out.append(contentsOf: "\(k),\(rank + 1),\(entry.id),".utf8)
                Format.fixed(entry.score, decimals: 6, into: &out)
                out.append(UInt8(ascii: "\n"))
            }
        }
        return out
    }

    /// `top20.csv` from drivers (small N and tests).
    static func top20(_ drivers: [Workload.Drivers]) throws -> [UInt8] {
        top20(try streamScores(drivers, workers: 1) { _ in })
    }
}
