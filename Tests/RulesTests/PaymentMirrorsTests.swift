import XCTest
@testable import Rules
import StewardCore

/// A purchase listed by a shop or wallet and booked again on a bank statement counts once
/// (docs/duplicates.md, "Purchases and the statement that paid them").
final class PaymentMirrorsTests: XCTestCase {
    /// Numbers inputs as a scan's gate does.
    let gate = OverlapGate()

    func transaction(_ source: String, _ day: String, _ amount: String, _ counterparty: String, text: String? = nil) -> Event {
        let units = Int64((Double(amount)! * 100).rounded())
        return Event(source: source, kind: .transaction, time: Timestamp.parseISO8601(Array(day.utf8)), text: text,
                     counterparty: counterparty, amount: Money(units: units, scale: 2))
    }

    func testAnAmazonOrderAndItsLaterCardBookingAreOnePaymentInEitherOrder() {
        let order = transaction("amazon.orders", "2025-03-01", "-49.99", "Amazon.co.uk", text: "PlayStation 5 DualSense controller")
        let booking = transaction("bank.csv", "2025-03-04", "-49.99", "AMZN Mktp UK*2K4L10")
        let orderFirst = PaymentMirrors()
        XCTAssertTrue(orderFirst.admits(order, key: 1, input: gate.inputId("orders.csv")))
        XCTAssertFalse(orderFirst.admits(booking, key: 2, input: gate.inputId("statement.csv")), "the booking of that order")
        XCTAssertEqual(orderFirst.mergedRecords(path: gate.path(of:)), [.init(inputs: ["orders.csv", "statement.csv"], records: 1)])
        let bankFirst = PaymentMirrors()
        XCTAssertTrue(bankFirst.admits(booking, key: 2, input: gate.inputId("statement.csv")))
        XCTAssertFalse(bankFirst.admits(order, key: 1, input: gate.inputId("orders.csv")), "the order of that booking")
    }

    /// PayPal's activity is a wallet's list: its payment and the bank's "PAYPAL *SHOP" booking
    /// are one payment; a bank line that does not name PayPal is another payment.
    func testAPayPalPaymentAndTheBankBookingNamingPayPalAreOnePayment() {
        XCTAssertEqual(PaymentMirrors.role(of: "bank.paypal"), .purchase)
        let table = PaymentMirrors()
        XCTAssertTrue(table.admits(transaction("bank.paypal", "2024-03-02", "-25.00", "bet365"), key: 1, input: gate.inputId("Download.CSV")))
        XCTAssertTrue(table.admits(transaction("bank.paypal", "2024-03-03", "-25.00", "Calm Radio"), key: 2, input: gate.inputId("Download.CSV")))
        XCTAssertFalse(table.admits(transaction("bank.csv", "2024-03-04", "-25.00", "PAYPAL *BET365"), key: 3, input: gate.inputId("card.csv")))
        XCTAssertFalse(table.admits(transaction("bank.csv", "2024-03-05", "-25.00", "PayPal Europe S.a.r.l. et Cie S.C.A"), key: 4,
                                    input: gate.inputId("card.csv")), "the second PayPal payment of that amount")
        XCTAssertTrue(table.admits(transaction("bank.csv", "2024-03-05", "-25.00", "BET365 DEPOSIT"), key: 5, input: gate.inputId("card.csv")),
                      "a card payment to the bookmaker itself, not through PayPal")
        XCTAssertEqual(table.mergedRecords(path: gate.path(of:)), [.init(inputs: ["Download.CSV", "card.csv"], records: 2)])
    }

