import Foundation
import XCTest
@testable import Importers
import StewardCore
@testable import StewardPipeline

/// Issue 15: budgeting-app exports (Actual, Firefly III, GnuCash, Money Manager Ex; YNAB is in
/// BankCSVLayoutTests) and app-bank CSVs (Monzo, N26 old and new, Wise, Starling, bunq,
/// Revolut) in their own layouts, written for these tests. Each is recognized by its header as a
/// bank statement CSV, read with an exact record count, and its gambling payment reaches the
/// bank rules (finance.gambling.bookmaker).
final class BankAppExportsTests: XCTestCase {
    static let monzo = """
        Transaction ID,Date,Time,Type,Name,Emoji,Category,Amount,Currency,Local amount,Local currency,Notes and #tags,Address,Receipt,Description,Category split,Money Out,Money In
        tx_00009Qm1aXb,02/03/2025,08:14:09,Card payment,Pret A Manger,☕,Eating out,-4.35,GBP,-4.35,GBP,,12 Market Street,,PRET A MANGER MANCHESTER GBR,,-4.35,
        tx_00009Qm7hTz,05/03/2025,19:02:44,Card payment,Paddy Power,,Entertainment,-20.00,GBP,-20.00,GBP,#bets,,,PADDYPOWER.COM,,-20.00,
        tx_00009QnC2kK,28/03/2025,06:00:01,Faster payment,ACME LTD,,Income,2100.00,GBP,2100.00,GBP,March salary,,,ACME LTD SALARY,,,2100.00

        """

    static let n26 = """
        "Booking Date","Value Date","Partner Name","Partner Iban",Type,"Payment Reference","Account Name","Amount (EUR)","Original Amount","Original Currency","Exchange Rate"
        2025-03-03,2025-03-03,"REWE Markt GmbH",,Presentment,,"Main Account",-23.80,23.80,EUR,1.0
        2025-03-04,2025-03-04,"Tipico Co. Ltd",,Presentment,,"Main Account",-50.00,50.00,EUR,1.0
        2025-03-31,2025-03-31,"Beispiel GmbH",DE02100100100006820101,"Credit Transfer","Gehalt Maerz","Main Account",2450.00,,,

        """

    /// N26 until 2023: `Payee`, `Transaction type`, a second amount in the foreign currency.
    static let n26Old = """
        "Date","Payee","Account number","Transaction type","Payment reference","Category","Amount (EUR)","Amount (Foreign Currency)","Type Foreign Currency","Exchange Rate"
        "2019-06-03","Lieferando","","MasterCard Payment","","Food & Groceries","-18.50","-18.50","EUR","1.0"
        "2019-06-11","Lottoland","","MasterCard Payment","","Leisure & Entertainment","-10.00","-10.00","EUR","1.0"
        "2019-06-28","Beispiel GmbH","DE02100100100006820101","Income","Gehalt Juni","Income","2300.00","","",""

        """

    static let wise = """
        "TransferWise ID",Date,Amount,Currency,Description,"Payment Reference","Running Balance","Exchange From","Exchange To","Exchange Rate","Payer Name","Payee Name","Payee Account Number",Merchant,"Card Last Four Digits","Card Holder Full Name",Attachment,Note,"Total fees"
        CARD-1183020451,04-03-2025,-12.40,EUR,"Card transaction of 12.40 EUR issued by Bet365",,987.60,,,,,,,Bet365,4821,"Jane Doe",,,0.00
        TRANSFER-1190004411,15-03-2025,-300.00,EUR,"Sent money to John Smith",rent,687.60,,,,,"John Smith",GB33BUKB20201555555555,,,,,,0.00
        TRANSFER-1190877325,20-03-2025,1000.00,EUR,"Received money from ACME LTD",invoice 7,1687.60,,,,"ACME LTD",,,,,,,,0.00

        """

