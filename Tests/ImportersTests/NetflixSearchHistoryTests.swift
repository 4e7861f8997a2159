import XCTest
import StewardCore
@testable import Importers

/// Netflix `CONTENT_INTERACTION/SearchHistory.csv` as Netflix writes it: a header of nine
/// columns, one row per title a query listed or was acted on, times in UTC without a zone
/// (values invented).
final class NetflixSearchHistoryTests: XCTestCase {
    static let file = """
    Profile Name,Country Iso,Device,Is Kids,Query Typed,Displayed Name,Action,Section,Utc Timestamp
    Alex,GB,Android phone,0,divorce,A Marriage Story,play,search results,2024-06-02 22:10:41
    Alex,GB,Android phone,0,divorce,Another Divorce Drama,impression,search results,2024-06-02 22:10:41
    Alex,GB,Android phone,0,pregnancy,Nine Months,add to list,search results,2024-06-03 00:40:12
    Kids,GB,Samsung TV,1,pregnancy,A Baby Cartoon,play,search results,2024-06-03 17:00:00
    Alex,GB,Samsung TV,0,,A Film,play,suggestions,2024-06-04 20:00:00
    Alex,GB,Samsung TV,0,debt help,Money Show,play,search results,last night
    Alex,GB,Samsung TV,0,"loans, quick",Money Show,impression,search results,2024-06-05 21:00:00

    """

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "netflix.search", chunkSize: chunkSize)
    }

    func testQueriesAreFourSearchEventsInUTCWithARepeatCountedOnceARowWithoutQueryCountedAndABadTimeSkipped() throws {
        for size in [1, 23, 64 * 1024] {
            let r = try parse(Self.file, path: "netflix-report/CONTENT_INTERACTION/SearchHistory.csv", chunkSize: size)
            XCTAssertEqual(r.events.map(\.text), ["divorce", "pregnancy", "pregnancy", "loans, quick"], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.kind), [.search, .search, .search, .search])
            XCTAssertEqual(r.events.map(\.counterparty), ["Alex", "Alex", "Kids", "Alex"], "the profile each query was typed on")
            XCTAssertEqual(r.events.map(\.code), ["play", "add to list", "play", "impression"])
            XCTAssertEqual(r.events[1].time?.iso8601, "2024-06-03T00:40:12Z", "Netflix writes UTC")
            XCTAssertEqual(r.events[0].position.line, 2)
            XCTAssertNil(r.events[0].title, "the title Netflix showed is not the person's words")
            XCTAssertEqual(r.sink.skippedCount, 1, "chunk \(size): 'last night'")
            XCTAssertTrue(r.sink.errors.contains("line 7 record 5: unreadable timestamp (text, not quoted)"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.warnings.contains("1 row(s) repeating the search before them (another title the same query listed) were counted once"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.warnings.contains("1 row(s) without a typed query were not read"), "\(r.sink.issues)")
        }
    }

    func testDetectedByNetflixsColumnsNotByNameAndNotTakenForViewingActivity() {
        let head = Array(Self.file.utf8)
        XCTAssertEqual(NetflixSearchHistoryImporter().detect(FileProbe(path: "SearchHistory.csv", head: head, size: nil))?.confidence, 0.95)
        XCTAssertEqual(NetflixSearchHistoryImporter().detect(FileProbe(path: "export.csv", head: head, size: nil))?.confidence, 0.9)
        XCTAssertNil(NetflixViewingActivityImporter().detect(FileProbe(path: "SearchHistory.csv", head: head, size: nil)))
        XCTAssertNil(NetflixSearchHistoryImporter().detect(FileProbe(path: "ViewingActivity.csv", head: Array(NetflixViewingActivityTests.file.utf8), size: nil)))
    }
}
