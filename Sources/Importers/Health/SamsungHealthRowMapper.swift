import StewardCore

/// The daily steps and sleep files of a Samsung Health "Download personal data" folder
/// (docs/formats/health.md, "samsung.health"). Each CSV opens with a line naming its data type,
/// version and column count (`com.samsung.shealth.step_daily_trend,6315002,13`), then the header;
/// rows and the header end in a comma.
///
/// - `com.samsung.shealth.step_daily_trend.<time>.csv`: `day_time` (the day's midnight in epoch
///   milliseconds), `count`, `source_type` (`-2` is the sum of phone and watch; other values one
///   device). One `health_record` per day and source (`code` `steps`, `quantity` the day's steps,
///   `product` `Samsung Health (all devices)` or `Samsung Health (source N)`), floating midnight to
///   midnight like Garmin's daily totals; the steps analyzer takes the largest per day, so the
///   sum and its parts are never added.
/// - `com.samsung.shealth.tracker.pedometer_day_summary.<time>.csv`: `day_time`, `step_count`,
///   `deviceuuid`: the same per device (`product` `Samsung Health pedometer (device …)`).
/// - `com.samsung.shealth.sleep.<time>.csv`: `com.samsung.health.sleep.start_time`, `.end_time`,
///   `.time_offset` (older exports: the same names without the prefix): UTC times such as
///   `2024-03-01 22:40:00.000` and the offset `UTC+0100`. One `health_record` per sleep
///   (`code` `sleep`, `text` `asleep`), on the wearer's clock.
///
/// A day repeated for the same source keeps its largest count (Samsung rewrites a day as it
/// syncs), so days are collected and emitted at the end, in date order; a file holds one row
/// per day and device, so memory stays small.
struct SamsungHealthRowMapper: CSVRowMapper {
    static let source = "samsung.health"

    enum Kind: Sendable {
        case stepTrend, pedometerDay, sleep(prefix: String)
    }

    let kind: Kind
    var requiredColumns: [String] {
        switch kind {
        case .stepTrend: ["day_time", "count"]
        case .pedometerDay: ["day_time", "step_count"]
        case .sleep(let prefix): [prefix + "start_time", prefix + "end_time"]
        }
    }

    struct Day {
        var steps: Int64
        var position: SourcePosition
    }
    private var days: [DayKey: Day] = [:]

    struct DayKey: Hashable {
        let day: Int64
        let product: String
    }

    init(kind: Kind) { self.kind = kind }

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        switch kind {
        case .stepTrend:
            let source = row["source_type"]
            let product = source == "-2" ? "Samsung Health (all devices)" : "Samsung Health (source \(source ?? "?"))"
            steps(row, countColumn: "count", product: product, sink)
        case .pedometerDay:
            let device = row["deviceuuid"].map { String($0.prefix(8)) } ?? "?"
            steps(row, countColumn: "step_count", product: "Samsung Health pedometer (device \(device))", sink)
        case .sleep(let prefix):
            sleep(row, prefix: prefix, sink)
        }
    }

    private mutating func steps(_ row: CSVRow, countColumn: String, product: String, _ sink: EventSink) {
        guard let dayText = row["day_time"] else { return sink.skip("no day_time", at: row.position) }
        guard let ms = Int64(dayText), ms >= 0, ms < 32_503_680_000_000 else {
            return sink.skip("unreadable day_time \(QuotedValue.describe(dayText))", at: row.position)
        }
        guard let countText = row[countColumn] else { return sink.skip("no step count", at: row.position) }
        let steps: Int64
        do { steps = try CheckedNumber.integer(rounding: try CheckedNumber.decimal(countText, field: countColumn), field: countColumn) }
        catch { return sink.skip(error.description, at: row.position) }
        // More than 200,000 steps in a day (about 150 km walked) is not a reading.
        guard steps >= 0, steps <= 200_000 else { return sink.skip("step count is outside 0–200000", at: row.position) }
        // Samsung writes the local day's midnight as if it were UTC midnight.
        let day = ms / 1000 / 86_400 * 86_400
        let key = DayKey(day: day, product: product)
        if let known = days[key], known.steps >= steps { return }
        days[key] = Day(steps: steps, position: row.position)
    }

    private func sleep(_ row: CSVRow, prefix: String, _ sink: EventSink) {
        guard let startText = row[prefix + "start_time"], let endText = row[prefix + "end_time"] else {
            return sink.skip("a sleep without a start or end time", at: row.position)
        }
        guard let start = Self.utc(startText) else { return sink.skip("unreadable start time \(QuotedValue.describe(startText))", at: row.position) }
        guard let end = Self.utc(endText) else { return sink.skip("unreadable end time \(QuotedValue.describe(endText))", at: row.position) }
        let seconds = end - start
        guard seconds > 0, seconds <= 86_400 else { return sink.skip("a sleep that ends before it starts or lasts over 24 hours", at: row.position) }
        var offset: Int32?
        if let offsetText = row[prefix + "time_offset"] ?? row["time_offset"] {
            guard let parsed = Self.offset(offsetText) else {
                return sink.skip("unreadable time offset \(QuotedValue.describe(offsetText))", at: row.position)
            }
            offset = parsed
        }
        let minutes = seconds / 60
        sink.emit(Event(source: Self.source, kind: .healthRecord,
                        time: Timestamp(epochSeconds: start, utcOffsetSeconds: offset ?? 0),
                        endTime: Timestamp(epochSeconds: end, utcOffsetSeconds: offset ?? 0),
                        text: "asleep", title: "Sleep: \(minutes / 60) h \(minutes % 60) min", code: "sleep",
                        product: "Samsung Health", position: row.position, quantity: Double(seconds), unit: "s"))
    }

    mutating func finish(into sink: EventSink) {
        for (key, day) in days.sorted(by: { ($0.key.day, $0.key.product) < ($1.key.day, $1.key.product) }) {
            sink.emit(Event(source: Self.source, kind: .healthRecord, time: Timestamp(epochSeconds: key.day),
                            endTime: Timestamp(epochSeconds: key.day + 86_400), text: "\(day.steps) steps",
                            title: "Steps (day)", code: "steps", product: key.product, position: day.position,
                            quantity: Double(day.steps), unit: "count"))
        }
    }

    /// `2024-03-01 22:40:00.000`, written in UTC → epoch seconds.
    static func utc(_ text: String) -> Int64? {
        guard let t = Timestamp.parseISO8601(text.utf8), !t.dateOnly else { return nil }
        return t.epochSeconds
    }

    /// `UTC+0100`, `UTC-0530` → seconds east of UTC.
    static func offset(_ text: String) -> Int32? {
        guard text.hasPrefix("UTC"), text.count == 8 else { return nil }
        let sign = text.dropFirst(3).first
        let digits = text.dropFirst(4)
        guard sign == "+" || sign == "-", digits.allSatisfy(\.isASCII), let hhmm = Int32(digits) else { return nil }
        let (h, m) = (hhmm / 100, hhmm % 100)
        guard h <= 14, m < 60 else { return nil }
        return (sign == "-" ? -1 : 1) * (h * 3600 + m * 60)
    }
}
