import Foundation
import XCTest

/// Names given to `what-if --without` and `explain` are resolved against the stored scan: every
/// spelling of a scanned path finds it, and an unknown name is an error with the closest valid
/// ones, never a silent "no change".
final class NameResolutionTests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("names") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    /// Writes the persona to `home/sam` and scans it as `sam` from `home` (a relative path).
    private func scanRelative() throws {
        XCTAssertEqual(try StewardProcess.run(["demo", "--write-only", "--dir", home + "/sam"], home: home).status, 0)
        let scan = try StewardProcess.run(["scan", "sam", "--rules", StewardProcess.rulesDirectory, "--format", "json"],
                                          home: home, currentDirectory: home)
        XCTAssertEqual(scan.status, 0, scan.stderr)
    }

    private func whatIf(_ names: [String]) throws -> StewardProcess.Result {
        try StewardProcess.run(["what-if", "--rules", StewardProcess.rulesDirectory] + names.flatMap { ["--without", $0] },
                               home: home, currentDirectory: home)
    }

    func testUnknownAttributeSourceAndPathAreErrorsWithTheClosestNames() throws {
        try scanRelative()
        let typo = try whatIf(["finance.gamblng"])
        XCTAssertEqual(typo.status, 2, typo.stdout + typo.stderr)
        XCTAssertTrue(typo.stderr.contains("'finance.gamblng' is no attribute, rule, source or path"), typo.stderr)
        XCTAssertTrue(typo.stderr.contains("did you mean 'finance.gambling'"), typo.stderr)
        XCTAssertFalse(typo.stdout.contains("→"), "no scores are shown for a name that matched nothing: \(typo.stdout)")

        let source = try whatIf(["bank.xyz"])
        XCTAssertEqual(source.status, 2)
        XCTAssertTrue(source.stderr.contains("did you mean"), source.stderr)
        XCTAssertTrue(source.stderr.contains("'bank."), source.stderr)

        let path = try whatIf(["sam/bnk"])
        XCTAssertEqual(path.status, 2)
        XCTAssertTrue(path.stderr.contains("did you mean 'sam/bank'"), path.stderr)

        let explain = try StewardProcess.run(["explain", "finance.gamblng", "--rules", StewardProcess.rulesDirectory],
                                             home: home, currentDirectory: home)
        XCTAssertEqual(explain.status, 2)
        XCTAssertTrue(explain.stderr.contains("did you mean 'finance.gambling'"), explain.stderr)
        XCTAssertFalse(explain.stderr.contains("USAGE"), "a specific error is not followed by the usage block")
    }

    func testEverySpellingOfTheBankFolderRemovesTheSameRecords() throws {
        try scanRelative()
        let spellings = ["sam/bank", "./sam/bank", "sam/bank/", home + "/sam/bank", home + "/sam/./bank/"]
        var outputs: [String] = []
        for spelling in spellings {
            let result = try whatIf([spelling])
            XCTAssertEqual(result.status, 0, "\(spelling): \(result.stderr)")
            XCTAssertTrue(result.stdout.contains("without \(spelling): path, 520 records from 2 files: sam/bank/credit-card.ofx (273), sam/bank/current-account.csv (247)"),
                          "\(spelling): \(result.stdout)")
            XCTAssertTrue(result.stdout.contains("no longer: -60  health.tobacco  citizen.smoking"), result.stdout)
            outputs.append(result.stdout.components(separatedBy: "\n").filter { $0.contains("→") || $0.contains("no longer") }.joined(separator: "\n"))
        }
        XCTAssertEqual(Set(outputs).count, 1, "every spelling changes the scores alike")
    }

    func testAFileInsideTheFolderAndAnArchiveMemberAreResolved() throws {
        try scanRelative()
        let file = try whatIf([home + "/sam/bank/credit-card.ofx"])
        XCTAssertEqual(file.status, 0, file.stderr)
        XCTAssertTrue(file.stdout.contains("path, 273 records from 1 file: sam/bank/credit-card.ofx (273)"), file.stdout)

        let member = try whatIf(["sam/takeout-20260301T090000Z-001.zip!Takeout/My Activity/"])
        XCTAssertEqual(member.status, 0, member.stderr)
        XCTAssertTrue(member.stdout.contains("path, 73 records from 1 file: sam/takeout-20260301T090000Z-001.zip!Takeout/My Activity/Search/MyActivity.json (73)"),
                      member.stdout)
    }

    func testWhatIfSaysWhatEachAttributeSourceAndRuleMatched() throws {
        try scanRelative()
        let result = try whatIf(["bank.ofx", "health.alcohol", "finance.gambling.bookmaker"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let lines = result.stdout.components(separatedBy: "\n")
        XCTAssertTrue(lines.contains("  without bank.ofx: source, 273 records from 1 file: sam/bank/credit-card.ofx (273)"), result.stdout)
        XCTAssertTrue(lines.contains("  without health.alcohol: attribute, 24 records from 1 file: sam/bank/credit-card.ofx (24)"), result.stdout)
        XCTAssertTrue(lines.contains { $0.hasPrefix("  without finance.gambling.bookmaker: rule of finance.gambling, ") }, result.stdout)
        // What was matched comes before the scores.
        let matchedLine = try XCTUnwrap(lines.firstIndex { $0.contains("without bank.ofx:") })
        let scoreLine = try XCTUnwrap(lines.firstIndex { $0.contains("citizen-1000:") })
        XCTAssertLessThan(matchedLine, scoreLine)
    }

    func testExplainTakesARuleAndASource() throws {
        try scanRelative()
        let rule = try StewardProcess.run(["explain", "health.alcohol.purchase", "--rules", StewardProcess.rulesDirectory],
                                          home: home, currentDirectory: home)
        XCTAssertEqual(rule.status, 0, rule.stderr)
        XCTAssertEqual(rule.stdout.components(separatedBy: "\n").filter { $0.hasSuffix("[health.alcohol.purchase]") }.count, 24, rule.stdout)
        let source = try StewardProcess.run(["explain", "bank.ofx", "--rules", StewardProcess.rulesDirectory],
                                            home: home, currentDirectory: home)
        XCTAssertEqual(source.status, 0, source.stderr)
        let evidence = source.stdout.components(separatedBy: "\n").dropFirst().filter { !$0.isEmpty }
        XCTAssertFalse(evidence.isEmpty)
        XCTAssertTrue(evidence.allSatisfy { $0.contains("sam/bank/credit-card.ofx") }, source.stdout)
    }

    func testWhatIfFromAnotherFolderSaysWhyTheInputsCannotBeReadAgain() throws {
        try scanRelative()
        let elsewhere = home + "/elsewhere"
        try FileManager.default.createDirectory(atPath: elsewhere, withIntermediateDirectories: false)
        let result = try StewardProcess.run(["what-if", "--without", "bank.ofx", "--rules", StewardProcess.rulesDirectory],
                                            home: home, currentDirectory: elsewhere)
        XCTAssertEqual(result.status, 2, result.stdout + result.stderr)
        XCTAssertTrue(result.stderr.contains("Run what-if where you ran the scan"), result.stderr)
        XCTAssertFalse(result.stdout.contains("→"), "no scores from a rescan that read nothing")
    }
}
