import BuiltInRules
import Reports
import StewardCore
import StewardPipeline
import XCTest

/// What the HTML dossier is given besides the report (docs/reports.md): each model's ladder,
/// the ways to a better tier and the shipped country outlines.
final class DossierContextBuilderTests: XCTestCase {
    private func arrears(count: Int) -> Finding {
        Finding(attribute: "finance.arrears", title: "Overdue debt and enforcement", sensitivity: .financial, confidence: 0.95,
                count: count, firstSeen: "2025-01-01", lastSeen: "2025-06-01", rules: ["finance.arrears.collection"],
                sources: ["bank.csv"], evidence: [])
    }

    func testLaddersWaysAndOutlinesComeFromTheRulesInUse() throws {
        let ruleset = try Ruleset.load(files: BuiltInRuleSet.files)
        let citizen = try XCTUnwrap(ruleset.models.first { $0.id == "citizen-1000" })
        let findings = [arrears(count: 6)]
        let report = ScanReport(tool: .init(version: "test", rules: ruleset.rules.version),
                                scan: .init(id: "s", started: "2026-01-01T00:00:00Z", paths: []),
                                inputs: [], unrecognized: [], findings: findings, scores: [citizen.evaluate(findings)])
        let context = try DossierContextBuilder.build(report: report, models: ruleset.models, files: ruleset.files)
        // Only the models the report has.
        XCTAssertEqual(Array(context.ladders.keys), ["citizen-1000"])
        XCTAssertEqual(context.ladders["citizen-1000"]?.tiers.map(\.name), citizen.tiers.map(\.name))
        let ways = try XCTUnwrap(context.waysOut["citizen-1000"])
        XCTAssertTrue(ways.contains { $0.attributes == ["finance.arrears"] && $0.records == 6 && $0.tiersGained >= 1 }, "\(ways)")
        let codes = Set(context.outlines.countries.map(\.code))
        XCTAssertGreaterThanOrEqual(codes.count, 170)
        XCTAssertTrue(codes.isSuperset(of: ["GB", "DE", "FR", "ES", "RU", "CN", "US", "NO", "TW"]))
    }
}
