import Foundation
import XCTest

/// `steward demo --compare` and `steward compare` (docs/reports.md, "Comparing people"): every
/// persona side by side with each model's result and what decides it, stored scans named on
/// the command line, and the models' disagreements.
final class CompareCommandTests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("compare") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    func testDemoCompareShowsEveryPersonaUnderEveryModelAndTheDisagreements() throws {
        let run = try StewardProcess.run(["demo", "--compare", "--no-db", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(run.status, 0, run.stderr)
        XCTAssertTrue(run.stdout.hasPrefix("COMPARISON: 6 people, 6 models"), run.stdout)
        let models = try XCTUnwrap(run.stdout.components(separatedBy: "WHERE MODELS DISAGREE").first)
        for name in ["Sam Taylor", "Lena Schneider", "Camille Martin", "Lucía García", "Dmitri Volkov", "Wang Fang"] {
            // Once per model, under each model's heading.
            XCTAssertEqual(models.components(separatedBy: "\n  \(name) (synthetic): ").count - 1, 6, "\(name)\n\(run.stdout)")
        }
        XCTAssertTrue(run.stdout.contains("Dmitri Volkov (synthetic): 280 points, D (black mark)"), run.stdout)
        XCTAssertTrue(run.stdout.contains("WHERE MODELS DISAGREE"))
        let flowing = run.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        XCTAssertTrue(flowing.contains("Lena Schneider (synthetic): Municipal citizen score places them high (AAA), Health code (2020) low (red)."), run.stdout)
        XCTAssertTrue(flowing.contains("Lena Schneider (synthetic) chats with Dmitri Volkov (synthetic): -100 points"), run.stdout)
        XCTAssertTrue(flowing.contains("Lucía García (synthetic) chats with Dmitri Volkov (synthetic): -100 points"), run.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home + "/data/steward/steward.db"), "--no-db stores nothing")
    }

    func testCompareOfStoredScansUsesTheNamesGivenAndRefusesASingleScan() throws {
        let db = home + "/room.db"
        var ids: [String] = []
        for persona in ["sam", "dmitri"] {
            let demo = try StewardProcess.run(["demo", persona, "--db", db, "--format", "json", "--rules", StewardProcess.rulesDirectory], home: home)
            XCTAssertEqual(demo.status, 0, demo.stderr)
            ids.append(try XCTUnwrap((try StewardProcess.json(demo.stdout)["scan"] as? [String: Any])?["id"] as? String))
        }
        let compare = try StewardProcess.run(["compare", "\(ids[0])=Sam", "\(ids[1])=Dima", "--db", db, "--format", "json",
                                              "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(compare.status, 0, compare.stderr)
        let json = try StewardProcess.json(compare.stdout)
        XCTAssertEqual(json["schema"] as? String, "steward.comparison/1")
        let people = try XCTUnwrap(json["people"] as? [[String: Any]])
        XCTAssertEqual(people.map { $0["label"] as? String }, ["Sam", "Dima"])
        XCTAssertEqual(people.map { $0["scan"] as? String }, ids)
        let dimaCitizen = try XCTUnwrap((people[1]["scores"] as? [[String: Any]])?.first { $0["model"] as? String == "citizen-1000" })
        XCTAssertEqual(dimaCitizen["tier"] as? String, "D")
        XCTAssertEqual(dimaCitizen["position"] as? Double, 0)
        XCTAssertEqual((dimaCitizen["deciding"] as? [[String: Any]])?.count, 3)

        let one = try StewardProcess.run(["compare", ids[0], "--db", db], home: home)
        XCTAssertEqual(one.status, 2)
        XCTAssertTrue(one.stderr.contains("compare needs at least two scans"), one.stderr)
    }

    func testComparisonPageIsPrivateAndSelfContained() throws {
        let out = home + "/room.html"
        let run = try StewardProcess.run(["demo", "--compare", "sam", "lena", "--no-db", "--format", "html", "--out", out,
                                          "--lang", "zh", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(run.status, 0, run.stderr)
        let attributes = try FileManager.default.attributesOfItem(atPath: out)
        XCTAssertEqual((attributes[.posixPermissions] as? NSNumber)?.intValue, 0o600)
        let page = try String(contentsOfFile: out, encoding: .utf8)
        XCTAssertTrue(page.contains("default-src 'none'"))
        XCTAssertNil(page.range(of: ##"(src|href)\s*=\s*"[^"#]"##, options: .regularExpression), "the page loads nothing")
        XCTAssertTrue(page.contains("对比：2 人，6 个模型"), "Chinese headings")
        XCTAssertEqual(page.components(separatedBy: "<table class=\"compare\">").count - 1, 6)
    }

    func testDemoWithoutCompareTakesOnePersona() throws {
        let run = try StewardProcess.run(["demo", "sam", "lena", "--no-db", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(run.status, 2)
        XCTAssertTrue(run.stderr.contains("add --compare"), run.stderr)
    }
}
