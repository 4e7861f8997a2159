import XCTest
import Rules
import StewardCore

/// The matcher finds the rules a record can fire from the automaton groups it hit, each masked
/// by the fields its rules read (docs/performance.md, "Rules found from the groups hit"): a
/// hit in a field a rule does not read cannot fire it, rules that need no hit are always
/// asked, and the rules fire in rule-file order.
final class RulesFromGroupsHitTests: XCTestCase {
    static let rules = """
    rules:
      - id: finance.gambling.title_word
        attribute: finance.gambling
        title: A word in the title
        confidence: 0.5
        match:
          kinds: [page_view]
          fields: [title]
          terms: [zebra]
        examples:
          positive:
            - {source: browser.chrome, kind: page_view, title: zebra}
          negative:
            - {source: browser.chrome, kind: page_view, text: zebra}
      - id: finance.gambling.text_word
        attribute: finance.gambling
        title: The same word in the text
        confidence: 0.5
        match:
          kinds: [page_view]
          fields: [text]
          terms: [zebra]
        examples:
          positive:
            - {source: browser.chrome, kind: page_view, text: zebra}
          negative:
            - {source: browser.chrome, kind: page_view, title: zebra}
      - id: health.alcohol.other_word
        attribute: health.alcohol
        title: Another word in the text, from a lexicon
        confidence: 0.5
        match:
          kinds: [page_view]
          fields: [text]
          lexicons: [gambling]
        examples:
          positive:
            - {source: browser.chrome, kind: page_view, text: casino}
          negative:
            - {source: browser.chrome, kind: page_view, title: casino}
      - id: health.alcohol.any_page_at_night
        attribute: health.alcohol
        title: No lexicon condition
        confidence: 0.5
        match:
          kinds: [page_view]
          hours: 0-5
        examples:
          positive:
            - {source: browser.chrome, kind: page_view, time: "2024-05-01T02:00:00Z", title: anything}
          negative:
            - {source: browser.chrome, kind: page_view, time: "2024-05-01T12:00:00Z", title: anything}
    """

    /// The rules above, loaded once for every test (each call gets its own session).
    private static let ruleSet = Result { () throws -> RuleSet in
        let fixture = try RuleDirectoryFixture(files: ["signals/x.yaml": rules])
        return try RuleSet.load(directory: fixture.rulesDirectory)
    }

    private func fired(title: String?, text: String?) throws -> [String] {
        let session = InferenceSession(ruleSet: try Self.ruleSet.get())
        let night = Timestamp.parseISO8601(Array("2024-05-01T02:00:00Z".utf8))
        return session.process(Event(source: "browser.chrome", kind: .pageView, time: night, text: text, title: title,
                                     position: .line(1)), path: "history.json")
    }

    func testAHitFiresOnlyTheRulesThatReadItsField() throws {
        XCTAssertEqual(try fired(title: "zebra crossing", text: nil),
                       ["finance.gambling.title_word", "health.alcohol.any_page_at_night"])
        XCTAssertEqual(try fired(title: nil, text: "zebra crossing"),
                       ["finance.gambling.text_word", "health.alcohol.any_page_at_night"])
    }

    func testHitsInSeveralFieldsAndGroupsFireTheirRulesInFileOrder() throws {
        XCTAssertEqual(try fired(title: "zebra", text: "casino zebra"),
                       ["finance.gambling.title_word", "finance.gambling.text_word", "health.alcohol.other_word",
                        "health.alcohol.any_page_at_night"])
    }

    func testARuleWithoutALexiconConditionIsAskedWhetherOrNotAnythingHit() throws {
        XCTAssertEqual(try fired(title: "nothing here", text: nil), ["health.alcohol.any_page_at_night"])
        XCTAssertEqual(try fired(title: nil, text: "casino"), ["health.alcohol.other_word", "health.alcohol.any_page_at_night"])
    }
}
