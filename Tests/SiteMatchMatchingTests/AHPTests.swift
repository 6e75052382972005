import Foundation
@testable import SiteMatchData
import SiteMatchMatching
import Testing

@Suite struct AHPTests {
    /// Saaty's drinks example: T. L. Saaty, "Decision making with the analytic hierarchy process",
    /// International Journal of Services Sciences 1(1), 2008, 83–98 — "Which drink is consumed more in
    /// the U.S.?". Derived weights there: coffee .177, wine .019, tea .042, beer .116, soda .190,
    /// milk .129, water .327. numpy.linalg.eig on the same matrix gives the same to 3 decimals,
    /// λmax 7.1766 and CR 0.0223 with RI(7) = 1.32.
    @Test func saatysDrinksExampleToThreeDecimals() {
        let upper: [[Double]] = [
            [9, 5, 2, 1, 1, 1.0 / 2],
            [1.0 / 3, 1.0 / 9, 1.0 / 9, 1.0 / 9, 1.0 / 9],
            [1.0 / 3, 1.0 / 4, 1.0 / 3, 1.0 / 9],
            [1.0 / 2, 1, 1.0 / 3],
            [2, 1.0 / 2],
            [1.0 / 3],
        ]
        var a = [[Double]](repeating: [Double](repeating: 1, count: 7), count: 7)
        for (i, row) in upper.enumerated() {
            for (k, v) in row.enumerated() { a[i][i + 1 + k] = v; a[i + 1 + k][i] = 1 / v }
        }
        let result = AHP.weights(a)
        let published = [0.177, 0.019, 0.042, 0.116, 0.190, 0.129, 0.327]
        for (w, p) in zip(result.weights, published) { #expect(abs(w - p) < 0.0005, "\(w) vs \(p)") }
        #expect(abs(result.lambdaMax - 7.1766) < 0.0001)
        #expect(abs(result.consistencyRatio - 0.0223) < 0.0001)
    }

    @Test func oneOrTwoItemsAreConsistentByDefinition() {
        #expect(AHP.weights([[1]]).weights == [1])
        let two = AHP.weights([[1, 3], [1.0 / 3, 1]])
        #expect(abs(two.weights[0] - 0.75) < 1e-12 && two.consistencyRatio == 0)
    }

    /// a ≻ b (9), b ≻ c (9) but c ≻ a (9): the circular judgement is refused, naming a pair.
    @Test func inconsistentJudgementsAreRefusedNamingThePair() throws {
        let catalogue = Catalogue(archetypes: [], drivers: [:], weights: ["x": ["a": 1, "b": 1, "c": 1]], unknownValue: 0.5, priorWeight: 0.25)
        let document = try StrictYAML.decode(AHPDocument.self, from: "x:\n  - [a, b, 9]\n  - [b, c, 9]\n  - [a, c, \"1/9\"]\n", file: "j.yaml")
        do {
            _ = try document.weights(catalogue: catalogue, file: "j.yaml")
            Issue.record("expected an error")
        } catch let SiteMatchError.input(problem) {
            #expect(problem.field == "x")
            #expect(problem.message.hasPrefix("judgements are inconsistent (CR "))
            #expect(problem.message.contains(" contradicts the others most"))
        }
        let missing = try StrictYAML.decode(AHPDocument.self, from: "x:\n  - [a, b, 3]\n", file: "j.yaml")
        #expect(throws: SiteMatchError(file: "j.yaml", field: "x", message: "no judgement for a and c; give every pair of x's 3 drivers once")) {
            try missing.weights(catalogue: catalogue, file: "j.yaml")
        }
        #expect(throws: SiteMatchError.self) { try StrictYAML.decode(AHPDocument.self, from: "x:\n  - [a, b, 11]\n", file: "j.yaml") }
    }
}