    func testAmountDaysNameAndInputMustAllAgree() {
        let charge = transaction("google.pay", "2025-03-01", "-4.99", "Lucky Slots Casino Coins")
        let cases: [(Event, String)] = [
            (transaction("bank.csv", "2025-03-02", "-5.99", "GOOGLE *Lucky Slots"), "another amount"),
            (transaction("bank.csv", "2025-03-08", "-4.99", "GOOGLE *Lucky Slots"), "booked a week later"),
            (transaction("bank.csv", "2025-02-27", "-4.99", "GOOGLE *Lucky Slots"), "booked two days before"),
            (transaction("bank.csv", "2025-03-02", "-4.99", "CORNER SHOP 12"), "a merchant without either name"),
        ]
        for (booking, why) in cases {
            let table = PaymentMirrors()
            XCTAssertTrue(table.admits(charge, key: 1, input: gate.inputId("transactions.csv")))
            XCTAssertTrue(table.admits(booking, key: 2, input: gate.inputId("statement.csv")), why)
        }
        let sameInput = PaymentMirrors()
        let input = gate.inputId("mixed.csv")
        XCTAssertTrue(sameInput.admits(charge, key: 1, input: input))
        XCTAssertTrue(sameInput.admits(transaction("bank.csv", "2025-03-02", "-4.99", "GOOGLE *Lucky Slots"), key: 2, input: input),
                      "one input never pairs with itself")
        let byMerchantWord = PaymentMirrors()
        XCTAssertTrue(byMerchantWord.admits(charge, key: 1, input: gate.inputId("transactions.csv")))
        XCTAssertFalse(byMerchantWord.admits(transaction("bank.csv", "2025-02-28", "4.99", "LUCKYSLOTS LONDON"), key: 2,
                                             input: gate.inputId("statement.csv")),
                       "a merchant word of four letters or more, the sign aside, one day before")
    }

    func testEachPurchasePairsWithOneBookingOnly() {
        let table = PaymentMirrors()
        let orders = gate.inputId("orders.csv"), statement = gate.inputId("statement.csv")
        XCTAssertTrue(table.admits(transaction("amazon.orders", "2025-03-01", "-9.99", "Amazon.de"), key: 1, input: orders))
        XCTAssertFalse(table.admits(transaction("bank.csv", "2025-03-02", "-9.99", "AMAZON EU SARL"), key: 2, input: statement))
        XCTAssertTrue(table.admits(transaction("bank.csv", "2025-03-03", "-9.99", "AMAZON EU SARL"), key: 3, input: statement),
                      "a second booking of the same amount is another payment")
    }

    func testACopyOfADroppedBookingFromAThirdInputIsDroppedToo() {
        let table = PaymentMirrors()
        let booking = transaction("bank.csv", "2025-03-02", "-4.99", "GOOGLE *YouTube")
        var ofx = booking
        ofx.source = "bank.ofx"
        XCTAssertTrue(table.admits(transaction("google.pay", "2025-03-01", "-4.99", "YouTube Premium"), key: 1, input: gate.inputId("pay.csv")))
        XCTAssertFalse(table.admits(booking, key: 7, input: gate.inputId("statement.csv")))
        XCTAssertFalse(table.admits(ofx, key: 7, input: gate.inputId("statement.ofx")), "the OFX of the statement line already paired")
    }

    func testAFullTableAdmitsWithoutACheckAndSaysHowMany() {
        let table = PaymentMirrors(capacity: 1)
        let orders = gate.inputId("orders.csv"), statement = gate.inputId("statement.csv")
        XCTAssertTrue(table.admits(transaction("amazon.orders", "2025-03-01", "-9.99", "Amazon.de"), key: 1, input: orders))
        XCTAssertTrue(table.admits(transaction("amazon.orders", "2025-03-01", "-19.99", "Amazon.de"), key: 2, input: orders))
        XCTAssertEqual(table.unchecked, 1)
        XCTAssertFalse(table.admits(transaction("bank.csv", "2025-03-02", "-9.99", "AMAZON"), key: 3, input: statement),
                       "what was entered still pairs")
    }

    func testATableIsMadeOnlyForScansThatCanHoldBothSides() {
        XCTAssertNil(PaymentMirrors.forScan(inputSources: ["bank.csv", "bank.ofx"]))
        XCTAssertNil(PaymentMirrors.forScan(inputSources: ["amazon.orders", "google.my_activity"]))
        XCTAssertNotNil(PaymentMirrors.forScan(inputSources: ["amazon.orders", "bank.csv"]))
        XCTAssertNotNil(PaymentMirrors.forScan(inputSources: ["bank.alipay", "bank.mt940"]), "an Alipay bill beside a card statement")
        XCTAssertNotNil(PaymentMirrors.forScan(inputSources: ["bank.csv", nil]), "an archive read in one pass may hold anything")
    }
}

private extension PaymentMirrors {
    /// As a session asks: with the role of the event's source.
    func admits(_ event: Event, key: UInt64, input: UInt32) -> Bool {
        admits(event, as: PaymentMirrors.role(of: event.source)!, key: key, input: input)
    }
}
