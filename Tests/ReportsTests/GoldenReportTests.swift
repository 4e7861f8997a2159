import Foundation
import XCTest
import StewardCore
@testable import Reports

/// Renders `ReportFixture` with every reporter and compares with Tests/ReportsTests/Golden.
/// `STEWARD_RECORD_GOLDEN=1 swift test --filter ReportsTests` rewrites the files and fails the
/// test, so a re-recording is always deliberate and shows up in the diff.
final class GoldenReportTests: XCTestCase {
    private var recording: Bool { ProcessInfo.processInfo.environment["STEWARD_RECORD_GOLDEN"] == "1" }

    private func assertGolden(_ actual: String, name: String, file: StaticString = #filePath, line: UInt = #line) throws {
        if recording {
            let directory = URL(fileURLWithPath: "\(#filePath)").deletingLastPathComponent().appendingPathComponent("Golden")
            try actual.write(to: directory.appendingPathComponent(name), atomically: true, encoding: .utf8)
            XCTFail("recorded Golden/\(name); run again without STEWARD_RECORD_GOLDEN to compare", file: file, line: line)
            return
        }
        let parts = name.split(separator: ".")
        guard let url = Bundle.module.url(forResource: String(parts[0]), withExtension: String(parts[1]), subdirectory: "Golden") else {
            return XCTFail("missing Golden/\(name): record it with STEWARD_RECORD_GOLDEN=1", file: file, line: line)
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        if actual != expected {
            let actualLines = actual.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = Array(zip(actualLines, expectedLines)).firstIndex { $0.0 != $0.1 } ?? min(actualLines.count, expectedLines.count)
            XCTFail("Golden/\(name) differs at line \(first + 1):\nexpected: \(first < expectedLines.count ? String(expectedLines[first]) : "<end>")\n"
                + "actual:   \(first < actualLines.count ? String(actualLines[first]) : "<end>")", file: file, line: line)
        }
    }

    func testTerminalGolden() throws {
        try assertGolden(TerminalReporter(color: false).render(ReportFixture.report), name: "terminal.txt")
    }

    func testTerminalColorGolden() throws {
        try assertGolden(TerminalReporter(color: true).render(ReportFixture.report), name: "terminal-color.txt")
    }

    func testJSONGolden() throws {
        try assertGolden(JSONReporter().render(ReportFixture.report), name: "report.json")
    }

    func testHTMLGolden() throws {
        try assertGolden(HTMLReporter().render(ReportFixture.report), name: "report.html")
    }

    func testMarkdownGolden() throws {
        try assertGolden(MarkdownReporter().render(ReportFixture.report), name: "report.md")
    }

    /// Every format of the exhaustive enum renders the fixture (a new case without a reporter
    /// does not compile; a reporter that renders nothing fails here).
    func testEveryFormatRenders() {
        for format in ReportFormat.allCases {
            let text = format.makeReporter(color: false).render(ReportFixture.report)
            XCTAssertTrue(text.hasSuffix("\n"), "\(format)")
            XCTAssertTrue(text.contains("citizen-1000"), "\(format)")
        }
        XCTAssertEqual(ReportFormat(rawValue: "json"), .json)
        XCTAssertNil(ReportFormat(rawValue: "xml"))
    }
}
