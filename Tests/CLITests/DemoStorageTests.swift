import Foundation
import XCTest

/// `steward demo` stores its scan with its exports in steward's data folder, so every command it
/// suggests works afterwards and `forget` removes them; a failed demo leaves nothing behind.
final class DemoStorageTests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("demo-store") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    func testCommandsTheDemoSuggestsWorkAfterwardsAndForgetRemovesTheExports() throws {
        let demo = try StewardProcess.run(["demo", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(demo.status, 0, demo.stderr)
        XCTAssertTrue(demo.stdout.contains("steward explain health.alcohol"), "the report suggests explain")
        let exports = home + "/data/steward/demo/sam"
        XCTAssertTrue(FileManager.default.fileExists(atPath: exports + "/bank/credit-card.ofx"))

        let explain = try StewardProcess.run(["explain", "health.alcohol", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(explain.status, 0, explain.stderr)
        XCTAssertTrue(explain.stdout.hasPrefix("health.alcohol · Alcohol"), explain.stdout)
        let whatIf = try StewardProcess.run(["what-if", "--without", "bank.ofx", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(whatIf.status, 0, whatIf.stderr)
        XCTAssertTrue(whatIf.stdout.contains("no longer: -60  health.tobacco  citizen.smoking"), whatIf.stdout)

        let forget = try StewardProcess.run(["forget", "--yes"], home: home)
        XCTAssertEqual(forget.status, 0, forget.stderr)
        XCTAssertTrue(forget.stdout.contains(exports + "/bank/credit-card.ofx  (demo persona's synthetic export)"), forget.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home + "/data/steward"), "forget leaves no steward folder")
    }

    func testDemoWithItsOwnDatabaseKeepsItsExportsForWhatIf() throws {
        let db = home + "/workshop.db"
        let demo = try StewardProcess.run(["demo", "--db", db, "--format", "json", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let whatIf = try StewardProcess.run(["what-if", "--without", "bank.csv", "--db", db, "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(whatIf.status, 0, whatIf.stderr)
        XCTAssertTrue(whatIf.stdout.contains("without bank.csv: source, 247 records from 1 file"), whatIf.stdout)
    }

    func testFailedDemoLeavesNoExportsBehind() throws {
        let tmp = home + "/tmp"
        try FileManager.default.createDirectory(atPath: tmp, withIntermediateDirectories: false)
        // The database path is a folder: the scan fails after the exports were written.
        try FileManager.default.createDirectory(atPath: home + "/data/steward/steward.db", withIntermediateDirectories: true)
        let failed = try StewardProcess.run(["demo", "--rules", StewardProcess.rulesDirectory], home: home, extraEnvironment: ["TMPDIR": tmp])
        XCTAssertNotEqual(failed.status, 0)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home + "/data/steward/demo/sam"), "a failed demo removes its exports")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp), [])

        let kept = try StewardProcess.run(["demo", "--no-db", "--format", "json", "--rules", StewardProcess.rulesDirectory],
                                          home: home, extraEnvironment: ["TMPDIR": tmp])
        XCTAssertEqual(kept.status, 0, kept.stderr)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: tmp), [], "--no-db keeps no steward-demo-* folder")
    }

    func testLanguageAndPersonaErrorsSayWhatIsWrong() throws {
        let lang = try StewardProcess.run(["demo", "--lang", "xx"], home: home)
        XCTAssertEqual(lang.status, 2)
        XCTAssertTrue(lang.stderr.contains("--lang xx: no such language (available: en, de, fr, es, ru, zh)"), lang.stderr)
        XCTAssertFalse(lang.stderr.contains("no persona named"), lang.stderr)
        let persona = try StewardProcess.run(["demo", "nobody"], home: home)
        XCTAssertEqual(persona.status, 2)
        XCTAssertTrue(persona.stderr.contains("no persona named 'nobody' (available: sam, lena, camille, lucia, dmitri, fang)"), persona.stderr)
        XCTAssertFalse(persona.stderr.contains("USAGE"), persona.stderr)
    }
}
