import CSQLite
import Foundation
import StewardCore
@testable import Store
import XCTest

/// Schema version 4 (docs/storage.md, "matched_records"): matched records refer to their input
/// and rule list by id and keep no locator text. These tests check that nothing a reader sees
/// changed: the locator rebuilt when read, databases written at version 3, deleting a scan.
final class StoreSchemaTests: XCTestCase {
    /// Positions of every shape a parser gives: a line, a record with and without a pointer, an
    /// array element whose pointer is built when read, a pointer alone, all three, none, and an
    /// empty pointer.
    private let positions: [SourcePosition] = [
        .line(12),
        .record(3, pointer: "/3"),
        .record(7),
        .element(5, of: "/Browser History"),
        .element(0, of: ""),
        SourcePosition(pointer: "/messages/4/content"),
        SourcePosition(line: 4, record: 2, pointer: "/x y/0"),
        SourcePosition(line: 9, record: 1),
        SourcePosition(line: 3, pointer: "/a"),
        SourcePosition(),
        SourcePosition(pointer: ""),
    ]

    func testLocatorRebuiltForExplainEqualsThePositionsTextForLinesRecordsAndPointers() throws {
        let store = try ReportStore(path: try makeTemporaryDirectory(self) + "/steward.db")
        defer { store.close() }
        try store.beginScan(id: "s", started: "2024-05-01T10:00:00Z", paths: ["/x"], toolVersion: "0.1", rulesVersion: "r")
        for position in positions {
            try store.recordMatchedEvent(scanId: "s", path: "/x/a.json", event: sampleEvent(line: 1), position: position,
                                         rules: ["finance.gambling.any"], excerpt: "BET365")
        }
        let evidence = try store.matchedEvidence(scanId: "s", rules: ["finance.gambling.any"])
        XCTAssertEqual(evidence.map(\.locator), positions.map(\.description))
    }

    func testLocatorAndPointerOfTheMatchedEventsViewEqualThePositionsForLinesRecordsAndPointers() throws {
        let path = try makeTemporaryDirectory(self) + "/steward.db"
        let store = try ReportStore(path: path)
        try store.beginScan(id: "s", started: "2024-05-01T10:00:00Z", paths: ["/x"], toolVersion: "0.1", rulesVersion: "r")
        for position in positions {
            try store.recordMatchedEvent(scanId: "s", path: "/x/a.json", event: sampleEvent(line: 1), position: position,
                                         rules: ["r"], excerpt: "x")
        }
        try store.finishScan(report: sampleReport(id: "s"))
        store.close()
        XCTAssertEqual(try rawSQL(path, "SELECT locator FROM matched_events ORDER BY id").map { $0[0] },
                       positions.map(\.description))
        XCTAssertEqual(try rawSQL(path, "SELECT pointer FROM matched_events ORDER BY id").map { $0[0] },
                       positions.map(\.pointer))
        XCTAssertEqual(try rawSQL(path, "SELECT count(*) FROM matched_records WHERE pointer IS NOT NULL"), [["5"]],
                       "an array element's pointer is kept once with its rule set, not on its row")
        XCTAssertEqual(try rawSQL(path, "SELECT count(*) FROM matched_records WHERE locator IS NOT NULL"), [["0"]],
                       "rows written at version 4 keep no locator text")
    }

