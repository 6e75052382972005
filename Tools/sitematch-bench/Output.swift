import Foundation
import SiteMatchGeometry

/// Fixed-point formatting through the C library (vsnprintf, i.e. printf's %.6f), so every
/// implementation of the workload writes the same bytes.
enum Format {
    static func fixed(_ value: Double, decimals: Int, into out: inout [UInt8]) {
        var buffer = [CChar](repeating: 0, count: 64)
        let format = decimals == 6 ? "%.6f" : "%.3f"
        let n = buffer.withUnsafeMutableBufferPointer { b in withVaList([value]) { vsnprintf(b.baseAddress, 64, format, $0) } }
        out.append(contentsOf: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) })
    }

    static func integer(_ value: Int, into out: inout [UInt8]) {
        out.append(contentsOf: String(value).utf8)
    }
}

enum WorkloadOutput {
    /// `scores.csv`: id,d1…d8,s0…s16 in id order; rows are formatted on all workers and joined in order.
    static func scores(_ drivers: [Workload.Drivers], scores: [[Double]]? = nil, workers: Int = 1) throws -> [UInt8] {
        let scores = try scores ?? allScores(drivers, workers: workers)
        var out = Array(("id,d1,d2,d3,d4,d5,d6,d7,d8," + (0..<Workload.archetypes).map { "s\($0)" }.joined(separator: ",") + "\n").utf8)
        let chunks = max(1, min(workers * 8, drivers.count))
        let size = (drivers.count + chunks - 1) / chunks
        let parts = try ParallelWorkers.map(count: chunks, workers: workers) { _, chunk in
            rows(drivers, scores: scores, from: chunk * size, to: min(drivers.count, (chunk + 1) * size))
        }
        for part in parts { out.append(contentsOf: part) }
        return out
    }

    /// One C format string per row (one vsnprintf call instead of 22).
    static let rowFormat = "%d" + String(repeating: ",%.6f", count: 5) + String(repeating: ",%d", count: 3) + String(repeating: ",%.6f", count: Workload.archetypes) + "\n"

    /// Every parcel's 17 scores, computed once on all workers.
    static func allScores(_ drivers: [Workload.Drivers], workers: Int) throws -> [[Double]] {
        try ParallelWorkers.mapChunks(count: drivers.count, workers: workers) { _, range in range.map { drivers[$0].scores } }
    }

    static func rows(_ drivers: [Workload.Drivers], scores: [[Double]], from: Int, to: Int) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(max(0, to - from) * 220)
        var buffer = [CChar](repeating: 0, count: 1024)
        for id in from..<max(from, to) {
            let d = drivers[id]
            var arguments: [any CVarArg] = [Int32(id), d.areaHectares, d.research, d.hospital, d.motorwayJunction, d.corridor,
                                            Int32(d.researchOrTestingWithin5km), Int32(d.populationWithin15km), Int32(d.inZone)]
            arguments += scores[id].map { $0 as any CVarArg }
            let n = buffer.withUnsafeMutableBufferPointer { b in withVaList(arguments) { vsnprintf(b.baseAddress, 1024, rowFormat, $0) } }
            out.append(contentsOf: buffer.prefix(Int(n)).map { UInt8(bitPattern: $0) })
        }
        return out
    }

    /// `top20.csv`: per archetype the 20 best parcels by exact score descending, then lower id.
    static func top20(_ drivers: [Workload.Drivers], scores: [[Double]]? = nil) -> [UInt8] {
        let scores = scores ?? drivers.map(\.scores)
        var out = Array("archetype,rank,id,score\n".utf8)
        for k in 0..<Workload.archetypes {
            var best: [(score: Double, id: Int)] = []
            for (id, s) in scores.enumerated() {
                let candidate = (score: s[k], id: id)
                if best.count == 20, let last = best.last, !(candidate.score > last.score || (candidate.score == last.score && candidate.id < last.id)) { continue }
                let position = best.firstIndex { candidate.score > $0.score || (candidate.score == $0.score && candidate.id < $0.id) } ?? best.count
                best.insert(candidate, at: position)
                if best.count > 20 { best.removeLast() }
            }
            for (rank, entry) in best.enumerated() {
                out.append(contentsOf: "\(k),\(rank + 1),\(entry.id),".utf8)
                Format.fixed(entry.score, decimals: 6, into: &out)
                out.append(UInt8(ascii: "\n"))
            }
        }
        return out
    }
}
