import CSQLite
import StewardCore
import Formats

/// WhatsApp for Android's message database `msgstore.db`, once decrypted (the phone keeps it
/// encrypted as msgstore.db.crypt14/15; steward does not decrypt). Two schemas exist:
/// - legacy (until about 2021): one `messages` table with `key_remote_jid` (the chat),
///   `key_from_me`, `data` (text) and `timestamp` (ms since the epoch, UTC);
/// - current: `message` (`chat_row_id`, `from_me`, `text_data`, `timestamp`,
///   `sender_jid_row_id`) joined to `chat` (`jid_row_id`, `subject`) and `jid` (`raw_string`).
/// Detected by the table names in the database's first page (the schema table lives there),
/// read through SQLite opened read-only and immutable, so no -wal/-shm file appears beside it.
public struct WhatsAppMsgstoreImporter: PathReadingImporter {
    public static let source = "whatsapp.msgstore"

    public init() {}

    public var id: String { Self.source }
    public var title: String { "WhatsApp Android message database (msgstore.db, decrypted)" }
    public var howToRequest: String {
        """
        WhatsApp keeps msgstore.db encrypted on the phone (Databases/msgstore.db.crypt14 or .crypt15). \
        Decrypting it needs the backup key (a rooted phone or the 64-digit end-to-end backup key) and a \
        tool such as wa-crypt-tools; scan the decrypted msgstore.db as a plain file (not inside a zip). \
        Without that, use Settings → Chats → Chat history → Export chat instead (whatsapp.chat).
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        let head = probe.head
        guard head.starts(with: Self.sqliteMagic) else { return nil }
        // The CREATE TABLE statements of the first page; a schema spilling past 64 KiB is rare.
        if ByteSearch.contains(head, "key_remote_jid") && ByteSearch.contains(head, "key_from_me") {
            return Detection(confidence: 0.95, reason: "SQLite database with WhatsApp's legacy messages table (key_remote_jid, key_from_me)")
        }
        if ByteSearch.contains(head, "CREATE TABLE message ") || ByteSearch.contains(head, "CREATE TABLE message(") || ByteSearch.contains(head, "CREATE TABLE \"message\"") {
            if ByteSearch.contains(head, "chat_row_id") && ByteSearch.contains(head, "from_me") && ByteSearch.contains(head, "raw_string") {
                return Detection(confidence: 0.9, reason: "SQLite database with WhatsApp's message, chat and jid tables")
            }
        }
        return nil
    }

    public func read(diskPath: String, probe: FileProbe, into sink: EventSink) throws(ParseError) {
        let database = try ImmutableSQLiteInput(path: diskPath)
        database.warnAboutWriteAheadLog(sink)
        if try database.hasTable("messages"), try database.hasColumn("key_remote_jid", in: "messages") {
            try readLegacy(database, into: sink)
        } else if try database.hasTable("message"), try database.hasTable("chat"), try database.hasTable("jid") {
            try readCurrent(database, into: sink)
        } else {
            throw ParseError("no WhatsApp messages table (neither messages.key_remote_jid nor message/chat/jid)")
        }
    }

    /// Legacy schema. `key_remote_jid` "status@broadcast" holds status updates, and rows
    /// without text are media or system notices: both are kept (their times are activity),
    /// with the text left empty. Group messages name their author in `remote_resource`, which
    /// not every version has, so the chat's jid is the counterparty.
    private func readLegacy(_ database: ImmutableSQLiteInput, into sink: EventSink) throws(ParseError) {
        let query = "SELECT rowid, key_remote_jid, key_from_me, data, timestamp FROM messages ORDER BY rowid"
        try database.forEachRow(query) { row in
            emit(rowid: row.int64(0), chat: row.text(1), fromMe: row.int64(2), text: row.text(3),
                 timestampMillis: row.isNull(4) ? nil : row.int64(4), table: "messages", into: sink)
        }
    }

    /// Current schema: the chat's jid (or group subject) names the conversation.
    private func readCurrent(_ database: ImmutableSQLiteInput, into sink: EventSink) throws(ParseError) {
        let query = """
            SELECT message._id, COALESCE(chat.subject, jid.raw_string), message.from_me, message.text_data, message.timestamp
            FROM message LEFT JOIN chat ON chat._id = message.chat_row_id LEFT JOIN jid ON jid._id = chat.jid_row_id
            ORDER BY message._id
            """
        try database.forEachRow(query) { row in
            emit(rowid: row.int64(0), chat: row.text(1), fromMe: row.int64(2), text: row.text(3),
                 timestampMillis: row.isNull(4) ? nil : row.int64(4), table: "message", into: sink)
        }
    }

    private func emit(rowid: Int64, chat: String?, fromMe: Int64, text: String?, timestampMillis: Int64?,
                      table: String, into sink: EventSink) {
        let position = SourcePosition(record: Int(rowid), pointer: "/\(table)/\(rowid)")
        guard let millis = timestampMillis, millis > 0 else {
            sink.skip("no timestamp", at: position)
            return
        }
        // Epoch milliseconds in UTC; the phone's time zone is not stored with the message.
        let time: Timestamp
        do {
            time = try UntrustedTime.timestamp(millis, unit: .milliseconds, since: .unix1970, field: "timestamp")
        } catch {
            sink.skip(error.description, at: position)
            return
        }
        sink.emit(Event(source: Self.source, kind: .message, time: time,
                        text: text.flatMap { $0.isEmpty ? nil : $0 },
                        counterparty: chat.map(Self.displayName(ofJid:)),
                        authoredByOthers: fromMe == 0, position: position))
    }

    /// "436604444333@s.whatsapp.net" → "+436604444333"; group ids ("…@g.us") are kept.
    static func displayName(ofJid jid: String) -> String {
        if jid.hasSuffix("@s.whatsapp.net") { return "+" + jid.dropLast("@s.whatsapp.net".count) }
        return jid
    }

    static let sqliteMagic: [UInt8] = Array("SQLite format 3\u{0}".utf8)
}
