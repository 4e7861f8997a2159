import XCTest
@testable import Importers
@testable import StewardCore

final class BankQIFParserTests: XCTestCase {
    private func parse(_ bytes: [UInt8], file: StaticString = #filePath, line: UInt = #line) throws -> ChunkedParseResult {
        try parseAtAllChunkSizes({ QIFParser() }, bytes, file: file, line: line)
    }
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> ChunkedParseResult {
        try parse(Array(text.utf8), file: file, line: line)
    }

    static let allDateStyles = """
        !Option:AutoSwitch
        !Account
        NChecking
        TBank
        ^
        !Clear:AutoSwitch
        !Type:Cat
        NFood:Groceries
        E
        ^
        !Type:Bank
        D1/ 1'00
        T-1,234.50
        PPAYDAY LOANS INC
        MAdvance fee
        LLoans
        NATM
        ^
        D2/10'2020
        T10.00
        PAcme
        N1043
        ^
        D12/31/1999
        U-5.00
        T-5.00
        PLast of the century
        ^
        D31.12.2019
        T-7.25
        PBäckerei
        ^
        D2019-12-31
        T-8.00
        PISO
        ^
        D31/12/19
        T-9.00
        PUK style
        ^
        !Type:CCard
        D3/ 5'21
        T-100.00
        PSupermarket
        LFood
        SFood:Groceries
        Eweekly shop
        $-60.00
        SHousehold
        $-40.00
        ^
        !Type:Class
        NVacation
        ^
        !Type:Memorized
        KC
        T-50.00
        PTemplate payee
        ^
        !Type:Invst
        D4/ 1'21
        NBuy
        YACME Corp
        I10.00
        Q5
        T50.00
        ^

        """

