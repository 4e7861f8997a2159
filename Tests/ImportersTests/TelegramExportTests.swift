import XCTest
@testable import Importers
@testable import StewardCore

/// Telegram Desktop result.json, single chat and full export, written here in its real shape.
final class TelegramExportTests: XCTestCase {
    static let singleChat = """
    {
     "name": "Alice",
     "type": "personal_chat",
     "id": 111,
     "messages": [
      {
       "id": 1, "type": "message", "date": "2024-01-15T10:30:00", "date_unixtime": "1705311000",
       "from": "Alice", "from_id": "user111", "text": "Hello \\"there\\" \\u00e9 [x]",
       "text_entities": [{"type": "plain", "text": "Hello \\"there\\" \\u00e9 [x]"}]
      },
      {
       "id": 2, "type": "message", "date": "2024-01-15T23:31:00", "date_unixtime": "1705357860",
       "from": "Me", "from_id": "user222",
       "text": ["Check ", {"type": "bold", "text": "this"}, " ", {"type": "link", "text": "https://example.org"}]
      },
      {
       "id": 3, "type": "service", "date": "2024-01-16T10:00:00", "date_unixtime": "1705395600",
       "actor": "Alice", "actor_id": "user111", "action": "phone_call", "duration_seconds": 60, "text": ""
      },
      {
       "id": 4, "type": "message", "date": "2024-01-16T10:05:00", "date_unixtime": "1705395900",
       "from": "Alice", "from_id": "user111", "photo": "photos/photo_1.jpg", "width": 800, "height": 600, "text": ""
      },
      {"id": 5, "type": "message", "date": "not a date", "from": "Alice", "text": "x"}
     ]
    }
    """

    static let fullExport = """
    {"about": "Here is the data you requested.",
     "personal_information": {"user_id": 222, "first_name": "Me", "phone_number": "+1 555"},
     "contacts": {"about": "…", "list": [{"first_name": "Alice", "date": "2020-01-01T00:00:00"}]},
     "chats": {"about": "…", "list": [
       {"name": "Alice", "type": "personal_chat", "id": 111, "messages": [
         {"id": 1, "type": "message", "date": "2024-01-15T10:30:00", "date_unixtime": "1705311000", "from": "Alice", "from_id": "user111", "text": "hi"},
         {"id": 2, "type": "message", "date": "2024-01-15T10:31:00", "date_unixtime": "1705311060", "from": "Me", "from_id": "user222", "text": "hello"}]},
       {"name": "Club", "type": "private_group", "id": 333, "messages": [
         {"id": 7, "type": "service", "date": "2024-02-01T08:00:00", "actor": "Me", "actor_id": "user222", "action": "create_group", "title": "Club", "members": ["Me", "Alice"], "text": ""}]}
     ]},
     "left_chats": {"about": "…", "list": [
       {"name": "Old", "type": "public_supergroup", "id": 444, "messages": [
         {"id": 9, "type": "message", "date": "2019-05-05T05:05:05", "from": null, "from_id": "user555", "text": [{"type": "italic", "text": "bye"}]}]}]}
    }
    """

    func testSingleChatMessagesTextsTimesAndOffsets() throws {
        let result = try parseAtAllChunkSizes({ TelegramExportParser() }, Array(Self.singleChat.utf8))
        XCTAssertEqual(result.events.count, 4)
        XCTAssertEqual(result.skipped, 1)
        XCTAssertTrue(result.issues.contains { $0.contains("/messages/4") && $0.contains("no readable date") }, "\(result.issues)")
        let e = result.events
        XCTAssertEqual(e[0].text, "Hello \"there\" é [x]")
        XCTAssertEqual(e[0].counterparty, "Alice")
        XCTAssertEqual(e[0].title, "Alice", "the chat's name")
        XCTAssertEqual(e[0].time?.iso8601, "2024-01-15T10:30:00+01:00", "date vs date_unixtime gives the offset")
        XCTAssertEqual(e[1].text, "Check this https://example.org")
        XCTAssertEqual(e[1].time?.hourOfDay, 23)
        XCTAssertEqual(e[2].code, "phone_call")
        XCTAssertNil(e[2].text)
        XCTAssertEqual(e[3].code, "photo")
        XCTAssertEqual(e[0].position.pointer, "/messages/0")
        XCTAssertTrue(e.allSatisfy { $0.source == "telegram.desktop" && $0.kind == .message })
        XCTAssertTrue(e.allSatisfy(\.authoredByOthers), "a single-chat export does not say who the owner is")
        let named = try parseAtAllChunkSizes({ TelegramExportParser(ownerNames: ["Me"]) }, Array(Self.singleChat.utf8))
        XCTAssertEqual(named.events.map(\.authoredByOthers), [true, false, true, true])
    }

