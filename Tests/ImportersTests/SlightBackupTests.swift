import XCTest
@testable import Importers
import StewardCore

/// Android message and call-log backups written by Slight Backup (open source; the layout its
/// exporters write: every column of Android's tables as attributes, the message body as the
/// element's text, the contact of a call as `name`), read by the SMS backup importer as the
/// same facts SMS Backup & Restore writes.
final class SlightBackupTests: XCTestCase {
    static let messages = """
        <?xml version="1.0" encoding="utf-8"?>
        <messages date="1709805600000" count="4">
        <message date="1709290800000" address="+4915112345678" type="1" read="1" status="-1" locked="0">Are you coming to the clinic tomorrow?</message>
        <message date="1709291100000" address="+4915112345678" type="2" read="1" status="-1" service_center="+491760000443" locked="0">Yes, 9:30 &amp; then work</message>
        <message date="soon" address="+4915112345678" type="2" read="1" status="-1" locked="0">lost</message>
        <message date="1709377500000" address="Bank" type="1" read="0" status="-1" locked="0"></message>
        </messages>

        """

    static let calls = """
        <?xml version="1.0" encoding="utf-8"?>
        <calls date="1709805600000" count="3">
        <call number="+4915112345678" date="1709290700000" duration="65" type="1" new="0" name="Dr. Weber" numbertype="2" countryiso="DE"></call>
        <call number="+493012345" date="1709380000000" duration="0" type="3" new="1" countryiso="DE"></call>
        <call number="+493012345" duration="12" type="2" new="0"></call>
        </calls>

        """

    private func parse(_ text: String, chunk: Int = 64 * 1024) throws -> (EventCollector, [Event]) {
        var parser = SMSBackupParser()
        let collector = EventCollector()
        try parser.parseAll(Array(text.utf8), chunkSize: chunk, into: collector.sink)
        return (collector, collector.events)
    }

    func testSlightBackupMessagesGiveThreeMessagesWithTheirBodiesAndSkipTheUndatedOne() throws {
        let (collector, events) = try parse(Self.messages)
        XCTAssertEqual(events.count, 3)
        XCTAssertEqual(events.map(\.text), ["Are you coming to the clinic tomorrow?", "Yes, 9:30 & then work", nil])
        XCTAssertEqual(events.map(\.authoredByOthers), [true, false, true])
        XCTAssertEqual(events.map(\.counterparty), ["+4915112345678", "+4915112345678", "Bank"])
        XCTAssertEqual(events.first?.time?.iso8601, "2024-03-01T11:00:00Z")
        XCTAssertEqual(collector.sink.skippedCount, 1)
        XCTAssertEqual(collector.sink.errors, ["line 5 record 2: no readable date (text, not quoted)"])
    }

    func testSlightBackupMessagesInThreeByteChunksGiveTheSameBodies() throws {
        let (_, events) = try parse(Self.messages, chunk: 3)
        XCTAssertEqual(events.map(\.text), ["Are you coming to the clinic tomorrow?", "Yes, 9:30 & then work", nil])
    }

    func testSlightBackupCallsGiveTwoCallsWithTheNameColumnAsContact() throws {
        let (collector, events) = try parse(Self.calls)
        XCTAssertEqual(events.count, 2)
        XCTAssertEqual(events.map(\.code), ["incoming", "missed"])
        XCTAssertEqual(events.map(\.counterparty), ["Dr. Weber", "+493012345"])
        XCTAssertEqual(collector.sink.skippedCount, 1)
    }

    func testImporterTakesSlightBackupFilesByContent() {
        let importer = SMSBackupImporter()
        XCTAssertEqual(importer.detect(FileProbe(path: "SlightBackup/messages_export_1709805600000.xml", head: Array(Self.messages.utf8), size: nil))?.confidence, 0.95)
        XCTAssertEqual(importer.detect(FileProbe(path: "x/renamed.xml", head: Array(Self.messages.utf8), size: nil))?.confidence, 0.9)
        XCTAssertEqual(importer.detect(FileProbe(path: "SlightBackup/calllogs_export_1709805600000.xml", head: Array(Self.calls.utf8), size: nil))?.confidence, 0.95)
        let strings = "<?xml version=\"1.0\"?><messages><message name=\"hello\">Hi</message></messages>"
        XCTAssertNil(importer.detect(FileProbe(path: "res/messages.xml", head: Array(strings.utf8), size: nil)), "a resource file of UI strings is not a backup")
    }
}
