import XCTest
import RuleFileReading
@testable import Rules

/// Lexicon terms written twice in one file once folded (docs/rules.md, "Terms written twice").
final class FoldedDuplicateTermCheckTests: XCTestCase {
    private func problems(_ files: [String: String]) throws -> [FoldedDuplicateTermCheck.Problem] {
        let fixture = try RuleDirectoryFixture(files: files)
        return FoldedDuplicateTermCheck.problems(files: .folder(fixture.rulesDirectory))
    }

    func testASpellingThatFoldsLikeAnEarlierOneIsNamedWithBothLines() throws {
        let found = try problems(["lexicons/unemployment.fr.txt": "chômage\n# a comment\npôle emploi\nchomage\n"])
        XCTAssertEqual(found.map(\.line), [4])
        XCTAssertEqual(found.map(\.term), ["chomage"])
        XCTAssertEqual(found.map(\.firstLine), [1])
        XCTAssertEqual(found.map(\.firstTerm), ["chômage"])
        XCTAssertTrue(found[0].description.hasPrefix("rules/lexicons/unemployment.fr.txt:4: 'chomage' folds like 'chômage' on line 1"),
                      found[0].description)
    }

    func testCaseYoAndTraditionalCharactersFoldTogether() throws {
        let found = try problems(["lexicons/volunteering.ru.txt": "волонтёр\nВОЛОНТЕР\n",
                                  "lexicons/volunteering.zh.txt": "义工\n義工\n"])
        XCTAssertEqual(Set(found.map(\.term)), ["ВОЛОНТЕР", "義工"])
    }

    func testAPrefixOrExactMarkMakesADifferentTermAndOtherFilesDoNotCount() throws {
        let found = try problems(["lexicons/strike.fr.txt": "grève\ngrève*\ngreve!\n",
                                  "lexicons/strike.de.txt": "grève\n"])
        XCTAssertEqual(found, [])
    }

    func testTheShippedLexiconsHoldNoTermWrittenTwice() {
        let found = FoldedDuplicateTermCheck.problems(files: .folder(RuleSetExamplesTests.rulesDirectory))
        XCTAssertEqual(found.map(\.description), [])
    }
}
