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

    private static let takeoutSegmentsKey = Array("\"takeoutSegments\"".utf8)

    /// Whether the older layout's key is in the field: `ByteSearch` over the UTF-8 (the
    /// standard library's generic `firstRange(of:)` made the whole scan four times slower).
    static func mentionsTakeoutSegments(_ json: String) -> Bool {
        var json = json
        return json.withUTF8 { bytes in
            takeoutSegmentsKey.withUnsafeBytes { ByteSearch.contains(UnsafeRawBufferPointer(bytes), $0) }
        }
    }

    /// The joined `text` of the segments in `json`; nil when it is neither layout.
    /// The layout is told by its key before anything is parsed: trying the older one first
    /// parsed every newer comment twice, and the bytes were copied twice more (a fifth of
    /// reading a comments file; docs/performance.md, "YouTube comments parsed once").
    static func words(_ json: String) -> String? {
        let segments: [JSONValue]
        if mentionsTakeoutSegments(json),
           let list = (try? JSONValueParser.parse(Array(json.utf8)))?["takeoutSegments"]?.arrayValue {
            segments = list
        } else {
            var bracketed: [UInt8] = []
            bracketed.reserveCapacity(json.utf8.count + 2)
            bracketed.append(UInt8(ascii: "["))
            bracketed.append(contentsOf: json.utf8)
            bracketed.append(UInt8(ascii: "]"))
            guard let list = (try? JSONValueParser.parse(bracketed))?.arrayValue else { return nil }
            segments = list
        }
        var words = ""
        for segment in segments {
            guard segment.objectMembers != nil else { return nil }
            words += segment["text"]?.stringValue ?? ""
        }
        return words
    }
}