    static let starling = """
        Date,Counter Party,Reference,Type,Amount (GBP),Balance (GBP),Spending Category,Notes
        01/03/2025,Sky Bet,SKYBET LEEDS,CARD,-15.00,985.00,ENTERTAINMENT,
        03/03/2025,Tesco,TESCO STORES 2041,CONTACTLESS,-8.45,976.55,GROCERIES,
        25/03/2025,Example Ltd,SALARY MAR,FASTER PAYMENT,1800.00,2776.55,INCOME,

        """

    static let bunq = """
        "Date";"Interest Date";"Amount";"Account";"Counterparty";"Name";"Description"
        "2025-03-01";"2025-03-01";"-12,50";"NL00BUNQ0123456789";"MT31MALT01100000000000000000123";"Unibet";"Storting"
        "2025-03-02";"2025-03-02";"-3,20";"NL00BUNQ0123456789";"";"Albert Heijn";"Betaalpas"
        "2025-03-25";"2025-03-25";"2.450,00";"NL00BUNQ0123456789";"NL20INGB0001234567";"Voorbeeld B.V.";"Salaris maart"

        """

    static let actual = """
        Account,Date,Payee,Notes,Category,Amount,Cleared
        Checking,2025-03-02,Betfair,,Entertainment,-30.00,Cleared
        Checking,2025-03-05,Whole Foods,weekly shop,Food,-82.17,Cleared
        Checking,2025-03-15,ACME Corp,,Income,3200.00,Not cleared

        """

    static let firefly = """
        user_id,group_id,journal_id,created_at,updated_at,group_title,type,amount,foreign_amount,currency_code,foreign_currency_code,description,date,source_name,source_iban,source_type,destination_name,destination_iban,destination_type,reconciled,category,budget,bill,tags,notes,sepa_cc,sepa_ct_op,sepa_ct_id,sepa_db,sepa_country,sepa_ep,sepa_ci,sepa_batch_id,external_url,interest_date,book_date,process_date,due_date,payment_date,invoice_date,recurrence_id,internal_reference,bunq_payment_id,import_hash,import_hash_v2,external_id,original_source,recurrence_total,recurrence_count,recurrence_date
        1,41,41,2025-03-01T18:22:10+01:00,2025-03-01T18:22:10+01:00,,Withdrawal,-45.00,,EUR,,PokerStars Einzahlung,2025-03-01T00:00:00+01:00,Girokonto,,Asset account,PokerStars,,Expense account,false,Freizeit,,,,,,,,,,,,,,,,,,,,,,,,,,ff3-v6.1.24,,,
        1,42,42,2025-03-03T08:01:44+01:00,2025-03-03T08:01:44+01:00,,Withdrawal,-61.37,,EUR,,Wocheneinkauf,2025-03-03T00:00:00+01:00,Girokonto,,Asset account,Edeka,,Expense account,false,Lebensmittel,Haushalt,,,,,,,,,,,,,,,,,,,,,,,,,ff3-v6.1.24,,,
        1,43,43,2025-03-28T09:15:00+01:00,2025-03-28T09:15:00+01:00,,Deposit,2875.40,,EUR,,Gehalt März,2025-03-28T00:00:00+01:00,Beispiel GmbH,,Revenue account,Girokonto,,Asset account,true,Gehalt,,,,,,,,,,,,,,,,,,,,,,,,,,ff3-v6.1.24,,,

        """

    /// GnuCash, File → Export → Export Transactions to CSV with "Simple Layout".
    static let gnuCash = """
        "Date","Account Name","Number","Description","Full Category Path","Reconcile","Amount With Sym","Amount Num.","Rate/Price"
        "03/01/2025","Checking","","William Hill","Expenses:Entertainment","n","-$40.00","-40.00","1.00"
        "03/02/2025","Checking","1031","Safeway","Expenses:Groceries","c","-$55.12","-55.12","1.00"
        "03/15/2025","Checking","","Paycheck","Income:Salary","y","$3,100.00","3,100.00","1.00"

        """

