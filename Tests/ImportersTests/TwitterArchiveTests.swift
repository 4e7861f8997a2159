import XCTest
import StewardCore
@testable import Importers

/// Twitter/X archive data files in their real shape: `window.YTD.<name>.part0 = [ … ]`, ids
/// and counts as strings (values invented).
final class TwitterArchiveTests: XCTestCase {
    func probe(_ text: String, path: String) -> FileProbe {
        FileProbe(path: path, head: Array(text.utf8.prefix(FileProbe.headLength)), size: Int64(text.utf8.count))
    }

    func parse(_ text: String, path: String = "data/x.js", chunkSize: Int = 64 * 1024) throws -> (events: [Event], sink: EventSink) {
        let p = probe(text, path: path)
        let detection = try XCTUnwrap(TwitterArchiveImporter().detect(p))
        XCTAssertGreaterThanOrEqual(detection.confidence, 0.9)
        var parser = TwitterArchiveImporter().makeParser(for: p)
        let collector = EventCollector()
        try parser.parseAll(Array(text.utf8), chunkSize: chunkSize, into: collector.sink)
        return (collector.events, collector.sink)
    }

    static let tweets = """
    window.YTD.tweets.part0 = [
      {
        "tweet" : {
          "edit_info" : { "initial" : { "editTweetIds" : [ "1700000000000000001" ], "editableUntil" : "2023-09-10T02:22:13.942Z", "editsRemaining" : "5", "isEditEligible" : false } },
          "retweeted" : false,
          "entities" : { "hashtags" : [ { "text" : "protest", "indices" : [ "20", "28" ] } ], "symbols" : [ ], "user_mentions" : [ ], "urls" : [ ] },
          "display_text_range" : [ "0", "28" ],
          "favorite_count" : "3",
          "id_str" : "1700000000000000001",
          "id" : "1700000000000000001",
          "created_at" : "Sat Sep 09 23:52:13 -0200 2023",
          "full_text" : "Everyone to the square #protest",
          "lang" : "en"
        }
      },
      {
        "tweet" : {
          "id_str" : "1700000000000000002",
          "created_at" : "Sun Sep 10 08:00:00 +0000 2023",
          "full_text" : "@ann sure",
          "in_reply_to_screen_name" : "ann"
        }
      },
      { "tweet" : { "id_str" : "3", "created_at" : "not a date" } }
    ]
    """

    func testTweetsAcrossChunkBoundaries() throws {
        for chunk in [1, 3, 17, 64 * 1024] {
            let result = try parse(Self.tweets, path: "data/tweets.js", chunkSize: chunk)
            XCTAssertEqual(result.events.count, 2, "chunk \(chunk)")
            XCTAssertEqual(result.sink.skippedCount, 1, "the tweet without text")
            let first = result.events[0]
            XCTAssertEqual(first.source, "twitter.archive")
            XCTAssertEqual(first.kind, .post)
            XCTAssertEqual(first.text, "Everyone to the square #protest")
            XCTAssertEqual(first.time?.iso8601, "2023-09-09T23:52:13-02:00")
            XCTAssertEqual(first.time?.epochSeconds, 1_694_310_733)
            XCTAssertEqual(first.url, "https://x.com/i/web/status/1700000000000000001", "ids stay exact strings")
            XCTAssertEqual(result.events[1].counterparty, "@ann")
        }
    }

    func testPersonalizationInterestsAndDemographics() throws {
        let text = """
        window.YTD.personalization.part0 = [ { "p13nData" : {
          "demographics" : { "languages" : [ { "language" : "German", "isDisabled" : false }, { "language" : "French", "isDisabled" : true } ],
                             "genderInfo" : { "gender" : "female" } },
          "interests" : { "interests" : [ { "name" : "Cats", "isDisabled" : false }, { "name" : "Payday loans", "isDisabled" : true } ],
                          "partnerInterests" : [ ], "audienceAndAdvertisers" : { "lookalikeAdvertisers" : [ "@a" ], "advertisers" : [ "@b" ], "numAudiences" : "9" },
                          "shows" : [ "Queer Eye" ] },
          "locationHistory" : [ ], "inferredAgeInfo" : { "age" : [ "25-34" ], "birthDate" : "" } } } ]
        """
        let events = try parse(text, path: "data/personalization.js").events
        XCTAssertEqual(events.map(\.text), ["Cats", "Queer Eye", "language: German", "gender: female", "age: 25-34"])
        XCTAssertEqual(events.map(\.product), ["interests", "shows", "demographics", "demographics", "demographics"])
        XCTAssertTrue(events.allSatisfy { $0.kind == .adInterest })
        XCTAssertEqual(events[0].position.pointer, "/0/p13nData/interests/interests/0")
    }

    static let directMessages = """
    window.YTD.direct_messages.part0 = [ {
      "dmConversation" : { "conversationId" : "111-222", "messages" : [
        { "messageCreate" : { "recipientId" : "111", "reactions" : [ ], "urls" : [ ], "text" : "see you at the rally", "mediaUrls" : [ ], "senderId" : "222", "id" : "9", "createdAt" : "2022-02-09T15:23:38.501Z" } },
        { "messageCreate" : { "recipientId" : "222", "text" : "ok", "senderId" : "111", "id" : "8", "createdAt" : "2022-02-09T15:20:00.000Z" } } ] } },
      { "dmConversation" : { "conversationId" : "111-333", "messages" : [
        { "joinConversation" : { "initiatingUserId" : "333" } },
        { "messageCreate" : { "recipientId" : "111", "text" : "hi", "senderId" : "333", "id" : "7", "createdAt" : "2022-03-01T10:00:00.000Z" } } ] } } ]
    """

