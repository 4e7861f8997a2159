import StewardCore
import Formats

/// iCalendar (RFC 5545) files: Google Calendar's Takeout (`Takeout/Calendar/<name>.ics`), and
/// what Apple Calendar, Outlook and Thunderbird export. Content lines `NAME;PARAM=v:value`
/// folded at 75 octets (a line that starts with a space or tab continues the previous one) are
/// unfolded as they stream; only what sits directly inside a `VEVENT` is read (its `VALARM`s
/// are not), and of it only:
/// - `DTSTART`/`DTEND`: `20240305T090000Z` (UTC), `TZID=Europe/Berlin:20240305T090000` (the
///   clock of that zone, kept floating: the zone's rules would need `VTIMEZONE`, and a day and
///   an hour of the local clock is what the rules need), `20240305T090000` (floating) or
///   `VALUE=DATE:20240305` (all day);
/// - `SUMMARY` (the title) and `LOCATION` (the place), text unescaped (`\\n`, `\\,`, `\\;`, `\\\\`);
/// - `STATUS` (`CANCELLED` events are kept: the plan was made) and whether `RRULE` repeats it.
/// `DESCRIPTION`, attendees, organizer and conference links never enter memory as values.
///
/// One `.activity` event per `VEVENT` (source `calendar.ics`): `title` = SUMMARY, `place` =
/// LOCATION, `time`/`endTime`, `product` `calendar`, `code` `recurring` when it has an RRULE
/// (only its first occurrence is dated), the `STATUS` otherwise. A recurring event's later
/// exceptions (`RECURRENCE-ID`) are events of their own in the file and are read as such.
public struct ICalendarParser: ExportParser {
    public static let source = "calendar.ics"
    /// An unfolded content line longer than this is cut (a DESCRIPTION can hold a pasted
    /// document; the properties read are short).
    static let maxLogicalLine = 64 * 1024

    private var lines = LineSplitter(maxLineLength: maxLogicalLine)
    private var state = State()

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var state = self.state
        defer { self.state = state }
        try lines.feed(chunk) { line, number, cut throws(ParseError) in state.physical(line, number, cut, sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        var state = self.state
        defer { self.state = state }
        try lines.finish { line, number, cut throws(ParseError) in state.physical(line, number, cut, sink) }
        state.flushLogical(sink)
        guard state.sawCalendar else { throw ParseError("no BEGIN:VCALENDAR line: not an iCalendar file") }
        if state.current != nil {
            sink.skip("truncated: the file ends inside this event", at: state.current!.position)
        }
    }

    struct PendingEvent {
        var position: SourcePosition
        var summary: String?
        var location: String?
        var start: Timestamp?
        var startRaw: String?
        var end: Timestamp?
        var status: String?
        var recurring = false
        /// Depth of components nested in the event (VALARM): their properties are not the event's.
        var nested = 0
    }

    struct State {
        var unfolder = ContentLineUnfolder(maxLength: ICalendarParser.maxLogicalLine)
        /// The logical line being handled: where it began and whether it was cut.
        var logicalLine = 0
        var logicalCut = false
        var sawCalendar = false
        var current: PendingEvent?
        var eventCount = 0

        mutating func physical(_ line: ArraySlice<UInt8>, _ number: Int, _ cut: Bool, _ sink: EventSink) {
            if let ended = unfolder.add(line, number: number, cut: cut) { logical(ended, sink) }
        }

        mutating func flushLogical(_ sink: EventSink) {
            if let last = unfolder.finish() { logical(last, sink) }
        }

        private mutating func logical(_ line: ContentLineUnfolder.Line, _ sink: EventSink) {
            guard !line.bytes.isEmpty else { return }
            logicalLine = line.number
            logicalCut = line.cut
            handle(ContentLineProperty(line.bytes), sink)
        }

        private mutating func handle(_ p: ContentLineProperty, _ sink: EventSink) {
            switch p.name {
            case "BEGIN":
                let what = p.rawValue.uppercased()
                if what == "VCALENDAR" { sawCalendar = true; return }
                if current != nil { current!.nested += 1; return }
                if what == "VEVENT" {
                    current = PendingEvent(position: SourcePosition(line: logicalLine, record: eventCount))
                    eventCount += 1
                }
                return
            case "END":
                guard var event = current else { return }
                if event.nested > 0 { event.nested -= 1; current = event; return }
                if p.rawValue.uppercased() == "VEVENT" { emit(event, sink); current = nil }
                return
            default:
                break
            }
            guard var event = current, event.nested == 0 else { return }
            defer { current = event }
            if logicalCut && (p.name == "SUMMARY" || p.name == "LOCATION") {
                sink.warn("line longer than 64 KiB cut")
            }
            switch p.name {
            case "SUMMARY": event.summary = p.text
            case "LOCATION": event.location = p.text
            case "DTSTART":
                event.startRaw = p.rawValue
                event.start = ICalendarDate.parse(p.rawValue, dateOnlyParameter: p.parameter("VALUE")?.uppercased() == "DATE")
            case "DTEND":
                event.end = ICalendarDate.parse(p.rawValue, dateOnlyParameter: p.parameter("VALUE")?.uppercased() == "DATE")
            case "STATUS": event.status = p.rawValue.uppercased()
            case "RRULE": event.recurring = true
            default: break
            }
        }

        private func emit(_ event: PendingEvent, _ sink: EventSink) {
            guard let start = event.start else {
                if let raw = event.startRaw {
                    sink.skip("unreadable time \(QuotedValue.describe(raw))", at: event.position)
                } else {
                    sink.skip("event without DTSTART", at: event.position)
                }
                return
            }
            guard event.summary != nil || event.location != nil else {
                sink.skip("event without SUMMARY or LOCATION", at: event.position); return
            }
            sink.emit(Event(source: ICalendarParser.source, kind: .activity, time: start,
                            endTime: event.end.flatMap { $0 >= start ? $0 : nil },
                            title: event.summary, code: event.recurring ? "recurring" : event.status,
                            place: event.location, product: "calendar", position: event.position))
        }
    }
}

/// DATE and DATE-TIME values of RFC 5545 §3.3.4–5: `20240305`, `20240305T090000`,
/// `20240305T090000Z`.
enum ICalendarDate {
    static func parse(_ raw: String, dateOnlyParameter: Bool) -> Timestamp? {
        let b = Array(raw.utf8)
        func number(_ at: Int, _ count: Int) -> Int? {
            guard at + count <= b.count else { return nil }
            var v = 0
            for k in at..<(at + count) {
                guard (0x30...0x39).contains(b[k]) else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            return v
        }
        guard let year = number(0, 4), let month = number(4, 2), let day = number(6, 2), (1...12).contains(month),
              day >= 1, day <= Timestamp.daysIn(month: month, year: year) else { return nil }
        if b.count == 8 { return Timestamp(year: year, month: month, day: day, dateOnly: true) }
        guard !dateOnlyParameter, b.count == 15 || (b.count == 16 && (b[15] == 0x5A || b[15] == 0x7A)), b[8] == 0x54 || b[8] == 0x74,
              let hour = number(9, 2), let minute = number(11, 2), let second = number(13, 2),
              hour < 24, minute < 60, second <= 60 else { return nil }
        return Timestamp(year: year, month: month, day: day, hour: hour, minute: minute, second: min(second, 59),
                         utcOffsetSeconds: b.count == 16 ? 0 : nil)
    }
}
