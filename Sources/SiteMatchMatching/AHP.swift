import Foundation
import SiteMatchData

/// Analytic Hierarchy Process weights from pairwise judgements (Saaty's 1–9 scale): the principal
/// eigenvector of the reciprocal matrix, and its consistency ratio.
public enum AHP {
    /// Saaty's random index RI(n) for n = 1…10 (T. L. Saaty, *The Analytic Hierarchy Process*,
    /// McGraw-Hill, 1980): the mean consistency index of random reciprocal matrices.
    public static let randomIndex: [Double] = [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]
    /// Judgements at or above this consistency ratio are refused (Saaty's 10 % rule).
    public static let maximumConsistencyRatio = 0.10

    public struct Result: Hashable, Sendable {
        /// Weights summing to 1, in the order of the matrix.
        public var weights: [Double]
        public var lambdaMax: Double
        public var consistencyIndex: Double
        /// 0 by definition for one or two items (any such matrix is consistent).
        public var consistencyRatio: Double
        /// The judgement (row, column) that departs most from what the weights imply.
        public var mostInconsistent: (row: Int, column: Int, implied: Double)?

        public static func == (a: Result, b: Result) -> Bool {
            a.weights == b.weights && a.lambdaMax == b.lambdaMax && a.consistencyRatio == b.consistencyRatio
        }
        public func hash(into hasher: inout Hasher) { hasher.combine(weights) }
    }

    /// The principal eigenvector of the positive reciprocal `matrix` by power iteration (to 1e-13 or
    /// 10,000 steps; the Perron root is simple for positive matrices, so it converges), λmax, CI = (λmax − n)/(n − 1)
    /// and CR = CI / RI(n). Written here because none of the project's packages does linear algebra;
    /// the test checks it against a published example and numpy.
    public static func weights(_ matrix: [[Double]]) -> Result {
        let n = matrix.count
        var w = [Double](repeating: 1 / Double(n), count: n)
        for _ in 0..<10_000 {
            var next = (0..<n).map { i in (0..<n).reduce(0) { $0 + matrix[i][$1] * w[$1] } }
            let sum = next.reduce(0, +)
            next = next.map { $0 / sum }
            let change = zip(next, w).map { abs($0 - $1) }.max() ?? 0
            w = next
            if change < 1e-13 { break }
        }
        let aw = (0..<n).map { i in (0..<n).reduce(0) { $0 + matrix[i][$1] * w[$1] } }
        let lambda = n == 0 ? 0 : zip(aw, w).map { $0 / $1 }.reduce(0, +) / Double(n)
        let ci = n > 2 ? (lambda - Double(n)) / Double(n - 1) : 0
        let cr = n > 2 ? ci / randomIndex[min(n, randomIndex.count) - 1] : 0
        var worst: (Int, Int, Double)?
        var worstDeparture = 0.0
        for i in 0..<n {
            for j in (i + 1)..<max(n, i + 1) {
                let implied = w[i] / w[j], departure = abs(log(matrix[i][j] / implied))
                if departure > worstDeparture { worstDeparture = departure; worst = (i, j, implied) }
            }
        }
        return Result(weights: w, lambdaMax: lambda, consistencyIndex: ci, consistencyRatio: cr, mostInconsistent: n > 2 ? worst : nil)
    }
}

/// An AHP file: per archetype, one judgement per pair of its drivers, upper triangle only —
/// `scale_up_manufacturing: [[floorplate, power, 3], [floorplate, logistics, 1], [power, logistics, "1/2"]]`
/// reads "floorplate is moderately more important than power (3)". Values are Saaty's 1–9 or their
/// reciprocals written "1/2" … "1/9"; the reciprocals below the diagonal are filled in.
public struct AHPDocument: Decodable, Sendable {
    public struct Judgement: Decodable, Sendable {
        public var row: String
        public var column: String
        public var value: Double

