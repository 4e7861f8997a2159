import XCTest
@testable import Rules
import StewardCore

/// `also:` in a rule's match (docs/rules.md "Two things in one record"): a lexicon hit counts
/// only when the same record also hits one of the `also` lexicons or terms, in another span
/// and outside every `exclude` phrase.
final class AlsoConditionTests: XCTestCase {
    static let rules = """
    rules:
      - id: finance.gambling.fee_at_casino
        attribute: finance.gambling
        title: Fees charged by a casino
        confidence: 0.5
        match:
          terms: [fee]
          also:
            lexicons: [gambling]
          exclude:
            terms: [casino street]
        examples:
          positive:
            - {source: bank.csv, kind: transaction, text: CASINO LATE FEE}
          negative:
            - {source: bank.csv, kind: transaction, text: LATE FEE}
    """

    private func session(rules: String = rules) throws -> InferenceSession {
        let fixture = try RuleDirectoryFixture(files: ["signals/x.yaml": rules])
        return InferenceSession(ruleSet: try RuleSet.load(directory: fixture.rulesDirectory))
    }

    private func fired(_ text: String, in session: InferenceSession) -> [String] {
        session.process(Event(source: "bank.csv", kind: .transaction, text: text, position: .line(1)), path: "a.csv")
    }

    func testTheHitCountsWhenTheRecordAlsoNamesAnAlsoTerm() throws {
        let session = try session()
        XCTAssertEqual(fired("CASINO LATE FEE", in: session), ["finance.gambling.fee_at_casino"])
        XCTAssertEqual(fired("bet365 account fee", in: session), ["finance.gambling.fee_at_casino"])
    }

    func testTheHitDoesNotCountWithoutAnAlsoTerm() throws {
        XCTAssertEqual(fired("LATE FEE", in: try session()), [])
    }

    func testAnAlsoTermInsideAnExcludedPhraseDoesNotCount() throws {
        XCTAssertEqual(fired("CASINO STREET PARKING FEE", in: try session()), [])
    }

    func testOneWordInBothListsDoesNotSatisfyBoth() throws {
        let rules = Self.rules.replacingOccurrences(of: "terms: [fee]", with: "terms: [casino]")
        let session = try session(rules: rules)
        XCTAssertEqual(fired("CASINO", in: session), [], "the only gambling hit is the matched word itself")
        XCTAssertEqual(fired("CASINO bet365", in: session), ["finance.gambling.fee_at_casino"])
    }

    func testAlsoWithoutLexiconsOrTermsFailsWithItsLine() throws {
        let rules = Self.rules.replacingOccurrences(of: "also:\n        lexicons: [gambling]", with: "also: {}")
        XCTAssertNotEqual(rules, Self.rules)
        let fixture = try RuleDirectoryFixture(files: ["signals/x.yaml": rules])
        XCTAssertThrowsError(try RuleSet.load(directory: fixture.rulesDirectory)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("signals/x.yaml:"), message)
            XCTAssertTrue(message.contains("also needs lexicons or terms"), message)
        }
    }

    func testAlsoNamingAnUnknownLexiconFailsWithItsLine() throws {
        let rules = Self.rules.replacingOccurrences(of: "lexicons: [gambling]", with: "lexicons: [no_such_list]")
        XCTAssertNotEqual(rules, Self.rules)
        let fixture = try RuleDirectoryFixture(files: ["signals/x.yaml": rules])
        XCTAssertThrowsError(try RuleSet.load(directory: fixture.rulesDirectory)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("signals/x.yaml:"), message)
            XCTAssertTrue(message.contains("no_such_list"), message)
        }
    }

    // MARK: `also: within:` — how close the two halves must be

    private func withinRules(_ within: String) -> String {
        Self.rules.replacingOccurrences(of: "also:\n        lexicons: [gambling]",
                                        with: "also:\n        lexicons: [gambling]\n        within: \(within)")
    }

    func testWithinClauseCountsTheAlsoHitInTheSameClauseOnly() throws {
        let rules = withinRules("clause")
        XCTAssertNotEqual(rules, Self.rules)
        let session = try session(rules: rules)
        XCTAssertEqual(fired("casino entry fee for two", in: session), ["finance.gambling.fee_at_casino"])
        XCTAssertEqual(fired("fee for two, casino", in: session), [], "a comma ends the clause")
        XCTAssertEqual(fired("casino. fee", in: session), [], "a full stop ends the clause")
        XCTAssertEqual(fired("casino，fee", in: session), [], "a full-width comma ends the clause")
        XCTAssertEqual(fired("casino fee", in: session), ["finance.gambling.fee_at_casino"])
    }

    func testWithinWordsCountsAtMostThatManyWordsBetweenTheTwoHits() throws {
        let session = try session(rules: withinRules("2 words"))
        XCTAssertEqual(fired("casino entry fee", in: session), ["finance.gambling.fee_at_casino"])
        XCTAssertEqual(fired("fee paid at casino", in: session), ["finance.gambling.fee_at_casino"], "either order")
        XCTAssertEqual(fired("casino and its entry fee", in: session), [], "three words between")
        XCTAssertEqual(fired("fee paid, casino", in: session), [], "a clause break between")
    }

    func testWordCountTakesEachHanCharacterAsAWord() {
        let text = Array("a 我借了本书 b".utf8)
        XCTAssertEqual(RuleMatcher.wordCount(in: text, from: 0, to: text.count), 7)
        let latin = Array("über den  Kredit-Vergleich".utf8)
        XCTAssertEqual(RuleMatcher.wordCount(in: latin, from: 0, to: latin.count), 3)
    }

    func testAlsoWithinAnUnknownScopeFailsWithItsLine() throws {
        for bad in ["sentence", "9 words", "two words"] {
            let fixture = try RuleDirectoryFixture(files: ["signals/x.yaml": withinRules(bad)])
            XCTAssertThrowsError(try RuleSet.load(directory: fixture.rulesDirectory), bad) { error in
                let message = "\(error)"
                XCTAssertTrue(message.contains("signals/x.yaml:"), message)
                XCTAssertTrue(message.contains("also: within must be record, clause or '<n> words'"), message)
            }
        }
    }
}
