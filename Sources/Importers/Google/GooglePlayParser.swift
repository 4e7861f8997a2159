import StewardCore
import Formats

/// Google Play Store in Takeout (docs/formats/google.md, "Google Play"): `Installs.json`,
/// `[{"install": {"doc": {"documentType": "Android Apps", "title": "…"},
/// "firstInstallationTime": "2020-05-25T03:11:53.055Z", "deviceAttribute": {…},
/// "lastUpdateTime": "…"}}, …]`, and `Library.json`, `[{"libraryDoc": {"doc": {"documentType":
/// "Android Apps", "title": "…"}, "acquisitionTime": "…"}}, …]`, streamed one entry at a time.
///
/// One `activity` event per app: `title` = the app's name as the store lists it (what the
/// app-name rules read), `code` = `install` or `library`, `time` = the first installation or
/// acquisition, `product` = `Google Play`. The device's make and model are not read: they say
/// which phone, not what the person does. Library entries that are not apps (books, films)
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
            sink.warn("\(notApps) library item(s) that are not apps (books, films, …) were not read")
        }
    }

    struct SkipReason: RecordSkipReason, Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    private static func handle(_ output: JSONArraySplitter.Output, notApps: inout Int, into sink: EventSink) {
        JSONRecordDelivery.forEachValue(output, pointerPrefix: "", keys: nil, into: sink) { value, _, position in
            switch event(value, position: position) {
            case .success(let event?): sink.emit(event)
            case .success(nil): notApps += 1
            case .failure(let reason): sink.skip(reason.text, at: position)
            }
        }
    }

    /// The entry's event; nil for a library item that is not an app.
    static func event(_ value: JSONValue, position: SourcePosition) -> Result<Event?, SkipReason> {
        let entry: JSONValue
        let code: String
        let timeKey: String
        if let install = value["install"] {
            (entry, code, timeKey) = (install, "install", "firstInstallationTime")
        } else if let library = value["libraryDoc"] {
            (entry, code, timeKey) = (library, "library", "acquisitionTime")
        } else {
            return .failure(SkipReason("neither an install nor a library entry"))
        }
        if let type = entry["doc"]?["documentType"]?.stringValue, type != "Android Apps" { return .success(nil) }
        guard let title = entry["doc"]?["title"]?.stringValue, !title.isEmpty else {
            return .failure(SkipReason("an app without a title"))
        }
        var time: Timestamp?
        if let text = entry[timeKey]?.stringValue {
            guard let parsed = Timestamp.parseISO8601(text.utf8) else {
                return .failure(SkipReason("unreadable time \(QuotedValue.describe(text))"))
            }
            time = parsed
        }
        return .success(Event(source: source, kind: .activity, time: time, title: title, code: code,
                              product: "Google Play", position: position))
    }
}