    /// GnuCash, File → Export → Export Transactions to CSV with the full layout: one row per
    /// split, the transaction's date, ID and description only on its first row. Four
    /// transactions: a bet paid from checking, a salary, a transfer from checking to savings (both
    /// legs are asset accounts) and groceries on a credit card (a liability).
    static let gnuCashFull = """
        "Date","Transaction ID","Number","Description","Notes","Commodity/Currency","Void Reason","Action","Memo","Full Account Name","Account Name","Amount With Sym","Amount Num.","Value With Sym","Value Num.","Reconcile","Reconcile Date","Rate/Price"
        "03/04/2025","9f1c0b2e4a7d4c55b0e3a1d2c3b4a596","","Paddy Power","","CURRENCY::USD","","","","Assets:Current Assets:Checking Account","Checking Account","-$25.00","-25.00","-$25.00","-25.00","n","","1.00"
        "","","","","","","","","","Expenses:Entertainment","Entertainment","$25.00","25.00","$25.00","25.00","n","","1.00"
        "03/15/2025","1d2e3f405162738495a6b7c8d9e0f1a2","","Paycheck","March","CURRENCY::USD","","","","Income:Salary","Salary","-$3,100.00","-3,100.00","-$3,100.00","-3,100.00","n","","1.00"
        "","","","","","","","","","Assets:Current Assets:Checking Account","Checking Account","$3,100.00","3,100.00","$3,100.00","3,100.00","c","","1.00"
        "03/16/2025","2a3b4c5d6e7f8091a2b3c4d5e6f70819","","Savings","","CURRENCY::USD","","","","Assets:Current Assets:Checking Account","Checking Account","-$500.00","-500.00","-$500.00","-500.00","n","","1.00"
        "","","","","","","","","","Assets:Current Assets:Savings Account","Savings Account","$500.00","500.00","$500.00","500.00","n","","1.00"
        "03/20/2025","3b4c5d6e7f8091a2b3c4d5e6f708192a","","Trader Joe's","","CURRENCY::USD","","","","Expenses:Groceries","Groceries","$55.12","55.12","$55.12","55.12","n","","1.00"
        "","","","","","","","","weekly","Liabilities:Credit Card","Credit Card","-$55.12","-55.12","-$55.12","-55.12","n","","1.00"

        """

    /// Money Manager Ex, Export → CSV with a header row and day-first dates.
    static let moneyManagerEx = """
        Date,Status,Type,Account,Payee,Category,SubCategory,Withdrawal,Deposit,Notes
        02/03/2025,R,Withdrawal,Current,Ladbrokes,Leisure,Betting,20.00,,online
        09/03/2025,,Withdrawal,Current,Lidl,Food,Groceries,31.45,,
        25/03/2025,R,Deposit,Current,Employer Ltd,Income,Salary,,2200.00,March

        """

    static let revolut = """
        Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance
        CARD_PAYMENT,Current,2025-03-01 21:04:11,2025-03-02 09:00:00,Bet365,-25.00,0.00,EUR,COMPLETED,475.00
        CARD_PAYMENT,Current,2025-03-02 12:30:00,2025-03-03 09:00:00,Lidl,-14.20,0.00,EUR,COMPLETED,460.80

        """

    static let all: [(name: String, text: String, events: Int)] = [
        ("monzo.csv", monzo, 3), ("n26.csv", n26, 3), ("n26-2019.csv", n26Old, 3), ("wise.csv", wise, 3),
        ("starling.csv", starling, 3), ("bunq.csv", bunq, 3), ("actual.csv", actual, 3), ("firefly.csv", firefly, 3),
        ("gnucash.csv", gnuCash, 3), ("gnucash-full.csv", gnuCashFull, 5), ("mmex.csv", moneyManagerEx, 3), ("revolut.csv", revolut, 2),
    ]

