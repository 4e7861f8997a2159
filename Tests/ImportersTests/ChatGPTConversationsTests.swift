import XCTest
@testable import Importers
import StewardCore

/// ChatGPT's conversations.json: one search-like event per message the person wrote, in time
/// order within each conversation; the assistant's, system and tool messages, images and empty
/// parts are not read; bad conversations are reported and skipped (docs/formats/ai-assistants.md).
final class ChatGPTConversationsTests: XCTestCase {
    /// Two conversations in the export's real shape (node ids as ChatGPT writes them, a system
    /// root without a message, messages listed out of order in the mapping).
    static let export = """
    [
      {
        "title": "Landlord letter",
        "create_time": 1700000000.25,
        "update_time": 1700000900.5,
        "mapping": {
          "aaa1c2d3-0000-4000-8000-000000000001": {"id": "aaa1c2d3-0000-4000-8000-000000000001", "message": null, "parent": null, "children": ["b2"]},
          "b4": {"id": "b4", "message": {"id": "b4", "author": {"role": "user", "name": null, "metadata": {}},
                 "create_time": 1700000600.0, "content": {"content_type": "text", "parts": ["Can they take my car for the arrears?"]},
                 "status": "finished_successfully"}, "parent": "b3", "children": []},
          "b2": {"id": "b2", "message": {"id": "b2", "author": {"role": "user", "name": null, "metadata": {}},
                 "create_time": 1700000100.0, "content": {"content_type": "text", "parts": ["My landlord sent a county court claim form, what do I do?"]},
                 "status": "finished_successfully"}, "parent": "aaa1c2d3-0000-4000-8000-000000000001", "children": ["b3"]},
          "b3": {"id": "b3", "message": {"id": "b3", "author": {"role": "assistant", "name": null, "metadata": {}},
                 "create_time": 1700000120.0, "content": {"content_type": "text", "parts": ["You have 14 days to respond to a county court claim..."]},
                 "status": "finished_successfully"}, "parent": "b2", "children": ["b4"]}
        },
        "moderation_results": [],
        "current_node": "b4",
        "conversation_id": "c0ffee00-0000-4000-8000-000000000001"
      },
      {
        "title": "",
        "create_time": 1701000000,
        "mapping": {
          "n1": {"id": "n1", "message": {"author": {"role": "system"}, "create_time": null, "content": {"content_type": "text", "parts": [""]}}, "children": ["n2"]},
          "n2": {"id": "n2", "message": {"author": {"role": "user"}, "create_time": null,
                 "content": {"content_type": "multimodal_text", "parts": [{"content_type": "image_asset_pointer", "asset_pointer": "file-service://x"}, "what is this rash on my arm"]}}, "children": ["n3"]},
          "n3": {"id": "n3", "message": {"author": {"role": "tool", "name": "dalle"}, "content": {"content_type": "text", "parts": ["tool output"]}}, "children": []},
          "n4": {"id": "n4", "message": {"author": {"role": "user"}, "create_time": 1701000050, "content": {"content_type": "text", "parts": [""]}}, "children": []}
        }
      }
    ]
    """

    private func parse(_ text: String, chunkSize: Int = 11) throws -> EventCollector {
        let collector = EventCollector()
        var parser = ChatGPTConversationsParser()
        try parser.parseAll(Array(text.utf8), chunkSize: chunkSize, into: collector.sink)
        return collector
    }

    func testOnlyThePersonsMessagesAreReadInTimeOrderWithTheirConversationTitle() throws {
        let collector = try parse(Self.export)
        XCTAssertEqual(collector.events.map { $0.text ?? "-" }, [
            "My landlord sent a county court claim form, what do I do?",
            "Can they take my car for the arrears?",
            "what is this rash on my arm",
        ])
        XCTAssertEqual(collector.events.map(\.kind), [.search, .search, .search])
        XCTAssertEqual(collector.events.map { $0.source }, Array(repeating: "openai.chatgpt", count: 3))
        XCTAssertEqual(collector.events[0].title, "Landlord letter")
        XCTAssertNil(collector.events[2].title, "an empty title is no title")
        XCTAssertEqual(collector.events[0].time?.iso8601, "2023-11-14T22:15:00Z")
        XCTAssertEqual(collector.events[2].time?.iso8601, "2023-11-26T12:00:00Z", "no time of its own: the conversation's")
        XCTAssertEqual(collector.events[0].position.description, "record 0 (/0/mapping/b2)")
        XCTAssertEqual(collector.sink.skippedCount, 0)
    }

    func testTheSameEventsWhateverTheChunkSize() throws {
        let whole = try parse(Self.export, chunkSize: 1 << 20).events.map { $0.text ?? "" }
        for size in [1, 3, 64] {
            XCTAssertEqual(try parse(Self.export, chunkSize: size).events.map { $0.text ?? "" }, whole, "chunk size \(size)")
        }
    }

    func testBadConversationsAreSkippedWithTheirPlaceAndTheRestRead() throws {
        let text = """
        [42, {"title": "no mapping"},
         {"title": "t", "create_time": 1e300, "mapping": {"m": {"message": {"author": {"role": "user"}, "content": {"parts": ["hello"]}}}}},
         {"title": "ok", "mapping": {"m": {"message": {"author": {"role": "user"}, "create_time": 1700000000, "content": {"parts": ["fine"]}}}}},
         {"title": "cut", "mapping": {"m": {"message"
        """
        let collector = try parse(text)
        XCTAssertEqual(collector.events.compactMap(\.text), ["hello", "fine"],
                       "an implausible conversation time leaves its messages without a time rather than dropping them")
        XCTAssertNil(collector.events[0].time)
        XCTAssertEqual(collector.sink.skippedCount, 3, "\(collector.sink.issues)")
        XCTAssertTrue(collector.sink.issues.contains { $0.contains("record 1") && $0.contains("no mapping of messages") }, "\(collector.sink.issues)")
    }

    func testAMessageWithAnImpossibleTimeSkipsItsConversationNamingTheField() throws {
        let text = #"[{"title": "x", "mapping": {"m": {"message": {"author": {"role": "user"}, "create_time": "soon", "content": {"parts": ["a"]}}}}}]"#
        let collector = try parse(text)
        XCTAssertEqual(collector.events.count, 0)
        XCTAssertTrue(collector.sink.issues.contains { $0.contains("create_time") }, "\(collector.sink.issues)")
    }

    func testNotAnArrayIsAFileLevelError() {
        var parser = ChatGPTConversationsParser()
        XCTAssertThrowsError(try parser.parseAll(Array(#"{"mapping": {}}"#.utf8), into: EventCollector().sink))
    }

    func testDetectedByShapeAndNotConfusedWithOtherJSONArrays() {
        func detect(_ text: String, _ name: String) -> String? {
            let probe = FileProbe(path: "/x/chatgpt-export.zip!" + name, head: Array(text.utf8), size: nil)
            if case .success(let found) = ImporterRegistry.detect(probe) { return found.importer.id }
            return nil
        }
        XCTAssertEqual(detect(Self.export, "conversations.json"), "openai.chatgpt")
        XCTAssertEqual(detect(Self.export, "renamed.json"), "openai.chatgpt")
        XCTAssertNil(ChatGPTConversationsImporter().detect(FileProbe(path: "a.json", head: Array(#"[{"ts": "x", "ms_played": 1}]"#.utf8), size: nil)))
        XCTAssertNil(ChatGPTConversationsImporter().detect(FileProbe(path: "shared_conversations.json",
                                                                     head: Array(#"[{"id": "x", "conversation_id": "y", "title": "t"}]"#.utf8), size: nil)))
    }
}
