import Foundation
import StewardCore
import Store
import XCTest

final class ReportStoreTests: XCTestCase {
    // MARK: - Files and permissions

    func testCreatesMissingDirectoriesWith0700AndDatabaseWith0600EvenWithPermissiveUmask() throws {
        let root = try makeTemporaryDirectory(self)
        let directory = root + "/data/steward"
        let path = directory + "/steward.db"
        chmod(root, 0o755)
        let previous = umask(0)  // would give 0777/0666 if the store trusted the umask
        defer { umask(previous) }
        let store = try ReportStore(path: path)
        defer { store.close() }
        XCTAssertEqual(permissions(root + "/data"), 0o700)
        XCTAssertEqual(permissions(directory), 0o700)
        XCTAssertEqual(permissions(path), 0o600)
        XCTAssertEqual(permissions(root), 0o755, "an existing directory is left alone")
    }

    func testExistingDatabaseReadableByOthersIsNarrowedToOwner() throws {
        let root = try makeTemporaryDirectory(self)
        let path = root + "/steward.db"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        chmod(path, 0o644)
        let store = try ReportStore(path: path)
        store.close()
        XCTAssertEqual(permissions(path), 0o600)
    }

    func testRollbackJournalDuringAScanIsOwnerOnlyAndNoWALFilesAppear() throws {
        let root = try makeTemporaryDirectory(self)
        let path = root + "/steward.db"
        let previous = umask(0)
        defer { umask(previous) }
        let store = try ReportStore(path: path)
        try store.beginScan(id: "s1", started: "2024-05-01T10:00:00Z", paths: ["/x"], toolVersion: "0.1", rulesVersion: "r1")
        for line in 1...2000 {
            try store.recordMatchedEvent(scanId: "s1", path: "/x/bank.ofx", event: sampleEvent(line: line),
                                         position: .line(line), rules: ["finance.gambling.mcc"], excerpt: "BET365")
        }
        try store.finishScan(report: sampleReport(id: "s1"))
        // The journal exists only inside a transaction; open one that has written pages.
        try store.beginScan(id: "s2", started: "2024-05-02T10:00:00Z", paths: ["/x"], toolVersion: "0.1", rulesVersion: "r1")
        for line in 1...2000 {
            try store.recordMatchedEvent(scanId: "s2", path: "/x/bank.ofx", event: sampleEvent(line: line),
                                         position: .line(line), rules: ["r"], excerpt: "BET365")
        }
        XCTAssertEqual(permissions(path + "-journal"), 0o600, "the journal holds the same data as the database")
        try store.abandonScan()
        store.close()
        XCTAssertNil(permissions(path + "-wal"))
        XCTAssertNil(permissions(path + "-shm"))
        XCTAssertNil(permissions(path + "-journal"), "DELETE journal mode removes the journal after each transaction")
    }

    func testUnwritableLocationNamesThePath() throws {
        let root = try makeTemporaryDirectory(self)
        // A regular file where a directory is needed fails even for root.
        let blocker = root + "/not-a-directory"
        XCTAssertTrue(FileManager.default.createFile(atPath: blocker, contents: Data("x".utf8)))
        XCTAssertThrowsError(try ReportStore(path: blocker + "/steward/steward.db")) { error in
            guard let error = error as? StoreError, case .cannotCreateDirectory(let path, _) = error else {
                return XCTFail("expected cannotCreateDirectory, got \(error)")
            }
            XCTAssertEqual(path, blocker)
            XCTAssertTrue(error.description.contains(blocker), error.description)
        }
    }

    func testReadOnlyDirectoryNamesTheDatabasePath() throws {
        try XCTSkipIf(getuid() == 0, "root ignores directory permissions")
        let root = try makeTemporaryDirectory(self)
        let locked = root + "/locked"
        try FileManager.default.createDirectory(atPath: locked, withIntermediateDirectories: false)
        chmod(locked, 0o500)
        let path = locked + "/steward.db"
        XCTAssertThrowsError(try ReportStore(path: path)) { error in
            XCTAssertTrue("\(error)".contains(path), "\(error)")
            XCTAssertTrue("\(error)".contains("Permission denied"), "\(error)")
        }
    }

    // MARK: - Schema

