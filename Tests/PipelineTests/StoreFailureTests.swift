import CSQLite
import Foundation
import XCTest
@testable import Personas
import StewardCore
import Store
@testable import StewardPipeline

/// A scan whose records cannot all be written is not committed: it fails with the store's
/// typed error and leaves no scan behind for `report` or `explain` to show half of.
final class StoreFailureTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("steward-storefail-\(UUID().uuidString)").path
        _ = try PersonaExportWriter(persona: PersonaCatalog.sam).write(to: dir + "/exports")
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    private func scan(database: String) throws(StewardError) -> ScanReport {
        let ruleset = try Ruleset.load(directory: ScanPipelineTests.rulesDirectory)
        return try ScanPipeline.run(ScanOptions(paths: [dir + "/exports"], rulesDirectory: ScanPipelineTests.rulesDirectory,
                                                databasePath: database, jobs: 2), ruleset: ruleset)
    }

    /// Runs SQL on the database outside steward, as another program (or a full disk) would.
    private func execute(_ sql: String, on path: String) throws {
        var db: OpaquePointer?
        guard sqlite3_open(path, &db) == SQLITE_OK else { throw XCTSkip("cannot open \(path)") }
        defer { sqlite3_close(db) }
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(db, sql, nil, nil, &message)
        defer { sqlite3_free(message) }
        XCTAssertEqual(code, SQLITE_OK, message.map { String(cString: $0) } ?? "")
    }

    func testFailedWriteOfAMatchedRecordAbortsTheScanAndCommitsNothing() throws {
        let db = dir + "/steward.db"
        let first = try scan(database: db)
        // Every later insert of a matched record fails, as on a full disk.
        try execute("CREATE TRIGGER fail_matched BEFORE INSERT ON matched_records BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END;",
                    on: db)
        XCTAssertThrowsError(try scan(database: db)) { error in
            guard case StewardError.store(.sqlite(let path, _, _, let message)) = error else {
                return XCTFail("expected a store error, got \(error)")
            }
            XCTAssertEqual(path, db)
            XCTAssertTrue(message.contains("disk full (simulated)"), message)
            XCTAssertEqual((error as? StewardError)?.exitCode, 1)
        }
        // Only the first, complete scan is stored; the failed one left nothing.
        let stored = try StoredScans.list(databasePath: db)
        XCTAssertEqual(stored.map(\.id), [first.scan.id])
        XCTAssertEqual(try StoredScans.report(databasePath: db, scanId: nil)?.scan.id, first.scan.id)
    }

    func testDatabasePathThatIsAFolderFailsBeforeReadingWithTheStoreError() throws {
        let db = dir + "/steward.db"
        try FileManager.default.createDirectory(atPath: db, withIntermediateDirectories: true)
        XCTAssertThrowsError(try scan(database: db)) { error in
            guard case StewardError.store(let storeError) = error else { return XCTFail("expected a store error, got \(error)") }
            XCTAssertTrue(storeError.description.contains(db), storeError.description)
        }
        var isDirectory: ObjCBool = false
        XCTAssertTrue(FileManager.default.fileExists(atPath: db, isDirectory: &isDirectory) && isDirectory.boolValue,
                      "the folder in the way is left as it was")
    }
}
