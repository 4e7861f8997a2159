import StewardCore
import Formats

/// Bumble's Android chat database, `ChatComDatabase` (in the app's private folder,
/// /data/data/com.bumble.app/databases/, docs/formats/dating.md "Bumble"): copied off a rooted
/// phone or out of an Android backup. Two tables are read:
/// - `conversation_info` (`user_id`, `user_name`): one row per match, the match's id and first name;
/// - `message` (`id`, `conversation_id` = the match's `user_id`, `created_timestamp` in
///   milliseconds since 1970 UTC, `is_incoming` 0/1, `payload_type`, `payload`: a JSON object
///   whose `text` holds the words of `TEXT` and `QUESTION_GAME` messages and whose `url` points
///   to the picture of `IMAGE` and `GIF` messages).
///
/// Unlike the emailed data downloads of Tinder and Hinge, the database holds both sides of each
/// chat: the match's messages are marked as authored by others. Detected by those tables and
/// columns in the schema, read through SQLite opened read-only and immutable. Rows are joined in
/// SQL and streamed, so no table is held in memory.
public struct BumbleChatDatabaseImporter: PathReadingImporter {
    public static let source = "bumble.chatcom"
    /// Longest payload read: a chat message's JSON is a few hundred bytes.
    static let maxPayloadBytes = 1 << 20
    /// Payload types whose `text` member holds the message's words.
    static let textTypes: Set<String> = ["TEXT", "QUESTION_GAME"]
    /// Payload types whose `url` is a picture: kept as messages without text (the URL names no
    /// words and is not reachable without the person's login).
    static let pictureTypes: Set<String> = ["IMAGE", "GIF"]
    static let messageColumns = ["id", "conversation_id", "created_timestamp", "is_incoming", "payload_type", "payload"]

    public init() {}

    public var id: String { Self.source }
    public var title: String { "Bumble Android chat database (ChatComDatabase)" }
    public var howToRequest: String {
        """
        The Bumble app keeps its chats in /data/data/com.bumble.app/databases/ChatComDatabase on \
        an Android phone. Copy it off a rooted phone (adb root, then adb pull that file, with \
        ChatComDatabase-wal beside it if there is one) or take it out of a full Android backup, and \
        scan the copy as a plain file (not inside a zip). Bumble's own e-mailed data download is not read.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        guard let schema = SQLiteSchemaTables.read(probe), schema.contains("conversation_info", "message") else { return nil }
        // `message` is a common table name (WhatsApp and Messages have one too): Bumble's
        // columns decide. On disk they come from the schema; in an archive only the head shows.
        if let diskPath = probe.diskPath {
            guard Self.hasBumbleColumns(diskPath) else { return nil }
        } else {
            guard ["payload_type", "is_incoming", "created_timestamp", "user_name"].allSatisfy({ ByteSearch.contains(probe.head, $0) })
            else { return nil }
        }
        return Detection(confidence: 0.95,
                         reason: "SQLite database with Bumble's conversation_info and message tables (payload_type, is_incoming, created_timestamp)")
    }

    static func hasBumbleColumns(_ path: String) -> Bool {
        do {
            let database = try ImmutableSQLiteInput(path: path)
            for column in messageColumns where try !database.hasColumn(column, in: "message") { return false }
            return try database.hasColumn("user_id", in: "conversation_info")
                && database.hasColumn("user_name", in: "conversation_info")
        } catch {
            return false
        }
    }

    public func read(diskPath: String, probe: FileProbe, into sink: EventSink) throws(ParseError) {
        let database = try ImmutableSQLiteInput(path: diskPath)
        database.warnAboutWriteAheadLog(sink)
        guard try database.hasTable("message"), try database.hasTable("conversation_info") else {
            throw ParseError("no message or conversation_info table: not Bumble's ChatComDatabase")
        }
        // The match's name from conversation_info; a conversation without a row there keeps its id.
        let query = """
            SELECT m.rowid, m.conversation_id, m.created_timestamp, m.is_incoming, m.payload_type, m.payload,
                   (SELECT c.user_name FROM conversation_info c WHERE c.user_id = m.conversation_id LIMIT 1)
            FROM message m ORDER BY m.rowid
            """
        var otherTypes: Set<String> = []
        try database.forEachRow(query) { row in
            let rowid = row.int64(0)
            let position = SourcePosition(record: Int(rowid), pointer: "/message/\(rowid)")
            guard !row.isNull(2), row.int64(2) > 0 else {
                sink.skip("no created_timestamp", at: position)
                return
            }
            let time: Timestamp
            do throws(UntrustedNumberError) {
                time = try UntrustedTime.timestamp(row.int64(2), unit: .milliseconds, since: .unix1970, field: "created_timestamp")
            } catch {
                sink.skip(error.description, at: position)
                return
            }
            guard !row.isNull(3) else {
                sink.skip("no is_incoming", at: position)
                return
            }
            let type = row.text(4).flatMap { $0.isEmpty ? nil : $0 } ?? "UNKNOWN"
            var text: String?
            if Self.textTypes.contains(type) {
                let payload: Payload = row.isNull(5) ? .missing
                    : row.blob(5, maxBytes: Self.maxPayloadBytes).map(Payload.bytes) ?? .tooLong
                switch Self.text(of: payload) {
                case .success(let words): text = words
                case .failure(let reason):
                    sink.skip(reason.text, at: position)
                    return
                }
            } else if !Self.pictureTypes.contains(type) {
                otherTypes.insert(type)
            }
            let conversation = row.text(1).flatMap { $0.isEmpty ? nil : $0 }
            let name = row.text(6).flatMap { $0.isEmpty ? nil : $0 }
            sink.emit(Event(source: Self.source, kind: .message, time: time, text: text,
                            counterparty: name ?? conversation, code: type.lowercased(), product: "Bumble",
                            authoredByOthers: row.int64(3) != 0, position: position))
        }
        if !otherTypes.isEmpty {
            sink.warn("Bumble message types kept without text: \(otherTypes.sorted().joined(separator: ", "))")
        }
    }

    struct SkipReason: RecordSkipReason, Error {
        let text: String
        init(_ text: String) { self.text = text }
    }

    /// A message row's payload column as read.
    enum Payload {
        case missing
        case tooLong
        case bytes([UInt8])
    }

    /// The words of a text message's payload (`{"text": "…"}`); an empty text is nil.
    static func text(of payload: Payload) -> Result<String?, SkipReason> {
        let bytes: [UInt8]
        switch payload {
        case .missing: return .failure(SkipReason("a text message without payload"))
        case .tooLong: return .failure(SkipReason("payload longer than \(maxPayloadBytes) bytes"))
        case .bytes(let read): bytes = read
        }
        let value: JSONValue
        do throws(JSONValueParser.SyntaxError) {
            value = try JSONValueParser.parse(bytes, maxDepth: 16)
        } catch {
            return .failure(SkipReason("payload is not JSON: \(error.description)"))
        }
        guard value.objectMembers != nil else { return .failure(SkipReason("payload is not a JSON object")) }
        guard let words = value["text"]?.stringValue else { return .failure(SkipReason("a text message whose payload has no text")) }
        return .success(words.isEmpty ? nil : words)
    }
}