    func testDateStylesSectionsSplitsAndSkippedLists() throws {
        let r = try parse(Self.allDateStyles)
        XCTAssertEqual(r.skipped, 0, r.issues.joined(separator: "\n"))
        XCTAssertTrue(r.issues.isEmpty, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.time?.iso8601 ?? "-" }, [
            "2000-01-01", "2020-02-10", "1999-12-31", "2019-12-31", "2019-12-31", "2019-12-31", "2021-03-05", "2021-04-01",
        ])
        let first = r.events[0]
        XCTAssertEqual(first.source, "bank.qif")
        XCTAssertEqual(first.kind, .transaction)
        XCTAssertEqual(first.amount, Money(units: -123450, scale: 2))
        XCTAssertEqual(first.counterparty, "PAYDAY LOANS INC")
        XCTAssertEqual(first.text, "Advance fee | category: Loans")
        XCTAssertEqual(first.code, "ATM")
        XCTAssertEqual(first.position, SourcePosition(line: 12, record: 0))
        XCTAssertNil(r.events[1].code, "a check number is no transaction code")
        XCTAssertEqual(r.events[2].amount, Money(units: -500, scale: 2))
        XCTAssertEqual(r.events[3].counterparty, "Bäckerei")
        let card = r.events[6]
        XCTAssertEqual(card.amount, Money(units: -10000, scale: 2))
        XCTAssertEqual(card.text, "category: Food | splits: Food:Groceries (weekly shop) -60.00; Household -40.00")
        let buy = r.events[7]
        XCTAssertEqual(buy.code, "Buy")
        XCTAssertEqual(buy.amount, Money(units: -5000, scale: 2), "a purchase is money out")
        XCTAssertEqual(buy.text, "security: ACME Corp | quantity: 5 | price: 10.00")
    }

    /// Issue 15: an investment account as Quicken writes it. Trades often carry only `Q` and `I`;
    /// their amount is quantity × price (to the cent). `T`/`U` wins when present; a share
    /// movement without a price moved no money and is read without an amount.
    static let investmentAccount = """
        !Account
        NBrokerage
        TInvst
        ^
        !Type:Invst
        D1/15'25
        NBuy
        YVanguard Total World ETF
        I98.765
        Q10.5
        ^
        D2/03'25
        NSell
        YACME Corp
        I120.10
        Q3
        ^
        D3/01'25
        NDiv
        YACME Corp
        T12.40
        ^
        D3/10'25
        NShrsIn
        YACME Corp
        Q4
        ^
        D3/20'25
        NReinvDiv
        YVanguard Total World ETF
        I99.00
        Q0.25
        U24.75
        ^

        """

    func testInvestmentRecordsWithoutTTakeQuantityTimesPrice() throws {
        let r = try parse(Self.investmentAccount)
        XCTAssertEqual(r.events.count, 5, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.skipped, 0, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.map { $0.code }, ["Buy", "Sell", "Div", "ShrsIn", "ReinvDiv"])
        XCTAssertEqual(r.events.map { $0.amount?.decimalString }, ["-1037.03", "360.30", "12.40", nil, "24.75"])
        XCTAssertEqual(r.events[0].time?.iso8601, "2025-01-15")
        XCTAssertEqual(r.events[0].text, "security: Vanguard Total World ETF | quantity: 10.5 | price: 98.765")
        XCTAssertEqual(r.events[3].text, "security: ACME Corp | quantity: 4")
    }

    func testQuantityTimesPriceRoundsHalfAwayFromZeroAndRefusesOverflow() {
        XCTAssertEqual(QIFParser.product(Money(units: 3, scale: 0), Money(units: 3335, scale: 3)), Money(units: 1001, scale: 2))
        XCTAssertEqual(QIFParser.product(Money(units: -1, scale: 0), Money(units: 1005, scale: 3)), Money(units: -101, scale: 2))
        XCTAssertNil(QIFParser.product(Money(units: Int64.max / 2, scale: 0), Money(units: 3, scale: 0)))
    }

    func testWindows1252TextAndCRLF() throws {
        var bytes = Array("!Type:Bank\r\nD01.02.2020\r\nT-3,50\r\nP".utf8)
        bytes += [0x43, 0x61, 0x66, 0xE9] // "Café" in Windows-1252
        bytes += Array("\r\n^\r\n".utf8)
        let r = try parse(bytes)
        XCTAssertEqual(r.events.count, 1)
        XCTAssertEqual(r.events[0].counterparty, "Café")
        XCTAssertEqual(r.events[0].amount, Money(units: -350, scale: 2))
        XCTAssertEqual(r.events[0].time?.iso8601, "2020-02-01")
    }

    func testTruncatedFileKeepsCompleteRecordsAndReportsTheRest() throws {
        let whole = "!Type:Bank\nD1/ 2'20\nT-1.00\nPA\n^\nD1/ 3'20\nT-22.5"
        let r = try parse(whole)
        XCTAssertEqual(r.events.count, 1)
        XCTAssertEqual(r.skipped, 1)
        XCTAssertTrue(r.issues[0].contains("line 6 record 1"), r.issues[0])
        XCTAssertTrue(r.issues[0].contains("truncated"), r.issues[0])
        // A file whose last record lacks only its `^` (common) still yields it.
        let noCaret = try parse("!Type:Bank\nD1/ 2'20\nT-1.00\nPA\n")
        XCTAssertEqual(noCaret.events.count, 1)
        XCTAssertEqual(noCaret.skipped, 0)
    }

    func testBadRecordsAreSkippedWithPositions() throws {
        let r = try parse("!Type:Bank\nD99/99/99\nT1.00\n^\nDx\nT1.00\n^\nD1/1/2020\nPno amount\n^\nD1/1/2020\nTabc\n^\nD1/1/2020\nT2.00\n^\n!Type:Weird\nX\n^\n")
        XCTAssertEqual(r.events.count, 1)
        XCTAssertEqual(r.skipped, 4)
        XCTAssertEqual(r.events[0].position, SourcePosition(line: 14, record: 4))
        XCTAssertTrue(r.issues.contains { $0.contains("unknown section !Type:weird") }, r.issues.joined(separator: "\n"))
        XCTAssertTrue(r.issues.contains { $0.contains("line 8 record 2: record without an amount") }, r.issues.joined(separator: "\n"))
    }

    func testDetection() {
        let qif = QIFImporter()
        func probe(_ s: String, _ name: String = "x.txt") -> FileProbe { FileProbe(path: name, head: Array(s.utf8), size: nil) }
        XCTAssertNotNil(qif.detect(probe(Self.allDateStyles)))
        XCTAssertNotNil(qif.detect(probe("### exported by a tool\n\n!type:bank \nD1/1/20\n")))
        XCTAssertNotNil(qif.detect(probe("\u{FEFF}!Account\nNChecking\n^\n")))
        XCTAssertNil(qif.detect(probe("OFXHEADER:100\nDATA:OFXSGML\n")))
        XCTAssertNil(qif.detect(probe(":20:940S\n:25:NL71RABO0123456789\n")))
        XCTAssertNil(qif.detect(probe("Date,Amount,Payee\n01/02/2020,-1.00,!Type:Bank\n")))
        XCTAssertNil(qif.detect(probe("{\"!Type:Bank\": 1}")))
        XCTAssertNil(qif.detect(probe("<?xml version=\"1.0\"?><Document>!Type:Bank</Document>")))
        // Nothing else claims a QIF file.
        let others: [any Importer] = [OFXImporter(), MT940Importer(), CAMTImporter(), BankStatementCSVImporter(), GoogleMyActivityImporter()]
        for importer in others {
            XCTAssertLessThan(importer.detect(probe(Self.allDateStyles, "statement.qif"))?.confidence ?? 0, 0.5, importer.id)
        }
    }

    func testDateForms() {
        func iso(_ s: String) -> String? { QIFDate.parse(Array(s.utf8)[...])?.iso8601 }
        XCTAssertEqual(iso("1/ 1'00"), "2000-01-01")
        XCTAssertEqual(iso(" 2/10'2020"), "2020-02-10")
        XCTAssertEqual(iso("12/31/99"), "1999-12-31")
        XCTAssertEqual(iso("12/31/1999"), "1999-12-31")
        XCTAssertEqual(iso("31.12.2019"), "2019-12-31")
        XCTAssertEqual(iso("2019-12-31"), "2019-12-31")
        XCTAssertEqual(iso("12-31-2019"), "2019-12-31")
        XCTAssertNil(iso("2/30/2020"))
        XCTAssertNil(iso("12/31"))
        XCTAssertNil(iso("yesterday"))
    }
}
