import Foundation
import XCTest
@testable import Importers
@testable import StewardCore

/// Bumble's Android chat database (`ChatComDatabase`) with the tables and columns the app
/// writes (`conversation_info`: `user_id`, `user_name`; `message`: `id`, `conversation_id`,
/// `created_timestamp` in ms, `is_incoming`, `payload_type`, JSON `payload`), built here with
/// SQLite in the `CREATE TABLE` style of Android's Room library, values invented, and read
/// through `ExportReader` as a scan does.
final class BumbleChatDatabaseTests: XCTestCase {
    var dir: String!

    override func setUpWithError() throws {
        dir = NSTemporaryDirectory() + "/steward-bumble-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    }

    override func tearDownWithError() throws {
        try? FileManager.default.removeItem(atPath: dir)
    }

    /// 2024-06-01T19:02:11Z in milliseconds since 1970.
    static let start: Int64 = 1_717_268_531_000

    static let schema = [
        "CREATE TABLE IF NOT EXISTS `conversation_info` (`user_id` TEXT NOT NULL, `user_name` TEXT, `user_image_url` TEXT, PRIMARY KEY(`user_id`))",
        "CREATE TABLE IF NOT EXISTS `message` (`id` TEXT NOT NULL, `conversation_id` TEXT NOT NULL, `sender_name` TEXT, `created_timestamp` INTEGER, `is_incoming` INTEGER, `payload_type` TEXT, `payload` TEXT, `reply_to_id` TEXT, PRIMARY KEY(`id`))",
    ]

    static var statements: [String] {
        func message(_ id: Int, _ conversation: String, _ at: String, _ incoming: String, _ type: String, _ payload: String) -> String {
            "INSERT INTO message (id, conversation_id, sender_name, created_timestamp, is_incoming, payload_type, payload, reply_to_id) VALUES ('m\(id)', '\(conversation)', NULL, \(at), \(incoming), '\(type)', \(payload), NULL)"
        }
        return schema + [
            "INSERT INTO conversation_info VALUES ('u1', 'Sam', NULL), ('u2', 'Alex', NULL)",
            message(1, "u1", "\(start)", "0", "TEXT", #"'{"text":"Hey! Is that Lisbon in your second photo?"}'"#),
            message(2, "u1", "\(start + 60_000)", "1", "TEXT", #"'{"text":"It is! Have you been?"}'"#),
            message(3, "u1", "\(start + 120_000)", "1", "IMAGE", #"'{"url":"https://example.invalid/p/3.jpg?&srv_width=640"}'"#),
            message(4, "u2", "\(start + 3_600_000)", "0", "QUESTION_GAME", #"'{"text":"Mountains or beach?"}'"#),
            message(5, "u2", "\(start + 3_660_000)", "0", "TEXT", "'{\"text\": broken'"),
            message(6, "u2", "NULL", "1", "TEXT", #"'{"text":"when?"}'"#),
            message(7, "u2", "99999999999999999", "1", "TEXT", #"'{"text":"far future"}'"#),
            message(8, "u3", "\(start + 7_200_000)", "1", "AUDIO", #"'{"url":"https://example.invalid/a/8.m4a"}'"#),
            message(9, "u2", "\(start + 7_260_000)", "1", "TEXT", #"'{"url":"https://example.invalid/x"}'"#),
            message(10, "u1", "\(start + 86_400_000)", "0", "GIF", #"'{"url":"https://example.invalid/g/10.gif"}'"#),
            message(11, "u1", "\(start + 86_460_000)", "NULL", "TEXT", #"'{"text":"who sent this?"}'"#),
        ]
    }

    func testChatComDatabaseIsSixMessagesWithFiveSkipsBothSidesAndTheInputUntouched() throws {
        let path = dir + "/ChatComDatabase"
        SQLiteTestDatabase.write(path, wal: true, checkpoint: true, Self.statements)
        let before = try SQLiteTestDatabase.snapshot(dir)
        let delegate = SQLiteTestDatabase.read(path)
        XCTAssertEqual(try SQLiteTestDatabase.snapshot(dir), before, "no byte changed and nothing appeared beside it")
        XCTAssertEqual(delegate.inputs.first?.source, "bumble.chatcom")
        XCTAssertEqual(delegate.inputs.first?.events, 6)
        XCTAssertEqual(delegate.inputs.first?.skipped, 5, "bad JSON, no time, implausible time, text without text, no is_incoming")
        let events = delegate.events.map(\.1)
        XCTAssertEqual(events.map(\.position.pointer), ["/message/1", "/message/2", "/message/3", "/message/4", "/message/8", "/message/10"])
        XCTAssertEqual(events.map(\.text), ["Hey! Is that Lisbon in your second photo?", "It is! Have you been?", nil,
                                            "Mountains or beach?", nil, nil])
        XCTAssertEqual(events.map(\.authoredByOthers), [false, true, true, false, true, false])
        XCTAssertEqual(events.map(\.counterparty), ["Sam", "Sam", "Sam", "Alex", "u3", "Sam"],
                       "the match's name, or the conversation id when conversation_info has no row")
        XCTAssertEqual(events.map(\.code), ["text", "text", "image", "question_game", "audio", "gif"])
        XCTAssertEqual(Set(events.map(\.kind)), [.message])
        XCTAssertEqual(Set(events.compactMap(\.product)), ["Bumble"])
        XCTAssertEqual(events[0].time?.iso8601, "2024-06-01T19:02:11Z", "milliseconds since 1970, UTC")
        XCTAssertEqual(events[5].time?.iso8601, "2024-06-02T19:02:11Z")
        let errors = delegate.inputs.first?.errors ?? []
        XCTAssertTrue(errors.contains { $0.contains("/message/5") && $0.contains("payload is not JSON") }, "\(errors)")
        XCTAssertTrue(errors.contains { $0.contains("/message/6") && $0.contains("no created_timestamp") }, "\(errors)")
        XCTAssertTrue(errors.contains { $0.contains("/message/9") && $0.contains("a text message whose payload has no text") }, "\(errors)")
        XCTAssertTrue(errors.contains { $0.contains("/message/11") && $0.contains("no is_incoming") }, "\(errors)")
        let warnings = delegate.inputs.first?.warnings ?? []
        XCTAssertTrue(warnings.contains("Bumble message types kept without text: AUDIO"), "\(warnings)")
    }

    func testDetectedByItsTablesAndColumnsUnderAnyName() throws {
        let path = dir + "/bumble-copy.sqlite"
        SQLiteTestDatabase.write(path, wal: false, Self.schema)
        let head = Array((FileManager.default.contents(atPath: path) ?? Data()).prefix(FileProbe.headLength))
        XCTAssertEqual(BumbleChatDatabaseImporter().detect(FileProbe(path: path, head: head, size: nil, diskPath: path))?.confidence, 0.95)
        XCTAssertEqual(BumbleChatDatabaseImporter().detect(FileProbe(path: "backup.zip/ChatComDatabase", head: head, size: nil))?.confidence, 0.95,
                       "inside an archive the CREATE TABLE statements in the head decide")
    }

    func testAMessageAndConversationInfoTableWithOtherColumnsIsNotClaimed() throws {
        let path = dir + "/other.db"
        SQLiteTestDatabase.write(path, wal: false, [
            "CREATE TABLE conversation_info (user_id TEXT, user_name TEXT)",
            "CREATE TABLE message (_id INTEGER PRIMARY KEY, chat_row_id INTEGER, from_me INTEGER, text_data TEXT, timestamp INTEGER)",
        ])
        let head = Array((FileManager.default.contents(atPath: path) ?? Data()).prefix(FileProbe.headLength))
        XCTAssertNil(BumbleChatDatabaseImporter().detect(FileProbe(path: path, head: head, size: nil, diskPath: path)))
        XCTAssertNil(BumbleChatDatabaseImporter().detect(FileProbe(path: "x.zip/other.db", head: head, size: nil)))
    }

    func testPayloadTextRulesBoundAndReasons() {
        func text(_ json: String) -> String? {
            if case .success(let words) = BumbleChatDatabaseImporter.text(of: .bytes(Array(json.utf8))) { return words }
            return "failure"
        }
        XCTAssertEqual(text(#"{"text":"hi"}"#), "hi")
        XCTAssertNil(text(#"{"text":""}"#), "an empty text is no text")
        XCTAssertEqual(text(#"["text"]"#), "failure")
        XCTAssertEqual(text(#"{"text": 3}"#), "failure")
        guard case .failure(let tooLong) = BumbleChatDatabaseImporter.text(of: .tooLong) else { return XCTFail() }
        XCTAssertEqual(tooLong.text, "payload longer than 1048576 bytes")
        guard case .failure(let missing) = BumbleChatDatabaseImporter.text(of: .missing) else { return XCTFail() }
        XCTAssertEqual(missing.text, "a text message without payload")
    }
}
