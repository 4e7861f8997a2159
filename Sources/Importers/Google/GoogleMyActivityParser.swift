import StewardCore
import Formats

/// Google Takeout "My Activity" JSON (any product: Search, YouTube, Maps, Chrome, Ads, …, and
/// YouTube's watch-history.json / search-history.json, which share the shape): a top-level
/// array of objects such as
/// `{"header": "Search", "title": "Searched for cats", "titleUrl": "…", "time": "2019-05-30T15:37:18.828Z",
///   "products": ["Search"], "subtitles": [{"name": "…", "url": "…"}], "details": [{"name": "…"}],
///   "locationInfos": [{"name": "…", "url": "…", "source": "…"}]}`.
/// The kind of record is only stated by the localized verb in `title` (see
/// `MyActivityTitleGrammar`).
public struct GoogleMyActivityParser: ExportParser {
    public static let source = "google.my_activity"

    private var splitter = JSONArraySplitter()
    /// The members `record(from:)` looks at; `locationInfos` is skipped unbuilt.
    static let keysRead: JSONKeySet = ["header", "title", "titleUrl", "time", "products", "subtitles", "activityControls", "details"]

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        try splitter.feed(chunk) { output throws(ParseError) in Self.handle(output, into: sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        try splitter.finish { output throws(ParseError) in Self.handle(output, into: sink) }
    }

    private static func handle(_ output: JSONArraySplitter.Output, into sink: EventSink) {
        JSONRecordDelivery.deliver(output, pointerPrefix: "", keys: keysRead, into: sink, map: record(from:position:))
    }

    /// Maps one array element to an event, or says why it cannot.
    static func record(from value: JSONValue, position: SourcePosition) -> Result<Event, SkipReason> {
        guard case .object = value else { return .failure(SkipReason("not an object")) }
        guard let title = value["title"]?.stringValue, !title.isEmpty else {
            return .failure(SkipReason("no title"))
        }
        guard let timeText = value["time"]?.stringValue else { return .failure(SkipReason("no time")) }
        guard let time = Timestamp.parseISO8601(timeText.utf8) else {
            return .failure(SkipReason("unreadable time \(QuotedValue.describe(timeText))"))
        }
        let products = value["products"]?.arrayValue?.compactMap(\.stringValue) ?? []
        var record = MyActivityRecord(
            header: value["header"]?.stringValue, title: title, titleUrl: value["titleUrl"]?.stringValue,
            time: time, firstSubtitle: MyActivityRecord.nonEmpty(value["subtitles"]?[0]?["name"]?.stringValue),
            products: products, isWatchHistory: isWatchHistory(value))
        record.details = (value["details"]?.arrayValue ?? []).prefix(16).compactMap { $0["name"]?.stringValue }
        return .success(record.event(source: source, position: position))
    }

    /// Why one record was skipped, for `EventSink.skip`.
    struct SkipReason: RecordSkipReason {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// `activityControls: ["YouTube watch history"]` (English accounts; the control's name is
    /// localized like the rest).
    private static func isWatchHistory(_ value: JSONValue) -> Bool {
        value["activityControls"]?.arrayValue?.contains { $0.stringValue == "YouTube watch history" } ?? false
    }
}
