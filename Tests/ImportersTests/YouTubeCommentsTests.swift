import XCTest
import StewardCore
@testable import Importers

/// YouTube `comments.csv` from Google Takeout in both layouts Takeout has written: before June
/// 2024 (`Comment ID` first, text as `{"takeoutSegments":[…]}`) and after (`Channel ID` first,
/// text as a bare run of segment objects). Values invented.
final class YouTubeCommentsTests: XCTestCase {
    static let old = """
    Comment ID,Channel ID,Comment Create Timestamp,Price,Parent Comment ID,Video ID,Comment Text
    UgxAAAAAAAAAAAAAAAAAAAAB,UCAAAAAAAAAAAAAAAAAAAAAA,2023-09-19T17:42:53.434647+00:00,0,,WtOskFeLmr4,"{""takeoutSegments"":[{""text"":""Fully support the government on this, well overdue""}]}"
    UgxAAAAAAAAAAAAAAAAAAAAC.9iwJ,UCAAAAAAAAAAAAAAAAAAAAAA,2023-08-30T01:54:46.801024+00:00,0,UgxAAAAAAAAAAAAAAAAAAAAB,jH39c5-y6kg,"{""takeoutSegments"":[{""text"":""thanks, ""},{""text"":""@someone""}]}"
    UgxAAAAAAAAAAAAAAAAAAAAD,UCAAAAAAAAAAAAAAAAAAAAAA,sometime,0,,jH39c5-y6kg,"{""takeoutSegments"":[{""text"":""late""}]}"
    UgxAAAAAAAAAAAAAAAAAAAAE,UCAAAAAAAAAAAAAAAAAAAAAA,2023-08-31T01:54:46+00:00,0,,jH39c5-y6kg,plain words



    """

    static let new = """
    Channel ID,Comment Create Timestamp,Price,Comment ID,Parent Comment ID,Video ID,Comment Text
    UCBBBBBBBBBBBBBBBBBBBBBB,2024-07-02T20:11:05.120000+00:00,0,UgyBBBBBBBBBBBBBBBBBBBBB,,rWVAzS6duAs,"{""text"":""\\u003e line one""},{""text"":""\\n""},{""text"":""line two""}"
    UCBBBBBBBBBBBBBBBBBBBBBB,2016-01-29T18:26:53.255+00:00,0,UgiBBBBBBBBBBBBBBBBB,,ZuvK-oe647c,"{""text"":""Great illustration!""}"
    UCBBBBBBBBBBBBBBBBBBBBBB,2016-01-30T18:26:53.255+00:00,0,UgiBBBBBBBBBBBBBBBBC,,ZuvK-oe647c,"{""text"":""  ""}"

    """

    func parse(_ text: String, path: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: "google.youtube_comments", chunkSize: chunkSize)
    }

    func testOlderLayoutIsTwoCommentsWithSegmentsJoinedAndTwoBadRowsSkipped() throws {
        for size in [1, 41, 64 * 1024] {
            let r = try parse(Self.old, path: "Takeout/YouTube and YouTube Music/comments/comments.csv", chunkSize: size)
            XCTAssertEqual(r.events.map(\.text), ["Fully support the government on this, well overdue", "thanks, @someone"], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.code), ["comment", "reply"])
            XCTAssertEqual(r.events.map(\.kind), [.comment, .comment])
            XCTAssertEqual(r.events[0].url, "https://www.youtube.com/watch?v=WtOskFeLmr4")
            XCTAssertEqual(r.events[0].time?.iso8601, "2023-09-19T17:42:53Z")
            XCTAssertEqual(r.sink.skippedCount, 2, "chunk \(size)")
            XCTAssertTrue(r.sink.errors.contains("line 4 record 2: unreadable timestamp (text, not quoted)"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("line 5 record 3: comment text that is not Takeout's JSON segments"), "\(r.sink.issues)")
        }
    }

    func testNewerLayoutIsTwoCommentsWithLineBreaksKeptAndABlankCommentSkipped() throws {
        for size in [1, 23, 64 * 1024] {
            let r = try parse(Self.new, path: "Takeout/YouTube and YouTube Music/comments/comments(1).csv", chunkSize: size)
            XCTAssertEqual(r.events.map(\.text), ["> line one\nline two", "Great illustration!"], "chunk \(size)")
            XCTAssertEqual(r.events.map(\.url), ["https://www.youtube.com/watch?v=rWVAzS6duAs", "https://www.youtube.com/watch?v=ZuvK-oe647c"])
            XCTAssertEqual(r.sink.skippedCount, 1)
            XCTAssertTrue(r.sink.errors.contains("line 4 record 2: a comment without text"), "\(r.sink.issues)")
        }
    }

    func testCommentTextDecodesBothLayoutsAndRejectsOtherText() {
        XCTAssertEqual(YouTubeCommentsRowMapper.words(#"{"takeoutSegments":[{"text":"a"},{"text":"b"}]}"#), "ab")
        XCTAssertEqual(YouTubeCommentsRowMapper.words(#"{"text":"a"},{"text":"b"}"#), "ab")
        XCTAssertNil(YouTubeCommentsRowMapper.words("plain words"))
        XCTAssertNil(YouTubeCommentsRowMapper.words("[1,2]"))
    }

    func testACommentThatQuotesTheOlderLayoutsKeyIsReadAsTheNewerLayout() {
        // The key inside a segment's text is escaped, so only the older layout has it bare; a
        // text that has it bare but is no older-layout object still reads as segments.
        XCTAssertTrue(YouTubeCommentsRowMapper.mentionsTakeoutSegments(#"{"takeoutSegments":[]}"#))
        XCTAssertFalse(YouTubeCommentsRowMapper.mentionsTakeoutSegments(#"{"text":"the \"takeoutSegments\" key"}"#))
        XCTAssertEqual(YouTubeCommentsRowMapper.words(#"{"text":"the \"takeoutSegments\" key"}"#), #"the "takeoutSegments" key"#)
        XCTAssertEqual(YouTubeCommentsRowMapper.words(#"{"text":"a"},{"text":"\"takeoutSegments\""}"#), #"a"takeoutSegments""#)
        XCTAssertEqual(YouTubeCommentsRowMapper.words(#"{"text":"x","note":"takeoutSegments"},{"text":"y"}"#), "xy")
    }
}
