import Foundation
import XCTest
@testable import Importers
@testable import StewardCore

/// The Mac's Messages database (`chat.db`) in its real tables and columns (values invented),
/// built here with SQLite and read through `ExportReader` as a scan does: seconds and
/// nanosecond dates, text only in a typedstream `attributedBody`, tapbacks and group notices
/// left out, and the input left untouched.
final class IMessageDatabaseTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "/steward-imessage-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// An NSAttributedString archived by NSArchiver, as Messages writes `attributedBody`: the
    /// stream header, the class chain and the string with its length encoding.
    static func typedstream(_ text: String) -> [UInt8] {
        let bytes = Array(text.utf8)
        var out: [UInt8] = [0x04, 0x0B] + Array("streamtyped".utf8) + [0x81, 0xE8, 0x03, 0x84, 0x01, 0x40, 0x84, 0x84, 0x84, 0x12]
        out += Array("NSAttributedString".utf8) + [0x00, 0x84, 0x84, 0x08] + Array("NSObject".utf8) + [0x00, 0x85, 0x92, 0x84, 0x84, 0x84, 0x08]
        out += Array("NSString".utf8) + [0x01, 0x94, 0x84, 0x01, 0x2B]
        if bytes.count < 0x80 {
            out.append(UInt8(bytes.count))
        } else {
            out += [0x81, UInt8(bytes.count & 0xFF), UInt8(bytes.count >> 8)]
        }
        out += bytes
        out += [0x86, 0x84, 0x02, 0x69, 0x49, 0x01, 0x01, 0x92, 0x84, 0x84, 0x84, 0x0C] + Array("NSDictionary".utf8) + [0x00, 0x86]
        return out
    }

    static func hex(_ bytes: [UInt8]) -> String { "X'" + bytes.map { String(format: "%02X", $0) }.joined() + "'" }

    /// 2024-05-01T18:00:00Z as Messages counts it: seconds and nanoseconds since 2001.
    static let seconds2024: Int64 = 1_714_586_400 - 978_307_200

    static var statements: [String] {
        let ns = seconds2024 * 1_000_000_000
        let long = String(repeating: "long message about the overdraft ", count: 6)
        return [
            "CREATE TABLE handle (ROWID INTEGER PRIMARY KEY AUTOINCREMENT UNIQUE, id TEXT NOT NULL, country TEXT, service TEXT NOT NULL, uncanonicalized_id TEXT, person_centric_id TEXT, UNIQUE (id, service))",
            "CREATE TABLE chat (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, style INTEGER, state INTEGER, account_id TEXT, properties BLOB, chat_identifier TEXT, service_name TEXT, room_name TEXT, account_login TEXT, is_archived INTEGER DEFAULT 0, last_addressed_handle TEXT, display_name TEXT, group_id TEXT)",
            "CREATE TABLE chat_message_join (chat_id INTEGER REFERENCES chat (ROWID) ON DELETE CASCADE, message_id INTEGER REFERENCES message (ROWID) ON DELETE CASCADE, message_date INTEGER DEFAULT 0, PRIMARY KEY (chat_id, message_id))",
            "CREATE TABLE message (ROWID INTEGER PRIMARY KEY AUTOINCREMENT, guid TEXT UNIQUE NOT NULL, text TEXT, replace INTEGER DEFAULT 0, service_center TEXT, handle_id INTEGER DEFAULT 0, subject TEXT, country TEXT, attributedBody BLOB, version INTEGER DEFAULT 0, type INTEGER DEFAULT 0, service TEXT, account TEXT, account_guid TEXT, error INTEGER DEFAULT 0, date INTEGER, date_read INTEGER, date_delivered INTEGER, is_delivered INTEGER DEFAULT 0, is_finished INTEGER DEFAULT 0, is_emote INTEGER DEFAULT 0, is_from_me INTEGER DEFAULT 0, item_type INTEGER DEFAULT 0, associated_message_guid TEXT DEFAULT NULL, associated_message_type INTEGER DEFAULT 0, cache_has_attachments INTEGER DEFAULT 0)",
            "INSERT INTO handle VALUES (1, '+15551234567', 'us', 'iMessage', NULL, NULL)",
            "INSERT INTO handle VALUES (2, 'bank-alerts@example.com', NULL, 'SMS', NULL, NULL)",
            "INSERT INTO chat (ROWID, guid, style, chat_identifier, service_name, display_name) VALUES (1, 'iMessage;-;+15551234567', 45, '+15551234567', 'iMessage', '')",
            "INSERT INTO chat (ROWID, guid, style, chat_identifier, service_name, display_name) VALUES (2, 'iMessage;+;chat100', 43, 'chat100', 'iMessage', 'Book club')",
            "INSERT INTO chat (ROWID, guid, style, chat_identifier, service_name, display_name) VALUES (3, 'SMS;-;bank', 45, 'bank-alerts@example.com', 'SMS', NULL)",
            // 1: received, seconds (macOS 10.12 and before)
            "INSERT INTO message (ROWID, guid, text, handle_id, date, is_from_me, service) VALUES (1, 'G1', 'are you coming tonight?', 1, \(seconds2024), 0, 'iMessage')",
            // 2: sent, nanoseconds, text in attributedBody only
            "INSERT INTO message (ROWID, guid, text, handle_id, attributedBody, date, is_from_me, service) VALUES (2, 'G2', NULL, 1, \(hex(typedstream("yes, on my way \u{1F697}"))), \(ns + 60_000_000_000), 1, 'iMessage')",
            // 3: tapback on message 1
            "INSERT INTO message (ROWID, guid, text, handle_id, date, is_from_me, associated_message_guid, associated_message_type) VALUES (3, 'G3', 'Loved “are you coming tonight?”', 1, \(ns + 61_000_000_000), 1, 'p:0/G1', 2000)",
            // 4: group notice (rename)
            "INSERT INTO message (ROWID, guid, text, handle_id, date, is_from_me, item_type) VALUES (4, 'G4', NULL, 0, \(ns + 62_000_000_000), 1, 2)",
            // 5: sent to the group, attachment plus words, U+FFFC in the text
            "INSERT INTO message (ROWID, guid, text, handle_id, date, is_from_me, cache_has_attachments) VALUES (5, 'G5', '\u{FFFC}chapter 3 done', 0, \(ns + 3_600_000_000_000), 1, 1)",
            // 6: received SMS, long text in attributedBody (two-byte length)
            "INSERT INTO message (ROWID, guid, text, handle_id, attributedBody, date, is_from_me, service) VALUES (6, 'G6', NULL, 2, \(hex(typedstream(long))), \(ns + 7_200_000_000_000), 0, 'SMS')",
            // 7: attributedBody that is not a typedstream: kept without text
            "INSERT INTO message (ROWID, guid, text, handle_id, attributedBody, date, is_from_me) VALUES (7, 'G7', NULL, 1, X'DEADBEEF', \(ns + 7_300_000_000_000), 0)",
            // 8: no date
            "INSERT INTO message (ROWID, guid, text, handle_id, date, is_from_me) VALUES (8, 'G8', 'lost in time', 1, 0, 0)",
            "INSERT INTO chat_message_join VALUES (1, 1, 0), (1, 2, 0), (1, 3, 0), (2, 4, 0), (2, 5, 0), (3, 6, 0), (1, 7, 0), (1, 8, 0)",
        ]
    }

    func testChatDatabaseIsFiveMessagesWithOneSkipAndTheInputUntouched() throws {
        let path = dir + "/copy-of-messages.sqlite"
        SQLiteTestDatabase.write(path, wal: true, checkpoint: true, Self.statements)
        let before = try SQLiteTestDatabase.snapshot(dir)
        let delegate = SQLiteTestDatabase.read(path)
        XCTAssertEqual(try SQLiteTestDatabase.snapshot(dir), before, "no byte changed and nothing appeared beside it")
        XCTAssertEqual(delegate.inputs.first?.source, "apple.imessage")
        XCTAssertEqual(delegate.inputs.first?.events, 5)
        XCTAssertEqual(delegate.inputs.first?.skipped, 1, "the message dated 0")
        let events = delegate.events.map(\.1)
        XCTAssertEqual(events.map(\.position.pointer), ["/message/1", "/message/2", "/message/5", "/message/6", "/message/7"])
        XCTAssertEqual(events.map(\.text), ["are you coming tonight?", "yes, on my way \u{1F697}", "chapter 3 done",
                                            String(repeating: "long message about the overdraft ", count: 6), nil])
        XCTAssertEqual(events.map(\.authoredByOthers), [true, false, false, true, true])
        XCTAssertEqual(events.map(\.counterparty), ["+15551234567", "+15551234567", "Book club", "bank-alerts@example.com", "+15551234567"])
        XCTAssertEqual(events[2].title, "Book club")
        XCTAssertEqual(events[2].code, "attachment")
        XCTAssertEqual(events[0].time?.iso8601, "2024-05-01T18:00:00Z", "seconds since 2001")
        XCTAssertEqual(events[1].time?.iso8601, "2024-05-01T18:01:00Z", "nanoseconds since 2001")
        let warnings = delegate.inputs.first?.warnings ?? []
        XCTAssertTrue(warnings.contains { $0.contains("1 tapback reaction(s) not read") }, "\(warnings)")
        XCTAssertTrue(warnings.contains { $0.contains("1 group notice(s) not read") }, "\(warnings)")
        XCTAssertTrue(warnings.contains { $0.contains("1 message(s) whose attributedBody could not be decoded") }, "\(warnings)")
    }

    func testAttributedBodyLengthsAndDamageAreBounded() {
        XCTAssertEqual(IMessageAttributedBody.string(in: Self.typedstream("hi")), "hi")
        let long = String(repeating: "x", count: 300)
        XCTAssertEqual(IMessageAttributedBody.string(in: Self.typedstream(long)), long)
        var cut = Self.typedstream(long)
        cut.removeLast(cut.count - 60)
        XCTAssertNil(IMessageAttributedBody.string(in: cut), "a length past the end of the blob")
        var invalid = Self.typedstream("ab")
        // The payload follows the `+` tag and its one-byte length 2.
        let at = (0..<(invalid.count - 2)).first { invalid[$0] == 0x2B && invalid[$0 + 1] == 2 }! + 2
        invalid[at] = 0xC3
        invalid[at + 1] = 0x28
        XCTAssertNil(IMessageAttributedBody.string(in: invalid), "bytes that are not UTF-8")
        XCTAssertNil(IMessageAttributedBody.string(in: Array("NSString".utf8)))
    }

    func testOtherSQLiteDatabasesAreNotClaimed() {
        let path = dir + "/msgstore.db"
        SQLiteTestDatabase.write(path, wal: false, [
            "CREATE TABLE message (_id INTEGER PRIMARY KEY, chat_row_id INTEGER, from_me INTEGER, text_data TEXT, timestamp INTEGER)",
            "CREATE TABLE handle (ROWID INTEGER PRIMARY KEY, id TEXT)",
        ])
        let head = Array((FileManager.default.contents(atPath: path) ?? Data()).prefix(FileProbe.headLength))
        XCTAssertNil(IMessageDatabaseImporter().detect(FileProbe(path: path, head: head, size: nil, diskPath: path)))
    }

    func testDatesInSecondsAndNanosecondsAreTheSameInstant() throws {
        let seconds = try IMessageDatabaseImporter.time(appleDate: Self.seconds2024)
        let nanoseconds = try IMessageDatabaseImporter.time(appleDate: Self.seconds2024 * 1_000_000_000)
        XCTAssertEqual(seconds?.epochSeconds, 1_714_586_400)
        XCTAssertEqual(nanoseconds?.epochSeconds, 1_714_586_400)
        XCTAssertNil(try IMessageDatabaseImporter.time(appleDate: 0))
    }

    func testAttachmentMarksAreTakenOutAndTextWithoutThemIsKeptAsItIs() {
        XCTAssertEqual(IMessageDatabaseImporter.withoutAttachmentMarks("look \u{FFFC} at this\u{FFFC}"), "look  at this")
        XCTAssertEqual(IMessageDatabaseImporter.withoutAttachmentMarks("\u{FFFC}"), "")
        XCTAssertEqual(IMessageDatabaseImporter.withoutAttachmentMarks("Grüße, ¼ Stunde 😀"), "Grüße, ¼ Stunde 😀",
                       "other characters, one with a 0xBC byte (¼), stay")
    }
}
