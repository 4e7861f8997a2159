import XCTest
import Rules
import StewardCore
@testable import Scoring

/// Runs the examples of every model in rules/models: adding a model file adds its tests.
final class ModelExamplesTests: XCTestCase {
    func testEveryModelExamplePasses() throws {
        let models: [ScoringModel]
        do {
            models = try ScoringModel.loadAll(directory: Taxonomy.modelsDirectory, knownAttributes: Taxonomy.ids)
        } catch {
            return XCTFail("\(error)")
        }
        XCTAssertEqual(Set(models.map(\.id)), ["citizen-1000", "hiring-stop-factors", "health-score", "sesame-like", "health-code", "travel-blacklist"])
        for model in models {
            XCTAssertFalse(model.examples.isEmpty, "\(model.file): a model must carry examples")
        }
        for failure in ModelExampleRunner.run(models) {
            XCTFail(failure.description)
        }
    }

    func testRunnerReportsAFailingExampleWithItsLine() throws {
        let yaml = """
        id: tiny
        title: Tiny
        description: A two-tier model.
        sources: {SEED: the seed}
        scale: {base: 10}
        tiers:
          - {name: high, from: 10}
          - {name: low}
        contributions:
          - id: tiny.gambling
            when: finance.gambling
            delta: -5
            basis: illustrative
            source: "[SEED] direction only"
            reason: Betting lowers the score.
        examples:
          - name: right
            findings: {finance.gambling: 1}
            total: 5
            tier: low
          - name: wrong on purpose
            findings: {finance.gambling: 1}
            total: 10
            tier: high
            contributions: []
        """
        let model = try ScoringModel.load(yaml: yaml, file: "models/tiny.yaml", knownAttributes: Taxonomy.ids)
        let failures = ModelExampleRunner.run(model)
        XCTAssertEqual(failures.map(\.description), [
            "models/tiny.yaml:21: example 'wrong on purpose': expected total 10, got 5; expected tier high, got low; "
                + "expected contributions [], got [tiny.gambling]",
        ])
    }
}
