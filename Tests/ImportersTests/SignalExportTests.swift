import XCTest
import StewardCore
@testable import Importers

/// signal-export's `data.json` (one `Message` record per line, as its writer prints them;
/// values invented): the person's lines (`sender` "Me"), a contact's, a call line, an
/// attachment, a deleted message, a damaged line and one with an unreadable date.
final class SignalExportTests: XCTestCase {
    static let data = [
        #"{"date": "2024-03-02T18:00:12", "sender": "Alice", "body": "are you coming to the march tomorrow?  ", "quote": "", "sticker": "", "reactions": [], "attachments": [], "deleted": false, "call": false, "missed": false}"#,
        #"{"date": "2024-03-02T18:01:40.250000", "sender": "Me", "body": "yes, bringing the banner  ", "quote": "\n\n> are you coming to the march tomorrow?\n\n", "sticker": "", "reactions": [["Alice", "👍"]], "attachments": [], "deleted": false, "call": false, "missed": false}"#,
        #"{"date": "2024-03-02T19:00:00", "sender": "Me", "body": "Outgoing voice call (accepted, 1m 5s)  ", "quote": "", "sticker": "", "reactions": [], "attachments": [], "deleted": false, "call": false, "missed": false}"#,
        #"{"date": "2024-03-02T19:05:00", "sender": "Alice", "body": "  ", "quote": "", "sticker": "", "reactions": [], "attachments": [{"name": "2024-03-02T19-05-00.000_00_IMG_1.jpg", "path": "media/2024-03-02T19-05-00.000_00_IMG_1.jpg"}], "deleted": false, "call": false, "missed": false}"#,
        #"{"date": "2024-03-02T19:06:00", "sender": "Alice", "body": "  ", "quote": "", "sticker": "", "reactions": [], "attachments": [], "deleted": true, "call": false, "missed": false}"#,
        #"{"date": "2024-03-02T19:07:00", "sender": "Me", "body": "cut"#,
        #"{"date": "02/03/2024 19:08", "sender": "Me", "body": "x", "quote": "", "reactions": [], "attachments": []}"#,
    ].joined(separator: "\n") + "\n"

    func parse(chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(Self.data, path: "signal-chats/Alice/data.json", expecting: "signal.sigexport", chunkSize: chunkSize)
    }

    func testDataJSONIsFourMessagesWithTwoSkipsAndTheDeletedOneLeftOut() throws {
        for size in [1, 17, 64 * 1024] {
            let r = try parse(chunkSize: size)
            XCTAssertEqual(r.events.map(\.text), ["are you coming to the march tomorrow?", "yes, bringing the banner", nil, nil], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.authoredByOthers), [true, false, false, true])
            XCTAssertEqual(r.events.map(\.code), [nil, nil, "call", "attachment"])
            XCTAssertEqual(r.events.map(\.counterparty), ["Alice", "Alice", "Alice", "Alice"])
            XCTAssertTrue(r.events.allSatisfy { $0.title == "Alice" && $0.product == "Signal" && $0.kind == .message })
            XCTAssertEqual(r.events[0].time?.iso8601, "2024-03-02T18:00:12", "local time without an offset")
            XCTAssertEqual(r.sink.skippedCount, 2, "chunk \(size): the cut line and the unreadable date")
            XCTAssertTrue(r.sink.errors.contains { $0.hasPrefix("line 6 record 5: ") }, "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("line 7 record 6: unreadable date '02/03/2024 19:08'"), "\(r.sink.issues)")
        }
    }

    func testCallLinesAreToldFromWords() {
        XCTAssertTrue(SignalExportParser.isCallNotice("Missed voice call"))
        XCTAssertTrue(SignalExportParser.isCallNotice("Incoming call"))
        XCTAssertTrue(SignalExportParser.isCallNotice("Incoming video call (declined)"))
        XCTAssertFalse(SignalExportParser.isCallNotice("Incoming call from mum, call her back"))
        XCTAssertFalse(SignalExportParser.isCallNotice("Missed the bus"))
    }

    func testOtherJSONLinesAreNotClaimed() {
        let importer = SignalExportImporter()
        let telegram = #"{"name": "Alice", "type": "personal_chat", "id": 1, "messages": [{"date": "2024-01-01T00:00:00", "from": "Alice", "text": "hi"}]}"#
        XCTAssertNil(importer.detect(FileProbe(path: "result.json", head: Array(telegram.utf8), size: nil)))
        XCTAssertNil(importer.detect(FileProbe(path: "data.json", head: Array(#"{"date": "2024-01-01", "sender": "x", "body": "y"}"#.utf8), size: nil)),
                     "three of the six keys are not signal-export's record")
    }

    func testTrailingSpacesAndLineFeedsAreTrimmedButAFinalCRLFStays() {
        XCTAssertEqual(SignalExportParser.trimmingTrailingSpaces("Grüße aus Köln 🙂  \n\n "), "Grüße aus Köln 🙂")
        XCTAssertEqual(SignalExportParser.trimmingTrailingSpaces("   "), "")
        XCTAssertEqual(SignalExportParser.trimmingTrailingSpaces("line\r\n"), "line\r\n", "CR LF is one character, not a line feed")
        XCTAssertFalse(SignalExportParser.isCallNotice("Meet you at the station"))
        XCTAssertTrue(SignalExportParser.isCallNotice("Outgoing voice call (accepted, 1m 5s)"))
    }
}