        public init(from decoder: any Decoder) throws {
            var c = try decoder.unkeyedContainer()
            row = try c.decode(String.self)
            column = try c.decode(String.self)
            if let number = try? c.decode(Double.self) {
                value = number
            } else {
                let text = try c.decode(String.self)
                let parts = text.split(separator: "/")
                guard parts.count == 2, parts[0] == "1", let d = Double(parts[1]) else {
                    throw DecodingError.dataCorrupted(.init(codingPath: c.codingPath, debugDescription: "'\(text)' is not a judgement; expected 1-9 or 1/2 … 1/9"))
                }
                value = 1 / d
            }
            let scale = (1...9).map(Double.init) + (2...9).map { 1 / Double($0) }
            guard scale.contains(where: { abs($0 - value) < 1e-9 }) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(value) is not on Saaty's scale; expected 1-9 or 1/2 … 1/9"))
            }
            guard c.isAtEnd else { throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "expected [driver, driver, judgement]")) }
        }
    }

    public var archetypes: [String: [Judgement]]

    public init(from decoder: any Decoder) throws {
        archetypes = try decoder.singleValueContainer().decode([String: [Judgement]].self)
    }

    /// Each listed archetype's weights over its catalogue drivers, after checking every pair is judged
    /// once and the judgements are consistent enough (CR < 0.10).
    public func weights(catalogue: Catalogue, file: String) throws -> [String: (weights: [String: Double], result: AHP.Result)] {
        var out: [String: (weights: [String: Double], result: AHP.Result)] = [:]
        for (archetype, judgements) in archetypes.sorted(by: { $0.key < $1.key }) {
            guard let current = catalogue.weights[archetype] else {
                throw SiteMatchError(file: file, field: archetype, message: "not an archetype; expected one of the ids in archetypes.yaml")
            }
            let drivers = current.filter { $0.value > 0 }.keys.sorted()
            let index = Dictionary(uniqueKeysWithValues: drivers.enumerated().map { ($0.element, $0.offset) })
            guard drivers.count <= AHP.randomIndex.count else {
                throw SiteMatchError(file: file, field: archetype, message: "has \(drivers.count) drivers; AHP here supports at most \(AHP.randomIndex.count)")
            }
            var matrix = [[Double]](repeating: [Double](repeating: 0, count: drivers.count), count: drivers.count)
            for i in drivers.indices { matrix[i][i] = 1 }
            for (k, j) in judgements.enumerated() {
                let field = "\(archetype)[\(k)]"
                for name in [j.row, j.column] where index[name] == nil {
                    throw SiteMatchError(file: file, field: field, message: "'\(name)' is not one of \(archetype)'s drivers (\(drivers.joined(separator: ", ")))")
                }
                let (r, c) = (index[j.row]!, index[j.column]!)
                guard r != c else { throw SiteMatchError(file: file, field: field, message: "compares \(j.row) with itself") }
                guard matrix[r][c] == 0 else { throw SiteMatchError(file: file, field: field, message: "\(j.row) and \(j.column) are judged twice") }
                matrix[r][c] = j.value
                matrix[c][r] = 1 / j.value
            }
            for i in drivers.indices { for j in (i + 1)..<max(drivers.count, i + 1) where matrix[i][j] == 0 {
                throw SiteMatchError(file: file, field: archetype, message: "no judgement for \(drivers[i]) and \(drivers[j]); give every pair of \(archetype)'s \(drivers.count) drivers once")
            } }
            let result = AHP.weights(matrix)
            if result.consistencyRatio >= AHP.maximumConsistencyRatio, let worst = result.mostInconsistent {
                throw SiteMatchError(file: file, field: archetype, message: String(format: "judgements are inconsistent (CR %.3f ≥ 0.10); %@ over %@ (%@) contradicts the others most: they imply about %.2f. Revise it",
                                                                                   result.consistencyRatio, drivers[worst.row], drivers[worst.column],
                                                                                   NumberRange.format(matrix[worst.row][worst.column]), worst.implied))
            }
            out[archetype] = (Dictionary(uniqueKeysWithValues: zip(drivers, result.weights)), result)
        }
        return out
    }
}
