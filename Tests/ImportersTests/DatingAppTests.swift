import XCTest
import StewardCore
@testable import Importers

/// Dating-app data downloads in their real layouts (values invented): Tinder's `data.json`
/// (sections in the alphabetical order Tinder writes them, so `Messages` comes before `Usage`)
/// and Hinge's `matches.json`.
final class DatingAppTests: XCTestCase {
    static let tinder = """
    {
      "Campaigns": {"current_campaigns": [], "expired_campaigns": []},
      "Experiences": {},
      "Messages": [
        {"match_id": "Match 1", "messages": [
          {"to": 0, "from": "You", "message": "Hey! Don&rsquo;t you love hiking?", "sent_date": "Fri, 01 Mar 2024 21:14:09 GMT"},
          {"to": 0, "from": "You", "message": "", "sent_date": "Fri, 01 Mar 2024 21:15:00 GMT", "type": "gif", "fixed_height": "https://media.example.invalid/g.gif"}
        ]},
        {"match_id": "Match 2", "messages": [
          {"to": 1, "from": "You", "message": "See you", "sent_date": "yesterday"},
          {"to": 1, "from": "You", "message": "Coffee at 10?", "sent_date": "Sat, 02 Mar 2024 08:00:00 GMT", "type": "1"}
        ]},
        {"match_id": "Match 3", "messages": []}
      ],
      "Photos": ["https://images.example.invalid/1.jpg"],
      "Purchases": {"subscription": [], "consumable": []},
      "Spotify": {"spotify_connected": false},
      "Usage": {
        "app_opens": {"2024-03-01": 7, "2024-03-02": 0, "2024-03-03": 2},
        "swipes_likes": {"2024-03-01": 31, "2024-03-03": 5},
        "swipes_passes": {"2024-03-01": 80},
        "superlikes": {"2024-03-01": 1},
        "matches": {"2024-03-01": 2, "2024-13-40": 1},
        "messages_sent": {"2024-03-01": 3},
        "messages_received": {"2024-03-01": "many"},
        "advertising_id": {"2024-03-01": "00000000-0000-0000-0000-000000000000"},
        "idfa": {},
        "swipes_by_region": {"2024-03-01": 4}
      },
      "User": {"birth_date": "1995-01-01T00:00:00.000Z", "gender": "F", "interested_in": "M", "create_date": "2023-01-01T00:00:00.000Z"}
    }
    """

    static let hinge = """
    [
      {"like": [{"timestamp": "2024-04-01 18:02:11", "like": [{"timestamp": "2024-04-01 18:02:11", "comment": "Great taste in books"}]}],
       "match": [{"timestamp": "2024-04-01 20:30:00"}],
       "chats": [{"body": "Hi! Which book are you reading?", "timestamp": "2024-04-01 20:45:10"},
                 {"body": "Coffee on Sunday?", "timestamp": "2024-04-02T09:00:00"}],
       "we_met": [{"timestamp": "2024-04-10 12:00:00", "did_meet_subject": "Yes", "was_my_type": true}]},
      {"match": [{"timestamp": "2024-04-03 10:00:00"}],
       "voice_notes": [{"url": "https://media.example.invalid/v.m4a", "timestamp": "2024-04-03 11:00:00"}],
       "block": [{"block_type": "remove", "timestamp": "2024-04-04 10:00:00"}]},
      {"like": [{"timestamp": "last week"}], "highlights": [{"timestamp": "2024-04-05 10:00:00"}]},
      42
    ]
    """

    func parse(_ text: String, path: String, id: String, chunkSize: Int) throws -> (events: [Event], sink: EventSink) {
        try parseDetected(text, path: path, expecting: id, chunkSize: chunkSize)
    }

