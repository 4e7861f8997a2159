import XCTest
import StewardCore
@testable import Importers

/// Wise's `transaction-history.csv` in its real layout: twenty-one columns, unsigned amounts with
/// a Direction, fees beside the amounts, a card payment paid from two balances as two rows of
/// one ID (values invented).
final class WiseTransactionHistoryTests: XCTestCase {
    static let header = "ID,Status,Direction,Created on,Finished on,Source fee amount,Source fee currency,Target fee amount,Target fee currency,Source name,Source amount (after fees),Source currency,Target name,Target amount (after fees),Target currency,Exchange rate,Reference,Batch,Created by,Category,Note"
    static let file = [
        header,
        "TRANSFER-1001,COMPLETED,OUT,2025-08-03 14:20:05,2025-08-03 14:23:11,0.45,EUR,,,Alex Example,120.00,EUR,Landlord GmbH,120.00,EUR,1,August rent,,Alex Example,Housing,",
        "TRANSFER-1002,COMPLETED,IN,2025-07-31 09:00:00,2025-07-31 09:00:02,,,,,ACME Payroll Ltd,2500.00,GBP,Alex Example,2950.10,EUR,1.18004,Salary July,,,Income,",
        "CARD_TRANSACTION-2001,COMPLETED,OUT,2025-08-05 21:40:00,2025-08-05 21:40:01,,,,,Alex Example,15.70,CAD,Bet365,11.18,USD,0.712102,,,Alex Example,Entertainment,",
        "CARD_TRANSACTION-2001,COMPLETED,OUT,2025-08-05 21:40:00,2025-08-05 21:40:01,,,,,Alex Example,23.32,USD,Bet365,23.32,USD,1,,,Alex Example,Entertainment,",
        "BALANCE-3001,COMPLETED,NEUTRAL,2025-08-06 10:00:00,2025-08-06 10:00:00,1.20,EUR,,,Alex Example,200.00,EUR,Alex Example,233.10,USD,1.1655,,,Alex Example,,",
        "TRANSFER-1003,CANCELLED,OUT,2025-08-07 10:00:00,,0.45,EUR,,,Alex Example,50.00,EUR,Someone,50.00,EUR,1,,,Alex Example,,",
        "TRANSFER-1004,COMPLETED,SIDEWAYS,2025-08-08 10:00:00,,,,,,Alex Example,5.00,EUR,Someone,5.00,EUR,1,,,Alex Example,,",
    ].joined(separator: "\n") + "\n"

    func testRowsThatMovedMoneyAreSignedByDirectionWithTheFeeOnTopOfWhatWasSent() throws {
        for size in [1, 31, 64 * 1024] {
            let r = try parseDetected(Self.file, path: "transaction-history.csv", expecting: "bank.wise", chunkSize: size)
            XCTAssertEqual(r.events.count, 4, "chunk \(size)")
            XCTAssertEqual(r.events.map { $0.amount }, [
                Money(units: -12045, scale: 2, currency: "EUR"), Money(units: 295010, scale: 2, currency: "EUR"),
                Money(units: -1570, scale: 2, currency: "CAD"), Money(units: -2332, scale: 2, currency: "USD"),
            ])
            XCTAssertEqual(r.events.map { $0.counterparty ?? "" }, ["Landlord GmbH", "ACME Payroll Ltd", "Bet365", "Bet365"])
            XCTAssertEqual(r.events[0].text, "August rent")
            XCTAssertEqual(r.events[0].code, "Housing")
            XCTAssertEqual(r.events[0].time?.iso8601, "2025-08-03T14:20:05", "no zone: the export's own clock")
            XCTAssertTrue(r.events.allSatisfy { $0.source == "bank.wise" && $0.kind == .transaction })
            XCTAssertEqual(r.sink.skippedCount, 1, "chunk \(size): the row going SIDEWAYS")
            XCTAssertTrue(r.sink.errors.contains { $0.hasPrefix("line 8") && $0.contains("unknown direction") }, "\(r.sink.issues)")
            XCTAssertTrue(r.sink.warnings.contains("1 cancelled or refunded row(s) moved no money and were not read"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.warnings.contains("1 conversion(s) between your own balances were not read"), "\(r.sink.issues)")
        }
    }

    func testDetectedByItsColumnsAndNotTakenForABankStatementCSV() {
        let head = Array(Self.file.utf8)
        XCTAssertEqual(WiseTransactionHistoryImporter().detect(FileProbe(path: "export.csv", head: head, size: nil))?.confidence, 0.95)
        let statement = "\"TransferWise ID\",Date,Amount,Currency,Description,\"Payment Reference\",\"Running Balance\"\n\"CARD-1\",03-08-2025,-11.18,USD,\"Card transaction of 11.18 USD issued by Bet365\",,100.00\n"
        XCTAssertNil(WiseTransactionHistoryImporter().detect(FileProbe(path: "statement.csv", head: Array(statement.utf8), size: nil)),
                     "the older per-balance statement is a bank CSV layout")
    }
}
