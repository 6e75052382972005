import Foundation
import SiteMatchData
import SiteMatchMatching

/// `ahp`: the weights an AHP judgement file gives each archetype it lists, with λmax, CI and CR.
/// Report: ``AHPReport``; schema `docs/schema/ahp.schema.json`.
public struct AHPReport: Hashable, Sendable, Codable {
    public struct Weight: Hashable, Sendable, Codable {
        public var driverId: String
        /// 0–1, summing to 1.
        public var weight: Double
        /// drivers.yaml's weight, for comparison (phrase counts).
        public var catalogueWeight: Double
    }

    public struct ArchetypeWeights: Hashable, Sendable, Codable {
        public var archetypeId: String
        public var weights: [Weight]
        public var lambdaMax: Double
        public var consistencyIndex: Double
        public var consistencyRatio: Double
        /// "CR 0.022 < 0.10" or "with one or two drivers CR is 0 by definition".
        public var consistency: String
    }

    public var file: String
    public var archetypes: [ArchetypeWeights]
}

extension Workspace {
    /// Reads `file` and derives the weights, as `--ahp` would use them.
    /// - Throws: `.input` naming the archetype and pair for a missing, repeated or off-scale judgement, or CR ≥ 0.10.
    public func ahpWeights(file: String) throws -> AHPReport {
        let name = (file as NSString).lastPathComponent
        let judged = try StrictYAML.decode(AHPDocument.self, contentsOfFile: file).weights(catalogue: catalogue, file: name)
        return AHPReport(file: name, archetypes: judged.keys.sorted().map { id in
            let (weights, result) = judged[id]!
            let catalogueWeights = catalogue.weights[id] ?? [:]
            return .init(archetypeId: id, weights: weights.keys.sorted().map { .init(driverId: $0, weight: weights[$0]!, catalogueWeight: catalogueWeights[$0] ?? 0) },
                         lambdaMax: result.lambdaMax, consistencyIndex: result.consistencyIndex, consistencyRatio: result.consistencyRatio,
                         consistency: weights.count <= 2 ? "with one or two drivers CR is 0 by definition"
                             : String(format: "CR %.3f < 0.10 (Saaty's random index for %d drivers: %.2f)", result.consistencyRatio, weights.count, AHP.randomIndex[weights.count - 1]))
        })
    }
}
