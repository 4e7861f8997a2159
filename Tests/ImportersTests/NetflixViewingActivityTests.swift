import XCTest
import StewardCore
@testable import Importers

/// Netflix `CONTENT_INTERACTION/ViewingActivity.csv` as Netflix writes it: newest first, a
/// BOM-less UTF-8 header of ten columns, times in UTC without a zone (values invented).
final class NetflixViewingActivityTests: XCTestCase {
    static let file = """
    Profile Name,Start Time,Duration,Attributes,Title,Supplemental Video Type,Device Type,Bookmark,Latest Bookmark,Country
    Alex,2024-06-12 03:15:09,00:44:10,,"A Series: Season 2: Tuesday, Late (Episode 1)",,Android phone,00:44:10,00:44:10,GB (United Kingdom)
    Alex,2024-06-09 00:05:00,01:52:30,Autoplayed: user action: None; ,A Film,,Samsung TV,01:52:30,Not latest view,GB (United Kingdom)
    Kids,2024-06-08 17:00:00,00:22:00,,Cartoon: Season 1: Ep (Episode 2),,Samsung TV,00:22:00,00:22:00,GB (United Kingdom)
    Alex,2024-06-08 20:00:00,00:00:31,,Season 2 Trailer: A Series,TRAILER,Android phone,00:00:31,00:00:31,GB (United Kingdom)
    Alex,2024-06-07 20:00:00,00:00:10,,A Series (Hook_1),HOOK,Samsung TV,00:00:10,00:00:10,GB (United Kingdom)
    Alex,yesterday,00:10:00,,A Film,,Samsung TV,00:10:00,Not latest view,GB (United Kingdom)
    Alex,2024-06-06 20:00:00,ten minutes,,A Film,,Samsung TV,00:10:00,Not latest view,GB (United Kingdom)

    """

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "netflix.viewing", chunkSize: chunkSize)
    }

    func testViewingsAreThreeWatchEventsInUTCWithTrailersCountedAndTwoBadRowsSkipped() throws {
        for size in [1, 17, 64 * 1024] {
            let r = try parse(Self.file, path: "netflix-report/CONTENT_INTERACTION/ViewingActivity.csv", chunkSize: size)
            XCTAssertEqual(r.events.map(\.title), ["A Series: Season 2: Tuesday, Late (Episode 1)", "A Film", "Cartoon: Season 1: Ep (Episode 2)"], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.kind), [.watch, .watch, .watch])
            XCTAssertEqual(r.events[0].time?.iso8601, "2024-06-12T03:15:09Z", "Netflix writes UTC")
            XCTAssertEqual(r.events[0].time?.hourOfDay, 3)
            XCTAssertEqual(r.events[0].quantity, 44.17)
            XCTAssertEqual(r.events[0].unit, "min")
            XCTAssertEqual(r.events.map(\.counterparty), ["Alex", "Alex", "Kids"], "the profile each viewing was on")
            XCTAssertEqual(r.events[0].position.line, 2)
            XCTAssertEqual(r.sink.skippedCount, 2, "chunk \(size): 'yesterday' and 'ten minutes'")
            XCTAssertTrue(r.sink.errors.contains("line 7 record 5: unreadable start time (text, not quoted)"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("line 8 record 6: unreadable duration (text, not quoted)"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.warnings.contains("2 trailer(s) and preview(s) that play while browsing were not counted as viewings"), "\(r.sink.issues)")
        }
    }

    func testDurationReadsHoursMinutesSeconds() {
        XCTAssertEqual(NetflixViewingRowMapper.seconds("01:02:03"), 3723)
        XCTAssertEqual(NetflixViewingRowMapper.seconds("26:00:00"), 93600, "a stream left running")
        XCTAssertNil(NetflixViewingRowMapper.seconds("00:61:00"))
        XCTAssertNil(NetflixViewingRowMapper.seconds("44:10"))
    }

    func testDetectedByNetflixsColumnsNotByName() {
        let head = Array(Self.file.utf8)
        XCTAssertEqual(NetflixViewingActivityImporter().detect(FileProbe(path: "ViewingActivity.csv", head: head, size: nil))?.confidence, 0.95)
        XCTAssertEqual(NetflixViewingActivityImporter().detect(FileProbe(path: "export (1).csv", head: head, size: nil))?.confidence, 0.9)
        let history = "Title,Date\n\"A Film\",\"6/9/24\"\n"
        XCTAssertNil(NetflixViewingActivityImporter().detect(FileProbe(path: "NetflixViewingHistory.csv", head: Array(history.utf8), size: nil)),
                     "the account page's title-and-date list has no time of day: not this format")
    }
}
