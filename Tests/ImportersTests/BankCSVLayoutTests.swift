import Foundation
import XCTest
@testable import Importers
@testable import StewardCore
@testable import Formats

/// Provider layouts the general bank CSV importer reads: PayPal activity, Revolut, Russian
/// (Windows-1251) and Chinese (GB18030/GBK) exports, sign columns, headerless files.
final class BankCSVLayoutTests: XCTestCase {
    private func parse(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> ChunkedParseResult {
        try parseAtAllChunkSizes({ BankStatementCSVParser() }, bytes, file: file, line: line)
    }

    /// PayPal "activity" download: everything quoted, MM/DD/YYYY + Time + TimeZone, Gross/Fee/Net,
    /// a funding row paired with each bank-funded payment, trailing spaces in Type.
    static let payPal = """
        "Date","Time","TimeZone","Name","Type","Status","Currency","Gross","Fee","Net","From Email Address","To Email Address","Transaction ID","Item Title","Reference Txn ID","Balance"
        "10/01/2019","03:46:20","PDT","Calm Radio","Subscription Payment","Completed","USD","-6.99","0.00","-6.99","me@example.org","shop@example.com","06P5","MONTHLY plan","I-RY8","-6.99"
        "10/01/2019","03:46:20","PDT","","Bank Deposit to PP Account ","Pending","USD","6.99","0.00","6.99","","me@example.org","0UT1","","06P5","0.00"
        "10/22/2019","17:07:06","CET","Noble Benefactor","Subscription Payment","Completed","EUR","10.00","-0.59","9.41","noble@example.org","me@example.org","68LL","Joyful Systems","I-KCV","9.41"
        "12/24/2019","23:59:59","Mars/Olympus","Gift Shop","Express Checkout Payment","Denied","USD","-20.00","0.00","-20.00","me@example.org","gift@example.com","X1","Gift","","9.41"

        """

    func testPayPalTimesZonesNetAmountsAndFundingRowsLeftOutWithACountedWarning() throws {
        let r = try parse(Array(Self.payPal.utf8))
        XCTAssertEqual(r.events.count, 2, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.skipped, 1, "the denied payment")
        // The funding row is no record lost (not a skip) but the file says it was left out.
        XCTAssertTrue(r.issues.contains("1 PayPal funding row(s) were left out (money PayPal drew from a bank account "
                                        + "or card for the payment beside it): each payment counts once"), r.issues.joined(separator: "\n"))
        XCTAssertTrue(r.issues.contains { $0.contains("line 5") && $0.contains("DENIED") }, r.issues.joined(separator: "\n"))
        let payment = r.events[0]
        XCTAssertEqual(payment.time?.iso8601, "2019-10-01T03:46:20-07:00")
        XCTAssertEqual(payment.amount, Money(units: -699, scale: 2, currency: "USD"))
        XCTAssertEqual(payment.counterparty, "Calm Radio")
        XCTAssertEqual(payment.code, "Subscription Payment")
        XCTAssertEqual(payment.text, "MONTHLY plan")
        let income = r.events[1]
        XCTAssertEqual(income.time?.iso8601, "2019-10-22T17:07:06+01:00")
        XCTAssertEqual(income.amount, Money(units: 941, scale: 2, currency: "EUR"), "net of PayPal's fee")
        XCTAssertEqual(income.position, .line(4))
    }

    /// PayPal's download is recognized by its net and fee columns and read as `bank.paypal`;
    /// Revolut's fee column alone leaves a statement to the bank CSV importer.
    func testPayPalActivityIsDetectedAsBankPayPalAndAFeeColumnAloneAsBankCSV() throws {
        func detected(_ text: String) -> String? {
            let bytes = Array(text.utf8)
            guard case .success(let hit) = ImporterRegistry.detect(FileProbe(path: "download.csv", head: bytes, size: Int64(bytes.count))) else { return nil }
            return hit.importer.id
        }
        XCTAssertEqual(detected(Self.payPal), "bank.paypal")
        XCTAssertEqual(detected(Self.revolut), "bank.csv")
        let bytes = Array(Self.payPal.utf8)
        let r = try parseAtAllChunkSizes({ PayPalActivityImporter().makeParser(for: FileProbe(path: "download.csv", head: bytes, size: Int64(bytes.count))) }, bytes)
        XCTAssertEqual(r.events.map(\.source), ["bank.paypal", "bank.paypal"])
    }

    /// Revolut account statement: ISO date-times, fee charged on top, declined and reverted rows.
    static let revolut = """
        Type,Product,Started Date,Completed Date,Description,Amount,Fee,Currency,State,Balance
        TRANSFER,Current,2022-01-02 12:16:54,2022-01-02 12:16:55,To Guybrush Threepwood,-250.00,0.00,EUR,COMPLETED,442.67
        EXCHANGE,Current,2022-01-03 09:00:00,2022-01-03 09:00:01,Exchanged to USD,-100.00,1.00,EUR,COMPLETED,341.67
        CARD_PAYMENT,Current,2022-01-04 10:00:00,,"Casino, Online",-50.00,0.00,EUR,DECLINED,
        CARD_PAYMENT,Current,2022-01-05 11:00:00,2022-01-06 11:00:00,Shop,-5.00,0.00,EUR,REVERTED,341.67
        CARD_PAYMENT,Current,2022-01-13 11:21:43,,store,-44.57,0.00,EUR,PENDING,
        TOPUP,Current,2022-01-14 08:11:42,2022-01-14 08:12:12,Top-Up by *1234,500.00,0.00,EUR,COMPLETED,797.10

        """

    /// A current YNAB register export: every cell quoted, separate `Outflow` and `Inflow`
    /// columns, the currency symbol inside each amount, thousands separators.
    static let ynab = """
        "Account","Flag","Date","Payee","Category Group/Category","Category Group","Category","Memo","Outflow","Inflow","Cleared"
        "Checking","","03/01/2025","Bet365","Fun: Games","Fun","Games","","€25.00","€0.00","Cleared"
        "Checking","","03/02/2025","ACME Salary","Inflow: Ready to Assign","Inflow","Ready to Assign","March","€0.00","€2,850.00","Cleared"
        "Checking","","03/14/2025","Oddbins","Food: Drinks","Food","Drinks","","€24.99","€0.00","Uncleared"

        """

    /// YNAB 4: a check number column, master and sub category, dollar amounts, a running balance.
    static let ynab4 = """
        "Account","Flag","Check Number","Date","Payee","Category","Master Category","Sub Category","Memo","Outflow","Inflow","Cleared","Running Balance"
        "Checking","","","01/05/2016","Payday Express","Debt:Loans","Debt","Loans","","$150.00","$0.00","R","-$150.00"
        "Checking","","1024","01/20/2016","Landlord","Bills:Rent","Bills","Rent","","$1,200.00","$0.00","C","-$1,350.00"

        """

    func testBudgetingAppOutflowAndInflowColumnsWithCurrencySymbolsAreRead() throws {
        let r = try parse(Array(Self.ynab.utf8))
        XCTAssertEqual(r.events.count, 3, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.skipped, 0, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.amount?.decimalString }, ["-25.00", "2850.00", "-24.99"])
        XCTAssertEqual(r.events[0].counterparty, "Bet365")
        XCTAssertEqual(r.events[1].time?.iso8601, "2025-03-02")
        XCTAssertEqual(r.events[2].time?.iso8601, "2025-03-14", "a day above 12 settles the month-first order")
        let old = try parse(Array(Self.ynab4.utf8))
        XCTAssertEqual(old.events.count, 2, old.issues.joined(separator: "\n"))
        XCTAssertEqual(old.events.map { $0.amount?.decimalString }, ["-150.00", "-1200.00"])
        XCTAssertEqual(old.events[0].counterparty, "Payday Express")
        let head = Array(Self.ynab.utf8)
        let detected = BankStatementCSVImporter().detect(FileProbe(path: "exports/My Budget as of 2025-03-31 - Register.csv", head: head, size: Int64(head.count)))
        XCTAssertGreaterThanOrEqual(detected?.confidence ?? 0, 0.9, "a YNAB register is recognised as a statement")
    }

