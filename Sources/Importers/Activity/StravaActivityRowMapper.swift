import Foundation
import StewardCore

/// The rows of `activities.csv` in Strava's bulk export (docs/formats/health.md, "Strava bulk
/// export"): `Activity ID,Activity Date,Activity Name,Activity Type,Activity Description,
/// Elapsed Time,Distance,…,Filename,…` — the header repeats `Elapsed Time` and `Distance`
/// further on (seconds as decimals, metres), so the first of each name is the one read.
/// `Activity Date` is UTC, written `Mar 1, 2024, 6:30:00 AM` (older exports and other writers:
/// ISO 8601 or `2024-03-01 06:30:00`).
///
/// One `.healthRecord` per activity: `code` = Activity Type (`Run`, `Ride`, `Weight Training`),
/// `title` = `Activity: <type>`, `text` = the name the person gave it and the elapsed time,
/// `product` = `Strava`. The route itself is in the file `Filename` names
/// (`activities/123.fit.gz`), read by the FIT, TCX or GPX importer. The distance is not read:
/// its first column is in the athlete's unit (km or miles), which the file does not state.
struct StravaActivityRowMapper: CSVRowMapper {
    static let source = "strava.activities"
    static let required = ["activity id", "activity date", "activity type"]
    var requiredColumns: [String] { Self.required }

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        guard let dateText = row["activity date"] else { sink.skip("no activity date", at: row.position); return }
        guard let time = Self.parseDate(dateText) else {
            sink.skip("unreadable date \(QuotedValue.describe(dateText))", at: row.position); return
        }
        guard let type = row["activity type"] else { sink.skip("no activity type", at: row.position); return }
        let elapsed = row["elapsed time"].flatMap(Double.init)
        sink.emit(Workout.event(source: Self.source, type: type, start: time, name: row["activity name"],
                                seconds: elapsed.flatMap { $0.isFinite && $0 > 0 && $0 < 1e7 ? Int64($0) : nil },
                                metres: nil, product: "Strava", position: row.position))
    }

    mutating func finish(into sink: EventSink) {}

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `Mar 1, 2024, 6:30:00 AM` (UTC), else ISO 8601 / `2024-03-01 06:30:00` (taken as UTC).
    static func parseDate(_ text: String) -> Timestamp? {
        let words = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map { $0.lowercased() }
        if words.count >= 4, let month = months.firstIndex(of: String(words[0].prefix(3))),
           let day = Int(words[1]), let year = Int(words[2]) {
            let clock = words[3].split(separator: ":").compactMap { Int($0) }
            guard clock.count >= 2, clock.count <= 3 else { return nil }
            var hour = clock[0]
            if words.count >= 5 {
                guard (1...12).contains(hour) else { return nil }
                if words[4] == "pm" && hour != 12 { hour += 12 } else if words[4] == "am" && hour == 12 { hour = 0 }
                else if words[4] != "am" && words[4] != "pm" { return nil }
            }
            return Timestamp(year: year, month: month + 1, day: day, hour: hour, minute: clock[1],
                             second: clock.count == 3 ? clock[2] : 0, utcOffsetSeconds: 0)
        }
        var iso = text.trimmingSpaces()
        if iso.count == 19, iso.dropFirst(10).first == " " { iso = String(iso.prefix(10)) + "T" + String(iso.dropFirst(11)) + "Z" }
        guard let time = Timestamp.parseISO8601(Array(iso.utf8)), !time.dateOnly else { return nil }
        return time
    }
}
