import XCTest
import Localization
@testable import Reports
import StewardCore

/// Every readable report says, for each source its findings came from, where to delete the data
/// at the platform (docs/requests.md).
final class DeletionGuideReportTests: XCTestCase {
    private let report = ReportFixture.report
    private var sources: [String] { Set(report.findings.flatMap(\.sources)).sorted() }

    func testEntriesListEverySourceOfTheFindingsOnceWithTheFindingsItFeeds() throws {
        let entries = DeletionGuides.entries(for: report.findings, localizer: .english)
        XCTAssertEqual(entries.flatMap(\.sources), sources)
        let google = try XCTUnwrap(entries.first { $0.sources == ["google.my_activity"] })
        XCTAssertEqual(google.findings, report.findings.filter { $0.sources.contains("google.my_activity") }.map { Localizer.english.title(of: $0) })
        XCTAssertEqual(google.guide, Localizer.english("sources.google.my_activity.delete"))
    }

    func testSourcesSharingAGuideShowItOnceWithTheFindingsOfBoth() throws {
        var findings = report.findings
        findings[0].sources = ["bank.csv"]
        let entries = DeletionGuides.entries(for: findings, localizer: .english)
        let bank = try XCTUnwrap(entries.first { $0.sources.contains("bank.csv") })
        XCTAssertEqual(bank.sources, ["bank.csv", "bank.ofx"], "the bank statement formats share one guide")
        XCTAssertEqual(Set(bank.findings), Set(findings.filter { !Set($0.sources).isDisjoint(with: ["bank.csv", "bank.ofx"]) }.map { Localizer.english.title(of: $0) }))
        var twoBanks = report
        twoBanks.findings = findings
        let text = TerminalReporter(color: false, width: 100_000).render(twoBanks)
        XCTAssertEqual(text.components(separatedBy: Localizer.english("sources.bank.ofx.delete")).count - 1, 1)
        XCTAssertTrue(text.contains("  bank.csv, bank.ofx — feeds "), text)
    }

    func testTheTerminalReportShowsTheDeletionGuideOfEachSourceOnce() {
        let text = TerminalReporter(color: false, width: 100_000).render(report)
        XCTAssertTrue(text.contains(Localizer.english("deletion.heading")))
        for source in sources {
            let guide = Localizer.english("sources.\(source).delete")
            XCTAssertEqual(text.components(separatedBy: guide).count - 1, 1, "\(source): its guide once")
        }
    }

    func testTheGermanTerminalReportShowsTheGermanGuide() {
        let text = TerminalReporter(color: false, width: 100_000, localizer: Localizer(.de)).render(report)
        XCTAssertTrue(text.contains(Localizer(.de)("sources.bank.ofx.delete")))
        XCTAssertNotEqual(Localizer(.de)("sources.bank.ofx.delete"), Localizer.english("sources.bank.ofx.delete"))
    }

    func testTheMarkdownReportShowsTheGuideBesideTheSource() {
        let md = MarkdownReporter().render(report)
        for source in sources {
            XCTAssertTrue(md.contains("- `\(source)` — feeds "), source)
            XCTAssertTrue(md.contains(MarkdownReporter.escape(Localizer.english("sources.\(source).delete"))), source)
        }
    }

    func testEachHTMLFindingLinksToTheGuideOfEachOfItsSources() {
        let html = HTMLReporter().render(report)
        XCTAssertTrue(html.contains("<section id=\"delete\">"))
        for source in sources {
            XCTAssertTrue(html.contains("<span id=\"delete-\(source)\"></span>"), source)
            XCTAssertTrue(html.contains(HTMLReporter.escape(Localizer.english("sources.\(source).delete"))), source)
        }
        for finding in report.findings {
            for source in finding.sources { XCTAssertTrue(html.contains("<a href=\"#delete-\(source)\">\(source)</a>"), source) }
        }
    }
}
