import XCTest
import StewardCore
@testable import Scoring

final class ScoringModelEvaluationTests: XCTestCase {
    private func finding(_ attribute: String, count: Int = 1, confidence: Double = 0.9) -> Finding {
        Finding(attribute: attribute, title: attribute, sensitivity: .behavioral, confidence: confidence, count: count,
                firstSeen: nil, lastSeen: nil, rules: ["r"], sources: ["s"], evidence: [])
    }

    private func citizen() throws -> ScoringModel {
        try ScoringModel.load(file: Taxonomy.modelsDirectory + "/citizen-1000.yaml", knownAttributes: Taxonomy.ids)
    }

    func testCitizenUnnamedRangeIsBAndSaysSo() throws {
        let result = try citizen().evaluate([finding("politics.protest"), finding("conduct.gaming"), finding("legal.traffic_fines")])
        XCTAssertEqual(result.total, 860)
        XCTAssertEqual(result.tier, "B")
        XCTAssertEqual(result.tierLabel, "average")
        XCTAssertTrue(result.notes.contains { $0.contains("849–899") && $0.contains("as B") }, "\(result.notes)")
        XCTAssertTrue(result.notes.contains("3 of 3 contributions are illustrative: the direction has a source, "
            + "the number of points is steward's own, to show the mechanism."))
    }

    func testCitizenTierConsequencesAndContributionFields() throws {
        let result = try citizen().evaluate([finding("civic.blood_donation", count: 4)])
        XCTAssertEqual(result.total, 1200)
        XCTAssertEqual(result.tier, "AAA")
        XCTAssertEqual(result.tierLabel, "exemplary")
        // Issue 9: what a good tier grants is a benefit, never listed as what it costs.
        XCTAssertTrue(result.benefits.contains("faster permission to travel to Europe [SEED]"))
        XCTAssertEqual(result.consequences, [])
        XCTAssertEqual(result.base, 1000)
        XCTAssertEqual(result.contributions, [Contribution(
            rule: "citizen.blood_donation", attribute: "civic.blood_donation", delta: 200, basis: .documented,
            source: "[YJ] Yanji morality bank: blood donation 200 points; [NHC] blood donation is part of social credit nationally",
            reason: "Donating blood earns points; Yanji published 200 for a donation, counted here once.")])
        XCTAssertFalse(result.notes.contains { $0.contains("illustrative") })

        let d = try citizen().evaluate(["politics.protest", "legal.court", "finance.arrears", "finance.gambling",
                                        "work.job_hopping", "health.tobacco"].map { finding($0) })
        XCTAssertEqual(d.tier, "D")
        XCTAssertTrue(d.consequences.contains("not hired, not even as a taxi driver [SEED]"))
        XCTAssertTrue(d.consequences.contains("no loans [SEED]"))
        let c = try citizen().evaluate([finding("politics.protest"), finding("legal.court")])
        XCTAssertEqual(c.total, 800)
        XCTAssertEqual(c.consequences, ["bike rental only against a 200 yuan deposit [SEED]",
                                        "may be dismissed from state and municipal jobs [SEED]"])
    }

    func testPerAndCap() throws {
        let model = try citizen()
        XCTAssertEqual(model.evaluate([finding("legal.traffic_fines", count: 2)]).total, 960)
        XCTAssertEqual(model.evaluate([finding("legal.traffic_fines", count: 5_000)]).total, 900)
        // A count near Int.max must not trap.
        XCTAssertEqual(model.evaluate([finding("legal.traffic_fines", count: Int.max)]).total, 900)
        // Two findings for one attribute count together.
        XCTAssertEqual(model.evaluate([finding("legal.traffic_fines"), finding("legal.traffic_fines", count: 2)]).total, 940)
    }

    /// Issue 9: "1 of 1 contributions is illustrative", not "are".
    func testIllustrativeNoteAgreesInNumber() throws {
        let one = try citizen().evaluate([finding("conduct.gaming")])
        XCTAssertTrue(one.notes.contains("1 of 1 contributions is illustrative: the direction has a source, "
            + "the number of points is steward's own, to show the mechanism."), "\(one.notes)")
    }

