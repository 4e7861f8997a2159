import XCTest
@testable import Rules
import StewardCore

/// Misspelled words in searches (docs/rules.md, "Misspellings in searches"): one inserted,
/// deleted or swapped character in a long word, never in its ending, never a replaced one.
final class SearchSpellingTests: XCTestCase {
    private func scalars(_ text: String) -> [Unicode.Scalar] { Array(text.unicodeScalars) }

    func testOneInsertionDeletionOrNeighbourSwapBeforeTheEndingIsOneEdit() {
        XCTAssertTrue(SearchSpellingIndex.withinOneEdit(scalars("psychoterapeut"), scalars("psychotherapeut")), "h missing")
        XCTAssertTrue(SearchSpellingIndex.withinOneEdit(scalars("sicologo"), scalars("psicologo")), "first letter missing")
        XCTAssertTrue(SearchSpellingIndex.withinOneEdit(scalars("therappist"), scalars("therapist")), "a letter doubled")
        XCTAssertTrue(SearchSpellingIndex.withinOneEdit(scalars("pregnnacy"), scalars("pregnancy")), "neighbours swapped")
        XCTAssertTrue(SearchSpellingIndex.withinOneEdit(scalars("беременость"), scalars("беременность")))
    }

    func testReplacementsEndingsShortWordsAndEqualWordsAreNot() {
        XCTAssertFalse(SearchSpellingIndex.withinOneEdit(scalars("rambling"), scalars("gambling")), "a replaced letter")
        XCTAssertFalse(SearchSpellingIndex.withinOneEdit(scalars("manifestation"), scalars("manifestacion")), "a cognate in another language")
        XCTAssertFalse(SearchSpellingIndex.withinOneEdit(scalars("manifestation"), scalars("manifestations")), "an inflected ending")
        XCTAssertFalse(SearchSpellingIndex.withinOneEdit(scalars("знакомство"), scalars("знакомства")), "an inflected ending")
        XCTAssertFalse(SearchSpellingIndex.withinOneEdit(scalars("grinder"), scalars("grindr")), "too short")
        XCTAssertFalse(SearchSpellingIndex.withinOneEdit(scalars("gambling"), scalars("gambling")), "the same word is the automaton's")
        XCTAssertFalse(SearchSpellingIndex.withinOneEdit(scalars("psychtherapeuts"), scalars("psychotherapeut")), "two edits")
    }

    static let rules = """
    rules:
      - id: health.alcohol.search
        attribute: health.alcohol
        title: Searches about drinking
        confidence: 0.5
        match:
          kinds: [search]
          fields: [text]
          terms: [alcoholism, "alcoho*"]
        examples:
          positive:
            - {source: google.my_activity, kind: search, text: alcoholism}
          negative:
            - {source: google.my_activity, kind: search, text: lemonade}
      - id: health.alcohol.purchase
        attribute: health.alcohol
        title: Payments to wine merchants
        confidence: 0.5
        match:
          kinds: [transaction]
          terms: [winemerchant]
        examples:
          positive:
            - {source: bank.csv, kind: transaction, text: winemerchant}
          negative:
            - {source: bank.csv, kind: transaction, text: lemonade}
    """

    private func session() throws -> (InferenceSession, RuleDirectoryFixture) {
        let fixture = try RuleDirectoryFixture(files: ["signals/x.yaml": Self.rules])
        return (InferenceSession(ruleSet: try RuleSet.load(directory: fixture.rulesDirectory)), fixture)
    }

    func testAMisspelledSearchFiresTheRuleAndItsEvidenceIsTheRecord() throws {
        let (session, fixture) = try session()
        _ = fixture
        let fired = session.process(Event(source: "google.my_activity", kind: .search, text: "signs of alcohlism in parents",
                                          position: .record(1)), path: "MyActivity.json")
        XCTAssertEqual(fired, ["health.alcohol.search"])
        XCTAssertEqual(session.findings().first?.evidence.first?.excerpt, "signs of alcohlism in parents")
    }

