import XCTest
import Rules
@testable import Scoring
@testable import RuleFileReading

/// Invalid model files and the exact message and line each must produce (gitleaks-style).
final class ModelValidationTests: XCTestCase {
    /// A valid points model; each test replaces one part of it.
    private let valid = """
    id: tiny
    title: Tiny
    description: A small model.
    sources:
      SEED: the seed article
    scale: {base: 100, min: 0, max: 200}
    tiers:
      - name: high
        from: 100
        label: fine
      - name: low
        label: not fine
    contributions:
      - id: tiny.gambling
        when: finance.gambling
        delta: -10
        basis: illustrative
        source: "[SEED] direction only"
        reason: Betting lowers the score.
    """

    private func assertRejects(_ yaml: String, _ expected: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try ScoringModel.load(yaml: yaml, file: "m.yaml", knownAttributes: Taxonomy.ids)
            XCTFail("model was accepted; expected: \(expected)", file: file, line: line)
        } catch {
            XCTAssertEqual(error.description, expected, file: file, line: line)
        }
    }

    private func replacing(_ old: String, with new: String) -> String {
        XCTAssertTrue(valid.contains(old), "fixture does not contain \(old)")
        return valid.replacingOccurrences(of: old, with: new)
    }

    func testValidFixtureLoads() throws {
        let model = try ScoringModel.load(yaml: valid, file: "m.yaml", knownAttributes: Taxonomy.ids)
        XCTAssertEqual(model.id, "tiny")
        XCTAssertEqual(model.kind, .points)
        XCTAssertEqual(model.scale, ScoringModel.Scale(base: 100, min: 0, max: 200))
        XCTAssertEqual(model.tiers.map(\.name), ["high", "low"])
        XCTAssertEqual(model.contributions.first?.line, 14)
    }

    func testUnknownKeys() {
        assertRejects(valid + "\nweights: 3",
                      "m.yaml:20: unknown key 'weights' in model (expected one of: contributions, description, examples, id, kind, notes, scale, sources, tiers, title)")
        assertRejects(replacing("    delta: -10", with: "    delta: -10\n    detla: 3"),
                      "m.yaml:17: unknown key 'detla' in contribution (expected one of: basis, cap, delta, factor, id, min_confidence, min_count, per, reason, rules, source, when)")
        assertRejects(replacing("    label: fine", with: "    label: fine\n    treshold: 3"),
                      "m.yaml:11: unknown key 'treshold' in tier (expected one of: above, benefits, consequences, from, label, name, note)")
    }

    func testDuplicateContributionId() {
        let second = """

          - id: tiny.gambling
            when: finance.loans
            delta: -5
            basis: illustrative
            source: "[SEED] again"
            reason: Same id twice.
        """
        assertRejects(valid + second, "m.yaml:20: duplicate contribution id 'tiny.gambling'")
    }

    func testUnknownAttribute() {
        assertRejects(replacing("when: finance.gambling", with: "when: finance.gamblin"),
                      "m.yaml:15: unknown attribute 'finance.gamblin' in contribution 'tiny.gambling'")
    }

    func testBadTiers() {
        assertRejects(replacing("  - name: low\n", with: "  - name: low\n    from: 50\n"),
                      "m.yaml:11: lowest tier 'low' must not have a threshold: it takes every total below the tier above it")
        assertRejects(replacing("    from: 100\n", with: ""),
                      "m.yaml:8: tier 'high' needs 'from' or 'above' (only the lowest tier has no threshold)")
        assertRejects(replacing("    from: 100\n", with: "    from: 100\n    above: 99\n"),
                      "m.yaml:8: tier 'high' has both 'from' and 'above': use one")
        assertRejects(replacing("  - name: low", with: "  - name: high"), "m.yaml:11: duplicate tier 'high'")
        let ascending = replacing("  - name: high\n", with: "  - name: top\n    from: 50\n  - name: high\n")
        assertRejects(ascending, "m.yaml:10: tier 'high' starts at or above tier 'top': list tiers from highest to lowest")
        assertRejects(replacing("from: 100", with: "from: lots"), "m.yaml:9: tier from must be a whole number, got 'lots'")
    }

    func testBadBasisAndUncitedSource() {
        assertRejects(replacing("basis: illustrative", with: "basis: guessed"),
                      "m.yaml:17: basis must be one of documented, reported, illustrative, got 'guessed'")
        assertRejects(replacing("\"[SEED] direction only\"", with: "\"[HZ] direction only\""),
                      "m.yaml:18: source of contribution 'tiny.gambling' must cite one of the model's sources as [SEED]")
    }

    func testDeltaRules() {
        assertRejects(replacing("    delta: -10\n", with: ""), "m.yaml:14: contribution 'tiny.gambling' of a points model needs 'delta'")
        assertRejects(replacing("delta: -10", with: "delta: 0"), "m.yaml:16: contribution 'tiny.gambling' has delta 0: it would change nothing")
        assertRejects(replacing("delta: -10", with: "delta: -10\n    cap: 50"),
                      "m.yaml:17: contribution 'tiny.gambling' has 'cap' without 'per': a single delta needs no cap")
        assertRejects(replacing("delta: -10", with: "delta: -10\n    per: 0"), "m.yaml:17: per must be 1 or more, got 0")
        assertRejects(replacing("delta: -10", with: "delta: -10\n    min_confidence: 1.5"),
                      "m.yaml:17: min_confidence must be between 0 and 1, got 1.5")
        assertRejects(replacing("delta: -10", with: "delta: -10\n    factor: debts"),
                      "m.yaml:17: contribution 'tiny.gambling': 'factor' is only for verdict models")
    }

    func testScaleRules() {
        assertRejects(replacing("scale: {base: 100, min: 0, max: 200}", with: "scale: {base: 300, min: 0, max: 200}"),
                      "m.yaml:6: scale base 300 lies outside min…max")
        assertRejects(replacing("scale: {base: 100, min: 0, max: 200}\n", with: ""),
                      "m.yaml:1: a points model needs 'scale' with 'base'")
        assertRejects(replacing("  SEED: the seed article", with: "  seed: the seed article"),
                      "m.yaml:5: source key 'seed' must be upper-case letters and digits (like SEED, YJ, NHC)")
    }

    func testVerdictRules() {
        let verdict = """
        id: gate
        title: Gate
        description: Pass or stop.
        kind: verdict
        sources: {SEED: the seed}
        tiers:
          - {name: pass}
          - {name: stop}
        contributions:
          - id: gate.loans
            when: finance.loans
            factor: credits
            basis: reported
            source: "[SEED] credits"
            reason: Loans stop the hire.
        """
        XCTAssertNoThrow(try ScoringModel.load(yaml: verdict, file: "v.yaml", knownAttributes: Taxonomy.ids))
        func rejects(_ yaml: String, _ expected: String, line: UInt = #line) {
            XCTAssertThrowsError(try ScoringModel.load(yaml: yaml, file: "v.yaml", knownAttributes: Taxonomy.ids), line: line) {
                XCTAssertEqual(($0 as? RuleFileError)?.description, expected, line: line)
            }
        }
        rejects(verdict.replacingOccurrences(of: "    factor: credits\n", with: "    delta: -5\n"),
                "v.yaml:12: contribution 'gate.loans' of a verdict model has no points: remove 'delta', 'per' and 'cap'")
        rejects(verdict.replacingOccurrences(of: "    factor: credits\n", with: ""),
                "v.yaml:10: contribution 'gate.loans' of a verdict model needs 'factor' (the stop factor it stands for)")
        rejects(verdict.replacingOccurrences(of: "{name: stop}", with: "{name: halt}"),
                "v.yaml:7: a verdict model has exactly the tiers 'pass' and 'stop', found: pass, halt")
        rejects(verdict.replacingOccurrences(of: "{name: stop}", with: "{name: stop, from: 1}"),
                "v.yaml:8: verdict tier 'stop' must not have a threshold")
        rejects(verdict + "\nscale: {base: 1}", "v.yaml:16: a verdict model has no scale: remove 'scale'")
        rejects(verdict + "\nexamples:\n  - {name: x, findings: {}, total: 3, tier: pass}",
                "v.yaml:17: example of a verdict model has no total: remove 'total'")
    }

    func testExampleRules() {
        assertRejects(valid + "\nexamples:\n  - {name: x, findings: {finance.gambling: 1}, total: 90, tier: middle}",
                      "m.yaml:21: example expects unknown tier 'middle' (tiers: high, low)")
        assertRejects(valid + "\nexamples:\n  - {name: x, findings: {finance.gambl: 1}, total: 90, tier: low}",
                      "m.yaml:21: unknown attribute 'finance.gambl' in example 'x'")
        assertRejects(valid + "\nexamples:\n  - {name: x, findings: {finance.gambling: 0}, total: 90, tier: low}",
                      "m.yaml:21: example count must be 1 or more, got 0")
        assertRejects(valid + "\nexamples:\n  - {name: x, findings: {}, tier: low}",
                      "m.yaml:21: example of a points model needs 'total'")
        assertRejects(valid + "\nexamples:\n  - {name: x, findings: {}, total: 100, tier: high, contributions: [tiny.gamble]}",
                      "m.yaml:21: example expects unknown contribution 'tiny.gamble'")
    }

    func testSyntaxErrorNamesLine() {
        XCTAssertThrowsError(try ScoringModel.load(yaml: "id: x\ntitle: [unclosed\n", file: "m.yaml", knownAttributes: [])) {
            XCTAssertTrue("\($0)".hasPrefix("m.yaml:3: YAML syntax error: "), "\($0)")
        }
    }

    func testDuplicateModelIdsAcrossFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scoring-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try valid.write(toFile: directory + "/a.yaml", atomically: true, encoding: .utf8)
        try valid.write(toFile: directory + "/b.yaml", atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try ScoringModel.loadAll(directory: directory, knownAttributes: Taxonomy.ids)) {
            XCTAssertEqual(($0 as? RuleFileError)?.description,
                           "\(directory)/b.yaml:1: duplicate model id 'tiny' (first defined in \(directory)/a.yaml)")
        }
        try FileManager.default.removeItem(atPath: directory + "/b.yaml")
        XCTAssertEqual(try ScoringModel.loadAll(directory: directory, knownAttributes: Taxonomy.ids).map(\.id), ["tiny"])
    }

    func testEmptyDirectoryIsAnError() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("scoring-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        XCTAssertThrowsError(try ScoringModel.loadAll(directory: directory, knownAttributes: Taxonomy.ids)) {
            XCTAssertEqual(($0 as? RuleFileError)?.description, "\(directory):1: no model files (*.yaml) in \(directory)")
        }
    }
}
