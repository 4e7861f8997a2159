import Foundation
import XCTest

/// `steward models` lists every model in rules/models with what each contribution reads, its
/// basis and its source (docs/scoring.md).
final class ModelsCommandTests: XCTestCase {
    private func modelFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: StewardProcess.rulesDirectory + "/models")
            .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
    }

    func testListsEveryModelFileWithItsContributionsBasesAndSources() throws {
        let home = try StewardProcess.makeTemporaryDirectory("models-home")
        let result = try StewardProcess.run(["models"], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        let ids = try modelFiles()
        XCTAssertGreaterThanOrEqual(ids.count, 6)
        for id in ids { XCTAssertTrue(result.stdout.contains("\n\(id) — ") || result.stdout.hasPrefix("\(id) — "), "\(id) missing") }
        XCTAssertTrue(result.stdout.contains("citizen.blood_donation  reads civic.blood_donation  +200  [documented]"), result.stdout)
        XCTAssertTrue(result.stdout.contains("blacklist.enforcement  reads finance.arrears  stop factor: "), result.stdout)
        XCTAssertTrue(result.stdout.contains("[WIRED] Rachel Botsman"), "sources are listed with their citation")
    }

    func testJSONHasEveryModelAndEveryContributionNamesAttributeBasisAndSource() throws {
        let home = try StewardProcess.makeTemporaryDirectory("models-home")
        let result = try StewardProcess.run(["models", "--json"], home: home)
        XCTAssertEqual(result.status, 0, result.stderr)
        let models = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [[String: Any]])
        XCTAssertEqual(models.compactMap { $0["id"] as? String }, try modelFiles())
        for model in models {
            let contributions = try XCTUnwrap(model["contributions"] as? [[String: Any]], "\(model["id"] ?? "?")")
            XCTAssertFalse(contributions.isEmpty)
            for contribution in contributions {
                XCTAssertNotNil(contribution["attribute"] as? String)
                XCTAssertTrue(["documented", "reported", "illustrative"].contains(contribution["basis"] as? String ?? ""), "\(contribution)")
                XCTAssertTrue((contribution["source"] as? String ?? "").contains("["), "a source names its key: \(contribution)")
            }
        }
    }
}
