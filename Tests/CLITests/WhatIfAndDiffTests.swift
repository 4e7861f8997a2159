import Foundation
import XCTest

/// `steward what-if` and `steward diff` on stored scans, through the binary.
final class WhatIfAndDiffTests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("whatif") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    private func scanPersona() throws -> String {
        let dir = home + "/persona"
        XCTAssertEqual(try StewardProcess.run(["demo", "--write-only", "--dir", dir], home: home).status, 0)
        let scan = try StewardProcess.run(["scan", dir, "--rules", StewardProcess.rulesDirectory, "--format", "json"], home: home)
        XCTAssertEqual(scan.status, 0, scan.stderr)
        return dir
    }

    func testBestFindsTheShortestWayFromBToAPlusForTheDemoPersona() throws {
        _ = try scanPersona()
        let best = try StewardProcess.run(["what-if", "--best", "3", "--model", "citizen-1000",
                                           "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(best.status, 0, best.stderr)
        XCTAssertTrue(best.stdout.contains("citizen-1000: now 940 (B)"), best.stdout)
        let toAPlus = try XCTUnwrap(best.stdout.components(separatedBy: "    to A+:\n").dropFirst().first, best.stdout)
        XCTAssertTrue(toAPlus.hasPrefix("      without finance.arrears → 1040 (A+), takes away "), best.stdout)
        XCTAssertTrue(best.stdout.contains("    to AAA:\n      without "), "a two-attribute way to AAA: \(best.stdout)")
        XCTAssertFalse(best.stdout.contains("health-code"), "--model keeps to the named model")

        let bySource = try StewardProcess.run(["what-if", "--best", "1", "--by", "source", "--model", "citizen-1000",
                                               "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(bySource.status, 0, bySource.stderr)
        let sourceToAPlus = try XCTUnwrap(bySource.stdout.components(separatedBy: "    to A+:\n").dropFirst().first, bySource.stdout)
        XCTAssertTrue(sourceToAPlus.hasPrefix("      without bank.ofx → 1120 (AAA), takes away "), bySource.stdout)
        XCTAssertTrue(bySource.stdout.contains("steward what-if --without SOURCE"), "says how to check a way exactly: \(bySource.stdout)")
        let byFile = try StewardProcess.run(["what-if", "--best", "1", "--by", "file", "--model", "citizen-1000",
                                             "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(byFile.status, 0, byFile.stderr)
        XCTAssertTrue(byFile.stdout.contains("the fewest files to remove"), byFile.stdout)
        XCTAssertTrue(byFile.stdout.contains("credit-card.ofx"), "a way names the card statement: \(byFile.stdout)")
        XCTAssertTrue(byFile.stdout.contains("steward what-if --without PATH"), byFile.stdout)

        let unknown = try StewardProcess.run(["what-if", "--best", "3", "--model", "citizen-100"], home: home)
        XCTAssertEqual(unknown.status, 2)
        XCTAssertTrue(unknown.stderr.contains("did you mean 'citizen-1000'"), unknown.stderr)
        XCTAssertEqual(try StewardProcess.run(["what-if", "--best", "2", "--without", "finance.arrears"], home: home).status, 2)
    }

    func testWithoutAnAttributeAndWithoutASource() throws {
        _ = try scanPersona()
        let attribute = try StewardProcess.run(["what-if", "--without", "finance.arrears", "--without", "health.alcohol",
                                                "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(attribute.status, 0, attribute.stderr)
        XCTAssertTrue(attribute.stdout.contains("citizen-1000: 940 (B) → 1140 (AAA)"), attribute.stdout)
        XCTAssertTrue(attribute.stdout.contains("no longer: -100  finance.arrears  citizen.arrears"), attribute.stdout)

        let source = try StewardProcess.run(["what-if", "--without", "bank.ofx", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(source.status, 0, source.stderr)
        XCTAssertTrue(source.stdout.contains("no longer: -60  health.tobacco  citizen.smoking"), source.stdout)
        // The card statement alone held the tobacco payments; the bank CSV the debt collector.
        XCTAssertFalse(source.stdout.contains("citizen.arrears"), source.stdout)
    }

    func testDiffShowsWhatDeletingAFileChanged() throws {
        let dir = try scanPersona()
        let first = try StewardProcess.run(["report", "--list"], home: home).stdout.split(separator: " ").first.map(String.init) ?? ""
        try FileManager.default.removeItem(atPath: dir + "/bank/credit-card.ofx")
        XCTAssertEqual(try StewardProcess.run(["scan", dir, "--rules", StewardProcess.rulesDirectory, "--format", "json"], home: home).status, 0)
        let diff = try StewardProcess.run(["diff", first], home: home)
        XCTAssertEqual(diff.status, 0, diff.stderr)
        XCTAssertTrue(diff.stdout.contains("- health.tobacco: gone (was 6 records)"), diff.stdout)
        XCTAssertTrue(diff.stdout.contains("~ citizen-1000: 940 (B) →"), diff.stdout)
    }

    func testWhatIfNeedsAStoredScan() throws {
        let result = try StewardProcess.run(["what-if", "--without", "finance.gambling", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(result.status, 2)
        XCTAssertTrue(result.stderr.contains("run `steward scan` first"), result.stderr)
    }
}