    func testClampingAndConfidenceConditions() throws {
        let model = ScoringModel(
            id: "m", title: "M", description: "d", kind: .points, sources: [.init(key: "SEED", citation: "seed")],
            scale: .init(base: 10, min: 0, max: 20),
            tiers: [ModelTier(name: "up", threshold: .above(10), label: nil, consequences: ["perk"], note: nil, line: 1),
                    ModelTier(name: "down", threshold: nil, label: nil, consequences: [], note: nil, line: 2)],
            contributions: [
                ModelContribution(id: "m.a", attribute: "finance.arrears", minConfidence: 0.8, delta: -50,
                                  basis: .illustrative, source: "[SEED]", reason: "r"),
                ModelContribution(id: "m.b", attribute: "civic.charity", minCount: 3, delta: 50,
                                  basis: .reported, source: "[SEED]", reason: "r"),
            ])
        let low = model.evaluate([finding("finance.arrears", confidence: 0.9)])
        XCTAssertEqual(low.total, 0)
        XCTAssertEqual(low.tier, "down")
        // Issue 9: the note names the base, so its sum matches the contributions the report lists.
        XCTAssertTrue(low.notes.contains("The base of 10 plus the contributions (-50) comes to -40; the scale stops at 0, so the total is 0."),
                      "\(low.notes)")
        XCTAssertEqual(low.base, 10)
        XCTAssertEqual(model.evaluate([finding("finance.arrears", confidence: 0.5)]).total, 10)
        XCTAssertEqual(model.evaluate([finding("civic.charity", count: 2)]).total, 10)
        let high = model.evaluate([finding("civic.charity", count: 3)])
        XCTAssertEqual(high.total, 20)
        XCTAssertEqual(high.tier, "up")
        XCTAssertEqual(high.consequences, ["perk"])
    }

    func testWhatIfRemovesAttributes() throws {
        let findings = [finding("politics.protest"), finding("civic.blood_donation"), finding("legal.court")]
        let (before, after) = ScoringModel.whatIf(model: try citizen(), findings: findings,
                                                  without: ["politics.protest", "legal.court"])
        XCTAssertEqual(before.total, 1000)
        XCTAssertEqual(before.tier, "A+")
        XCTAssertEqual(after.total, 1200)
        XCTAssertEqual(after.tier, "AAA")
        XCTAssertEqual(after.contributions.map(\.rule), ["citizen.blood_donation"])
    }

    func testHiringVerdictNamesFactors() throws {
        let model = try ScoringModel.load(file: Taxonomy.modelsDirectory + "/hiring-stop-factors.yaml",
                                          knownAttributes: Taxonomy.ids)
        let pass = model.evaluate([finding("civic.charity")])
        XCTAssertEqual(pass.tier, "pass")
        XCTAssertNil(pass.total)
        XCTAssertEqual(pass.consequences, [])
        let stop = model.evaluate([finding("finance.arrears"), finding("finance.loans")])
        XCTAssertEqual(stop.tier, "stop")
        XCTAssertNil(stop.total)
        XCTAssertEqual(stop.contributions.map(\.rule), ["hiring.credits", "hiring.overdue_loans"])
        XCTAssertEqual(stop.contributions.map(\.delta), [nil, nil])
        XCTAssertEqual(stop.contributions.map(\.basis), [.reported, .reported])
        XCTAssertTrue(stop.contributions[1].reason?.hasPrefix("Stop factor: overdue loans and bailiff proceedings on them. ") ?? false)
        XCTAssertTrue(stop.contributions.allSatisfy { $0.source.contains("[SEED]") && $0.source.contains("Sberbank") })
        XCTAssertEqual(stop.consequences.count, 2)
    }
}

/// Contributions limited to some rules count only those rules' records.
final class PerRuleContributionTests: XCTestCase {
    func testRulesLimitTheCountAndMissingCountsGiveNothing() throws {
        let yaml = """
        id: m
        title: M
        description: d
        sources:
          X: a source
        scale: {base: 50, min: 0, max: 100}
        tiers:
          - {name: up, above: 50, label: up, consequences: []}
          - {name: flat, label: flat, consequences: []}
        contributions:
          - id: m.steps
            when: health.fitness
            rules: [health.fitness.daily_steps]
            delta: 5
            per: 1
            basis: illustrative
            source: "[X] five per day"
            reason: steps
        """
        let model = try ScoringModel.load(yaml: yaml, file: "m.yaml", knownAttributes: ["health.fitness"])
        func finding(_ counts: [String: Int]?) -> Finding {
            Finding(attribute: "health.fitness", title: "Fitness", sensitivity: .special, confidence: 1, count: 9,
                    firstSeen: nil, lastSeen: nil, rules: Array((counts ?? [:]).keys), sources: [], evidence: [], ruleCounts: counts)
        }
        XCTAssertEqual(model.evaluate([finding(["health.fitness.daily_steps": 2, "health.fitness.gym": 7])]).total, 60)
        XCTAssertEqual(model.evaluate([finding(["health.fitness.gym": 9])]).total, 50)
        XCTAssertEqual(model.evaluate([finding(nil)]).total, 50, "no per-rule counts: nothing is credited")
    }
}
