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
}
