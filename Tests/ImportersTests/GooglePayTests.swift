import XCTest
import StewardCore
@testable import Importers

/// Google Pay's Takeout CSVs as Google writes them (values invented).
final class GooglePayTests: XCTestCase {
    func parse(_ text: String, path: String, chunkSize: Int = 64 * 1024) throws -> (events: [Event], sink: EventSink) {
        let p = FileProbe(path: path, head: Array(text.utf8.prefix(FileProbe.headLength)), size: Int64(text.utf8.count))
        guard case .success(let found) = ImporterRegistry.detect(p) else {
            XCTFail("\(path) not recognized")
            throw ParseError("not recognized")
        }
        XCTAssertEqual(found.importer.id, "google.pay")
        var parser = found.importer.makeParser(for: p)
        let collector = EventCollector()
        try parser.parseAll(Array(text.utf8), chunkSize: chunkSize, into: collector.sink)
        return (collector.events, collector.sink)
    }

    /// `Google transactions/transactions_<n>.csv`: US English times with U+202F before PM,
    /// day-first times of an en-IN account, a refunded and a declined charge, a broken row.
    let charges = "Time,Transaction ID,Description,Product,Payment method,Status,Amount\n"
        + "\"Nov 23, 2025, 3:13\u{202F}PM\",GPA.3391-0001-2222-33333,Tinder Gold (Tinder),Google Play Apps,Visa •••• 4242,Complete,USD 14.99\n"
        + "\"4 Sept 2025, 18:05\",GPA.3391-0001-2222-44444,YouTube Premium,YouTube,UPI: Bank Account ••1111,Complete,\"₹1,299.00\"\n"
        + "\"Dec 1, 2025, 9:00\u{202F}AM\",GPA.3391-0001-2222-55555,Google One,Google One,Visa •••• 4242,Refunded,USD 1.99\n"
        + "\"Dec 2, 2025, 9:00\u{202F}AM\",GPA.3391-0001-2222-66666,Lucky Slots Coins,Google Play Apps,Visa •••• 4242,Declined,USD 4.99\n"
        + "\"yesterday\",GPA.3391-0001-2222-77777,Some App,Google Play Apps,Visa •••• 4242,Complete,USD 0.99\n"
        + "\"Dec 3, 2025, 9:00\u{202F}AM\",GPA.3391-0001-2222-88888,Other App,Google Play Apps,Visa •••• 4242,Complete,free\n"

    func testChargesAreSpendingWithMerchantAmountAndCurrency() throws {
        for size in [1, 7, 64 * 1024] {
            let r = try parse(charges, path: "Takeout/Google Pay/Google transactions/transactions_1234567.csv", chunkSize: size)
            XCTAssertEqual(r.events.count, 3, "chunk \(size)")
            let tinder = r.events[0]
            XCTAssertEqual(tinder.source, "google.pay")
            XCTAssertEqual(tinder.kind, .transaction)
            XCTAssertEqual(tinder.counterparty, "Tinder Gold (Tinder)")
            XCTAssertEqual(tinder.product, "Google Play Apps")
            XCTAssertEqual(tinder.amount, Money(units: -1499, scale: 2, currency: "USD"))
            XCTAssertEqual(tinder.time?.hourOfDay, 15)
            XCTAssertNil(tinder.time?.utcOffsetSeconds, "Google Pay writes no zone")
            XCTAssertEqual(tinder.position.line, 2)
            XCTAssertEqual(r.events[1].amount, Money(units: -129900, scale: 2, currency: "INR"))
            XCTAssertEqual(r.events[1].time?.hourOfDay, 18)
            XCTAssertEqual(r.events[2].counterparty, "Google One", "a refunded purchase was still bought")
            XCTAssertEqual(r.sink.skippedCount, 2, "the unreadable time and the unreadable amount")
            XCTAssertTrue(r.sink.issues.contains { $0.contains("1 row(s) with a status under which no money moved") }, "\(r.sink.issues)")
            XCTAssertFalse(r.sink.issues.contains { $0.contains("Some App") || $0.contains("Other App") || $0.contains("yesterday") },
                           "no record content in messages: \(r.sink.issues)")
        }
    }

    /// `Money sends and requests/Money sends and requests.csv`.
    func testSendsAreSignedByDirectionAndRequestsAreNotTransactions() throws {
        let text = "\u{FEFF}Time,Transaction ID,Description,Memo,Type,Status,Amount\r\n"
            + "\"Sep 5, 2025, 9:15\u{202F}PM\",TXN0001,Received from A. Friend,dinner share,Received money,Complete,€25.00\r\n"
            + "\"Sep 12, 2025, 6:00\u{202F}PM\",TXN0002,Sent to B. Cousin,rent for the casino trip,Sent money,Complete,€300.00\r\n"
            + "\"Sep 11, 2025, 1:00\u{202F}PM\",TXN0003,Request to A. Friend,,Request,Unpaid,€20.00\r\n"
        let r = try parse(text, path: "Money sends and requests.csv")
        XCTAssertEqual(r.events.map(\.amount), [Money(units: 2500, scale: 2, currency: "EUR"), Money(units: -30000, scale: 2, currency: "EUR")])
        XCTAssertEqual(r.events.map(\.counterparty), ["Received from A. Friend", "Sent to B. Cousin"])
        XCTAssertEqual(r.events[1].text, "rent for the casino trip")
        XCTAssertEqual(r.sink.skippedCount, 0)
        XCTAssertTrue(r.sink.issues.contains("1 money request(s) were not counted as transactions"), "\(r.sink.issues)")
    }

    func testDetectionByHeaderNotName() {
        let renamed = FileProbe(path: "export.csv", head: Array(charges.utf8), size: nil)
        XCTAssertEqual(GooglePayImporter().detect(renamed)?.confidence, 0.9)
        XCTAssertEqual(GooglePayImporter().detect(FileProbe(path: "transactions_9.csv", head: Array(charges.utf8), size: nil))?.confidence, 0.95)
        // A bank CSV with a time and an amount but none of Google Pay's other columns.
        let bank = "Date,Time,Description,Amount,Balance\n2025-01-02,10:00,Coffee,-3.50,100.00\n"
        XCTAssertNil(GooglePayImporter().detect(FileProbe(path: "transactions_1.csv", head: Array(bank.utf8), size: nil)))
        // The Rewards file shares no header with the transactions.
        let rewards = "Rewarded on,Reward,Amount\n\"Sep 8, 2025\",Cashback,₹15.00\n"
        XCTAssertNil(GooglePayImporter().detect(FileProbe(path: "Rewards earned.csv", head: Array(rewards.utf8), size: nil)))
    }

    func testCurrencyNextToTheNumber() {
        XCTAssertEqual(CurrencyAmountText.parse("USD 15.87"), Money(units: 1587, scale: 2, currency: "USD"))
        XCTAssertEqual(CurrencyAmountText.parse("12,00 €"), Money(units: 1200, scale: 2, currency: "EUR"))
        XCTAssertEqual(CurrencyAmountText.parse("£3.50"), Money(units: 350, scale: 2, currency: "GBP"))
        XCTAssertEqual(CurrencyAmountText.parse("$3.50"), Money(units: 350, scale: 2, currency: nil), "$ names several currencies")
        XCTAssertEqual(CurrencyAmountText.parse("R$ 10,50"), Money(units: 1050, scale: 2, currency: "BRL"))
        XCTAssertNil(CurrencyAmountText.parse("free"))
    }
}