    func testCurrencySymbolsBeforeOrAfterTheNumberAndDirectionMarksAreReadPast() {
        XCTAssertEqual(Money.parse("-£12.00")?.units, -1200)
        XCTAssertEqual(Money.parse("£-12.00")?.units, -1200)
        XCTAssertEqual(Money.parse("1.234,56 €", decimalSeparator: UInt8(ascii: ","))?.units, 123_456)
        XCTAssertEqual(Money.parse("€2,850.00")?.units, 285_000)
        XCTAssertEqual(Money.parse("\u{200F}-12.50\u{00A0}\u{20AA}")?.units, -1250, "right-to-left mark and a shekel sign")
        XCTAssertEqual(Money.parse("\u{061C}150.00 \u{062F}.\u{0625}")?.units, 15_000, "Arabic letter mark and the dirham's letters")
    }

    func testRevolutFeesAndStates() throws {
        let r = try parse(Array(Self.revolut.utf8))
        XCTAssertEqual(r.events.count, 4, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.skipped, 2)
        XCTAssertEqual(r.events[0].time?.iso8601, "2022-01-02T12:16:54")
        XCTAssertEqual(r.events[0].code, "TRANSFER")
        XCTAssertEqual(r.events[1].amount, Money(units: -10100, scale: 2, currency: "EUR"), "the fee is charged on top")
        XCTAssertEqual(r.events[2].text, "store", "pending payments are money already held")
        XCTAssertEqual(r.events[3].amount, Money(units: 50000, scale: 2, currency: "EUR"))
        XCTAssertTrue(r.issues.contains { $0.contains("line 4") && $0.contains("DECLINED") })
        XCTAssertTrue(r.issues.contains { $0.contains("line 5") && $0.contains("REVERTED") })
    }

