import XCTest
import StewardCore
@testable import Scoring
@testable import StewardPipeline

/// `what-if --best`: the fewest attributes to remove for each better tier (docs/scoring.md,
/// "The way out").
final class BestRemovalsTests: XCTestCase {
    private func finding(_ attribute: String, _ count: Int) -> Finding {
        Finding(attribute: attribute, title: attribute, sensitivity: .financial, confidence: 0.9, count: count,
                firstSeen: nil, lastSeen: nil, rules: [attribute + ".rule"], sources: ["bank.csv"], evidence: [])
    }

    private func model(better: String = "higher") throws -> ScoringModel {
        let yaml = """
        id: tiny
        title: Tiny
        description: Three tiers.
        sources: {SEED: the seed}
        scale: {base: 100, better: \(better)}
        tiers:
          - {name: top, from: 100}
          - {name: middle, from: 80}
          - {name: bottom}
        contributions:
          - {id: tiny.gift, when: civic.charity, delta: 10, basis: illustrative, source: "[SEED] up", reason: Up.}
          - {id: tiny.bets, when: finance.gambling, delta: -15, basis: illustrative, source: "[SEED] down", reason: Down.}
          - {id: tiny.debt, when: finance.arrears, delta: -30, basis: illustrative, source: "[SEED] down", reason: Down.}
          - {id: tiny.fine, when: legal.traffic_fines, delta: -5, basis: illustrative, source: "[SEED] down", reason: Down.}
        examples:
          - {name: nothing, findings: {}, total: 100, tier: top}
        """
        return try ScoringModel.load(yaml: yaml, file: "tiny.yaml",
                                     knownAttributes: ["civic.charity", "finance.gambling", "finance.arrears", "legal.traffic_fines"])
    }

    func testFindsTheSmallestSetForEachBetterTierClosestFirstAndNeverRemovesABenefit() throws {
        // 100 + 10 - 15 - 30 - 5 = 60: bottom.
        let findings = [finding("civic.charity", 3), finding("finance.gambling", 4), finding("finance.arrears", 2), finding("legal.traffic_fines", 1)]
        let result = BestRemovals.search(findings: findings, models: [try model()], limit: 2)[0]
        XCTAssertEqual(result.current.tier, "bottom")
        XCTAssertEqual(result.byTier.map(\.tier), ["middle", "top"])
        // To middle (≥ 80): arrears alone gives 90 (gambling alone, 75, is not enough); of the
        // pairs, arrears and the fine take away fewer records (3) than arrears and gambling (6).
        XCTAssertEqual(result.byTier[0].ways.map(\.attributes), [["finance.arrears"], ["finance.arrears", "legal.traffic_fines"]])
        XCTAssertEqual(result.byTier[0].ways[0].total, 90)
        XCTAssertEqual(result.byTier[0].ways[0].records, 2)
        // To top (≥ 100): arrears and gambling give 105; arrears and the fine 95 do not reach it.
        XCTAssertEqual(result.byTier[1].ways.first?.attributes, ["finance.gambling", "finance.arrears"])
        for way in result.byTier.flatMap(\.ways) { XCTAssertFalse(way.attributes.contains("civic.charity")) }
    }

    func testSaysWhyWhenAlreadyAtTheBestTierOrNothingLowersIt() throws {
        let best = BestRemovals.search(findings: [finding("civic.charity", 1)], models: [try model()], limit: 3)[0]
        XCTAssertTrue(best.byTier.isEmpty)
        XCTAssertEqual(best.whyNot, "already in the best tier, top")
        let lowerIsBetter = BestRemovals.search(findings: [finding("civic.charity", 1)], models: [try model(better: "lower")], limit: 3)[0]
        XCTAssertEqual(lowerIsBetter.current.tier, "top", "110 points is the top tier, the worst place when lower is better")
        XCTAssertTrue(try XCTUnwrap(lowerIsBetter.whyNot).hasPrefix("removing up to 1 of civic.charity"), lowerIsBetter.whyNot ?? "")
    }

