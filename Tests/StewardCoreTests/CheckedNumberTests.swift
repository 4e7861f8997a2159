import XCTest
@testable import StewardCore

final class CheckedNumberTests: XCTestCase {
    private func problem<T>(_ body: () throws(UntrustedNumberError) -> T) -> UntrustedNumberError.Problem? {
        do { _ = try body(); return nil } catch { return error.problem }
    }

    func testIntegerTextBeyondSixtyFourBitsOrNotIntegralIsRefused() throws {
        XCTAssertEqual(try CheckedNumber.integer("-9223372036854775808", field: "n"), .min)
        XCTAssertEqual(try CheckedNumber.integer("9223372036854775807", field: "n"), .max)
        for text in ["9223372036854775808", "-9223372036854775809", "123456789012345678901234567890", "1e300", "NaN", "1.5", ""] {
            XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.integer(text, field: "n") }, .notAnInteger, text)
        }
    }

    func testDecimalsMustBeFinite() throws {
        XCTAssertEqual(try CheckedNumber.decimal("1e300", field: "v"), 1e300)
        for text in ["1e999", "-1e999", "nan", "inf", "-infinity"] {
            XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.decimal(text, field: "v") }, .notFinite, text)
        }
        XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.decimal("12 steps", field: "v") }, .notANumber)
    }

    func testRoundingFloatsToIntegersNeverTraps() throws {
        XCTAssertEqual(try CheckedNumber.integer(rounding: 2.5, field: "v"), 3)
        XCTAssertEqual(try CheckedNumber.integer(rounding: -9.0e18, field: "v"), -9_000_000_000_000_000_000)
        for value in [1e300, -1e300, 9.3e18, Double.greatestFiniteMagnitude] {
            XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.integer(rounding: value, field: "v") }, .overflow, "\(value)")
        }
        for value in [Double.nan, .infinity, -.infinity] {
            XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.integer(rounding: value, field: "v") }, .notFinite, "\(value)")
        }
    }

    func testProductsAndSumsReportOverflow() throws {
        XCTAssertEqual(try CheckedNumber.product(1_700_000_000, 1000, field: "t"), 1_700_000_000_000)
        XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.product(.max / 999, 1000, field: "t") }, .overflow)
        XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.product(.min, -1, field: "t") }, .overflow)
        XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.sum(.max, 1, field: "t") }, .overflow)
        XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.sum(.min, -1, field: "t") }, .overflow)
    }

    func testSaturatingArithmeticHoldsAtTheLimits() {
        XCTAssertEqual(CheckedNumber.saturatingSum(9_000_000_000_000_000_000, 9_000_000_000_000_000_000), .max)
        XCTAssertEqual(CheckedNumber.saturatingSum(-9_000_000_000_000_000_000, -9_000_000_000_000_000_000), .min)
        XCTAssertEqual(CheckedNumber.saturatingSum(5, -7), -2)
        XCTAssertEqual(CheckedNumber.saturatingProduct(999_999_999_999_999_999, 10), .max)
        XCTAssertEqual(CheckedNumber.saturatingProduct(-999_999_999_999_999_999, 10), .min)
        XCTAssertEqual(CheckedNumber.saturatingProduct(.min, -1), .max)
    }

    func testDurationsAreNonNegativeAndBounded() throws {
        XCTAssertEqual(try CheckedNumber.durationSeconds(219_813, unit: .milliseconds, field: "ms_played"), 219)
        XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.durationSeconds(-1, unit: .milliseconds, field: "ms_played") },
                       .negativeDuration)
        XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.durationSeconds(.min, unit: .seconds, field: "d") },
                       .negativeDuration)
        XCTAssertNotNil(problem { () throws(UntrustedNumberError) in try CheckedNumber.durationSeconds(.max, unit: .milliseconds, field: "d") })
        XCTAssertEqual((try? CheckedNumber.durationSeconds(-5, unit: .seconds, field: "ms_played")), nil)
        do {
            _ = try CheckedNumber.durationSeconds(-5, unit: .seconds, field: "ms_played")
        } catch {
            XCTAssertEqual(error.description, "ms_played -5 is a negative duration")
        }
    }

    func testCoordinatesMustBeFiniteAndOnTheGlobe() throws {
        XCTAssertEqual(try CheckedNumber.latitude(e7: 533_690_550, field: "latitudeE7"), 53.369055, accuracy: 1e-9)
        XCTAssertEqual(try CheckedNumber.longitude(e7: -1_800_000_000, field: "longitudeE7"), -180)
        for e7: Int64 in [.min, .max, 900_000_001, -4_294_967_296 + 533_690_550] {
            XCTAssertNotNil(problem { () throws(UntrustedNumberError) in try CheckedNumber.latitude(e7: e7, field: "latitudeE7") }, "\(e7)")
        }
        XCTAssertNotNil(problem { () throws(UntrustedNumberError) in try CheckedNumber.longitude(e7: 1_800_000_001, field: "longitudeE7") })
        XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.latitude(.nan, field: "lat") }, .notFinite)
        XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.longitude(-.infinity, field: "lon") }, .notFinite)
        XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.latitude(1e300, field: "lat") }, .outOfRange("±90°"))
        XCTAssertEqual(problem { () throws(UntrustedNumberError) in try CheckedNumber.longitude(180.0001, field: "lon") }, .outOfRange("±180°"))
    }

    func testLongValuesAreShortenedInMessages() {
        let error = UntrustedNumberError(field: "date", value: String(repeating: "9", count: 2_000_000), problem: .notAnInteger)
        XCTAssertLessThan(error.description.count, 120)
        XCTAssertTrue(error.description.hasPrefix("date 9999"))
    }

    func testMoneyRescalingHoldsAtTheLimitsInsteadOfWrapping() {
        let huge = Money(units: 999_999_999_999_999_999, scale: 0)
        XCTAssertEqual(huge.units(atScale: 2), .max)
        XCTAssertEqual(Money(units: -999_999_999_999_999_999, scale: 0).units(atScale: 2), .min)
        XCTAssertEqual(huge.compare(Money(units: 1, scale: 2)), 1, "wrapping made this amount compare as negative")
    }

    func testEventPlausibilityNamesTheImplausibleField() {
        let good = Event(source: "s", kind: .location, time: Timestamp(epochSeconds: 1_700_000_000, utcOffsetSeconds: 0),
                         latitude: 48.1, longitude: 11.5, position: .record(0))
        XCTAssertNil(EventPlausibility.problem(in: good))
        var e = good
        e.time = Timestamp(epochSeconds: .min, utcOffsetSeconds: -3600)
        XCTAssertEqual(EventPlausibility.problem(in: e)?.description,
                       "time -9223372036854775808 s since 1970 is not a plausible date (steward reads 1900–2200)")
        e = good
        e.endTime = Timestamp(year: 9999, month: 12, day: 31)
        XCTAssertEqual(EventPlausibility.problem(in: e)?.field, "end time")
        e = good
        e.latitude = .nan
        XCTAssertEqual(EventPlausibility.problem(in: e)?.problem, .notFinite)
        e = good
        e.longitude = -1e300
        XCTAssertEqual(EventPlausibility.problem(in: e)?.problem, .outOfRange("±180°"))
        e = good
        e.quantity = .infinity
        XCTAssertEqual(EventPlausibility.problem(in: e)?.field, "quantity")
    }
}
