import StewardCore
import Formats

/// YouTube comments in Google Takeout (docs/formats/google.md, "YouTube comments"):
/// `YouTube and YouTube Music/comments/comments.csv`, one row per comment the person wrote.
/// Takeout changed the layout in June 2024; both are read by column name:
///
///     Comment ID,Channel ID,Comment Create Timestamp,Price,Parent Comment ID,Video ID,Comment Text
///     …,2023-09-19T17:42:53.434647+00:00,0,,WtOskFeLmr4,"{""takeoutSegments"":[{""text"":""…""}]}"
///     Channel ID,Comment Create Timestamp,Price,Comment ID,Parent Comment ID,Video ID,Comment Text
///     …,2023-04-14T07:39:35.956042+00:00,0,…,,rWVAzS6duAs,"{""text"":""…""},{""text"":""\n""},{""text"":""…""}"
///
/// The comment's words are JSON inside the CSV field: an object with a `takeoutSegments` list
/// (older) or a bare comma-separated run of segment objects (newer); the `text` of every
/// segment is joined. One `comment` event per row: `text` = the words, `time` = Comment Create
/// Timestamp, `url` = the video's watch address, `code` `reply` when it answers another comment,
/// `product` `YouTube`.
struct YouTubeCommentsRowMapper: CSVRowMapper {
    static let source = "google.youtube_comments"
    static let required = ["comment create timestamp", "video id", "comment text"]
    var requiredColumns: [String] { Self.required }

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        guard let timeText = row["comment create timestamp"] else { return sink.skip("no timestamp", at: row.position) }
        guard let time = Timestamp.parseISO8601(timeText.utf8), !time.dateOnly else {
            return sink.skip("unreadable timestamp \(QuotedValue.describe(timeText))", at: row.position)
        }
        guard let json = row["comment text"] else { return sink.skip("a comment without text", at: row.position) }
        guard let text = Self.words(json) else { return sink.skip("comment text that is not Takeout's JSON segments", at: row.position) }
        guard !text.trimmingSpacesAndLineBreaks().isEmpty else { return sink.skip("a comment without text", at: row.position) }
        let video = row["video id"]
        sink.emit(Event(source: Self.source, kind: .comment, time: time, text: text,
                        url: video.map { "https://www.youtube.com/watch?v=\($0)" },
                        code: row["parent comment id"] == nil ? "comment" : "reply", product: "YouTube", position: row.position))
    }

    mutating func finish(into sink: EventSink) {}

    /// The joined `text` of the segments in `json`; nil when it is neither layout.
    static func words(_ json: String) -> String? {
        func parse(_ text: String) -> JSONValue? { try? JSONValueParser.parse(Array(text.utf8)) }
        let segments: [JSONValue]
        if let object = parse(json), let list = object["takeoutSegments"]?.arrayValue {
            segments = list
        } else if let list = parse("[" + json + "]")?.arrayValue {
            segments = list
        } else {
            return nil
        }
        var words = ""
        for segment in segments {
            guard segment.objectMembers != nil else { return nil }
            words += segment["text"]?.stringValue ?? ""
        }
        return words
    }
}
