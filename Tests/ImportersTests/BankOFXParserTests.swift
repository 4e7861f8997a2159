import XCTest
@testable import Importers
@testable import StewardCore

final class BankOFXParserTests: XCTestCase {
    private func parse(_ text: String, file: StaticString = #filePath, line: UInt = #line) throws -> ChunkedParseResult {
        try parseAtAllChunkSizes({ OFXParser() }, Array(text.utf8), file: file, line: line)
    }

    static let sgmlTwoAccounts = """
        OFXHEADER:100
        DATA:OFXSGML
        VERSION:102
        SECURITY:NONE
        ENCODING:USASCII
        CHARSET:1252
        COMPRESSION:NONE
        OLDFILEUID:NONE
        NEWFILEUID:NONE

        <OFX>
        <SIGNONMSGSRSV1><SONRS><STATUS><CODE>0<SEVERITY>INFO</STATUS><DTSERVER>20240301120000<LANGUAGE>ENG</SONRS></SIGNONMSGSRSV1>
        <BANKMSGSRSV1>
        <STMTTRNRS><TRNUID>1<STATUS><CODE>0<SEVERITY>INFO</STATUS>
        <STMTRS><CURDEF>USD
        <BANKACCTFROM><BANKID>121000248<ACCTID>111<ACCTTYPE>CHECKING</BANKACCTFROM>
        <BANKTRANLIST><DTSTART>20240201<DTEND>20240229
        <STMTTRN>
        <TRNTYPE>DEBIT
        <DTPOSTED>20240205120000.000[-5:EST]
        <TRNAMT>-45.10
        <FITID>A1
        <NAME>PAYDAY ADVANCE &amp; LOANS
        </STMTTRN>
        <STMTTRN>
        <TRNTYPE>CREDIT
        <DTPOSTED>20240215
        <TRNAMT>1500.00
        <FITID>A2
        <NAME>ACME PAYROLL
        <MEMO>SALARY FEB
        </STMTTRN>
        </BANKTRANLIST>
        <LEDGERBAL><BALAMT>100.00<DTASOF>20240229</LEDGERBAL>
        </STMTRS></STMTTRNRS>
        </BANKMSGSRSV1>
        <CREDITCARDMSGSRSV1>
        <CCSTMTTRNRS><TRNUID>2<STATUS><CODE>0<SEVERITY>INFO</STATUS>
        <CCSTMTRS><CURDEF>EUR
        <CCACCTFROM><ACCTID>4111</CCACCTFROM>
        <BANKTRANLIST>
        <STMTTRN>
        <TRNTYPE>POS
        <DTPOSTED>20240220093000[+5.45:NPT]
        <TRNAMT>-12,50
        <FITID>C1
        <SIC>7995
        <PAYEE><NAME>CASINO ROYAL<ADDR1>1 MAIN ST<CITY>X<STATE>Y<POSTALCODE>1</PAYEE>
        <MEMO>CARD 4111
        <CURRENCY><CURRATE>1.0<CURSYM>GBP</CURRENCY>
        </STMTTRN>
        </BANKTRANLIST>
        </CCSTMTRS></CCSTMTTRNRS>
        </CREDITCARDMSGSRSV1>
        </OFX>

        """

    func testSGMLWithTwoAccountsTimezonesAndPayee() throws {
        let r = try parse(Self.sgmlTwoAccounts)
        XCTAssertEqual(r.events.count, 3, r.issues.joined(separator: "\n"))
        XCTAssertTrue(r.issues.isEmpty, r.issues.joined(separator: "\n"))
        let loan = r.events[0]
        XCTAssertEqual(loan.source, "bank.ofx")
        XCTAssertEqual(loan.code, "DEBIT")
        XCTAssertEqual(loan.counterparty, "PAYDAY ADVANCE & LOANS")
        XCTAssertEqual(loan.text, "PAYDAY ADVANCE & LOANS") // no MEMO: the NAME
        XCTAssertEqual(loan.amount, Money(units: -4510, scale: 2, currency: "USD"))
        XCTAssertEqual(loan.time?.iso8601, "2024-02-05T12:00:00-05:00")
        XCTAssertEqual(loan.position, SourcePosition(line: 18, record: 0))
        XCTAssertEqual(r.events[1].text, "SALARY FEB")
        XCTAssertEqual(r.events[1].time?.dateOnly, true)
        XCTAssertEqual(r.events[1].position, SourcePosition(line: 25, record: 1))
        let card = r.events[2]
        XCTAssertEqual(card.counterparty, "CASINO ROYAL")
        XCTAssertEqual(card.text, "CARD 4111")
        XCTAssertEqual(card.mcc, 7995)
        XCTAssertEqual(card.amount, Money(units: -1250, scale: 2, currency: "GBP"))
        XCTAssertEqual(card.time?.utcOffsetSeconds, 5 * 3600 + 45 * 60)
        XCTAssertEqual(card.time?.iso8601, "2024-02-20T09:30:00+05:45")
    }