    private func parse(_ text: String) throws -> (events: [Event], issues: [String], skipped: Int) {
        var results: [(events: [Event], issues: [String], skipped: Int)] = []
        for size in [1, 7, 64 * 1024] {
            var parser = BankStatementCSVParser()
            let collector = EventCollector()
            try parser.parseAll(Array(text.utf8), chunkSize: size, into: collector.sink)
            results.append((collector.events, collector.sink.issues, collector.sink.skippedCount))
        }
        XCTAssertEqual(results[1].events.map { $0.amount }, results[0].events.map { $0.amount }, "chunking changed the amounts")
        XCTAssertEqual(results[2].events.map { $0.time }, results[0].events.map { $0.time }, "chunking changed the times")
        return results[0]
    }

    func testEachAppLayoutIsDetectedAsABankStatementCSVWithHighConfidence() {
        for (name, text, _) in Self.all {
            let head = Array(text.utf8)
            let detection = BankStatementCSVImporter().detect(FileProbe(path: name, head: head, size: Int64(head.count)))
            XCTAssertGreaterThanOrEqual(detection?.confidence ?? 0, 0.9, name)
        }
    }

    func testMonzoAmountCurrencyTimeAndPayee() throws {
        let r = try parse(Self.monzo)
        XCTAssertEqual(r.events.count, 3, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.skipped, 0)
        XCTAssertEqual(r.events.map { $0.amount }, [Money(units: -435, scale: 2, currency: "GBP"), Money(units: -2000, scale: 2, currency: "GBP"),
                                                   Money(units: 210_000, scale: 2, currency: "GBP")])
        XCTAssertEqual(r.events[0].time?.iso8601, "2025-03-02T08:14:09")
        XCTAssertEqual(r.events[1].counterparty, "Paddy Power")
        XCTAssertEqual(r.events[1].text, "PADDYPOWER.COM")
        XCTAssertEqual(r.events[1].code, "Card payment")
    }

    func testN26NewAndOldLayoutsTakeTheEuroAmountAndThePartner() throws {
        let new = try parse(Self.n26)
        XCTAssertEqual(new.events.count, 3, new.issues.joined(separator: "\n"))
        XCTAssertEqual(new.events.map { $0.amount }, [Money(units: -2380, scale: 2, currency: "EUR"), Money(units: -5000, scale: 2, currency: "EUR"),
                                                     Money(units: 245_000, scale: 2, currency: "EUR")])
        XCTAssertEqual(new.events.map { $0.counterparty }, ["REWE Markt GmbH", "Tipico Co. Ltd", "Beispiel GmbH"])
        XCTAssertEqual(new.events[2].text, "Gehalt Maerz")
        XCTAssertEqual(new.events[2].code, "Credit Transfer")
        let old = try parse(Self.n26Old)
        XCTAssertEqual(old.events.count, 3, old.issues.joined(separator: "\n"))
        XCTAssertEqual(old.events.map { $0.amount?.decimalString }, ["-18.50", "-10.00", "2300.00"])
        XCTAssertEqual(old.events[1].counterparty, "Lottoland")
        XCTAssertEqual(old.events[1].code, "MasterCard Payment")
        XCTAssertEqual(old.events[1].amount?.currency, "EUR")
    }