    func testFullExportReadsEveryChatAndKnowsTheOwner() throws {
        let result = try parseAtAllChunkSizes({ TelegramExportParser() }, Array(Self.fullExport.utf8))
        XCTAssertEqual(result.events.map { $0.text ?? "-" }, ["hi", "hello", "-", "bye"])
        XCTAssertEqual(result.events.map { $0.title ?? "-" }, ["Alice", "Alice", "Club", "Old"])
        XCTAssertEqual(result.events.map(\.authoredByOthers), [true, false, false, true])
        XCTAssertEqual(result.events[2].time?.iso8601, "2024-02-01T08:00:00", "no date_unixtime: the local date")
        XCTAssertEqual(result.events[3].position.pointer, "/left_chats/list/0/messages/0")
        XCTAssertTrue(result.issues.isEmpty, "\(result.issues)")
    }

    /// Messages read on their own thread (`RecordReadingThread`, here after every few bytes of
    /// messages) reach the sink as they would inline: the same events, chats, authors and issues
    /// in file order, whole, truncated, and with a message whose date cannot be read.
    func testMessagesReadOnTheirOwnThreadAreTheSameInTheSameOrder() throws {
        let truncated = String(Self.singleChat.prefix(Self.singleChat.count / 2))
        func lines(_ result: ChunkedParseResult) -> [String] {
            result.events.map { "\(describe($0)) | \($0.title ?? "-") | \($0.authoredByOthers)" }
        }
        for text in [Self.singleChat, Self.fullExport, truncated] {
            let inline = try parseAtAllChunkSizes({ TelegramExportParser() }, Array(text.utf8))
            for batch in [1, 50, 400] {
                let threaded = try parseAtAllChunkSizes({ TelegramExportParser(ownerNames: [], readingBatchBytes: batch) }, Array(text.utf8))
                XCTAssertEqual(lines(threaded), lines(inline), "batches of \(batch) bytes")
                XCTAssertEqual(threaded.issues, inline.issues, "batches of \(batch) bytes")
            }
        }
    }

    func testTruncatedAndHostileInput() throws {
        let truncated = String(Self.singleChat.prefix(Self.singleChat.count / 2))
        let result = try parseAtAllChunkSizes({ TelegramExportParser() }, Array(truncated.utf8))
        XCTAssertGreaterThanOrEqual(result.events.count, 1)
        XCTAssertTrue(result.issues.contains { $0.contains("truncated") }, "\(result.issues)")

        let deep = "{\"name\": \"x\", \"type\": \"personal_chat\", \"messages\": [" + String(repeating: "[", count: 100_000)
            + String(repeating: "]", count: 100_000) + ", {\"type\": \"message\", \"date\": \"2024-01-01T00:00:00\", \"text\": \"ok\"}]}"
        var parser = TelegramExportParser()
        let collector = EventCollector()
        try parser.parseAll(Array(deep.utf8), chunkSize: 4096, into: collector.sink)
        XCTAssertEqual(collector.events.map(\.text), ["ok"])
        XCTAssertEqual(collector.sink.skippedCount, 1)

        var notAnObject = TelegramExportParser()
        XCTAssertThrowsError(try notAnObject.parseAll(Array("[1, 2]".utf8), into: EventCollector().sink))
    }

    func testDetection() {
        func confidence(_ text: String, _ name: String = "result.json") -> Double? {
            TelegramExportImporter().detect(FileProbe(path: "/t/" + name, head: Array(text.utf8), size: nil))?.confidence
        }
        XCTAssertGreaterThanOrEqual(confidence(Self.singleChat, "renamed.json") ?? 0, 0.8)
        XCTAssertGreaterThanOrEqual(confidence("{\"about\": \"x\", \"personal_information\": {\"user_id\": 1}, \"chats\": {}}") ?? 0, 0.9)
        XCTAssertNil(confidence("{\"timelineObjects\": []}"))
        let messenger = "{\"participants\": [{\"name\": \"Alice\"}], \"messages\": [{\"sender_name\": \"Alice\", \"timestamp_ms\": 1, \"content\": \"hi\", \"type\": \"Generic\"}]}"
        XCTAssertNil(confidence(messenger, "message_1.json"), "Facebook Messenger JSON is not Telegram's")
        XCTAssertNil(confidence("[{\"header\": \"Search\"}]"))
    }
}
