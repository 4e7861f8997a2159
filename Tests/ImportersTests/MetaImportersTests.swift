import XCTest
import StewardCore
@testable import Importers
@testable import Formats

/// Facebook and Instagram "Download Your Information" JSON: inline fixtures in the real shapes
/// (values invented), mojibake escapes as Meta writes them.
final class MetaImportersTests: XCTestCase {
    func probe(_ text: String, path: String) -> FileProbe {
        FileProbe(path: path, head: Array(text.utf8.prefix(FileProbe.headLength)), size: Int64(text.utf8.count))
    }

    /// Detects with the registry (as a scan does) and parses with the chosen importer.
    func scan(_ text: String, path: String, chunkSize: Int = 64 * 1024) throws -> (importer: String, events: [Event], sink: EventSink) {
        let p = probe(text, path: path)
        guard case .success(let found) = ImporterRegistry.detect(p) else {
            XCTFail("\(path) not recognized")
            throw ParseError("not recognized")
        }
        let collector = EventCollector()
        var parser = found.importer.makeParser(for: p)
        try parser.parseAll(Array(text.utf8), chunkSize: chunkSize, into: collector.sink)
        return (found.importer.id, collector.events, collector.sink)
    }

    // MARK: mojibake

    func testMojibakeRepairUndoesLatin1EscapedUTF8() {
        XCTAssertEqual(MojibakeRepair.repair("Jen\u{00C5}\u{0091} Rejt\u{00C5}\u{0091}"), "Jenő Rejtő")
        XCTAssertEqual(MojibakeRepair.repair("D\u{00C3}\u{00A9}r D\u{00C3}\u{00A9}nes"), "Dér Dénes")
        XCTAssertEqual(MojibakeRepair.repair("OUT! \u{00E2}\u{009D}\u{00A4}"), "OUT! ❤")
        XCTAssertEqual(MojibakeRepair.repair("\u{00F0}\u{009F}\u{0098}\u{00AE}"), "😮")
        XCTAssertEqual(MojibakeRepair.repair("\u{00E6}\u{0097}\u{00A5}\u{00E6}\u{009C}\u{00AC}"), "日本")
    }

    func testMojibakeRepairLeavesGenuineTextAlone() {
        XCTAssertEqual(MojibakeRepair.repair("plain ascii"), "plain ascii")
        XCTAssertEqual(MojibakeRepair.repair("Café"), "Café", "a real é followed by ASCII is not UTF-8 as bytes")
        XCTAssertEqual(MojibakeRepair.repair("Ünïcödé ✓"), "Ünïcödé ✓", "characters beyond U+00FF: already correct")
        XCTAssertEqual(MojibakeRepair.repair("日本"), "日本")
        XCTAssertEqual(MojibakeRepair.repair("\u{00C3}"), "\u{00C3}", "a lone lead byte stays as it is")
        XCTAssertNil(MojibakeRepair.repair(nil as String?))
    }

    // MARK: message threads

