import StewardCore
import Formats

/// The Messages app's database on a Mac, `~/Library/Messages/chat.db` (docs/formats/messaging.md):
/// iMessage and the SMS a paired iPhone forwards. Tables: `message` (`ROWID`, `text`,
/// `attributedBody`, `handle_id`, `date`, `is_from_me`, `service`, `item_type`,
/// `associated_message_type`, `cache_has_attachments`), `handle` (`ROWID`, `id`: a phone number
/// or e-mail address), `chat` (`ROWID`, `chat_identifier`, `display_name`) and
/// `chat_message_join` (`chat_id`, `message_id`). Detected by those tables in the schema (the
/// file is often copied under another name; `sqlite_master` is read when the file is on
/// disk), read through SQLite opened read-only and immutable, like WhatsApp's msgstore.db.
///
/// `date` counts from 2001-01-01 UTC: in seconds until macOS 10.12, in nanoseconds since 10.13;
/// the magnitude tells which (a nanosecond count passes 10^12 in the first 17 minutes of 2001).
/// Since macOS 13 many messages keep their words only in `attributedBody`, an
/// NSAttributedString archived with NSArchiver (a "typedstream"): `IMessageAttributedBody`
/// takes the string out of it, or the message is kept without text.
public struct IMessageDatabaseImporter: PathReadingImporter {
    public static let source = "apple.imessage"
    /// `text` without U+FFFC, which stands in the text for each attachment. Most messages hold
    /// none, and are returned as they are without a search: Foundation's replacing (a
    /// locale-aware search per message) was a tenth of reading a chat.db (docs/performance.md).
    static func withoutAttachmentMarks(_ text: String) -> String {
        // U+FFFC is EF BF BC in UTF-8: no 0xBC byte, no mark.
        guard text.utf8.contains(0xBC) else { return text }
        var kept = String.UnicodeScalarView()
        kept.append(contentsOf: text.unicodeScalars.lazy.filter { $0 != "\u{FFFC}" })
        return String(kept)
    }

    /// Longest `attributedBody` read: a message's archive is a few hundred bytes.
    static let maxBodyBytes = 1 << 20

    public init() {}

    public var id: String { Self.source }
    public var title: String { "Apple Messages database (chat.db, iMessage and SMS on a Mac)" }
    public var howToRequest: String {
        """
        On a Mac signed in to iMessage: Finder → Go → Go to Folder → ~/Library/Messages, and copy \
        chat.db somewhere else (quit Messages first, or copy chat.db-wal beside it too). Terminal \
        needs Full Disk Access to read that folder. Scan the copy as a plain file (not inside a zip). \
        With "Messages in iCloud" on, the Mac holds the iPhone's messages as well.
        """
    }

    public func detect(_ probe: FileProbe) -> Detection? {
        // The table names from sqlite_master when the file is on disk: Messages has added
        // columns to `message` with every macOS release, and a schema entry rewritten by
        // ALTER TABLE can move to a page far past the probe's head.
        guard let schema = SQLiteSchemaTables.read(probe),
              schema.contains("message", "handle", "chat", "chat_message_join") else { return nil }
        return Detection(confidence: 0.95, reason: "SQLite database with Messages' message, handle, chat and chat_message_join tables")
    }