    func testDirectMessagesAttributeTheOtherSide() throws {
        let events = try parse(Self.directMessages, path: "data/direct-messages.js").events
        XCTAssertEqual(events.count, 3)
        XCTAssertEqual(events.map(\.authoredByOthers), [true, false, true], "111 takes part in every message: the owner")
        XCTAssertEqual(events[1].counterparty, "222")
        XCTAssertEqual(events[2].position.pointer, "/1/dmConversation/messages/1")
    }

    /// Elements read on their own thread (`RecordReadingThread`, here after every few bytes of
    /// elements) reach the sink as they would inline: the same events, authors and issues in
    /// file order, for tweets, direct messages (whose owner is guessed across the file) and a
    /// truncated file.
    func testElementsReadOnTheirOwnThreadAreTheSameInTheSameOrder() throws {
        // Cut just inside the third tweet: two whole ones before it.
        let third = Self.tweets.ranges(of: "\"tweet\"")[2].upperBound
        let truncated = String(Self.tweets[..<third])
        for (text, file) in [(Self.tweets, TwitterArchiveFile.tweets), (Self.directMessages, .directMessages), (truncated, .tweets)] {
            func run(_ parser: TwitterArchiveParser) throws -> (lines: [String], issues: [String]) {
                var parser = parser
                let collector = EventCollector()
                try parser.parseAll(Array(text.utf8), chunkSize: 7, into: collector.sink)
                return (collector.events.map { "\(describe($0)) | \($0.authoredByOthers)" }, collector.sink.issues)
            }
            let inline = try run(TwitterArchiveParser(file: file))
            XCTAssertFalse(inline.lines.isEmpty, "\(file)")
            for batch in [1, 64, 500] {
                let threaded = try run(TwitterArchiveParser(file: file, readingBatchBytes: batch))
                XCTAssertEqual(threaded.lines, inline.lines, "batches of \(batch) bytes")
                XCTAssertEqual(threaded.issues, inline.issues, "batches of \(batch) bytes")
            }
        }
    }

    func testLikesFollowingAdImpressionsAndAccount() throws {
        let likes = """
        window.YTD.like.part0 = [ { "like" : { "tweetId" : "1", "fullText" : "Join the union", "expandedUrl" : "https://twitter.com/i/web/status/1" } } ]
        """
        XCTAssertEqual(try parse(likes, path: "data/like.js").events.first?.kind, .like)
        let following = """
        window.YTD.following.part0 = [ { "following" : { "accountId" : "42", "userLink" : "https://twitter.com/intent/user?user_id=42" } } ]
        """
        XCTAssertEqual(try parse(following, path: "data/following.js").events.first?.counterparty, "https://twitter.com/intent/user?user_id=42")
        let impressions = """
        window.YTD.ad_impressions.part0 = [ { "ad" : { "adsUserData" : { "adImpressions" : { "impressions" : [ {
          "deviceInfo" : { "osType" : "Ios" }, "displayLocation" : "TimelineHome",
          "advertiserInfo" : { "advertiserName" : "QuickLoans", "screenName" : "@quickloans" },
          "matchedTargetingCriteria" : [ { "targetingType" : "Keywords", "targetingValue" : "debt" }, { "targetingType" : "Age", "targetingValue" : "25 to 34" } ],
          "impressionTime" : "2021-06-01 14:05:09" } ] } } } } ]
        """
        let ad = try XCTUnwrap(try parse(impressions, path: "data/ad-impressions.js").events.first)
        XCTAssertEqual(ad.kind, .adInterest)
        XCTAssertEqual(ad.text, "Keywords: debt; Age: 25 to 34")
        XCTAssertEqual(ad.counterparty, "QuickLoans")
        XCTAssertEqual(ad.time?.iso8601, "2021-06-01T14:05:09")
        let account = """
        window.YTD.account.part0 = [ { "account" : { "email" : "a@example.org", "createdVia" : "web", "username" : "ann", "accountId" : "111", "createdAt" : "2010-01-01T10:00:00.000Z", "accountDisplayName" : "Ann" } } ]
        """
        let a = try XCTUnwrap(try parse(account, path: "data/account.js").events.first)
        XCTAssertEqual(a.counterparty, "@ann")
        XCTAssertNil(a.text, "the e-mail address is not copied")
    }

    func testDetectionByPrefixOnly() {
        XCTAssertNil(TwitterArchiveImporter().detect(probe("[1,2]", path: "data/tweets.js")))
        XCTAssertNil(TwitterArchiveImporter().detect(probe("var x = [1]", path: "x.js")))
        let unknown = TwitterArchiveImporter().detect(probe("window.YTD.block.part0 = [ ]", path: "data/block.js"))
        XCTAssertEqual(unknown?.confidence ?? 1, 0.2, accuracy: 0.001)
        XCTAssertTrue(unknown?.reason.contains("\"block\"") ?? false)
        XCTAssertNotNil(TwitterArchiveImporter().detect(probe("window.YTD.tweets.part1 = [ ]", path: "renamed.txt")))
    }

    func testMissingArrayIsAFileError() {
        var parser = TwitterArchiveParser(file: .tweets)
        let collector = EventCollector()
        XCTAssertThrowsError(try parser.parseAll(Array("window.YTD.tweets.part0 = ".utf8), into: collector.sink))
    }
}