    func testTinderDailyCountsAndSentMessagesAreElevenEventsWithThreeSkips() throws {
        for size in [1, 7, 64 * 1024] {
            let r = try parse(Self.tinder, path: "myData/data.json", id: "tinder.data", chunkSize: size)
            XCTAssertEqual(r.events.count, 11, "chunk \(size)")
            XCTAssertEqual(r.sink.skippedCount, 3, "chunk \(size): the 'yesterday' message, day 2024-13-40, count \"many\"")
            let messages = r.events.filter { $0.kind == .message }
            XCTAssertEqual(messages.map(\.text), ["Hey! Don\u{2019}t you love hiking?", nil, "Coffee at 10?"])
            XCTAssertEqual(messages.map(\.counterparty), ["Match 1", "Match 1", "Match 2"])
            XCTAssertEqual(messages[0].time?.iso8601, "2024-03-01T21:14:09Z")
            XCTAssertEqual(messages[1].title, "gif")
            XCTAssertNil(messages[2].title, "type 1 is Tinder's code for plain text")
            XCTAssertEqual(messages[0].position.pointer, "/Messages/0/messages/0")
            let usage = r.events.filter { $0.kind == .activity }
            XCTAssertEqual(usage.map { $0.code ?? "" }, ["app_opens", "app_opens", "swipes_likes", "swipes_likes", "swipes_passes",
                                                          "superlikes", "matches", "messages_sent"])
            XCTAssertEqual(usage.map { $0.quantity ?? -1 }, [7, 2, 31, 5, 80, 1, 2, 3])
            XCTAssertEqual(usage[0].text, "7 app opens")
            XCTAssertEqual(usage[5].text, "1 super like")
            XCTAssertEqual(usage[0].time?.iso8601, "2024-03-01")
            XCTAssertEqual(usage[0].position.pointer, "/Usage/app_opens/2024-03-01")
            XCTAssertTrue(r.events.allSatisfy { $0.source == "tinder.data" && !$0.authoredByOthers })
            XCTAssertFalse(r.events.contains { $0.code == "advertising_id" || $0.code == "idfa" }, "device identifiers are not read")
            XCTAssertTrue(r.sink.warnings.contains("Usage lists not read: swipes_by_region"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains("at /Usage/matches/2024-13-40: unreadable day '2024-13-40'"), "\(r.sink.issues)")
            XCTAssertFalse(r.sink.issues.contains { $0.contains("See you") || $0.contains("many") }, "no message quotes record text: \(r.sink.issues)")
        }
    }

    func testTinderSentDateReadsRFC1123AndISO() {
        XCTAssertEqual(TinderDataParser.parseSentDate("Tue, 30 Nov 2021 05:08:21 GMT")?.iso8601, "2021-11-30T05:08:21Z")
        XCTAssertEqual(TinderDataParser.parseSentDate("2021-11-30T05:08:21.000Z")?.iso8601, "2021-11-30T05:08:21Z")
        XCTAssertNil(TinderDataParser.parseSentDate("Tue, 30 Nov 2021 05:08:21 PST"), "a zone Tinder does not write is not guessed")
        XCTAssertNil(TinderDataParser.parseSentDate("2021-11-30"), "a date without a time is not a message time")
    }

    func testTinderIsDetectedByItsSectionsNotByTheNameDataJSON() {
        let head = Array(Self.tinder.utf8)
        XCTAssertEqual(TinderDataImporter().detect(FileProbe(path: "data.json", head: head, size: nil))?.confidence, 0.95)
        XCTAssertEqual(TinderDataImporter().detect(FileProbe(path: "tinder-export.json", head: head, size: nil))?.confidence, 0.9)
        let other = #"{"Usage": {"cpu": 3}, "Messages": [{"id": 1, "text": "hello"}]}"#
        XCTAssertNil(TinderDataImporter().detect(FileProbe(path: "data.json", head: Array(other.utf8), size: nil)))
    }

    func testHingeThreadsAreEightEventsWithTwoSkipsAndTheUnknownListNamed() throws {
        for size in [1, 5, 64 * 1024] {
            let r = try parse(Self.hinge, path: "export/matches.json", id: "hinge.matches", chunkSize: size)
            XCTAssertEqual(r.events.count, 8, "chunk \(size)")
            XCTAssertEqual(r.sink.skippedCount, 2, "chunk \(size): the like dated 'last week' and the element 42")
            XCTAssertEqual(r.events.map { $0.code ?? "" }, ["like", "match", "chats", "chats", "we_met", "match", "voice_notes", "block"])
            XCTAssertEqual(r.events.map(\.kind), [.activity, .activity, .message, .message, .activity, .activity, .message, .activity])
            XCTAssertEqual(r.events[0].text, "Great taste in books", "the comment sent with a like is the person's words")
            XCTAssertEqual(r.events[2].text, "Hi! Which book are you reading?")
            XCTAssertEqual(r.events[2].counterparty, "profile 1")
            XCTAssertEqual(r.events[3].time?.iso8601, "2024-04-02T09:00:00", "Hinge writes no zone: none is claimed")
            XCTAssertEqual(r.events[4].title, "answered \"did you meet?\": Yes")
            XCTAssertEqual(r.events[7].title, "removed the profile (remove)")
            XCTAssertEqual(r.events[7].counterparty, "profile 2")
            XCTAssertEqual(r.events[2].position.pointer, "/0/chats/0")
            XCTAssertTrue(r.sink.warnings.contains("Hinge lists not read: highlights"), "\(r.sink.issues)")
            XCTAssertTrue(r.sink.errors.contains { $0.hasSuffix("unreadable timestamp (text, not quoted)") }, "\(r.sink.issues)")
        }
    }

    func testHingeNeedsItsListsAndAnotherArrayOfTimestampsIsNotClaimed() {
        let head = Array(Self.hinge.utf8)
        XCTAssertEqual(HingeMatchesImporter().detect(FileProbe(path: "matches.json", head: head, size: nil))?.confidence, 0.95)
        XCTAssertEqual(HingeMatchesImporter().detect(FileProbe(path: "x.json", head: head, size: nil))?.confidence, 0.8)
        let likes = #"[{"title": "someone", "string_list_data": [{"href": "https://example.invalid", "value": "like", "timestamp": 1700000000}]}]"#
        XCTAssertNil(HingeMatchesImporter().detect(FileProbe(path: "matches.json", head: Array(likes.utf8), size: nil)))
        let oneList = #"[{"match": [{"timestamp": "2024-04-03 10:00:00"}]}]"#
        XCTAssertNil(HingeMatchesImporter().detect(FileProbe(path: "games.json", head: Array(oneList.utf8), size: nil)),
                     "one list under another name is too little")
    }
}
