import XCTest
@testable import StewardCore

/// Messages quote a value only when it is shaped like a number, date or time.
final class QuotedValueTests: XCTestCase {
    func testNumbersDatesAndTimesAreQuoted() {
        for value in ["2024-13-40", "-9223372036854775808", "1e300", "NaN", "-inf", "12/31/2024 25:00", "2024-05-02T10:07:00Z",
                      "-9223372036854775808 s since 1970", "99/99/2024"] {
            XCTAssertEqual(QuotedValue.numberOrDate(value), value, value)
        }
    }

    func testTextIsNotQuoted() {
        for value in ["yesterday", "Ann Smith", "QZXMARK", "2024XX01", "1 s since Alice", "call me at 5"] {
            XCTAssertNil(QuotedValue.numberOrDate(value), value)
            XCTAssertEqual(QuotedValue.describe(value), "(text, not quoted)")
        }
    }

    func testLongValuesAreShortened() {
        let digits = String(repeating: "7", count: 100)
        XCTAssertEqual(QuotedValue.numberOrDate(digits), String(repeating: "7", count: 40) + "…")
        XCTAssertEqual(UntrustedNumberError(field: "n", value: "Ann", problem: .notANumber).description, "n is not a number")
    }
}
