import StewardCore
import Formats

/// The time of a row of a Netflix CSV (viewing activity, searches, ratings): written like
/// `2024-03-01 22:14:05`, in UTC without saying so (docs/formats/streaming.md).
enum NetflixCSVTime {
    /// The time in `column`, in UTC, or nil after skipping the row with the reason: `missing`
    /// ("no start time"), or `unreadable` followed by the value (catalog keys
    /// importer_message.no_* and unreadable_*).
    static func read(_ row: CSVRow, _ column: String, missing: String, unreadable: String, into sink: EventSink) -> Timestamp? {
        guard let text = row[column] else {
            sink.skip(missing, at: row.position)
            return nil
        }
        guard var time = Timestamp.parseISO8601(text.utf8), !time.dateOnly else {
            sink.skip(unreadable + " " + QuotedValue.describe(text), at: row.position)
            return nil
        }
        if time.utcOffsetSeconds == nil { time.utcOffsetSeconds = 0 }
        return time
    }
}
