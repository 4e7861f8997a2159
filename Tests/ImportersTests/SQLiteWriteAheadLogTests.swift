import CSQLite
import Foundation
import XCTest
@testable import Importers
@testable import Formats

/// A database whose newest rows are still only in its write-ahead log (the browser or app was
/// open when the copy was made): the immutable read cannot see them, and the scan says so,
/// naming the -wal file, while the input stays untouched.
final class SQLiteWriteAheadLogTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "/steward-wal-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: dir) }

    /// Writes the Firefox fixture in WAL mode with checkpoints off, adds a visit, and copies
    /// the database and its -wal while the connection is still open: the copy's newest visit
    /// is only in its log.
    private func firefoxWithPendingLog() throws -> String {
        let live = dir + "/live"
        try FileManager.default.createDirectory(atPath: live, withIntermediateDirectories: true)
        var db: OpaquePointer?
        XCTAssertEqual(sqlite3_open(live + "/places.sqlite", &db), SQLITE_OK)
        defer { sqlite3_close(db) }
        for sql in ["PRAGMA journal_mode=WAL", "PRAGMA wal_autocheckpoint=0"] + BrowserHistoryTests.firefox
            + ["PRAGMA wal_checkpoint(TRUNCATE)",
               "INSERT INTO moz_historyvisits VALUES (4, 0, 1, 1709330000000000, 1, 0)"] {
            XCTAssertEqual(sqlite3_exec(db, sql, nil, nil, nil), SQLITE_OK, sql)
        }
        let copy = dir + "/copy"
        try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        for name in ["places.sqlite", "places.sqlite-wal"] {
            try FileManager.default.copyItem(atPath: live + "/" + name, toPath: copy + "/" + name)
        }
        return copy + "/places.sqlite"
    }

    func testRowsOnlyInTheLogAreNamedNotSilentlyMissing() throws {
        let path = try firefoxWithPendingLog()
        let walSize = try XCTUnwrap(try FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int)
        XCTAssertGreaterThan(walSize, 32, "the fixture's log holds a frame")
        let before = try SQLiteTestDatabase.snapshot(dir + "/copy")
        let delegate = SQLiteTestDatabase.read(path)
        XCTAssertEqual(try SQLiteTestDatabase.snapshot(dir + "/copy"), before, "the database and its log are untouched")
        let input = try XCTUnwrap(delegate.inputs.first { $0.path == path })
        XCTAssertEqual(input.events, 2, "the two visits checkpointed into the database; the third is only in the log")
        XCTAssertEqual(input.warnings, ["places.sqlite-wal holds \(walSize) bytes of changes that may not be in the database yet: rows only there are not read (inputs are opened read-only); close the app that writes it and scan again"])
    }

    func testACheckpointedDatabaseGetsNoWarning() throws {
        let path = dir + "/places.sqlite"
        SQLiteTestDatabase.write(path, wal: true, checkpoint: true, BrowserHistoryTests.firefox)
        let delegate = SQLiteTestDatabase.read(path)
        let input = try XCTUnwrap(delegate.inputs.first)
        XCTAssertEqual(input.warnings, [])
        XCTAssertNil(ImmutableSQLiteInput.pendingWriteAheadLogBytes(path + "-wal"))
    }

    func testALogWithoutFramesOrNotALogIsNotReported() throws {
        let wal = dir + "/x.db-wal"
        FileManager.default.createFile(atPath: wal, contents: Data(repeating: 0, count: 4096))
        XCTAssertNil(ImmutableSQLiteInput.pendingWriteAheadLogBytes(wal), "not a WAL header")
        var header: [UInt8] = [0x37, 0x7F, 0x06, 0x82, 0, 0x2D, 0xE2, 0x18, 0, 0, 0x10, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5, 6, 7, 8]
        header += [UInt8](repeating: 0, count: 8)
        FileManager.default.createFile(atPath: wal, contents: Data(header))
        XCTAssertNil(ImmutableSQLiteInput.pendingWriteAheadLogBytes(wal), "a header alone (a reset log)")
        let staleFrame: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 1, 9, 9, 9, 9, 9, 9, 9, 9] + [UInt8](repeating: 0, count: 8)
        FileManager.default.createFile(atPath: wal, contents: Data(header + staleFrame))
        XCTAssertNil(ImmutableSQLiteInput.pendingWriteAheadLogBytes(wal), "a frame of an older generation (other salts)")
        let liveFrame: [UInt8] = [0, 0, 0, 1, 0, 0, 0, 1, 1, 2, 3, 4, 5, 6, 7, 8] + [UInt8](repeating: 0, count: 8)
        FileManager.default.createFile(atPath: wal, contents: Data(header + liveFrame))
        XCTAssertEqual(ImmutableSQLiteInput.pendingWriteAheadLogBytes(wal), 56)
    }
}
