import XCTest
@testable import Importers
@testable import StewardCore

/// SMS Backup & Restore XML, written here in the app's real shape.
final class SMSBackupTests: XCTestCase {
    static let smsXML = """
    <?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
    <!--File Created By SMS Backup & Restore v10.18.102 on 04/08/2024 12:00:00-->
    <?xml-stylesheet type="text/xsl" href="sms.xsl"?>
    <smses count="4" backup_set="x" backup_date="1722772800000" type="full">
      <sms protocol="0" address="+15551234567" date="1722772800123" type="1" subject="null" body="Pay back the &quot;loan&quot; &amp; more &#233;&#x1F600; &bogus;" toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" date_sent="1722772799000" sub_id="1" readable_date="Aug 4, 2024 2:00:00 PM" contact_name="Bob Smith" />
      <sms protocol="0" address="+15551234567" date="1722776400000" type="2" subject="null" body="ok
    second line" toa="null" sc_toa="null" service_center="null" read="1" status="-1" locked="0" readable_date="4 Aug 2024 15:00:00" contact_name="(Unknown)" />
      <mms date="1722780000000" ct_t="application/vnd.wap.multipart.related" msg_box="2" address="+15559876543" readable_date="2024-08-04 16:00:00" contact_name="Carol">
        <parts>
          <part seq="-1" ct="application/smil" name="null" chset="null" text="&lt;smil&gt;&lt;/smil&gt;" />
          <part seq="0" ct="image/jpeg" name="IMG.jpg" chset="null" cl="IMG.jpg" text="null" data="/9j/4AAQSkZJRgABAQAAAQABAAD" />
          <part seq="0" ct="text/plain" name="null" chset="106" cl="txt000.txt" text="see photo" />
        </parts>
        <addrs>
          <addr address="+15559876543" type="151" charset="106" />
        </addrs>
      </mms>
      <sms protocol="0" address="null" date="null" type="1" body="no date" />
    </smses>
    """

    func testMessagesTimesOffsetsAndAuthors() throws {
        let result = try parseAtAllChunkSizes({ SMSBackupParser() }, Array(Self.smsXML.utf8))
        XCTAssertEqual(result.events.count, 3)
        XCTAssertEqual(result.skipped, 1)
        let e = result.events
        XCTAssertEqual(e[0].text, "Pay back the \"loan\" & more é😀 &bogus;", "predefined and numeric entities only")
        XCTAssertEqual(e[0].counterparty, "Bob Smith")
        XCTAssertTrue(e[0].authoredByOthers, "type 1 = received")
        XCTAssertEqual(e[0].time?.iso8601, "2024-08-04T14:00:00+02:00", "readable_date gives the phone's offset")
        XCTAssertEqual(e[0].position.line, 5)
        XCTAssertEqual(e[1].text, "ok\nsecond line")
        XCTAssertEqual(e[1].counterparty, "+15551234567", "(Unknown) contact: the number")
        XCTAssertFalse(e[1].authoredByOthers, "type 2 = sent")
        XCTAssertEqual(e[1].time?.hourOfDay, 15)
        XCTAssertEqual(e[2].product, "mms")
        XCTAssertEqual(e[2].text, "see photo")
        XCTAssertEqual(e[2].counterparty, "Carol")
        XCTAssertFalse(e[2].authoredByOthers)
        XCTAssertEqual(e[2].time?.iso8601, "2024-08-04T16:00:00+02:00")
        XCTAssertTrue(e.allSatisfy { $0.source == "android.sms_backup" && $0.kind == .message })
    }

    func testCallsAndOldFilesWithoutReadableDate() throws {
        let xml = """
        <?xml version='1.0' encoding='UTF-8' standalone='yes' ?>
        <calls count="2">
        <call number="+15551234567" duration="65" date="1312452353000" type="2" presentation="1" readable_date="null" contact_name="null" />
        <call number="+15557654321" duration="0" date="1312473895759" type="3" presentation="1" contact_name="Dr Who" />
        </calls>
        """
        let result = try parseAtAllChunkSizes({ SMSBackupParser() }, Array(xml.utf8))
        XCTAssertEqual(result.events.map(\.kind), [.activity, .activity])
        XCTAssertEqual(result.events.map { $0.code ?? "-" }, ["outgoing", "missed"])
        XCTAssertEqual(result.events.map { $0.counterparty ?? "-" }, ["+15551234567", "Dr Who"])
        XCTAssertEqual(result.events[0].time?.iso8601, "2011-08-04T10:05:53Z", "epoch milliseconds, UTC without readable_date")
    }

