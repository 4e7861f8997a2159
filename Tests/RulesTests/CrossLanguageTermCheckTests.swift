import XCTest
import RuleFileReading
@testable import Rules

/// One-word terms that are everyday words of another language (docs/rules.md, "Terms that are
/// words of another language").
final class CrossLanguageTermCheckTests: XCTestCase {
    /// A rule matching on `gambling`, excluding with `gambling_decoys`; French everyday words.
    private func problems(_ files: [String: String]) throws -> [CrossLanguageTermCheck.Problem] {
        var all = [
            "signals/gambling.yaml": """
            rules:
              - id: finance.gambling.words
                attribute: finance.gambling
                title: Gambling words
                confidence: 0.9
                match:
                  sources: [bank.*]
                  kinds: [transaction]
                  lexicons: [gambling]
                  exclude:
                    lexicons: [gambling_decoys]
                examples:
                  positive:
                    - {source: bank.csv, kind: transaction, text: "BET365"}
                  negative:
                    - {source: bank.csv, kind: transaction, text: "TESCO"}
            """,
            "lexicons/gambling_decoys.en.txt": "poker face\n",
            "data/known-words.fr.txt": "# everyday French\nplacard\ncollection\nmaison\n",
            "data/known-words.en.txt": "house\n",
        ]
        for (path, text) in files { all[path] = text }
        let fixture = try RuleDirectoryFixture(files: all)
        let files = RuleFiles.folder(fixture.rulesDirectory)
        return CrossLanguageTermCheck.problems(in: try RuleSet.load(files: files), files: files)
    }

    func testAOneWordTermThatIsAnEverydayWordOfAnotherLanguageIsNamedWithItsFileAndLine() throws {
        let found = try problems(["lexicons/gambling.en.txt": "bet365\n# a comment\nplacard\n"])
        XCTAssertEqual(found.map(\.file), ["rules/lexicons/gambling.en.txt"])
        XCTAssertEqual(found.map(\.line), [3])
        XCTAssertEqual(found.map(\.term), ["placard"])
        XCTAssertEqual(found.map(\.otherLanguage), ["fr"])
        XCTAssertTrue(found[0].description.hasPrefix("rules/lexicons/gambling.en.txt:3: 'placard' is an everyday word in 'fr' (rules/data/known-words.fr.txt)"),
                      found[0].description)
    }

    func testTheSameWordFoldedIsFoundWhateverItsCaseAndAccents() throws {
        let found = try problems(["lexicons/gambling.en.txt": "bet365\nPlacárd\n"])
        XCTAssertEqual(found.map(\.term), ["Placárd"])
    }

    func testPhrasesPrefixTermsAndWordsOfTheFilesOwnLanguageAreNotReported() throws {
        XCTAssertEqual(try problems(["lexicons/gambling.en.txt": "bet365\nbring a placard\nplacard*\n"]), [])
        XCTAssertEqual(try problems(["lexicons/gambling.fr.txt": "placard\n", "lexicons/gambling.en.txt": "bet365\n"]), [],
                       "a French term in the French file")
        XCTAssertEqual(try problems(["lexicons/gambling.en.txt": "bet365\nhouse\n",
                                     "data/known-words.fr.txt": "house\n"]), [],
                       "an everyday word of the file's own language as well")
    }

    func testAWordTheSameLexiconListsForTheOtherLanguageToo() throws {
        XCTAssertEqual(try problems(["lexicons/gambling.en.txt": "bet365\ncollection\n",
                                     "lexicons/gambling.fr.txt": "collection\n"]), [])
    }

    func testExclusionListsAreNotRead() throws {
        XCTAssertEqual(try problems(["lexicons/gambling.en.txt": "bet365\n",
                                     "lexicons/gambling_decoys.en.txt": "maison\n"]), [])
    }
}
