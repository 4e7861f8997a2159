import Foundation
import XCTest

/// What each built-in persona reveals, pinned: a rule or model change that moves a persona's
/// findings or tiers shows up here and has to be made deliberately (docs/workshop.md).
final class PersonaFindingsTests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("cli-personas") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    struct Expected {
        var attributes: Set<String>
        var tiers: [String: String]
        /// Shop and place names that only look like something a scorer reads.
        var lookAlikes: [String]
    }

    static let expected: [String: Expected] = [
        "sam": Expected(
            attributes: ["civic.blood_donation", "civic.charity", "conduct.gaming", "finance.arrears", "finance.gambling",
                         "finance.income", "finance.loans", "finance.overdraft", "health.alcohol", "health.fitness",
                         "health.medical", "health.tobacco", "life.dating", "mobility.home", "mobility.travel_abroad",
                         "mobility.workplace"],
            tiers: ["citizen-1000": "B", "health-code": "red", "health-score": "below-start",
                    "hiring-stop-factors": "stop", "sesame-like": "below 600", "travel-blacklist": "stop"],
            lookAlikes: ["Church Street Tesco", "Court Road Bakery", "Casino Royale DVD"]),
        "lena": Expected(
            attributes: ["civic.blood_donation", "civic.charity", "finance.gambling", "finance.income", "finance.loans",
                         "health.fitness", "health.medical", "mobility.home", "mobility.night_activity",
                         "mobility.travel_abroad", "mobility.workplace"],
            tiers: ["citizen-1000": "AAA", "health-code": "red", "health-score": "above-start",
                    "hiring-stop-factors": "stop", "sesame-like": "below 600", "travel-blacklist": "pass"],
            lookAlikes: ["Weingarten", "Spielwaren", "Kirchstraße", "weingarten", "spielwaren"]),
    ]

    func report(_ persona: String) throws -> [String: Any] {
        let result = try StewardProcess.run(["demo", persona, "--dir", home + "/" + persona, "--no-db", "--format", "json",
                                             "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        return try StewardProcess.json(result.stdout)
    }

    func testEveryPersonaHasPinnedExpectations() throws {
        let listed = try StewardProcess.run(["demo", "--list"], home: home)
        XCTAssertEqual(listed.status, 0, listed.stderr)
        let ids = Set(listed.stdout.split(separator: "\n").compactMap { $0.split(separator: "\t").first.map(String.init) })
        XCTAssertEqual(ids, Set(Self.expected.keys))
    }

    func testEachPersonaRevealsExactlyItsPinnedAttributesAndTiers() throws {
        for (persona, expected) in Self.expected.sorted(by: { $0.key < $1.key }) {
            let report = try report(persona)
            let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
            XCTAssertEqual(Set(findings.compactMap { $0["attribute"] as? String }), expected.attributes, persona)
            let scores = try XCTUnwrap(report["scores"] as? [[String: Any]])
            var tiers: [String: String] = [:]
            for score in scores { tiers[score["model"] as? String ?? ""] = score["tier"] as? String }
            XCTAssertEqual(tiers, expected.tiers, persona)
        }
    }

    func testLookAlikeNamesProduceNoEvidence() throws {
        for (persona, expected) in Self.expected.sorted(by: { $0.key < $1.key }) {
            let report = try report(persona)
            let findings = try XCTUnwrap(report["findings"] as? [[String: Any]])
            for finding in findings {
                for item in finding["evidence"] as? [[String: Any]] ?? [] {
                    let excerpt = item["excerpt"] as? String ?? ""
                    for word in expected.lookAlikes {
                        XCTAssertFalse(excerpt.contains(word), "\(persona): \(finding["attribute"] ?? "") cites \(word)")
                    }
                }
            }
        }
    }
}
