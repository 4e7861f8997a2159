import StewardCore
import Formats

/// Google Takeout `Chrome/BrowserHistory.json` (older exports: `Chrome/History.json`):
/// `{"Browser History": [{"favicon_url": "…", "page_transition": "LINK", "title": "…",
///   "url": "…", "client_id": "…", "time_usec": 1606820400000000}, …]}`.
/// `time_usec` is microseconds since the Unix epoch (UTC) — unlike Chrome's own History
/// database, which counts from 1601. One event per visit, kind `page_view`.
public struct ChromeBrowserHistoryParser: ExportParser {
    public static let source = "google.chrome_history"
    static let arrayKey = "Browser History"
    static let keysRead: JSONKeySet = ["title", "url", "time_usec", "page_transition"]

    private var splitter = JSONArraySplitter(arrayPath: [arrayKey])

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        try splitter.feed(chunk) { output throws(ParseError) in Self.handle(output, into: sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        try splitter.finish { output throws(ParseError) in Self.handle(output, into: sink) }
        if splitter.elementCount == 0 && !splitter.arrayClosed {
            sink.warn("no \"\(Self.arrayKey)\" array found")
        }
    }

    private static func handle(_ output: JSONArraySplitter.Output, into sink: EventSink) {
        JSONRecordDelivery.deliver(output, pointerPrefix: "/Browser History", keys: keysRead, into: sink, map: visit(from:position:))
    }

    /// Maps one visit to an event, or says why it cannot.
    static func visit(from value: JSONValue, position: SourcePosition) -> Result<Event, GoogleMyActivityParser.SkipReason> {
        guard case .object = value else { return .failure(.init("not an object")) }
        guard let micros = value["time_usec"]?.int64Value else {
            return .failure(.init(value["time_usec"] == nil ? "no time_usec" : "time_usec is not an integer"))
        }
        let time: Timestamp
        do {
            time = try UntrustedTime.timestamp(micros, unit: .microseconds, since: .unix1970, field: "time_usec")
        } catch {
            return .failure(.init(error.description))
        }
        let url = MyActivityRecord.nonEmpty(value["url"]?.stringValue)
        let title = MyActivityRecord.nonEmpty(value["title"]?.stringValue)
        guard url != nil || title != nil else { return .failure(.init("neither url nor title")) }
        return .success(Event(source: source, kind: .pageView, time: time,
                              title: title, url: url, code: MyActivityRecord.nonEmpty(value["page_transition"]?.stringValue),
                              product: "Chrome", position: position))
    }
}
