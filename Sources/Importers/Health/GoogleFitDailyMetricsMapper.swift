import StewardCore

/// Google Fit's daily activity metrics from Takeout (`Takeout/Fit/Daily activity metrics/`;
/// docs/formats/health.md), two layouts of one CSV family, told apart by the header:
///
/// - one file per day, named `YYYY-MM-DD.csv`: a row per 15-minute interval, `Start time` and
///   `End time` as `00:15:00.000+01:00` (clock and UTC offset, no date: the date is the file's
///   name), then `Move Minutes count`, `Calories (kcal)`, `Distance (m)`, `Heart Points`, …,
///   `Step count`, … (empty cells where nothing was measured). Each interval with steps becomes
///   a `.healthRecord` (`code` `Step count`, `quantity` the steps, `product` `Google Fit`).
/// - `Daily activity metrics.csv`: a row per day, `Date` (`2024-03-01`) and the same metric
///   columns summed over the day. Each day with steps becomes one record starting at the
///   day's midnight (floating: the summary gives no offset) with `product`
///   `Google Fit (daily total)`. The two layouts count the same steps; because the daily
///   analyzer keeps, per day, the largest total of any one `product`, reading both does not
///   double them.
///
/// Sleep is not in these files; the latitude/longitude columns (the interval's bounding box)
/// are not read.
struct GoogleFitDailyMetricsMapper: CSVRowMapper {
    static let source = "google.fit"
    static let stepColumn = "step count"

    /// The day of a per-day file, from its name; nil for the summary or a renamed file.
    let fileDay: String?
    private var layoutChecked = false

    init(fileName: String) {
        self.fileDay = Self.day(fromFileName: fileName)
    }

    var requiredColumns: [String] { [Self.stepColumn] }

    /// `2024-03-01.csv` → `2024-03-01`.
    static func day(fromFileName name: String) -> String? {
        guard name.lowercased().hasSuffix(".csv") else { return nil }
        let stem = Array(name.utf8.dropLast(4))
        guard stem.count == 10, let t = Timestamp.parseISO8601(stem), t.dateOnly else { return nil }
        return String(decoding: stem, as: UTF8.self)
    }

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        guard let stepsText = row[Self.stepColumn] else { return } // an interval or day without steps measured
        let steps: Double
        do {
            steps = try CheckedNumber.decimal(stepsText, field: "Step count")
        } catch {
            sink.skip(error.description, at: row.position); return
        }
        guard steps >= 0, steps <= 1_000_000 else { sink.skip("Step count is outside 0–1000000", at: row.position); return }
        guard steps > 0 else { return }
        if row.columns["start time"] != nil {
            guard let fileDay else {
                sink.skip("interval row in a file not named by its date (YYYY-MM-DD.csv)", at: row.position); return
            }
            let prefix = fileDay + "T"
            guard let startText = row["start time"], let start = Timestamp.parseISO8601(Array((prefix + startText).utf8)) else {
                sink.skip("unreadable time \(QuotedValue.describe(row["start time"] ?? ""))", at: row.position); return
            }
            var end = row["end time"].flatMap { Timestamp.parseISO8601(Array((prefix + $0).utf8)) }
            // The last interval ends at 00:00 of the next day, written as 00:00 of this one.
            if let e = end, e <= start { end = Timestamp(epochSeconds: e.epochSeconds + 86_400, utcOffsetSeconds: e.utcOffsetSeconds) }
            sink.emit(Event(source: Self.source, kind: .healthRecord, time: start, endTime: end,
                            text: "\(Int64(steps)) steps", title: "Step count", code: "Step count",
                            product: "Google Fit", position: row.position, quantity: steps, unit: "count"))
        } else if let dateText = row["date"] {
            guard let date = Timestamp.parseISO8601(Array(dateText.utf8)), date.dateOnly else {
                sink.skip("unreadable date \(QuotedValue.describe(dateText))", at: row.position); return
            }
            let midnight = Timestamp(epochSeconds: date.epochSeconds)
            sink.emit(Event(source: Self.source, kind: .healthRecord, time: midnight,
                            endTime: Timestamp(epochSeconds: date.epochSeconds + 86_400),
                            text: "\(Int64(steps)) steps", title: "Step count (day)", code: "Step count",
                            product: "Google Fit (daily total)", position: row.position, quantity: steps, unit: "count"))
        } else if !layoutChecked {
            sink.warn("neither Start time nor Date column: rows not read")
        }
        layoutChecked = true
    }

    mutating func finish(into sink: EventSink) {}
}
