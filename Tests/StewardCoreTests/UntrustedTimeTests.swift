import XCTest
@testable import StewardCore

final class UntrustedTimeTests: XCTestCase {
    private func problem(_ body: () throws(UntrustedNumberError) -> Timestamp,
                         file: StaticString = #filePath, line: UInt = #line) -> UntrustedNumberError? {
        do {
            let t = try body()
            XCTFail("expected an error, got \(t.epochSeconds)", file: file, line: line)
            return nil
        } catch {
            return error
        }
    }

    func testEveryEpochAndUnitGivesTheSameInstant() throws {
        // 2024-03-01T12:00:00Z in each clock an export may use.
        let unix: Int64 = 1_709_294_400
        let cases: [(Int64, UntrustedTime.Unit, UntrustedTime.Epoch)] = [
            (unix, .seconds, .unix1970),
            (unix * 1000, .milliseconds, .unix1970),
            (unix * 1_000_000, .microseconds, .unix1970),
            (unix - 978_307_200, .seconds, .apple2001),
            ((unix + 11_644_473_600) * 1_000_000, .microseconds, .windows1601),   // Chrome/WebKit
            ((unix + 11_644_473_600) * 10_000_000, .hundredNanoseconds, .windows1601), // FILETIME
            (unix + 2_082_844_800, .seconds, .macHFS1904),
        ]
        for (raw, unit, epoch) in cases {
            let t = try UntrustedTime.timestamp(raw, unit: unit, since: epoch, field: "t")
            XCTAssertEqual(t.iso8601, "2024-03-01T12:00:00Z", "\(raw) \(unit) since \(epoch)")
        }
    }

    func testSubSecondTimesBeforeTheEpochRoundTowardThePast() throws {
        XCTAssertEqual(try UntrustedTime.timestamp(Int64(-1), unit: .milliseconds, since: .unix1970, field: "t").epochSeconds, -1)
        XCTAssertEqual(try UntrustedTime.timestamp(Int64(-1000), unit: .milliseconds, since: .unix1970, field: "t").epochSeconds, -1)
        XCTAssertEqual(try UntrustedTime.timestamp(Int64(999), unit: .milliseconds, since: .unix1970, field: "t").epochSeconds, 0)
    }

    func testInt64ExtremesInEveryUnitAreImplausibleDatesNotTraps() {
        for raw: Int64 in [.min, .min + 1, .max, .max - 1] {
            for unit in [UntrustedTime.Unit.seconds, .milliseconds, .microseconds, .hundredNanoseconds] {
                for epoch in [UntrustedTime.Epoch.unix1970, .apple2001, .windows1601, .macHFS1904] {
                    let error = problem { () throws(UntrustedNumberError) in
                        try UntrustedTime.timestamp(raw, unit: unit, since: epoch, field: "date_unixtime")
                    }
                    XCTAssertEqual(error?.problem, .implausibleDate, "\(raw) \(unit) \(epoch)")
                }
            }
        }
        let error = problem { () throws(UntrustedNumberError) in
            try UntrustedTime.timestamp(Int64.min, unit: .seconds, since: .unix1970, field: "date_unixtime")
        }
        XCTAssertEqual(error?.description,
                       "date_unixtime -9223372036854775808 is not a plausible date (steward reads 1900–2200)")
    }

    func testPlausibleRangeIsYears1900Through2200() throws {
        XCTAssertEqual(Timestamp(epochSeconds: UntrustedTime.plausibleEpochSeconds.lowerBound, utcOffsetSeconds: 0).iso8601,
                       "1900-01-01T00:00:00Z")
        XCTAssertEqual(Timestamp(epochSeconds: UntrustedTime.plausibleEpochSeconds.upperBound, utcOffsetSeconds: 0).iso8601,
                       "2200-12-31T23:59:59Z")
        let first = UntrustedTime.plausibleEpochSeconds.lowerBound, last = UntrustedTime.plausibleEpochSeconds.upperBound
        XCTAssertNoThrow(try UntrustedTime.timestamp(first, unit: .seconds, since: .unix1970, field: "t"))
        XCTAssertNoThrow(try UntrustedTime.timestamp(last, unit: .seconds, since: .unix1970, field: "t"))
        XCTAssertNotNil(problem { () throws(UntrustedNumberError) in try UntrustedTime.timestamp(first - 1, unit: .seconds, since: .unix1970, field: "t") })
        XCTAssertNotNil(problem { () throws(UntrustedNumberError) in try UntrustedTime.timestamp(last + 1, unit: .seconds, since: .unix1970, field: "t") })
        // The zero of the 1601 epoch ("unknown" in Chrome and FILETIME) is refused.
        XCTAssertNotNil(problem { () throws(UntrustedNumberError) in try UntrustedTime.timestamp(Int64(0), unit: .microseconds, since: .windows1601, field: "t") })
    }