    func testXMLWithCDATAAndDeclaredEncoding() throws {
        let xml = """
            <?xml version="1.0" encoding="UTF-8" standalone="no"?>
            <?OFX OFXHEADER="200" VERSION="211" SECURITY="NONE" OLDFILEUID="NONE" NEWFILEUID="NONE"?>
            <OFX>
              <BANKMSGSRSV1><STMTTRNRS><STMTRS>
                <CURDEF>AUD</CURDEF>
                <BANKTRANLIST>
                  <!-- a comment with <STMTTRN> inside must not count -->
                  <STMTTRN>
                    <TRNTYPE>DEBIT</TRNTYPE>
                    <DTPOSTED>20131215</DTPOSTED>
                    <TRNAMT>-16.85</TRNAMT>
                    <FITID>1</FITID>
                    <NAME><![CDATA[EFTPOS ALDI & CO  ]]></NAME>
                    <MEMO><![CDATA[EFTPOS ALDI STORE GEELONG]]></MEMO>
                    <ORIGCURRENCY><CURRATE>0.6</CURRATE><CURSYM>USD</CURSYM></ORIGCURRENCY>
                  </STMTTRN>
                  <STMTTRN><TRNTYPE>ATM</TRNTYPE><DTPOSTED>20131216101500[0:GMT]</DTPOSTED><TRNAMT>-50.00</TRNAMT><FITID>2</FITID><NAME>Café Zürich</NAME></STMTTRN>
                </BANKTRANLIST>
              </STMTRS></STMTTRNRS></BANKMSGSRSV1>
            </OFX>
            """
        let r = try parse(xml)
        XCTAssertEqual(r.events.count, 2)
        XCTAssertTrue(r.issues.isEmpty, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events[0].counterparty, "EFTPOS ALDI & CO")
        XCTAssertEqual(r.events[0].text, "EFTPOS ALDI STORE GEELONG")
        XCTAssertEqual(r.events[0].amount, Money(units: -1685, scale: 2, currency: "AUD"))
        XCTAssertEqual(r.events[0].position, SourcePosition(line: 8, record: 0))
        XCTAssertEqual(r.events[1].counterparty, "Café Zürich")
        XCTAssertEqual(r.events[1].time?.iso8601, "2013-12-16T10:15:00Z")
    }

    func testLineBreaksInsideTagsCountAndUnicodeSpacesAtEndsAreTrimmed() throws {
        // A tag broken over two lines (CRLF) still moves the line count; a no-break space
        // (UTF-8) and a form feed at a value's ends are trimmed, one inside it is kept.
        let sgml = "<OFX><BANKMSGSRSV1><STMTRS><CURDEF>EUR\r\n<STMTTRN\r\n><TRNTYPE>DEBIT<DTPOSTED>20240101<TRNAMT>-1.00"
            + "<NAME>\u{00A0}BÄCKEREI\u{00A0}MÜLLER\u{00A0}\r\n<MEMO>\u{0C}KARTE 1\u{0C}\r\n</STMTTRN>\r\n"
            + "<STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240102<TRNAMT>-2.00<NAME>A &amp; B</STMTTRN></STMTRS></BANKMSGSRSV1></OFX>"
        let r = try parse(sgml)
        XCTAssertEqual(r.events.count, 2)
        XCTAssertEqual(r.events[0].counterparty, "BÄCKEREI\u{00A0}MÜLLER")
        XCTAssertEqual(r.events[0].text, "KARTE 1")
        XCTAssertEqual(r.events[0].position, SourcePosition(line: 2, record: 0))
        XCTAssertEqual(r.events[1].counterparty, "A & B")
        XCTAssertEqual(r.events[1].position, SourcePosition(line: 6, record: 1))
    }

