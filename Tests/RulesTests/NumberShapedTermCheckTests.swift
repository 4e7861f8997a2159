import XCTest
import RuleFileReading
@testable import Rules

/// Lexicon terms made only of digits and the punctuation of dates, times and amounts
/// (docs/rules.md, "Terms shaped like numbers").
final class NumberShapedTermCheckTests: XCTestCase {
    /// The check reads lexicon files only, not rules: every lexicon is part of the automaton.
    private func problems(_ lexicon: String) throws -> [NumberShapedTermCheck.Problem] {
        let fixture = try RuleDirectoryFixture(files: [
            "lexicons/below_zero.en.txt": lexicon,
        ])
        return NumberShapedTermCheck.problems(files: .folder(fixture.rulesDirectory))
    }

    func testABareMinusAndNumberIsNamedWithItsFileLineAndTerm() throws {
        let found = try problems("in the red\n# a comment\n-{n}\n")
        XCTAssertEqual(found.map(\.file), ["rules/lexicons/below_zero.en.txt"])
        XCTAssertEqual(found.map(\.line), [3])
        XCTAssertEqual(found.map(\.term), ["-{n}"])
        XCTAssertTrue(found[0].description.hasPrefix("rules/lexicons/below_zero.en.txt:3: '-{n}' is made only of digits"),
                      found[0].description)
    }

    func testShortTermsOfDigitsPlaceholderAndDateOrAmountPunctuationAreAllReported() throws {
        let found = try problems("in the red\n{n}00\n-{n}0\n{n}.{n}0\n12\n3/4\n")
        XCTAssertEqual(found.map(\.term), ["{n}00", "-{n}0", "{n}.{n}0", "12", "3/4"])
    }

    func testTermsWithAWordACurrencyOrFourDigitsOrMoreAreNotReported() throws {
        XCTAssertEqual(try problems("in the red\non -{n}\n-{n} €\n-£\n116 123\n12315\n11.11.11\nn26\nminus {n}00\n"), [])
    }

    func testTheShippedLexiconsHoldNoNumberShapedTerm() throws {
        let found = NumberShapedTermCheck.problems(files: .folder(RuleSetExamplesTests.rulesDirectory))
        XCTAssertEqual(found.map(\.description), [])
    }
}
