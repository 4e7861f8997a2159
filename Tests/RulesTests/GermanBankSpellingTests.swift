import XCTest
import StewardCore
@testable import Rules

/// German bank lines are written without umlauts (SEPA's character set): a German lexicon term
/// with ä, ö or ü also matches its ae/oe/ue spelling (docs/rules.md, "Lexicons and text folding").
final class GermanBankSpellingTests: XCTestCase {
    func testUmlautsAreWrittenAsTheirTwoLetterSpellingAndOtherTermsHaveNone() {
        XCTAssertEqual(RuleSetLoader.sepaSpelling(ofGerman: "Mahngebühr"), "Mahngebuehr")
        XCTAssertEqual(RuleSetLoader.sepaSpelling(ofGerman: "Österreichische Lotterien"), "Oesterreichische Lotterien")
        XCTAssertEqual(RuleSetLoader.sepaSpelling(ofGerman: "spielbank*"), nil)
        XCTAssertEqual(RuleSetLoader.sepaSpelling(ofGerman: "straße"), nil, "ß folds to ss already")
    }

    /// The bookmaker rule every validation test starts from (sources bank.*, lexicon gambling).
    static let rule = RuleValidationTests.validRule

    private func fires(_ text: String, lexicons: [String: String]) throws -> Bool {
        var files = ["signals/finance/gambling.yaml": Self.rule]
        for (path, terms) in lexicons { files[path] = terms }
        let fixture = try RuleDirectoryFixture(files: files)
        let rules = try RuleSet.load(directory: fixture.rulesDirectory)
        let session = InferenceSession(ruleSet: rules)
        return !session.process(Event(source: "bank.csv", kind: .transaction, text: text), path: "statement.csv").isEmpty
    }

    func testAGermanTermMatchesTheBanksSpellingAndTheUmlautSpelling() throws {
        let german = ["lexicons/gambling.de.txt": "wettbüro\n", "lexicons/gambling.en.txt": "bet365\n"]
        XCTAssertTrue(try fires("SEPA-LASTSCHRIFT WETTBUERO SUED", lexicons: german))
        XCTAssertTrue(try fires("Kartenzahlung Wettbüro Süd", lexicons: german))
    }

    func testATermOfAnotherLanguageGetsNoSecondSpelling() throws {
        let english = ["lexicons/gambling.en.txt": "wettbüro\n"]
        XCTAssertTrue(try fires("Wettbüro", lexicons: english))
        XCTAssertFalse(try fires("WETTBUERO", lexicons: english))
    }
}