    /// Tinkoff-style Russian export in Windows-1251: `;`, decimal comma, dotted date-times,
    /// an MCC column and a status column with FAILED rows.
    func testRussianWindows1251() throws {
        let text = """
            Дата операции;Дата платежа;Номер карты;Статус;Сумма операции;Валюта операции;Категория;MCC;Описание
            01.02.2023 12:34:56;02.02.2023;*1234;OK;-1 234,56;RUB;Супермаркеты;5411;Пятёрочка
            03.02.2023 08:00:00;03.02.2023;*1234;FAILED;-500,00;RUB;Казино;7995;Лото
            05.02.2023 09:15:00;05.02.2023;;OK;50 000,00;RUB;Пополнения;;Зарплата

            """
        let bytes = try XCTUnwrap(text.data(using: .windowsCP1251)).map { $0 }
        XCTAssertFalse(TextDecoding.isValidUTF8(bytes))
        XCTAssertEqual(TextDecoding.sniff(bytes).encoding, .windows1251)
        let r = try parse(bytes)
        XCTAssertEqual(r.events.count, 2, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.skipped, 1)
        XCTAssertEqual(r.events[0].time?.iso8601, "2023-02-01T12:34:56")
        XCTAssertEqual(r.events[0].amount, Money(units: -123456, scale: 2, currency: "RUB"))
        XCTAssertEqual(r.events[0].text, "Пятёрочка")
        XCTAssertEqual(r.events[0].mcc, 5411)
        XCTAssertEqual(r.events[0].code, "Супермаркеты")
        XCTAssertEqual(r.events[1].amount, Money(units: 5_000_000, scale: 2, currency: "RUB"))
    }

    /// Alipay-style Chinese export in GB18030/GBK: a `收/支` column gives the sign of unsigned
    /// amounts, `金额（元）` names the currency, trailing commas end every row.
    func testChineseGB18030WithSignColumnAndTrailingDelimiters() throws {
        let text = """
            交易时间,交易分类,交易对方,商品说明,收/支,金额（元）,交易状态,
            2023-03-01 12:00:05,餐饮美食,肯德基,午餐,支出,35.50,交易成功,
            2023-03-02 09:30:00,转账红包,张三,借款,收入,2000.00,交易成功,
            2023-03-03 10:00:00,日用百货,超市,购物,支出,12.00,交易关闭,

            """
        let bytes = try XCTUnwrap(text.data(using: LegacyCJKDecoding.gb18030)).map { $0 }
        XCTAssertEqual(Array("中".data(using: LegacyCJKDecoding.gb18030)!), [0xD6, 0xD0], "GBK bytes, not UTF-8")
        XCTAssertEqual(TextDecoding.sniff(bytes).encoding, .gb18030)
        let r = try parse(bytes)
        XCTAssertEqual(r.events.count, 2, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.skipped, 1, "the closed (cancelled) trade")
        let lunch = r.events[0]
        XCTAssertEqual(lunch.amount, Money(units: -3550, scale: 2, currency: "CNY"))
        XCTAssertEqual(lunch.counterparty, "肯德基")
        XCTAssertEqual(lunch.text, "午餐")
        XCTAssertEqual(lunch.code, "餐饮美食")
        XCTAssertEqual(lunch.time?.iso8601, "2023-03-01T12:00:05")
        XCTAssertEqual(r.events[1].amount, Money(units: 200_000, scale: 2, currency: "CNY"))
    }