    func testWindows1252CharsetIsHonoured() throws {
        var bytes = Array("OFXHEADER:100\nDATA:OFXSGML\nCHARSET:1252\n\n<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><CURDEF>EUR<BANKTRANLIST><STMTTRN><TRNTYPE>DEBIT<DTPOSTED>20240101<TRNAMT>-1.00<NAME>".utf8)
        bytes += [0x80, 0x20, 0x43, 0x61, 0x66, 0xE9] // "€ Café" in Windows-1252
        bytes += Array("</STMTTRN></BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>".utf8)
        let r = try parseAtAllChunkSizes({ OFXParser() }, bytes)
        XCTAssertEqual(r.events.first?.counterparty, "€ Café")
    }

    func testTruncatedFileKeepsCompleteTransactionsAndReportsOnce() throws {
        let full = Self.sgmlTwoAccounts
        // Cut inside the third transaction (after its TRNAMT).
        let cut = String(full[..<full.range(of: "<FITID>C1")!.lowerBound])
        let r = try parse(cut)
        XCTAssertEqual(r.events.count, 2)
        XCTAssertEqual(r.skipped, 1)
        XCTAssertEqual(r.issues, ["line 42 record 2: file ends inside a transaction (truncated download?)"])

        // Cut between transactions: nothing lost, one warning.
        let between = String(full[..<full.range(of: "</BANKTRANLIST>")!.lowerBound])
        let b = try parse(between)
        XCTAssertEqual(b.events.count, 2)
        XCTAssertEqual(b.skipped, 0)
        XCTAssertEqual(b.issues.count, 1)
        XCTAssertTrue(b.issues[0].contains("ends before </OFX>"), b.issues[0])
    }

    func testBadTransactionIsSkippedNotFatal() throws {
        let text = "<OFX><BANKMSGSRSV1><STMTTRNRS><STMTRS><BANKTRANLIST>\n<STMTTRN><DTPOSTED>2024XX01<TRNAMT>1.00<FITID>9</STMTTRN>\n<STMTTRN><DTPOSTED>20240101<TRNAMT>2.00</STMTTRN>\n</BANKTRANLIST></STMTRS></STMTTRNRS></BANKMSGSRSV1></OFX>"
        let r = try parse(text)
        XCTAssertEqual(r.events.count, 1)
        XCTAssertEqual(r.issues, ["line 2 record 0: unreadable DTPOSTED (text, not quoted) (FITID 9)"])
        XCTAssertEqual(r.events[0].position, SourcePosition(line: 3, record: 1))
    }

    func testNotOFXIsAClearError() {
        var parser = OFXParser()
        let collector = EventCollector()
        XCTAssertThrowsError(try parser.parseAll(Array("just text".utf8), into: collector.sink))
    }

    func testDateForms() {
        XCTAssertEqual(OFXDate.parse("20110331120000.000")?.iso8601, "2011-03-31T12:00:00")
        XCTAssertEqual(OFXDate.parse("20240101")?.iso8601, "2024-01-01")
        XCTAssertEqual(OFXDate.parse("20240101120000[-3:GMT]")?.utcOffsetSeconds, -3 * 3600)
        XCTAssertEqual(OFXDate.parse("20240101120000[+5.5:IST]")?.utcOffsetSeconds, 5 * 3600 + 1800)
        XCTAssertEqual(OFXDate.parse("20240101120000[-3.30]")?.utcOffsetSeconds, -(3 * 3600 + 1800))
        XCTAssertEqual(OFXDate.parse("20240101120000[-5:EST]")?.epochSeconds,
                       OFXDate.parse("20240101170000[0:GMT]")?.epochSeconds)
        XCTAssertNil(OFXDate.parse("20241301"))
        XCTAssertNil(OFXDate.parse("2024010"))
        XCTAssertNil(OFXDate.parse("20240101[+99:X]"))
    }
}
