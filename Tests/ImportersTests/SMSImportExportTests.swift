import XCTest
import StewardCore
@testable import Importers

/// SMS Import / Export (tmo1/sms-ie) in the layout its export routines write (values
/// invented): `messages.ndjson` with SMS rows then MMS rows, every column a string, and the
/// call log as a JSON array of the call log's rows.
final class SMSImportExportTests: XCTestCase {
    static let messages = [
        #"{"_id":"1","thread_id":"3","address":"+15551234567","date":"1722772800123","date_sent":"1722772799000","protocol":"0","read":"1","status":"-1","type":"1","reply_path_present":"0","body":"Are you coming tonight?","service_center":"+15550000000","locked":"0","sub_id":"1","error_code":"0","creator":"com.android.messaging","seen":"1","__display_name":"Bob"}"#,
        #"{"_id":"2","thread_id":"3","address":"+15551234567","date":"1722772860000","date_sent":"0","read":"1","status":"-1","type":"2","body":"On my way, see you at the protest","locked":"0","sub_id":"1","error_code":"0","creator":"com.github.tmo1.sms_ie","seen":"1","__display_name":"Bob"}"#,
        #"{"_id":"3","thread_id":"4","address":"BANK","date":"yesterday","type":"1","body":"Your account is overdrawn"}"#,
        "",
        #"{"_id":"7","thread_id":"5","date":"1722780000","date_sent":"0","msg_box":"2","read":"1","m_id":"x1","sub":"","ct_t":"application/vnd.wap.multipart.related","m_type":"128","__sender_address":{"_id":"20","msg_id":"7","address":"insert-address-token","type":"137","charset":"106"},"__recipient_addresses":[{"_id":"21","msg_id":"7","address":"+15559876543","type":"151","charset":"106","__display_name":"Carol"}],"__parts":[{"_id":"30","mid":"7","seq":"-1","ct":"application/smil","text":"<smil/>"},{"_id":"31","mid":"7","seq":"0","ct":"image/jpeg","name":"IMG_1.jpg","_data":"data/PART_1722780000_IMG_1.jpg"},{"_id":"32","mid":"7","seq":"0","ct":"text/plain","text":"see photo"}]}"#,
        #"{"_id":"8","thread_id":"6","date":"1722783600","msg_box":"1","m_type":"132","__sender_address":{"address":"+15557654321","type":"137"},"__parts":[{"ct":"image/png","_data":"data/PART_2.png"}]}"#,
        "not json at all",
    ].joined(separator: "\n") + "\n"

    static let calls = """
    [
      {
        "_id": "1",
        "number": "+15551234567",
        "date": "1722772800000",
        "duration": "65",
        "type": "2",
        "new": "1",
        "name": "Bob",
        "numbertype": "2",
        "countryiso": "US",
        "presentation": "1",
        "subscription_id": "1",
        "display_name": "Bob"
      },
      {
        "_id": "2",
        "number": "+15559876543",
        "date": "1722776400000",
        "duration": "0",
        "type": "3",
        "new": "0",
        "countryiso": "US",
        "presentation": "1"
      },
      {
        "_id": "3",
        "number": "+15559876543",
        "duration": "12",
        "type": "1",
        "countryiso": "US"
      }
    ]
    """

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "android.sms_ie", chunkSize: chunkSize)
    }

    func testMessagesNdjsonIsTwoSMSAndTwoMMSWithTwoSkips() throws {
        for size in [1, 13, 64 * 1024] {
            let r = try parse(Self.messages, path: "sms-2024.zip!messages.ndjson", chunkSize: size)
            XCTAssertEqual(r.events.map(\.text), ["Are you coming tonight?", "On my way, see you at the protest", "see photo", nil], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.product), ["sms", "sms", "mms", "mms"])
            XCTAssertEqual(r.events.map(\.authoredByOthers), [true, false, false, true])
            XCTAssertEqual(r.events.map(\.counterparty), ["Bob", "Bob", "Carol", "+15557654321"])
            XCTAssertEqual(r.events[0].time?.epochSeconds, 1_722_772_800, "SMS dates in milliseconds")
            XCTAssertEqual(r.events[2].time?.epochSeconds, 1_722_780_000, "MMS dates in seconds")
            XCTAssertEqual(r.events[0].position.line, 1)
            XCTAssertEqual(r.sink.skippedCount, 2, "chunk \(size): the unreadable date and the line that is not JSON")
            XCTAssertTrue(r.sink.errors.contains { $0.hasPrefix("line 3 record 2: ") }, "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains { $0.hasPrefix("line 7 record 5: ") }, "\(r.sink.issues)")
        }
    }

    func testCallLogIsTwoCallsWithTypeAndDuration() throws {
        for size in [1, 64 * 1024] {
            let r = try parse(Self.calls, path: "calls-2024-08-04.json", chunkSize: size)
            XCTAssertEqual(r.events.map(\.code), ["outgoing", "missed"], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.counterparty), ["Bob", "+15559876543"])
            XCTAssertEqual(r.events.map(\.quantity), [65, 0])
            XCTAssertTrue(r.events.allSatisfy { $0.kind == .activity && $0.product == "call" })
            XCTAssertEqual(r.sink.skippedCount, 1, "the call without a date")
            XCTAssertTrue(r.sink.errors.contains("record 2 (/2): no date"), "\(r.sink.issues)")
        }
    }

    func testOtherJSONIsNotClaimed() {
        let importer = SMSImportExportImporter()
        let discordLine = #"{"event_type":"app_opened","day_pt":"2024-05-14","user_id":"1"}"#
        XCTAssertNil(importer.detect(FileProbe(path: "events.json", head: Array(discordLine.utf8), size: nil)))
        let strava = #"[{"number": 1, "date": "2024-01-01", "duration": 60, "type": "Run"}]"#
        XCTAssertNil(importer.detect(FileProbe(path: "activities.json", head: Array(strava.utf8), size: nil)),
                     "number, date, duration and type alone are not Android's call log")
        XCTAssertEqual(importer.detect(FileProbe(path: "x.ndjson", head: Array(Self.messages.utf8), size: nil))?.confidence, 0.85)
    }
}
