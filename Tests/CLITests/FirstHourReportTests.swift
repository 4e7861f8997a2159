import Foundation
import XCTest

/// Issue 9, points 5–7, end to end: the terminal report of a real scan fits an 80-column
/// terminal with the summary first; a UK statement whose days are all ≤ 12 is read day first
/// with a warning saying why; a rules file and Takeout's archive browser page are one quiet
/// line each.
final class FirstHourReportTests: XCTestCase {
    private var dir: String!

    override func setUpWithError() throws {
        dir = try StewardProcess.makeTemporaryDirectory("first-hour")
        let exports = dir + "/exports"
        try FileManager.default.createDirectory(atPath: exports + "/Takeout", withIntermediateDirectories: true)
        try """
            Date,Description,Amount
            01/03/2025,TESCO STORES,-12.50
            03/03/2025,BET365,-25.00
            07/03/2025,ACME LTD SALARY,2000.00
            10/03/2025,BET365,-25.00
            02/04/2025,BET365,-40.00

            """.write(toFile: exports + "/statement.csv", atomically: true, encoding: .utf8)
        var rules = "# hledger CSV rules\nskip 1\nfields date, description, amount"
        for k in 1...38 { rules += ", extra\(k)" }
        rules += "\ndate-format %d/%m/%Y\n" + (1...50).map { "if SHOP\($0)\n  account2 expenses:shop\($0)\n" }.joined()
        try rules.write(toFile: exports + "/bank.csv.rules", atomically: true, encoding: .utf8)
        try "<!DOCTYPE html><html><body>Takeout archive browser</body></html>\n"
            .write(toFile: exports + "/Takeout/archive_browser.html", atomically: true, encoding: .utf8)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    func testScanReportReadsTopDownFitsEightyColumnsAndGuessesQuietly() throws {
        let result = try StewardProcess.run(["scan", "--no-db", "--no-progress", "--rules", StewardProcess.rulesDirectory,
                                             dir + "/exports"], home: dir, extraEnvironment: ["COLUMNS": "80", "TERM": "dumb"])
        XCTAssertEqual(result.status, 0, result.stderr)
        let out = result.stdout
        // Point 5: the answer first, and every line fits the terminal.
        let summary = try XCTUnwrap(out.range(of: "\nSUMMARY\n")).lowerBound
        let findings = try XCTUnwrap(out.range(of: "\nFINDINGS (")).lowerBound
        let evidence = try XCTUnwrap(out.range(of: "\nEVIDENCE\n")).lowerBound
        XCTAssertTrue(summary < findings && findings < evidence, out)
        for line in out.split(separator: "\n") { XCTAssertLessThanOrEqual(line.count, 80, String(line)) }
        XCTAssertFalse(out.contains("\u{1B}"))
        XCTAssertTrue(out.contains("  citizen-1000 — Municipal citizen score: "), out)

        // The same scan on a wide terminal, so that long temporary paths stay on one line.
        let wide = try StewardProcess.run(["scan", "--no-db", "--no-progress", "--rules", StewardProcess.rulesDirectory,
                                           dir + "/exports"], home: dir, extraEnvironment: ["COLUMNS": "400"]).stdout
        // Point 6: read day first, said as a warning with its reason.
        XCTAssertTrue(wide.contains("statement.csv  bank.csv  5 records, 1 warning\n    warning: no date in the file has a day above 12, "
            + "so dates read as day/month (01/03/2025 = 1 March 2025): the rows are in date order only when read that way\n"), wide)
        XCTAssertTrue(wide.contains("2025-03-03  BET365"), wide)
        XCTAssertFalse(wide.contains("2025-01-03"), wide)
        // Point 7: the rules file is one doubtful line; the archive browser a known file.
        XCTAssertEqual(wide.components(separatedBy: "bank.csv.rules").count - 1, 1, wide)
        XCTAssertFalse(wide.contains("expected 41 columns"), wide)
        XCTAssertTrue(wide.contains("bank.csv.rules: not sure enough it is Bank statement CSV (only 0 of 101 rows below the header "
            + "have a date and an amount)\n"), wide)
        XCTAssertTrue(wide.contains("KNOWN FILES NOT READ (1)\n  " + dir + "/exports/Takeout/archive_browser.html: Google Takeout's"), wide)
        XCTAssertTrue(wide.contains("FILES NOT RECOGNIZED (1)\n"), wide)
    }
}