    func testVersionThreeDatabaseKeepsItsMatchedEventsForExplainCountsAndTheView() throws {
        let path = try makeTemporaryDirectory(self) + "/steward.db"
        // The schema exactly as version 3 shipped it, with rows as that version wrote them.
        _ = try rawSQL(path, "PRAGMA application_id = \(StoreSchema.applicationId)")
        for step in 0..<3 { try executeScript(path, StoreSchema.migrations[step]) }
        _ = try rawSQL(path, "PRAGMA user_version = 3")
        try executeScript(path, """
            INSERT INTO scans VALUES ('old', '2024-01-01T00:00:00Z', '2024-01-01T00:01:00Z', '[]', '0.1.0', 'r');
            INSERT INTO scans VALUES ('older', '2023-01-01T00:00:00Z', '2023-01-01T00:01:00Z', '[]', '0.1.0', 'r');
            INSERT INTO matched_events (scan_id, input_path, locator, line, record, pointer, time, utc_offset, date_only,
                                        source, kind, rules, excerpt, record_key) VALUES
              ('old', '/b.json', 'record 3 (/3)', NULL, 3, '/3', 200, NULL, 0, 'google.chrome', 'visit', '["r1","r2"]', 'b3', NULL),
              ('old', '/a.csv', 'line 2', 2, NULL, NULL, 100, 3600, 1, 'bank.csv', 'transaction', '["r1"]', 'a2', 7),
              ('older', '/a.csv', 'line 9', 9, NULL, NULL, 50, NULL, 0, 'bank.csv', 'transaction', '["r1"]', 'z', NULL),
              ('old', '/b.json', 'at /x', NULL, NULL, '/x', 200, NULL, 0, 'google.chrome', 'visit', '["r2"]', 'bx', NULL),
              ('old', '/a.csv', 'line 5', 5, NULL, NULL, 100, 3600, 1, 'bank.csv', 'transaction', '["r1"]', 'a5', 8),
              ('old', '/b.json', 'whole file', NULL, NULL, NULL, NULL, NULL, 0, 'google.chrome', 'visit', '["r1","r2"]', 'bw', NULL);
            """)
        let before = try rawSQL(path, """
            SELECT scan_id, input_path, locator, line, record, pointer, time, utc_offset, date_only, source, kind, rules,
                   excerpt, record_key FROM matched_events ORDER BY scan_id, input_path, id
            """)

        let store = try ReportStore(path: path)
        defer { store.close() }
        XCTAssertEqual(try rawSQL(path, "PRAGMA user_version"), [["4"]])
        XCTAssertEqual(try rawSQL(path, """
            SELECT scan_id, input_path, locator, line, record, pointer, time, utc_offset, date_only, source, kind, rules,
                   excerpt, record_key FROM matched_events ORDER BY scan_id, input_path, id
            """), before, "the matched_events view shows the old rows unchanged, in their order")
        XCTAssertEqual(try store.matchedEventCount(scanId: "old"), 5)
        XCTAssertEqual(try store.matchedEventCount(scanId: "older"), 1)
        let evidence = try store.matchedEvidence(scanId: "old", rules: ["r1"])
        // By time (a record without one first), then path, then the order they were written.
        XCTAssertEqual(evidence.map(\.path), ["/b.json", "/a.csv", "/a.csv", "/b.json"])
        XCTAssertEqual(evidence.map(\.locator), ["whole file", "line 2", "line 5", "record 3 (/3)"])
        XCTAssertEqual(evidence.map(\.rule), ["r1", "r1", "r1", "r1"])
        let counts = try store.matchedRecordCounts(scanId: "old")
        XCTAssertEqual(counts.map(\.source), ["bank.csv", "google.chrome", "google.chrome"])
        XCTAssertEqual(counts.map(\.rules), [["r1"], ["r1", "r2"], ["r2"]])
        XCTAssertEqual(counts.map(\.records), [2, 2, 1])

        // A scan written after the migration sits beside the old ones.
        try store.beginScan(id: "new", started: "2024-05-01T10:00:00Z", paths: ["/x"], toolVersion: "0.1", rulesVersion: "r")
        try store.recordMatchedEvent(scanId: "new", path: "/a.csv", event: sampleEvent(line: 3), position: .line(3),
                                     rules: ["r1"], excerpt: "a3")
        try store.finishScan(report: sampleReport(id: "new"))
        XCTAssertEqual(try store.matchedEvidence(scanId: "new", rules: ["r1"]).map(\.locator), ["line 3"])
        XCTAssertEqual(try store.matchedEventCount(scanId: "old"), 5)
    }

