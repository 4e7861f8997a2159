import Foundation
import XCTest
@testable import Importers
@testable import StewardCore
@testable import Archives

/// Issue 9, point 6: a statement whose days are all ≤ 12 was read month first (01/03/2025 →
/// 3 January) with only a generic line. Every hint is now weighed, and the report says which
/// order was assumed and why, as a warning.
final class BankCSVDateOrderTests: XCTestCase {
    private func parse(_ csv: String, locale: BankCSVDateOrder.LocaleHint? = nil,
                       file: StaticString = #filePath, line: UInt = #line) throws -> ChunkedParseResult {
        try parseAtAllChunkSizes({ BankStatementCSVParser(locale: locale) }, Array(csv.utf8), file: file, line: line)
    }

    /// The report's old case: a short UK statement, English header, no currency, every day ≤ 12.
    func testShortUKStatementIsReadDayFirstBecauseOnlyThenAreTheRowsInDateOrder() throws {
        let r = try parse("""
            Date,Description,Amount
            01/03/2025,TESCO STORES,-12.50
            03/03/2025,COSTA COFFEE,-3.20
            07/03/2025,ACME LTD SALARY,2000.00
            10/03/2025,RENT,-800.00
            02/04/2025,TESCO STORES,-11.00
            """)
        XCTAssertEqual(r.events.map { $0.time?.iso8601 }, ["2025-03-01", "2025-03-03", "2025-03-07", "2025-03-10", "2025-04-02"])
        XCTAssertEqual(r.issues, ["no date in the file has a day above 12, so dates read as day/month (01/03/2025 = 1 March 2025): "
            + "the rows are in date order only when read that way"])
    }

    func testCurrencyColumnDecidesWhenTheRowsCannot() throws {
        let r = try parse("Date,Description,Amount,Currency\n01/03/2025,TESCO,-12.50,GBP\n02/03/2025,COSTA,-3.20,GBP\n")
        XCTAssertEqual(r.events.map { $0.time?.iso8601 }, ["2025-03-01", "2025-03-02"])
        XCTAssertEqual(r.issues, ["no date in the file has a day above 12, so dates read as day/month (01/03/2025 = 1 March 2025): "
            + "the amounts are in GBP, and banks using it write the day first"])
        let us = try parse("Date,Description,Amount,Currency\n01/03/2025,TARGET,-12.50,USD\n02/03/2025,CVS,-3.20,USD\n")
        XCTAssertEqual(us.events.map { $0.time?.iso8601 }, ["2025-01-03", "2025-02-03"])
        XCTAssertEqual(us.issues, ["no date in the file has a day above 12, so dates read as month/day (01/03/2025 = 3 January 2025): "
            + "the amounts are in USD, and US banks write the month first"])
    }

    func testPoundSignInTheAmountsIsACurrency() throws {
        let r = try parse("Date,Description,Amount\n01/03/2025,TESCO,£12.50\n02/03/2025,COSTA,£3.20\n")
        XCTAssertEqual(r.events.first?.time?.iso8601, "2025-03-01")
        XCTAssertEqual(r.issues.first?.hasSuffix("the amounts are in GBP, and banks using it write the day first"), true, "\(r.issues)")
    }

    func testBritishColumnNamesDecide() throws {
        let r = try parse("Date,Description,Paid out,Paid in\n01/03/2025,TESCO,12.50,\n02/03/2025,COSTA,3.20,\n")
        XCTAssertEqual(r.events.first?.time?.iso8601, "2025-03-01")
        XCTAssertEqual(r.issues, ["no date in the file has a day above 12, so dates read as day/month (01/03/2025 = 1 March 2025): "
            + "the column \"paid out\" is how British banks name it, and they write the day first"])
    }

    /// The bank's layout: Chase names a column "Check or Slip #", which no bank outside the US does.
    func testUSBankLayoutDecidesEvenWhenTheLocaleIsBritish() throws {
        let csv = "Details,Posting Date,Description,Amount,Type,Balance,Check or Slip #\n"
            + "DEBIT,01/03/2025,TARGET,-12.50,DEBIT_CARD,100.00,\nDEBIT,02/03/2025,CVS,-3.20,DEBIT_CARD,96.80,\n"
        let r = try parse(csv, locale: .init(name: "en_GB", order: .dayFirst))
        XCTAssertEqual(r.events.map { $0.time?.iso8601 }, ["2025-01-03", "2025-02-03"])
        XCTAssertEqual(r.issues, ["no date in the file has a day above 12, so dates read as month/day (01/03/2025 = 3 January 2025): "
            + "the column \"check or slip #\" is how US banks name it, and they write the month first"])
    }

