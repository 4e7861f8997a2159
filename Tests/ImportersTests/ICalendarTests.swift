import XCTest
@testable import Importers
@testable import StewardCore

/// iCalendar files as Google Calendar's Takeout writes them (`Takeout/Calendar/<name>.ics`):
/// CRLF lines folded at 75 octets, a VTIMEZONE block, VALARMs inside events
/// (docs/formats/calendar.md).
final class ICalendarTests: XCTestCase {
    static let calendar = [
        "BEGIN:VCALENDAR",
        "PRODID:-//Google Inc//Google Calendar 70.9054//EN",
        "VERSION:2.0",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        "X-WR-CALNAME:anna.mueller@example.org",
        "X-WR-TIMEZONE:Europe/Berlin",
        "BEGIN:VTIMEZONE",
        "TZID:Europe/Berlin",
        "BEGIN:STANDARD",
        "TZOFFSETFROM:+0200",
        "TZOFFSETTO:+0100",
        "TZNAME:CET",
        "DTSTART:19701025T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
        "END:STANDARD",
        "END:VTIMEZONE",
        // 1: local time in a zone, a folded SUMMARY, an alarm whose DESCRIPTION is not the event's
        "BEGIN:VEVENT",
        "DTSTART;TZID=Europe/Berlin:20240314T160000",
        "DTEND;TZID=Europe/Berlin:20240314T170000",
        "DTSTAMP:20240301T080000Z",
        "UID:1a2b3c@google.com",
        "CREATED:20240301T075900Z",
        "DESCRIPTION:Bring the insurance card\\nand the X-ray",
        "LOCATION:Praxis Dr. Weber\\, Hauptstraße 5\\, 50667 Köln",
        "SEQUENCE:0",
        "STATUS:CONFIRMED",
        "SUMMARY:Zahnarzt – Kontrolle und professionelle Zahnreinigung bei Dr. Web",
        " er (bitte 10 Minuten früher da sein)",
        "TRANSP:OPAQUE",
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        "DESCRIPTION:This is an event reminder",
        "SUMMARY:Alarm notification",
        "TRIGGER:-P0DT0H30M0S",
        "END:VALARM",
        "END:VEVENT",
        // 2: UTC, recurring
        "BEGIN:VEVENT",
        "DTSTART:20240310T093000Z",
        "DTEND:20240310T110000Z",
        "RRULE:FREQ=WEEKLY;BYDAY=SU",
        "UID:2b3c4d@google.com",
        "SUMMARY:Gottesdienst",
        "LOCATION:St. Agnes\\, Neusser Platz",
        "END:VEVENT",
        // 3: all day
        "BEGIN:VEVENT",
        "DTSTART;VALUE=DATE:20240507",
        "DTEND;VALUE=DATE:20240508",
        "UID:3c4d5e@google.com",
        "SUMMARY:Hearing\\; County Court",
        "STATUS:CANCELLED",
        "END:VEVENT",
        // 4: floating local time, tab-folded LOCATION
        "BEGIN:VEVENT",
        "DTSTART:20240920T120000",
        "UID:4d5e6f@google.com",
        "SUMMARY:Klimademo",
        "LOCATION:Invaliden",
        "\tpark, Berlin",
        "END:VEVENT",
        // 5: impossible date
        "BEGIN:VEVENT",
        "DTSTART:20240231T120000Z",
        "UID:5e6f7a@google.com",
        "SUMMARY:Impossible",
        "END:VEVENT",
        // 6: no DTSTART
        "BEGIN:VEVENT",
        "UID:6f7a8b@google.com",
        "SUMMARY:Someday",
        "END:VEVENT",
        "END:VCALENDAR",
        "",
    ].joined(separator: "\r\n")

