import Foundation

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
    /// `scores.csv`: id,d1…d8,s0…s16 in id order.
    static func scores(_ drivers: [Workload.Drivers]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(drivers.count * 220)
        out.append(contentsOf: ("id,d1,d2,d3,d4,d5,d6,d7,d8," + (0..<Workload.archetypes).map { "s\($0)" }.joined(separator: ",") + "\n").utf8)
        let comma = UInt8(ascii: ","), newline = UInt8(ascii: "\n")
        for (id, d) in drivers.enumerated() {
            Format.integer(id, into: &out)
            for value in [d.areaHectares, d.research, d.hospital, d.motorwayJunction, d.corridor] { out.append(comma); Format.fixed(value, decimals: 6, into: &out) }
            for value in [d.researchOrTestingWithin5km, d.populationWithin15km, d.inZone] { out.append(comma); Format.integer(value, into: &out) }
            for s in d.scores { out.append(comma); Format.fixed(s, decimals: 6, into: &out) }
            out.append(newline)
        }
        return out
    }

    /// `top20.csv`: per archetype the 20 best parcels by exact score descending, then lower id.
    static func top20(_ drivers: [Workload.Drivers]) -> [UInt8] {
        let scores = drivers.map(\.scores)
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
