import StewardCore
import Formats

/// Discord's data package ("Request all of my Data", docs/formats/social.md "Discord"), three
/// files of it:
///
/// - `Messages/c<channel id>/messages.json`: `[{"ID": 1100…, "Timestamp": "2024-03-01 21:14:09",
///   "Contents": "…", "Attachments": "https://cdn.discordapp.com/…"}, …]`, streamed one message
///   at a time; older packages write the same columns as `messages.csv`
///   (`ID,Timestamp,Contents,Attachments`, times with an offset such as `+00:00`).
/// - `Servers/index.json`: `{"<server id>": "<server name>", …}`, the servers the person is in.
///
/// Messages become `message` events (`text` = Contents, `counterparty` = the channel's folder
/// name, `product` = `Discord`); the package holds only the person's own messages. A message
/// with attachments and no words has `title` "attachment" and no text; the attachment links are
/// not read. Servers become `activity` events (`title` = the server's name, `code` = `server`,
/// `product` = `Discord servers`) without a time: the index says which servers, not since when.
enum DiscordPackage {
    static let source = "discord.package"

    /// `c1234567890` from `…/Messages/c1234567890/messages.json`; nil when the file is elsewhere.
    static func channel(of path: String) -> String? {
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "!" })
        guard parts.count >= 2 else { return nil }
        let folder = parts[parts.count - 2]
        return folder.isEmpty ? nil : String(folder)
    }

    /// Discord writes `2024-03-01 21:14:09` (UTC, no zone) in messages.json and
    /// `2020-05-01 12:00:00.123000+00:00` in messages.csv.
    static func time(_ text: String) -> Timestamp? {
        guard var time = Timestamp.parseISO8601(text.utf8), !time.dateOnly else { return nil }
        if time.utcOffsetSeconds == nil { time.utcOffsetSeconds = 0 }
        return time
    }

    /// One message's event, or why not (nil reason and nil event: nothing to read).
    static func message(id: String?, timestamp: String?, contents: String?, attachments: String?, channel: String?,
                        position: SourcePosition) -> Result<Event?, DiscordSkipReason> {
        guard let timestamp, !timestamp.isEmpty else { return .failure(DiscordSkipReason("no timestamp")) }
        guard let time = time(timestamp) else {
            return .failure(DiscordSkipReason("unreadable timestamp \(QuotedValue.describe(timestamp))"))
        }
        let text = contents.flatMap { $0.isEmpty ? nil : $0 }
        let attached = attachments.map { !$0.trimmingSpaces().isEmpty } ?? false
        guard text != nil || attached else { return .success(nil) }
        return .success(Event(source: source, kind: .message, time: time, text: text,
                              title: text == nil ? "attachment" : nil, counterparty: channel,
                              code: id, product: "Discord", position: position))
    }
}

struct DiscordSkipReason: RecordSkipReason, Error {
    let text: String
    init(_ text: String) { self.text = text }
}

/// `messages.json` of one channel.
struct DiscordMessagesJSONParser: ExportParser {
    let channel: String?
    private var splitter = JSONArraySplitter()

    init(channel: String?) { self.channel = channel }

    mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        let channel = self.channel
        try splitter.feed(chunk) { output throws(ParseError) in Self.handle(output, channel: channel, into: sink) }
    }

    mutating func finish(into sink: EventSink) throws(ParseError) {
        let channel = self.channel
        try splitter.finish { output throws(ParseError) in Self.handle(output, channel: channel, into: sink) }
        if splitter.elementCount == 0 && !splitter.arrayClosed {
            throw ParseError("not a JSON array of Discord messages")
        }
    }

    private static func handle(_ output: JSONArraySplitter.Output, channel: String?, into sink: EventSink) {
        JSONRecordDelivery.forEachValue(output, pointerPrefix: "", keys: ["ID", "Timestamp", "Contents", "Attachments"],
                                        into: sink) { value, _, position in
            guard case .object = value else {
                sink.skip("not an object", at: position)
                return
            }
            let id = value["ID"]?.stringValue ?? value["ID"]?.numberText
            switch DiscordPackage.message(id: id, timestamp: value["Timestamp"]?.stringValue,
                                          contents: value["Contents"]?.stringValue,
                                          attachments: value["Attachments"]?.stringValue, channel: channel, position: position) {
            case .success(let event?): sink.emit(event)
            case .success(nil): return
            case .failure(let reason): sink.skip(reason.text, at: position)
            }
        }
    }
}

/// `messages.csv` of one channel (older packages).
struct DiscordMessagesRowMapper: CSVRowMapper {
    static let required = ["id", "timestamp", "contents"]
    var requiredColumns: [String] { Self.required }
    let channel: String?

    mutating func map(_ row: CSVRow, into sink: EventSink) {
        // Contents keep their own spacing: the row subscript trims, so read the raw field.
        let contents = row.columns["contents"].flatMap { $0 < row.fields.count ? row.fields[$0] : nil }
        switch DiscordPackage.message(id: row["id"], timestamp: row["timestamp"], contents: contents,
                                      attachments: row["attachments"], channel: channel, position: row.position) {
        case .success(let event?): sink.emit(event)
        case .success(nil): return
        case .failure(let reason): sink.skip(reason.text, at: row.position)
        }
    }

    mutating func finish(into sink: EventSink) {}
}

/// `Servers/index.json`: server id → name.
struct DiscordServerIndexParser: ExportParser {
    private var walker = JSONPathWalker(targets: [], valueTargets: [["*"]], maxValueBytes: 4096)
    private var servers = 0

    init() {}

    // Each output is handled as the walker hands it over (its bytes are valid only then), with
    // the count kept in a local copy while `walker` is being mutated.
    mutating func feed(_ chunk: UnsafeRawBufferPointer, into sink: EventSink) throws(ParseError) {
        var servers = self.servers
        walker.feed(chunk) { Self.handle($0, servers: &servers, into: sink) }
        self.servers = servers
    }

    mutating func finish(into sink: EventSink) throws(ParseError) {
        var servers = self.servers
        walker.finish { Self.handle($0, servers: &servers, into: sink) }
        self.servers = servers
    }

    private static func handle(_ output: JSONPathWalker.Output, servers: inout Int, into sink: EventSink) {
        switch output {
        case .element, .skipped:
            return  // no array targets
        case .skippedValue(_, let keys, let reason):
            sink.skip(reason, at: SourcePosition(record: servers, pointer: JSONPointer.path(keys)))
            servers += 1
        case .value(_, let keys, let bytes):
            let position = SourcePosition(record: servers, pointer: JSONPointer.path(keys))
            servers += 1
            guard let name = (try? JSONValueParser.parse(Array(bytes)))?.stringValue, !name.isEmpty else {
                sink.skip("a server without a name", at: position)
                return
            }
            sink.emit(Event(source: DiscordPackage.source, kind: .activity, title: name, code: "server",
                            product: "Discord servers", position: position))
        }
    }
}
