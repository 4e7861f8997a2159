import XCTest
import StewardCore
@testable import Importers
@testable import Formats

/// Google Pay's Takeout CSVs as Google writes them (values invented).
final class GooglePayTests: XCTestCase {
    func parse(_ text: String, path: String, chunkSize: Int = 64 * 1024) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "google.pay", chunkSize: chunkSize)
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

    /// Google Pay in My Activity (JSON): payments as sentences, the status among the details.
    func testMyActivityPaymentsAreTransactionsUnlessTheyFailed() throws {
        let text = """
        [{"header":"Google Pay","title":"Paid ₹8.00 to A SHOP using Bank Account XXXXXX0001","time":"2025-01-28T07:06:42.000Z","products":["Google Pay"],"details":[{"name":"kxAk7dyeTGub4ZQJ"},{"name":"Completed"}]},
         {"header":"Google Pay","title":"Sent ₹32.86 using Bank Account XXXXXX0001","time":"2025-01-28T08:54:39.000Z","products":["Google Pay"],"details":[{"name":"AbCd"},{"name":"Completed"}]},
         {"header":"Google Pay","title":"Received ₹4.00 from Google","time":"2025-01-23T13:12:44.000Z","products":["Google Pay"],"details":[{"name":"Completed"}]},
         {"header":"Google Pay","title":"Received ₹50.00","time":"2025-01-27T13:33:37.000Z","products":["Google Pay"]},
         {"header":"Google Pay","title":"Paid ₹1,510.61 to A STORE using Bank Account XXXXXX0001","time":"2025-01-12T16:17:30.000Z","products":["Google Pay"],"details":[{"name":"YtPl9"},{"name":"Failed"}]},
         {"header":"Google Pay","title":"Used Google Pay","time":"2025-01-12T16:18:00.000Z","products":["Google Pay"]},
         {"header":"Search","title":"Paid ₹5.00 to nobody","time":"2025-01-12T16:19:00.000Z","products":["Search"]}]
        """
        let collector = EventCollector()
        var parser = GoogleMyActivityParser()
        try parser.parseAll(Array(text.utf8), chunkSize: 17, into: collector.sink)
        let events = collector.events
        XCTAssertEqual(events.map(\.kind), [.transaction, .transaction, .transaction, .transaction, .activity, .activity, .activity])
        XCTAssertEqual(events[0].amount, Money(units: -800, scale: 2, currency: "INR"))
        XCTAssertEqual(events[0].counterparty, "A SHOP")
        XCTAssertEqual(events[0].product, "Google Pay")
        XCTAssertEqual(events[0].source, "google.my_activity")
        XCTAssertEqual(events[1].amount, Money(units: -3286, scale: 2, currency: "INR"))
        XCTAssertNil(events[1].counterparty)
        XCTAssertEqual(events[2].amount, Money(units: 400, scale: 2, currency: "INR"))
        XCTAssertEqual(events[2].counterparty, "Google")
        XCTAssertEqual(events[3].amount, Money(units: 5000, scale: 2, currency: "INR"))
        XCTAssertEqual(events[4].text, "Paid ₹1,510.61 to A STORE using Bank Account XXXXXX0001", "a failed payment moved no money")
        XCTAssertNil(events[4].amount)
        XCTAssertEqual(events[6].text, "Paid ₹5.00 to nobody", "only Google Pay records are payments")
    }

    /// The same in HTML: the status is a line of the caption's Details.
    func testMyActivityHTMLPaymentStatusFromTheCaption() throws {
        func block(_ body: String, _ status: String) -> String {
            GoogleMyActivityHTMLTests.block("Google Pay", body,
                caption: "<b>Products:</b><br>&emsp;Google Pay<br><b>Details:</b><br>&emsp;kxAk7dyeTGub4ZQJ<br>&emsp;\(status)<br>")
        }
        let html = GoogleMyActivityHTMLTests.page(
            block("Paid ₹2.00 to A TRADER using Bank Account XXXXXX0001<br>Jan 12, 2025, 8:44:39 PM GMT+05:30", "Completed"),
            block("Paid ₹1510.61 to A STORE using Bank Account XXXXXX0001<br>Jan 12, 2025, 9:47:30 PM GMT+05:30", "Failed"))
        for size in [1, 64 * 1024] {
            let collector = EventCollector()
            var parser = GoogleMyActivityHTMLParser()
            try parser.parseAll(Array(html.utf8), chunkSize: size, into: collector.sink)
            XCTAssertEqual(collector.events.map(\.kind), [.transaction, .activity])
            XCTAssertEqual(collector.events[0].amount, Money(units: -200, scale: 2, currency: "INR"))
            XCTAssertEqual(collector.events[0].counterparty, "A TRADER")
            XCTAssertEqual(collector.events[0].time?.utcOffsetSeconds, 19800)
        }
    }

    func testPaymentTitles() {
        XCTAssertEqual(GooglePayActivityTitle.parse("Paid ₹2000.00 using Bank Account XXXXXX0001"),
                       GooglePayActivityTitle(amount: Money(units: -200000, scale: 2, currency: "INR"), counterparty: nil))
        XCTAssertEqual(GooglePayActivityTitle.parse("Paid €12,40 to Café Central"),
                       GooglePayActivityTitle(amount: Money(units: -1240, scale: 2, currency: "EUR"), counterparty: "Café Central"))
        XCTAssertEqual(GooglePayActivityTitle.parse("Sent ₹1,00,000.00 to A Person using Bank Account XXXXXX0001")?.amount,
                       Money(units: -10_000_000, scale: 2, currency: "INR"), "Indian lakh grouping")
        XCTAssertNil(GooglePayActivityTitle.parse("Paid "), "no amount")
        XCTAssertNil(GooglePayActivityTitle.parse("Added ₹1,000.00 to UPI Lite using Bank Account XXXXXX0001"))
        XCTAssertNil(GooglePayActivityTitle.parse("Paid attention"))
        XCTAssertNil(GooglePayActivityTitle.parse("Used Google Pay"))
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