    func testNewDatabaseHasCurrentSchemaVersionForeignKeysAndStewardApplicationId() throws {
        let path = try makeTemporaryDirectory(self) + "/steward.db"
        let store = try ReportStore(path: path)
        store.close()
        XCTAssertEqual(ReportStore.schemaVersion, 4)
        XCTAssertEqual(try rawSQL(path, "PRAGMA user_version"), [["4"]])
        XCTAssertEqual(try rawSQL(path, "PRAGMA application_id"), [[String(0x5354_5744)]])
        XCTAssertEqual(try rawSQL(path, "PRAGMA journal_mode"), [["delete"]])
        let tables = try rawSQL(path, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name").map { $0[0] }
        XCTAssertEqual(tables, ["contributions", "evidence", "findings", "inputs", "matched_inputs", "matched_records",
                                "matched_rule_sets", "reports", "scans", "scores", "unread_counts", "unrecognized"])
        XCTAssertEqual(try rawSQL(path, "SELECT name FROM sqlite_schema WHERE type = 'view'"), [["matched_events"]])
    }

    func testVersionOneDatabaseGainsTheRecordKeyColumnAndUnreadCountsAndKeepsItsRows() throws {
        let path = try makeTemporaryDirectory(self) + "/steward.db"
        // Version 1 as shipped: the matched_events table without record_key.
        _ = try rawSQL(path, "PRAGMA application_id = \(0x5354_5744)")
        _ = try rawSQL(path, "CREATE TABLE scans (id TEXT PRIMARY KEY NOT NULL, started TEXT NOT NULL, finished TEXT, paths TEXT NOT NULL, tool_version TEXT NOT NULL, rules_version TEXT NOT NULL)")
        _ = try rawSQL(path, "CREATE TABLE matched_events (id INTEGER PRIMARY KEY, scan_id TEXT NOT NULL REFERENCES scans(id) ON DELETE CASCADE, input_path TEXT NOT NULL, locator TEXT NOT NULL, line INTEGER, record INTEGER, pointer TEXT, time INTEGER, utc_offset INTEGER, date_only INTEGER NOT NULL DEFAULT 0, source TEXT NOT NULL, kind TEXT NOT NULL, rules TEXT NOT NULL, excerpt TEXT NOT NULL)")
        _ = try rawSQL(path, "INSERT INTO scans VALUES ('old', '2024-01-01T00:00:00Z', NULL, '[]', '0.1.0', 'r')")
        _ = try rawSQL(path, "INSERT INTO matched_events (scan_id, input_path, locator, source, kind, rules, excerpt) VALUES ('old', '/a.csv', 'line 2', 'bank.csv', 'transaction', '[\"r\"]', 'x')")
        _ = try rawSQL(path, "PRAGMA user_version = 1")
        // Migration 2 only adds a column, migration 3 a table and migration 4 moves
        // matched_events into tables that refer to scans; the other version-1 tables are not
        // needed for them.
        let store = try ReportStore(path: path)
        store.close()
        XCTAssertEqual(try rawSQL(path, "PRAGMA user_version"), [["4"]])
        XCTAssertEqual(try rawSQL(path, "SELECT input_path, record_key FROM matched_events"), [["/a.csv", nil]])
        XCTAssertEqual(try rawSQL(path, "SELECT count(*) FROM unread_counts"), [["0"]])
    }

    func testARecordStoredFromTwoInputsIsExplainedOnceNamingTheOtherInput() throws {
        let store = try ReportStore(path: try makeTemporaryDirectory(self) + "/steward.db")
        defer { store.close() }
        try store.beginScan(id: "s", started: "2024-05-01T10:00:00Z", paths: ["/x"], toolVersion: "0.1.0", rulesVersion: "r")
        for path in ["/x/b.ofx", "/x/a.csv"] {
            try store.recordMatchedEvent(scanId: "s", path: path, event: sampleEvent(line: 1), position: .line(1),
                                         rules: ["finance.gambling.any"], excerpt: "BET365", recordKey: 0xFEED_0000_0000_0001)
        }
        try store.recordMatchedEvent(scanId: "s", path: "/x/a.csv", event: sampleEvent(line: 2), position: .line(2),
                                     rules: ["finance.gambling.any"], excerpt: "BET365", recordKey: 2)
        let evidence = try store.matchedEvidence(scanId: "s", rules: ["finance.gambling.any"])
        XCTAssertEqual(evidence.map(\.path), ["/x/a.csv", "/x/a.csv"])
        XCTAssertEqual(evidence.map(\.excerpt), ["BET365 (also in /x/b.ofx)", "BET365"])
    }

    func testForeignKeysAreEnforced() throws {
        let store = try ReportStore(path: try makeTemporaryDirectory(self) + "/steward.db")
        defer { store.close() }
        XCTAssertThrowsError(try store.recordMatchedEvent(scanId: "no-such-scan", path: "/x", event: sampleEvent(line: 1),
                                                          position: .line(1), rules: [], excerpt: "")) { error in
            XCTAssertTrue("\(error)".contains("FOREIGN KEY"), "\(error)")
            XCTAssertTrue("\(error)".contains("INSERT INTO matched_inputs"), "names the statement: \(error)")
        }
    }

    func testReopeningAnExistingDatabaseKeepsItsScans() throws {
        let path = try makeTemporaryDirectory(self) + "/steward.db"
        var store: ReportStore? = try ReportStore(path: path)
        try store?.finishScan(report: sampleReport(id: "first"), finished: "2024-05-01T10:01:00Z")
        store?.close()
        store = nil
        let reopened = try ReportStore(path: path)
        defer { reopened.close() }
        XCTAssertEqual(try reopened.scans().map(\.id), ["first"])
        XCTAssertEqual(try rawSQL(path, "PRAGMA user_version"), [["4"]])
        try reopened.finishScan(report: sampleReport(id: "second"))
        XCTAssertEqual(try reopened.scans().map(\.id), ["first", "second"])
    }

    func testDatabaseFromANewerStewardIsRefusedWithAClearMessage() throws {
        let path = try makeTemporaryDirectory(self) + "/steward.db"
        try ReportStore(path: path).close()
        try rawSQL(path, "PRAGMA user_version = 7")
        XCTAssertThrowsError(try ReportStore(path: path)) { error in
            XCTAssertEqual(error as? StoreError, .newerSchema(path: path, found: 7, supported: ReportStore.schemaVersion))
            let message = "\(error)"
            XCTAssertTrue(message.contains(path), message)
            XCTAssertTrue(message.contains("schema version 7"), message)
            XCTAssertTrue(message.contains("newer steward"), message)
        }
        XCTAssertEqual(try rawSQL(path, "PRAGMA user_version"), [["7"]], "a refused file is not modified")
    }

    func testSomeoneElsesSQLiteFileIsNotMigrated() throws {
        let path = try makeTemporaryDirectory(self) + "/photos.sqlite"
        try rawSQL(path, "CREATE TABLE albums (name TEXT)")
        XCTAssertThrowsError(try ReportStore(path: path)) { error in
            XCTAssertEqual(error as? StoreError, .notStewardDatabase(path: path, applicationId: 0))
        }
        XCTAssertEqual(try rawSQL(path, "SELECT name FROM sqlite_schema").map { $0[0] }, ["albums"])
    }

    func testAFileThatIsNotADatabaseGivesAnSQLiteErrorWithThePath() throws {
        let path = try makeTemporaryDirectory(self) + "/notes.txt"
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: Data(String(repeating: "hello ", count: 200).utf8)))
        XCTAssertThrowsError(try ReportStore(path: path)) { error in
            guard case .sqlite(let failingPath, _, _, let message)? = error as? StoreError else {
                return XCTFail("expected an SQLite error, got \(error)")
            }
            XCTAssertEqual(failingPath, path)
            XCTAssertTrue(message.contains("not a database"), message)
        }
    }

    // MARK: - Scans

    func testRoundTripOfAScanReport() throws {
        let path = try makeTemporaryDirectory(self) + "/steward.db"
        let report = sampleReport()
        let store = try ReportStore(path: path)
        try store.beginScan(id: report.scan.id, started: report.scan.started, paths: report.scan.paths,
                            toolVersion: report.tool.version, rulesVersion: report.tool.rules)
        try store.recordInput(scanId: report.scan.id, input: report.inputs[0], size: 12_345,
                              mtime: Timestamp(epochSeconds: 1_714_000_000))
        try store.finishScan(report: report, finished: "2024-05-01T10:00:09Z")
        store.close()

        let reopened = try ReportStore(path: path)
        defer { reopened.close() }
        let latest = try XCTUnwrap(try reopened.report(scanId: nil))
        XCTAssertEqual(try canonicalJSON(latest), try canonicalJSON(report))
        let byId = try XCTUnwrap(try reopened.report(scanId: "scan-0001"))
        XCTAssertEqual(try canonicalJSON(byId), try canonicalJSON(report))
        XCTAssertNil(try reopened.report(scanId: "scan-9999"))
        XCTAssertEqual(try reopened.scans(), [StoredScan(id: "scan-0001", started: "2024-05-01T10:00:00Z",
                                                        finished: "2024-05-01T10:00:09Z", paths: report.scan.paths,
                                                        toolVersion: "0.1.0", rulesVersion: "rules-2024.05")])

        // The tables hold the same facts, queryable without decoding the JSON.
        XCTAssertEqual(try rawSQL(path, "SELECT path, source, size, mtime, events, skipped, errors FROM inputs ORDER BY path"), [
            ["/home/ana/exports/bank.ofx", "bank.ofx", "12345", "1714000000", "42", "1",
             #"["line 17: amount \"12,3,4\" is not a number"]"#],
            ["/home/ana/takeout.zip!Takeout/Chrome/BrowserHistory.json", "google.chrome_history", nil, nil, "1200", "0", "[]"],
        ])
        XCTAssertEqual(try rawSQL(path, """
            SELECT attribute, sensitivity, confidence, count, first_seen, rules, value FROM findings ORDER BY attribute
            """), [
            ["finance.gambling", "financial", "0.9", "14", "2023-01-04",
             #"["finance.gambling.merchant","finance.gambling.mcc"]"#, nil],
            ["finance.income", "financial", "0.6", "12", nil, #"["finance.income.salary"]"#, "2000-3000 EUR/month"],
        ])
        XCTAssertEqual(try rawSQL(path, """
            SELECT f.attribute, e.ordinal, e.locator, e.time, e.excerpt FROM evidence e
            JOIN findings f ON f.id = e.finding_id ORDER BY e.ordinal
            """), [
            ["finance.gambling", "0", "line 120", "2024-03-30", "BET365 · -25.00 EUR"],
            ["finance.gambling", "1", "line 88", nil, "Lotto \"6 aus 49\" · MCC 7995"],
        ])
        XCTAssertEqual(try rawSQL(path, """
            SELECT s.model, s.total, s.tier, c.rule, c.delta, c.basis FROM contributions c
            JOIN scores s ON s.id = c.score_id ORDER BY s.model, c.ordinal
            """), [
            ["citizen-1000", "870", "B", "gambling", "-50", "illustrative"],
            ["citizen-1000", "870", "B", "income", "20", "reported"],
            ["schufa-stop", nil, "stop", "stop.gambling", nil, "documented"],
        ])
        XCTAssertEqual(try rawSQL(path, "SELECT path, reason FROM unrecognized"),
                       [["/home/ana/takeout.zip!Takeout/archive_browser.html", "index page, no records"]])
        XCTAssertEqual(try rawSQL(path, "SELECT value FROM scores, json_each(scores.consequences) WHERE model = 'citizen-1000'"),
                       [["Slower loan approval"]], "list columns are JSON that sqlite3 can unnest")
    }

    func testFinishingTheSameScanTwiceReplacesDerivedRows() throws {
        let path = try makeTemporaryDirectory(self) + "/steward.db"
        let store = try ReportStore(path: path)
        defer { store.close() }
        var report = sampleReport()
        try store.finishScan(report: report)
        report.findings.removeLast()
        try store.finishScan(report: report)
        XCTAssertEqual(try rawSQL(path, "SELECT count(*) FROM findings"), [["1"]])
        XCTAssertEqual(try rawSQL(path, "SELECT count(*) FROM evidence"), [["2"]])
        XCTAssertEqual(try rawSQL(path, "SELECT count(*) FROM contributions"), [["3"]])
        XCTAssertEqual(try store.report(scanId: nil)?.findings.count, 1)
    }

    func testMatchedEventsAreCountedAndStoredWithTheirLocator() throws {
        let path = try makeTemporaryDirectory(self) + "/steward.db"
        let store = try ReportStore(path: path)
        try store.beginScan(id: "s1", started: "2024-05-01T10:00:00Z", paths: ["/x"], toolVersion: "0.1", rulesVersion: "r1")
        for line in 1...1500 {
            try store.recordMatchedEvent(scanId: "s1", path: "/x/bank.ofx", event: sampleEvent(line: line),
                                         position: .line(line), rules: ["finance.gambling.mcc", "finance.gambling.merchant"],
                                         excerpt: "BET365 · -25.00 EUR")
        }
        let json = Event(source: "google.my_activity", kind: .search, time: Timestamp(epochSeconds: 1_700_000_000),
                         text: "casino near me")
        try store.recordMatchedEvent(scanId: "s1", path: "/x/takeout.zip!Takeout/My Activity/Search/MyActivity.json",
                                     event: json, position: .record(3, pointer: "/3"), rules: ["finance.gambling.search"],
                                     excerpt: "casino near me")
        XCTAssertEqual(try store.matchedEventCount(scanId: "s1"), 1501)
        try store.finishScan(report: sampleReport(id: "s1"))
        store.close()

        XCTAssertEqual(try rawSQL(path, """
            SELECT input_path, locator, line, record, pointer, time, utc_offset, date_only, source, kind, rules, excerpt
            FROM matched_events WHERE line = 1 OR record = 3 ORDER BY id
            """), [
            ["/x/bank.ofx", "line 1", "1", nil, nil, "1711753200", "3600", "1", "bank.ofx", "transaction",
             #"["finance.gambling.mcc","finance.gambling.merchant"]"#, "BET365 · -25.00 EUR"],
            ["/x/takeout.zip!Takeout/My Activity/Search/MyActivity.json",
             "record 3 (/3)", nil, "3", "/3",
             "1700000000", nil, "0", "google.my_activity", "search", #"["finance.gambling.search"]"#, "casino near me"],
        ])
    }

    func testAnAbandonedOrUnfinishedScanLeavesNothingBehind() throws {
        let path = try makeTemporaryDirectory(self) + "/steward.db"
        let store = try ReportStore(path: path)
        try store.beginScan(id: "gone", started: "2024-05-01T10:00:00Z", paths: [], toolVersion: "0.1", rulesVersion: "r1")
        try store.recordMatchedEvent(scanId: "gone", path: "/x", event: sampleEvent(line: 1), position: .line(1),
                                     rules: ["r"], excerpt: "x")
        try store.abandonScan()
        XCTAssertEqual(try store.scans(), [])
        XCTAssertEqual(try store.matchedEventCount(scanId: "gone"), 0)

        try store.beginScan(id: "crashed", started: "2024-05-01T10:00:00Z", paths: [], toolVersion: "0.1", rulesVersion: "r1")
        try store.recordMatchedEvent(scanId: "crashed", path: "/x", event: sampleEvent(line: 1), position: .line(1),
                                     rules: ["r"], excerpt: "x")
        store.close()
        let reopened = try ReportStore(path: path)
        defer { reopened.close() }
        XCTAssertEqual(try reopened.scans(), [])
        XCTAssertNil(try reopened.report(scanId: nil))
    }

    func testASecondScanCannotBeginWhileOneIsOpen() throws {
        let path = try makeTemporaryDirectory(self) + "/steward.db"
        let store = try ReportStore(path: path)
        defer { store.close() }
        try store.beginScan(id: "a", started: "2024-05-01T10:00:00Z", paths: [], toolVersion: "0.1", rulesVersion: "r1")
        XCTAssertThrowsError(try store.beginScan(id: "b", started: "2024-05-01T10:00:00Z", paths: [],
                                                 toolVersion: "0.1", rulesVersion: "r1")) { error in
            XCTAssertEqual(error as? StoreError, .scanInProgress(path: path, open: "a", requested: "b"))
        }
        XCTAssertThrowsError(try store.finishScan(report: sampleReport(id: "other"))) { error in
            XCTAssertEqual(error as? StoreError, .scanInProgress(path: path, open: "a", requested: "other"))
        }
        try store.finishScan(report: sampleReport(id: "a"))
        XCTAssertThrowsError(try store.beginScan(id: "a", started: "2024-05-01T10:00:00Z", paths: [],
                                                 toolVersion: "0.1", rulesVersion: "r1")) { error in
            XCTAssertTrue("\(error)".contains("UNIQUE constraint failed: scans.id"), "\(error)")
        }
        // The failed begin left no transaction behind: the next scan works.
        try store.beginScan(id: "c", started: "2024-05-01T10:00:00Z", paths: [], toolVersion: "0.1", rulesVersion: "r1")
        try store.finishScan(report: sampleReport(id: "c"))
        XCTAssertEqual(try store.scans().map(\.id), ["a", "c"])
    }

    func testLatestReportAndScanIdPrefixes() throws {
        let store = try ReportStore(path: try makeTemporaryDirectory(self) + "/steward.db")
        defer { store.close() }
        XCTAssertNil(try store.report(scanId: nil))
        try store.finishScan(report: sampleReport(id: "3f2a01", started: "2024-05-01T10:00:00Z"))
        try store.finishScan(report: sampleReport(id: "3f2b02", started: "2024-05-02T10:00:00Z"))
        try store.finishScan(report: sampleReport(id: "77aa03", started: "2024-05-03T10:00:00Z"))
        XCTAssertEqual(try store.report(scanId: nil)?.scan.id, "77aa03")
        XCTAssertEqual(try store.report(scanId: "3f2b")?.scan.id, "3f2b02")
        XCTAssertEqual(try store.report(scanId: "3f2a01")?.scan.id, "3f2a01")
        XCTAssertNil(try store.report(scanId: "9"))
        XCTAssertThrowsError(try store.report(scanId: "3f2")) { error in
            XCTAssertEqual(error as? StoreError, .ambiguousScanId(path: store.path, prefix: "3f2", matches: ["3f2a01", "3f2b02"]))
        }
    }

    func testConcurrentWritersAreSerialised() throws {
        let store = try ReportStore(path: try makeTemporaryDirectory(self) + "/steward.db")
        defer { store.close() }
        try store.beginScan(id: "s", started: "2024-05-01T10:00:00Z", paths: [], toolVersion: "0.1", rulesVersion: "r1")
        let failures = FailureCount()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for line in 1...500 {
                do {
                    try store.recordMatchedEvent(scanId: "s", path: "/x/\(worker)", event: sampleEvent(line: line),
                                                 position: .line(line), rules: ["r"], excerpt: "x")
                } catch {
                    failures.add()
                }
            }
        }
        XCTAssertEqual(failures.value, 0)
        XCTAssertEqual(try store.matchedEventCount(scanId: "s"), 2000)
    }

    func testUseAfterCloseIsAClearError() throws {
        let store = try ReportStore(path: try makeTemporaryDirectory(self) + "/steward.db")
        store.close()
        store.close()
        XCTAssertThrowsError(try store.scans()) { error in
            XCTAssertEqual(error as? StoreError, .closed(path: store.path))
        }
    }

    // MARK: - Locations

    func testDefaultDirectoryFollowsXDGThenHome() {
        XCTAssertEqual(ReportStore.defaultDirectory(environment: ["XDG_DATA_HOME": "/data", "HOME": "/home/ana"]),
                       "/data/steward")
        XCTAssertEqual(ReportStore.defaultDirectory(environment: ["XDG_DATA_HOME": "/data/", "HOME": "/home/ana"]),
                       "/data/steward")
        XCTAssertEqual(ReportStore.defaultDirectory(environment: ["HOME": "/home/ana"]), "/home/ana/.local/share/steward")
        // The XDG spec says relative paths are invalid and must be ignored.
        XCTAssertEqual(ReportStore.defaultDirectory(environment: ["XDG_DATA_HOME": "rel", "HOME": "/home/ana"]),
                       "/home/ana/.local/share/steward")
        XCTAssertEqual(ReportStore.defaultDirectory(environment: ["XDG_DATA_HOME": "", "HOME": "/home/ana"]),
                       "/home/ana/.local/share/steward")
        XCTAssertEqual(ReportStore.defaultDatabasePath(environment: ["HOME": "/home/ana"]),
                       "/home/ana/.local/share/steward/steward.db")
        XCTAssertEqual(ReportStore.files(forDatabaseAt: "/d/steward.db"),
                       ["/d/steward.db", "/d/steward.db-journal", "/d/steward.db-wal", "/d/steward.db-shm"])
    }
}

/// Counts failures from concurrent workers.
final class FailureCount: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}
