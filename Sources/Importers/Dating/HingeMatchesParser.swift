import StewardCore
import Formats

/// Hinge's `matches.json` (Settings → Download My Data, docs/formats/dating.md), streamed one
/// thread at a time: a top-level array with one object per profile the person interacted with,
/// holding lists of what happened, each entry with a `timestamp` (`2024-03-01 20:15:09` or
/// `2024-03-01T20:15:09`, no zone): `like` (the person liked the profile, an inner `like` list
/// may carry the comment sent with it), `match`, `chats` (messages the person sent: `body`),
/// `voice_notes`, `we_met` (the answer to "did you meet?": `did_meet_subject`) and `block`
/// (the person removed the profile). The download holds only the person's own side.
///
/// One event per entry, `counterparty` = `profile N` (the thread's place in the file: Hinge
/// gives no name): `message` for chats (the body as `text`) and voice notes, `activity` for the
/// rest, with the entry's list name in `code` and what happened in `title`. Lists this parser
/// does not know are named in one warning at the end, so format drift shows.
struct HingeMatchesParser: ExportParser {
    static let source = "hinge.matches"
    static let known: Set<String> = ["like", "match", "chats", "voice_notes", "we_met", "block"]

    private var splitter = JSONArraySplitter()
    private var unknownLists: Set<String> = []

    init() {}

    mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var unknown = unknownLists
        try splitter.feed(chunk) { output throws(ParseError) in Self.handle(output, unknown: &unknown, into: sink) }
        unknownLists = unknown
    }

    mutating func finish(into sink: EventSink) throws(ParseError) {
        var unknown = unknownLists
        try splitter.finish { output throws(ParseError) in Self.handle(output, unknown: &unknown, into: sink) }
        unknownLists = unknown
        if splitter.elementCount == 0 && !splitter.arrayClosed {
            throw ParseError("not a JSON array of Hinge threads")
        }
        if !unknownLists.isEmpty {
            sink.warn("Hinge lists not read: \(unknownLists.sorted().joined(separator: ", "))")
        }
    }

    private static func handle(_ output: JSONArraySplitter.Output, unknown: inout Set<String>, into sink: EventSink) {
        JSONRecordDelivery.forEachValue(output, pointerPrefix: "", keys: nil, into: sink) { thread, index, position in
            guard let members = thread.objectMembers else {
                sink.skip("not an object", at: position)
                return
            }
            let who = "profile \(index + 1)"
            for member in members {
                guard Self.known.contains(member.key) else {
                    unknown.insert(member.key)
                    continue
                }
                guard let entries = member.value.arrayValue else {
                    sink.skip("\(member.key) is not a list", at: position)
                    continue
                }
                for (e, entry) in entries.enumerated() {
                    let at = SourcePosition.record(index, pointer: "/\(index)/\(member.key)/\(e)")
                    switch Self.event(list: member.key, entry: entry, who: who, at: at) {
                    case .success(let event): sink.emit(event)
                    case .failure(let reason): sink.skip(reason.text, at: at)
                    }
                }
            }
        }
    }

    struct SkipReason: RecordSkipReason, Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    static func event(list: String, entry: JSONValue, who: String, at position: SourcePosition) -> Result<Event, SkipReason> {
        guard let stamp = entry["timestamp"]?.stringValue else { return .failure(SkipReason("no timestamp")) }
        guard let time = Timestamp.parseISO8601(stamp.utf8), !time.dateOnly else {
            return .failure(SkipReason("unreadable timestamp \(QuotedValue.describe(stamp))"))
        }
        var kind = EventKind.activity
        var text: String?
        let title: String
        switch list {
        case "chats":
            kind = .message
            title = "message sent"
            text = entry["body"]?.stringValue
        case "voice_notes":
            kind = .message
            title = "voice note sent"
        case "like":
            title = "liked the profile"
            // The comment sent with a like sits in the inner list (one per liked photo or prompt).
            let comments = (entry["like"]?.arrayValue ?? []).compactMap { $0["comment"]?.stringValue }.filter { !$0.isEmpty }
            text = comments.isEmpty ? nil : comments.joined(separator: "\n")
        case "match":
            title = "matched"
        case "we_met":
            let answer = entry["did_meet_subject"]
            let said = answer?.stringValue ?? answer?.boolValue.map { $0 ? "Yes" : "No" } ?? "no answer"
            title = "answered \"did you meet?\": \(said)"
        default:
            let type = entry["block_type"]?.stringValue
            title = type.map { "removed the profile (\($0))" } ?? "removed the profile"
        }
        return .success(Event(source: source, kind: kind, time: time, text: text.flatMap { $0.isEmpty ? nil : $0 },
                              title: title, counterparty: who, code: list, product: "Hinge", position: position))
    }
}
