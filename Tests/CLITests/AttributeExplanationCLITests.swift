import Foundation
import XCTest

/// Every attribute's explanation (rules/attributes.yaml) is shown where a person reads a
/// finding: `explain` prints it under the heading and the Markdown report puts it under the
/// finding's title (the HTML dossier already does), in the report's language.
final class AttributeExplanationCLITests: XCTestCase {
    var home: String!

    override func setUpWithError() throws { home = try StewardProcess.makeTemporaryDirectory("explanations") }
    override func tearDownWithError() throws { try? FileManager.default.removeItem(atPath: home) }

    func testExplainAndTheMarkdownReportShowTheAttributesExplanation() throws {
        let english = "Purchases at liquor stores, pubs and bars."
        let demo = try StewardProcess.run(["demo", "--format", "markdown", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let heading = try XCTUnwrap(demo.stdout.range(of: "(`health.alcohol`)"), "the demo finds alcohol")
        let afterHeading = demo.stdout[heading.upperBound...].prefix(400)
        XCTAssertTrue(afterHeading.contains("_Purchases at liquor stores, pubs and bars\\."), String(afterHeading))

        let explain = try StewardProcess.run(["explain", "health.alcohol", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(explain.status, 0, explain.stderr)
        let lines = explain.stdout.split(separator: "\n")
        XCTAssertTrue(lines.count > 1 && lines[1].hasPrefix(english), explain.stdout)
    }

    func testExplainShowsTheExplanationInTheChosenLanguage() throws {
        let demo = try StewardProcess.run(["demo", "--format", "json", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(demo.status, 0, demo.stderr)
        let explain = try StewardProcess.run(["explain", "health.alcohol", "--lang", "de", "--rules", StewardProcess.rulesDirectory], home: home)
        XCTAssertEqual(explain.status, 0, explain.stderr)
        let lines = explain.stdout.split(separator: "\n")
        XCTAssertTrue(lines.count > 1, explain.stdout)
        XCTAssertTrue(lines[1].hasPrefix("Einkäufe in Spirituosengeschäften, Kneipen und Bars."), explain.stdout)
    }
}