    func testWiseDashedDayFirstDatesAndPayeeName() throws {
        let r = try parse(Self.wise)
        XCTAssertEqual(r.events.count, 3, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.time?.iso8601 }, ["2025-03-04", "2025-03-15", "2025-03-20"])
        XCTAssertEqual(r.events.map { $0.amount?.decimalString }, ["-12.40", "-300.00", "1000.00"])
        XCTAssertEqual(r.events[0].text, "Card transaction of 12.40 EUR issued by Bet365")
        XCTAssertEqual(r.events[1].counterparty, "John Smith")
        XCTAssertEqual(r.events[2].amount?.currency, "EUR")
    }

    func testStarlingCounterPartyReferenceAndHeaderCurrency() throws {
        let r = try parse(Self.starling)
        XCTAssertEqual(r.events.count, 3, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events[0].time?.iso8601, "2025-03-01")
        XCTAssertEqual(r.events[0].counterparty, "Sky Bet")
        XCTAssertEqual(r.events[0].text, "SKYBET LEEDS")
        XCTAssertEqual(r.events[2].amount, Money(units: 180_000, scale: 2, currency: "GBP"))
    }

    func testBunqNameIsThePayeeNotTheCounterpartyIBANAndDecimalCommasAreRead() throws {
        let r = try parse(Self.bunq)
        XCTAssertEqual(r.events.count, 3, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.counterparty }, ["Unibet", "Albert Heijn", "Voorbeeld B.V."])
        XCTAssertEqual(r.events.map { $0.amount?.decimalString }, ["-12.50", "-3.20", "2450.00"])
        XCTAssertEqual(r.events[2].text, "Salaris maart")
    }

    func testActualPayeeNotesAndSignedAmounts() throws {
        let r = try parse(Self.actual)
        XCTAssertEqual(r.events.count, 3, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.amount?.decimalString }, ["-30.00", "-82.17", "3200.00"])
        XCTAssertEqual(r.events[0].counterparty, "Betfair")
        XCTAssertEqual(r.events[1].text, "weekly shop")
    }

    func testFireflyDateTimesWithZoneCurrencyCodeAndType() throws {
        let r = try parse(Self.firefly)
        XCTAssertEqual(r.events.count, 3, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events[0].time?.iso8601, "2025-03-01T00:00:00+01:00")
        XCTAssertEqual(r.events[0].amount, Money(units: -4500, scale: 2, currency: "EUR"))
        XCTAssertEqual(r.events[0].text, "PokerStars Einzahlung")
        XCTAssertEqual(r.events[0].code, "Withdrawal")
        XCTAssertEqual(r.events[2].amount?.decimalString, "2875.40")
    }

    func testGnuCashSimpleLayoutTakesTheBareNumber() throws {
        let r = try parse(Self.gnuCash)
        XCTAssertEqual(r.events.count, 3, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.time?.iso8601 }, ["2025-03-01", "2025-03-02", "2025-03-15"])
        XCTAssertEqual(r.events.map { $0.amount?.decimalString }, ["-40.00", "-55.12", "3100.00"])
        XCTAssertEqual(r.events[0].text, "William Hill")
    }

    func testGnuCashFullLayoutReadsFiveAssetAndLiabilitySplitsOfFourTransactionsAndCountsThreeOtherLegs() throws {
        let r = try parse(Self.gnuCashFull)
        XCTAssertEqual(r.events.count, 5, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.amount?.decimalString }, ["-25.00", "3100.00", "-500.00", "500.00", "-55.12"])
        XCTAssertEqual(r.events.map { $0.amount?.currency }, ["USD", "USD", "USD", "USD", "USD"], "from CURRENCY::USD")
        XCTAssertEqual(r.events.map { $0.time?.iso8601 }, ["2025-03-04", "2025-03-15", "2025-03-16", "2025-03-16", "2025-03-20"])
        XCTAssertEqual(r.events.map(\.text), ["Paddy Power", "Paycheck", "Savings", "Savings", "Trader Joe's"],
                       "a continuation row takes its transaction's description")
        XCTAssertEqual(r.skipped, 0)
        XCTAssertTrue(r.issues.contains("3 split(s) in income, expense and other accounts were not read: each transaction counts once, from its asset or liability side"), "\(r.issues)")
    }

    func testGnuCashFullLayoutWithRepeatedTransactionFieldsAndTheOlderHeaderSpelling() throws {
        let text = """
            Date,Transaction ID,Number,Description,Notes,Commodity/Currency,Void Reason,Action,Memo,Full Account Name,Account Name,Amount With Sym.,Amount Num,Reconcile,Reconcile Date,Rate/Price
            2025-03-04,b33c8a6160494417558fd143731fc26a,,Kahuna Burger,,CURRENCY::EUR,,,,Expenses:Dining,Dining,€10.00,10.00,n,,1.00
            2025-03-04,b33c8a6160494417558fd143731fc26a,,Kahuna Burger,,CURRENCY::EUR,,,,Aktiva:Barvermögen:Geldbörse,Geldbörse,-€10.00,-10.00,n,,1.00

            """
        let r = try parse(text)
        XCTAssertEqual(r.events.map { $0.amount?.decimalString }, ["-10.00"], r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.amount?.currency }, ["EUR"])
        XCTAssertEqual(r.events.map(\.text), ["Kahuna Burger"])
        XCTAssertTrue(r.issues.contains("1 split(s) in income, expense and other accounts were not read: each transaction counts once, from its asset or liability side"), "\(r.issues)")
    }

    func testMoneyManagerExWithdrawalAndDepositColumns() throws {
        let r = try parse(Self.moneyManagerEx)
        XCTAssertEqual(r.events.count, 3, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.amount?.decimalString }, ["-20.00", "-31.45", "2200.00"])
        XCTAssertEqual(r.events.map { $0.time?.iso8601 }, ["2025-03-02", "2025-03-09", "2025-03-25"])
        XCTAssertEqual(r.events[0].counterparty, "Ladbrokes")
        XCTAssertEqual(r.events[0].code, "Withdrawal")
    }

    /// Right-to-left currency symbols with direction marks in the amount cell give the currency.
    func testRightToLeftCurrencySymbolsWithDirectionMarksGiveTheCurrency() throws {
        let csv = "Date,Description,Amount\n"
            + "2025-03-01,\u{05E8}\u{05DE}\u{05D9} \u{05DC}\u{05D5}\u{05D9},\"\u{200F}-120.50\u{00A0}\u{20AA}\"\n"
            + "2025-03-02,Carrefour Dubai,\"\u{200F}-75.00 \u{062F}.\u{0625}.\u{200F}\"\n"
            + "2025-03-03,Salary,\"\u{200E}\u{20AA}\u{00A0}9,800.00\u{200E}\"\n"
        let r = try parse(csv)
        XCTAssertEqual(r.events.count, 3, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.amount }, [Money(units: -12050, scale: 2, currency: "ILS"), Money(units: -7500, scale: 2, currency: "AED"),
                                                   Money(units: 980_000, scale: 2, currency: "ILS")])
    }

    /// Every layout above reaches the bank rules: one bookmaker payment per file, each counted.
    func testAGamblingPaymentInEachAppExportYieldsFinanceGambling() throws {
        let dir = URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("steward-apps-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for (name, text, _) in Self.all {
            try Data(text.utf8).write(to: URL(fileURLWithPath: dir).appendingPathComponent(name))
        }
        let ruleset = try Ruleset.load(directory: ScanPipelineTests.rulesDirectory)
        let report = try ScanPipeline.run(ScanOptions(paths: [dir], rulesDirectory: ScanPipelineTests.rulesDirectory,
                                                                databasePath: nil, jobs: 1), ruleset: ruleset)
        for (name, _, events) in Self.all {
            let input = try XCTUnwrap(report.inputs.first { $0.path.hasSuffix("/" + name) }, "\(name) not read")
            XCTAssertEqual(input.source, "bank.csv", name)
            XCTAssertEqual(input.events, events, name)
            XCTAssertEqual(input.skipped, 0, name)
        }
        let gambling = try XCTUnwrap(report.findings.first { $0.attribute == "finance.gambling" })
        XCTAssertEqual(gambling.ruleCounts?["finance.gambling.bookmaker"], Self.all.count)
        XCTAssertEqual(gambling.sources, ["bank.csv"])
    }
}
