import XCTest
@testable import Importers
@testable import StewardCore

/// Importers whose times are civil text (ISO 8601, Twitter's ctime, OFX, CAMT, chat lines):
/// one record's date moved far outside 1900–2200 (year 9999 or 0001) becomes one skipped
/// record that says so, and every other record of the same real-format fixture is still read.
final class HostileDatesTests: XCTestCase {
    private func parse(_ text: String, path: String, importer: String,
                       file: StaticString = #filePath, line: UInt = #line) throws -> ChunkedParseResult {
        let probe = FileProbe(path: path, head: Array(text.utf8.prefix(FileProbe.headLength)), size: Int64(text.utf8.count))
        guard case .success(let found) = ImporterRegistry.detect(probe) else {
            XCTFail("\(path) not recognized", file: file, line: line)
            throw ParseError("not recognized")
        }
        XCTAssertEqual(found.importer.id, importer, file: file, line: line)
        return try parseAtAllChunkSizes({ found.importer.makeParser(for: probe) }, Array(text.utf8), file: file, line: line)
    }

    /// Replaces the first `date` in `fixture` with `farDate` and compares with the original.
    private func assertFarDateIsABadRecord(_ fixture: String, path: String, importer: String, date: String, farDate: String,
                                           file: StaticString = #filePath, line: UInt = #line) throws {
        let range = try XCTUnwrap(fixture.range(of: date), "\(date) not in the fixture", file: file, line: line)
        let hostile = fixture.replacingCharacters(in: range, with: farDate)
        let original = try parse(fixture, path: path, importer: importer, file: file, line: line)
        let result = try parse(hostile, path: path, importer: importer, file: file, line: line)
        XCTAssertEqual(result.events.count, original.events.count - 1, "only the record with the far date is lost: \(result.issues)",
                       file: file, line: line)
        XCTAssertEqual(result.skipped, original.skipped + 1, "\(result.issues)", file: file, line: line)
        let added = result.issues.filter { !original.issues.contains($0) }
        XCTAssertTrue(added.contains { $0.contains("is not a plausible date (steward reads 1900–2200)") },
                      "the new problem names the date: \(added)", file: file, line: line)
    }

    func testTwitterCreatedAtInYear9999() throws {
        try assertFarDateIsABadRecord(TwitterArchiveTests.tweets, path: "data/tweets.js", importer: "twitter.archive",
                                      date: "Sun Sep 10 08:00:00 +0000 2023", farDate: "Sun Sep 10 08:00:00 +0000 9999")
    }

    func testTikTokDateInYear0001() throws {
        try assertFarDateIsABadRecord(TikTokUserDataTests.userData, path: "TikTok_Data/user_data.json", importer: "tiktok.json",
                                      date: "2023-01-03 11:00:00", farDate: "0001-01-03 11:00:00")
    }

    func testSpotifyAccountDataEndTimeInYear9999() throws {
        try assertFarDateIsABadRecord(SpotifyStreamingHistoryTests.accountData, path: "MyData/StreamingHistory0.json",
                                      importer: "spotify.streaming", date: "2019-02-03 23:58", farDate: "9999-02-03 23:58")
    }

    func testOFXPostedDateInYear9999() throws {
        try assertFarDateIsABadRecord(BankOFXParserTests.sgmlTwoAccounts, path: "statement.ofx", importer: "bank.ofx",
                                      date: "<DTPOSTED>20240205120000.000[-5:EST]", farDate: "<DTPOSTED>99990205120000.000[-5:EST]")
    }

    func testCAMTBookingDateInYear0001() throws {
        try assertFarDateIsABadRecord(BankCAMTParserTests.v2, path: "camt053.xml", importer: "bank.camt053",
                                      date: "<BookgDt><Dt>2024-03-01</Dt></BookgDt>", farDate: "<BookgDt><Dt>0001-03-01</Dt></BookgDt>")
    }

    func testMyActivityTimeInYear9999() throws {
        let activity = """
        [{"header": "Search", "title": "Searched for payday loan", "time": "2023-11-02T01:14:09.311Z", "products": ["Search"]},
         {"header": "Search", "title": "Searched for gym prices", "time": "2023-11-02T01:14:30.002Z", "products": ["Search"]},
         {"header": "Search", "title": "Searched for trains", "time": "2023-11-03T08:00:00.000Z", "products": ["Search"]}]
        """
        try assertFarDateIsABadRecord(activity, path: "Takeout/My Activity/Search/MyActivity.json",
                                      importer: "google.my_activity", date: "2023-11-02T01:14:30.002Z", farDate: "9999-11-02T01:14:30.002Z")
    }

    func testWhatsAppChatLineInYear9999() throws {
        let chat = "[31/12/2019, 23:59:59] Ana Pérez: first\r\n[01/01/2020, 00:00:05] Bob: Happy new year\r\n[02/01/2020, 10:00:00] Ana Pérez: third\r\n"
        let original = try parse(chat, path: "WhatsApp Chat with Bob.txt", importer: "whatsapp.chat")
        XCTAssertEqual(original.events.count, 3)
        let hostile = try parse(chat.replacingOccurrences(of: "01/01/2020", with: "01/01/9999"),
                                path: "WhatsApp Chat with Bob.txt", importer: "whatsapp.chat")
        XCTAssertEqual(hostile.events.map { $0.text ?? "-" }, ["first", "third"])
        XCTAssertEqual(hostile.skipped, 1)
        XCTAssertTrue(hostile.issues.contains { $0.contains("9999-01-01T00:00:05 is not a plausible date") }, hostile.issues.description)
    }