    static let thread = #"""
    {
      "participants": [{"name": "Foo Bar"}, {"name": "Jen\u00c5\u0091 Rejt\u00c5\u0091"}],
      "messages": [
        {"sender_name": "Jen\u00c5\u0091 Rejt\u00c5\u0091", "timestamp_ms": 1596910928321, "content": "Caf\u00c3\u00a9 at 6? \u00e2\u009d\u00a4", "type": "Generic"},
        {"sender_name": "Foo Bar", "timestamp_ms": 1588500928123, "content": "Join the protest tomorrow", "type": "Generic"},
        {"sender_name": "Jen\u00c5\u0091 Rejt\u00c5\u0091", "timestamp_ms": 1587850928047, "photos": [{"uri": "messages/inbox/x/photos/1.jpg"}], "type": "Generic"},
        {"sender_name": "Jen\u00c5\u0091 Rejt\u00c5\u0091", "timestamp_ms": 1585850928047, "content": "ok", "type": "Generic"},
        {"sender_name": "Foo Bar", "content": "no time", "type": "Generic"}
      ],
      "title": "Foo Bar",
      "is_still_participant": true,
      "thread_type": "Regular",
      "thread_path": "inbox/foobar_n5fd6gG50h"
    }
    """#

    func testThreadAttributesOthersMessagesAndRepairsText() throws {
        for chunk in [1, 7, 64 * 1024] {
            let result = try scan(Self.thread, path: "messages/inbox/foobar_n5fd6gG50h/message_1.json", chunkSize: chunk)
            XCTAssertEqual(result.importer, "meta.facebook")
            XCTAssertEqual(result.events.count, 4, "chunk \(chunk)")
            XCTAssertEqual(result.sink.skippedCount, 1, "the message without timestamp_ms")
            let first = result.events[0]
            XCTAssertEqual(first.kind, .message)
            XCTAssertEqual(first.text, "Café at 6? ❤")
            XCTAssertEqual(first.time?.epochSeconds, 1_596_910_928)
            XCTAssertFalse(first.authoredByOthers, "Jenő sends most: the owner")
            XCTAssertEqual(first.counterparty, "Foo Bar")
            XCTAssertEqual(first.position.pointer, "/messages/0")
            let other = result.events[1]
            XCTAssertTrue(other.authoredByOthers)
            XCTAssertEqual(other.counterparty, "Foo Bar")
            XCTAssertEqual(other.excerpt(), "[message from another person: not quoted]")
            XCTAssertEqual(result.events[2].title, "[photo]")
            XCTAssertNil(result.events[2].text)
        }
    }

    func testOwnerTieGoesToTheParticipantListedLast() throws {
        let text = #"""
        {"participants": [{"name": "Ann"}, {"name": "Me Myself"}],
         "messages": [{"sender_name": "Ann", "timestamp_ms": 2000, "content": "hi"},
                      {"sender_name": "Me Myself", "timestamp_ms": 1000, "content": "hello"}]}
        """#
        let events = try scan(text, path: "x/message_1.json").events
        XCTAssertEqual(events.map(\.authoredByOthers), [true, false])
    }

    func testEncryptedMessengerExportUsesCamelCaseKeys() throws {
        let text = #"""
        {"participants": ["Ann", "Me"], "threadName": "Ann",
         "messages": [{"isUnsent": false, "media": [], "reactions": [], "senderName": "Me", "text": "see you", "timestamp": 1700000000000, "type": "text"},
                      {"isUnsent": false, "media": [], "reactions": [], "senderName": "Me", "text": "bye", "timestamp": 1700000100000, "type": "text"}]}
        """#
        let events = try scan(text, path: "e2ee/Ann_1.json").events
        XCTAssertEqual(events.map(\.text), ["see you", "bye"])
        XCTAssertEqual(events.first?.time?.epochSeconds, 1_700_000_000)
        XCTAssertEqual(events.map(\.authoredByOthers), [false, false])
    }

    func testInstagramThreadIsAttributedToInstagram() throws {
        let text = #"{"participants": [{"name": "a"}, {"name": "b"}], "messages": [{"sender_name": "b", "timestamp_ms": 1000, "content": "x"}]}"#
        let result = try scan(text, path: "your_instagram_activity/messages/inbox/a_1/message_1.json")
        XCTAssertEqual(result.importer, "meta.instagram")
        XCTAssertEqual(result.events.first?.product, "Instagram Direct")
    }

    // MARK: lists

    func testFriendsOldAndNewKeys() throws {
        let old = #"{"friends": [{"name": "T\u00c5\u0091ke Hal", "timestamp": 1582290479}, {"name": "", "timestamp": 1}]}"#
        let result = try scan(old, path: "friends/friends.json")
        XCTAssertEqual(result.importer, "meta.facebook")
        XCTAssertEqual(result.events.map(\.counterparty), ["Tőke Hal"])
        XCTAssertEqual(result.events.first?.kind, .contact)
        XCTAssertEqual(result.events.first?.time?.epochSeconds, 1_582_290_479)
        XCTAssertEqual(result.sink.skippedCount, 1)
        let v2 = #"{"friends_v2": [{"name": "Ann", "timestamp": 1600000000}]}"#
        XCTAssertEqual(try scan(v2, path: "connections/friends/your_friends.json").events.count, 1)
    }

    func testInstagramAdsInterestsWithLocalizedLabels() throws {
        let text = #"""
        {"inferred_data_ig_interest": [
          {"title": "", "media_map_data": {}, "string_map_data": {"Interesse": {"href": "", "value": "Wandern", "timestamp": 0}}},
          {"title": "", "media_map_data": {}, "string_map_data": {"Int\u00c3\u00a9r\u00c3\u00aat": {"href": "", "value": "Caf\u00c3\u00a9s", "timestamp": 0}}}
        ]}
        """#
        let result = try scan(text, path: "ads_interests.json")
        XCTAssertEqual(result.importer, "meta.instagram")
        XCTAssertEqual(result.events.map(\.text), ["Wandern", "Cafés"])
        XCTAssertEqual(result.events.map(\.kind), [.adInterest, .adInterest])
        XCTAssertEqual(result.events.first?.product, "ads interests")
        XCTAssertNil(result.events.first?.time, "timestamp 0 means unknown")
    }

    func testFacebookAdsInformationFiles() throws {
        let topics = #"{"topics_v2": ["Cycling", "Payday loans"]}"#
        XCTAssertEqual(try scan(topics, path: "ads_information/ads_interests.json").events.map(\.text), ["Cycling", "Payday loans"])
        let advertisers = #"""
        {"custom_audiences_all_types_v2": [{"advertiser_name": "Acme Insurance", "has_data_file_custom_audience": true,
          "has_remarketing_custom_audience": false, "has_in_person_store_visit": false}]}
        """#
        let adv = try scan(advertisers, path: "ads_information/advertisers_using_your_activity_or_information.json").events
        XCTAssertEqual(adv.first?.counterparty, "Acme Insurance")
        XCTAssertEqual(adv.first?.kind, .adInterest)
        let offFacebook = #"""
        {"off_facebook_activity_v2": [{"name": "Tinder", "events": [{"id": 1, "type": "CUSTOM", "timestamp": 1600000000},
          {"id": 2, "type": "PURCHASE", "timestamp": 1650000000}]}]}
        """#
        let off = try scan(offFacebook, path: "apps_and_websites_off_of_facebook/your_off-facebook_activity.json").events
        XCTAssertEqual(off.first?.counterparty, "Tinder")
        XCTAssertEqual(off.first?.text, "2 events shared with Facebook")
        XCTAssertEqual(off.first?.time?.epochSeconds, 1_650_000_000)
    }

    /// The 2024 exporter writes ad categories as one object of `label_values` whose `vec` lists
    /// the values (Facebook `your_facebook_activity/ads_information/`, Instagram
    /// `ads_information/instagram_ads_and_businesses/`); values are invented, the shape is real.
    func testFacebook2024LabelValuesAdCategoriesAreOneRecordPerValue() throws {
        let categories = #"""
        {
          "label_values": [
            {
              "label": "Name",
              "vec": [
                {"value": "Frequent international travelers"},
                {"value": "Away from family"},
                {"value": "Small business owners"},
                {"value": "Caf\u00c3\u00a9 lovers"}
              ],
              "ent_field_name": "ent_name"
            }
          ],
          "fbid": "100012345678901",
          "media": []
        }
        """#
        let fb = try scan(categories, path: "facebook-ann-2024/your_facebook_activity/ads_information/other_categories_used_to_reach_you.json")
        XCTAssertEqual(fb.importer, "meta.facebook")
        XCTAssertEqual(fb.events.count, 4)
        XCTAssertEqual(fb.events.map(\.text), ["Frequent international travelers", "Away from family", "Small business owners", "Café lovers"])
        XCTAssertEqual(Set(fb.events.map(\.kind)), [.adInterest])
        XCTAssertEqual(Set(fb.events.compactMap(\.product)), ["other categories used to reach you"])
        XCTAssertEqual(fb.events.map(\.position.pointer), (0..<4).map { "/label_values/0/vec/\($0)" })
        XCTAssertEqual(fb.sink.skippedCount, 0)

        // The same bytes split into 7-byte chunks give the same records.
        XCTAssertEqual(try scan(categories, path: "ads_information/other_categories_used_to_reach_you.json", chunkSize: 7).events.map(\.text),
                       fb.events.map(\.text))

        let ig = try scan(categories, path: "instagram-ann/ads_information/instagram_ads_and_businesses/other_categories_used_to_reach_you.json")
        XCTAssertEqual(ig.importer, "meta.instagram")
        XCTAssertEqual(ig.events.count, 4)

        // Advertisers in the same layout: plain values and dict rows (label/value pairs).
        let advertisers = #"""
        {"label_values": [
          {"label": "Advertisers", "vec": [
            {"value": "Acme Insurance"},
            {"dict": [{"label": "Advertiser name", "value": "Lendwell Loans"}, {"label": "Source", "value": "Data file"}]},
            {"timestamp_value": 1700000000}
          ]}
        ], "fbid": "100012345678901"}
        """#
        let adv = try scan(advertisers, path: "your_facebook_activity/ads_information/advertisers_using_your_activity_or_information.json")
        XCTAssertEqual(adv.events.map(\.counterparty), ["Acme Insurance", "Lendwell Loans"])
        XCTAssertEqual(Set(adv.events.compactMap(\.product)), ["advertisers using your activity or information"])
        XCTAssertEqual(adv.sink.skippedCount, 1, "the entry without a value is reported, not dropped silently")

        // label_values in a file that is not an ads list is not read as one.
        let settings = #"{"label_values": [{"label": "Subscribed", "value": "No"}]}"#
        if case .success = ImporterRegistry.detect(probe(settings, path: "ads_information/subscription_for_no_ads.json")) {
            XCTFail("a settings file must not be read as an ads list")
        }
    }

    func testPostsCommentsReactionsGroupsSearchesAndEvents() throws {
        let posts = #"""
        [{"timestamp": 1600000000, "data": [{"post": "Off to the demo gegen Rassismus #protest"}, {"update_timestamp": 1600000001}],
          "title": "Ann updated her status."},
         {"timestamp": 1600000100, "attachments": [{"data": [{"external_context": {"url": "https://example.org/a"}}]}], "title": "Ann shared a link."}]
        """#
        let p = try scan(posts, path: "your_posts_1.json")
        XCTAssertEqual(p.events.map(\.kind), [.post, .post])
        XCTAssertEqual(p.events[0].text, "Off to the demo gegen Rassismus #protest")
        XCTAssertEqual(p.events[1].url, "https://example.org/a")

        let comments = #"""
        {"comments_v2": [{"timestamp": 1600000000, "data": [{"comment": {"timestamp": 1600000000, "comment": "Amen \u00f0\u009f\u0099\u008f", "author": "Ann"}}],
          "title": "Ann commented on Bob's post."}]}
        """#
        let c = try scan(comments, path: "comments.json").events
        XCTAssertEqual(c.first?.kind, .comment)
        XCTAssertEqual(c.first?.text, "Amen 🙏")

        let reactions = #"[{"timestamp": 1600000000, "data": [{"reaction": {"reaction": "LIKE", "actor": "Ann"}}], "title": "Ann liked Bob's post."}]"#
        let r = try scan(reactions, path: "likes_and_reactions_1.json").events
        XCTAssertEqual(r.first?.kind, .like)
        XCTAssertEqual(r.first?.text, "LIKE")

        let groups = #"{"groups_joined_v2": [{"timestamp": 1600000000, "data": [{"name": "Food Bank Volunteers"}], "title": "You became a member of Food Bank Volunteers"}]}"#
        let g = try scan(groups, path: "your_group_membership_activity.json").events
        XCTAssertEqual(g.first?.title, "Food Bank Volunteers")
        XCTAssertEqual(g.first?.product, "groups joined")

        let pages = #"{"page_likes_v2": [{"name": "Parship", "timestamp": 1600000000}]}"#
        XCTAssertEqual(try scan(pages, path: "pages.json").events.first?.kind, .like)

        let searches = #"""
        {"searches_v2": [{"timestamp": 1600000000, "attachments": [{"data": [{"text": "speed dating berlin"}]}],
          "data": [{"text": "speed dating berlin"}], "title": "You searched Facebook"}]}
        """#
        let s = try scan(searches, path: "your_search_history.json").events
        XCTAssertEqual(s.first?.kind, .search)
        XCTAssertEqual(s.first?.text, "speed dating berlin")

        let events = #"""
        {"event_responses_v2": {"events_joined": [{"name": "CSD K\u00c3\u00b6ln", "start_timestamp": 1656806400, "end_timestamp": 0}],
          "events_declined": [{"name": "Other", "start_timestamp": 1}]}}
        """#
        let e = try scan(events, path: "your_event_responses.json").events
        XCTAssertEqual(e.map(\.title), ["CSD Köln"])
        XCTAssertEqual(e.first?.time?.epochSeconds, 1_656_806_400)
        XCTAssertEqual(e.first?.position.pointer, "/event_responses_v2/events_joined/0")
    }

    func testInstagramTopLevelArrays() throws {
        let followers = #"[{"title": "", "media_list_data": [], "string_list_data": [{"href": "https://www.instagram.com/ann", "value": "ann", "timestamp": 1600000000}]}]"#
        let f = try scan(followers, path: "connections/followers_and_following/followers_1.json")
        XCTAssertEqual(f.importer, "meta.instagram")
        XCTAssertEqual(f.events.first?.counterparty, "ann")
        let comments = #"[{"string_map_data": {"Kommentar": {"value": "Sch\u00c3\u00b6n!"}, "Medieninhaber": {"value": "ann"}, "Zeit": {"timestamp": 1600000000}}}]"#
        let c = try scan(comments, path: "your_instagram_activity/comments/post_comments_1.json").events
        XCTAssertEqual(c.first?.text, "Schön!")
        XCTAssertEqual(c.first?.time?.epochSeconds, 1_600_000_000)
    }

    // MARK: detection and robustness

    func testUnrelatedJSONIsNotClaimed() {
        for (text, path) in [(#"{"locations": [{"latitudeE7": 1}]}"#, "Records.json"),
                             (#"[{"header": "Search", "title": "Searched for x", "time": "2024-01-01T00:00:00Z"}]"#, "My Activity.json"),
                             (#"{"name": "chat", "type": "personal_chat", "messages": []}"#, "result.json"),
                             (#"{"participants": 3}"#, "x.json")] {
            XCTAssertNil(FacebookJSONImporter().detect(probe(text, path: path)), path)
            XCTAssertNil(InstagramJSONImporter().detect(probe(text, path: path)), path)
        }
    }

    func testBadRecordsAreSkippedAndTruncationReported() throws {
        let text = #"{"friends_v2": [{"name": "Ann", "timestamp": 1}, 42, {"name": "Bob", "timestamp": "#
        let result = try scan(text, path: "friends.json", chunkSize: 5)
        XCTAssertEqual(result.events.map(\.counterparty), ["Ann"])
        XCTAssertEqual(result.sink.skippedCount, 2, "the number and the truncated record")
    }

    func testHTMLDownloadIsRecognizedAndAdvisesJSON() throws {
        let html = """
        <!DOCTYPE html><html><head><meta charset="utf-8" /><title>Your Posts</title></head>
        <body class="_5vb_ _2yq _a7o5"><div class="_a705"><div class="_a706" role="main"><div class="pam _3-95 _2ph- _a6-g">
        """
        let p = probe(html, path: "facebook-ann-2024.zip!your_facebook_activity/posts/your_posts__check_ins__photos_and_videos_1.html")
        guard case .success(let found) = ImporterRegistry.detect(p) else { return XCTFail("HTML download not recognized") }
        XCTAssertEqual(found.importer.id, "meta.html")
        var parser = found.importer.makeParser(for: p)
        let collector = EventCollector()
        XCTAssertThrowsError(try parser.parseAll(Array(html.utf8), into: collector.sink)) { error in
            XCTAssertTrue("\(error)".contains("request the download again with Format: JSON"), "\(error)")
        }
        // Google's HTML My Activity is not Meta's.
        let google = "<html><head><title>My Activity</title></head><body><div class=\"mdl-grid\">Searched for</div>"
        XCTAssertNil(MetaHTMLImporter().detect(probe(google, path: "Takeout/My Activity/Search/MyActivity.html")))
    }
}
