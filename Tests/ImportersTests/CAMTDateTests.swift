import XCTest
@testable import Importers
import StewardCore

/// Booking and value dates in every form the ISO 20022 schema allows (docs/formats/bank.md).
final class CAMTDateTests: XCTestCase {
    private func date(_ text: String) -> String? { CAMTDate.date(Array(text.utf8))?.iso8601 }
    private func dateTime(_ text: String) -> String? { CAMTDate.dateTime(Array(text.utf8))?.iso8601 }

    func testXSDateWithAndWithoutAZoneIsTheDayAsWritten() {
        XCTAssertEqual(date("2017-04-01"), "2017-04-01")
        XCTAssertEqual(date("2017-04-01Z"), "2017-04-01")
        XCTAssertEqual(date("2017-04-01+02:00"), "2017-04-01")
        XCTAssertEqual(date("2017-04-01-05:00"), "2017-04-01")
        XCTAssertEqual(date(" 2017-04-01+14:00\n"), "2017-04-01", "white space around the value")
    }

    func testXSDateTimeInADateElementGivesItsCalendarDayOnTheStatementsClock() {
        XCTAssertEqual(date("2017-04-01T23:30:00"), "2017-04-01")
        XCTAssertEqual(date("2017-04-01T23:30:00+02:00"), "2017-04-01")
        XCTAssertEqual(date("2017-04-01T00:30:00.000-03:00"), "2017-04-01")
    }

    func testXSDateTimeKeepsItsZoneOrHasNone() {
        XCTAssertEqual(dateTime("2017-04-01T10:15:00"), "2017-04-01T10:15:00")
        XCTAssertEqual(dateTime("2017-04-01T10:15:00Z"), "2017-04-01T10:15:00Z")
        XCTAssertEqual(dateTime("2017-04-01T10:15:00.123+01:00"), "2017-04-01T10:15:00+01:00")
        XCTAssertEqual(dateTime("2017-04-01+02:00"), "2017-04-01", "a date where a dateTime belongs")
    }

    func testDayFirstDateIsReadAndMalformedZonesAreNot() {
        XCTAssertEqual(date("01.04.2017"), "2017-04-01")
        XCTAssertNil(date("2017-04-01+2"))
        XCTAssertNil(date("2017-04-01+15:00"), "zones run from -14:00 to +14:00")
        XCTAssertNil(date("2017-04-01+02:60"))
        XCTAssertNil(date("2017-13-01"))
        XCTAssertNil(date(""))
    }

    func testAnEntryBookedOnADateWithAZoneIsRead() throws {
        let text = BankCAMTParserTests.v2
            .replacingOccurrences(of: "<BookgDt><Dt>2024-03-01</Dt></BookgDt>", with: "<BookgDt><Dt>2024-03-01+01:00</Dt></BookgDt>")
            .replacingOccurrences(of: "<ValDt><Dt>2024-03-02</Dt></ValDt>", with: "<ValDt><Dt>2024-03-02+01:00</Dt></ValDt>")
        XCTAssertTrue(text.contains("2024-03-01+01:00"), "the fixture changed: this test no longer exercises a zone")
        let r = try parseAtAllChunkSizes({ CAMTParser() }, Array(text.utf8))
        XCTAssertEqual(r.skipped, 0, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.count, 3)
        XCTAssertEqual(r.events[0].time?.iso8601, "2024-03-01")
    }

    /// Issue 15: one statement with an entry for every date form the schema allows, booked
    /// as `Dt` (plain, `Z`, `+02:00`, `-05:00`) and as `DtTm` (with and without zone), and one
    /// entry with only a zoned value date: every entry is read, none dropped.
    func testEveryDateFormOfTheSchemaKeepsItsEntry() throws {
        let forms = [
            "<BookgDt><Dt>2017-04-01</Dt></BookgDt>",
            "<BookgDt><Dt>2017-04-02Z</Dt></BookgDt>",
            "<BookgDt><Dt>2017-04-03+02:00</Dt></BookgDt>",
            "<BookgDt><Dt>2017-04-04-05:00</Dt></BookgDt>",
            "<BookgDt><DtTm>2017-04-05T09:30:00+02:00</DtTm></BookgDt>",
            "<BookgDt><DtTm>2017-04-06T09:30:00</DtTm></BookgDt>",
            "<BookgDt><DtTm>2017-04-07T09:30:00.123Z</DtTm></BookgDt>",
            "<ValDt><Dt>2017-04-08+01:00</Dt></ValDt>",
        ]
        let entries = forms.enumerated().map { k, date in
            "<Ntry><Amt Ccy=\"CHF\">\(k + 1).00</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>\(date)"
                + "<AddtlNtryInf>Entry \(k + 1)</AddtlNtryInf></Ntry>"
        }.joined(separator: "\n")
        let text = """
            <?xml version="1.0" encoding="UTF-8"?>
            <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.04"><BkToCstmrStmt>
            <GrpHdr><MsgId>M</MsgId><CreDtTm>2017-04-09T06:00:00+02:00</CreDtTm></GrpHdr>
            <Stmt><Id>S</Id><Acct><Id><IBAN>CH9300762011623852957</IBAN></Id><Ccy>CHF</Ccy></Acct>
            \(entries)
            </Stmt></BkToCstmrStmt></Document>

            """
        let r = try parseAtAllChunkSizes({ CAMTParser() }, Array(text.utf8))
        XCTAssertEqual(r.skipped, 0, r.issues.joined(separator: "\n"))
        XCTAssertEqual(r.events.count, 8)
        XCTAssertEqual(r.events.map { $0.time?.iso8601 }, [
            "2017-04-01", "2017-04-02", "2017-04-03", "2017-04-04",
            "2017-04-05T09:30:00+02:00", "2017-04-06T09:30:00", "2017-04-07T09:30:00Z", "2017-04-08",
        ])
    }
}