    func testHeaderLanguageDecides() throws {
        let r = try parse("Datum;Betrag;Verwendungszweck\n03/04/24;-3,50;Bäckerei\n")
        XCTAssertEqual(r.events.first?.time?.iso8601, "2024-04-03")
        XCTAssertEqual(r.issues, ["no date in the file has a day above 12, so dates read as day/month (03/04/24 = 3 April 2024): "
            + "the column names are not English (\"Datum\"), and banks writing them put the day first"])
    }

    func testLocaleDecidesBeforeTheUSGuessAndTheGuessSaysSo() throws {
        let csv = "Date,Description,Amount\n01/03/2025,TESCO,-12.50\n02/03/2025,COSTA,-3.20\n"
        let gb = try parse(csv, locale: BankCSVDateOrder.LocaleHint.from(environment: ["LANG": "en_GB.UTF-8"]))
        XCTAssertEqual(gb.events.first?.time?.iso8601, "2025-03-01")
        XCTAssertEqual(gb.issues, ["no date in the file has a day above 12, so dates read as day/month (01/03/2025 = 1 March 2025): "
            + "nothing in the file tells, and your locale (en_GB) writes the day first"])
        let unknown = try parse(csv)
        XCTAssertEqual(unknown.events.first?.time?.iso8601, "2025-01-03")
        XCTAssertEqual(unknown.issues, ["no date in the file has a day above 12, so dates read as month/day (01/03/2025 = 3 January 2025): "
            + "nothing in the file tells; English column names, decimal points and no currency named are how US banks write. "
            + "If this statement is not from a US bank, its dates are wrong"])
    }

    func testAnUnambiguousDateDecidesWithoutAWarning() throws {
        let r = try parse("Date,Description,Amount\n01/03/2025,TESCO,-12.50\n13/03/2025,COSTA,-3.20\n")
        XCTAssertEqual(r.events.map { $0.time?.iso8601 }, ["2025-03-01", "2025-03-13"])
        XCTAssertEqual(r.issues, [])
    }

    /// Issue 17's note: a statement whose first rows (the 200 the dialect looks at) have no day
    /// above 12 used to be read month first, and every later row after the 12th day was
    /// skipped. The rows now wait for the first date that decides and are all read in its order.
    func testRowsWaitForALateDecidingDateAndNoneIsLost() throws {
        var csv = "Date,Description,Amount\n"
        for k in 0..<250 { csv += "0\(k % 9 + 1)/03/2025,TESCO,-1.00\n" }
        csv += "25/03/2025,COSTA,-3.20\n"
        for _ in 0..<30 { csv += "28/03/2025,PRET,-4.10\n" }
        let r = try parse(csv)
        XCTAssertEqual(r.events.count, 281)
        XCTAssertEqual(r.skipped, 0)
        XCTAssertEqual(r.issues, [])
        XCTAssertEqual(r.events[0].time?.iso8601, "2025-03-01", "01/03 is 1 March once 25/03 has decided")
        XCTAssertEqual(r.events[8].time?.iso8601, "2025-03-09")
        XCTAssertEqual(r.events[250].time?.iso8601, "2025-03-25")
        XCTAssertEqual(r.events.last?.time?.iso8601, "2025-03-28")
        XCTAssertEqual(r.events.map { $0.position.line ?? 0 }, Array(2...282), "held rows are emitted in file order")
    }

    /// A late date that confirms the assumed order changes nothing, and no guess is reported.
    func testALateDateConfirmingTheAssumedOrderKeepsItWithoutAWarning() throws {
        var csv = "Date,Description,Amount\n"
        for _ in 0..<250 { csv += "03/05/2025,WALMART,-1.00\n" }
        csv += "03/25/2025,TARGET,-3.20\n"
        let r = try parse(csv)
        XCTAssertEqual(r.events.count, 251)
        XCTAssertEqual(r.issues, [])
        XCTAssertEqual(r.events[0].time?.iso8601, "2025-03-05")
        XCTAssertEqual(r.events[250].time?.iso8601, "2025-03-25")
    }

