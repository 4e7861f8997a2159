import XCTest
@testable import Importers
@testable import StewardCore

/// Repeating calendar events, one event per occurrence up to the export's date
/// (docs/formats/calendar.md, "Repeating events").
final class ICalendarRecurrenceTests: XCTestCase {
    func starts(_ rule: String, from start: String, through horizon: String, limit: Int = 1000) -> [String] {
        guard let parsed = ICalendarRecurrence.parse(rule), let s = ICalendarDate.parse(start, dateOnlyParameter: false),
              let h = ICalendarDate.parse(horizon, dateOnlyParameter: false) else { XCTFail("\(rule)"); return [] }
        return parsed.occurrences(from: s, through: h, limit: limit).starts.map(\.iso8601)
    }

    func testWeeklyOnTwoWeekdaysEveryOtherWeek() {
        XCTAssertEqual(starts("FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH", from: "20240305T180000", through: "20240331T000000"),
                       ["2024-03-05T18:00:00", "2024-03-07T18:00:00", "2024-03-19T18:00:00", "2024-03-21T18:00:00"])
    }

    func testCountIncludesTheFirstOccurrenceAndUntilIsInclusive() {
        XCTAssertEqual(starts("FREQ=DAILY;COUNT=3", from: "20240101T090000Z", through: "20250101T000000Z"),
                       ["2024-01-01T09:00:00Z", "2024-01-02T09:00:00Z", "2024-01-03T09:00:00Z"])
        XCTAssertEqual(starts("FREQ=WEEKLY;UNTIL=20240115T090000Z", from: "20240101T090000Z", through: "20250101T000000Z"),
                       ["2024-01-01T09:00:00Z", "2024-01-08T09:00:00Z", "2024-01-15T09:00:00Z"])
    }

    func testMonthlyByNthWeekdayAndByLastDay() {
        XCTAssertEqual(starts("FREQ=MONTHLY;BYDAY=2TU", from: "20240109T100000", through: "20240430T000000"),
                       ["2024-01-09T10:00:00", "2024-02-13T10:00:00", "2024-03-12T10:00:00", "2024-04-09T10:00:00"])
        XCTAssertEqual(starts("FREQ=MONTHLY;BYMONTHDAY=-1", from: "20240131T100000", through: "20240430T000000"),
                       ["2024-01-31T10:00:00", "2024-02-29T10:00:00", "2024-03-31T10:00:00"])
    }

    func testAMonthTooShortForTheStartDayIsSkipped() {
        XCTAssertEqual(starts("FREQ=MONTHLY", from: "20240131T100000", through: "20240531T235959"),
                       ["2024-01-31T10:00:00", "2024-03-31T10:00:00", "2024-05-31T10:00:00"])
        XCTAssertEqual(starts("FREQ=YEARLY", from: "20240229T100000", through: "20290101T000000"),
                       ["2024-02-29T10:00:00", "2028-02-29T10:00:00"])
    }

    func testOccurrencesStopAtTheHorizonAndAtTheLimit() {
        XCTAssertEqual(starts("FREQ=DAILY", from: "20240101T090000Z", through: "20240102T235959Z"),
                       ["2024-01-01T09:00:00Z", "2024-01-02T09:00:00Z"])
        let rule = ICalendarRecurrence.parse("FREQ=DAILY")!
        let result = rule.occurrences(from: Timestamp(year: 2020, month: 1, day: 1)!, through: Timestamp(year: 2026, month: 1, day: 1)!, limit: 10)
        XCTAssertEqual(result.starts.count, 10)
        XCTAssertTrue(result.cut)
    }

    func testRulesWithPartsNotExpandedAreRefused() {
        for rule in ["FREQ=HOURLY", "FREQ=MONTHLY;BYSETPOS=-1;BYDAY=MO,TU,WE,TH,FR", "FREQ=WEEKLY;BYDAY=2TU", "INTERVAL=2", "FREQ=DAILY;COUNT=0"] {
            XCTAssertNil(ICalendarRecurrence.parse(rule), rule)
        }
    }

    /// A weekly therapy session from 10 March 2024, exported on 30 April: one occurrence left
    /// out (EXDATE), one moved to the Monday (RECURRENCE-ID), and an hourly reminder whose rule
    /// steward does not expand.
    static let calendar = [
        "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "BEGIN:VEVENT",
        "DTSTART;TZID=Europe/Berlin:20240310T173000", "DTEND;TZID=Europe/Berlin:20240310T182000",
        "RRULE:FREQ=WEEKLY;BYDAY=SU", "EXDATE;TZID=Europe/Berlin:20240324T173000",
        "DTSTAMP:20240430T120000Z", "UID:therapy@google.com", "SUMMARY:Psychotherapie", "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART;TZID=Europe/Berlin:20240401T173000", "DTEND;TZID=Europe/Berlin:20240401T182000",
        "RECURRENCE-ID;TZID=Europe/Berlin:20240331T173000",
        "DTSTAMP:20240430T120000Z", "UID:therapy@google.com", "SUMMARY:Psychotherapie (Ostermontag)", "END:VEVENT",
        "BEGIN:VEVENT",
        "DTSTART:20240401T080000Z", "RRULE:FREQ=HOURLY;INTERVAL=4", "DTSTAMP:20240430T120000Z", "UID:pill@google.com",
        "SUMMARY:Tablette", "END:VEVENT",
        "END:VCALENDAR", "",
    ].joined(separator: "\r\n")

    func testAWeeklySeriesIsOneEventPerOccurrenceUpToTheExportDate() throws {
        let result = try parseAtAllChunkSizes({ ICalendarParser() }, Array(Self.calendar.utf8))
        let series = result.events.filter { $0.title == "Psychotherapie" }
        XCTAssertEqual(series.map { $0.time?.iso8601 ?? "" },
                       ["2024-03-10T17:30:00", "2024-03-17T17:30:00", "2024-04-07T17:30:00", "2024-04-14T17:30:00",
                        "2024-04-21T17:30:00", "2024-04-28T17:30:00"],
                       "24 March is left out (EXDATE), 31 March is the moved occurrence, nothing after the export")
        XCTAssertTrue(series.allSatisfy { $0.code == "recurring" && $0.position == SourcePosition(line: 4, record: 0) })
        XCTAssertEqual(series[1].endTime?.iso8601, "2024-03-17T18:20:00", "each occurrence keeps the first one's length")
        XCTAssertEqual(result.events.filter { $0.title == "Psychotherapie (Ostermontag)" }.map { $0.time?.iso8601 ?? "" },
                       ["2024-04-01T17:30:00"])
        XCTAssertEqual(result.events.filter { $0.title == "Tablette" }.count, 1, "an hourly rule is dated once")
        XCTAssertTrue(result.issues.contains { $0.contains("a repeat rule steward does not expand: only its first occurrence is dated") },
                      "\(result.issues)")
    }
}
