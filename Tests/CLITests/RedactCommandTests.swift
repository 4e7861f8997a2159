import Foundation
import XCTest

/// `steward redact` through the binary on the demo persona's exports (docs/redact.md).
final class RedactCommandTests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("redact") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    func testRedactsTheDemoExportsAndSaysWhatWent() throws {
        let dir = home + "/persona"
        XCTAssertEqual(try StewardProcess.run(["demo", "--write-only", "--dir", dir], home: home).status, 0)
        let result = try StewardProcess.run(["redact", dir, "--without", "finance.gambling", "--without", "health.alcohol",
                                             "--out", home + "/copies", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        XCTAssertTrue(result.stdout.contains("persona/bank/credit-card.ofx: removed 76 records"), result.stdout)
        XCTAssertTrue(result.stdout.contains("Search/MyActivity.json: removed 6 records"), result.stdout)
        XCTAssertTrue(result.stdout.contains("  finance.gambling: 62 records → no finding"), result.stdout)
        XCTAssertFalse(result.stdout.contains("KEPT"), result.stdout)
        let scan = try StewardProcess.run(["scan", home + "/copies/persona", "--no-db", "--format", "json",
                                           "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(scan.status, 0, scan.stderr)
        let report = try JSONSerialization.jsonObject(with: Data(scan.stdout.utf8)) as! [String: Any]
        let attributes = (report["findings"] as! [[String: Any]]).map { $0["attribute"] as! String }
        XCTAssertFalse(attributes.contains("finance.gambling"))
        XCTAssertFalse(attributes.contains("health.alcohol"))
        XCTAssertTrue(attributes.contains("health.tobacco"))

        // In German, and an analyzer's finding is refused with the reason.
        let german = try StewardProcess.run(["redact", dir, "--without", "mobility.home", "--out", home + "/other", "--lang", "de",
                                             "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(german.status, 2)
        XCTAssertTrue(german.stderr.contains("Analysator"), german.stderr)
        XCTAssertFalse(FileManager.default.fileExists(atPath: home + "/other"))
    }

    func testOutInsideTheDataFolderOnlyBelowRedactedWhichForgetRemoves() throws {
        let dir = home + "/persona"
        XCTAssertEqual(try StewardProcess.run(["demo", "--write-only", "--dir", dir], home: home).status, 0)
        let data = home + "/data/steward"
        let refused = try StewardProcess.run(["redact", dir + "/bank", "--without", "health.alcohol", "--out", data + "/mine",
                                              "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(refused.status, 2, refused.stderr)
        XCTAssertTrue(refused.stderr.contains("/data/steward/redacted (steward forget removes them)"), refused.stderr)
        let written = try StewardProcess.run(["redact", dir + "/bank", "--without", "health.alcohol", "--out", data + "/redacted",
                                              "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(written.status, 0, written.stderr)
        XCTAssertTrue(FileManager.default.fileExists(atPath: data + "/redacted/bank/credit-card.ofx"))
        let forget = try StewardProcess.run(["forget", "--yes"], home: home)
        XCTAssertEqual(forget.status, 0, forget.stderr)
        XCTAssertTrue(forget.stdout.contains("copy written by steward redact"), forget.stdout)
        XCTAssertFalse(FileManager.default.fileExists(atPath: data + "/redacted"))
    }
}
