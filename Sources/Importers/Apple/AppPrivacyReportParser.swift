import StewardCore
import Formats

/// The App Privacy Report an iPhone saves from Settings → Privacy & Security → App Privacy
/// Report → Share (`App_Privacy_Report_v4_<time>.ndjson`; docs/formats/apple.md): one JSON
/// object per line, the last seven days of the phone.
///
///     {"accessor":{"identifier":"com.example.app","identifierType":"bundleID"},"category":"location",
///      "identifier":"<UUID>","kind":"intervalBegin","timeStamp":"2024-06-03T21:14:02.331+02:00","type":"access"}
///     {"domain":"graph.example.net","firstTimeStamp":"…","context":"","timeStamp":"…","domainType":1,
///      "initiatedType":"AppInitiated","hits":12,"type":"networkActivity","domainOwner":"Example Inc.",
///      "bundleID":"com.example.app"}
///
/// Streamed line by line; what it emits:
/// - One `activity` event per app (bundle id) that accessed a resource or the network, at the
///   end of the file in the order the apps first appear: `title` = the bundle id (the only name
///   the report gives; the app-name rules match its words), `code` `app`, `time`/`endTime` the
///   first and last time seen, `quantity` the network hits, and `text` what it did: how many
///   domains it contacted, which of them Apple classes as collecting data across apps and sites
///   (`domainType` 1; the first five named), and how often it began to use each resource.
/// - One `page_view` event per site a person opened in a browser or an in-app browser: a
///   `networkActivity` line with `initiatedType` `NonAppInitiated`, `url` its `context` (the
///   website, when given) or else its `domain`, once per app and site.
/// Memory grows with the number of apps and sites, not with the lines.
struct AppPrivacyReportParser: ExportParser {
    static let source = "apple.app_privacy_report"
    static let maxLine = 64 * 1024
    static let namedTrackers = 5

    struct App {
        var line: Int
        var first: Timestamp?
        var last: Timestamp?
        var hits = 0
        var domains = 0
        var trackers: [String] = []
        var trackerCount = 0
        var accesses: [(category: String, count: Int)] = []
    }

    struct State {
        var order: [String] = []
        var apps: [String: App] = [:]
        var sites: Set<String> = []
        var sawObjectLine = false
        var otherTypes = 0

        mutating func app(_ id: String, line: Int) -> App { apps[id] ?? App(line: line) }

        mutating func store(_ id: String, _ app: App) {
            if apps[id] == nil { order.append(id) }
            apps[id] = app
        }

        mutating func line(_ bytes: ArraySlice<UInt8>, _ number: Int, _ cut: Bool, _ sink: EventSink) {
            guard bytes.contains(where: { !JSONPathWalker.isSpace($0) }) else { return }
            let position = SourcePosition(line: number)
            guard !cut else { return sink.skip("a line too long to read", at: position) }
            guard let value = try? bytes.withUnsafeBytes({ raw throws(JSONValueParser.SyntaxError) in try JSONValueParser.parse(raw) }),
                  value.objectMembers != nil else {
                return sink.skip("not an object", at: position)
            }
            sawObjectLine = true
            switch value["type"]?.stringValue {
            case "access": access(value, position, sink)
            case "networkActivity": network(value, position, sink)
            default: otherTypes += 1
            }
        }

        static func time(_ value: JSONValue, _ key: String) -> Result<Timestamp?, AppPrivacyReportParser.SkipReason> {
            guard let text = value[key]?.stringValue else { return .success(nil) }
            guard let time = Timestamp.parseISO8601(text.utf8), !time.dateOnly else {
                return .failure(SkipReason("unreadable time \(QuotedValue.describe(text))"))
            }
            return .success(time)
        }

        static func widen(_ app: inout App, _ time: Timestamp?) {
            guard let time else { return }
            if app.first.map({ time.epochSeconds < $0.epochSeconds }) ?? true { app.first = time }
            if app.last.map({ time.epochSeconds > $0.epochSeconds }) ?? true { app.last = time }
        }

