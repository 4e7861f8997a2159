import StewardCore
import Formats

/// ChatGPT's `conversations.json` (Settings → Data controls → Export data), streamed one
/// conversation at a time: `[{"title": …, "create_time": 1700000000.1, "mapping": {"<node id>":
/// {"message": {"author": {"role": "user"}, "create_time": …, "content": {"content_type":
/// "text", "parts": ["…"]}}, "parent": …, "children": […]}, …}}, …]`.
///
/// One `search` event per message the person wrote (`author.role` "user"): what someone asks an
/// assistant reads like what they type into a search box, only longer and in the first person
/// ("my landlord is taking me to court", "symptoms after the second IVF transfer"), so the search
/// rules read it. The assistant's answers, system and tool messages are not the person's words and
/// are not read. Text parts only: images and files in `multimodal_text` parts are objects and are
/// skipped. Messages come out in time order within their conversation (the mapping is a tree keyed
/// by random ids), each at `record N (/N/mapping/<node id>)`.
public struct ChatGPTConversationsParser: ExportParser {
    public static let source = "openai.chatgpt"

    /// A conversation with a long pasted document is one element: allowed larger than the
    /// splitter's default, still bounded.
    private var splitter = JSONArraySplitter(maxElementBytes: 64 << 20)
    private var conversations = 0

    public init() {}

    public mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        try splitter.feed(chunk) { output throws(ParseError) in Self.handle(output, into: sink) }
    }

    public mutating func finish(into sink: EventSink) throws(ParseError) {
        try splitter.finish { output throws(ParseError) in Self.handle(output, into: sink) }
        if splitter.elementCount == 0 && !splitter.arrayClosed {
            throw ParseError("not a JSON array of conversations")
        }
    }

    private static func handle(_ output: JSONArraySplitter.Output, into sink: EventSink) {
        JSONRecordDelivery.forEachValue(output, pointerPrefix: "", keys: nil, into: sink) { value, index, position in
            switch messages(in: value, index: index) {
            case .success(let events): events.forEach(sink.emit)
            case .failure(let reason): sink.skip(reason.text, at: position)
            }
        }
    }

    struct SkipReason: RecordSkipReason, Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// The person's messages of one conversation, in time order (then by node id).
    static func messages(in conversation: JSONValue, index: Int) -> Result<[Event], SkipReason> {
        guard case .object = conversation else { return .failure(SkipReason("not an object")) }
        guard let nodes = conversation["mapping"]?.objectMembers else {
            return .failure(SkipReason("no mapping of messages"))
        }
        let title = conversation["title"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        let started = try? time(conversation["create_time"], field: "create_time")
        var found: [(time: Timestamp?, id: String, event: Event)] = []
        for node in nodes {
            let message = node.value["message"]
            guard message?["author"]?["role"]?.stringValue == "user" else { continue }
            let parts = message?["content"]?["parts"]?.arrayValue ?? []
            let text = parts.compactMap(\.stringValue).filter { !$0.isEmpty }.joined(separator: "\n")
            guard !text.isEmpty else { continue }
            // A message without its own time (older exports) takes its conversation's.
            let when: Timestamp?
            do { when = try time(message?["create_time"], field: "create_time") ?? started } catch {
                return .failure(SkipReason("message \(found.count + 1): \(error.description)"))
            }
            let position = SourcePosition.record(index, pointer: "/\(index)/mapping/\(node.key)")
            found.append((when, node.key, Event(source: source, kind: .search, time: when, text: text, title: title,
                                                product: "ChatGPT", position: position)))
        }
        found.sort { ($0.time?.epochSeconds ?? .max, $0.id) < ($1.time?.epochSeconds ?? .max, $1.id) }
        return .success(found.map(\.event))
    }

    /// Seconds since 1970 with a fraction, as ChatGPT writes them; nil when absent or null.
    private static func time(_ value: JSONValue?, field: String) throws(UntrustedNumberError) -> Timestamp? {
        guard let value, value != .null else { return nil }
        guard let seconds = value.doubleValue else {
            throw UntrustedNumberError(field: field, value: nil, problem: .notAnInteger)
        }
        return try UntrustedTime.timestamp(floating: seconds, unit: .seconds, since: .unix1970, field: field)
    }
}