    /// A `收/支` mark that is neither 收入 nor 支出 (`不计收支` for a transfer between one's own
    /// accounts, `/`) is never read as income: the row keeps its text without an amount, and
    /// the file says once how many rows were read so, pointing at the first.
    func testUnknownSignMarkIsNeitherDebitNorCredit() throws {
        let text = """
            交易时间,交易分类,交易对方,商品说明,收/支,金额（元）,交易状态,
            2023-03-01 12:00:05,餐饮美食,肯德基,午餐,支出,35.50,交易成功,
            2023-03-02 09:30:00,投资理财,余额宝,转入余额宝,不计收支,2000.00,交易成功,
            2023-03-03 10:00:00,信用借还,花呗,花呗还款,/,800.00,交易成功,
            2023-03-04 08:00:00,转账红包,张三,还钱,收入,50.00,交易成功,

            """
        let r = try parse(Array(text.utf8))
        XCTAssertEqual(r.events.count, 4, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.amount }, [Money(units: -3550, scale: 2, currency: "CNY"), nil, nil,
                                                   Money(units: 5000, scale: 2, currency: "CNY")])
        XCTAssertEqual(r.events[1].text, "转入余额宝")
        XCTAssertEqual(r.skipped, 0)
        XCTAssertEqual(r.issues, ["line 3: 2 row(s) with a debit/credit mark that is neither debit nor credit: read without an amount (neither money in nor out)"])
    }

    /// Unsigned amounts with a CR/DR column, semicolons, a trailing delimiter.
    func testCRDRColumn() throws {
        let csv = "Date;Description;Amount;CR/DR;\n2024-01-05;SALARY;1500.00;CR;\n2024-01-06;RENT;700.00;DR;\n"
        let r = try parse(Array(csv.utf8))
        XCTAssertEqual(r.events.map { $0.amount }, [Money(units: 150_000, scale: 2), Money(units: -70000, scale: 2)])
    }

    func testGB18030InvalidBytesBecomeReplacementCharacters() {
        let bytes: [UInt8] = [0x41, 0xD6, 0xD0, 0xFF, 0x42, 0xD6]
        XCTAssertEqual(TextDecoding.decode(bytes, as: .gb18030), "A中\u{FFFD}B\u{FFFD}")
        XCTAssertEqual(TextDecoding.decode([0xC4, 0xE0, 0xF2, 0xE0, 0xB8, 0xB9], as: .windows1251), "Датаё№")
        XCTAssertEqual(TextDecoding.encoding(named: "GBK"), .gb18030)
        XCTAssertEqual(TextDecoding.encoding(named: "cp1251"), .windows1251)
        // Western text with lone accented bytes stays Windows-1252.
        XCTAssertEqual(TextDecoding.guessLegacyEncoding(Array("Caf".utf8) + [0xE9] + Array(" Geb".utf8) + [0xFC] + Array("hr M".utf8) + [0xFC] + Array("nchen ".utf8) + [0xC4]), .windows1252)
    }

    func testTimeOfDayForms() {
        let day = Timestamp(year: 2020, month: 1, day: 2, dateOnly: true)!
        func t(_ time: String, _ zone: String?) -> String? {
            BankCSVTimeOfDay.combine(day, Array(time.utf8)[...], zone: zone.map { Array($0.utf8)[...] })?.iso8601
        }
        XCTAssertEqual(t("3:46 PM", "PST"), "2020-01-02T15:46:00-08:00")
        XCTAssertEqual(t("12:05 AM", nil), "2020-01-02T00:05:00")
        XCTAssertEqual(t("08:00:00", "+05:30"), "2020-01-02T08:00:00+05:30")
        XCTAssertEqual(t("08:00:00", "GMT-0700"), "2020-01-02T08:00:00-07:00")
        XCTAssertEqual(t("08:00:00", "Nowhere"), "2020-01-02T08:00:00", "an unknown zone leaves local time (shown without a designator)")
        XCTAssertNil(t("25:00", nil))
        XCTAssertNil(t("noon", nil))
    }
}