        mutating func access(_ value: JSONValue, _ position: SourcePosition, _ sink: EventSink) {
            guard let id = value["accessor"]?["identifier"]?.stringValue, !id.isEmpty else {
                return sink.skip("an access without the app that made it", at: position)
            }
            guard let category = value["category"]?.stringValue, !category.isEmpty else {
                return sink.skip("an access without a category", at: position)
            }
            let time: Timestamp?
            switch Self.time(value, "timeStamp") {
            case .success(let t): time = t
            case .failure(let reason): return sink.skip(reason.text, at: position)
            }
            var app = app(id, line: position.line ?? 0)
            Self.widen(&app, time)
            // Each access is a pair of lines (intervalBegin, intervalEnd): count the beginnings.
            if value["kind"]?.stringValue != "intervalEnd" {
                if let i = app.accesses.firstIndex(where: { $0.category == category }) {
                    app.accesses[i].count += 1
                } else {
                    app.accesses.append((category, 1))
                }
            }
            store(id, app)
        }

        mutating func network(_ value: JSONValue, _ position: SourcePosition, _ sink: EventSink) {
            guard let id = value["bundleID"]?.stringValue, !id.isEmpty else {
                return sink.skip("network activity without the app that made it", at: position)
            }
            guard let domain = value["domain"]?.stringValue, !domain.isEmpty else {
                return sink.skip("network activity without a domain", at: position)
            }
            var first: Timestamp?
            var last: Timestamp?
            switch (Self.time(value, "firstTimeStamp"), Self.time(value, "timeStamp")) {
            case (.success(let a), .success(let b)): (first, last) = (a, b)
            case (.failure(let reason), _), (_, .failure(let reason)): return sink.skip(reason.text, at: position)
            }
            let hits = value["hits"]?.int64Value.map { Int(clamping: max(0, $0)) } ?? 0
            var app = app(id, line: position.line ?? 0)
            Self.widen(&app, first)
            Self.widen(&app, last)
            app.hits += hits
            app.domains += 1
            if value["domainType"]?.int64Value == 1 {
                app.trackerCount += 1
                if app.trackers.count < AppPrivacyReportParser.namedTrackers { app.trackers.append(domain) }
            }
            store(id, app)
            guard value["initiatedType"]?.stringValue == "NonAppInitiated" else { return }
            let context = value["context"]?.stringValue ?? ""
            let site = context.isEmpty ? domain : context
            guard sites.insert(id + "\u{0}" + site).inserted else { return }
            sink.emit(Event(source: AppPrivacyReportParser.source, kind: .pageView, time: last ?? first, url: site,
                            product: id, position: position, quantity: hits > 0 ? Double(hits) : nil, unit: hits > 0 ? "hits" : nil))
        }
    }

    struct SkipReason: Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    private var lines = LineSplitter(maxLineLength: maxLine)
    private var state = State()

    init() {}

    mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var state = self.state
        defer { self.state = state }
        try lines.feed(chunk) { line, number, cut throws(ParseError) in state.line(line, number, cut, sink) }
    }

    mutating func finish(into sink: EventSink) throws(ParseError) {
        var state = self.state
        defer { self.state = state }
        try lines.finish { line, number, cut throws(ParseError) in state.line(line, number, cut, sink) }
        guard state.sawObjectLine else { throw ParseError("not an App Privacy Report (one JSON object per line)") }
        if state.otherTypes > 0 {
            sink.warn("\(state.otherTypes) line(s) of a type other than access and networkActivity were not read")
        }
        for id in state.order {
            guard let app = state.apps[id] else { continue }
            sink.emit(Event(source: Self.source, kind: .activity, time: app.first, endTime: app.last,
                            text: Self.summary(app), title: id, code: "app", product: "App Privacy Report",
                            position: SourcePosition(line: app.line), quantity: Double(app.hits), unit: "hits"))
        }
    }

    /// What the app did in the report's week, in words: `12 connections to 3 domains, 1 of them
    /// classed as tracking (graph.example.net); began using location 2×, contacts 1×`.
    static func summary(_ app: App) -> String {
        var parts: [String] = []
        if app.domains > 0 {
            var network = "\(app.hits) connections to \(app.domains) domains"
            if app.trackerCount > 0 {
                let more = app.trackerCount > app.trackers.count ? ", …" : ""
                network += ", \(app.trackerCount) of them classed as tracking (\(app.trackers.joined(separator: ", "))\(more))"
            }
            parts.append(network)
        }
        if !app.accesses.isEmpty {
            parts.append("began using " + app.accesses.map { "\($0.category) \($0.count)×" }.joined(separator: ", "))
        }
        return parts.joined(separator: "; ")
    }
}
