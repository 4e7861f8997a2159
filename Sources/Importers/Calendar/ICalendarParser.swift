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
/// - `STATUS` (`CANCELLED` events are kept: the plan was made);
/// - `RRULE`, `EXDATE`, `UID`, `RECURRENCE-ID` and `DTSTAMP` for repeating events.
/// `DESCRIPTION`, attendees, organizer and conference links never enter memory as values.
///
/// One `.activity` event per `VEVENT` (source `calendar.ics`): `title` = SUMMARY, `place` =
/// LOCATION, `time`/`endTime`, `product` `calendar`, `code` = the `STATUS`. A repeating event
/// (`RRULE`) is one event per occurrence, `code` `recurring`, all at the `VEVENT`'s position
/// (`ICalendarRecurrence`): occurrences run up to the export's date, the latest `DTSTAMP` in the
/// file (Google writes the export time there), leave out the `EXDATE`s and the occurrences the
/// file changes with a `VEVENT` of the same `UID` and a `RECURRENCE-ID` (that event is read on
/// its own). Repeating events are held until the file ends, since their changed occurrences may
/// follow them; at most `maxHeldRepeating` are held and each gives at most
/// `maxOccurrences` occurrences.
public struct ICalendarParser: ExportParser {
    public static let source = "calendar.ics"
    /// An unfolded content line longer than this is cut (a DESCRIPTION can hold a pasted
    /// document; the properties read are short).
    static let maxLogicalLine = 64 * 1024
    /// Repeating events held until the end of the file; past this they are dated once.
    static let maxHeldRepeating = 5_000
    /// Occurrences of one repeating event (a daily reminder over three years).
    static let maxOccurrences = 1_000
    /// Changed occurrences (`RECURRENCE-ID`) remembered to leave out of their series.
    static let maxChangedOccurrences = 50_000

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
        state.expandRepeating(sink)
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
        var rule: String?
        var uid: String?
        var recurrenceId: Timestamp?
        var exceptions: [Timestamp] = []
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
        /// Repeating events with a rule steward expands, until the file ends.
        var repeating: [(event: PendingEvent, rule: ICalendarRecurrence)] = []
        /// `UID` + local seconds of each changed occurrence.
        var changedOccurrences: Set<String> = []
        /// The export's date: the latest DTSTAMP; without one, the latest start read.
        var latestStamp: Timestamp?
        var latestStart: Timestamp?
        var warnedUnexpanded = false

        mutating func physical(_ line: ArraySlice<UInt8>, _ number: Int, _ cut: Bool, _ sink: EventSink) {
            if let ended = unfolder.add(line, number: number, cut: cut) {
                logical(ended, sink)
                unfolder.recycle(ended)
            }
        }

        mutating func flushLogical(_ sink: EventSink) {
            if let last = unfolder.finish() { logical(last, sink) }
        }

        /// The properties read inside an event (besides BEGIN and END); the others are passed by
        /// name, unsplit.
        static let eventProperties: Set<String> = ["SUMMARY", "LOCATION", "DTSTART", "DTEND", "STATUS", "RRULE", "UID",
                                                   "RECURRENCE-ID", "EXDATE", "DTSTAMP"]

        private mutating func logical(_ line: ContentLineUnfolder.Line, _ sink: EventSink) {
            guard !line.bytes.isEmpty else { return }
            let name = ContentLineProperty.name(of: line.bytes)
            if name != "BEGIN" && name != "END" {
                guard current?.nested == 0, Self.eventProperties.contains(name) else { return }
            }
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
            // The event is changed in place (`current!`): a copy taken and written back retained
            // and released its strings on every line.
            guard current != nil, current!.nested == 0 else { return }
            if logicalCut && (p.name == "SUMMARY" || p.name == "LOCATION") {
                sink.warn("line longer than 64 KiB cut")
            }
            switch p.name {
            case "SUMMARY": current!.summary = p.text
            case "LOCATION": current!.location = p.text
            case "DTSTART":
                current!.startRaw = p.rawValue
                current!.start = ICalendarDate.parse(p.rawValue, dateOnlyParameter: p.parameter("VALUE")?.uppercased() == "DATE")
            case "DTEND":
                current!.end = ICalendarDate.parse(p.rawValue, dateOnlyParameter: p.parameter("VALUE")?.uppercased() == "DATE")
            case "STATUS": current!.status = p.rawValue.uppercased()
            case "RRULE":
                current!.recurring = true
                current!.rule = p.rawValue
            case "UID": current!.uid = p.rawValue
            case "RECURRENCE-ID":
                current!.recurrenceId = ICalendarDate.parse(p.rawValue, dateOnlyParameter: p.parameter("VALUE")?.uppercased() == "DATE")
            case "EXDATE":
                let dateOnly = p.parameter("VALUE")?.uppercased() == "DATE"
                for value in p.rawValue.split(separator: ",") where current!.exceptions.count < ICalendarParser.maxOccurrences {
                    if let t = ICalendarDate.parse(String(value), dateOnlyParameter: dateOnly) { current!.exceptions.append(t) }
                }
            case "DTSTAMP":
                if let t = ICalendarDate.parse(p.rawValue, dateOnlyParameter: false) { latestStamp = max(latestStamp ?? t, t) }
            default: break
            }
        }

        /// Day and time on the event's clock, for matching an occurrence to its exceptions.
        static func occurrenceKey(_ uid: String, _ time: Timestamp) -> String {
            "\(uid)\u{0}\(time.dateOnly ? Timestamp.floorDiv(time.localSeconds, 86_400) * 86_400 : time.localSeconds)"
        }

        /// Every held repeating event, one event per occurrence up to the export's date.
        mutating func expandRepeating(_ sink: EventSink) {
            guard let horizon = latestStamp ?? latestStart else { return }
            for (event, rule) in repeating {
                guard let start = event.start else { continue }
                let (starts, cut) = rule.occurrences(from: start, through: max(horizon, start), limit: ICalendarParser.maxOccurrences)
                if cut { sink.warn("a repeating event cut at its first 1,000 occurrences", at: event.position) }
                let excluded = Set(event.exceptions.map { Self.occurrenceKey("", $0) })
                let duration = event.end.map { $0.epochSeconds - start.epochSeconds }.flatMap { $0 >= 0 ? $0 : nil }
                for time in starts {
                    if excluded.contains(Self.occurrenceKey("", time)) { continue }
                    if let uid = event.uid, changedOccurrences.contains(Self.occurrenceKey(uid, time)) { continue }
                    let end = duration.map { Timestamp(epochSeconds: time.epochSeconds + $0, utcOffsetSeconds: time.utcOffsetSeconds,
                                                       dateOnly: time.dateOnly) }
                    sink.emit(Event(source: ICalendarParser.source, kind: .activity, time: time, endTime: end,
                                    title: event.summary, code: "recurring", place: event.location, product: "calendar",
                                    position: event.position))
                }
            }
            repeating.removeAll()
        }

        private mutating func emit(_ event: PendingEvent, _ sink: EventSink) {
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
            latestStart = max(latestStart ?? start, start)
            if let uid = event.uid, let changed = event.recurrenceId, changedOccurrences.count < ICalendarParser.maxChangedOccurrences {
                changedOccurrences.insert(Self.occurrenceKey(uid, changed))
            }
            if let text = event.rule {
                if let rule = ICalendarRecurrence.parse(text), repeating.count < ICalendarParser.maxHeldRepeating {
                    repeating.append((event, rule))
                    return
                }
                if !warnedUnexpanded {
                    warnedUnexpanded = true
                    sink.warn("a repeat rule steward does not expand: only its first occurrence is dated", at: event.position)
                }
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
