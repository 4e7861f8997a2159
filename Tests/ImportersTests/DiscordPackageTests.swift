import XCTest
import StewardCore
@testable import Importers

/// Discord's data package in its real layout (values invented): `Messages/c<id>/messages.json`
/// (current packages), `messages.csv` (older ones) and `Servers/index.json`.
final class DiscordPackageTests: XCTestCase {
    static let messagesJSON = """
    [{"ID": 1100000000000000011, "Timestamp": "2024-03-01 21:14:09", "Contents": "anyone up for a raid tonight?", "Attachments": ""}, \
    {"ID": 1100000000000000012, "Timestamp": "2024-03-01 21:15:00", "Contents": "", "Attachments": "https://cdn.discordapp.com/attachments/1/2/screenshot.png"}, \
    {"ID": 1100000000000000013, "Timestamp": "2024-03-01 21:16:00", "Contents": "", "Attachments": ""}, \
    {"ID": 1100000000000000014, "Timestamp": "yesterday", "Contents": "hi", "Attachments": ""}, \
    "not a message"]
    """

    static let messagesCSV = "ID,Timestamp,Contents,Attachments\r\n"
        + "700000000000000001,2020-05-01 12:00:00.123000+00:00,\"two lines,\nwith a comma\",\r\n"
        + "700000000000000002,2020-05-02 23:59:59.000000+00:00,,https://cdn.discordapp.com/attachments/x.png\r\n"

    static let servers = #"{"800000000000000001": "Minecraft Survival Community", "800000000000000002": "LGBTQ+ Gamers Hangout \u2764", "800000000000000003": ""}"#

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        let p = FileProbe(path: path, head: Array(text.utf8.prefix(FileProbe.headLength)), size: Int64(text.utf8.count))
        guard case .success(let found) = ImporterRegistry.detect(p) else {
            XCTFail("\(path) not recognized")
            throw ParseError("not recognized")
        }
        XCTAssertEqual(found.importer.id, "discord.package")
        var parser = found.importer.makeParser(for: p)
        let collector = EventCollector()
        try parser.parseAll(Array(text.utf8), chunkSize: chunkSize, into: collector.sink)
        return (collector.events, collector.sink)
    }

    func testMessagesJSONIsTwoMessagesOfTheChannelWithTwoSkips() throws {
        for size in [1, 9, 64 * 1024] {
            let r = try parse(Self.messagesJSON, path: "package.zip!Messages/c1100000000000000001/messages.json", chunkSize: size)
            XCTAssertEqual(r.events.map(\.text), ["anyone up for a raid tonight?", nil], "chunk \(size)")
            XCTAssertEqual(r.events[1].title, "attachment", "an attachment without words")
            XCTAssertEqual(r.events.map(\.counterparty), ["c1100000000000000001", "c1100000000000000001"])
            XCTAssertEqual(r.events[0].time?.iso8601, "2024-03-01T21:14:09Z")
            XCTAssertEqual(r.events[0].code, "1100000000000000011")
            XCTAssertTrue(r.events.allSatisfy { $0.kind == .message && !$0.authoredByOthers && $0.product == "Discord" })
            XCTAssertEqual(r.sink.skippedCount, 2, "chunk \(size): 'yesterday' and the string element; the empty message is nothing to read")
            XCTAssertTrue(r.sink.errors.contains("record 3 (/3): unreadable timestamp (text, not quoted)"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("record 4 (/4): not an object"), "\(r.sink.issues)")
        }
    }

    func testOlderMessagesCSVKeepsLineBreaksAndReadsTheOffset() throws {
        for size in [1, 64 * 1024] {
            let r = try parse(Self.messagesCSV, path: "package/messages/c700000000000000000/messages.csv", chunkSize: size)
            XCTAssertEqual(r.events.map(\.text), ["two lines,\nwith a comma", nil], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.title), [nil, "attachment"])
            XCTAssertEqual(r.events[1].time?.iso8601, "2020-05-02T23:59:59Z")
            XCTAssertEqual(r.events[0].counterparty, "c700000000000000000")
            XCTAssertEqual(r.sink.skippedCount, 0)
        }
    }

    func testServerIndexIsOneActivityPerNamedServer() throws {
        for size in [1, 64 * 1024] {
            let r = try parse(Self.servers, path: "package/Servers/index.json", chunkSize: size)
            XCTAssertEqual(r.events.map(\.title), ["Minecraft Survival Community", "LGBTQ+ Gamers Hangout \u{2764}"], "chunk \(size)")
            XCTAssertTrue(r.events.allSatisfy { $0.kind == .activity && $0.code == "server" && $0.time == nil })
            XCTAssertEqual(r.events[0].position.pointer, "/800000000000000001")
            XCTAssertEqual(r.sink.skippedCount, 1, "the server without a name")
        }
    }

    func testOnlyTheServersFolderIndexIsClaimed() {
        let importer = DiscordPackageImporter()
        let head = Array(Self.servers.utf8)
        XCTAssertEqual(importer.detect(FileProbe(path: "package/servers/index.json", head: head, size: nil))?.confidence, 0.9)
        XCTAssertNil(importer.detect(FileProbe(path: "package/Messages/index.json", head: head, size: nil)),
                     "the channel index has the same shape and names channels, not servers")
        XCTAssertNil(importer.detect(FileProbe(path: "export/index.json", head: head, size: nil)))
        let other = #"[{"id": 1, "timestamp": "2024-01-01", "text": "hello"}]"#
        XCTAssertNil(importer.detect(FileProbe(path: "messages.json", head: Array(other.utf8), size: nil)), "keys are Discord's capitalized ones")
    }
}
