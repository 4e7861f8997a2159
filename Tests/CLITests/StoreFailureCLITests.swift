import CSQLite
import Foundation
import XCTest

/// A database write that fails during `steward scan` reaches the person: the command exits 1
/// (the store error's own code, not a match on its text), says which database failed and why,
/// and leaves no half-written scan for `report` or `explain` to show (docs/architecture.md,
/// "Errors").
final class StoreFailureCLITests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("storefail") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    func testFailedWriteDuringScanExitsOneNamesTheDatabaseAndStoresNoPartialScan() throws {
        let dir = home + "/persona", db = home + "/steward.db"
        XCTAssertEqual(try StewardProcess.run(["demo", "--write-only", "--dir", dir], home: home).status, 0)
        let first = try StewardProcess.run(["scan", dir, "--db", db, "--rules", StewardProcess.rulesDirectory, "--format", "json"], home: home)
        XCTAssertEqual(first.status, 0, first.stderr)
        let listed = try StewardProcess.run(["report", "--list", "--db", db], home: home)
        XCTAssertEqual(listed.status, 0, listed.stderr)

        // Every later insert of a matched record fails, as on a full disk.
        var connection: OpaquePointer?
        XCTAssertEqual(sqlite3_open(db, &connection), SQLITE_OK)
        XCTAssertEqual(sqlite3_exec(connection, "CREATE TRIGGER fail_matched BEFORE INSERT ON matched_records "
                                    + "BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;", nil, nil, nil), SQLITE_OK)
        sqlite3_close(connection)

        let failed = try StewardProcess.run(["scan", dir, "--db", db, "--rules", StewardProcess.rulesDirectory, "--format", "json"], home: home)
        XCTAssertEqual(failed.status, 1, failed.stderr)
        XCTAssertEqual(failed.stdout, "", "no report of a scan that was not stored")
        XCTAssertTrue(failed.stderr.hasPrefix("steward: database \(db): disk full (simulated)"), failed.stderr)

        let after = try StewardProcess.run(["report", "--list", "--db", db], home: home)
        XCTAssertEqual(after.status, 0, after.stderr)
        XCTAssertEqual(after.stdout, listed.stdout, "the failed scan left a scan behind")
    }
}
