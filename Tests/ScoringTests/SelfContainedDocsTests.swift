import XCTest

/// The repository must stand on its own: a comment, rule file or doc that cites the team's notes
/// kept outside it (their file names below) sends a reader of a clone to a file they do not have.
final class SelfContainedDocsTests: XCTestCase {
    /// Names of notes that live outside the repository; docs/ holds the project's own account.
    static let outsideNotes = ["SCORING.md", "DESIGN.md", "PERF-NOTES.md", "STYLE.md", "shared/seed", "shared/data"]

    func testNoSourceRuleOrDocCitesNotesOutsideTheRepository() throws {
        let root = URL(fileURLWithPath: Taxonomy.rulesDirectory).deletingLastPathComponent()
        var offending: [String] = []
        for folder in ["Sources", "rules", "docs", "Plugins", "scripts"] {
            let base = root.appendingPathComponent(folder)
            guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: nil) else { continue }
            for case let url as URL in walker where ["swift", "yaml", "txt", "md", "sh"].contains(url.pathExtension) {
                guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
                for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where Self.outsideNotes.contains(where: { line.contains($0) }) {
                    offending.append("\(url.path.dropFirst(root.path.count + 1)):\(number + 1)")
                }
            }
        }
        XCTAssertEqual(offending, [], "cite docs/ instead of notes outside the repository")
    }
}