    /// A time column beside the date is combined again when a late date changes the order.
    func testHeldRowsKeepTheirTimeOfDayWhenReadAgain() throws {
        var csv = "Date,Time,Description,Amount\n"
        for _ in 0..<210 { csv += "01/03/2025,14:05:00,TESCO,-1.00\n" }
        csv += "13/03/2025,09:00:00,COSTA,-3.20\n"
        let r = try parse(csv)
        XCTAssertEqual(r.events.count, 211)
        XCTAssertEqual(r.events[0].time?.iso8601, "2025-03-01T14:05:00")
    }

    /// Waiting is bounded: when no date has decided after `maxWaitingRows` rows, the assumed
    /// order is used and said, and a later contradicting date is named and its rows skipped.
    func testWaitingIsBoundedAndALaterContradictionIsReported() throws {
        var csv = "Date,Description,Amount\n"
        let rows = BankStatementCSVParser.maxWaitingRows + 50
        for _ in 0..<rows { csv += "05/03/2025,TESCO,-1.00\n" }
        csv += "25/03/2025,COSTA,-3.20\n"
        var parser = BankStatementCSVParser()
        let collector = EventCollector()
        try parser.parseAll(Array(csv.utf8), chunkSize: 64 * 1024, into: collector.sink)
        XCTAssertEqual(collector.events.count, rows)
        XCTAssertEqual(collector.sink.skippedCount, 1)
        let issues = collector.sink.issues
        XCTAssertTrue(issues.first?.hasPrefix("no date in the file has a day above 12, so dates read as month/day") == true, "\(issues)")
        XCTAssertEqual(issues.last, "line \(rows + 2): '25/03/2025' can only be day/month, but the rows before it were read as month/day "
            + "(no date in the first rows told): their day and month may be swapped; rows like this one were skipped")
    }

    func testMonotonicOrderNeedsThreeDistinctDays() {
        func samples(_ dates: [String]) -> [BankCSVDateOrder.Sample] {
            dates.map { let raw = Array($0.utf8)[...]; return .init(raw: raw, pieces: BankCSVDate.pieces(raw)!) }
        }
        XCTAssertEqual(BankCSVDateOrder.monotonicOrder(samples(["01/03/2025", "03/03/2025", "02/04/2025"])), .dayFirst)
        XCTAssertEqual(BankCSVDateOrder.monotonicOrder(samples(["03/01/2025", "03/03/2025", "04/02/2025"])), .monthFirst)
        XCTAssertEqual(BankCSVDateOrder.monotonicOrder(samples(["02/04/2025", "03/03/2025", "01/03/2025"])), .dayFirst)
        XCTAssertNil(BankCSVDateOrder.monotonicOrder(samples(["01/03/2025", "02/03/2025"])))
        XCTAssertNil(BankCSVDateOrder.monotonicOrder(samples(["01/01/2025", "02/02/2025", "03/03/2025"])))
    }

    func testLocaleNames() {
        XCTAssertEqual(BankCSVDateOrder.LocaleHint.from(environment: ["LANG": "en_US.UTF-8"])?.order, .monthFirst)
        XCTAssertEqual(BankCSVDateOrder.LocaleHint.from(environment: ["LANG": "de_DE.UTF-8", "LC_TIME": "en_GB"]),
                       .init(name: "en_GB", order: .dayFirst))
        XCTAssertEqual(BankCSVDateOrder.LocaleHint.from(environment: ["LC_ALL": "fr_FR@euro"])?.order, .dayFirst)
        XCTAssertNil(BankCSVDateOrder.LocaleHint.from(environment: ["LANG": "C.UTF-8"]))
        XCTAssertNil(BankCSVDateOrder.LocaleHint.from(environment: [:]))
    }

    /// The assumption reaches the report as a warning, not an error.
    func testTheAssumptionIsAWarningNotAnError() {
        let csv = "Date,Description,Amount,Currency\n01/03/2025,TESCO,-12.50,GBP\n02/03/2025,COSTA,-3.20,GBP\n"
        let delegate = RecordingDelegate()
        ExportReader(importers: [BankStatementCSVImporter(locale: nil)])
            .read(source: MemorySource(data: Data(csv.utf8), displayPath: "/in/statement.csv"), diskPath: nil, modified: nil,
                  depth: 0, delegate: delegate)
        XCTAssertEqual(delegate.inputs.count, 1)
        XCTAssertEqual(delegate.inputs.first?.errors, [])
        XCTAssertEqual(delegate.inputs.first?.warnings.count, 1)
        XCTAssertEqual(delegate.inputs.first?.events, 2)
    }
}