    func testDeletingAScanDeletesItsMatchedRecordsInputsAndRuleSetsButNotAnotherScans() throws {
        let path = try makeTemporaryDirectory(self) + "/steward.db"
        let store = try ReportStore(path: path)
        for id in ["a", "b"] {
            try store.beginScan(id: id, started: "2024-05-01T10:00:00Z", paths: ["/x"], toolVersion: "0.1", rulesVersion: "r")
            for line in 1...3 {
                try store.recordMatchedEvent(scanId: id, path: "/x/\(line % 2).csv", event: sampleEvent(line: line),
                                             position: .line(line), rules: ["r\(line)"], excerpt: "x")
            }
            try store.finishScan(report: sampleReport(id: id))
        }
        store.close()
        try executeScript(path, "PRAGMA foreign_keys = ON; DELETE FROM scans WHERE id = 'a';")
        XCTAssertEqual(try rawSQL(path, "SELECT DISTINCT scan_id FROM matched_events"), [["b"]])
        XCTAssertEqual(try rawSQL(path, "SELECT count(*) FROM matched_records"), [["3"]])
        XCTAssertEqual(try rawSQL(path, "SELECT count(*) FROM matched_inputs"), [["2"]])
        XCTAssertEqual(try rawSQL(path, "SELECT count(*) FROM matched_rule_sets"), [["3"]])
    }

    func testRecordsOfOneInputWrittenByALaterTransactionFollowTheEarlierOnes() throws {
        let path = try makeTemporaryDirectory(self) + "/steward.db"
        let first = try ReportStore(path: path)
        try first.beginScan(id: "s", started: "2024-05-01T10:00:00Z", paths: ["/x"], toolVersion: "0.1", rulesVersion: "r")
        for line in [1, 2] {
            try first.recordMatchedEvent(scanId: "s", path: "/x/a.csv", event: sampleEvent(line: line), position: .line(line),
                                         rules: ["r"], excerpt: "x")
        }
        try first.finishScan(report: sampleReport(id: "s"))
        first.close()
        let second = try ReportStore(path: path)
        defer { second.close() }
        try second.recordMatchedEvent(scanId: "s", path: "/x/a.csv", event: sampleEvent(line: 3), position: .line(3),
                                      rules: ["r"], excerpt: "x")
        XCTAssertEqual(try second.matchedEvidence(scanId: "s", rules: ["r"]).map(\.locator), ["line 1", "line 2", "line 3"])
    }

    func testAnAbandonedScansIdsAreNotReusedByTheNextScan() throws {
        let store = try ReportStore(path: try makeTemporaryDirectory(self) + "/steward.db")
        defer { store.close() }
        try store.beginScan(id: "s", started: "2024-05-01T10:00:00Z", paths: ["/x"], toolVersion: "0.1", rulesVersion: "r")
        try store.recordMatchedEvent(scanId: "s", path: "/x/a.csv", event: sampleEvent(line: 1), position: .line(1),
                                     rules: ["r"], excerpt: "x")
        try store.abandonScan()
        // The same scan id again: the rolled-back input and rule-set rows must be written anew.
        try store.beginScan(id: "s", started: "2024-05-01T10:00:00Z", paths: ["/x"], toolVersion: "0.1", rulesVersion: "r")
        try store.recordMatchedEvent(scanId: "s", path: "/x/a.csv", event: sampleEvent(line: 2), position: .line(2),
                                     rules: ["r"], excerpt: "x")
        try store.finishScan(report: sampleReport(id: "s"))
        XCTAssertEqual(try store.matchedEvidence(scanId: "s", rules: ["r"]).map(\.locator), ["line 2"])
    }

    private func executeScript(_ path: String, _ sql: String) throws {
        var db: OpaquePointer?
        defer { sqlite3_close_v2(db) }
        guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK else {
            throw RawSQLError(message: "cannot open \(path)")
        }
        var message: UnsafeMutablePointer<CChar>?
        guard sqlite3_exec(db, sql, nil, nil, &message) == SQLITE_OK else {
            defer { sqlite3_free(message) }
            throw RawSQLError(message: message.map { String(cString: $0) } ?? "failed")
        }
    }
}
