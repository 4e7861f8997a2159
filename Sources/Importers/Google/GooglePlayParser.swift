import StewardCore
import Formats

/// Google Play Store in Takeout (docs/formats/google.md, "Google Play"): `Installs.json`,
/// `[{"install": {"doc": {"documentType": "Android Apps", "title": "…"},
/// "firstInstallationTime": "2020-05-25T03:11:53.055Z", "deviceAttribute": {…},
/// "lastUpdateTime": "…"}}, …]`, `Library.json`, `[{"libraryDoc": {"doc": {…},
/// "acquisitionTime": "…"}}, …]`, `Purchase History.json`, `[{"purchaseHistory": {"doc": {…},
/// "purchaseTime": "…", "invoicePrice": "…", …}}, …]` and `Order History.json`,
/// `[{"orderHistory": {"orderId": "…", "creationTime": "…", "lineItem": [{"doc": {…}, …}],
/// "totalPrice": "…", …}}, …]`, streamed one entry at a time.
///
/// One `activity` event per app (per app line of an order): `title` = the doc's title as the
/// store lists it (what the app-name rules read), `code` = `install`, `library`, `purchase` or
/// `order`, `time` = the first installation, acquisition, purchase or order, `product` =
/// `Google Play`. The device's make and model, prices and payment methods are not read: they
/// say which phone and which card, not what was bought. Items that are not apps (books, films)
/// are counted in one warning, not emitted: a book called "The Gambler" is not an app.
struct GooglePlayParser: ExportParser {
    static let source = "google.play"

    private var splitter = JSONArraySplitter()
    private var notApps = 0

    init() {}

    mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var skippedKinds = notApps
        try splitter.feed(chunk) { output throws(ParseError) in Self.handle(output, notApps: &skippedKinds, into: sink) }
        notApps = skippedKinds
    }

    mutating func finish(into sink: EventSink) throws(ParseError) {
        var skippedKinds = notApps
        try splitter.finish { output throws(ParseError) in Self.handle(output, notApps: &skippedKinds, into: sink) }
        notApps = skippedKinds
        if splitter.elementCount == 0 && !splitter.arrayClosed {
            throw ParseError("not a JSON array of Google Play entries")
        }
        if notApps > 0 {
            sink.warn("\(notApps) item(s) that are not apps (books, films, …) were not read")
        }
    }

    struct SkipReason: RecordSkipReason, Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    private static func handle(_ output: JSONArraySplitter.Output, notApps: inout Int, into sink: EventSink) {
        JSONRecordDelivery.forEachValue(output, pointerPrefix: "", keys: nil, into: sink) { value, _, position in
            switch events(value, position: position) {
            case .success(let read):
                read.events.forEach(sink.emit)
                notApps += read.notApps
            case .failure(let reason): sink.skip(reason.text, at: position)
            }
        }
    }

    /// The entry's events (one, or one per app line of an order) and how many of its items were
    /// not apps.
    static func events(_ value: JSONValue, position: SourcePosition) -> Result<(events: [Event], notApps: Int), SkipReason> {
        let entry: JSONValue
        let code: String
        let timeKey: String
        if let install = value["install"] {
            (entry, code, timeKey) = (install, "install", "firstInstallationTime")
        } else if let library = value["libraryDoc"] {
            (entry, code, timeKey) = (library, "library", "acquisitionTime")
        } else if let purchase = value["purchaseHistory"] {
            (entry, code, timeKey) = (purchase, "purchase", "purchaseTime")
        } else if let order = value["orderHistory"] {
            (entry, code, timeKey) = (order, "order", "creationTime")
        } else {
            return .failure(SkipReason("neither an install, a library entry, a purchase nor an order"))
        }
        var time: Timestamp?
        if let text = entry[timeKey]?.stringValue {
            guard let parsed = Timestamp.parseISO8601(text.utf8) else {
                return .failure(SkipReason("unreadable time \(QuotedValue.describe(text))"))
            }
            time = parsed
        }
        // An order lists what it bought as line items, each with its own doc; the other entries
        // carry one doc.
        var docs: [JSONValue] = []
        if code == "order" {
            guard case .array(let items)? = entry["lineItem"], !items.isEmpty else {
                return .failure(SkipReason("an order without items"))
            }
            docs = items.compactMap { $0["doc"] }
            // A line without its doc names nothing bought.
            guard docs.count == items.count else { return .failure(SkipReason("an app without a title")) }
        } else if let doc = entry["doc"] {
            docs = [doc]
        }
        var events: [Event] = []
        var notApps = 0
        for doc in docs {
            if let type = doc["documentType"]?.stringValue, !isApp(type, code: code) {
                notApps += 1
                continue
            }
            guard let title = doc["title"]?.stringValue, !title.isEmpty else {
                return .failure(SkipReason("an app without a title"))
            }
            events.append(Event(source: source, kind: .activity, time: time, title: title, code: code,
                                product: "Google Play", position: position))
        }
        if docs.isEmpty {
            return .failure(SkipReason("an app without a title"))
        }
        return .success((events, notApps))
    }

    /// Installs and the library are apps when Google says `Android Apps`. A purchase or an order
    /// can also be an in-app item or a subscription, under type names we have not seen spelled
    /// out in a public sample, so for those only the store's media (books, films, TV, music,
    /// news) are set aside: a book called "The Gambler" is not a betting app.
    static func isApp(_ type: String, code: String) -> Bool {
        if code == "install" || code == "library" { return type == "Android Apps" }
        let lower = type.lowercased()
        return !["book", "movie", "film", "tv", "music", "album", "song", "magazine", "newspaper", "news"]
            .contains { lower.contains($0) }
    }
}
