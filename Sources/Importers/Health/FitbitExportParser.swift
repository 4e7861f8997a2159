import StewardCore
import Formats

/// Fitbit's account export ("Global Export Data" folder of the Fitbit data download, now also
/// `Takeout/Fitbit/Global Export Data/` in Google Takeout; docs/formats/health.md). One JSON
/// array per resource and period, named `<resource>-YYYY-MM-DD.json`. Two are read:
///
/// - `steps-…json`: `[{"dateTime": "04/22/19 07:01:00", "value": "12"}, …]`, one element per
///   minute (month/day/two-digit year; values are strings). A year of minutes is half a million
///   elements, so minutes are summed into clock hours as they stream and one `.healthRecord`
///   per hour with steps is emitted (`code` `steps`, `quantity` the hour's steps, `product`
///   `Fitbit`), positioned at the hour's first minute. Hours without steps emit nothing.
/// - `sleep-…json`: `[{"logId", "dateOfSleep", "startTime": "2024-03-01T23:08:30.000",
///   "endTime", "minutesAsleep", "mainSleep", "type": "stages"|"classic", "levels": {"data":
///   [{"dateTime", "level", "seconds"}], "shortData": [...]}}]`, one element per sleep log.
///   Each asleep stretch of `levels.data` (`light`, `deep`, `rem`; classic logs: `asleep`)
///   becomes one `.healthRecord` (`code` `sleep`, `text` the level), with the short wakes of
///   `levels.shortData` (stages logs overlay wakes of up to 3 minutes there) cut out, so the
///   night's asleep time is what Fitbit itself counts as `minutesAsleep`.
///
/// Times carry no zone: Fitbit writes sleep on the wearer's clock, and minute data as the
/// export wrote it; both are kept as written (floating), so a "day" is a day of that clock.
public struct FitbitExportParser: ExportParser {
    public static let source = "fitbit.export"

    public enum Resource: Sendable { case steps, sleep }

    /// Asleep levels, stages (`light`, `deep`, `rem`) and classic (`asleep`); `wake`, `awake`
    /// and `restless` are time in bed (Fitbit counts restless minutes as awake).
    static let asleepLevels: Set<String> = ["light", "deep", "rem", "asleep"]
    static let sleepKeys: JSONKeySet = ["logId", "dateOfSleep", "startTime", "endTime", "levels", "minutesAsleep", "type"]
    static let stepKeys: JSONKeySet = ["dateTime", "value"]
    /// More steps than this in one minute (a sprinter manages about 250) is not a reading.
    static let maxStepsPerMinute: Int64 = 1000

    let resource: Resource
    private var splitter = JSONArraySplitter()
    private var hour = HourTotal()

