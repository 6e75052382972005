import Foundation
import SiteMatchData

/// `GET /api/archetypes`: the catalogue as the Framework states it, with the weights in force (from
/// drivers.yaml or an AHP file). Report: ``ArchetypesReport``; schema `docs/schema/archetypes.schema.json`.
public struct ArchetypesReport: Hashable, Sendable, Codable {
    public struct Entry: Hashable, Sendable, Codable {
        public var id: String
        public var name: String
        public var cluster: String
        /// Where the Framework defines it, e.g. "Table 3, row 2".
        public var frameworkSection: String
        /// The Framework's own driver phrases.
        public var driverPhrases: [String]
        /// Driver id → weight in force.
        public var weights: [String: Double]
        /// Location types the Framework names as the best fit.
        public var bestFit: [String]
        /// Least-fit location types; absent where the Framework gives none.
        public var leastFit: [String]?
        public var role: String?
    }

    /// Location type letter → its meaning.
    public var locationTypes: [String: String]
    public var weightsSource: String
    public var priorWeight: Double
    public var archetypes: [Entry]
}

extension Workspace {
    /// Every archetype in catalogue order.
    public func archetypesReport() -> ArchetypesReport {
        ArchetypesReport(locationTypes: LayerSchema.locationTypeMeanings, weightsSource: weightsSource, priorWeight: catalogue.priorWeight,
                         archetypes: catalogue.archetypes.map {
                             .init(id: $0.id, name: $0.name, cluster: $0.cluster, frameworkSection: $0.frameworkSection, driverPhrases: $0.driverPhrases,
                                   weights: catalogue.weights[$0.id] ?? [:], bestFit: $0.bestFit, leastFit: $0.leastFit, role: $0.role)
                         })
    }
}
