import XCTest
@testable import Evaluation
import StewardCore

/// The scorer on a hand-checked set of four outcomes.
final class EvaluationScoreTests: XCTestCase {
    private func outcome(_ id: String, language: String, group: EvaluationCase.Group, truth: Set<String>,
                         mustNot: String? = nil, fired: [String: [String]]) -> CaseOutcome {
        CaseOutcome(evaluationCase: EvaluationCase(id: id, language: language, group: group, truth: truth, mustNot: mustNot,
                                                   form: "bank", origin: "test:\(id)", events: []),
                    fired: fired)
    }

    /// a: gambling expected and fired (TP). b: alcohol expected, nothing fired (FN).
    /// c: look-alike for religion that fired religion (FP, look-alike firing).
    /// d: charity expected, charity and religion fired (TP charity, FP religion).
    private var outcomes: [CaseOutcome] {
        [
            outcome("a", language: "en", group: .signal, truth: ["finance.gambling"], fired: ["finance.gambling": ["g.rule"]]),
            outcome("b", language: "de", group: .signal, truth: ["health.alcohol"], fired: [:]),
            outcome("c", language: "en", group: .lookAlike, truth: [], mustNot: "belief.religion", fired: ["belief.religion": ["r.rule"]]),
            outcome("d", language: "de", group: .signal, truth: ["civic.charity"],
                    fired: ["civic.charity": ["c.rule"], "belief.religion": ["r.rule"]]),
        ]
    }

    func testOverallCountsPrecisionRecallAndF1MatchTheHandCountedValues() {
        let score = EvaluationScore(outcomes)
        XCTAssertEqual(score.overall, EvaluationTally(truePositives: 2, falsePositives: 2, falseNegatives: 1))
        XCTAssertEqual(score.overall.precision!, 0.5, accuracy: 1e-12)
        XCTAssertEqual(score.overall.recall!, 2.0 / 3.0, accuracy: 1e-12)
        XCTAssertEqual(score.overall.f1!, 4.0 / 7.0, accuracy: 1e-12)
    }

    func testPerAttributeLanguageAndRuleTalliesSplitTheSameCounts() {
        let score = EvaluationScore(outcomes)
        XCTAssertEqual(score.byAttribute["belief.religion"], EvaluationTally(falsePositives: 2))
        XCTAssertEqual(score.byAttribute["health.alcohol"], EvaluationTally(falseNegatives: 1))
        XCTAssertEqual(score.byAttribute["finance.gambling"], EvaluationTally(truePositives: 1))
        XCTAssertEqual(score.byLanguage["en"], EvaluationTally(truePositives: 1, falsePositives: 1))
        XCTAssertEqual(score.byLanguage["de"], EvaluationTally(truePositives: 1, falsePositives: 1, falseNegatives: 1))
        XCTAssertEqual(score.byRule["r.rule"], EvaluationTally(falsePositives: 2))
        XCTAssertEqual(score.byRule["c.rule"], EvaluationTally(truePositives: 1))
        XCTAssertNil(score.byAttribute["belief.religion"]!.recall, "nothing expected: recall is undefined, not 0 or 1")
    }

    func testErrorsListEveryFalsePositiveAndNegativeAndTheFiringLookAlike() {
        let score = EvaluationScore(outcomes)
        XCTAssertEqual(score.errors.map { "\($0.kind.rawValue) \($0.caseId) \($0.attribute)" },
                       ["FN b health.alcohol", "FP c belief.religion", "FP d belief.religion"])
        XCTAssertEqual(score.lookAlikesFiring, ["c"])
        XCTAssertEqual(score.lookAlikesFiringByLanguage, ["en": 1])
        XCTAssertEqual(score.largestErrorGroups.first?.group, "FP belief.religion via bank")
        XCTAssertEqual(score.largestErrorGroups.first?.count, 2)
    }

    func testThresholdsNameEveryFigureBelowItsRequirement() {
        let score = EvaluationScore(outcomes)
        // Hand-counted above: F1 4/7 = 0.571, precision 0.5, recall 0.667; per attribute F1:
        // gambling 1, charity 1, alcohol 0, religion 0; one look-alike fired.
        XCTAssertEqual(EvaluationThresholds(f1: 0.57, precision: 0.5, recall: 0.66, maxLookAlikesFiring: 1).violations(of: score), [])
        XCTAssertEqual(EvaluationThresholds(f1: 0.6, precision: 0.98, recall: 0.95, attributeF1: 0.85, maxLookAlikesFiring: 0).violations(of: score), [
            "overall F1 0.571 is below the required 0.600",
            "overall precision 0.500 is below the required 0.980",
            "overall recall 0.667 is below the required 0.950",
            "belief.religion F1 0.000 is below the required 0.850",
            "health.alcohol F1 0.000 is below the required 0.850",
            "1 look-alikes produced the attribute they must not (at most 0 allowed)",
        ])
    }

    func testAnEmptyTallyHasNoFigures() {
        let tally = EvaluationTally()
        XCTAssertNil(tally.precision)
        XCTAssertNil(tally.recall)
        XCTAssertNil(tally.f1)
    }
}