    func testDTDIsSkippedAndEntitiesNeverExpanded() throws {
        let xml = """
        <?xml version="1.0"?>
        <!DOCTYPE smses [ <!ENTITY lol "lol"> <!ENTITY lol2 "&lol;&lol;&lol;"> <!ATTLIST sms body CDATA "x"> ]>
        <smses count="1"><sms address="1" date="1312452353000" type="1" body="&lol2;" /></smses>
        """
        let result = try parseAtAllChunkSizes({ SMSBackupParser() }, Array(xml.utf8))
        XCTAssertEqual(result.events.map(\.text), ["&lol2;"])
        XCTAssertTrue(result.issues.contains { $0.contains("document type declaration skipped") }, "\(result.issues)")
    }

    func testTruncatedFileAndHugeAttributes() throws {
        let truncated = String(Self.smsXML.prefix(Self.smsXML.count - 200))
        let result = try parseAtAllChunkSizes({ SMSBackupParser() }, Array(truncated.utf8))
        XCTAssertEqual(result.events.count, 2)
        XCTAssertTrue(result.issues.contains { $0.contains("truncated") }, "\(result.issues)")

        let huge = "<smses count=\"1\"><mms date=\"1312452353000\" msg_box=\"1\"><parts><part ct=\"image/jpeg\" data=\""
            + String(repeating: "A", count: 3_000_000) + "\"/><part ct=\"text/plain\" text=\"hi\"/></parts></mms></smses>"
        var parser = SMSBackupParser()
        let collector = EventCollector()
        try parser.parseAll(Array(huge.utf8), chunkSize: 1 << 16, into: collector.sink)
        XCTAssertEqual(collector.events.map(\.text), ["hi"])
        XCTAssertTrue(collector.events[0].authoredByOthers)

        var notSMS = SMSBackupParser()
        XCTAssertThrowsError(try notSMS.parseAll(Array("<html><body>x</body></html>".utf8), into: EventCollector().sink))
    }

    /// Tokens replayed on their own thread (`RecordReadingThread`, here after every few bytes)
    /// reach the records as they would inline: the same events and issues in order for SMS with
    /// MMS, a truncated file, a document type declaration and Slight Backup's messages, whose
    /// bodies are element text.
    func testTokensReplayedOnTheirOwnThreadGiveTheSameRecordsInTheSameOrder() throws {
        let doctype = "<?xml version=\"1.0\"?><!DOCTYPE smses [ <!ENTITY a \"b\"> ]><smses count=\"1\">"
            + "<sms address=\"1\" date=\"1312452353000\" type=\"1\" body=\"&a;\" /></smses>"
        let texts = [Self.smsXML, String(Self.smsXML.prefix(Self.smsXML.count - 200)), doctype,
                     SlightBackupTests.messages, SlightBackupTests.calls]
        func lines(_ result: ChunkedParseResult) -> [String] { result.events.map { "\(describe($0)) | \($0.authoredByOthers)" } }
        for text in texts {
            let inline = try parseAtAllChunkSizes({ SMSBackupParser() }, Array(text.utf8))
            XCTAssertFalse(inline.events.isEmpty)
            for batch in [1, 90, 600] {
                let threaded = try parseAtAllChunkSizes({ SMSBackupParser(readingBatchBytes: batch) }, Array(text.utf8))
                XCTAssertEqual(lines(threaded), lines(inline), "batches of \(batch) bytes")
                XCTAssertEqual(threaded.issues, inline.issues, "batches of \(batch) bytes")
            }
        }
    }

    func testDetectionByContent() {
        func confidence(_ text: String, _ name: String) -> Double? {
            SMSBackupImporter().detect(FileProbe(path: "/s/" + name, head: Array(text.utf8), size: nil))?.confidence
        }
        XCTAssertGreaterThanOrEqual(confidence(Self.smsXML, "backup.txt") ?? 0, 0.9)
        XCTAssertGreaterThanOrEqual(confidence("<?xml version='1.0'?>\n<calls count=\"0\">\n</calls>", "calls-20240101.xml") ?? 0, 0.9)
        XCTAssertNil(confidence("<?xml version=\"1.0\"?><OFX><BANKMSGSRSV1></BANKMSGSRSV1></OFX>", "sms-1.xml"))
        XCTAssertNil(confidence("<html><body>smses</body></html>", "x.html"))
    }

    func testReadableDateOffsets() {
        let epoch: Int64 = 1722772800 // 2024-08-04T12:00:00Z
        XCTAssertEqual(SMSReadableDate.utcOffset(readable: "Aug 4, 2024 2:00:00 PM", epochSeconds: epoch), 7200)
        XCTAssertEqual(SMSReadableDate.utcOffset(readable: "4 Aug 2024 07:30:00", epochSeconds: epoch), -16200)
        XCTAssertEqual(SMSReadableDate.utcOffset(readable: "04.08.2024 17:45:00", epochSeconds: epoch), 20700)
        XCTAssertNil(SMSReadableDate.utcOffset(readable: "Aug 9, 2024 2:00:00 PM", epochSeconds: epoch), "days apart: no offset")
        XCTAssertNil(SMSReadableDate.utcOffset(readable: "4 août 2024 14:00:00", epochSeconds: epoch))
    }
}