    public init(resource: Resource) {
        self.resource = resource
    }

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        let resource = self.resource
        var hour = self.hour
        defer { self.hour = hour }
        try splitter.feed(chunk) { output throws(ParseError) in Self.handle(output, resource, &hour, sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        let resource = self.resource
        var hour = self.hour
        defer { self.hour = hour }
        try splitter.finish { output throws(ParseError) in Self.handle(output, resource, &hour, sink) }
        hour.flush(into: sink)
        if splitter.elementCount == 0 && !splitter.arrayClosed {
            throw ParseError(resource == .steps ? "not a JSON array of minute steps" : "not a JSON array of sleep logs")
        }
    }

    private static func handle(_ output: JSONArraySplitter.Output, _ resource: Resource, _ hour: inout HourTotal,
                               _ sink: EventSink) {
        switch resource {
        case .steps:
            JSONRecordDelivery.forEachValue(output, pointerPrefix: "", keys: stepKeys, into: sink) { value, _, position in
                switch minute(value) {
                case .success(let reading): hour.add(reading, at: position, into: sink)
                case .failure(let reason): sink.skip(reason.text, at: position)
                }
            }
        case .sleep:
            JSONRecordDelivery.forEachValue(output, pointerPrefix: "", keys: sleepKeys, into: sink) { value, _, position in
                switch sleepStretches(value, position: position) {
                case .success(let events): for event in events { sink.emit(event) }
                case .failure(let reason): sink.skip(reason.text, at: position)
                }
            }
        }
    }

    struct SkipReason: RecordSkipReason {
        let text: String
        init(_ text: String) { self.text = text }
    }

    // MARK: steps

    struct MinuteReading {
        var time: Timestamp
        var steps: Int64
    }

    static func minute(_ value: JSONValue) -> Result<MinuteReading, SkipReason> {
        guard case .object = value else { return .failure(SkipReason("not an object")) }
        guard let text = value["dateTime"]?.stringValue else { return .failure(SkipReason("no time")) }
        guard let time = minuteTime(text) else { return .failure(SkipReason("unreadable time \(QuotedValue.describe(text))")) }
        let raw: String
        switch value["value"] {
        case .string(let s)?: raw = s
        case .number(let s)?: raw = s
        default: return .failure(SkipReason("no value"))
        }
        do {
            let steps = try CheckedNumber.integer(raw, field: "value")
            guard steps >= 0, steps <= maxStepsPerMinute else {
                return .failure(SkipReason("value is outside 0–\(maxStepsPerMinute) steps a minute"))
            }
            return .success(MinuteReading(time: time, steps: steps))
        } catch {
            return .failure(SkipReason(error.description))
        }
    }

    /// `04/22/19 07:01:00` (month/day/two-digit year, 24-hour clock), as Fitbit writes minute
    /// data; years are 2000–2099 (Fitbit's first tracker shipped in 2009).
    static func minuteTime(_ text: String) -> Timestamp? {
        let b = Array(text.utf8)
        guard b.count == 17, b[2] == 0x2F, b[5] == 0x2F, b[8] == 0x20, b[11] == 0x3A, b[14] == 0x3A else { return nil }
        func two(_ at: Int) -> Int? {
            guard (0x30...0x39).contains(b[at]), (0x30...0x39).contains(b[at + 1]) else { return nil }
            return Int(b[at] - 0x30) * 10 + Int(b[at + 1] - 0x30)
        }
        guard let month = two(0), let day = two(3), let year = two(6), let hour = two(9), let minute = two(12),
              let second = two(15), (1...12).contains(month), day >= 1, day <= Timestamp.daysIn(month: month, year: 2000 + year),
              hour < 24, minute < 60, second < 60 else { return nil }
        return Timestamp(year: 2000 + year, month: month, day: day, hour: hour, minute: minute, second: second)
    }

    /// The running total of one clock hour of minute readings: emitted when a reading of
    /// another hour arrives (Fitbit writes minutes in order; an out-of-order minute starts a
    /// new total, which the daily analyzer adds to the same day all the same).
    struct HourTotal {
        var start: Int64?
        var steps: Int64 = 0
        var minutes = 0
        var position = SourcePosition.record(0)

        mutating func add(_ reading: MinuteReading, at position: SourcePosition, into sink: EventSink) {
            let hourStart = reading.time.epochSeconds - ((reading.time.epochSeconds % 3600) + 3600) % 3600
            if start != hourStart {
                flush(into: sink)
                start = hourStart
                self.position = position
            }
            steps = CheckedNumber.saturatingSum(steps, reading.steps)
            minutes += 1
        }

        mutating func flush(into sink: EventSink) {
            defer { start = nil; steps = 0; minutes = 0 }
            guard let start, steps > 0 else { return }
            let begin = Timestamp(epochSeconds: start), end = Timestamp(epochSeconds: start + 3600)
            sink.emit(Event(source: FitbitExportParser.source, kind: .healthRecord, time: begin, endTime: end,
                            text: "\(steps) steps in \(minutes) minute records", title: "Steps", code: "steps",
                            product: "Fitbit", position: position, quantity: Double(steps), unit: "count"))
        }
    }

    // MARK: sleep

    static func sleepStretches(_ value: JSONValue, position: SourcePosition) -> Result<[Event], SkipReason> {
        guard case .object = value else { return .failure(SkipReason("not an object")) }
        guard let levels = value["levels"], let data = levels["data"]?.arrayValue else {
            return .failure(SkipReason("sleep log without levels.data"))
        }
        let logType = value["type"]?.stringValue
        var wakes: [(Int64, Int64)] = []
        for item in levels["shortData"]?.arrayValue ?? [] {
            if let w = interval(item), let level = item["level"]?.stringValue, !asleepLevels.contains(level) { wakes.append(w) }
        }
        wakes.sort { $0.0 < $1.0 }
        var events: [Event] = []
        var unreadable = 0
        for item in data {
            guard let level = item["level"]?.stringValue else { unreadable += 1; continue }
            guard asleepLevels.contains(level) else { continue }
            guard let (start, end) = interval(item) else { unreadable += 1; continue }
            var cursor = start
            for (ws, we) in wakes where we > cursor && ws < end {
                if ws > cursor { events.append(stretch(cursor, ws, level, logType, position)) }
                cursor = max(cursor, we)
            }
            if cursor < end { events.append(stretch(cursor, end, level, logType, position)) }
        }
        if events.isEmpty {
            return .failure(SkipReason(unreadable > 0 ? "sleep log whose stages have no readable time" : "sleep log without asleep stages"))
        }
        return .success(events)
    }

    /// A stage's `[dateTime, dateTime + seconds)` in floating seconds; nil when unreadable or
    /// longer than a day.
    static func interval(_ item: JSONValue) -> (Int64, Int64)? {
        guard let text = item["dateTime"]?.stringValue, let start = Timestamp.parseISO8601(Array(text.utf8)), !start.dateOnly,
              let seconds = item["seconds"]?.int64Value, seconds > 0, seconds <= 86_400 else { return nil }
        return (start.epochSeconds, start.epochSeconds + seconds)
    }

    static func stretch(_ start: Int64, _ end: Int64, _ level: String, _ logType: String?, _ position: SourcePosition) -> Event {
        Event(source: source, kind: .healthRecord, time: Timestamp(epochSeconds: start), endTime: Timestamp(epochSeconds: end),
              text: level, title: "Sleep: " + level, code: "sleep", product: logType.map { "Fitbit (\($0))" } ?? "Fitbit",
              position: position)
    }
}
