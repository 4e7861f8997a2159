import StewardCore
import Formats

/// Tinder's data download (`data.json` in myData.zip, docs/formats/dating.md), streamed: one
/// object whose `Usage` holds daily counts by metric (`"app_opens": {"2024-03-01": 7, …}`,
/// `swipes_likes`, `swipes_passes`, `superlikes`, `matches`, `messages_sent`,
/// `messages_received`) and whose `Messages` lists each match with the messages the person sent
/// (`{"match_id": "Match 12", "messages": [{"to": 12, "from": "You", "message": "…",
/// "sent_date": "Tue, 30 Nov 2021 05:08:21 GMT"}]}`). The keys come in any order; `Messages`
/// usually precedes `Usage`, so both are read in one pass by two walkers.
///
/// - One `activity` event per metric and day with a count above zero: `code` = the metric,
///   `quantity` = the count, `text` = "7 app opens", `time` = the day (date only). Days with
///   0 say nothing and are not emitted. `advertising_id` and `idfa` are device identifiers,
///   not counts: never read. Other metrics are named in one warning.
/// - One `message` event per message: `text` = the message with HTML references decoded
///   (Tinder writes `don&rsquo;t`), `counterparty` = the match's label, `time` = sent_date.
///   The download holds only the person's own messages. GIFs and gestures without text are
///   counted as messages with their type as the title.
struct TinderDataParser: ExportParser {
    static let source = "tinder.data"

    /// The daily-count metrics and how a count of them reads.
    static let metrics: [String: (one: String, many: String)] = [
        "app_opens": ("app open", "app opens"),
        "swipes_likes": ("like (right swipe)", "likes (right swipes)"),
        "swipes_passes": ("pass (left swipe)", "passes (left swipes)"),
        "superlikes": ("super like", "super likes"),
        "matches": ("match", "matches"),
        "messages_sent": ("message sent", "messages sent"),
        "messages_received": ("message received", "messages received"),
    ]
    /// Usage lists that identify the device for advertising: not the person's activity.
    static let identifiers: Set<String> = ["advertising_id", "idfa"]

    /// One pass for both: the Messages list (target 0) and the Usage counts (value target 0).
    private var walker = JSONPathWalker(targets: [["Messages"]], valueTargets: [["Usage", "*", "*"]], maxValueBytes: 4096)
    private var unknownMetrics: Set<String> = []

    init() {}

    // Each output is handled as the walker hands it over (its bytes are valid only then), with
    // the unknown-list names kept in a local copy while `walker` is being mutated.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var unknown = unknownMetrics
        walker.feed(chunk) { Self.handle($0, unknownMetrics: &unknown, into: sink) }
        unknownMetrics = unknown
    }

    mutating func finish(into sink: EventSink) throws(ParseError) {
        var unknown = unknownMetrics
        walker.finish { Self.handle($0, unknownMetrics: &unknown, into: sink) }
        unknownMetrics = unknown
        if !unknownMetrics.isEmpty {
            sink.warn("Usage lists not read: \(unknownMetrics.sorted().joined(separator: ", "))")
        }
    }

    private static func handle(_ output: JSONPathWalker.Output, unknownMetrics: inout Set<String>, into sink: EventSink) {
        switch output {
        case .skippedValue(_, let keys, let reason):
            sink.skip(reason, at: SourcePosition(pointer: JSONPointer.path(keys)))
        case .element, .skipped:
            Self.handleMatch(output, into: sink)
        case .value(_, let keys, let bytes):
            let metric = keys[1], day = keys[2]
            if identifiers.contains(metric) { return }
            guard let words = metrics[metric] else {
                unknownMetrics.insert(metric)
                return
            }
            let position = SourcePosition(pointer: JSONPointer.path(keys))
            guard let time = Timestamp.parseISO8601(day.utf8), time.dateOnly else {
                sink.skip("unreadable day \(QuotedValue.describe(day))", at: position)
                return
            }
            let text = String(decoding: bytes, as: UTF8.self)
            guard let count = Int(text), count >= 0, count < 1_000_000 else {
                sink.skip("unreadable count \(QuotedValue.describe(text))", at: position)
                return
            }
            guard count > 0 else { return }
            sink.emit(Event(source: Self.source, kind: .activity, time: time,
                            text: "\(count) \(count == 1 ? words.one : words.many)", counterparty: "Tinder",
                            code: metric, product: "Tinder", position: position, quantity: Double(count), unit: "count"))
        }
    }

    private static func handleMatch(_ output: JSONPathWalker.Output, into sink: EventSink) {
        switch output {
        case .skipped(_, _, let index, let reason):
            sink.skip(reason, at: .record(index, pointer: "/Messages/\(index)"))
        case .value, .skippedValue:
            return
        case .element(_, _, let index, let bytes):
            let position = SourcePosition.record(index, pointer: "/Messages/\(index)")
            let match: JSONValue
            do {
                match = try JSONValueParser.parse(Array(bytes))
            } catch {
                sink.skip(error.description, at: position)
                return
            }
            guard let list = match["messages"]?.arrayValue else {
                sink.skip("a match without a list of messages", at: position)
                return
            }
            let label = match["match_id"]?.stringValue ?? "Match \(index + 1)"
            for (m, message) in list.enumerated() {
                let at = SourcePosition.record(index, pointer: "/Messages/\(index)/messages/\(m)")
                guard let sent = message["sent_date"]?.stringValue else {
                    sink.skip("a message without sent_date", at: at)
                    continue
                }
                guard let time = parseSentDate(sent) else {
                    sink.skip("unreadable sent_date \(QuotedValue.describe(sent))", at: at)
                    continue
                }
                let raw = message["message"]?.stringValue ?? ""
                let text = String(decoding: HTMLCharacterReference.decode(Array(raw.utf8)), as: UTF8.self)
                let type = message["type"]?.stringValue ?? message["type"]?.numberText
                // A GIF or gesture has its type and no words; "1" is Tinder's code for plain text.
                let title = type.flatMap { $0 == "1" || $0.isEmpty ? nil : $0 }
                sink.emit(Event(source: source, kind: .message, time: time, text: text.isEmpty ? nil : text,
                                title: title, counterparty: label, product: "Tinder", position: at))
            }
        }
    }

    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Tue, 30 Nov 2021 05:08:21 GMT` (RFC 1123, as Tinder writes sent_date), or ISO 8601.
    static func parseSentDate(_ text: String) -> Timestamp? {
        if let iso = Timestamp.parseISO8601(text.utf8), !iso.dateOnly { return iso }
        let parts = text.split(separator: " ")
        guard parts.count == 6, parts[0].hasSuffix(","), let day = Int(parts[1]),
              let month = months.firstIndex(of: String(parts[2])), let year = Int(parts[3]) else { return nil }
        let clock = parts[4].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3, ["GMT", "UTC", "+0000", "Z"].contains(String(parts[5])) else { return nil }
        return Timestamp(year: year, month: month + 1, day: day, hour: clock[0], minute: clock[1], second: clock[2],
                         utcOffsetSeconds: 0)
    }
}
