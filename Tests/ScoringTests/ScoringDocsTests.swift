import XCTest
@testable import Scoring

/// docs/scoring.md is kept by hand: this fails when a model, tier or contribution is missing from it.
final class ScoringDocsTests: XCTestCase {
    func testDocsMentionEveryModelTierAndContribution() throws {
        let docsPath = Taxonomy.modelsDirectory.replacingOccurrences(of: "/rules/models", with: "/docs/scoring.md")
        let docs = try String(contentsOfFile: docsPath, encoding: .utf8)
        let models = try ScoringModel.loadAll(directory: Taxonomy.modelsDirectory, knownAttributes: Taxonomy.ids)
        for model in models {
            XCTAssertTrue(docs.contains("## `\(model.id)`"), "docs/scoring.md has no section for \(model.id)")
            for tier in model.tiers {
                XCTAssertTrue(docs.contains("| \(tier.name) |"), "docs/scoring.md lacks tier \(tier.name) of \(model.id)")
            }
            for contribution in model.contributions {
                XCTAssertTrue(docs.contains("| \(contribution.id) | \(contribution.attribute) |"),
                              "docs/scoring.md lacks contribution \(contribution.id) (\(contribution.attribute))")
                XCTAssertTrue(docs.contains("| \(contribution.id) | \(contribution.attribute) | ")
                              && docs.components(separatedBy: "| \(contribution.id) |")[1].prefix(200)
                                .contains("| \(contribution.basis.rawValue) |"),
                              "docs/scoring.md gives the wrong basis for \(contribution.id)")
            }
        }
    }
}
