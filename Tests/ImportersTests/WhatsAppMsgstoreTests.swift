import Foundation
import XCTest
import ZIPFoundation
@testable import Importers
@testable import StewardCore

/// WhatsApp msgstore.db (legacy and current schemas), built here with SQLite, read through
/// `ExportReader` so the path-reading route, the archive refusal and input immutability are
/// all exercised.
final class WhatsAppMsgstoreTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "/steward-msgstore-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// Writes a database with `statements` (in WAL mode, as the phone does, checkpointed) and closes it.
    private func makeDatabase(_ name: String, _ statements: [String]) throws -> String {
        let path = dir + "/" + name
        SQLiteTestDatabase.write(path, wal: true, checkpoint: true, statements)
        return path
    }

    static let legacy = [
        "CREATE TABLE messages (_id INTEGER PRIMARY KEY AUTOINCREMENT, key_remote_jid TEXT NOT NULL, key_from_me INTEGER, key_id TEXT NOT NULL, status INTEGER, data TEXT, timestamp INTEGER, media_wa_type TEXT, remote_resource TEXT)",
        "INSERT INTO messages VALUES (1, '15551234567@s.whatsapp.net', 0, 'A1', 0, 'Are you coming?', 1476555535242, '0', NULL)",
        "INSERT INTO messages VALUES (2, '15551234567@s.whatsapp.net', 1, 'A2', 13, 'On my way', 1476555600000, '0', NULL)",
        "INSERT INTO messages VALUES (3, '12345-67890@g.us', 0, 'A3', 0, NULL, 1476556000000, '1', '15557654321@s.whatsapp.net')",
        "INSERT INTO messages VALUES (4, '12345-67890@g.us', 0, 'A4', 0, 'no time', NULL, '0', NULL)",
    ]

    static let current = [
        "CREATE TABLE jid (_id INTEGER PRIMARY KEY AUTOINCREMENT, user TEXT NOT NULL, server TEXT NOT NULL, agent INTEGER, device INTEGER, type INTEGER, raw_string TEXT)",
        "CREATE TABLE chat (_id INTEGER PRIMARY KEY AUTOINCREMENT, jid_row_id INTEGER UNIQUE, hidden INTEGER, subject TEXT, created_timestamp INTEGER)",
        "CREATE TABLE message (_id INTEGER PRIMARY KEY AUTOINCREMENT, chat_row_id INTEGER NOT NULL, from_me INTEGER NOT NULL, key_id TEXT NOT NULL, sender_jid_row_id INTEGER, status INTEGER, timestamp INTEGER, received_timestamp INTEGER, message_type INTEGER, text_data TEXT)",
        "INSERT INTO jid VALUES (1, '15551234567', 's.whatsapp.net', 0, 0, 0, '15551234567@s.whatsapp.net')",
        "INSERT INTO jid VALUES (2, '12345-67890', 'g.us', 0, 0, 1, '12345-67890@g.us')",
        "INSERT INTO chat VALUES (1, 1, 0, NULL, 1700000000000)",
        "INSERT INTO chat VALUES (2, 2, 0, 'Book club', 1700000000000)",
        "INSERT INTO message VALUES (1, 1, 0, 'K1', NULL, 0, 1700000001000, 1700000001500, 0, 'hello from Bob')",
        "INSERT INTO message VALUES (2, 1, 1, 'K2', NULL, 13, 1700000061000, 0, 0, 'hi Bob')",
        "INSERT INTO message VALUES (3, 2, 0, 'K3', 1, 0, 1700003600000, 0, 0, 'meeting tonight')",
    ]

    private func read(_ path: String) -> RecordingDelegate { SQLiteTestDatabase.read(path) }

    private func snapshot() throws -> [String: Data] { try SQLiteTestDatabase.snapshot(dir) }

    func testLegacySchemaByPathLeavesTheInputUntouched() throws {
        let path = try makeDatabase("msgstore.db", Self.legacy)
        let before = try snapshot()
        let delegate = read(path)
        XCTAssertEqual(try snapshot(), before, "no byte changed and no -wal/-shm/-journal appeared")
        XCTAssertEqual(delegate.inputs.first?.source, "whatsapp.msgstore")
        XCTAssertEqual(delegate.inputs.first?.events, 3)
        XCTAssertEqual(delegate.inputs.first?.skipped, 1, "the row without a timestamp")
        let events = delegate.events.map(\.1)
        XCTAssertEqual(events.map(\.authoredByOthers), [true, false, true])
        XCTAssertEqual(events.map { $0.text ?? "-" }, ["Are you coming?", "On my way", "-"])
        XCTAssertEqual(events[0].counterparty, "+15551234567")
        XCTAssertEqual(events[2].counterparty, "12345-67890@g.us")
        XCTAssertEqual(events[0].time?.iso8601, "2016-10-15T18:18:55Z")
        XCTAssertTrue(events.allSatisfy { $0.kind == .message && $0.source == "whatsapp.msgstore" })
    }

    func testCurrentSchemaWithChatsAndJids() throws {
        let path = try makeDatabase("renamed-backup.sqlite", Self.current)
        let delegate = read(path)
        let events = delegate.events.map(\.1)
        XCTAssertEqual(events.map { $0.text ?? "-" }, ["hello from Bob", "hi Bob", "meeting tonight"])
        XCTAssertEqual(events.map { $0.counterparty ?? "-" }, ["+15551234567", "+15551234567", "Book club"])
        XCTAssertEqual(events.map(\.authoredByOthers), [true, false, true])
        XCTAssertEqual(events[1].position.pointer, "/message/2")
    }

    func testInsideAnArchiveItIsReportedNotExtracted() throws {
        let db = try makeDatabase("msgstore.db", Self.legacy)
        let zipPath = dir + "/backup.zip"
        let archive = try Archive(url: URL(fileURLWithPath: zipPath), accessMode: .create)
        try archive.addEntry(with: "Databases/msgstore.db", fileURL: URL(fileURLWithPath: db))
        try FileManager.default.removeItem(atPath: db)
        let before = try snapshot()
        let delegate = read(zipPath)
        XCTAssertTrue(delegate.inputs.isEmpty)
        XCTAssertEqual(delegate.skipped.map(\.1), ["SQLite database inside an archive: extract it first"])
        XCTAssertEqual(try snapshot(), before, "nothing was extracted beside the archive")
    }

    func testOtherSQLiteFilesAreNotClaimed() throws {
        let path = try makeDatabase("places.sqlite", ["CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)"])
        let delegate = read(path)
        XCTAssertTrue(delegate.inputs.isEmpty)
        XCTAssertEqual(delegate.skipped.first?.1, ImporterRegistry.sqliteReason)
    }

    func testDamagedDatabaseIsAFileLevelError() throws {
        let path = try makeDatabase("msgstore.db", Self.legacy)
        // Keep the header page (detection still matches) and cut the rest.
        let head = try Data(contentsOf: URL(fileURLWithPath: path)).prefix(4096)
        try head.write(to: URL(fileURLWithPath: path))
        let delegate = read(path)
        XCTAssertEqual(delegate.inputs.count, 1)
        XCTAssertFalse(delegate.inputs[0].errors.isEmpty, "a damaged database is reported, not fatal")
    }
}
