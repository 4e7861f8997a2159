import XCTest
@testable import Rules

/// Signal files whose examples the build checked are read without them by a load that lets
/// examples go; any other bytes are read and checked whole (docs/performance.md, "Examples
/// checked when steward is built").
final class ExamplesCheckedAtBuildTests: XCTestCase {
    private static let ruleFile = """
    rules:
      - id: finance.gambling.bookmaker
        attribute: finance.gambling
        title: Bookmaker
        confidence: 0.9
        match:
          lexicons: [gambling]
        examples:
          # a comment inside the block
          positive:
            - {source: bank.csv, kind: transaction, time: 2024-06-01, text: "BET365"}
            - source: bank.csv
              kind: transaction
              time: 2024-06-01
              text: |
                CASINO
                two lines

          negative:
            - {source: bank.csv, kind: transaction, time: 2024-06-01, text: "TESCO"}
      - id: finance.gambling.casino
        attribute: finance.gambling
        title: Casino
        confidence: 0.8
        match:
          terms: [casino]
        examples:   # trailing comment
          positive: [{source: bank.csv, kind: transaction, time: 2024-06-01, text: "CASINO"}]
          negative: [{source: bank.csv, kind: transaction, time: 2024-06-01, text: "TESCO"}]
    """

    private func lines(_ text: [UInt8]) -> [String] {
        String(decoding: text, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }

    func testEmptyingExamplesKeepsEveryOtherLineAtItsNumberAndEmptiesTheBlocks() {
        let original = lines(Array(Self.ruleFile.utf8))
        let emptied = lines(ExamplesCheckedAtBuild.blankingExamples(Array(Self.ruleFile.utf8)))
        XCTAssertEqual(emptied.count, original.count)
        for (number, line) in emptied.enumerated() where !line.isEmpty {
            XCTAssertEqual(line, original[number], "line \(number + 1) moved or changed")
        }
        XCTAssertFalse(emptied.contains { $0.contains("examples") || $0.contains("BET365") || $0.contains("two lines") || $0.contains("TESCO") })
        XCTAssertTrue(emptied.contains("  - id: finance.gambling.casino"), "the block ends at the next entry")
    }

    func testAnExamplesKeyWrittenInlineIsLeftAsItIs() {
        let text = "rules:\n  - id: a.b\n    examples: {positive: [], negative: []}\n    title: T\n"
        XCTAssertEqual(ExamplesCheckedAtBuild.blankingExamples(Array(text.utf8)), Array(text.utf8))
    }

    func testAFileWithTheCheckedBytesLoadsWithoutExamplesAndOtherBytesAreCheckedWhole() throws {
        // The second rule's negative example names a field no event has: a load that reads it fails.
        let broken = Self.ruleFile.replacingOccurrences(of: #"negative: [{source: bank.csv, kind: transaction, time: 2024-06-01, text: "TESCO"}]"#,
                                                        with: #"negative: [{source: bank.csv, kind: transaction, time: 2024-06-01, colour: red}]"#)
        XCTAssertNotEqual(broken, Self.ruleFile)
        let fixture = try RuleDirectoryFixture(files: ["signals/gambling.yaml": broken])
        let checked = ExamplesCheckedAtBuild(digests: ["signals/gambling.yaml": ExamplesCheckedAtBuild.digest(of: "signals/gambling.yaml", Array(broken.utf8))])

        let withoutExamples = try RuleSet.load(files: .folder(fixture.rulesDirectory), keepingExamples: false, examplesCheckedAtBuild: checked)
        XCTAssertEqual(withoutExamples.rules.map(\.id), ["finance.gambling.bookmaker", "finance.gambling.casino"])
        XCTAssertEqual(withoutExamples.rules.map(\.line), [2, 21], "rules keep the lines of the file as written")

        XCTAssertThrowsError(try RuleSet.load(files: .folder(fixture.rulesDirectory), keepingExamples: true, examplesCheckedAtBuild: checked),
                             "the rules commands read every example")
        let otherBytes = ExamplesCheckedAtBuild(digests: ["signals/gambling.yaml": ExamplesCheckedAtBuild.digest(of: "signals/gambling.yaml", Array(Self.ruleFile.utf8))])
        XCTAssertThrowsError(try RuleSet.load(files: .folder(fixture.rulesDirectory), keepingExamples: false, examplesCheckedAtBuild: otherBytes),
                             "a file changed since the build is checked whole")
    }
}
