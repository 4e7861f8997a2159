import Foundation
import XCTest

/// When nothing could be read there is no score: steward says which paths gave nothing and why,
/// prints no tier, and exits 3. A path that cannot be read is named on stderr and the exit status
/// says so (4), while the other paths are still scanned.
final class NoScoreWithoutDataTests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("nodata") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    private func scan(_ paths: [String], format: String = "terminal") throws -> StewardProcess.Result {
        try StewardProcess.run(["scan"] + paths + ["--rules", StewardProcess.rulesDirectory, "--format", format], home: home)
    }

    func testEmptyFolderGivesNoScoreAndExitsThree() throws {
        let empty = home + "/empty"
        try FileManager.default.createDirectory(atPath: empty, withIntermediateDirectories: false)
        let result = try scan([empty])
        XCTAssertEqual(result.status, 3, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "", "no report, so no tier")
        XCTAssertTrue(result.stderr.contains("nothing could be read from \(empty), so there is no score"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\(empty): no files in it"), result.stderr)
        // Nothing was stored either: there is no scan to report.
        XCTAssertEqual(try StewardProcess.run(["report"], home: home).status, 2)
    }

    func testEmptyFileAndNonExportGiveNoScoreAndSayWhy() throws {
        let emptyFile = home + "/statement.csv"
        let notes = home + "/notes.txt"
        FileManager.default.createFile(atPath: emptyFile, contents: Data())
        try "shopping list: milk, eggs\n".write(toFile: notes, atomically: true, encoding: .utf8)
        let result = try scan([emptyFile, notes], format: "json")
        XCTAssertEqual(result.status, 3, result.stdout + result.stderr)
        XCTAssertEqual(result.stdout, "")
        XCTAssertFalse(result.stderr.contains("tier"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\(emptyFile): empty file"), result.stderr)
        XCTAssertTrue(result.stderr.contains("\(notes): text file of a kind no importer knows"), result.stderr)
    }

    func testMissingPathAloneExitsThreeAndIsNamedOnStderr() throws {
        let missing = home + "/does-not-exist"
        let result = try scan([missing])
        XCTAssertEqual(result.status, 3)
        XCTAssertEqual(result.stdout, "")
        XCTAssertTrue(result.stderr.contains("\(missing): no such file or folder"), result.stderr)
    }

    func testMissingPathBesideARealOneIsAnErrorAndTheRestIsScanned() throws {
        let dir = home + "/persona"
        XCTAssertEqual(try StewardProcess.run(["demo", "--write-only", "--dir", dir], home: home).status, 0)
        let missing = home + "/sam/bank"
        let result = try scan([missing, dir + "/bank"], format: "json")
        XCTAssertEqual(result.status, 4, result.stderr)
        XCTAssertTrue(result.stderr.contains("steward: \(missing): no such file or folder"), result.stderr)
        let report = try StewardProcess.json(result.stdout)
        let inputs = try XCTUnwrap(report["inputs"] as? [[String: Any]])
        XCTAssertEqual(Set(inputs.compactMap { $0["path"] as? String }), [dir + "/bank/credit-card.ofx", dir + "/bank/current-account.csv"])
    }

    func testUnreadableFileIsNamedOnStderr() throws {
        guard getuid() != 0 else { throw XCTSkip("skipped: running as root, every file is readable") }
        let dir = home + "/persona"
        XCTAssertEqual(try StewardProcess.run(["demo", "--write-only", "--dir", dir], home: home).status, 0)
        let locked = dir + "/bank/credit-card.ofx"
        XCTAssertEqual(chmod(locked, 0), 0)
        let result = try scan([locked, dir + "/bank/current-account.csv"], format: "json")
        XCTAssertEqual(result.status, 4, result.stderr)
        XCTAssertTrue(result.stderr.contains("\(locked): cannot be read"), result.stderr)
    }
}
