import CSQLite
import Foundation
import StewardCore
import XCTest

/// A fresh directory under the system temp dir, removed when the test ends.
func makeTemporaryDirectory(_ test: XCTestCase) throws -> String {
    let path = NSTemporaryDirectory() + "steward-store-tests-" + UUID().uuidString
    try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    test.addTeardownBlock {
        // Directories a test made read-only must be writable again to be removed.
        chmod(path, 0o700)
        try? FileManager.default.removeItem(atPath: path)
    }
    return path
}

/// Permission bits of a file or directory.
func permissions(_ path: String) -> mode_t? {
    var info = stat()
    guard stat(path, &info) == 0 else { return nil }
    return info.st_mode & 0o7777
}

/// Runs one SQL statement directly with libsqlite3, bypassing the store (to tamper with a
/// file or inspect it), and returns its rows as text.
@discardableResult
func rawSQL(_ path: String, _ sql: String) throws -> [[String?]] {
    var db: OpaquePointer?
    defer { sqlite3_close_v2(db) }
    guard sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nil) == SQLITE_OK else {
        throw RawSQLError(message: "cannot open \(path)")
    }
    var statement: OpaquePointer?
    guard sqlite3_prepare_v2(db, sql, -1, &statement, nil) == SQLITE_OK else {
        throw RawSQLError(message: String(cString: sqlite3_errmsg(db)))
    }
    defer { sqlite3_finalize(statement) }
    var rows: [[String?]] = []
    while true {
        let code = sqlite3_step(statement)
        if code == SQLITE_DONE { break }
        guard code == SQLITE_ROW else { throw RawSQLError(message: String(cString: sqlite3_errmsg(db))) }
        rows.append((0..<sqlite3_column_count(statement)).map { column in
            sqlite3_column_text(statement, column).map { String(cString: $0) }
        })
    }
    return rows
}

struct RawSQLError: Error { var message: String }

/// A report with every part filled in: two inputs, an unrecognized file, findings with
/// evidence (including a nil time and a value), a points model and a verdict model.
func sampleReport(id: String = "scan-0001", started: String = "2024-05-01T10:00:00Z") -> ScanReport {
    ScanReport(
        tool: .init(version: "0.1.0", rules: "rules-2024.05"),
        scan: .init(id: id, started: started, paths: ["/home/ana/exports/bank.ofx", "/home/ana/takeout.zip"]),
        inputs: [
            .init(path: "/home/ana/exports/bank.ofx", source: "bank.ofx", events: 42, skipped: 1,
                  errors: ["line 17: amount \"12,3,4\" is not a number"]),
            .init(path: "/home/ana/takeout.zip!Takeout/Chrome/BrowserHistory.json", source: "google.chrome_history",
                  events: 1200, skipped: 0, errors: []),
        ],
        unrecognized: [.init(path: "/home/ana/takeout.zip!Takeout/archive_browser.html", reason: "index page, no records")],
        findings: [
            Finding(attribute: "finance.gambling", title: "Gambling", sensitivity: .financial, confidence: 0.9,
                    count: 14, firstSeen: "2023-01-04", lastSeen: "2024-03-30",
                    rules: ["finance.gambling.merchant", "finance.gambling.mcc"], sources: ["bank.ofx"],
                    evidence: [
                        Evidence(path: "/home/ana/exports/bank.ofx", locator: "line 120", time: "2024-03-30",
                                 excerpt: "BET365 · -25.00 EUR", rule: "finance.gambling.merchant"),
                        Evidence(path: "/home/ana/exports/bank.ofx", locator: "line 88", time: nil,
                                 excerpt: "Lotto \"6 aus 49\" · MCC 7995", rule: "finance.gambling.mcc"),
                    ]),
            Finding(attribute: "finance.income", title: "Income", sensitivity: .financial, confidence: 0.6,
                    count: 12, firstSeen: nil, lastSeen: nil, rules: ["finance.income.salary"],
                    sources: ["bank.ofx"], value: "2000-3000 EUR/month", evidence: []),
        ],
        scores: [
            ScoreResult(model: "citizen-1000", title: "Citizen score", total: 870, tier: "B", tierLabel: "Good",
                        contributions: [
                            Contribution(rule: "gambling", attribute: "finance.gambling", delta: -50,
                                         basis: .illustrative, source: "steward illustration", reason: "betting"),
                            Contribution(rule: "income", attribute: "finance.income", delta: 20, basis: .reported,
                                         source: "press report 2019"),
                        ],
                        consequences: ["Slower loan approval"], notes: ["range 600–699 unnamed"]),
            ScoreResult(model: "schufa-stop", total: nil, tier: "stop",
                        contributions: [Contribution(rule: "stop.gambling", attribute: "finance.gambling", delta: nil,
                                                     basis: .documented, source: "lender policy")],
                        consequences: []),
        ])
}

/// Canonical JSON of a report, to compare two reports that are not Equatable.
func canonicalJSON(_ report: ScanReport) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
    return String(decoding: try encoder.encode(report), as: UTF8.self)
}

/// A matched bank transaction at `line`.
func sampleEvent(line: Int) -> Event {
    Event(source: "bank.ofx", kind: .transaction,
          time: Timestamp(year: 2024, month: 3, day: 30, utcOffsetSeconds: 3600, dateOnly: true),
          text: "Card payment", counterparty: "BET365", amount: Money(units: -2500, scale: 2, currency: "EUR"),
          mcc: 7995, position: .line(line))
}
