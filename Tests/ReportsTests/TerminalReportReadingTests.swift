import XCTest
import StewardCore
@testable import Reports

/// Issue 9, point 5: a terminal report a person can read from the top — the answer first,
/// counts that agree with their nouns, benefits called benefits, the base shown, places in
/// plain words, the terminal's width and colour respected.
final class TerminalReportReadingTests: XCTestCase {
    private let text = TerminalReporter(color: false).render(ReportFixture.report)

    private func offset(_ heading: String) -> Int {
        text.range(of: "\n" + heading)?.lowerBound.utf16Offset(in: text) ?? -1
    }

    func testSummaryComesFirstThenScoresFindingsEvidenceAndFiles() {
        let order = ["SUMMARY", "SCORES (3)", "FINDINGS (4)", "EVIDENCE", "FILES READ (2)", "FILES NOT RECOGNIZED (1)",
                     "KNOWN FILES NOT READ (1)"].map(offset)
        XCTAssertFalse(order.contains(-1), "\(order)")
        XCTAssertEqual(order, order.sorted())
        XCTAssertTrue(text.contains("""
            SUMMARY
              citizen-1000 — Municipal citizen score: 1140, tier AAA (exemplary)
                decided by: civic.blood_donation\u{00A0}+200, finance.gambling\u{00A0}-50,
                  health.alcohol\u{00A0}-10
            """), text)
        XCTAssertTrue(text.contains("    stopped by:") == false && text.contains("  hiring-stop-factors — Hiring stop factors: verdict pass"))
    }

    func testCountsAgreeWithTheirNouns() {
        let one = ScanReport(
            tool: .init(version: "t", rules: "r"), scan: .init(id: "s", started: "2024-01-01T00:00:00Z", paths: ["/a.csv"]),
            inputs: [.init(path: "/a.csv", source: "bank.csv", events: 1, skipped: 0, errors: ["line 3: no date"])],
            unrecognized: [],
            findings: [Finding(attribute: "finance.gambling", title: "Gambling", sensitivity: .financial, confidence: 1, count: 1,
                               firstSeen: nil, lastSeen: nil, rules: ["r"], sources: ["bank.csv"], evidence: [])],
            scores: [])
        let rendered = TerminalReporter(color: false).render(one)
        XCTAssertTrue(rendered.contains("/a.csv  bank.csv  1 record, 1 error"), rendered)
        XCTAssertTrue(rendered.contains("1 finding from 1 file read (1 record); 1 error, 0 warnings"), rendered)
        XCTAssertTrue(rendered.contains("confidence 1.00 · 1 record\n"), rendered)
        XCTAssertFalse(rendered.contains("1 records") || rendered.contains("1 events") || rendered.contains("1 errors"), rendered)
    }

    func testBenefitsAreNamedAsBenefitsAndCostsAsCosts() {
        XCTAssertTrue(text.contains("What tier AAA brings:\n      + faster permission to travel to Europe [SEED]"), text)
        XCTAssertFalse(text.contains("What tier AAA costs"), text)
        XCTAssertTrue(text.contains("What the verdict pass brings or costs: none named by the model's sources"), text)
    }

    func testTotalShowsTheBaseItDependsOn() {
        XCTAssertTrue(text.contains("total 1140 · tier AAA (exemplary)\n    base 1000 + contributions (+140) = 1140\n"), text)
        XCTAssertTrue(text.contains("base 50 + contributions (-96) = -46, the scale stops at 1"), text)
    }

    func testRecordPlacesInPlainWords() {
        XCTAssertEqual(RecordPlace.plain("record 64 (/64)"), "item 65")
        XCTAssertEqual(RecordPlace.plain("line 48 record 4"), "line 48")
        XCTAssertEqual(RecordPlace.plain("record 3 (/timelineObjects/3)"), "item 4")
        XCTAssertEqual(RecordPlace.plain("whole file"), "whole file")
        XCTAssertEqual(RecordPlace.plainMessage("record 4 (/4): no readable startTime"), "item 5: no readable startTime")
        XCTAssertEqual(RecordPlace.plainMessage("line 42 record 2: file ends inside a transaction"), "line 42: file ends inside a transaction")
        XCTAssertEqual(RecordPlace.plainMessage("no activity blocks found"), "no activity blocks found")
        XCTAssertTrue(text.contains("MyActivity.json  item 312  2024-01-20T10:02:11Z"), text)
        XCTAssertFalse(text.contains("record 311") || text.contains("(/311)"), text)
    }

    func testWarningsAreShownAsWarningsNotErrors() {
        XCTAssertTrue(text.contains("412 records, 2 skipped, 2\n      errors, 1 warning\n    warning: dates read as day/month"), text)
        XCTAssertFalse(text.contains("error: dates read"), text)
    }

    func testProblemsBeyondTheLimitAreCountedNotListed() {
        var report = ReportFixture.report
        report.inputs[0].errors = (1...50).map { "line \($0): expected 41 columns, found 3" }
        let rendered = TerminalReporter(color: false).render(report)
        XCTAssertEqual(rendered.components(separatedBy: "expected 41 columns").count - 1, 5)
        XCTAssertTrue(rendered.contains("… 45 more problems (--format json lists them all)"), rendered)
    }

    func testWidthAndColourComeFromTheEnvironment() {
        XCTAssertEqual(TerminalEnvironment.detect(environment: [:], ttyColumns: nil), TerminalEnvironment(width: 80, allowsColor: true))
        XCTAssertEqual(TerminalEnvironment.detect(environment: [:], ttyColumns: 132).width, 132)
        XCTAssertEqual(TerminalEnvironment.detect(environment: ["COLUMNS": "120"], ttyColumns: 132).width, 120)
        XCTAssertEqual(TerminalEnvironment.detect(environment: ["COLUMNS": "wide"], ttyColumns: nil).width, 80)
        XCTAssertEqual(TerminalEnvironment.detect(environment: ["COLUMNS": "10"], ttyColumns: nil).width, 40)
        XCTAssertFalse(TerminalEnvironment.detect(environment: ["TERM": "dumb"], ttyColumns: nil).allowsColor)
        XCTAssertFalse(TerminalEnvironment.detect(environment: ["NO_COLOR": ""], ttyColumns: nil).allowsColor)
        XCTAssertTrue(TerminalEnvironment.detect(environment: ["TERM": "xterm-256color"], ttyColumns: nil).allowsColor)

        let dumb = ReportFormat.terminal.makeReporter(color: true, terminal: .detect(environment: ["TERM": "dumb"], ttyColumns: 100))
        XCTAssertFalse(dumb.render(ReportFixture.report).contains("\u{1B}"))
        let coloured = ReportFormat.terminal.makeReporter(color: true, terminal: .detect(environment: ["TERM": "xterm"], ttyColumns: 100))
        XCTAssertTrue(coloured.render(ReportFixture.report).contains("\u{1B}[1m"))
        XCTAssertEqual((dumb as? TerminalReporter)?.width, 100)
    }
}
