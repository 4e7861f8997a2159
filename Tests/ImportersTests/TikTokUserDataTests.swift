import XCTest
import StewardCore
@testable import Importers

/// TikTok user_data.json in its real shape: sections of lists of `Date`-stamped records
/// (values invented).
final class TikTokUserDataTests: XCTestCase {
    static let userData = #"""
    {
      "Activity": {
        "Favorite Videos": {"FavoriteVideoList": []},
        "Follower List": {"FansList": [{"Date": "2023-01-02 10:00:00", "UserName": "ann"}]},
        "Following List": {"Following": [{"Date": "2023-01-03 11:00:00", "UserName": "protest_news"}]},
        "Like List": {"ItemFavoriteList": [{"Date": "2023-01-04 12:00:00", "Link": "https://www.tiktokv.com/share/video/1/"},
                                           {"Date": "2023-01-05 12:00:00", "Link": "https://www.tiktokv.com/share/video/2/"}]},
        "Login History": {"LoginHistoryList": [{"Date": "2023-01-01 00:00:00", "IP": "203.0.113.9", "DeviceModel": "x"}]},
        "Search History": {"SearchList": [{"Date": "2023-01-06 13:00:00", "SearchTerm": "speed dating tips"}, 7]},
        "Video Browsing History": {"VideoList": [{"Date": "2023-01-07 14:00:00", "Link": "https://www.tiktokv.com/share/video/3/"}]}
      },
      "Ads and data": {"Ad Interests": {"AdInterestCategories": "Games|Beauty"}, "Other": {"AdInterestCategories": "No|Read"}},
      "Comment": {"Comments": {"CommentsList": [{"Date": "2023-01-08 15:00:00", "Comment": "see you at the [rally], \"all\" of you", "Photo": "N/A", "Url": ""}]}},
      "Direct Messages": {"Chat History": {"ChatHistory": {
        "Chat History with ann:": [{"Date": "2023-01-09 16:00:00", "From": "me_me", "Content": "hi"},
                                   {"Date": "2023-01-09 16:01:00", "From": "ann", "Content": "hey"}],
        "Chat History with bo:": [{"Date": "2023-01-10 16:00:00", "From": "me_me", "Content": "yo"}]
      }}},
      "Profile": {"Profile Information": {"ProfileMap": {"userName": "me_me"}}},
      "Video": {"Videos": {"VideoList": [{"Date": "2023-01-11 17:00:00", "Link": "https://www.tiktokv.com/share/video/4/", "Likes": "3"}]}}
    }
    """#

    func parse(_ text: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        let probe = FileProbe(path: "TikTok_Data/user_data.json", head: Array(text.utf8.prefix(FileProbe.headLength)), size: nil)
        guard case .success(let found) = ImporterRegistry.detect(probe) else {
            XCTFail("not recognized")
            throw ParseError("not recognized")
        }
        XCTAssertEqual(found.importer.id, "tiktok.json")
        var parser = found.importer.makeParser(for: probe)
        let collector = EventCollector()
        try parser.parseAll(Array(text.utf8), chunkSize: chunkSize, into: collector.sink)
        return (collector.events, collector.sink)
    }

    func testListsAcrossChunkBoundaries() throws {
        for chunk in [1, 2, 13, 64 * 1024] {
            let result = try parse(Self.userData, chunkSize: chunk)
            XCTAssertEqual(result.events.map(\.kind), [.contact, .contact, .like, .like, .search, .watch, .adInterest, .adInterest,
                                                       .comment, .post, .message, .message, .message], "chunk \(chunk)")
            XCTAssertEqual(result.events[6...7].map(\.text), ["Games", "Beauty"])
            XCTAssertEqual(result.events[7].product, "ad interests")
            XCTAssertEqual(result.sink.skippedCount, 1, "the 7 in SearchList")
            XCTAssertEqual(result.events[1].counterparty, "protest_news")
            XCTAssertEqual(result.events[4].text, "speed dating tips")
            XCTAssertEqual(result.events[4].time?.iso8601, "2023-01-06T13:00:00")
            XCTAssertEqual(result.events[8].text, "see you at the [rally], \"all\" of you", "brackets and commas inside strings")
            XCTAssertEqual(result.events[10...].map(\.authoredByOthers), [false, true, false])
            XCTAssertEqual(result.events[11].position.pointer, "/…/Chat History/ChatHistory/Chat History with ann:/1")
            XCTAssertFalse(result.events.contains { $0.text?.contains("203.0.113.9") ?? false }, "login history is not read")
        }
    }

    func testOtherJSONIsNotClaimed() {
        let probe = FileProbe(path: "x.json", head: Array(#"{"Activity": {"steps": 3}}"#.utf8), size: nil)
        XCTAssertNil(TikTokUserDataImporter().detect(probe))
    }
}
