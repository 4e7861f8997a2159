import XCTest
import StewardCore
@testable import Importers

/// Netflix `CONTENT_INTERACTION/Ratings.csv` as Netflix writes it: eight columns, one row per
/// title rated, thumbs (1 down, 2 up, 3 two up) or the old stars, times in UTC without a zone
/// (values invented).
final class NetflixRatingsTests: XCTestCase {
    static let file = """
    Profile Name,Title Name,Rating Type,Star Value,Thumbs Value,Device Model,Event Utc Ts,Region View Date
    Alex,A Series,thumb,0,2,Android phone,2024-06-02 01:10:41,2024-06-02
    Alex,A Film,thumb,0,1,Samsung TV,2024-06-03 22:00:05,2024-06-03
    Alex,"Another Film, Part 2",thumb,0,3,Samsung TV,2024-06-04 23:30:00,2024-06-05
    Kids,A Cartoon,thumb,0,0,Samsung TV,2024-06-05 17:00:00,2024-06-05
    Alex,An Old Comedy,star,4,0,Web browser,2016-11-20 20:15:00,2016-11-20
    Alex,A Documentary,thumb,0,2,Android phone,last night,2024-06-06
    Alex,A Thriller,thumb,0,9,Android phone,2024-06-07 21:00:00,2024-06-07

    """

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "netflix.ratings", chunkSize: chunkSize)
    }

    func testFourRatingsAreActivityInUTCWithARowWithoutRatingCountedAndABadTimeAndABadValueSkipped() throws {
        for size in [1, 23, 64 * 1024] {
            let r = try parse(Self.file, path: "netflix-report/CONTENT_INTERACTION/Ratings.csv", chunkSize: size)
            XCTAssertEqual(r.events.map(\.title), ["A Series", "A Film", "Another Film, Part 2", "An Old Comedy"], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.kind), [.activity, .activity, .activity, .activity])
            XCTAssertEqual(r.events.map(\.code), ["thumbs up", "thumbs down", "two thumbs up", "4 stars"])
            XCTAssertEqual(r.events.map(\.counterparty), ["Alex", "Alex", "Alex", "Alex"], "the profile that rated")
            XCTAssertEqual(r.events.map(\.product), ["Netflix", "Netflix", "Netflix", "Netflix"])
            XCTAssertEqual(r.events[0].time?.iso8601, "2024-06-02T01:10:41Z", "Netflix writes UTC")
            XCTAssertEqual(r.events[0].position.line, 2)
            XCTAssertEqual(r.sink.skippedCount, 2, "chunk \(size): 'last night' and thumbs value 9")
            XCTAssertTrue(r.sink.errors.contains("line 7 record 5: unreadable timestamp (text, not quoted)"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("line 8 record 6: unreadable rating"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.warnings.contains("1 row(s) with neither thumbs nor stars were not read"), "\(r.sink.issues)")
        }
    }

    func testDetectedByNetflixsColumnsNotByNameAndNotTakenForTheOtherNetflixFiles() {
        let head = Array(Self.file.utf8)
        XCTAssertEqual(NetflixRatingsImporter().detect(FileProbe(path: "Ratings.csv", head: head, size: nil))?.confidence, 0.95)
        XCTAssertEqual(NetflixRatingsImporter().detect(FileProbe(path: "export.csv", head: head, size: nil))?.confidence, 0.9)
        XCTAssertNil(NetflixViewingActivityImporter().detect(FileProbe(path: "Ratings.csv", head: head, size: nil)))
        XCTAssertNil(NetflixSearchHistoryImporter().detect(FileProbe(path: "Ratings.csv", head: head, size: nil)))
        XCTAssertNil(NetflixRatingsImporter().detect(FileProbe(path: "ViewingActivity.csv", head: Array(NetflixViewingActivityTests.file.utf8), size: nil)))
        XCTAssertNil(NetflixRatingsImporter().detect(FileProbe(path: "SearchHistory.csv", head: Array(NetflixSearchHistoryTests.file.utf8), size: nil)))
    }

    /// MyList.csv shares Profile Name and Title Name but has no rating or timestamp columns.
    func testMyListIsNotTakenForRatings() {
        let myList = "Profile Name,Country,Utc Title Add Date,Title Name\nAlex,GB,2024-06-01,A Series\n"
        XCTAssertNil(NetflixRatingsImporter().detect(FileProbe(path: "MyList.csv", head: Array(myList.utf8), size: nil)))
    }
}
