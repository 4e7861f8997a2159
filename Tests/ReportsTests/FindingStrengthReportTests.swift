import XCTest
@testable import Reports
import StewardCore

/// A finding resting on one record of an often-wrong rule is reported, marked "possible", with
/// what would confirm it, in every format (docs/rules.md, "Strength").
final class FindingStrengthReportTests: XCTestCase {
    private static let possible = Finding(
        attribute: "health.mental", title: "Mental health", sensitivity: .special, confidence: 0.55, count: 1,
        firstSeen: "2024-02-01", lastSeen: "2024-02-01", rules: ["health.mental.search"], sources: ["google.my_activity"],
        evidence: [Evidence(path: "takeout.zip!Takeout/My Activity/Search/MyActivity.json", locator: "item 7",
                            time: "2024-02-01", excerpt: "Searched for therapist near me", rule: "health.mental.search")])

    private var report: ScanReport {
        var report = ReportFixture.report
        report.findings.append(Self.possible)
        return report
    }

    func testOneRecordBelowTheConfirmedConfidenceIsPossibleAndEverythingElseEstablished() {
        XCTAssertEqual(Self.possible.strength, .possible)
        var twice = Self.possible
        twice.count = 2
        XCTAssertEqual(twice.strength, .established, "a second record confirms it")
        var confident = Self.possible
        confident.confidence = FindingStrength.confirmedConfidence
        XCTAssertEqual(confident.strength, .established, "one record of a rule that is rarely wrong stands")
        XCTAssertEqual(ReportFixture.report.findings.map(\.strength), ReportFixture.report.findings.map { _ in .established })
    }

    func testJSONCarriesTheStrengthOfEveryFinding() throws {
        let json = try JSONSerialization.jsonObject(with: Data(JSONReporter().render(report).utf8)) as? [String: Any]
        let findings = try XCTUnwrap(json?["findings"] as? [[String: Any]])
        XCTAssertEqual(findings.count, report.findings.count)
        for finding in findings {
            let expected = finding["attribute"] as? String == "health.mental" ? "possible" : "established"
            XCTAssertEqual(finding["strength"] as? String, expected, "\(finding["attribute"] ?? "?")")
        }
    }

    func testTerminalMarkdownAndHTMLMarkThePossibleFindingAndSayWhatWouldConfirmIt() {
        for format in [ReportFormat.terminal, .markdown, .html] {
            // The terminal wraps long lines: compare with runs of white space made one space.
            let text = format.makeReporter(color: false).render(report)
                .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            XCTAssertTrue(text.contains("possible"), "\(format): no mark")
            XCTAssertTrue(text.contains("a second record of the same kind would confirm it"), "\(format): no confirmation line")
            let without = format.makeReporter(color: false).render(ReportFixture.report)
            XCTAssertFalse(without.contains("would confirm it"), "\(format): an established finding is marked")
        }
    }
}