    func testBySourceSplitsAFindingByItsStoredRecordsAndDropsAnAnalyzerFindingOnlyWithAllItsSources() throws {
        // 100 + 10 - 15 - 30 - 5 = 60: bottom. Gambling has records in two sources; arrears
        // (an analyzer's finding, no stored records) comes from bank.csv and bank.ofx.
        var gambling = finding("finance.gambling", 4)
        gambling.sources = ["bank.csv", "google.my_activity"]
        var arrears = finding("finance.arrears", 2)
        arrears.sources = ["bank.csv", "bank.ofx"]
        let findings = [finding("civic.charity", 3), gambling, arrears, finding("legal.traffic_fines", 1)]
        let bySource = ["finance.gambling": ["bank.csv": 3, "google.my_activity": 1],
                        "civic.charity": ["bank.csv": 3], "legal.traffic_fines": ["bank.csv": 1]]
        let removal = SourceRemoval(recordsBySource: bySource)
        let withoutSearches = removal.remove(["google.my_activity"], from: findings)
        XCTAssertEqual(withoutSearches.records, 1)
        XCTAssertEqual(withoutSearches.kept.first { $0.attribute == "finance.gambling" }?.count, 3, "three bank records stay")
        XCTAssertEqual(withoutSearches.kept.count, 4)
        let withoutCSV = removal.remove(["bank.csv"], from: findings)
        XCTAssertEqual(Set(withoutCSV.kept.map(\.attribute)), ["finance.gambling", "finance.arrears"],
                       "charity and fines go with their only source; arrears stays while bank.ofx is kept")
        XCTAssertEqual(withoutCSV.records, 3 + 3 + 1)
        let withoutBoth = removal.remove(["bank.csv", "bank.ofx"], from: findings)
        XCTAssertFalse(withoutBoth.kept.contains { $0.attribute == "finance.arrears" })

        let result = BestRemovals.search(findings: findings, recordsBySource: bySource, models: [try model()], limit: 2)[0]
        // Removing bank.csv takes charity (+10), the fine (-5) and three of four gambling
        // records (still -15) away: 100 - 15 - 30 = 55, worse. Only with bank.ofx as well does
        // arrears go: 100 - 15 = 85, middle.
        XCTAssertEqual(result.byTier.first?.tier, "middle")
        XCTAssertEqual(result.byTier.first?.ways.first?.attributes, ["bank.csv", "bank.ofx"])
        XCTAssertEqual(result.byTier.first?.ways.first?.total, 85)
    }

    func testByFileSplitsAFindingByItsStoredRecordsAndKeepsAnAnalyzerFinding() throws {
        var arrears = finding("finance.arrears", 2)
        arrears.sources = ["bank.csv"]
        let findings = [finding("finance.gambling", 4), arrears]
        let byFile = ["finance.gambling": ["bank/a.csv": 3, "takeout.zip!MyActivity.json": 1]]
        let removal = FileRemoval(recordsByFile: byFile)
        let withoutStatement = removal.remove(["bank/a.csv"], from: findings)
        XCTAssertEqual(withoutStatement.records, 3)
        XCTAssertEqual(withoutStatement.kept.first { $0.attribute == "finance.gambling" }?.count, 1)
        XCTAssertTrue(withoutStatement.kept.contains { $0.attribute == "finance.arrears" },
                      "an analyzer's finding has no stored records to split: it stays")
        let withoutBoth = removal.remove(["bank/a.csv", "takeout.zip!MyActivity.json"], from: findings)
        XCTAssertEqual(withoutBoth.kept.map(\.attribute), ["finance.arrears"])
        XCTAssertEqual(removal.candidates(harmByAttribute: ["finance.gambling": 15, "finance.arrears": 30], findings: findings),
                       ["bank/a.csv", "takeout.zip!MyActivity.json"], "only files that hold records are candidates")
    }
}