    func testEventsOfAGoogleCalendarTakeoutFileAreReadWithUnfoldingZonesAndAlarmsLeftOut() throws {
        let result = try parseAtAllChunkSizes({ ICalendarParser() }, Array(Self.calendar.utf8))
        XCTAssertEqual(result.events.count, 4)
        XCTAssertEqual(result.skipped, 2, "an impossible date and an event without DTSTART")
        XCTAssertTrue(result.issues.contains { $0.contains("event without DTSTART") }, "\(result.issues)")
        XCTAssertTrue(result.issues.contains { $0.contains("unreadable time '20240231T120000Z'") || $0.contains("20240231T120000Z") }, "\(result.issues)")
        let e = result.events
        XCTAssertTrue(e.allSatisfy { $0.source == "calendar.ics" && $0.kind == .activity && $0.product == "calendar" })
        XCTAssertEqual(e[0].title, "Zahnarzt – Kontrolle und professionelle Zahnreinigung bei Dr. Weber (bitte 10 Minuten früher da sein)")
        XCTAssertEqual(e[0].place, "Praxis Dr. Weber, Hauptstraße 5, 50667 Köln")
        XCTAssertEqual(e[0].time?.iso8601, "2024-03-14T16:00:00", "a TZID time is the clock of that zone")
        XCTAssertEqual(e[0].endTime?.iso8601, "2024-03-14T17:00:00")
        XCTAssertEqual(e[0].code, "CONFIRMED")
        XCTAssertNil(e[0].text, "DESCRIPTION is not read")
        XCTAssertEqual(e[1].time?.iso8601, "2024-05-07")
        XCTAssertEqual(e[1].title, "Hearing; County Court")
        XCTAssertEqual(e[1].code, "CANCELLED")
        XCTAssertEqual(e[2].place, "Invalidenpark, Berlin")
        XCTAssertEqual(e[2].position, SourcePosition(line: 53, record: 3), "an event points at its BEGIN:VEVENT line")
        // The weekly service comes last: repeating events are held until the file ends. The
        // file's only DTSTAMP (the export's date) is before it began, so it is dated once.
        XCTAssertEqual(e[3].time?.iso8601, "2024-03-10T09:30:00Z")
        XCTAssertEqual(e[3].code, "recurring")
        XCTAssertEqual(e[3].place, "St. Agnes, Neusser Platz")
    }

    func testATruncatedFileKeepsTheEventsBeforeTheCutAndReportsTheCutOne() throws {
        let cut = Self.calendar.components(separatedBy: "BEGIN:VEVENT\r\nDTSTART:20240920")[0] + "BEGIN:VEVENT\r\nDTSTART:20240920T12"
        let result = try parseAtAllChunkSizes({ ICalendarParser() }, Array(cut.utf8))
        XCTAssertEqual(result.events.count, 3)
        XCTAssertEqual(result.skipped, 1)
        XCTAssertTrue(result.issues.contains { $0.contains("truncated: the file ends inside this event") }, "\(result.issues)")
    }

    func testAFileWithoutVCALENDARIsRefused() {
        var parser = ICalendarParser()
        let collector = EventCollector()
        XCTAssertThrowsError(try parser.parseAll(Array("BEGIN:VCARD\r\nFN:Anna\r\nEND:VCARD\r\n".utf8), into: collector.sink))
    }

    func testCalendarFilesAreDetectedByTheirFirstLineWhateverTheName() {
        let importer = ICalendarImporter()
        let head = Array(Self.calendar.utf8)
        XCTAssertEqual(importer.detect(FileProbe(path: "Takeout/Calendar/Anna Müller.ics", head: head, size: nil))?.confidence, 0.95)
        XCTAssertEqual(importer.detect(FileProbe(path: "export.txt", head: Array(("\u{FEFF}" + Self.calendar.lowercased()).utf8), size: nil))?.confidence, 0.9)
        XCTAssertNil(importer.detect(FileProbe(path: "contacts.vcf", head: Array("BEGIN:VCARD\r\n".utf8), size: nil)))
        if case .success(let found) = ImporterRegistry.detect(FileProbe(path: "Takeout/Calendar/Anna Müller.ics", head: head, size: nil)) {
            XCTAssertEqual(found.importer.id, "calendar.ics")
        } else { XCTFail("calendar not detected") }
    }

    func testDateValues() {
        XCTAssertEqual(ICalendarDate.parse("20240229T235960Z", dateOnlyParameter: false)?.iso8601, "2024-02-29T23:59:59Z", "a leap second is read as :59")
        XCTAssertEqual(ICalendarDate.parse("20240229", dateOnlyParameter: true)?.iso8601, "2024-02-29")
        XCTAssertNil(ICalendarDate.parse("20230229", dateOnlyParameter: true))
        XCTAssertNil(ICalendarDate.parse("20240229T120000", dateOnlyParameter: true), "VALUE=DATE with a time is malformed")
        XCTAssertNil(ICalendarDate.parse("2024-02-29T12:00:00", dateOnlyParameter: false))
    }
}
