import CSQLite
import Foundation
import XCTest
@testable import Importers
@testable import Archives

/// Builds SQLite inputs in the real schemas of the formats read by path (browser history,
/// WhatsApp's msgstore.db) and reads them the way a scan does.
enum SQLiteTestDatabase {
    /// Writes `statements` to a new database at `path` and closes it. `wal` puts it in WAL mode
    /// (as Firefox and WhatsApp keep their files: the header then asks readers for a -shm file,
    /// which an immutable reader must not create); `checkpoint` folds the WAL back and returns to
    /// rollback mode before closing.
    static func write(_ path: String, wal: Bool, checkpoint: Bool = false, _ statements: [String],
                      file: StaticString = #filePath, line: UInt = #line) {
        var db: OpaquePointer?
        XCTAssertEqual(sqlite3_open(path, &db), SQLITE_OK, file: file, line: line)
        defer { sqlite3_close(db) }
        for sql in (wal ? ["PRAGMA journal_mode=WAL"] : []) + statements {
            var error: UnsafeMutablePointer<CChar>?
            if sqlite3_exec(db, sql, nil, nil, &error) != SQLITE_OK {
                XCTFail("\(sql): \(error.map { String(cString: $0) } ?? "")", file: file, line: line)
            }
        }
        if checkpoint {
            sqlite3_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", nil, nil, nil)
            sqlite3_exec(db, "PRAGMA journal_mode=DELETE", nil, nil, nil)
        }
    }

    /// Discovers and reads `path` through `ExportReader`, as `steward scan` would.
    static func read(_ path: String) -> RecordingDelegate {
        let delegate = RecordingDelegate()
        for file in InputDiscovery().discover([path]).files { ExportReader().read(file, delegate: delegate) }
        return delegate
    }

    /// Every file in `directory` with its bytes: equal before and after a scan means the input
    /// was untouched and nothing (-wal, -shm, -journal) appeared beside it.
    static func snapshot(_ directory: String) throws -> [String: Data] {
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: directory) {
            files[name] = try Data(contentsOf: URL(fileURLWithPath: directory + "/" + name))
        }
        return files
    }
}