    func testTextThatIsNoSixtyFourBitIntegerIsNotAnInteger() {
        for text in ["123456789012345678901234567890", "1e300", "NaN", "inf", "-", "", "12.5", "9223372036854775808"] {
            let error = problem { () throws(UntrustedNumberError) in
                try UntrustedTime.timestamp(text: text, unit: .seconds, since: .unix1970, field: "date")
            }
            XCTAssertEqual(error?.problem, .notAnInteger, text)
        }
        XCTAssertEqual(try? UntrustedTime.timestamp(text: "1705311000", unit: .seconds, since: .unix1970, field: "d").epochSeconds,
                       1_705_311_000)
    }

    func testFloatingPointTimesRejectNaNInfinityAndHugeValues() throws {
        for raw in [Double.nan, .infinity, -.infinity] {
            let error = problem { () throws(UntrustedNumberError) in try UntrustedTime.timestamp(floating: raw, unit: .seconds, since: .apple2001, field: "t") }
            XCTAssertEqual(error?.problem, .notFinite, "\(raw)")
        }
        for raw in [1e300, -1e300, 9.3e18, -9.3e18, Double.greatestFiniteMagnitude] {
            let error = problem { () throws(UntrustedNumberError) in try UntrustedTime.timestamp(floating: raw, unit: .seconds, since: .apple2001, field: "t") }
            XCTAssertEqual(error?.problem, .implausibleDate, "\(raw)")
        }
        XCTAssertEqual(try UntrustedTime.timestamp(floating: 731_000_000.75, unit: .seconds, since: .apple2001, field: "t").epochSeconds,
                       731_000_000 + 978_307_200)
    }

    func testShiftingChecksOverflowAndPlausibility() throws {
        let start = Timestamp(epochSeconds: 1_700_000_000, utcOffsetSeconds: 3600)
        let moved = try UntrustedTime.shifted(start, bySeconds: 60, field: "ms_played")
        XCTAssertEqual(moved.epochSeconds, 1_700_000_060)
        XCTAssertEqual(moved.utcOffsetSeconds, 3600, "the offset is kept")
        for seconds: Int64 in [.max, .min, 10_000_000_000] {
            XCTAssertEqual(problem { () throws(UntrustedNumberError) in try UntrustedTime.shifted(start, bySeconds: seconds, field: "d") }?.problem,
                           .implausibleDate, "\(seconds)")
        }
    }

    func testOffsetsBeyondEighteenHoursAreOutOfRange() throws {
        XCTAssertEqual(try UntrustedTime.utcOffset(minutes: -480, field: "o"), -28_800)
        XCTAssertEqual(try UntrustedTime.utcOffset(seconds: 18 * 3600, field: "o"), 64_800)
        for minutes: Int64 in [.min, .max, 18 * 60 + 1, -(18 * 60 + 1)] {
            XCTAssertThrowsError(try UntrustedTime.utcOffset(minutes: minutes, field: "offsetMinutes")) { error in
                XCTAssertEqual((error as? UntrustedNumberError)?.problem, .outOfRange("±18 hours"))
            }
        }
        XCTAssertThrowsError(try UntrustedTime.utcOffset(seconds: Int64.min, field: "o"))
    }

    func testCivilTimestampsOutsideThePlausibleYearsAreRefusedWithoutTrapping() throws {
        let year1 = try XCTUnwrap(Timestamp.parseISO8601("0001-01-01T00:00:00Z".utf8))
        XCTAssertThrowsError(try UntrustedTime.plausible(year1, field: "ts")) { error in
            XCTAssertEqual((error as? UntrustedNumberError)?.description,
                           "ts 0001-01-01T00:00:00Z is not a plausible date (steward reads 1900–2200)")
        }
        // A raw extreme is described by its seconds: its civil form would overflow.
        XCTAssertEqual(UntrustedTime.describe(Timestamp(epochSeconds: .min, utcOffsetSeconds: -3600)),
                       "-9223372036854775808 s since 1970")
    }
}