    public func read(diskPath: String, probe: FileProbe, into sink: EventSink) throws(ParseError) {
        let database = try ImmutableSQLiteInput(path: diskPath)
        database.warnAboutWriteAheadLog(sink)
        for table in ["message", "handle", "chat", "chat_message_join"] {
            guard try database.hasTable(table) else { throw ParseError("no \(table) table: not a Messages chat.db") }
        }
        // Columns added over the years: a missing one reads as NULL.
        func column(_ name: String) throws(ParseError) -> String {
            try database.hasColumn(name, in: "message") ? "m.\(name)" : "NULL"
        }
        let query = """
            SELECT m.ROWID, m.text, \(try column("attributedBody")), m.date, m.is_from_me, h.id,
                   c.display_name, c.chat_identifier, \(try column("item_type")), \(try column("associated_message_type")),
                   \(try column("cache_has_attachments"))
            FROM message m LEFT JOIN handle h ON h.ROWID = m.handle_id
            LEFT JOIN chat c ON c.ROWID = (SELECT j.chat_id FROM chat_message_join j WHERE j.message_id = m.ROWID LIMIT 1)
            ORDER BY m.ROWID
            """
        var reactions = 0
        var notices = 0
        var undecoded = 0
        try database.forEachRow(query) { row in
            let rowid = row.int64(0)
            let position = SourcePosition(record: Int(rowid), pointer: "/message/\(rowid)")
            // Tapbacks ("Loved “…”") quote another message; group notices (renames, members
            // joining) are no one's words: neither is a message.
            let associated = row.isNull(9) ? 0 : row.int64(9)
            if associated >= 2000 && associated < 4000 { reactions += 1; return }
            if !row.isNull(8) && row.int64(8) != 0 { notices += 1; return }
            let readable: Timestamp?
            do throws(UntrustedNumberError) {
                readable = row.isNull(3) ? nil : try Self.time(appleDate: row.int64(3))
            } catch {
                sink.skip(error.description, at: position)
                return
            }
            guard let time = readable else {
                sink.skip("no date", at: position)
                return
            }
            var text = row.text(1).flatMap { $0.isEmpty || $0 == "\u{FFFC}" ? nil : $0 }
            if text == nil, let body = row.blob(2, maxBytes: Self.maxBodyBytes), !body.isEmpty {
                text = IMessageAttributedBody.string(in: body)
                if text == nil { undecoded += 1 }
            }
            text = text.map(Self.withoutAttachmentMarks).flatMap { $0.isEmpty ? nil : $0 }
            let fromMe = row.int64(4) != 0
            let handle = row.text(5).flatMap { $0.isEmpty ? nil : $0 }
            let group = row.text(6).flatMap { $0.isEmpty ? nil : $0 }
            let chat = row.text(7).flatMap { $0.isEmpty ? nil : $0 }
            var event = Event(source: Self.source, kind: .message, time: time, text: text, title: group,
                              counterparty: fromMe ? (group ?? chat ?? handle) : (handle ?? group ?? chat),
                              product: "Messages", authoredByOthers: !fromMe, position: position)
            if !row.isNull(10) && row.int64(10) != 0 { event.code = "attachment" }
            sink.emit(event)
        }
        if reactions > 0 { sink.warn("\(reactions) tapback reaction(s) not read as messages (they quote another message)") }
        if notices > 0 { sink.warn("\(notices) group notice(s) not read (renames, members joining or leaving)") }
        if undecoded > 0 { sink.warn("\(undecoded) message(s) whose attributedBody could not be decoded were kept without text") }
    }

    /// `date` in seconds (before macOS 10.13) or nanoseconds since 2001-01-01 UTC; 0 is unset.
    static func time(appleDate raw: Int64) throws(UntrustedNumberError) -> Timestamp? {
        guard raw != 0 else { return nil }
        if raw > 1_000_000_000_000 || raw < -1_000_000_000_000 {
            return try UntrustedTime.timestamp(raw / 1_000_000_000, unit: .seconds, since: .apple2001, field: "date")
        }
        return try UntrustedTime.timestamp(raw, unit: .seconds, since: .apple2001, field: "date")
    }
}

/// The string of an NSAttributedString archived by NSArchiver (typedstream), as Messages stores
/// `attributedBody`: after the class name `NSString` (or `NSMutableString`) comes the type
/// `+` (bytes with a length), the length (one byte below 0x80; 0x81 then 2 bytes, 0x82 then
/// 4 bytes, little-endian) and the UTF-8 bytes. Anything else, a length past the end or bytes
/// that are not UTF-8 gives nil: the message is then kept without text.
enum IMessageAttributedBody {
    static func string(in blob: [UInt8]) -> String? {
        guard blob.count < IMessageDatabaseImporter.maxBodyBytes + 1 else { return nil }
        for className in ["NSString", "NSMutableString"] {
            let needle = Array(className.utf8)
            let found = blob.withUnsafeBytes { haystack in
                needle.withUnsafeBytes { ByteSearch.firstOffset(of: $0, in: haystack) }
            }
            guard let at = found else { continue }
            var i = at + className.utf8.count
            // Class version and the object's header: a few bytes before the `+` type tag.
            let limit = min(blob.count, i + 16)
            while i < limit && blob[i] != UInt8(ascii: "+") { i += 1 }
            guard i < limit else { continue }
            i += 1
            guard i < blob.count else { return nil }
            var length = 0
            switch blob[i] {
            case 0x81:
                guard i + 2 < blob.count else { return nil }
                length = Int(blob[i + 1]) | Int(blob[i + 2]) << 8
                i += 3
            case 0x82:
                guard i + 4 < blob.count else { return nil }
                length = Int(blob[i + 1]) | Int(blob[i + 2]) << 8 | Int(blob[i + 3]) << 16 | Int(blob[i + 4]) << 24
                i += 5
            case let b where b < 0x80:
                length = Int(b)
                i += 1
            default:
                return nil
            }
            guard length > 0, length <= blob.count - i else { return nil }
            return String(validating: blob[i..<(i + length)], as: UTF8.self)
        }
        return nil
    }
}