    func testLinkedInMessageDateInYear9999() throws {
        let messages = """
        CONVERSATION ID,CONVERSATION TITLE,FROM,SENDER PROFILE URL,TO,RECIPIENT PROFILE URLS,DATE,SUBJECT,CONTENT,FOLDER
        2-abc,,Sam Doe,u1,Anna Schmidt,u2,2023-01-15 10:20:30 UTC,,Hi Anna,INBOX
        2-abc,,Anna Schmidt,u2,Sam Doe,u1,2023-01-15 10:25:30 UTC,,Hello Sam,INBOX
        2-def,,Sam Doe,u1,Bo Li,u3,2023-02-15 10:20:30 UTC,,Hey Bo,INBOX
        """
        try assertFarDateIsABadRecord(messages, path: "messages.csv", importer: "linkedin.csv",
                                      date: "2023-01-15 10:25:30 UTC", farDate: "9999-01-15 10:25:30 UTC")
    }

    func testRedditCommentDateInYear0001() throws {
        let comments = """
        id,permalink,date,ip,subreddit,gildings,link,parent,body,media
        k1,https://www.reddit.com/r/union/comments/a/b/k1/,2023-01-15 10:20:30 UTC,0.0.0.0,union,0,https://www.reddit.com/r/union/comments/a/b/,,first,
        k2,https://www.reddit.com/r/union/comments/a/b/k2/,2023-01-16 10:20:30 UTC,0.0.0.0,union,0,https://www.reddit.com/r/union/comments/a/b/,,second,
        """
        try assertFarDateIsABadRecord(comments, path: "comments.csv", importer: "reddit.csv",
                                      date: "2023-01-16 10:20:30 UTC", farDate: "0001-01-16 10:20:30 UTC")
    }

    func testQIFDateInYear9999() throws {
        let qif = """
        !Type:Bank
        D03/01/2024
        T-5.00
        PCoffee
        ^
        D03/02/2024
        T-900.00
        PRent
        ^
        D03/03/2024
        T2500.00
        PSalary
        ^
        """
        try assertFarDateIsABadRecord(qif, path: "export.qif", importer: "bank.qif", date: "D03/02/2024", farDate: "D03/02/9999")
    }

    func testFacebookListTimestampAtInt64Max() throws {
        let list = """
        {"off_facebook_activity_v2": [
          {"name": "Shop A", "events": [{"id": 1, "type": "PURCHASE", "timestamp": 1700000000}]},
          {"name": "Shop B", "events": [{"id": 2, "type": "PURCHASE", "timestamp": 9223372036854775807}]},
          {"name": "Shop C", "events": [{"id": 3, "type": "PURCHASE", "timestamp": 1700000100}]}
        ]}
        """
        let original = try parse(list, path: "apps_and_websites_off_of_facebook/your_off-facebook_activity.json", importer: "meta.facebook")
        XCTAssertEqual(original.events.count, 2, "the record at Int64.max is skipped: \(original.issues)")
        XCTAssertEqual(original.skipped, 1)
        XCTAssertTrue(original.issues.contains { $0.contains("time 9223372036854775807 s since 1970 is not a plausible date") },
                      original.issues.description)
    }

    func testExifGPSRationalsDividingByZeroAndADateInYear9999() throws {
        // GPS degrees of 1/0 (infinity), 0/0 (NaN) and 4294967295/1: no position is taken from
        // them (a rational with a zero denominator reads as none), the photo's time is kept.
        let gps: [ExifPhotoTests.Field] = [
            ExifPhotoTests.ascii(0x0001, "N"),
            ExifPhotoTests.rationals(0x0002, [(1, 0), (0, 0), (4_294_967_295, 1)], littleEndian: true),
            ExifPhotoTests.ascii(0x0003, "E"),
            ExifPhotoTests.rationals(0x0004, [(4_294_967_295, 1), (1, 0), (0, 0)], littleEndian: true),
        ]
        let noPosition = ExifPhotoTests.jpeg(ExifPhotoTests.tiff(littleEndian: true, ifd0: [ExifPhotoTests.ascii(0x010F, "Cam")],
                                                                 exif: [ExifPhotoTests.ascii(0x9003, "2018:07:25 16:34:23")], gps: gps))
        let kept = try parseAtAllChunkSizes({ ExifPhotoParser() }, noPosition)
        XCTAssertEqual(kept.events.count, 1, kept.issues.description)
        XCTAssertNil(kept.events.first?.latitude)
        XCTAssertEqual(kept.events.first?.time?.iso8601, "2018-07-25T16:34:23")

        let farFuture = ExifPhotoTests.jpeg(ExifPhotoTests.tiff(littleEndian: true, ifd0: [ExifPhotoTests.ascii(0x010F, "Cam")],
                                                                exif: [ExifPhotoTests.ascii(0x9003, "9999:07:25 16:34:23")], gps: nil))
        let skipped = try parseAtAllChunkSizes({ ExifPhotoParser() }, farFuture)
        XCTAssertEqual(skipped.events.count, 0)
        XCTAssertEqual(skipped.skipped, 1)
        XCTAssertTrue(skipped.issues.contains { $0.contains("time 9999-07-25T16:34:23 is not a plausible date") }, skipped.issues.description)
    }
}
