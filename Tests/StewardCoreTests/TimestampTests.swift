import XCTest
@testable import StewardCore

final class TimestampTests: XCTestCase {
    func testCivilRoundTripAndISO() {
        let t = Timestamp(year: 2024, month: 2, day: 29, hour: 23, minute: 5, second: 9)!
        XCTAssertEqual(t.iso8601, "2024-02-29T23:05:09")
        XCTAssertEqual(t.hourOfDay, 23)
        XCTAssertNil(Timestamp(year: 2023, month: 2, day: 29))
        XCTAssertEqual(Timestamp(year: 1970, month: 1, day: 1)!.epochSeconds, 0)
        XCTAssertEqual(Timestamp(year: 1970, month: 1, day: 1)!.isoWeekday, 4)
    }

    func testParsesExportTimeForms() {
        XCTAssertEqual(Timestamp.parseISO8601(Array("2019-05-30T15:37:18.828Z".utf8))?.epochSeconds, 1_559_230_638)
        let withOffset = Timestamp.parseISO8601(Array("2024-01-02T03:04:05+01:00".utf8))!
        XCTAssertEqual(withOffset.hourOfDay, 3)
        XCTAssertEqual(withOffset.iso8601, "2024-01-02T03:04:05+01:00")
        XCTAssertTrue(Timestamp.parseISO8601(Array("2024-01-02".utf8))!.dateOnly)
        XCTAssertNil(Timestamp.parseISO8601(Array("2024-13-02".utf8)))
        XCTAssertNil(Timestamp.parseISO8601(Array("yesterday".utf8)))
    }

    func testNegativeEpochCivil() {
        let t = Timestamp(year: 1969, month: 12, day: 31, hour: 23)!
        XCTAssertEqual(t.epochSeconds, -3600)
        XCTAssertEqual(t.civil.day, 31)
        XCTAssertEqual(t.hourOfDay, 23)
    }

    func testBytesInPlaceParseLikeEveryOtherCollection() {
        let forms = ["2012-12-15T14:21:29.460Z", "2024-01-02T03:04:05+01:00", "2024-01-02 03:04:05", "2024-01-02",
                     "2024-01-02T03:04", "2024-13-02", "2024-01-02T03:04:05+", "", "not a date"]
        for text in forms {
            let bytes = Array(text.utf8)
            let inPlace = bytes.withUnsafeBufferPointer { Timestamp.parseISO8601($0) }
            XCTAssertEqual(inPlace?.iso8601, Timestamp.parseISO8601(bytes)?.iso8601, text)
            XCTAssertEqual(inPlace?.iso8601, Timestamp.parseISO8601(bytes[...].dropFirst(0))?.iso8601, text)
            XCTAssertEqual(inPlace?.iso8601, Timestamp.parseISO8601(text.utf8.lazy.map { $0 })?.iso8601, "\(text): a collection without contiguous storage")
        }
        XCTAssertEqual(Array("2012-12-15T14:21:29.460Z".utf8).withUnsafeBufferPointer { Timestamp.parseISO8601($0) }?.iso8601,
                       "2012-12-15T14:21:29Z")
    }
}
