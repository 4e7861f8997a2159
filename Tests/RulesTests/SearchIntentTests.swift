import XCTest
import Rules
import StewardCore

/// Search intent (docs/rules.md "Search intent"): a topic marker in the same field cancels a
/// search rule's hit unless the rule opts out; every other kind — posts, messages, pages liked,
/// groups joined, payments, visits — meets only the rule's own topics.
final class SearchIntentTests: XCTestCase {
    static let rules = """
    rules:
      - id: finance.gambling.search
        attribute: finance.gambling
        title: Gambling searches
        confidence: 0.5
        match:
          lexicons: [gambling]
          topics: {except: [topic_games], terms: [casino royale]}
        examples:
          positive:
            - {source: google.my_activity, kind: search, text: casino games}
          negative:
            - {source: google.my_activity, kind: search, text: casino lyrics}
      - id: health.alcohol.any_intent
        attribute: health.alcohol
        title: Any mention, whatever the intent
        confidence: 0.3
        match:
          terms: [gin]
          intent: any
        examples:
          positive:
            - {source: google.my_activity, kind: search, text: gin recipe}
          negative:
            - {source: google.my_activity, kind: search, text: tonic}
    """

    private var fixture: RuleDirectoryFixture!
    private var ruleSet: RuleSet!

    override func setUpWithError() throws {
        fixture = try RuleDirectoryFixture(files: [
            "signals/test.yaml": Self.rules,
            "lexicons/topic_media.en.txt": "lyrics\nsong\n",
            "lexicons/topic_hobby.en.txt": "recipe\n",
            "lexicons/topic_games.en.txt": "games\n",
        ])
        ruleSet = try RuleSet.load(directory: fixture.rulesDirectory)
    }

    private func fired(_ text: String, kind: EventKind = .search, field: Event.Field = .text) -> [String] {
        let session = InferenceSession(ruleSet: ruleSet)
        var event = Event(source: "google.my_activity", kind: kind, time: nil, position: .line(1))
        if field == .title { event.title = text } else { event.text = text }
        return session.process(event, path: "a.json")
    }

    func testRuleExamplesPass() {
        XCTAssertEqual(RuleExampleRunner.run(ruleSet), [])
    }

    func testTopicMarkerInTheSameFieldCancelsASearchPageViewOrWatch() {
        XCTAssertEqual(fired("casino"), ["finance.gambling.search"])
        XCTAssertEqual(fired("casino lyrics"), [])
        XCTAssertEqual(fired("casino song", kind: .pageView, field: .title), [])
        XCTAssertEqual(fired("casino song", kind: .watch, field: .title), [])
    }

    func testAMarkerInAWatchOrPageTitleCancelsAHitInItsChannelOrURL() {
        let session = InferenceSession(ruleSet: ruleSet)
        let watch = Event(source: "google.youtube", kind: .watch, title: "The final table song", counterparty: "Casino Channel", position: .line(1))
        XCTAssertEqual(session.process(watch, path: "a.json"), [], "the title's marker speaks for the channel")
        let page = Event(source: "google.chrome_history", kind: .pageView, title: "Lyrics of the week", url: "https://example.org/casino", position: .line(2))
        XCTAssertEqual(session.process(page, path: "b.json"), [], "the title's marker speaks for the URL")
        let plain = Event(source: "google.youtube", kind: .watch, title: "The final table", counterparty: "Casino Channel", position: .line(3))
        XCTAssertEqual(session.process(plain, path: "a.json"), ["finance.gambling.search"], "without a marker the channel's hit counts")
    }

    func testDropIsRecordedWithTheField() {
        let session = InferenceSession(ruleSet: ruleSet)
        session.process(Event(source: "google.my_activity", kind: .search, text: "casino lyrics", position: .line(1)), path: "a.json")
        XCTAssertEqual(session.lastDrops, [InferenceSession.RuleDrop(rule: "finance.gambling.search", reason: .topicMarker("text"))])
    }

    func testExceptedSharedMarkersAndRuleTermsBehaveAsDeclared() {
        XCTAssertEqual(fired("casino games"), ["finance.gambling.search"], "topic_games is excepted")
        XCTAssertEqual(fired("casino royale"), [], "rule topic terms cancel")
    }

    func testIntentAnyOptsOut() {
        XCTAssertEqual(fired("gin recipe"), ["health.alcohol.any_intent"])
    }

    func testTransactionsIgnoreSharedTopicMarkers() {
        let session = InferenceSession(ruleSet: ruleSet)
        let event = Event(source: "bank.csv", kind: .transaction, text: "CASINO SONG BAR", position: .line(1))
        XCTAssertEqual(session.process(event, path: "a.csv"), ["finance.gambling.search"])
    }

    func testPostsMessagesTransactionsAndVisitsMeetOnlyTheRuleOwnTopics() {
        XCTAssertEqual(fired("casino lyrics", kind: .post), ["finance.gambling.search"], "shared markers act on searches only")
        XCTAssertEqual(fired("watched casino royale again", kind: .post), [], "the rule's own topic terms act on posts")
        XCTAssertEqual(fired("watched casino royale again", kind: .message), [])
        let session = InferenceSession(ruleSet: ruleSet)
        let payment = Event(source: "bank.csv", kind: .transaction, text: "CASINO ROYALE BAR", position: .line(1))
        XCTAssertEqual(session.process(payment, path: "a.csv"), [], "the rule's own topic terms act on a payment")
        var visit = Event(source: "google.timeline", kind: .visit, position: .line(2))
        visit.place = "Casino Royale Cinema, 1 High St"
        XCTAssertEqual(session.process(visit, path: "b.json"), [], "and on a visit")
        visit.place = "Casino Baden, 1 High St"
        XCTAssertEqual(session.process(visit, path: "b.json"), ["finance.gambling.search"], "without the topic the visit counts")
        let plainPayment = Event(source: "bank.csv", kind: .transaction, text: "CASINO BADEN", position: .line(3))
        XCTAssertEqual(session.process(plainPayment, path: "a.csv"), ["finance.gambling.search"], "without the topic the payment counts")
    }

    func testPagesLikedAndGroupsJoinedMeetOnlyTheRuleOwnTopics() {
        XCTAssertEqual(fired("Casino Royale fan club", kind: .like, field: .title), [], "the rule's own topic terms act on a page's name")
        XCTAssertEqual(fired("Casino Royale fan club", kind: .activity, field: .title), [], "and on a group's name")
        XCTAssertEqual(fired("casino lyrics club", kind: .activity, field: .title), ["finance.gambling.search"],
                       "shared markers act on searches only")
    }

    func testBadIntentValuesAndExceptNamesAreFileErrors() throws {
        let badIntent = Self.rules.replacingOccurrences(of: "intent: any", with: "intent: topic")
        let exceptNonTopic = Self.rules.replacingOccurrences(of: "except: [topic_games]", with: "except: [gambling]")
        for (text, message) in [
            (badIntent, "rules/signals/x.yaml:20: intent must be one of: need, any, got 'topic'"),
            (exceptNonTopic, "rules/signals/x.yaml:8: topics except names shared topic-marker lexicons (topic_*), got 'gambling'"),
        ] {
            let fixture = try RuleDirectoryFixture(files: ["signals/x.yaml": text, "lexicons/topic_games.en.txt": "games\n"])
            XCTAssertThrowsError(try RuleSet.load(directory: fixture.rulesDirectory)) { error in
                XCTAssertEqual("\(error)", message)
            }
        }
    }
}
