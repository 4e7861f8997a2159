import XCTest
@testable import Rules

/// A day's sum of hostile step counts (each finite, say 1e300) can pass the 64-bit range or
/// reach infinity; the evidence text must show it, not trap converting it to an integer.
final class DailyHealthFormatTests: XCTestCase {
    func testOrdinaryValuesAreWholeStepsAndTenthsOfHours() {
        XCTAssertEqual(DailyHealthAnalyzer.format(8432.4, hours: false), "8432")
        XCTAssertEqual(DailyHealthAnalyzer.format(7.25, hours: true), "7.3")
    }

    func testSumsBeyondSixtyFourBitsAreShownAsFloatsInsteadOfTrapping() {
        XCTAssertEqual(DailyHealthAnalyzer.format(2e300, hours: false), "2e+300")
        XCTAssertEqual(DailyHealthAnalyzer.format(.infinity, hours: false), "inf")
        XCTAssertEqual(DailyHealthAnalyzer.format(1e300, hours: true), "1e+300")
    }
}
