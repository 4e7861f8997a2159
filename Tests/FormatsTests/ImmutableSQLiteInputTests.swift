import Foundation
import XCTest
@testable import Formats

final class ImmutableSQLiteInputTests: XCTestCase {
    /// A connection is read by the one thread that opened it, so it is opened without SQLite's
    /// per-connection mutex (docs/performance.md, "SQLite inputs without the connection lock").
    func testAnInputConnectionTakesNoLockPerCall() throws {
        let path = NSTemporaryDirectory() + "steward-sqlite-\(UUID().uuidString).db"
        // An empty file is an empty SQLite database.
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let input = try ImmutableSQLiteInput(path: path)
        XCTAssertFalse(input.locksEveryCall)
    }
}