    func testOnlySearchesAreLookedUpNotBankRecordsOrPageTitles() throws {
        let (session, fixture) = try session()
        _ = fixture
        let bank = session.process(Event(source: "bank.csv", kind: .transaction, text: "WINEMERCHNT LTD", position: .line(1)), path: "a.csv")
        XCTAssertEqual(bank, [], "a bank record is matched exactly or not at all")
        let rules = Self.rules.replacingOccurrences(of: "kinds: [search]", with: "kinds: [search, page_view]")
        let pageFixture = try RuleDirectoryFixture(files: ["signals/x.yaml": rules])
        let pages = InferenceSession(ruleSet: try RuleSet.load(directory: pageFixture.rulesDirectory))
        XCTAssertEqual(pages.process(Event(source: "google.chrome_history", kind: .pageView, title: "Alcohlism - Wikipedia", position: .record(1)),
                                     path: "BrowserHistory.json"), [], "a page title is spelled by its publisher")
        XCTAssertEqual(pages.process(Event(source: "google.my_activity", kind: .search, text: "alcohlism", position: .record(2)),
                                     path: "MyActivity.json"), ["health.alcohol.search"])
    }

    func testTermsOfRulesThatDoNotReadSearchesAreNotInTheIndex() throws {
        let (session, fixture) = try session()
        _ = fixture
        let fired = session.process(Event(source: "google.my_activity", kind: .search, text: "winemerchnt near me", position: .record(1)), path: "x.json")
        XCTAssertEqual(fired, [])
        XCTAssertEqual(session.ruleSet.spelling.candidates(for: Array("winemerchnt".unicodeScalars)).count, 0)
        XCTAssertEqual(session.ruleSet.spelling.candidates(for: Array("alcohlism".unicodeScalars)).count, 1)
    }

    func testAKnownWordOneEditFromATermIsNotReadAsAMisspelling() throws {
        // The term stands for any long one-word term (a game's name here): "football" is
        // "efootball" with its first letter deleted. As a known word it stays itself, while a
        // typo of the same term is still found.
        let rules = Self.rules.replacingOccurrences(of: "terms: [alcoholism, \"alcoho*\"]", with: "terms: [efootball]")
        let search = Event(source: "google.my_activity", kind: .search, text: "football results", position: .record(1))
        let unlistedFixture = try RuleDirectoryFixture(files: ["signals/x.yaml": rules])
        let unlisted = InferenceSession(ruleSet: try RuleSet.load(directory: unlistedFixture.rulesDirectory))
        XCTAssertEqual(unlisted.process(search, path: "MyActivity.json"), ["health.alcohol.search"], "without the list the word is read as a typo")
        let fixture = try RuleDirectoryFixture(files: ["signals/x.yaml": rules,
                                                      "data/known-words.en.txt": "# everyday words\nFootball\n\nlemonade\n"])
        let listed = InferenceSession(ruleSet: try RuleSet.load(directory: fixture.rulesDirectory))
        XCTAssertEqual(listed.process(search, path: "MyActivity.json"), [])
        XCTAssertEqual(listed.process(Event(source: "google.my_activity", kind: .search, text: "efotball", position: .record(2)),
                                      path: "MyActivity.json"), ["health.alcohol.search"])
    }

    func testAOneWordTermOfAnyLexiconIsAKnownWord() throws {
        // "winemerchants" is a term of a rule that does not read searches; one letter from the
        // search term "winemerchant" it would be read as its typo, were it not a term itself.
        let rules = Self.rules.replacingOccurrences(of: "terms: [winemerchant]", with: "terms: [winemerchants]")
            .replacingOccurrences(of: "terms: [alcoholism, \"alcoho*\"]", with: "terms: [winemerchant]")
        let fixture = try RuleDirectoryFixture(files: ["signals/x.yaml": rules])
        let set = try RuleSet.load(directory: fixture.rulesDirectory)
        XCTAssertEqual(set.spelling.candidates(for: Array("winemerchants".unicodeScalars)).count, 0)
        XCTAssertEqual(set.spelling.candidates(for: Array("winemerchnt".unicodeScalars)).count, 1)
    }

    func testAKnownWordsLineThatIsNotOneWordFailsWithItsLine() throws {
        let fixture = try RuleDirectoryFixture(files: ["signals/x.yaml": Self.rules,
                                                      "data/known-words.de.txt": "# Alltagswörter\nFußball\nFußball Ergebnisse\n"])
        XCTAssertThrowsError(try RuleSet.load(directory: fixture.rulesDirectory)) { error in
            let message = "\(error)"
            XCTAssertTrue(message.contains("known-words.de.txt:3"), message)
            XCTAssertTrue(message.contains("Fußball Ergebnisse"), message)
        }
    }

    func testWordCharactersAnsweredDirectlyAgreeWithTheUnicodeProperty() {
        for range in [0x00...0x17F, 0x4DF0...0xA00F] {
            for value in range {
                guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
                XCTAssertEqual(SearchSpellingIndex.isWordScalar(scalar), scalar.properties.isAlphabetic, "U+\(String(value, radix: 16))")
            }
        }
    }
}
